//! The YAML a site is written in, on any text: every raw shape of the
//! model through `annals::yaml::parse` in memory (fast), `site.yaml`
//! through `Config::parse` with its validation, and, for a share of the
//! inputs, the text written into one file of a small site on a RAM disk
//! and the whole site loaded with `annals::content::load_partial`, which
//! resolves dates, photos, slugs, stats and the chronicle. Errors are
//! expected; a panic, a hang or a runaway allocation is a finding.
//!
//! Input: one byte chooses what the text is (`Kind`), one byte holds the
//! flags, the rest is the text.

#![no_main]
// As in the library: diagnostics are large and only travel the cold path.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use annals::Diagnostic;
use annals::config::Config;
use annals::content::front_matter::{
    Peek, RawEvent, RawHome, RawPage, RawPhoto, RawReport, RawSection, RawStat,
};
use annals::stats::FigureStyle;
use annals::yaml::{self, Source};
use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;

#[derive(Clone, Copy, Debug)]
enum Kind {
    // In memory: the text is the YAML itself.
    Home,
    Report,
    Section,
    Page,
    Peek,
    Stats,
    Records,
    Photos,
    Config,
    // On disk: the text is one whole file of the small site.
    SiteFile(&'static str),
}

const KINDS: [Kind; 16] = [
    Kind::Home,
    Kind::Report,
    Kind::Section,
    Kind::Page,
    Kind::Peek,
    Kind::Stats,
    Kind::Records,
    Kind::Photos,
    Kind::Config,
    Kind::SiteFile("_index.md"),
    Kind::SiteFile("2024/_index.md"),
    Kind::SiteFile("2024/01-work.md"),
    Kind::SiteFile("2024/stats.yaml"),
    Kind::SiteFile("2024/records.yaml"),
    Kind::SiteFile("archive/_index.md"),
    Kind::SiteFile("archive/notes.md"),
];

/// The small site every on-disk input is written into: a home page, a
/// report with a chapter, figures, a chronicle and a photo, and a section.
const SITE: [(&str, &str); 7] = [
    ("_index.md", "---\ntitle: Annals\nsummary: Every year\n---\nWelcome.\n"),
    (
        "2024/_index.md",
        "---\ntitle: Report 2024\nyear: 2024\ndate: 2024-12\ncover: photo.jpg\ntags: [a, b]\nphotos:\n  - src: photo.jpg\n    caption: Hall\n    alt: The hall\n    date: 2024-05-01\n---\nPreface.\n",
    ),
    (
        "2024/01-work.md",
        "---\ntitle: Work\nnumber: 1\nstats:\n  - key: sessions\n    label: Sessions\n    value: 14\n    unit: times\n    approx: over\n    highlight: true\n  - key: visits\n    label: Visits\n    count: { kind: visit }\n---\nWe met {{ stat(key=\"sessions\") }}.\n\n![Hall](photo.jpg \"The hall\")\n",
    ),
    (
        "2024/stats.yaml",
        "- key: members\n  label: Members\n  value: 120\n  group: People\n- key: people\n  label: People met\n  sum: participants\n  where: { kind: visit }\n",
    ),
    (
        "2024/records.yaml",
        "- date: 2024-05-01\n  title: Visit\n  kind: visit\n  chapter: work\n  participants: 30\n  photos:\n    - src: photo.jpg\n      caption: At the door\n- date: 2024-06\n  title: Meeting\n  kind: meeting\n",
    ),
    (
        "archive/_index.md",
        "---\ntitle: Archive\nsort_by: date\npaginate_by: 10\n---\nOld papers.\n",
    ),
    ("archive/notes.md", "---\ntitle: Notes\ndate: 1999\nsubjects: [history]\n---\nNotes.\n"),
];

struct Site {
    /// Keeps the folder for the life of the process.
    _dir: tempfile::TempDir,
    root: PathBuf,
    style: FigureStyle,
}

fn site() -> &'static Site {
    static SITE_DIR: OnceLock<Site> = OnceLock::new();
    SITE_DIR.get_or_init(|| {
        // One core: libFuzzer runs one input at a time anyway, and the
        // loader's parallel parsing would only add threads to wait on.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
        let ram = Path::new("/dev/shm");
        let dir = if ram.is_dir() { tempfile::tempdir_in(ram) } else { tempfile::tempdir() }
            .expect("a temporary folder");
        let root = dir.path().to_path_buf();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("2024")).unwrap();
        std::fs::create_dir_all(content.join("archive")).unwrap();
        for (rel, text) in SITE {
            std::fs::write(content.join(rel), text).unwrap();
        }
        std::fs::write(content.join("2024/photo.jpg"), annals::images::placeholder_jpeg(64, 48))
            .unwrap();
        let (_, errors) = annals::content::load_partial(&root, false);
        assert!(errors.is_empty(), "the small site must load cleanly: {errors:?}");
        let style = FigureStyle {
            plain: "{value}{unit}".into(),
            over: "{value}+{unit}".into(),
            nearly: "nearly {value}{unit}".into(),
            about: "about {value}{unit}".into(),
        };
        Site { _dir: dir, root, style }
    })
}

/// What every diagnostic must be: positioned from 1, printable.
fn check(result: Result<(), Diagnostic>) {
    if let Err(d) = result {
        check_diagnostic(&d);
    }
}

fn check_diagnostic(d: &Diagnostic) {
    assert!(d.line != Some(0) && d.column != Some(0), "a position counted from 0: {d:?}");
    let _ = d.to_string();
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, file: &str, first_line: usize) {
    let file = Path::new(file);
    let source = Source { file, text, first_line };
    check(yaml::parse::<T>(text, source).map(drop));
}

fn load_site(rel: &str, text: &str, drafts: bool) {
    let site = site();
    let path = site.root.join("content").join(rel);
    std::fs::write(&path, text).unwrap();
    let (model, errors) = annals::content::load_partial(&site.root, drafts);
    for d in &errors {
        check_diagnostic(d);
    }
    // What later stages do with the figures: format, compare, chart.
    for report in &model.reports {
        for stat in &report.stats {
            let _ = site.style.format(stat);
            let _ = annals::stats::change(stat, report.year, &model.reports);
            let _ = annals::stats::format_number(stat.value);
        }
    }
    let _ = annals::stats::series(&model.reports);
    let original = SITE.iter().find(|(r, _)| *r == rel).map(|(_, t)| *t).unwrap();
    std::fs::write(&path, original).unwrap();
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(kind) = u.choose(&KINDS) else { return };
    let drafts = bool::arbitrary(&mut u).unwrap_or(false);
    let text = String::from_utf8_lossy(u.take_rest());
    let text = text.as_ref();
    match *kind {
        Kind::Home => parse::<RawHome>(text, "content/_index.md", 2),
        Kind::Report => parse::<RawReport>(text, "content/2024/_index.md", 2),
        Kind::Section => parse::<RawSection>(text, "content/archive/_index.md", 2),
        Kind::Page => parse::<RawPage>(text, "content/2024/01-work.md", 2),
        Kind::Peek => parse::<Peek>(text, "content/archive/_index.md", 2),
        Kind::Stats => parse::<Vec<RawStat>>(text, "content/2024/stats.yaml", 1),
        Kind::Records => parse::<Vec<RawEvent>>(text, "content/2024/records.yaml", 1),
        Kind::Photos => parse::<Vec<RawPhoto>>(text, "content/2024/01-work.md", 2),
        Kind::Config => check(Config::parse(text).and_then(|config| {
            // A valid configuration goes on to choose and set up its
            // theme, which checks `theme_options` against the theme's.
            annals::theme::load(&site().root, &config).map(drop)
        })),
        Kind::SiteFile(rel) => load_site(rel, text, drafts),
    }
});
