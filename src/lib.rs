//! annals: a static site generator for annual reports and the archives they
//! grow into.
//!
//! A build is a pipeline whose stages hand plain values on (`pipeline`):
//! `config` (site.yaml) → `theme` → `content` (the model) → `images` (the
//! photo plan) → `render` (files into a sink) → `output` (the only
//! writer). docs/architecture.md tells the way through. `main` turns
//! errors into messages and exit codes; the library never prints.

// Diagnostics are rich (file, position, source line, hint) and only travel
// the cold path; boxing them would buy nothing measurable.
#![allow(clippy::result_large_err)]
// The library never prints: it returns reports and errors, and `main`
// decides what the user sees.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod images;
pub mod import;
pub mod messages;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod stats;
pub mod theme;
pub mod yaml;

use std::path::PathBuf;

use output::Sink;
use rayon::prelude::*;

pub use check::{CheckReport, Severity, check};
pub use config::{BuildOptions, Config};
pub use diagnostic::{Diagnostic, Diagnostics};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in what the user wrote: content, configuration, templates.
    #[error("{0}")]
    Content(#[from] Diagnostics),
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(d.into())
    }
}

/// What a build did, for `main` to report.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    pub reports: usize,
    pub pages: usize,
    pub files: usize,
    /// Files the previous build wrote alike, kept instead of written again.
    pub unchanged: usize,
    pub bytes: u64,
    pub photos: images::Summary,
}

/// The variables every page's template would be given, without rendering:
/// for the test that keeps the theme guide (docs/themes.md) honest.
#[doc(hidden)]
pub fn template_contexts(options: &BuildOptions) -> Result<Vec<render::TemplateContext>, Error> {
    let mut loaded = pipeline::load(options)?;
    // With `pdf: true`, each report's pages link its edition: its size
    // here stands in for one typeset.
    if loaded.config.pdf.publish {
        let reports = loaded.site.reports.iter();
        let translated = loaded.site.translations.iter().flat_map(|(_, t)| &t.reports);
        let paths = reports.chain(translated.filter(|r| !r.untranslated)).map(|r| r.path.clone());
        loaded.editions = paths.map(|path| (path, 0)).collect();
    }
    Ok(render::template_contexts(loaded.input())?)
}

/// Builds the site at `options.root` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    build_with_progress(options, &images::Quiet)
}

/// Builds, telling `progress` how photo processing goes.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn images::Progress,
) -> Result<BuildReport, Error> {
    let output = options.output_dir();
    // A dangerous output or cache folder is refused before any work. Each
    // file goes to the staging folder as soon as it is made; any error
    // drops the staging folder and leaves the output as it was.
    let staging = output::Staging::begin(&output, &options.root)?;
    if let Some(cache) = &options.cache_dir {
        output::check_cache_dir(cache, &options.root, &output)?;
    }
    let mut loaded = pipeline::load(options)?;
    pipeline::editions(&mut loaded, options, &staging)?;
    pipeline::render(&loaded, &staging)?;
    let (photo_files, mut photos, cache) = pipeline::photos(&loaded, options, progress)?;
    photo_files.into_par_iter().try_for_each(|f| staging.put(f))?;
    let summary = staging.commit()?;
    photos.pruned = cache.prune();
    Ok(BuildReport {
        output,
        reports: loaded.site.reports.len(),
        pages: summary.pages,
        files: summary.files,
        unchanged: summary.unchanged,
        bytes: summary.bytes,
        photos,
    })
}

/// `annals pdf YEAR`: typesets the report of `year` of the site at `root`
/// (with its drafts where `drafts`) into `output` (`YEAR.pdf` in the
/// current folder by default), replacing it in one step once the whole PDF
/// is made.
#[cfg(feature = "pdf")]
pub fn pdf(
    root: &std::path::Path,
    year: i32,
    output: Option<&std::path::Path>,
    drafts: bool,
    language: Option<&str>,
) -> Result<pdf::Written, Error> {
    let mut options = BuildOptions::new(root);
    options.drafts = drafts;
    let loaded = pipeline::load(&options)?;
    let translations = render::Translations::new(loaded.input());
    let inputs = translations.inputs(loaded.input());
    let (input, suffix) = match language {
        None => (inputs[0], String::new()),
        Some(tag) => {
            let found = inputs.iter().find(|i| i.config.language.eq_ignore_ascii_case(tag));
            let input = found.ok_or_else(|| no_language(&loaded.config, tag))?;
            let prefix = loaded.config.language_prefix(&input.config.language);
            (*input, prefix.trim_end_matches('/').to_owned())
        }
    };
    let report = find_report(input.site, Some(year))?;
    if report.untranslated {
        return Err(Diagnostic::new(
            format!("content/{}", report.preface.file),
            crate::tr!("site-pdf-untranslated", year = year, language = suffix.as_str()),
        )
        .hint(crate::tr!("site-pdf-untranslated-hint", language = suffix.as_str()))
        .into());
    }
    let fonts = pdf::find_fonts(&loaded.config, root)?;
    let cache = images::Cache::open(root, None)?;
    let photos = pdf::print_photos(input, report, &cache)?;
    let edition = pdf::typeset(input, report, &photos, &fonts)?;
    // `--output DIR` (or `DIR/`) writes DIR/YEAR.pdf (YEAR.en.pdf).
    let name =
        if suffix.is_empty() { format!("{year}.pdf") } else { format!("{year}.{suffix}.pdf") };
    let path = match output {
        Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/') => p.join(name),
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(name),
    };
    pdf::replace(&path, &edition.bytes).map_err(|e| {
        Diagnostic::new(&path, crate::tr!("site-cannot-write-pdf", error = e.to_string()))
            .hint(crate::tr!("site-cannot-write-pdf-hint"))
    })?;
    Ok(pdf::Written { path, year, pages: edition.pages, bytes: edition.bytes.len() })
}

/// The error of `--language TAG` naming no language of the site.
fn no_language(config: &Config, tag: &str) -> Diagnostic {
    let languages: Vec<&str> = config.all_languages().collect();
    Diagnostic::new("site.yaml", crate::tr!("site-no-language", language = tag))
        .hint(crate::tr!("site-languages", languages = languages.join(", ")))
}

/// The tag of the language `--language` asks for, as site.yaml writes it.
fn site_language<'a>(config: &'a Config, language: Option<&str>) -> &'a str {
    language
        .and_then(|tag| config.all_languages().find(|l| l.eq_ignore_ascii_case(tag)))
        .unwrap_or(&config.default_language)
}

/// The error of a command that needs the PDF edition, in an annals built
/// without it.
pub fn pdf_missing() -> Diagnostic {
    Diagnostic::new("site.yaml", crate::tr!("site-no-pdf-feature"))
        .hint(crate::tr!("site-no-pdf-feature-hint"))
}

/// The report of `year`, or the newest one.
pub fn find_report(
    site: &content::Site,
    year: Option<i32>,
) -> Result<&content::Report, Diagnostic> {
    let report = match year {
        None => site.reports.first(),
        Some(y) => site.reports.iter().find(|r| r.year == y),
    };
    report.ok_or_else(|| {
        let years: Vec<String> = site.reports.iter().map(|r| r.year.to_string()).collect();
        let draft = year.map(|y| format!("{y}/_index.md")).filter(|f| site.drafts.contains(f));
        let hint = if let Some(file) = draft {
            crate::tr!("site-report-is-draft", file = file)
        } else if years.is_empty() {
            crate::tr!("site-what-a-report-is")
        } else {
            crate::tr!("site-reports", years = years.join(", "))
        };
        let message = match year {
            Some(y) => crate::tr!("site-no-report-for", year = y.to_string()),
            None => crate::tr!("site-no-report"),
        };
        Diagnostic::new("content", message).hint(hint)
    })
}

/// How `annals stats` prints a report's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsFormat {
    Table,
    Csv,
    Json,
}

/// A report's figures as text, for an editor to check before publishing:
/// the newest report, or the one of `year`.
pub fn stats(
    root: &std::path::Path,
    year: Option<i32>,
    format: StatsFormat,
    language: Option<&str>,
) -> Result<String, Error> {
    let config = Config::load(root)?;
    let theme = theme::load(root, &config)?;
    let loaded = content::load(root, false, &pipeline::languages(&config))?;
    // The figures as one of the site's other languages writes them.
    let (site, theme) = match language {
        None => (&loaded, theme),
        Some(tag) => {
            let (tag, site) = loaded
                .translations
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(tag))
                .ok_or_else(|| no_language(&config, tag))?;
            (site, theme.in_language(tag))
        }
    };
    let style = render::figure_style(&theme, site_language(&config, language))?;
    let report = find_report(site, year)?;
    let reports = &site.reports;
    Ok(match format {
        StatsFormat::Table => render::data::table(report, reports, &style),
        StatsFormat::Csv => String::from_utf8_lossy(&render::data::csv(report, reports, &style))
            .trim_start_matches('\u{feff}')
            .to_owned(),
        StatsFormat::Json => {
            String::from_utf8_lossy(&render::data::json(report, reports, &style)).into_owned()
        }
    })
}
