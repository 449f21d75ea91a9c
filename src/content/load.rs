//! Reads `content/` into the model: walks the folder, parses every Markdown
//! file and YAML record in parallel, resolves photos, slugs, URLs, stats and
//! the chronicle, and reports every problem found, not just the first.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::date::{Date, DateText};
use super::front_matter::{
    self, RawEvent, RawHome, RawPage, RawPhoto, RawReport, RawSection, RawStat, Scalar, SortBy,
};
use super::markdown_refs::{self, ImageRef};
use super::{
    Archival, Derivation, Event, Home, Markdown, Origin, Page, Photo, Report, ReportPage,
    SITE_RESERVED, Section, Site, Stat,
};
use crate::diagnostic::{Diagnostic, Diagnostics, nearest};
use crate::yaml::{self, Source, Spanned};

/// Fields a derived stat may filter chronicle events on.
const FILTER_FIELDS: [&str; 4] = ["kind", "chapter", "place", "title"];

/// Loads the site under `root` (the folder holding `content/`).
pub fn load(root: &Path, drafts: bool) -> Result<Site, Diagnostics> {
    let (site, errors) = load_partial(root, drafts);
    if errors.is_empty() { Ok(site) } else { Err(Diagnostics::sorted(errors)) }
}

/// Loads what can be loaded, with every problem found: the model without
/// the parts that failed, and `Site::unloaded` naming the Markdown files
/// that could not be read. `check` goes on with it to find the problems of
/// later stages in the same run; a build stops at the first error list.
pub fn load_partial(root: &Path, drafts: bool) -> (Site, Vec<Diagnostic>) {
    let content = root.join("content");
    let content_abs = match content.canonicalize() {
        Ok(dir) => dir,
        Err(e) => {
            let d = Diagnostic::new("content", format!("cannot read the content folder: {e}"))
                .hint("a site keeps its Markdown and YAML in `content/`; `annals init DIR` creates one");
            return (Site::default(), vec![d]);
        }
    };
    let mut loader = Loader {
        content: &content_abs,
        drafts,
        errors: Vec::new(),
        incomplete: HashSet::new(),
        quiet_refs: false,
        left_out: BTreeSet::new(),
        images: HashMap::new(),
    };
    let files = loader.walk();
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
    let mut site = loader.assemble(&files, docs);
    site.unloaded = unloaded;
    (site, loader.errors)
}

struct Loader<'a> {
    content: &'a Path,
    drafts: bool,
    errors: Vec<Diagnostic>,
    /// Top-level folders holding a Markdown file that failed to parse:
    /// references to their chapters are not checked, as the chapter may
    /// be the one that failed, and the build fails anyway.
    incomplete: HashSet<String>,
    /// Whether the report being assembled is one of `incomplete`.
    quiet_refs: bool,
    /// Markdown files left out as drafts.
    left_out: BTreeSet<String>,
    /// The photos each Markdown file's body shows, found while parsing (in
    /// parallel), by file.
    images: HashMap<PathBuf, Vec<ImageRef>>,
}

/// What the walk found, as paths relative to `content/` with `/` separators.
#[derive(Default)]
struct Files {
    markdown: Vec<String>,
    /// Folders holding `_index.md`.
    sections: HashSet<String>,
    /// Folders holding `index.md`.
    bundles: HashSet<String>,
}

/// A page's stats, converted once the report's chapters and chronicle are
/// known; `text` is the page's file, for source lines in errors.
struct PendingStats {
    text: String,
    stats: Vec<RawStat>,
}

/// A parsed Markdown file.
struct Parsed {
    rel: String,
    text: String,
    front: Front,
    body_start: usize,
    body_line: usize,
    images: Vec<ImageRef>,
}

enum Front {
    Home(Box<RawHome>),
    Report(Box<RawReport>),
    Section(Box<RawSection>),
    Page(Box<RawPage>),
}

fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn file_name(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, name)| name)
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_owned() } else { format!("{dir}/{name}") }
}

/// The site-relative file of a content path, for messages.
fn content_file(rel: &str) -> PathBuf {
    Path::new("content").join(rel)
}

fn parse_markdown(content: &Path, rel: &str) -> Result<Parsed, Diagnostic> {
    let file = content_file(rel);
    let bytes = std::fs::read(content.join(rel))
        .map_err(|e| Diagnostic::new(&file, format!("cannot read this file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = markdown_refs::line_column(
            std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or(""),
            valid,
        );
        Diagnostic::new(&file, "this file is not valid UTF-8 text")
            .at(line, column)
            .hint("save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    })?;
    let text = front_matter::normalise(text);
    let (yaml_text, body_line, body_offset) = {
        let split = front_matter::split(&text, &file)?;
        let body_offset = text.len() - split.body.len();
        (split.front_matter.to_owned(), split.body_line, body_offset)
    };
    let source = Source { file: &file, text: &text, first_line: 2 };
    let front = if file_name(rel) != "_index.md" {
        Front::Page(Box::new(yaml::parse(&yaml_text, source)?))
    } else if rel == "_index.md" {
        Front::Home(Box::new(yaml::parse(&yaml_text, source)?))
    } else if is_report_dir(parent(rel), &yaml_text) {
        Front::Report(Box::new(yaml::parse(&yaml_text, source)?))
    } else {
        Front::Section(Box::new(yaml::parse(&yaml_text, source)?))
    };
    let images = markdown_refs::images(&text[body_offset..]);
    Ok(Parsed { rel: rel.to_owned(), text, front, body_start: body_offset, body_line, images })
}

/// A folder directly under `content/` is a report when its name is a year
/// or its `_index.md` says `year:`.
fn is_report_dir(dir: &str, yaml_text: &str) -> bool {
    !dir.contains('/')
        && (is_year(dir).is_some()
            || yaml::parse::<front_matter::Peek>(
                yaml_text,
                Source { file: Path::new(""), text: "", first_line: 1 },
            )
            .is_ok_and(|p| p.year.is_some()))
}

/// The numeric prefix of a file or folder name: `03-ideas` → 3.
fn number_prefix(stem: &str) -> Option<u32> {
    let (digits, rest) = stem.split_once(['-', '_', '.'])?;
    if !digits.is_empty()
        && digits.len() <= 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
    {
        digits.parse().ok()
    } else {
        None
    }
}

/// A URL-safe slug of a file name: the `NN-` prefix dropped, lower case,
/// spaces and underscores to `-`, other punctuation dropped; letters of every
/// script are kept.
pub fn slugify_name(stem: &str) -> String {
    let stem = match number_prefix(stem) {
        Some(_) => stem.split_once(['-', '_', '.']).map_or(stem, |(_, rest)| rest),
        None => stem,
    };
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug != "."
        && slug != ".."
        && !slug.chars().any(|c| {
            c == '/'
                || c == '\\'
                || c == '?'
                || c == '#'
                || c == '%'
                || c.is_control()
                || c.is_whitespace()
        })
}

fn stem(name: &str) -> &str {
    name.strip_suffix(".md").unwrap_or(name)
}

fn is_year(name: &str) -> Option<i32> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
}

impl Loader<'_> {
    fn walk(&mut self) -> Files {
        let mut files = Files::default();
        // Hidden files and folders (.git, .trash) and editor backups are
        // not content.
        let walker = WalkDir::new(self.content).follow_links(true).sort_by_file_name();
        let visible = |e: &walkdir::DirEntry| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name.ends_with('~'))
        };
        for entry in walker.into_iter().filter_entry(visible) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path =
                        e.path().map(|p| p.strip_prefix(self.content).unwrap_or(p).to_path_buf());
                    let file = content_file(
                        &path.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
                    );
                    let d = if e.loop_ancestor().is_some() {
                        Diagnostic::new(file, "this symbolic link loops back to a folder above it")
                            .hint(
                                "remove the link or point it at a folder outside its own ancestors",
                            )
                    } else {
                        Diagnostic::new(file, format!("cannot read: {e}"))
                    };
                    self.errors.push(d);
                    continue;
                }
            };
            let Ok(rel_path) = entry.path().strip_prefix(self.content) else {
                continue;
            };
            let Some(rel) = rel_path.to_str().map(|s| s.replace('\\', "/")) else {
                self.errors.push(
                    Diagnostic::new(
                        content_file(&rel_path.to_string_lossy()),
                        "this file name is not valid Unicode",
                    )
                    .hint("rename it"),
                );
                continue;
            };
            if rel.is_empty() {
                continue;
            }
            let name = file_name(&rel);
            if entry.path_is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(self.content) => {}
                    _ => {
                        self.errors.push(
                            Diagnostic::new(
                                content_file(&rel),
                                "this symbolic link leads outside `content/`",
                            )
                            .hint("copy the file into `content/` instead of linking to it"),
                        );
                        continue;
                    }
                }
            }
            if entry.file_type().is_file() && name.ends_with(".md") {
                match name {
                    "_index.md" => {
                        files.sections.insert(parent(&rel).to_owned());
                    }
                    "index.md" => {
                        files.bundles.insert(parent(&rel).to_owned());
                    }
                    _ => {}
                }
                files.markdown.push(rel);
            }
        }
        for dir in files.sections.intersection(&files.bundles) {
            self.errors.push(
                Diagnostic::new(
                    content_file(&join(dir, "index.md")),
                    "this folder has both `_index.md` and `index.md`",
                )
                .hint("`_index.md` makes a folder a section, `index.md` makes it a page: keep one"),
            );
        }
        files
    }

    fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// The section folder a page or folder belongs to: its nearest ancestor
    /// holding `_index.md`, or the content root.
    fn owner<'f>(&self, files: &'f Files, mut dir: &'f str) -> &'f str {
        loop {
            if files.sections.contains(dir) || dir.is_empty() {
                return dir;
            }
            dir = parent(dir);
        }
    }

    fn assemble(&mut self, files: &Files, mut docs: BTreeMap<String, Parsed>) -> Site {
        let mut site = Site::default();
        // Which folders are reports: directly under content/, with `year:`
        // or a four-digit name.
        let mut report_years: HashMap<String, i32> = HashMap::new();
        for dir in &files.sections {
            if dir.is_empty() || dir.contains('/') {
                continue;
            }
            // A year folder whose `_index.md` failed to parse is still a
            // report, so its chapters are not mistaken for plain pages.
            let year = match docs.get(&join(dir, "_index.md")) {
                Some(Parsed { front: Front::Report(raw), .. }) => {
                    raw.year.as_ref().map(|y| y.value)
                }
                _ => None,
            };
            if let Some(year) = year.or_else(|| is_year(dir)) {
                report_years.insert(dir.clone(), year);
            }
        }

        // Pages, grouped by the section that owns them.
        let mut pages_by_owner: BTreeMap<String, Vec<(Page, PendingStats)>> = BTreeMap::new();
        let page_files: Vec<String> =
            docs.keys().filter(|rel| file_name(rel) != "_index.md").cloned().collect();
        for rel in page_files {
            let is_bundle = file_name(&rel) == "index.md";
            let page_dir = parent(&rel).to_owned();
            let home_dir = if is_bundle { parent(&page_dir).to_owned() } else { page_dir.clone() };
            if !is_bundle
                && files
                    .bundles
                    .iter()
                    .any(|b| page_dir == *b || page_dir.starts_with(&format!("{b}/")))
            {
                self.error(
                    Diagnostic::new(content_file(&rel), "a Markdown file inside a page bundle is not a page")
                        .hint("a folder with `index.md` is one page; move this file next to the folder, or merge it into `index.md`"),
                );
                continue;
            }
            let owner = self.owner(files, &home_dir).to_owned();
            let Some(Parsed { front: Front::Page(raw), text, body_start, body_line, .. }) =
                docs.remove(&rel)
            else {
                continue;
            };
            let report = report_years.get(&owner).map(|y| (owner.as_str(), *y));
            if let Some((page, stats)) =
                self.page(&rel, &home_dir, *raw, &text, body_start, body_line, report)
            {
                pages_by_owner.entry(owner).or_default().push((page, stats));
            }
        }

        // Sections and reports, deepest first so children are ready.
        let mut section_dirs: Vec<&String> = files.sections.iter().collect();
        section_dirs.sort_by_key(|d| {
            (std::cmp::Reverse(d.matches('/').count() + usize::from(!d.is_empty())), (*d).clone())
        });
        let mut built_sections: BTreeMap<String, Section> = BTreeMap::new();
        for dir in section_dirs {
            let Some(Parsed { front, text, body_start, body_line, rel, .. }) =
                docs.remove(&join(dir, "_index.md"))
            else {
                continue;
            };
            let pages = pages_by_owner.remove(dir.as_str()).unwrap_or_default();
            let body = Markdown {
                text: text[body_start..].to_owned(),
                file: rel.clone(),
                first_line: body_line,
            };
            match front {
                Front::Home(raw) => {
                    site.home = self.home(*raw, body, &text);
                    let pages = self.no_stats(pages);
                    site.pages = self.finish_pages(pages, SortBy::Weight);
                }
                Front::Report(raw) => {
                    let year = report_years[dir.as_str()];
                    if let Some(report) = self.report(dir, year, *raw, body, &text, pages) {
                        site.reports.push(report);
                    }
                }
                Front::Section(raw) => {
                    if let Some(report_dir) =
                        report_years.keys().find(|r| dir.starts_with(&format!("{r}/")))
                    {
                        self.error(
                        Diagnostic::new(content_file(&rel), "a section inside a report is not supported")
                            .hint(format!("chapters of report `{report_dir}` are its pages: rename this `_index.md` to `index.md` to make the folder a chapter")),
                    );
                        continue;
                    }
                    let children: Vec<Section> = {
                        let keys: Vec<String> = built_sections
                            .keys()
                            .filter(|k| parent(k) == dir.as_str())
                            .cloned()
                            .collect();
                        keys.into_iter().filter_map(|k| built_sections.remove(&k)).collect()
                    };
                    if let Some(section) = self.section(dir, *raw, body, &text, pages, children) {
                        built_sections.insert(dir.clone(), section);
                    }
                }
                Front::Page(_) => {}
            }
        }
        if !files.sections.contains("") {
            let pages = pages_by_owner.remove("").unwrap_or_default();
            let pages = self.no_stats(pages);
            site.pages = self.finish_pages(pages, SortBy::Weight);
        }
        let mut sections: Vec<Section> = built_sections.into_values().collect();
        sections.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
        site.sections = sections;
        site.reports.sort_by_key(|r| std::cmp::Reverse(r.year));
        for pair in site.reports.windows(2) {
            if pair[0].year == pair[1].year {
                let d = Diagnostic::new(
                    content_file(&pair[1].preface.file),
                    format!("two reports for the year {}", pair[0].year),
                )
                .hint("each year has one report: merge them or correct `year:`");
                self.errors.push(d);
            }
        }
        self.check_paths(&site);
        site.links = collect_links(&site);
        site.drafts = std::mem::take(&mut self.left_out);
        site
    }

    fn check_paths(&mut self, site: &Site) {
        let mut all: Vec<(&str, &str)> = Vec::new();
        for r in &site.reports {
            all.push((&r.path, &r.preface.file));
            for c in &r.chapters {
                all.push((&c.path, &c.body.file));
            }
        }
        for s in site.all_sections() {
            all.push((&s.path, &s.body.file));
            for p in &s.pages {
                all.push((&p.path, &p.body.file));
            }
        }
        for p in &site.pages {
            all.push((&p.path, &p.body.file));
        }
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (path, file) in all {
            let top = path.trim_end_matches('/');
            if SITE_RESERVED.contains(&top) {
                self.errors.push(
                    Diagnostic::new(
                        content_file(file),
                        format!("the URL `/{path}` belongs to a page annals makes"),
                    )
                    .hint(format!(
                        "rename it or set another `slug:`; reserved at the top level: {}",
                        SITE_RESERVED.join(", ")
                    )),
                );
            }
            if let Some(other) = seen.insert(path, file) {
                self.errors.push(
                    Diagnostic::new(
                        content_file(file),
                        format!("this page has the same URL `/{path}` as content/{other}"),
                    )
                    .hint("give one of them another `slug:` or file name"),
                );
            }
        }
    }

    fn home(&mut self, raw: RawHome, body: Markdown, text: &str) -> Home {
        let file = content_file(&body.file);
        let source = Source { file: &file, text, first_line: 2 };
        let RawHome { title, summary, photos, extra } = raw;
        let title = self.title(&source, title);
        let photos = self.page_photos(&source, photos, &body, "", None, "");
        Home { title: Some(title), summary, photos, extra: extra.unwrap_or_default(), body }
    }

    /// The photos of a page: those its front matter lists, then those its
    /// body shows.
    fn page_photos(
        &mut self,
        source: &Source<'_>,
        raw: Vec<RawPhoto>,
        body: &Markdown,
        dir: &str,
        report_dir: Option<&str>,
        page_path: &str,
    ) -> Vec<Photo> {
        let mut photos: Vec<Photo> = raw
            .into_iter()
            .filter_map(|p| self.photo(source, p, dir, report_dir, page_path))
            .collect();
        self.body_photos(
            source.file,
            source.text,
            &body.text,
            body.first_line,
            dir,
            report_dir,
            page_path,
            &mut photos,
        );
        photos
    }

    fn date(&mut self, source: &Source<'_>, date: Option<Spanned<DateText>>) -> Option<Date> {
        let date = date?;
        match Date::parse(&date.value.0) {
            Ok(d) => Some(d),
            Err(m) => {
                self.errors.push(
                    source
                        .error_at(&date.referenced, m)
                        .hint("write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2024-05-01"),
                );
                None
            }
        }
    }

    /// A title's text; an empty one is an error (pages would show and
    /// link to nothing).
    fn title(&mut self, source: &Source<'_>, title: Spanned<String>) -> String {
        if title.value.trim().is_empty() {
            self.error(
                source
                    .error_at(&title.referenced, "the title is empty")
                    .hint("write the title readers see on the page and in the table of contents or the chronicle, such as `title: 第一章 思想建设`"),
            );
        }
        title.value
    }

    #[allow(clippy::too_many_arguments)]
    fn page(
        &mut self,
        rel: &str,
        home_dir: &str,
        raw: RawPage,
        text: &str,
        body_start: usize,
        body_line: usize,
        report: Option<(&str, i32)>,
    ) -> Option<(Page, PendingStats)> {
        if raw.draft && !self.drafts {
            self.left_out.insert(rel.to_owned());
            return None;
        }
        let file = content_file(rel);
        let source = Source { file: &file, text, first_line: 2 };
        let is_bundle = file_name(rel) == "index.md";
        let name = if is_bundle { file_name(parent(rel)) } else { stem(file_name(rel)) };
        let RawPage {
            title,
            number,
            weight,
            slug,
            summary,
            date,
            tags,
            draft,
            photos,
            stats,
            extra,
            creator,
            source: archival_source,
            rights,
            place,
            subjects,
        } = raw;
        let title = self.title(&source, title);
        let slug = match slug {
            Some(s) if valid_slug(&s.value) => s.value,
            Some(s) => {
                self.error(
                    source
                        .error_at(&s.referenced, format!("`{}` cannot be a slug", s.value))
                        .hint("a slug is one URL segment: no `/`, `?`, `#`, `%` or spaces"),
                );
                return None;
            }
            None => {
                let s = slugify_name(name);
                if s.is_empty() {
                    self.error(
                        Diagnostic::new(&file, format!("cannot make a URL from the name `{name}`"))
                            .hint("set `slug:` in the front matter"),
                    );
                    return None;
                }
                s
            }
        };
        let path = match report {
            Some((_, year)) => {
                if ReportPage::ALL.iter().any(|p| p.slug() == slug) {
                    self.error(
                        Diagnostic::new(
                            &file,
                            format!(
                                "the chapter slug `{slug}` is taken by the report's own {slug} page"
                            ),
                        )
                        .hint(format!(
                            "set another `slug:`; reserved in a report: {}",
                            ReportPage::ALL.map(ReportPage::slug).join(", ")
                        )),
                    );
                    return None;
                }
                format!("{year}/{slug}/")
            }
            None => format!(
                "{}{slug}/",
                if home_dir.is_empty() { String::new() } else { format!("{home_dir}/") }
            ),
        };
        let number = number.or_else(|| number_prefix(name));
        let date = self.date(&source, date);
        let page_dir = parent(rel).to_owned();
        let report_dir = report.map(|(dir, _)| dir);
        let body_text = &text[body_start..];
        let mut photo_list = Vec::new();
        for p in photos {
            if let Some(photo) = self.photo(&source, p, &page_dir, report_dir, &path) {
                photo_list.push(photo);
            }
        }
        self.body_photos(
            &file,
            text,
            body_text,
            body_line,
            &page_dir,
            report_dir,
            &path,
            &mut photo_list,
        );
        Some((
            Page {
                title,
                path,
                slug,
                number,
                weight: weight.or(number.map(i64::from)).unwrap_or(i64::MAX),
                summary,
                date,
                tags,
                draft,
                photos: photo_list,
                archival: Archival { creator, source: archival_source, rights, place, subjects },
                extra: extra.unwrap_or_default(),
                body: Markdown {
                    text: body_text.to_owned(),
                    file: rel.to_owned(),
                    first_line: body_line,
                },
            },
            PendingStats {
                text: if stats.is_empty() { String::new() } else { text.to_owned() },
                stats,
            },
        ))
    }

    /// Adds the photos a Markdown body shows to `photos`, merging with the
    /// front matter's entry for the same file.
    #[allow(clippy::too_many_arguments)]
    fn body_photos(
        &mut self,
        file: &Path,
        text: &str,
        body: &str,
        body_line: usize,
        page_dir: &str,
        report_dir: Option<&str>,
        page_path: &str,
        photos: &mut Vec<Photo>,
    ) {
        let images = self.images.remove(file).unwrap_or_else(|| markdown_refs::images(body));
        for image in images {
            let (line, column) = markdown_refs::line_column(body, image.offset);
            let line = line + body_line - 1;
            let dest = markdown_refs::percent_decode(&image.dest);
            match self.resolve_photo_path(&dest, page_dir, report_dir) {
                Ok((abs, path)) => {
                    if let Some(existing) = photos.iter_mut().find(|p| p.path == path) {
                        if existing.caption.is_none() && !image.title.is_empty() {
                            existing.caption = Some(image.title);
                        }
                        continue;
                    }
                    if image.alt.trim().is_empty() && image.title.trim().is_empty() {
                        self.error(
                            Diagnostic::new(file, format!("the photo `{}` has neither alt text nor a caption", image.dest))
                                .at(line, column)
                                .with_source(text)
                                .hint("describe it for readers who cannot see it: ![what the photo shows](file.jpg \"caption\")"),
                        );
                        continue;
                    }
                    photos.push(Photo {
                        file: abs,
                        path,
                        caption: (!image.title.is_empty()).then_some(image.title),
                        alt: (!image.alt.is_empty()).then_some(image.alt),
                        credit: None,
                        date: None,
                        place: None,
                        page: page_path.to_owned(),
                        origin: Origin { file: file.to_path_buf(), line, column },
                    });
                }
                Err((message, hint)) => self.error(
                    Diagnostic::new(file, message).at(line, column).with_source(text).hint(hint),
                ),
            }
        }
    }

    fn photo(
        &mut self,
        source: &Source<'_>,
        raw: RawPhoto,
        page_dir: &str,
        report_dir: Option<&str>,
        page_path: &str,
    ) -> Option<Photo> {
        let RawPhoto { src, caption, alt, credit, date, place } = raw;
        let (abs, path) = match self.resolve_photo_path(&src.value, page_dir, report_dir) {
            Ok(found) => found,
            Err((message, hint)) => {
                self.error(source.error_at(&src.referenced, message).hint(hint));
                return None;
            }
        };
        if caption.as_deref().is_none_or(|c| c.trim().is_empty())
            && alt.as_deref().is_none_or(|a| a.trim().is_empty())
        {
            self.error(
                source
                    .error_at(
                        &src.referenced,
                        format!("the photo `{}` has neither `alt` nor `caption`", src.value),
                    )
                    .hint("add `alt:` describing what the photo shows, or a `caption:`"),
            );
            return None;
        }
        let date = self.date(source, date);
        let (line, column) = (
            src.referenced.line() as usize + source.first_line - 1,
            src.referenced.column() as usize,
        );
        Some(Photo {
            file: abs,
            path,
            caption,
            alt,
            credit,
            date,
            place,
            page: page_path.to_owned(),
            origin: Origin { file: source.file.to_path_buf(), line, column },
        })
    }

    /// Finds a photo by a path relative to the page's folder, else to the
    /// report's folder; it must stay inside `content/`.
    fn resolve_photo_path(
        &self,
        src: &str,
        page_dir: &str,
        report_dir: Option<&str>,
    ) -> Result<(PathBuf, String), (String, String)> {
        if !markdown_refs::is_local(src) {
            return Err((
                format!("the photo `{src}` is not a file of this site"),
                "photos are files inside `content/`, given by a path relative to the page".into(),
            ));
        }
        let mut tried = Vec::new();
        for base in std::iter::once(page_dir).chain(report_dir) {
            let Some(rel) = markdown_refs::join_relative(base, src) else {
                return Err((
                    format!("the photo `{src}` lies outside `content/`"),
                    "keep photos inside `content/`, next to the page or in the report's folder"
                        .into(),
                ));
            };
            let abs = self.content.join(&rel);
            match abs.canonicalize() {
                Ok(real) if real.starts_with(self.content) => {
                    if real.is_dir() {
                        return Err((
                            format!("the photo `{src}` is a folder"),
                            "name a file".into(),
                        ));
                    }
                    return Ok((real, rel));
                }
                Ok(_) => {
                    return Err((
                        format!(
                            "the photo `{src}` leads outside `content/` through a symbolic link"
                        ),
                        "copy the photo into `content/` instead of linking to it".into(),
                    ));
                }
                Err(_) => tried.push(format!("content/{rel}")),
            }
        }
        tried.dedup();
        Err((
            format!("the photo `{src}` does not exist"),
            format!("looked for {}; check the file name and its folder", tried.join(" and ")),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &mut self,
        dir: &str,
        year: i32,
        raw: RawReport,
        preface: Markdown,
        text: &str,
        chapters: Vec<(Page, PendingStats)>,
    ) -> Option<Report> {
        self.quiet_refs = self.incomplete.contains(dir);
        let file = content_file(&preface.file);
        let source = Source { file: &file, text, first_line: 2 };
        let RawReport {
            title,
            subtitle,
            year: _,
            date,
            author,
            summary,
            cover,
            photo_credit,
            tags,
            draft,
            photos,
            extra,
            stats,
        } = raw;
        let title = self.title(&source, title);
        if draft && !self.drafts {
            // A draft report takes its chapters with it.
            self.left_out.insert(preface.file.clone());
            self.left_out.extend(chapters.iter().map(|(c, _)| c.body.file.clone()));
            return None;
        }
        if let Some(stats) = stats {
            self.error(
                source
                    .error_at(&stats.referenced, "a report's figures do not go in its `_index.md`")
                    .hint(format!("put them in content/{dir}/stats.yaml, or in the `stats:` of the chapter they belong to")),
            );
        }
        let path = format!("{year}/");
        let date = self.date(&source, date);
        let photo_list = self.page_photos(&source, photos, &preface, dir, None, &path);
        let cover = cover.and_then(|c| {
            let existing = photo_list.iter().find(|p| {
                markdown_refs::join_relative(dir, &c.value).as_deref() == Some(p.path.as_str())
            });
            if let Some(p) = existing {
                return Some(p.clone());
            }
            let raw = RawPhoto {
                src: c,
                caption: None,
                alt: Some(title.clone()),
                credit: None,
                date: None,
                place: None,
            };
            self.photo(&source, raw, dir, None, &path)
        });

        let mut chapter_pages = Vec::new();
        let mut raw_stats = Vec::new();
        for (page, pending) in chapters {
            let file = content_file(&page.body.file);
            raw_stats.push((file, Some(page.slug.clone()), pending));
            chapter_pages.push(page);
        }
        let chapters = self.finish_chapters(chapter_pages);
        let chapter_slugs: Vec<String> = chapters.iter().map(|c| c.slug.clone()).collect();
        // Figures in reading order: by chapter, then as each lists them.
        raw_stats.sort_by_key(|(_, slug, _)| {
            slug.as_ref().and_then(|s| chapter_slugs.iter().position(|c| c == s))
        });

        let chronicle = self.chronicle(dir, year, &chapter_slugs, &path);
        let mut stats = Vec::new();
        for (file, chapter, pending) in raw_stats {
            let source = Source { file: &file, text: &pending.text, first_line: 2 };
            for raw in pending.stats {
                if let Some(stat) =
                    self.stat(&source, raw, chapter.as_deref(), &chapter_slugs, &chronicle)
                {
                    stats.push(stat);
                }
            }
        }
        stats.extend(self.stats_file(dir, &chapter_slugs, &chronicle));
        let mut keys: HashMap<String, Origin> = HashMap::new();
        for s in &stats {
            if let Some(first) = keys.get(&s.key) {
                self.error(
                    Diagnostic::new(
                        &s.origin.file,
                        format!("the stat key `{}` is used twice in this report", s.key),
                    )
                    .at(s.origin.line, s.origin.column)
                    .hint(format!(
                        "it is first declared at {}:{}; keys are unique within a report",
                        first.file.display(),
                        first.line
                    )),
                );
            } else {
                keys.insert(s.key.clone(), s.origin.clone());
            }
        }
        Some(Report {
            year,
            title,
            path,
            subtitle,
            date,
            author,
            summary,
            cover,
            photo_credit,
            tags,
            draft,
            photos: photo_list,
            extra: extra.unwrap_or_default(),
            chapters,
            stats,
            chronicle,
            preface,
        })
    }

    /// Orders chapters by weight, number, slug and rejects two with one number.
    fn finish_chapters(&mut self, mut chapters: Vec<Page>) -> Vec<Page> {
        chapters.sort_by(|a, b| {
            a.weight.cmp(&b.weight).then(a.number.cmp(&b.number)).then_with(|| a.slug.cmp(&b.slug))
        });
        let mut numbers: HashMap<u32, &str> = HashMap::new();
        let mut errors = Vec::new();
        for c in &chapters {
            if let Some(n) = c.number
                && let Some(other) = numbers.insert(n, &c.body.file)
            {
                errors.push(
                    Diagnostic::new(
                        content_file(&c.body.file),
                        format!("chapter number {n} is also the number of content/{other}"),
                    )
                    .hint("give each chapter its own `number:` (or file name prefix)"),
                );
            }
        }
        self.errors.extend(errors);
        chapters
    }

    /// Pages outside reports: stats there are an error.
    fn no_stats(&mut self, pages: Vec<(Page, PendingStats)>) -> Vec<Page> {
        let mut list = Vec::with_capacity(pages.len());
        for (page, pending) in pages {
            if let Some(first) = pending.stats.first() {
                self.error(
                    Diagnostic::new(
                        content_file(&page.body.file),
                        "a page outside a report cannot declare `stats`",
                    )
                    .at_line(first.key.referenced.line() as usize + 1)
                    .hint("stats belong to reports: move them into a chapter of a year's report"),
                );
            }
            list.push(page);
        }
        list
    }

    fn finish_pages(&mut self, mut pages: Vec<Page>, sort_by: SortBy) -> Vec<Page> {
        match sort_by {
            SortBy::Date => {
                pages.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)))
            }
            SortBy::Weight => pages.sort_by(|a, b| {
                a.weight
                    .cmp(&b.weight)
                    .then(a.number.cmp(&b.number))
                    .then_with(|| a.slug.cmp(&b.slug))
            }),
            SortBy::Title => {
                pages.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.slug.cmp(&b.slug)))
            }
        }
        pages
    }

    fn section(
        &mut self,
        dir: &str,
        raw: RawSection,
        body: Markdown,
        text: &str,
        pages: Vec<(Page, PendingStats)>,
        sections: Vec<Section>,
    ) -> Option<Section> {
        let file = content_file(&body.file);
        let source = Source { file: &file, text, first_line: 2 };
        let RawSection { title, summary, weight, sort_by, paginate_by, draft, photos, extra } = raw;
        let title = self.title(&source, title);
        if draft && !self.drafts {
            // A draft section takes its pages and sections with it.
            fn files(s: &Section, out: &mut BTreeSet<String>) {
                out.insert(s.body.file.clone());
                out.extend(s.pages.iter().map(|p| p.body.file.clone()));
                s.sections.iter().for_each(|sub| files(sub, out));
            }
            self.left_out.insert(body.file.clone());
            self.left_out.extend(pages.iter().map(|(p, _)| p.body.file.clone()));
            sections.iter().for_each(|sub| files(sub, &mut self.left_out));
            return None;
        }
        let path = format!("{dir}/");
        let photos = self.page_photos(&source, photos, &body, dir, None, &path);
        let pages = self.no_stats(pages);
        let sort_by = sort_by.unwrap_or(SortBy::Weight);
        let paginate_by = match paginate_by {
            Some(p) if p.value == 0 => {
                self.error(
                    source
                        .error_at(&p.referenced, "`paginate_by` must be at least 1")
                        .hint("50 is the default"),
                );
                50
            }
            Some(p) => p.value,
            None => 50,
        };
        Some(Section {
            title,
            path,
            summary,
            weight: weight.unwrap_or(0),
            sort_by,
            paginate_by,
            photos,
            extra: extra.unwrap_or_default(),
            pages: self.finish_pages(pages, sort_by),
            sections,
            body,
        })
    }

    fn read_yaml_file(&mut self, rel: &str) -> Option<(PathBuf, String)> {
        let abs = self.content.join(rel);
        if !abs.exists() {
            return None;
        }
        let file = content_file(rel);
        match std::fs::read(&abs).map(String::from_utf8) {
            Ok(Ok(text)) => Some((file, front_matter::normalise(text))),
            Ok(Err(_)) => {
                self.error(
                    Diagnostic::new(file, "this file is not valid UTF-8 text")
                        .hint("save it as UTF-8"),
                );
                None
            }
            Err(e) => {
                self.error(Diagnostic::new(file, format!("cannot read this file: {e}")));
                None
            }
        }
    }

    /// A report's YAML list file (`records.yaml`, `stats.yaml`) read and
    /// parsed: its path, its text (for positions) and its items; `None`
    /// where there is no such file or it is broken (the error is recorded).
    fn yaml_list<T: serde::de::DeserializeOwned>(
        &mut self,
        dir: &str,
        name: &str,
        what: &str,
    ) -> Option<(PathBuf, String, Vec<T>)> {
        let (file, text) = self.read_yaml_file(&join(dir, name))?;
        let source = Source { file: &file, text: &text, first_line: 1 };
        match yaml::parse(&text, source) {
            Ok(list) => Some((file, text, list)),
            Err(d) => {
                self.error(d.hint_if_list(&format!("{name} is a list of {what}")));
                None
            }
        }
    }

    fn chronicle(
        &mut self,
        dir: &str,
        year: i32,
        chapters: &[String],
        report_path: &str,
    ) -> Vec<Event> {
        let Some((file, text, raw)) = self.yaml_list::<RawEvent>(
            dir,
            "records.yaml",
            "events, each starting with `- date: 2024-05-01`",
        ) else {
            return Vec::new();
        };
        let source = Source { file: &file, text: &text, first_line: 1 };
        let mut events = Vec::new();
        for e in raw {
            let RawEvent { date, title, kind, chapter, participants, place, summary, photos } = e;
            let title = self.title(&source, title);
            let location = date.referenced;
            let Some(date) = self.date(&source, Some(date)) else {
                continue;
            };
            if date.year != year {
                self.error(
                    source
                        .error_at(
                            &location,
                            format!("this event of {date} is not in the report's year {year}"),
                        )
                        .hint(format!(
                            "correct the date, or move the event to the records.yaml of {}",
                            date.year
                        )),
                );
                continue;
            }
            let chapter = chapter.and_then(|c| self.chapter_ref(&source, c, chapters));
            let photos = photos
                .into_iter()
                .filter_map(|p| self.photo(&source, p, dir, None, report_path))
                .collect();
            events.push(Event { date, title, kind, chapter, participants, place, summary, photos });
        }
        events.sort_by_key(|a| a.date);
        events
    }

    fn chapter_ref(
        &mut self,
        source: &Source<'_>,
        chapter: Spanned<String>,
        chapters: &[String],
    ) -> Option<String> {
        if chapters.contains(&chapter.value) {
            return Some(chapter.value);
        }
        if self.quiet_refs {
            return None;
        }
        let hint = match nearest(&chapter.value, chapters.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the chapters of this report are: {}", chapters.join(", ")),
        };
        self.error(
            source
                .error_at(
                    &chapter.referenced,
                    format!("no chapter has the slug `{}`", chapter.value),
                )
                .hint(hint),
        );
        None
    }

    fn stats_file(&mut self, dir: &str, chapters: &[String], chronicle: &[Event]) -> Vec<Stat> {
        let Some((file, text, raw)) = self.yaml_list::<RawStat>(
            dir,
            "stats.yaml",
            "figures, each starting with `- key: name`",
        ) else {
            return Vec::new();
        };
        let source = Source { file: &file, text: &text, first_line: 1 };
        raw.into_iter().filter_map(|s| self.stat(&source, s, None, chapters, chronicle)).collect()
    }

    fn stat(
        &mut self,
        source: &Source<'_>,
        raw: RawStat,
        declared_in: Option<&str>,
        chapters: &[String],
        chronicle: &[Event],
    ) -> Option<Stat> {
        let RawStat {
            key,
            label,
            value,
            unit,
            approx,
            group,
            note,
            chapter,
            highlight,
            count,
            sum,
            filter,
        } = raw;
        let origin = Origin {
            file: source.file.to_path_buf(),
            line: key.referenced.line() as usize + source.first_line - 1,
            column: key.referenced.column() as usize,
        };
        if key.value.is_empty()
            || !key.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            self.error(
                source
                    .error_at(
                        &key.referenced,
                        format!("the stat key `{}` may only use a-z, 0-9 and _", key.value),
                    )
                    .hint("for example `study_sessions`"),
            );
            return None;
        }
        let chapter = match chapter {
            Some(c) => Some(self.chapter_ref(source, c, chapters)?),
            None => declared_in.map(str::to_owned),
        };
        let check_filter = |loader: &mut Self, f: &Spanned<BTreeMap<String, Scalar>>| -> bool {
            let mut ok = true;
            for field in f.value.keys() {
                if !FILTER_FIELDS.contains(&field.as_str()) {
                    let hint = match nearest(field, FILTER_FIELDS) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("events can be filtered on: {}", FILTER_FIELDS.join(", ")),
                    };
                    loader.error(
                        source
                            .error_at(
                                &f.referenced,
                                format!("events have no field `{field}` to filter on"),
                            )
                            .hint(hint),
                    );
                    ok = false;
                }
            }
            ok
        };
        let derived = match (&value, count, sum, filter) {
            (Some(v), Some(_), _, _) | (Some(v), _, Some(_), _) => {
                self.error(
                    source
                        .error_at(&v.referenced, format!("the stat `{}` has both a `value` and a derivation", key.value))
                        .hint("keep `value:` for a typed figure, or `count:`/`sum:` to compute it from the chronicle, not both"),
                );
                return None;
            }
            (None, Some(c), Some(_), _) => {
                self.error(
                    source
                        .error_at(
                            &c.referenced,
                            format!("the stat `{}` has both `count` and `sum`", key.value),
                        )
                        .hint("choose one"),
                );
                return None;
            }
            (_, Some(c), None, None) => {
                check_filter(self, &c).then_some(Derivation::Count { filter: c.value })?.into()
            }
            (_, Some(c), None, Some(w)) => {
                self.error(
                    source
                        .error_at(
                            &w.referenced,
                            "`where` goes with `sum`; `count` takes its filter itself",
                        )
                        .hint("write `count: {kind: visit}`"),
                );
                let _ = c;
                return None;
            }
            (_, None, Some(field), filter) => {
                if field.value != "participants" {
                    self.error(
                        source
                            .error_at(
                                &field.referenced,
                                format!("events have no number `{}` to sum", field.value),
                            )
                            .hint("`sum: participants` is the number events carry"),
                    );
                    return None;
                }
                let filter = match filter {
                    Some(f) => {
                        if !check_filter(self, &f) {
                            return None;
                        }
                        f.value
                    }
                    None => BTreeMap::new(),
                };
                Some(Derivation::Sum { field: field.value, filter })
            }
            (None, None, None, Some(w)) => {
                self.error(
                    source
                        .error_at(&w.referenced, "`where` without `sum`")
                        .hint("add `sum: participants`, or remove `where:`"),
                );
                return None;
            }
            (Some(_), None, None, Some(w)) => {
                self.error(
                    source
                        .error_at(&w.referenced, "`where` without `sum`")
                        .hint("`where:` filters the events a `sum:` adds up"),
                );
                return None;
            }
            (Some(_), None, None, None) => None,
            (None, None, None, None) => {
                self.error(
                    source
                        .error_at(&key.referenced, format!("the stat `{}` has no value", key.value))
                        .hint("add `value: 14`, or derive it from the chronicle with `count: {kind: ...}` or `sum: participants`"),
                );
                return None;
            }
        };
        let value = match &derived {
            None => value.map(|v| v.value).unwrap_or_default(),
            Some(d) => crate::stats::derive(d, chronicle),
        };
        if !value.is_finite() {
            self.error(source.error_at(
                &key.referenced,
                format!("the stat `{}` is not a finite number", key.value),
            ));
            return None;
        }
        Some(Stat {
            key: key.value,
            label,
            value,
            unit,
            approx,
            group,
            note,
            chapter,
            highlight,
            derived,
            origin,
        })
    }
}

impl Diagnostic {
    /// Adds `hint` to an error about the file not being a list.
    fn hint_if_list(self, hint: &str) -> Self {
        if self.hint.is_none() && self.message.contains("sequence") {
            self.hint(hint)
        } else {
            self
        }
    }
}

fn collect_links(site: &Site) -> BTreeMap<String, String> {
    let mut links = BTreeMap::new();
    for r in &site.reports {
        links.insert(r.preface.file.clone(), r.path.clone());
        for c in &r.chapters {
            links.insert(c.body.file.clone(), c.path.clone());
        }
    }
    for s in site.all_sections() {
        links.insert(s.body.file.clone(), s.path.clone());
        for p in &s.pages {
            links.insert(p.body.file.clone(), p.path.clone());
        }
    }
    for p in &site.pages {
        links.insert(p.body.file.clone(), p.path.clone());
    }
    links.insert("_index.md".to_owned(), String::new());
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes() {
        assert_eq!(number_prefix("03-ideas"), Some(3));
        assert_eq!(number_prefix("2024-review"), Some(2024));
        assert_eq!(number_prefix("ideas"), None);
        assert_eq!(number_prefix("03"), None);
    }

    #[test]
    fn slugs_from_names() {
        assert_eq!(slugify_name("03-ideas"), "ideas");
        assert_eq!(slugify_name("My Page_Two"), "my-page-two");
        assert_eq!(slugify_name("01-政协 履职"), "政协-履职");
    }
}
