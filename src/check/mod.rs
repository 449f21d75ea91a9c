//! `annals check`: everything a build validates, plus what only the
//! rendered site shows: every internal link, `#anchor` and image leads
//! somewhere, every `<img>` has alt text; and, as warnings, stats no text
//! cites and photos nothing shows. It renders in memory and writes nothing.
//!
//! References written in Markdown are checked where they were written, so
//! their problems name the Markdown file and line; the rest of each
//! rendered page (what templates and static files add) is crawled after,
//! and its problems name the page. It runs the pipeline `build` and
//! `serve` run, in its partial form (`pipeline::load_partial`, rendering
//! into memory), so a broken front matter does not hide a broken anchor
//! elsewhere: one run lists all.

mod figures;
mod languages;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};

use crate::config::BuildOptions;
use crate::content::{self, Markdown, ReportPage, Site};
use crate::diagnostic::{Diagnostic, Diagnostics, nearest};
use crate::output::{self, FileContent, OutputFile};
use crate::pipeline;
use crate::render::html::{Tag, tags};
use crate::render::markdown::{LinkTarget, link_target};
use crate::render::urls;
use crate::tr;

/// Photo files `check` expects something to show.
const PHOTO_EXTENSIONS: [&str; 7] = ["jpg", "jpeg", "png", "webp", "gif", "avif", "tif"];

/// What `check` found. Errors fail the check; warnings do not.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Rendered HTML pages crawled.
    pub pages: usize,
    /// Links, anchors and images followed.
    pub references: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl CheckReport {
    /// Every problem, errors and warnings together, sorted by file and line.
    pub fn problems(&self) -> Vec<(Severity, &Diagnostic)> {
        let mut all: Vec<(Severity, &Diagnostic)> = self
            .errors
            .iter()
            .map(|d| (Severity::Error, d))
            .chain(self.warnings.iter().map(|d| (Severity::Warning, d)))
            .collect();
        all.sort_by(|a, b| {
            (&a.1.file, a.1.line, a.1.column).cmp(&(&b.1.file, b.1.line, b.1.column))
        });
        all
    }
}

/// Checks the site at `options.root`.
pub fn check(options: &BuildOptions) -> CheckReport {
    let root = &options.root;
    let mut report = CheckReport::default();
    let (loaded, mut errors) = pipeline::load_partial(options);
    let Some(loaded) = loaded else {
        report.errors = Diagnostics::sorted(errors).0;
        return report;
    };
    let mut loaded = loaded;
    errors.extend(pipeline::verify_photos(&loaded, options));
    let files = output::Memory::default();
    errors.extend(pipeline::verify_editions(&mut loaded, options, &files));
    let site = &loaded.site;
    let files = match pipeline::render_partial(&loaded, &files) {
        Ok(render_errors) => {
            // A photo that failed to load is also unknown to the renderer:
            // one message per place is enough, the first stage's.
            let seen: HashSet<(PathBuf, Option<usize>, Option<usize>)> =
                errors.iter().map(|d| (d.file.clone(), d.line, d.column)).collect();
            let template_failed = render_errors.iter().any(|d| !d.file.starts_with("content"));
            errors.extend(
                render_errors
                    .into_iter()
                    .filter(|d| !seen.contains(&(d.file.clone(), d.line, d.column))),
            );
            if template_failed {
                // Pages are missing: every link to them would be reported.
                report.warnings.push(
                    Diagnostic::new("templates", tr!("check-links-not-checked"))
                        .hint(tr!("check-links-not-checked-hint")),
                );
                None
            } else {
                Some(files.into_files())
            }
        }
        Err(crate::Error::Content(d)) => {
            errors.extend(d.0);
            None
        }
        Err(crate::Error::Output(e)) => {
            errors.push(e.into());
            None
        }
    };
    if let Some(mut files) = files {
        files.extend(loaded.photos.files());
        match output::assemble(files) {
            Ok(files) => {
                let site_files = SiteFiles::new(&files, &mut errors);
                let mut crawler = Crawler {
                    files: &site_files,
                    ids: HashMap::new(),
                    handled: HashSet::new(),
                    errors: Vec::new(),
                    warnings: Vec::new(),
                    references: 0,
                };
                crawler.markdown(site, loaded.config.markdown_safe);
                for (_, translation) in &site.translations {
                    crawler.markdown(translation, loaded.config.markdown_safe);
                }
                crawler.pages();
                report.pages = site_files.html.len();
                report.references = crawler.references;
                errors.extend(crawler.errors);
                report.warnings.extend(crawler.warnings);
            }
            Err(e) => {
                let mut d = Diagnostic::new("static", e.to_string());
                if let Some(hint) = e.hint() {
                    d = d.hint(hint);
                }
                errors.push(d);
            }
        }
    }
    report.warnings.extend(figures::unused(site));
    report.warnings.extend(figures::comparisons(site));
    report.warnings.extend(figures::suggested(root));
    report.warnings.extend(chapter_number_gaps(site));
    report.warnings.extend(unshown_photos(root, site));
    report.warnings.extend(site.notices.iter().cloned());
    report.warnings.extend(languages::stale(root, site));
    report.errors = Diagnostics::sorted(errors).0;
    report.warnings = Diagnostics::sorted(std::mem::take(&mut report.warnings)).0;
    report
}

/// The rendered site as paths, with the text of its HTML pages.
struct SiteFiles {
    paths: BTreeSet<String>,
    html: BTreeMap<String, String>,
}

impl SiteFiles {
    fn new(files: &[OutputFile], errors: &mut Vec<Diagnostic>) -> Self {
        let mut html = BTreeMap::new();
        for f in files.iter().filter(|f| f.path.ends_with(".html")) {
            let text = match &f.content {
                FileContent::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                FileContent::Copy(p) => match std::fs::read(p) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(e) => {
                        errors.push(
                            Diagnostic::new(p, tr!("check-cannot-read", error = e.to_string()))
                                .hint(tr!("check-cannot-read-hint")),
                        );
                        continue;
                    }
                },
            };
            html.insert(f.path.clone(), text);
        }
        SiteFiles { paths: files.iter().map(|f| f.path.clone()).collect(), html }
    }
}

struct Crawler<'a> {
    files: &'a SiteFiles,
    /// Page → the ids on it, found on first need.
    ids: HashMap<String, Vec<String>>,
    /// (page, decoded reference) already checked where it was written.
    handled: HashSet<(String, String)>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    references: usize,
}

/// Why a reference fails, and what would fix it.
struct Problem {
    severity: Severity,
    message: String,
    hint: String,
}

impl Problem {
    fn error(message: String, hint: impl Into<String>) -> Option<Problem> {
        Some(Problem { severity: Severity::Error, message, hint: hint.into() })
    }

    fn warning(message: String, hint: impl Into<String>) -> Option<Problem> {
        Some(Problem { severity: Severity::Warning, message, hint: hint.into() })
    }
}

/// A Markdown body and the page it is rendered into.
struct Body<'a> {
    md: &'a Markdown,
    /// Site path of the page, `2024/politics/`.
    path: &'a str,
    /// Site path of the print edition that shows the body again, for a
    /// report's preface and chapters: what is reported at the Markdown is
    /// not reported again there.
    print: Option<String>,
}

impl Crawler<'_> {
    /// Checks the links, images and raw HTML of every Markdown body.
    fn markdown(&mut self, site: &Site, safe: bool) {
        let body = |md, path| Body { md, path, print: None };
        // In a translation's site, the bodies of its translations.
        let home = site.links.get("_index.md").map_or("", String::as_str);
        let mut bodies = vec![body(&site.home.body, home)];
        for r in &site.reports {
            let print = (!r.untranslated).then(|| r.page_path(ReportPage::Print));
            if !r.untranslated {
                bodies.push(Body { md: &r.preface, path: &r.path, print: print.clone() });
            }
            bodies.extend(r.chapters.iter().filter(|c| !c.untranslated).map(|c| Body {
                md: &c.body,
                path: &c.path,
                print: print.clone(),
            }));
        }
        for s in site.all_sections() {
            if !s.untranslated {
                bodies.push(body(&s.body, &s.path));
            }
            let pages = s.pages.iter().filter(|p| !p.untranslated);
            bodies.extend(pages.map(|p| body(&p.body, &p.path)));
        }
        let pages = site.pages.iter().filter(|p| !p.untranslated);
        bodies.extend(pages.map(|p| body(&p.body, &p.path)));
        for body in bodies {
            if !body.md.file.is_empty() {
                self.body(&body, site, safe);
            }
        }
    }

    fn body(&mut self, body: &Body<'_>, site: &Site, safe: bool) {
        let md = body.md;
        let page = format!("{}index.html", body.path);
        let root = urls::root_of(body.path);
        let parser = Parser::new_ext(&md.text, content::markdown_options());
        let mut image: Option<(String, usize, String)> = None;
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(MdTag::Link { dest_url, .. }) => {
                    let rendered = match link_target(
                        &dest_url,
                        &md.file,
                        &root,
                        &site.links,
                        &site.unloaded,
                        &site.drafts,
                    ) {
                        LinkTarget::AsWritten => dest_url.to_string(),
                        LinkTarget::Href(href) => href,
                        // The renderer has said so already.
                        LinkTarget::Missing { .. } | LinkTarget::Unloaded | LinkTarget::Draft => {
                            self.handled.insert((page.clone(), decode(&dest_url)));
                            continue;
                        }
                    };
                    self.handled.insert((page.clone(), decode(&rendered)));
                    if let Some(p) = self.reference(&page, &rendered, &dest_url) {
                        self.report_at(md, range.start, p);
                    }
                }
                Event::Start(MdTag::Image { dest_url, .. }) => {
                    image = Some((dest_url.to_string(), range.start, String::new()));
                }
                Event::Text(t) | Event::Code(t) if image.is_some() => {
                    if let Some((_, _, alt)) = &mut image {
                        alt.push_str(&t);
                    }
                }
                Event::End(TagEnd::Image) => {
                    // Local photos are checked by the loader (the file, alt
                    // or caption); here only what it lets through.
                    if let Some((dest, offset, alt)) = image.take()
                        && !content::is_local(&dest)
                    {
                        self.handled.insert((page.clone(), decode(&dest)));
                        self.handled.insert((page.clone(), format!("alt:{}", decode(&dest))));
                        if alt.trim().is_empty()
                            && let Some(p) = missing_alt(&dest)
                        {
                            self.report_at(md, offset, p);
                        }
                        if let Some(p) = self.reference(&page, &dest, &dest) {
                            self.report_at(md, offset, p);
                        }
                    }
                }
                Event::Html(html) | Event::InlineHtml(html) if !safe => {
                    // Positions inside the fragment, where it is the source
                    // text itself.
                    let exact = md.text.get(range.clone()) == Some(&*html);
                    for tag in tags(&html) {
                        let offset = range.start + if exact { tag.offset } else { 0 };
                        for value in references(&tag) {
                            self.handled.insert((page.clone(), decode(&value)));
                            if let Some(p) = self.reference(&page, &value, &value) {
                                self.report_at(md, offset, p);
                            }
                        }
                        if tag.name == "img" && !has_alt(&tag) && !decorative(&tag) {
                            let src = tag.attr("src").unwrap_or_default().to_owned();
                            self.handled.insert((page.clone(), format!("alt:{}", decode(&src))));
                            if let Some(p) = missing_alt(&src) {
                                self.report_at(md, offset, p);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(print) = &body.print {
            let again: Vec<(String, String)> = self
                .handled
                .iter()
                .filter(|(p, _)| *p == page)
                .map(|(_, d)| (format!("{print}index.html"), d.clone()))
                .collect();
            self.handled.extend(again);
        }
    }

    fn report_at(&mut self, md: &Markdown, offset: usize, p: Problem) {
        let (line, column) = content::line_column(&md.text, offset);
        let line = line + md.first_line - 1;
        let mut d = Diagnostic::new(format!("content/{}", md.file), p.message)
            .at(line, column)
            .hint(p.hint);
        d.source_line = md.text.lines().nth(line - md.first_line).map(str::to_owned);
        match p.severity {
            Severity::Error => self.errors.push(d),
            Severity::Warning => self.warnings.push(d),
        }
    }

    /// Crawls every rendered page for what the Markdown pass did not see:
    /// references and images added by templates and static files. A
    /// template's mistake shows on many pages; it is reported once.
    fn pages(&mut self) {
        let files = self.files;
        let mut seen: HashMap<(String, String), (usize, Diagnostic, Severity)> = HashMap::new();
        let mut order = Vec::new();
        for (page, html) in &files.html {
            if html.contains("<base ") {
                continue; // 404.html resolves against the site's address.
            }
            let mut hidden: Vec<(String, bool)> = Vec::new();
            for tag in tags(html) {
                if tag.closing {
                    if let Some(i) = hidden.iter().rposition(|(n, _)| *n == tag.name) {
                        hidden.truncate(i);
                    }
                    continue;
                }
                let inherited = hidden.last().is_some_and(|(_, h)| *h);
                let is_hidden = inherited || tag.attr("aria-hidden") == Some("true");
                let mut problems = Vec::new();
                for value in references(&tag) {
                    if self.handled.contains(&(page.clone(), decode(&value))) {
                        continue;
                    }
                    if let Some(p) = self.reference(page, &value, &value) {
                        problems.push((value, p));
                    }
                }
                if tag.name == "img" && !has_alt(&tag) && !is_hidden && !decorative(&tag) {
                    let src = tag.attr("src").unwrap_or_default().to_owned();
                    if !self.handled.contains(&(page.clone(), format!("alt:{}", decode(&src)))) {
                        problems.push((src.clone(), missing_alt(&src).expect("a problem")));
                    }
                }
                for (value, p) in problems {
                    let key = (value, p.message.clone());
                    if let Some(entry) = seen.get_mut(&key) {
                        entry.0 += 1;
                        continue;
                    }
                    let (line, column) = content::line_column(html, tag.offset);
                    let d = Diagnostic::new(
                        page,
                        tr!("check-in-rendered-page", message = p.message.as_str()),
                    )
                    .at(line, column)
                    .hint(tr!("check-in-rendered-page-hint", hint = p.hint.as_str()));
                    order.push(key.clone());
                    seen.insert(key, (1, d, p.severity));
                }
                if !tag.self_closing && !VOID.contains(&tag.name.as_str()) {
                    hidden.push((tag.name.clone(), is_hidden));
                }
            }
        }
        for key in order {
            let (count, mut d, severity) = seen.remove(&key).expect("recorded");
            if count > 1 {
                d.message =
                    tr!("check-on-other-pages", message = d.message.as_str(), count = count - 1);
            }
            match severity {
                Severity::Error => self.errors.push(d),
                Severity::Warning => self.warnings.push(d),
            }
        }
    }

    /// Follows the reference `value` (an attribute value, entities
    /// decoded) from `page`.
    /// `written` is the reference as its author wrote it, for messages.
    fn reference(&mut self, page: &str, value: &str, written: &str) -> Option<Problem> {
        let value = value.trim();
        if value.is_empty() || value.starts_with("//") || content::url_scheme(value).is_some() {
            return None;
        }
        self.references += 1;
        let (rest, anchor) = value.split_once('#').map_or((value, None), |(p, a)| (p, Some(a)));
        let path = rest.split_once('?').map_or(rest, |(p, _)| p);
        let decoded = content::percent_decode(path);
        let mut warning = None;
        let target = if decoded.is_empty() {
            page.to_owned()
        } else {
            let (base, rel) = match decoded.strip_prefix('/') {
                Some(rel) => {
                    warning = Problem::warning(
                        tr!("check-root-path", link = written),
                        tr!("check-root-path-hint"),
                    );
                    ("", rel)
                }
                None => (page.rsplit_once('/').map_or("", |(d, _)| d), decoded.as_str()),
            };
            let Some(joined) = content::join_relative(base, rel) else {
                return Problem::error(
                    tr!("check-outside-site", link = written),
                    tr!("check-outside-site-hint"),
                );
            };
            if joined.is_empty() || decoded.ends_with('/') {
                let index = content::join(&joined, "index.html");
                if self.files.paths.contains(&index) {
                    warning = warning.or_else(|| {
                        Problem::warning(
                            tr!("check-names-folder", link = written),
                            tr!("check-names-folder-hint", index = format!("{path}index.html")),
                        )
                    });
                }
                index
            } else if !self.files.paths.contains(&joined)
                && self.files.paths.contains(&content::join(&joined, "index.html"))
            {
                warning = warning.or_else(|| {
                    Problem::warning(
                        tr!("check-names-folder", link = written),
                        tr!("check-names-folder-hint", index = format!("{path}/index.html")),
                    )
                });
                content::join(&joined, "index.html")
            } else {
                joined
            }
        };
        if !self.files.paths.contains(&target) {
            let hint = if decoded.ends_with(".md") {
                tr!("check-markdown-link-hint")
            } else {
                tr!(
                    "check-nothing-there-hint",
                    target = target.as_str(),
                    page = page.trim_end_matches("index.html")
                )
            };
            return Problem::error(tr!("check-leads-nowhere", link = written), hint);
        }
        if let Some(anchor) = anchor.filter(|a| !a.is_empty() && *a != "top")
            && target.ends_with(".html")
        {
            let id = content::percent_decode(anchor);
            let ids = self.ids_of(&target);
            if !ids.contains(&id) {
                let hint = match nearest(&id, ids.iter().map(String::as_str)) {
                    Some(near) => tr!("check-anchor-did-you-mean", id = near),
                    None => tr!("check-anchor-hint"),
                };
                return Problem::error(
                    tr!(
                        "check-no-anchor",
                        link = written,
                        page = target.as_str(),
                        id = id.as_str()
                    ),
                    hint,
                );
            }
        }
        warning
    }

    fn ids_of(&mut self, page: &str) -> &Vec<String> {
        let files = self.files;
        self.ids.entry(page.to_owned()).or_insert_with(|| {
            files.html.get(page).map_or_else(Vec::new, |html| {
                tags(html)
                    .into_iter()
                    .filter_map(|t| {
                        t.attr("id")
                            .or_else(|| (t.name == "a").then(|| t.attr("name")).flatten())
                            .map(str::to_owned)
                    })
                    .collect()
            })
        })
    }
}

fn missing_alt(src: &str) -> Option<Problem> {
    Problem::error(tr!("check-no-alt", src = src), tr!("check-no-alt-hint"))
}

fn decode(value: &str) -> String {
    content::percent_decode(value.trim())
}

/// Chapters numbered past a missing number (1, 3): a chapter left out or a
/// file renamed by mistake. (Two chapters with one number fail the build.)
fn chapter_number_gaps(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for report in &site.reports {
        let mut numbered: Vec<(u32, &str)> = report
            .chapters
            .iter()
            .filter_map(|c| Some((c.number?, c.body.file.as_str())))
            .collect();
        numbered.sort_unstable();
        for pair in numbered.windows(2) {
            let ((before, _), (number, file)) = (pair[0], pair[1]);
            if number > before + 1 {
                let missing = if number == before + 2 {
                    format!("{}", before + 1)
                } else {
                    tr!("check-chapter-range", from = before + 1, to = number - 1)
                };
                out.push(
                    Diagnostic::new(
                        Path::new("content").join(file),
                        tr!(
                            "check-chapter-gap",
                            number = number,
                            before = before,
                            missing = missing
                        ),
                    )
                    .hint(tr!("check-chapter-gap-hint")),
                );
            }
        }
    }
    out
}

/// Photo files in `content/` that no page, report or event shows; those in
/// the folder of a draft report, section or page bundle wait for it.
fn unshown_photos(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let content = root.join("content");
    let Ok(content_abs) = content.canonicalize() else {
        return Vec::new();
    };
    let draft_folders: Vec<PathBuf> = site
        .drafts
        .iter()
        .map(Path::new)
        .filter(|file| file.file_name().is_some_and(|n| n == "_index.md" || n == "index.md"))
        .filter_map(|file| file.parent().map(|folder| content_abs.join(folder)))
        .collect();
    let shown: HashSet<PathBuf> =
        site.unique_photos().into_iter().map(|p| p.file.clone()).collect();
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(&content_abs)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker.filter_map(Result::ok) {
        let is_photo = entry.file_type().is_file()
            && entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !is_photo || draft_folders.iter().any(|d| entry.path().starts_with(d)) {
            continue;
        }
        let real = entry.path().canonicalize().unwrap_or_else(|_| entry.path().to_path_buf());
        if shown.contains(&real) {
            continue;
        }
        let rel = entry.path().strip_prefix(&content_abs).unwrap_or(entry.path());
        out.push(
            Diagnostic::new(Path::new("content").join(rel), tr!("check-unshown-photo"))
                .hint(tr!("check-unshown-photo-hint")),
        );
    }
    out
}

/// Elements that have no end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Whether a tag's alt text says something.
fn has_alt(tag: &Tag) -> bool {
    tag.attr("alt").is_some_and(|a| !a.trim().is_empty())
}

/// An image marked as decoration, which needs no alt text.
fn decorative(tag: &Tag) -> bool {
    matches!(tag.attr("role"), Some("presentation" | "none"))
        || tag.attr("aria-hidden") == Some("true")
}

/// The URLs a tag refers to.
fn references(tag: &Tag) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in &tag.attrs {
        match name.as_str() {
            // Preconnect and similar hints name hosts, not files.
            "href"
                if matches!(tag.name.as_str(), "a" | "area")
                    || (tag.name == "link"
                        && matches!(
                            tag.attr("rel"),
                            Some("stylesheet" | "icon" | "alternate" | "manifest")
                        )) =>
            {
                out.push(value.clone());
            }
            "src" | "poster" => out.push(value.clone()),
            "srcset" => out.extend(
                value.split(',').filter_map(|c| c.split_whitespace().next()).map(str::to_owned),
            ),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_alt_text() {
        let t = tags(
            "<a href=\"a.html?x=1&amp;y=2#k\">y</a><img src=i.png srcset=\"i-1.png 1x, i-2.png 2x\" alt=\"\"><img src=d.png role=presentation><link rel=preconnect href=//x>",
        );
        assert_eq!(references(&t[0]), ["a.html?x=1&y=2#k"]);
        assert_eq!(references(&t[2]), ["i.png", "i-1.png", "i-2.png"]);
        assert!(!has_alt(&t[2]) && !decorative(&t[2]));
        assert!(decorative(&t[3]));
        assert!(references(&t[4]).is_empty());
    }
}
