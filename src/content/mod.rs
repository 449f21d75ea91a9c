//! The content model: what `content/` says, validated and resolved, with no
//! HTML in it. `load` reads the folder into a `Site`; later stages only read
//! the model.
//!
//! Loading goes in stages a reader can find by name: `walk` lists the
//! files, `parse` reads each Markdown file (in parallel), `tree` assembles
//! the home page, reports and sections, `pages` makes each kind of page,
//! `photos` resolves the photos pages show, `records` reads a report's
//! chronicle and `stats` its figures, `slug` makes names into URLs. They
//! share the `Loader` (`loader`); every problem is reported, not just the
//! first.

mod date;
mod figure;
pub mod front_matter;
mod loader;
mod markdown_refs;
mod pages;
mod parse;
mod photos;
pub mod prose;
mod records;
mod slug;
mod stats;
mod translate;
mod tree;
mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use loader::{Loader, content_file, file_name, parent};
use parse::{Parsed, Translation, parse_markdown, parse_translation};

pub use date::Date;
pub use figure::{Number, Period, Quantity, Scale, Written};
pub use front_matter::{Approx, Scalar, SortBy};
pub use loader::join;
pub use markdown_refs::{
    is_local, join_relative, line_column, parser_options as markdown_options, percent_decode,
    url_scheme,
};
pub use slug::{slugify, slugify_name};

/// The languages content is written in: the default one, whose pages are
/// at the site's root, and the others, each under `/TAG/`.
#[derive(Debug, Clone)]
pub struct Languages {
    pub default: String,
    pub others: Vec<String>,
}

impl Default for Languages {
    fn default() -> Self {
        Languages { default: "zh-CN".to_owned(), others: Vec::new() }
    }
}

impl Languages {
    /// Every language, the default one first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.default.as_str()).chain(self.others.iter().map(String::as_str))
    }
}

/// Loads the site under `root` (the folder holding `content/`).
pub fn load(root: &Path, drafts: bool, languages: &Languages) -> Result<Site, Diagnostics> {
    let (site, errors) = load_partial(root, drafts, languages);
    if errors.is_empty() { Ok(site) } else { Err(Diagnostics::sorted(errors)) }
}

/// Loads what can be loaded, with every problem found: the model without
/// the parts that failed, and `Site::unloaded` naming the Markdown files
/// that could not be read. `check` goes on with it to find the problems of
/// later stages in the same run; a build stops at the first error list.
pub fn load_partial(root: &Path, drafts: bool, languages: &Languages) -> (Site, Vec<Diagnostic>) {
    let content = root.join("content");
    let content_abs = match content.canonicalize() {
        Ok(dir) => dir,
        Err(e) => {
            let d = Diagnostic::new(
                "content",
                crate::tr!("content-folder-unreadable", error = e.to_string()),
            )
            .hint(crate::tr!("content-folder-hint"));
            return (Site::default(), vec![d]);
        }
    };
    let mut loader = Loader::in_language(&content_abs, drafts, languages, None);
    let mut files = loader.walk();
    let translation_files = loader.translation_files(&mut files, languages);
    let parsed: Vec<(&String, Result<Parsed, Diagnostic>)> =
        files.markdown.par_iter().map(|rel| (rel, parse_markdown(&content_abs, rel))).collect();
    let mut docs = BTreeMap::new();
    let mut unloaded = std::collections::BTreeSet::new();
    for (rel, p) in parsed {
        match p {
            Ok(mut p) => {
                let images = std::mem::take(&mut p.images);
                loader.images.insert(content_file(rel), images);
                docs.insert(p.rel.clone(), p);
            }
            Err(d) => {
                unloaded.insert(rel.clone());
                let top = d
                    .file
                    .components()
                    .nth(1)
                    .map(|c| c.as_os_str().to_string_lossy().into_owned());
                loader.incomplete.extend(top);
                loader.errors.push(d);
            }
        }
    }
    let translations: Vec<(&TranslationFile, Result<Translation, Diagnostic>)> = translation_files
        .par_iter()
        .map(|f| (f, parse_translation(&content_abs, &f.rel)))
        .collect();
    let others = (!languages.others.is_empty()).then(|| docs.clone());
    let mut site = loader.assemble(&files, docs);
    site.unloaded = unloaded;
    let mut by_language: BTreeMap<&str, translate::Translations> = BTreeMap::new();
    for (f, t) in translations {
        match t {
            Ok(t) if t.front.draft && !drafts => {}
            Ok(t) => {
                by_language.entry(&f.language).or_default().insert(f.original.clone(), t);
            }
            Err(d) => {
                site.unloaded.insert(f.rel.clone());
                loader.errors.push(d);
            }
        }
    }
    let mut notices = std::mem::take(&mut loader.notices);
    let mut errors = loader.errors;
    for language in &languages.others {
        let docs = others.clone().unwrap_or_default();
        let mut l = Loader::in_language(&content_abs, drafts, languages, Some(language));
        l.incomplete = loader.incomplete.clone();
        let mut translated = l.assemble(&files, docs);
        // The same files as the default language's: their errors are said.
        l.errors.clear();
        let none = translate::Translations::new();
        l.translate(&mut translated, by_language.get(language.as_str()).unwrap_or(&none));
        translated.unloaded = site.unloaded.clone();
        errors.extend(l.errors);
        notices.extend(l.notices);
        site.translations.push((language.clone(), translated));
    }
    site.translation_files = translation_files;
    site.notices = Diagnostics::sorted(notices).0;
    (site, errors)
}

/// A file that translates another (`01-politics.en.md`).
#[derive(Debug, Clone)]
pub struct TranslationFile {
    /// Relative to `content/`.
    pub rel: String,
    /// The file it translates, relative to `content/`.
    pub original: String,
    pub language: String,
}

impl Loader<'_> {
    /// Takes the translations out of the files to load as pages: each
    /// `NAME.TAG.md` whose TAG is one of the site's other languages. One
    /// whose original is missing is left out with a notice, and so is
    /// (as a page of its own) one into a language site.yaml does not list.
    fn translation_files(
        &mut self,
        files: &mut walk::Files,
        languages: &Languages,
    ) -> Vec<TranslationFile> {
        let originals: std::collections::HashSet<String> = files.markdown.iter().cloned().collect();
        let mut found = Vec::new();
        files.markdown.retain(|rel| {
            let Some((original, tag)) = translation_name(rel) else {
                return true;
            };
            let Some(language) = languages.others.iter().find(|l| l.eq_ignore_ascii_case(tag))
            else {
                if originals.contains(&original) && languages.default.eq_ignore_ascii_case(tag) {
                    self.notices.push(
                        Diagnostic::new(
                            content_file(rel),
                            crate::tr!("content-translation-default-language", language = tag),
                        )
                        .hint(crate::tr!("content-translation-default-language-hint")),
                    );
                } else if originals.contains(&original) && crate::config::is_language_tag(tag) {
                    self.notices.push(
                        Diagnostic::new(
                            content_file(rel),
                            crate::tr!("content-translation-unknown-language", language = tag),
                        )
                        .hint(crate::tr!(
                            "content-translation-unknown-language-hint",
                            language = tag
                        )),
                    );
                }
                return true;
            };
            // The home page's text may be given in a language alone.
            if originals.contains(&original) || original == "_index.md" {
                found.push(TranslationFile {
                    rel: rel.clone(),
                    original,
                    language: language.clone(),
                });
            } else {
                self.notices.push(
                    Diagnostic::new(
                        content_file(rel),
                        crate::tr!("content-translation-orphan", original = original.as_str()),
                    )
                    .hint(crate::tr!("content-translation-orphan-hint")),
                );
            }
            false
        });
        found
    }
}

/// The original and language of a file named as a translation:
/// `2024/01-politics.en.md` → (`2024/01-politics.md`, `en`).
fn translation_name(rel: &str) -> Option<(String, &str)> {
    let stem = file_name(rel).strip_suffix(".md")?;
    let (base, tag) = stem.rsplit_once('.')?;
    (!base.is_empty()).then(|| (join(parent(rel), &format!("{base}.md")), tag))
}

/// Where something was written: a file relative to the site root, a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// A Markdown body and where it starts in its file.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    pub text: String,
    /// The file, relative to `content/` (`2024/01-politics.md`).
    pub file: String,
    /// The file line the body starts on.
    pub first_line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Photo {
    /// The file on disk.
    #[serde(skip)]
    pub file: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub path: String,
    /// The path as the page wrote it (`photos/hall.jpg`), for messages.
    pub src: String,
    pub caption: Option<String>,
    pub alt: Option<String>,
    pub credit: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    /// Site path of the page that shows it.
    pub page: String,
    #[serde(skip)]
    pub origin: Origin,
}

impl Photo {
    /// The text for `alt`: the alt text, else the caption.
    pub fn alt_text(&self) -> &str {
        self.alt.as_deref().or(self.caption.as_deref()).unwrap_or("")
    }
}

/// How a stat is computed from the chronicle instead of typed in.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Derivation {
    Count { filter: BTreeMap<String, Scalar> },
    Sum { field: String, filter: BTreeMap<String, Scalar> },
}

impl Serialize for Scalar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Number(n) => s.serialize_f64(*n),
            Scalar::Bool(b) => s.serialize_bool(*b),
            Scalar::Text(t) => s.serialize_str(t),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Stat {
    pub key: String,
    pub label: String,
    pub quantity: Quantity,
    /// The unit in the language of the site being shown.
    pub unit: Option<String>,
    /// The unit in the site's default language, which says what the
    /// figure measures (and whether it counts in 万) in every language.
    pub base_unit: Option<String>,
    /// `value` counts in 万 or 亿.
    pub scale: Option<Scale>,
    pub approx: Option<Approx>,
    /// A rate per this (`人`: 人均), not a total.
    pub per: Option<String>,
    /// The years it covers, where not the report's year alone.
    pub period: Option<Period>,
    /// The key this figure had in earlier reports.
    pub previous_key: Option<String>,
    pub group: Option<String>,
    pub note: Option<String>,
    /// Slug of the chapter it belongs to.
    pub chapter: Option<String>,
    pub highlight: bool,
    /// The place among the key figures `highlight: 1`, `2`… gives it.
    pub rank: Option<u32>,
    /// Only for the tables: no text needs to cite it.
    pub table_only: bool,
    pub derived: Option<Derivation>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub date: Date,
    pub title: String,
    pub kind: Option<String>,
    /// Slug of the chapter it belongs to.
    pub chapter: Option<String>,
    /// The last day of an event that spans days.
    pub end: Option<Date>,
    pub participants: Option<f64>,
    pub approx: Option<Approx>,
    pub place: Option<String>,
    pub summary: Option<String>,
    pub photos: Vec<Photo>,
}

/// Archival description of a page (Dublin Core).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Archival {
    pub creator: Option<String>,
    pub source: Option<String>,
    pub rights: Option<String>,
    pub place: Option<String>,
    pub subjects: Vec<String>,
}

impl Archival {
    pub fn is_empty(&self) -> bool {
        self.creator.is_none()
            && self.source.is_none()
            && self.rights.is_none()
            && self.place.is_none()
            && self.subjects.is_empty()
    }
}

/// A chapter of a report or a page of a plain section.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub title: String,
    /// Site path, `2024/politics/`.
    pub path: String,
    pub slug: String,
    pub number: Option<u32>,
    pub weight: i64,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub photos: Vec<Photo>,
    pub archival: Archival,
    pub extra: Map<String, Value>,
    /// In a translation's site: a page with no translation, left at the
    /// default language's URL (not rendered in the language).
    pub untranslated: bool,
    #[serde(skip)]
    pub body: Markdown,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub year: i32,
    pub title: String,
    /// Site path, `2024/`.
    pub path: String,
    pub subtitle: Option<String>,
    pub date: Option<Date>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub cover: Option<Photo>,
    pub photo_credit: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// Photos of the report itself (the preface's).
    pub photos: Vec<Photo>,
    pub extra: Map<String, Value>,
    /// In a translation's site: not translated (see `Page::untranslated`).
    pub untranslated: bool,
    #[serde(skip)]
    pub chapters: Vec<Page>,
    #[serde(skip)]
    pub stats: Vec<Stat>,
    /// The keys of figures that could not be read (each has its error):
    /// text citing them gets no second error.
    #[serde(skip)]
    pub unread_stats: Vec<String>,
    #[serde(skip)]
    pub chronicle: Vec<Event>,
    #[serde(skip)]
    pub preface: Markdown,
}

/// The pages annals makes for every report beside its chapters: the one
/// list that rendering, the sitemap, `check` and the reserved chapter
/// slugs read. A new kind of report page is added here first, to `ALL`
/// too (the compiler then asks `render::pages` for its function).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPage {
    Stats,
    Chronicle,
    Print,
    Photos,
}

impl ReportPage {
    pub const ALL: [ReportPage; 4] =
        [ReportPage::Stats, ReportPage::Chronicle, ReportPage::Print, ReportPage::Photos];

    /// The page whose URL segment `slug` is, which no chapter may take.
    pub fn from_slug(slug: &str) -> Option<ReportPage> {
        ReportPage::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// Its URL segment in the report.
    pub fn slug(self) -> &'static str {
        match self {
            ReportPage::Stats => "stats",
            ReportPage::Chronicle => "chronicle",
            ReportPage::Print => "print",
            ReportPage::Photos => "photos",
        }
    }
}

/// Top-level site paths that belong to annals' own pages and files.
pub const SITE_RESERVED: [&str; 4] = ["tags", "search", "stats", "assets"];

impl Report {
    /// The report as its language publishes it: in a translation's site,
    /// with its translated chapters only.
    pub fn published(&self) -> std::borrow::Cow<'_, Report> {
        if self.chapters.iter().all(|c| !c.untranslated) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut report = self.clone();
        report.chapters.retain(|c| !c.untranslated);
        std::borrow::Cow::Owned(report)
    }

    /// Its folder, relative to `content/`: `2024`.
    pub fn dir(&self) -> &str {
        parent(&self.preface.file)
    }

    /// The site path of one of the report's own pages: `2024/stats/`.
    pub fn page_path(&self, page: ReportPage) -> String {
        format!("{}{}/", self.path, page.slug())
    }

    /// The report's key figures: those marked `highlight`, numbered ones
    /// (`highlight: 1`, `2`…) first in their order, then the others in
    /// reading order; without any, the first six.
    pub fn key_figures(&self) -> Vec<&Stat> {
        let mut marked: Vec<&Stat> = self.stats.iter().filter(|s| s.highlight).collect();
        if marked.is_empty() {
            return self.stats.iter().take(6).collect();
        }
        // A stable sort keeps reading order among equals.
        marked.sort_by_key(|s| s.rank.unwrap_or(u32::MAX));
        marked
    }

    /// Every photo of the report in reading order: cover, preface, chapters.
    pub fn all_photos(&self) -> Vec<&Photo> {
        let mut seen = std::collections::HashSet::new();
        self.photos_shown().filter(|p| seen.insert(p.path.as_str())).collect()
    }

    /// Every photo of the report in reading order, once per place that
    /// shows it.
    fn photos_shown(&self) -> impl Iterator<Item = &Photo> {
        self.cover
            .iter()
            .chain(&self.photos)
            .chain(self.chapters.iter().flat_map(|c| &c.photos))
            .chain(self.chronicle.iter().flat_map(|e| &e.photos))
    }
}

/// A plain section, such as `content/archive/`.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub title: String,
    /// Site path, `archive/`.
    pub path: String,
    pub summary: Option<String>,
    pub weight: i64,
    pub sort_by: SortBy,
    pub paginate_by: usize,
    /// Photos of the section's own page.
    pub photos: Vec<Photo>,
    pub extra: Map<String, Value>,
    /// In a translation's site: not translated (see `Page::untranslated`).
    pub untranslated: bool,
    #[serde(skip)]
    pub pages: Vec<Page>,
    #[serde(skip)]
    pub sections: Vec<Section>,
    #[serde(skip)]
    pub body: Markdown,
}

/// The home page's own text, from `content/_index.md` where there is one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Home {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub photos: Vec<Photo>,
    pub extra: Map<String, Value>,
    #[serde(skip)]
    pub body: Markdown,
}

/// Everything `content/` holds.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub home: Home,
    /// Newest first.
    pub reports: Vec<Report>,
    /// Top-level plain sections.
    pub sections: Vec<Section>,
    /// Pages directly under `content/`.
    pub pages: Vec<Page>,
    /// Every Markdown file (relative to `content/`) → its site path.
    pub links: BTreeMap<String, String>,
    /// Markdown files left out as drafts, so a link to one can say so.
    pub drafts: BTreeSet<String>,
    /// Markdown files (relative to `content/`) that could not be read or
    /// parsed; only a partial load (`load_partial`) has any. Links to them
    /// are not reported: the file's own error says what is wrong.
    pub unloaded: std::collections::BTreeSet<String>,
    /// The site in each of its other languages, by tag: the same reports,
    /// figures and photos, with the translations' text (see `translate`).
    pub translations: Vec<(String, Site)>,
    /// Every translation file, for `check`'s look at their age.
    pub translation_files: Vec<TranslationFile>,
    /// What loading noticed that is not an error (a text missing in a
    /// language, a translation of nothing): `check` warns of them.
    pub notices: Vec<Diagnostic>,
}

impl Site {
    /// Every photo of the site, once per page that shows it: the home
    /// page's, each report's (cover, preface, chapters, chronicle), each
    /// plain section's and its pages', and the pages under `content/`;
    /// then those of each translation.
    pub fn photos(&self) -> Vec<&Photo> {
        let sections = self.all_sections();
        let mut all: Vec<&Photo> = self.home.photos.iter().collect();
        all.extend(self.reports.iter().flat_map(Report::photos_shown));
        for s in &sections {
            all.extend(&s.photos);
            all.extend(s.pages.iter().flat_map(|p| &p.photos));
        }
        all.extend(self.pages.iter().flat_map(|p| &p.photos));
        all.extend(self.translations.iter().flat_map(|(_, t)| t.photos()));
        all
    }

    /// Every photo file of the site once, by its path, as first shown in
    /// the order of `photos`.
    pub fn unique_photos(&self) -> Vec<&Photo> {
        let mut by_path: BTreeMap<&str, &Photo> = BTreeMap::new();
        for photo in self.photos() {
            by_path.entry(photo.path.as_str()).or_insert(photo);
        }
        by_path.into_values().collect()
    }

    /// Every plain section, nested ones included, in a stable order.
    pub fn all_sections(&self) -> Vec<&Section> {
        fn walk<'a>(s: &'a Section, out: &mut Vec<&'a Section>) {
            out.push(s);
            for sub in &s.sections {
                walk(sub, out);
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(s, &mut out);
        }
        out
    }
}
