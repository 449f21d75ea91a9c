//! The render stage: model → HTML and other files, in memory. Markdown
//! bodies are rendered with `markdown`, pages with Tera templates; every
//! page is independent, so they render in parallel. Nothing here writes to
//! disk: each `OutputFile` goes to a `Sink`, the output stage's staging
//! folder as soon as it is rendered, or memory for `serve` and `check`.

mod charts;
pub mod data;
pub mod markdown;
mod meta;
mod search;
mod sitemap;
mod tags;
mod templates;
pub mod urls;
mod views;

use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::content::{Markdown, Page, Photo, Report, Section, Site};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{FileContent, OutputError, OutputFile, Sink};
use crate::stats::FigureStyle;
use crate::theme::{StaticFile, Theme};
use markdown::{BodyContext, Rendered};
use search::SearchDoc;
use tags::TagView;
use views::{ChapterLink, Figure, PageView, PhotoView, ReportView, SectionView};

/// Renders the whole site into memory.
pub fn render(site: &Site, config: &Config, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let (files, errors) = render_partial(site, config, theme)?;
    if errors.is_empty() { Ok(files) } else { Err(Diagnostics::sorted(errors)) }
}

/// Renders what can be rendered into memory, with every problem found: a
/// page whose Markdown has errors is still rendered around them, a page
/// whose template fails is left out. The `Err` is for a theme that cannot
/// render at all.
pub fn render_partial(
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Diagnostics> {
    let files = Mutex::new(Vec::new());
    let errors = match render_to(site, config, theme, &files) {
        Ok(errors) => errors,
        Err(crate::Error::Content(d)) => return Err(d),
        Err(crate::Error::Output(e)) => return Err(Diagnostic::from(e).into()),
    };
    Ok((files.into_inner().unwrap_or_else(|e| e.into_inner()), errors))
}

/// Renders every file of the site into `sink` as soon as it is made, in
/// parallel, and returns the problems found (as `render_partial`). The
/// `Err` is for a theme that cannot render at all, or a sink that cannot
/// take a file.
pub fn render_to(
    site: &Site,
    config: &Config,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Vec<Diagnostic>, crate::Error> {
    let mut renderer = Renderer::new(site, config, theme)?;
    let jobs = renderer.jobs();
    let results: Vec<(Option<SearchDoc>, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|job| {
            let mut errors = Vec::new();
            let doc = match renderer.run(job, &mut errors) {
                Some(Rendition { file, doc }) => {
                    sink.put(file)?;
                    doc
                }
                None => None,
            };
            Ok((doc, errors))
        })
        .collect::<Result<_, OutputError>>()?;
    // Every page is out: the bodies' memory is the search index's now.
    drop(jobs);
    renderer.chapters = Vec::new();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for (doc, e) in results {
        docs.extend(doc);
        errors.extend(e);
    }
    for r in &site.reports {
        let (json, csv) = (format!("{}stats.json", r.path), format!("{}stats.csv", r.path));
        sink.put(OutputFile::bytes(json, data::json(r, &site.reports, &renderer.style)))?;
        sink.put(OutputFile::bytes(csv, data::csv(r, &site.reports, &renderer.style)))?;
    }
    if config.search {
        sink.put(OutputFile::bytes("search-index.js", search::index_script(&docs)))?;
    }
    drop(docs);
    for file in sitemap::render(&renderer.tera, theme, site, config, &mut errors) {
        sink.put(file)?;
    }
    for (rel, file) in &theme.static_files {
        let content = match file {
            StaticFile::Embedded(bytes) => FileContent::Bytes(bytes.clone()),
            StaticFile::Disk(path) => FileContent::Copy(path.clone()),
        };
        sink.put(OutputFile { path: rel.clone(), content })?;
    }
    Ok(errors)
}

/// The variables one page's template was given, as JSON: what the theme
/// guide (docs/themes.md) documents, and its test checks.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct TemplateContext {
    pub template: &'static str,
    /// The page's site path: `2024/politics/`.
    pub path: String,
    /// Every variable, the ones every page gets included.
    pub variables: serde_json::Map<String, serde_json::Value>,
}

/// The context of every page the site would render, without rendering.
#[doc(hidden)]
pub fn template_contexts(
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<TemplateContext>, Diagnostics> {
    let mut renderer = Renderer::new(site, config, theme)?;
    let mut globals = serde_json::Map::new();
    for name in renderer.globals.clone() {
        let value = renderer.tera.global_context().get(name).cloned();
        globals.insert(name.to_owned(), to_json(&value));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let with_globals = |vars: &Vars| {
        let mut variables = globals.clone();
        for name in &vars.names {
            variables.insert((*name).to_owned(), to_json(&vars.cx.get(name)));
        }
        variables
    };
    for job in renderer.jobs() {
        let page = renderer.context(&job, &mut errors);
        let variables = with_globals(&page.vars);
        out.push(TemplateContext { template: page.template, path: page.path, variables });
    }
    for file in sitemap::files(site, config) {
        let variables = with_globals(&file.vars);
        out.push(TemplateContext { template: file.name, path: file.name.to_owned(), variables });
    }
    if errors.is_empty() { Ok(out) } else { Err(Diagnostics::sorted(errors)) }
}

fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// A template's variables: a Tera context that remembers the names it
/// holds, so the guide's test can list them.
struct Vars {
    cx: Context,
    names: Vec<&'static str>,
}

impl Vars {
    fn new() -> Self {
        Vars { cx: Context::new(), names: Vec::new() }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.cx.insert(name, value);
        self.name(name);
    }

    fn insert_value(&mut self, name: &'static str, value: tera::Value) {
        self.cx.insert_value(name, value);
        self.name(name);
    }

    fn name(&mut self, name: &'static str) {
        if !self.names.contains(&name) {
            self.names.push(name);
        }
    }
}

pub fn figure_style(theme: &Theme) -> Result<FigureStyle, Diagnostic> {
    let get = |key: &str| -> Result<String, Diagnostic> {
        theme.strings.get(key).and_then(|v| v.as_str()).map(str::to_owned).ok_or_else(|| {
            Diagnostic::new(
                format!("themes/{}/i18n", theme.name),
                format!("the theme's strings lack `{key}`"),
            )
            .hint("figure patterns hold {value} and {unit}, such as `{value}余{unit}`")
        })
    };
    Ok(FigureStyle {
        plain: get("figure_plain")?,
        over: get("figure_over")?,
        nearly: get("figure_nearly")?,
        about: get("figure_about")?,
    })
}

/// One output page to render.
enum Job<'a> {
    Home,
    Report(usize),
    Chapter(usize, usize),
    Stats(usize),
    Chronicle(usize),
    Print(usize),
    Photos(usize),
    /// `/stats/`: every key across the years.
    SiteStats,
    Section(&'a Section, usize),
    Page(&'a Page, Option<&'a Section>),
    Tags,
    Tag(usize),
    Search,
    NotFound,
}

/// A rendered page and what search learns from it.
struct Rendition {
    file: OutputFile,
    doc: Option<SearchDoc>,
}

/// A chapter of the print edition.
#[derive(Serialize)]
struct PrintChapter<'a> {
    chapter: PageView<'a>,
    /// The id of its section on the page: `chapter-politics`.
    anchor: String,
    content: String,
    photos: Vec<PhotoView>,
    figures: Vec<Figure>,
}

struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    tera: Tera,
    /// The names of the variables every template gets (Tera's globals).
    globals: Vec<&'static str>,
    style: FigureStyle,
    reports: Vec<tera::Value>,
    tags: Vec<TagView>,
    /// Each report's chapter bodies, rendered once for the chapter pages
    /// and the print edition.
    chapters: Vec<Vec<ChapterBody>>,
}

struct ChapterBody {
    rendered: Rendered,
    errors: Vec<Diagnostic>,
}

/// A page ready to render: where it goes, with which template and
/// variables, and what search learns from it.
struct PageContext {
    path: String,
    template: &'static str,
    vars: Vars,
    doc: Option<SearchDoc>,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, config: &'a Config, theme: &'a Theme) -> Result<Self, Diagnostic> {
        let mut tera = templates::engine(theme)?;
        let style = figure_style(theme)?;
        let reports: Vec<ReportView> =
            site.reports.iter().map(|r| ReportView::new(r, &site.reports, &style)).collect();
        let mut globals = Vars::new();
        globals.insert("config", &views::ConfigView::new(config, theme));
        globals.insert("t", &theme.strings);
        globals.insert("reports", &reports);
        globals
            .insert("sections", &site.sections.iter().map(SectionView::link).collect::<Vec<_>>());
        globals.insert("site_pages", &site.pages.iter().map(ChapterLink::new).collect::<Vec<_>>());
        tera.global_context().extend(globals.cx);
        // Each report's view, serialized once: a report of many chapters is in
        // the context of each of them, and a Tera value is cheap to clone.
        let report_values = reports.iter().map(tera::Value::from_serializable).collect();
        let mut renderer = Renderer {
            site,
            config,
            theme,
            tera,
            globals: globals.names,
            style,
            reports: report_values,
            tags: tags::index(site),
            chapters: Vec::new(),
        };
        renderer.chapters = renderer.chapter_bodies();
        Ok(renderer)
    }

    /// Every chapter body, rendered once (in parallel) for the chapter pages
    /// and the print edition.
    fn chapter_bodies(&self) -> Vec<Vec<ChapterBody>> {
        self.site
            .reports
            .par_iter()
            .map(|r| {
                r.chapters
                    .par_iter()
                    .map(|c| {
                        let mut errors = Vec::new();
                        let root = urls::root_of(&c.path);
                        let rendered = self.body(&c.body, &root, &c.photos, Some(r), &mut errors);
                        ChapterBody { rendered, errors }
                    })
                    .collect()
            })
            .collect()
    }

    fn jobs(&self) -> Vec<Job<'a>> {
        let site = self.site;
        let mut jobs = vec![Job::Home, Job::NotFound];
        if !site.reports.is_empty() {
            jobs.push(Job::SiteStats);
        }
        for (i, r) in site.reports.iter().enumerate() {
            jobs.extend([
                Job::Report(i),
                Job::Stats(i),
                Job::Chronicle(i),
                Job::Print(i),
                Job::Photos(i),
            ]);
            jobs.extend((0..r.chapters.len()).map(|c| Job::Chapter(i, c)));
        }
        for s in site.all_sections() {
            let pages = s.pages.len().div_ceil(s.paginate_by).max(1);
            jobs.extend((1..=pages).map(|n| Job::Section(s, n)));
            jobs.extend(s.pages.iter().map(|p| Job::Page(p, Some(s))));
        }
        jobs.extend(site.pages.iter().map(|p| Job::Page(p, None)));
        jobs.push(Job::Tags);
        jobs.extend((0..self.tags.len()).map(Job::Tag));
        if self.config.search {
            jobs.push(Job::Search);
        }
        jobs
    }

    fn body(
        &self,
        md: &Markdown,
        root: &str,
        photos: &[Photo],
        report: Option<&Report>,
        errors: &mut Vec<Diagnostic>,
    ) -> Rendered {
        let stats_path = report.map(|r| format!("{}stats/", r.path));
        let report_dir =
            report.map(|r| r.preface.file.trim_end_matches("_index.md").trim_end_matches('/'));
        let cx = BodyContext {
            root,
            links: &self.site.links,
            drafts: &self.site.drafts,
            unloaded: &self.site.unloaded,
            photos,
            report_dir,
            stats: report.zip(stats_path.as_deref()).map(|(r, p)| (r.stats.as_slice(), p)),
            style: &self.style,
            safe: self.config.markdown_safe,
            eager_first: true,
        };
        let (rendered, problems) = markdown::render_partial(md, &cx);
        errors.extend(problems);
        rendered
    }

    fn base_context(&self, path: &str, kind: &str, title: &str) -> Vars {
        let mut cx = Vars::new();
        // Optional variables every template may test with `{% if … %}`.
        for name in ["report", "base_href", "og_image", "json_ld"] {
            cx.insert(name, &None::<()>);
        }
        cx.insert("root", &urls::root_of(path));
        cx.insert("path", path);
        cx.insert("kind", kind);
        cx.insert("page_title", title);
        cx.insert("description", &self.config.description);
        cx.insert("canonical", &self.config.absolute_url(&urls::encode_path(path)));
        cx
    }

    /// Description, Open Graph image and JSON-LD of a page.
    fn describe(
        &self,
        cx: &mut Vars,
        summary: Option<&str>,
        image: Option<&Photo>,
        json_ld: serde_json::Value,
    ) {
        if let Some(s) = summary {
            cx.insert("description", s);
        }
        cx.insert("og_image", &meta::image_url(self.config, image));
        cx.insert("json_ld", &meta::script_json(&json_ld));
    }

    fn doc(
        &self,
        title: &str,
        path: &str,
        year: Option<i32>,
        kind: &str,
        text: String,
    ) -> Option<SearchDoc> {
        Some(SearchDoc {
            t: title.to_owned(),
            u: urls::page("", path),
            y: year,
            k: self.t(kind),
            b: text,
        })
    }

    fn run(&self, job: &Job<'a>, errors: &mut Vec<Diagnostic>) -> Option<Rendition> {
        let PageContext { path, template, vars, doc } = self.context(job, errors);
        // Bytes, as they are written: no String to validate.
        let mut html = Vec::with_capacity(16 * 1024);
        if let Err(e) = self.tera.render_to(template, &vars.cx, &mut html) {
            errors.push(templates::error(self.theme, &e, Some(template)));
            return None;
        }
        let file = if path.ends_with(".html") { path } else { format!("{path}index.html") };
        Some(Rendition { file: OutputFile::bytes(file, html), doc })
    }

    /// The template and variables of a page; problems in its Markdown go
    /// to `errors`.
    fn context(&self, job: &Job<'a>, errors: &mut Vec<Diagnostic>) -> PageContext {
        let mut doc = None;
        let (path, template, cx) = match job {
            Job::Home => {
                let home = &self.site.home;
                let rendered = self.body(&home.body, "", &home.photos, None, errors);
                let title = home.title.clone().unwrap_or_else(|| self.config.title.clone());
                let mut cx = self.base_context("", "home", &title);
                cx.insert("home", &views::HomeView::new(home));
                cx.insert("content", &rendered.html);
                cx.insert("search_url", &self.config.search.then(|| urls::page("", "search/")));
                (String::new(), "home.html", cx)
            }
            Job::NotFound => {
                let mut cx = self.base_context("", "404", &self.t("not_found"));
                // A server shows this page at any depth: resolve links from
                // the site root where the site's address is known.
                cx.insert("base_href", &self.config.base_url.as_ref().map(|b| format!("{b}/")));
                cx.insert("canonical", &None::<()>);
                ("404.html".to_owned(), "404.html", cx)
            }
            Job::Report(i) => {
                let report = &self.site.reports[*i];
                let root = urls::root_of(&report.path);
                let rendered =
                    self.body(&report.preface, &root, &report.photos, Some(report), errors);
                let mut cx = self.base_context(&report.path, "report", &report.title);
                self.describe(
                    &mut cx,
                    report.summary.as_deref(),
                    report.cover.as_ref(),
                    meta::report(self.config, report),
                );
                cx.insert_value("report", self.reports[*i].clone());
                cx.insert("content", &rendered.html);
                cx.insert("toc", &rendered.headings);
                let photos = unshown(&report.photos, &rendered, report.cover.as_ref());
                let text = with_captions(&rendered.html, &photos);
                doc = self.doc(&report.title, &report.path, Some(report.year), "report", text);
                cx.insert("photos", &photos);
                (report.path.clone(), "report.html", cx)
            }
            Job::Chapter(i, c) => {
                let report = &self.site.reports[*i];
                let chapter = &report.chapters[*c];
                let body = &self.chapters[*i][*c];
                errors.extend(body.errors.iter().cloned());
                let rendered = &body.rendered;
                let mut cx = self.base_context(&chapter.path, "chapter", &chapter.title);
                self.describe(
                    &mut cx,
                    chapter.summary.as_deref(),
                    chapter.photos.first(),
                    meta::chapter(self.config, report, chapter),
                );
                cx.insert_value("report", self.reports[*i].clone());
                cx.insert("chapter", &PageView::new(chapter));
                cx.insert("content", &rendered.html);
                cx.insert("toc", &rendered.headings);
                let photos = unshown(&chapter.photos, rendered, None);
                doc = self.doc(
                    &chapter.title,
                    &chapter.path,
                    Some(report.year),
                    "chapter",
                    with_captions(&rendered.html, &photos),
                );
                cx.insert("photos", &photos);
                cx.insert("figures", &self.chapter_figures(report, chapter));
                cx.insert("prev", &c.checked_sub(1).map(|p| ChapterLink::new(&report.chapters[p])));
                cx.insert("next", &report.chapters.get(c + 1).map(ChapterLink::new));
                (chapter.path.clone(), "chapter.html", cx)
            }
            Job::Stats(i) => {
                let report = &self.site.reports[*i];
                let path = format!("{}stats/", report.path);
                let title = format!("{} · {}", self.t("statistics"), report.title);
                let mut cx = self.base_context(&path, "stats", &title);
                cx.insert_value("report", self.reports[*i].clone());
                let groups = views::figure_groups(
                    report,
                    &self.site.reports,
                    &self.style,
                    &self.t("other_figures"),
                );
                let text: Vec<String> = groups
                    .iter()
                    .flat_map(|g| &g.figures)
                    .map(|f| format!("{} {}", f.label, f.text))
                    .collect();
                doc = self.doc(&title, &path, Some(report.year), "statistics", text.join(" "));
                cx.insert("groups", &groups);
                cx.insert("json_url", &urls::file("", &format!("{}stats.json", report.path)));
                cx.insert("csv_url", &urls::file("", &format!("{}stats.csv", report.path)));
                (path, "stats.html", cx)
            }
            Job::Chronicle(i) => {
                let report = &self.site.reports[*i];
                let path = format!("{}chronicle/", report.path);
                let title = format!("{} · {}", self.t("chronicle"), report.title);
                let mut cx = self.base_context(&path, "chronicle", &title);
                cx.insert_value("report", self.reports[*i].clone());
                let text: Vec<String> = report
                    .chronicle
                    .iter()
                    .map(|e| {
                        [Some(e.title.as_str()), e.place.as_deref(), e.summary.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                if !text.is_empty() {
                    doc = self.doc(&title, &path, Some(report.year), "chronicle", text.join(" "));
                }
                cx.insert("months", &views::chronicle(report, &self.theme.strings));
                (path, "chronicle.html", cx)
            }
            Job::Print(i) => {
                let report = &self.site.reports[*i];
                let path = format!("{}print/", report.path);
                let root = urls::root_of(&path);
                let mut cx = self.base_context(&path, "print", &report.title);
                // The report page has said what is wrong with the preface.
                let preface = self.body(
                    &report.preface,
                    &root,
                    &report.photos,
                    Some(report),
                    &mut Vec::new(),
                );
                let mut chapters = Vec::new();
                // Chapters sit as deep as this page: their bodies as the
                // chapter pages rendered them, ids made unique per chapter.
                for (chapter, body) in report.chapters.iter().zip(&self.chapters[*i]) {
                    chapters.push(PrintChapter {
                        chapter: PageView::new(chapter),
                        anchor: format!("chapter-{}", chapter.slug),
                        photos: unshown(&chapter.photos, &body.rendered, None),
                        content: markdown::with_id_prefix(
                            &body.rendered.html,
                            &format!("{}-", chapter.slug),
                        ),
                        figures: self.chapter_figures(report, chapter),
                    });
                }
                cx.insert_value("report", self.reports[*i].clone());
                cx.insert("content", &markdown::with_id_prefix(&preface.html, "preface-"));
                cx.insert("photos", &unshown(&report.photos, &preface, report.cover.as_ref()));
                cx.insert("chapters", &chapters);
                cx.insert(
                    "groups",
                    &views::figure_groups(
                        report,
                        &self.site.reports,
                        &self.style,
                        &self.t("other_figures"),
                    ),
                );
                cx.insert("months", &views::chronicle(report, &self.theme.strings));
                (path, "print.html", cx)
            }
            Job::Photos(i) => {
                let report = &self.site.reports[*i];
                let path = format!("{}photos/", report.path);
                let title = format!("{} · {}", self.t("photos"), report.title);
                let mut cx = self.base_context(&path, "photos", &title);
                cx.insert_value("report", self.reports[*i].clone());
                let title_of = |path: &str| {
                    report
                        .chapters
                        .iter()
                        .find(|c| c.path == path)
                        .map_or(&report.title, |c| &c.title)
                        .clone()
                };
                let photos: Vec<PhotoView> = report
                    .all_photos()
                    .into_iter()
                    .map(|p| PhotoView { page_title: Some(title_of(&p.page)), ..PhotoView::new(p) })
                    .collect();
                let captions: Vec<&str> =
                    photos.iter().filter_map(|p| p.caption.as_deref()).collect();
                if !captions.is_empty() {
                    doc = self.doc(&title, &path, Some(report.year), "photos", captions.join(" "));
                }
                cx.insert("photos", &photos);
                (path, "photos.html", cx)
            }
            Job::SiteStats => {
                let path = "stats/".to_owned();
                let mut cx =
                    self.base_context(&path, "site_stats", &self.t("statistics_across_years"));
                let (years, series) = views::series_views(&self.site.reports, &self.style);
                cx.insert("years", &years);
                cx.insert("series", &series);
                (path, "site_stats.html", cx)
            }
            Job::Section(section, number) => {
                let path = if *number == 1 {
                    section.path.clone()
                } else {
                    format!("{}page/{number}/", section.path)
                };
                let root = urls::root_of(&path);
                let rendered = self.body(&section.body, &root, &section.photos, None, errors);
                let mut cx = self.base_context(&path, "section", &section.title);
                if let Some(s) = &section.summary {
                    cx.insert("description", s);
                }
                if *number == 1 {
                    doc = self.doc(
                        &section.title,
                        &path,
                        None,
                        "section",
                        search::html_to_text(&rendered.html),
                    );
                }
                cx.insert("section", &SectionView::new(section, *number));
                cx.insert("content", &rendered.html);
                (path, "section.html", cx)
            }
            Job::Page(page, section) => {
                let root = urls::root_of(&page.path);
                let rendered = self.body(&page.body, &root, &page.photos, None, errors);
                let mut cx = self.base_context(&page.path, "page", &page.title);
                self.describe(
                    &mut cx,
                    page.summary.as_deref(),
                    page.photos.first(),
                    meta::page(self.config, page),
                );
                cx.insert("page", &PageView::new(page));
                cx.insert("section", &section.map(SectionView::link));
                cx.insert("content", &rendered.html);
                cx.insert("toc", &rendered.headings);
                let photos = unshown(&page.photos, &rendered, None);
                let a = &page.archival;
                let mut text = with_captions(&rendered.html, &photos);
                for field in [&a.creator, &a.source, &a.place, &a.rights]
                    .into_iter()
                    .flatten()
                    .chain(&a.subjects)
                {
                    text.push(' ');
                    text.push_str(field);
                }
                doc = self.doc(&page.title, &page.path, page.date.map(|d| d.year), "page", text);
                cx.insert("photos", &photos);
                (page.path.clone(), "page.html", cx)
            }
            Job::Tags => {
                let mut cx = self.base_context("tags/", "tags", &self.t("tags"));
                cx.insert("tags", &self.tags);
                ("tags/".to_owned(), "tags.html", cx)
            }
            Job::Tag(i) => {
                let tag = &self.tags[*i];
                let path = format!("tags/{}/", tag.slug);
                let title = format!("{} · {}", self.t("tags"), tag.name);
                let mut cx = self.base_context(&path, "tag", &title);
                cx.insert("tag", tag);
                (path, "tag.html", cx)
            }
            Job::Search => (
                "search/".to_owned(),
                "search.html",
                self.base_context("search/", "search", &self.t("search")),
            ),
        };
        PageContext { path, template, vars: cx, doc }
    }

    fn chapter_figures(&self, report: &Report, chapter: &Page) -> Vec<Figure> {
        report
            .stats
            .iter()
            .filter(|s| s.chapter.as_deref() == Some(chapter.slug.as_str()))
            .map(|s| Figure::new(s, report, &self.site.reports, &self.style))
            .collect()
    }

    fn t(&self, key: &str) -> String {
        self.theme.strings.get(key).and_then(|v| v.as_str()).unwrap_or(key).to_owned()
    }
}

/// The text of a body and the captions of the photos shown beside it.
fn with_captions(html: &str, photos: &[PhotoView]) -> String {
    let mut text = search::html_to_text(html);
    for caption in photos.iter().filter_map(|p| p.caption.as_deref()) {
        text.push(' ');
        text.push_str(caption);
    }
    text
}

/// The photos of a page its body does not show itself, for the template to
/// place (the cover is shown by the report page already).
fn unshown(photos: &[Photo], rendered: &Rendered, cover: Option<&Photo>) -> Vec<PhotoView> {
    photos
        .iter()
        .filter(|p| !rendered.shown_photos.contains(&p.path))
        .filter(|p| cover.is_none_or(|c| c.path != p.path))
        .map(PhotoView::new)
        .collect()
}
