//! The render stage: model → HTML and other files, in memory. Markdown
//! bodies are rendered with `markdown`, pages with Tera templates; every
//! page is independent, so they render in parallel. Nothing here writes to
//! disk: each `OutputFile` goes to a `Sink`, the output stage's staging
//! folder as soon as it is rendered, or memory for `serve` and `check`.

mod charts;
pub mod data;
pub mod figures;
pub mod html;
mod languages;
pub mod markdown;
mod meta;
mod pages;
pub mod search;
mod sitemap;
mod standalone;
mod tags;
pub(crate) mod templates;
mod toc;
pub mod urls;
pub(crate) mod views;

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::content::{Markdown, Page, Photo, Report, Site};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::images::Plan;
use crate::output::{FileContent, OutputError, OutputFile, Sink};
use crate::stats::FigureStyle;
use crate::theme::{StaticFile, Theme};
use figures::Figure;
use languages::Alternates;
use markdown::{BodyContext, Rendered};
use pages::PageContext;
use search::SearchDoc;
use tags::TagView;
use views::{ChapterLink, PageView, PhotoView, ReportView, SectionView};

/// What rendering reads, each part finished before it starts.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub theme: &'a Theme,
    /// What every photo is published as.
    pub photos: &'a Plan,
    /// The size in bytes of each report's published PDF edition, by the
    /// report's site path (`2024/`, `en/2024/`).
    pub editions: &'a std::collections::BTreeMap<String, u64>,
}

/// Renders every file of the site into `sink` as soon as it is made, in
/// parallel, and returns the problems found: a page whose Markdown has
/// errors is still rendered around them, a page whose template fails is
/// left out. The `Err` is for a theme that cannot render at all, or a sink
/// that cannot take a file. Each language of the site is rendered in turn,
/// the default one at the root, the others under `/TAG/`.
pub fn render_to(input: Input<'_>, sink: &dyn Sink) -> Result<Vec<Diagnostic>, crate::Error> {
    let translations = Translations::new(input);
    let (mut renderers, alternates) = renderers(&translations.inputs(input))?;
    let mut errors = Vec::new();
    for renderer in &mut renderers {
        errors.extend(renderer.render_language(sink)?);
    }
    let default = &renderers[0];
    let entries = sitemap_entries(&renderers, &alternates);
    for file in
        sitemap::render(&default.tera, input.theme, &entries, input.site, input.config, &mut errors)
    {
        sink.put(file)?;
    }
    for renderer in &renderers[1..] {
        if let Some(file) = sitemap::feed_file(
            &renderer.tera,
            renderer.theme,
            renderer.site,
            renderer.config,
            &mut errors,
        ) {
            sink.put(file)?;
        }
    }
    for (rel, file) in &input.theme.static_files {
        let content = match file {
            StaticFile::Embedded(bytes) => FileContent::Bytes(bytes.clone()),
            StaticFile::Disk(path) => FileContent::Copy(path.clone()),
        };
        sink.put(OutputFile { path: rel.clone(), content })?;
    }
    Ok(errors)
}

/// The sitemap's entries: every page of every language.
fn sitemap_entries(
    renderers: &[Renderer<'_>],
    alternates: &Alternates,
) -> Vec<sitemap::SitemapEntry> {
    renderers
        .iter()
        .flat_map(|r| sitemap::entries(r.sitemap_pages(), r.config, alternates))
        .collect()
}

/// The settings and strings of each of the site's other languages, made
/// once for rendering (or typesetting) in them.
pub struct Translations {
    settings: Vec<(Config, Theme)>,
}

impl Translations {
    pub fn new(input: Input<'_>) -> Self {
        let settings = input
            .site
            .translations
            .iter()
            .map(|(tag, _)| (input.config.for_language(tag), input.theme.in_language(tag)))
            .collect();
        Translations { settings }
    }

    /// What each language renders from, the default language first.
    pub fn inputs<'a>(&'a self, input: Input<'a>) -> Vec<Input<'a>> {
        let mut inputs = vec![input];
        for ((_, site), (config, theme)) in input.site.translations.iter().zip(&self.settings) {
            inputs.push(Input { site, config, theme, ..input });
        }
        inputs
    }
}

/// A renderer for each language, each knowing where every page is in all
/// of them.
fn renderers<'a>(inputs: &[Input<'a>]) -> Result<(Vec<Renderer<'a>>, Arc<Alternates>), Diagnostic> {
    let mut renderers: Vec<Renderer<'a>> =
        inputs.iter().map(|input| Renderer::new(*input)).collect::<Result<_, _>>()?;
    let alternates = Arc::new(Alternates::new(renderers.iter().map(Renderer::language).collect()));
    for renderer in &mut renderers {
        renderer.alternates = alternates.clone();
    }
    Ok((renderers, alternates))
}

impl Renderer<'_> {
    /// Renders the pages of this renderer's language, with its reports'
    /// data files and its search index.
    fn render_language(&mut self, sink: &dyn Sink) -> Result<Vec<Diagnostic>, crate::Error> {
        let pages = self.pages();
        let renderer = &*self;
        let results: Vec<(Option<SearchDoc>, Vec<Diagnostic>)> = pages
            .par_iter()
            .map(|page| {
                let mut errors = Vec::new();
                let doc = match renderer.run(page, &mut errors) {
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
        drop(pages);
        self.chapters = Vec::new();
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        for (doc, e) in results {
            docs.extend(doc);
            errors.extend(e);
        }
        let site = self.site;
        for r in site.reports.iter().filter(|r| !r.untranslated) {
            let (json, csv) = (format!("{}stats.json", r.path), format!("{}stats.csv", r.path));
            sink.put(OutputFile::bytes(json, data::json(r, &site.reports, &self.style)))?;
            sink.put(OutputFile::bytes(csv, data::csv(r, &site.reports, &self.style)))?;
        }
        if self.config.search {
            docs.extend(self.search_items());
            for file in search::files(docs, &self.prefix) {
                sink.put(file)?;
            }
        }
        Ok(errors)
    }

    /// Its language (tag, name as the language writes it, path prefix)
    /// and the pages it renders.
    fn language(&self) -> languages::Rendered {
        let tag = self.config.language.clone();
        let name = self.theme.strings.get("language_name").and_then(|v| v.as_str());
        let name = name.unwrap_or(&tag).to_owned();
        let paths: Vec<String> = self.pages().iter().map(|p| self.path_of(p)).collect();
        languages::Rendered::new(tag, name, self.prefix.clone(), &paths)
    }
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
pub fn template_contexts(input: Input<'_>) -> Result<Vec<TemplateContext>, Diagnostics> {
    let translations = Translations::new(input);
    let (mut renderers, alternates) = renderers(&translations.inputs(input))?;
    let mut all_globals = Vec::new();
    for renderer in &mut renderers {
        let mut globals = serde_json::Map::new();
        for name in renderer.globals.clone() {
            let value = renderer.tera.global_context().get(name).cloned();
            globals.insert(name.to_owned(), to_json(&value));
        }
        all_globals.push(globals);
    }
    let entries = sitemap_entries(&renderers, &alternates);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (renderer, globals) in renderers.iter().zip(all_globals) {
        let with_globals = |vars: &Vars| {
            let mut variables = globals.clone();
            for name in &vars.names {
                variables.insert((*name).to_owned(), to_json(&vars.cx.get(name)));
            }
            variables
        };
        for page in renderer.pages() {
            let page = renderer.context(&page, &mut errors);
            let variables = with_globals(&page.vars);
            out.push(TemplateContext { template: page.template, path: page.path, variables });
        }
        if renderer.prefix.is_empty() {
            for file in sitemap::files(&entries, input.site, input.config) {
                let variables = with_globals(&file.vars);
                let path = file.name.to_owned();
                out.push(TemplateContext { template: file.name, path, variables });
            }
        }
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

/// How the site's language writes figures, from the theme's strings.
pub fn figure_style(theme: &Theme, language: &str) -> Result<FigureStyle, Diagnostic> {
    FigureStyle::new(&theme.strings, language).map_err(|(key, holds)| {
        Diagnostic::new(
            format!("themes/{}/i18n/{language}.yaml", theme.name),
            crate::tr!("render-strings-lack", key = key.as_str()),
        )
        .hint(crate::tr!("render-strings-lack-hint", key = key.as_str(), holds = holds))
    })
}

/// The theme's `photo_credit_by` pattern (`摄影：{credit}`), empty where
/// it has none.
pub fn credit_pattern(theme: &Theme) -> &str {
    theme.strings.get("photo_credit_by").and_then(|v| v.as_str()).unwrap_or("")
}

/// A photo's credit as the caption prints it: `摄影：马敏` from the theme's
/// `photo_credit_by` pattern, unless the credit already says what it is
/// (`马敏 摄`, `图片由区政协提供`, `© …`, `Photo: …`).
pub fn credit_line(credit: &str, pattern: &str) -> String {
    const SAYS_WHAT: [&str; 8] = ["摄", "图", "供", "©", "photo", "Photo", "courtesy", "Courtesy"];
    if pattern.is_empty() || SAYS_WHAT.iter().any(|w| credit.contains(w)) {
        credit.to_owned()
    } else {
        pattern.replace("{credit}", credit)
    }
}

/// The problems of a report's bodies (preface and chapters) as the HTML
/// renderer finds them (a photo or figure not known, a link to no page),
/// for an edition that does not render them as HTML.
pub fn body_problems(input: Input<'_>, report: &Report) -> Result<Vec<Diagnostic>, Diagnostic> {
    let Input { site, config, theme, photos, .. } = input;
    let style = figure_style(theme, &config.language)?;
    let stats_path = format!("{}stats/", report.path);
    let report_dir = report.dir();
    let bodies = std::iter::once((&report.preface, &report.photos, &report.path))
        .chain(report.chapters.iter().map(|c| (&c.body, &c.photos, &c.path)));
    let problems = bodies
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|(md, photos_of_page, path)| {
            let root = urls::root_of(path);
            let cx = BodyContext {
                root: &root,
                links: &site.links,
                drafts: &site.drafts,
                unloaded: &site.unloaded,
                photos: photos_of_page,
                plan: photos,
                report_dir: Some(report_dir),
                stats: Some((report, &stats_path)),
                style: &style,
                credit_by: credit_pattern(theme),
                safe: config.markdown_safe,
                eager_first: false,
            };
            markdown::render_partial(md, &cx).1
        })
        .collect();
    Ok(problems)
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
    photos: &'a Plan,
    tera: Tera,
    /// The names of the variables every template gets (Tera's globals).
    globals: Vec<&'static str>,
    style: FigureStyle,
    reports: Vec<tera::Value>,
    tags: Vec<TagView>,
    /// Each report's chapter bodies, rendered once for the chapter pages
    /// and the print edition.
    chapters: Vec<Vec<ChapterBody>>,
    /// The path prefix of its language: `en/`, or empty for the default
    /// language.
    prefix: String,
    /// Where each page is in every language.
    alternates: Arc<Alternates>,
}

struct ChapterBody {
    rendered: Rendered,
    errors: Vec<Diagnostic>,
}

impl<'a> Renderer<'a> {
    fn new(input: Input<'a>) -> Result<Self, Diagnostic> {
        let Input { site, config, theme, photos, editions } = input;
        let mut tera = templates::engine(theme, &config.language)?;
        let style = figure_style(theme, &config.language)?;
        let prefix = config.language_prefix(&config.language);
        let reports: Vec<ReportView> = site
            .reports
            .iter()
            .map(|r| {
                let prefix = if r.untranslated { "" } else { prefix.as_str() };
                ReportView::new(r, prefix, &site.reports, &style, photos, editions.get(&r.path))
            })
            .collect();
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
            photos,
            tera,
            globals: globals.names,
            style,
            reports: report_values,
            tags: tags::index(site, &prefix),
            chapters: Vec::new(),
            prefix,
            alternates: Default::default(),
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
                        if c.untranslated {
                            // Not rendered in this language.
                            return ChapterBody { rendered: Rendered::default(), errors };
                        }
                        let root = urls::root_of(&c.path);
                        let rendered = self.body(&c.body, &root, &c.photos, Some(r), &mut errors);
                        ChapterBody { rendered, errors }
                    })
                    .collect()
            })
            .collect()
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
        let report_dir = report.map(|r| r.dir());
        let cx = BodyContext {
            root,
            links: &self.site.links,
            drafts: &self.site.drafts,
            unloaded: &self.site.unloaded,
            photos,
            plan: self.photos,
            report_dir,
            stats: report.zip(stats_path.as_deref()),
            style: &self.style,
            credit_by: credit_pattern(self.theme),
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
        let root = urls::root_of(path);
        let (switches, hreflang) = self.alternates.of(path, &self.config.language);
        cx.insert("lang_root", &format!("{root}{}", self.prefix));
        cx.insert("languages", &switches);
        cx.insert("hreflang", &hreflang);
        cx.insert("root", &root);
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
        cx.insert("og_image", &meta::image_url(self.config, image, self.photos));
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
            item: false,
        })
    }

    fn run(&self, page: &pages::Page<'a>, errors: &mut Vec<Diagnostic>) -> Option<Rendition> {
        let PageContext { path, template, vars, doc } = self.context(page, errors);
        // Bytes, as they are written: no String to validate.
        let mut html = Vec::with_capacity(16 * 1024);
        if let Err(e) = self.tera.render_to(template, &vars.cx, &mut html) {
            errors.push(templates::error(self.theme, &e, Some(template)));
            return None;
        }
        if matches!(page, pages::Page::NotFound) {
            let page = String::from_utf8_lossy(&html);
            html = standalone::self_contained(&page, self.theme).into_bytes();
        }
        let file = if path.ends_with(".html") { path } else { format!("{path}index.html") };
        Some(Rendition { file: OutputFile::bytes(file, html), doc })
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
    let mut text = html::text(html);
    for caption in photos.iter().filter_map(|p| p.caption.as_deref()) {
        text.push(' ');
        text.push_str(caption);
    }
    text
}

/// The photos of a page its body does not show itself, for the template to
/// place (the cover is shown by the report page already).
fn unshown(
    photos: &[Photo],
    rendered: &Rendered,
    cover: Option<&Photo>,
    plan: &Plan,
) -> Vec<PhotoView> {
    photos
        .iter()
        .filter(|p| !rendered.shown_photos.contains(&p.path))
        .filter(|p| cover.is_none_or(|c| c.path != p.path))
        .map(|p| PhotoView::new(p, plan))
        .collect()
}
