//! The render stage: model → HTML and other files, in memory. Markdown
//! bodies are rendered with `markdown`, pages with Tera templates; every
//! page is independent, so they render in parallel. Nothing here writes to
//! disk: the result is a list of `OutputFile`s for the output stage.

mod charts;
pub mod data;
pub mod markdown;
mod sitemap;
mod templates;
pub mod urls;
mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::config::Config;
use crate::content::{Markdown, Page, Photo, Report, Section, Site};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{FileContent, OutputFile};
use crate::stats::FigureStyle;
use crate::theme::{StaticFile, Theme};
use markdown::{BodyContext, Rendered};
use views::{ChapterLink, Figure, PageView, PhotoView, ReportView, SectionView};

/// Renders the whole site.
pub fn render(site: &Site, config: &Config, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let (files, errors) = render_partial(site, config, theme)?;
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(Diagnostics::sorted(errors))
    }
}

/// Renders what can be rendered, with every problem found: a page whose
/// Markdown has errors is still rendered around them, a page whose template
/// fails is left out. The `Err` is for a theme that cannot render at all.
pub fn render_partial(
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Diagnostics> {
    let mut tera = templates::engine(theme)?;
    let style = figure_style(theme)?;
    let reports: Vec<ReportView> = site
        .reports
        .iter()
        .map(|r| ReportView::new(r, &site.reports, &style))
        .collect();
    {
        let globals = tera.global_context();
        globals.insert("config", &views::ConfigView::new(config, theme));
        globals.insert("t", &theme.strings);
        globals.insert("reports", &reports);
        globals.insert(
            "sections",
            &site
                .sections
                .iter()
                .map(SectionView::link)
                .collect::<Vec<_>>(),
        );
        globals.insert(
            "site_pages",
            &site.pages.iter().map(ChapterLink::new).collect::<Vec<_>>(),
        );
    }
    let renderer = Renderer {
        site,
        config,
        theme,
        tera,
        style,
        reports: reports.iter().map(tera::Value::from_serializable).collect(),
    };
    let jobs = renderer.jobs();
    let results: Vec<(Option<OutputFile>, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|job| {
            let mut errors = Vec::new();
            let file = renderer.run(job, &mut errors);
            (file, errors)
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 64);
    let mut errors = Vec::new();
    for (file, e) in results {
        files.extend(file);
        errors.extend(e);
    }
    for r in &site.reports {
        let (json, csv) = (
            format!("{}stats.json", r.path),
            format!("{}stats.csv", r.path),
        );
        files.push(OutputFile::bytes(
            json,
            data::json(r, &site.reports, &renderer.style),
        ));
        files.push(OutputFile::bytes(
            csv,
            data::csv(r, &site.reports, &renderer.style),
        ));
    }
    files.push(OutputFile::bytes(
        "sitemap.xml",
        sitemap::sitemap(site, config),
    ));
    files.push(OutputFile::bytes("robots.txt", sitemap::robots(config)));
    for photo in unique_photos(site) {
        files.push(OutputFile {
            path: photo.path.clone(),
            content: FileContent::Copy(photo.file.clone()),
        });
    }
    for (rel, file) in &theme.static_files {
        let content = match file {
            StaticFile::Embedded(bytes) => FileContent::Bytes(bytes.clone()),
            StaticFile::Disk(path) => FileContent::Copy(path.clone()),
        };
        files.push(OutputFile {
            path: rel.clone(),
            content,
        });
    }
    Ok((files, errors))
}

pub fn figure_style(theme: &Theme) -> Result<FigureStyle, Diagnostic> {
    let get = |key: &str| -> Result<String, Diagnostic> {
        theme
            .strings
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .ok_or_else(|| {
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

fn unique_photos(site: &Site) -> Vec<&Photo> {
    let mut by_path: BTreeMap<&str, &Photo> = BTreeMap::new();
    let pages = site
        .all_sections()
        .into_iter()
        .flat_map(|s| &s.pages)
        .chain(&site.pages);
    let photos = site
        .reports
        .iter()
        .flat_map(|r| r.all_photos())
        .chain(pages.flat_map(|p| &p.photos));
    for photo in photos {
        by_path.entry(photo.path.as_str()).or_insert(photo);
    }
    by_path.into_values().collect()
}

/// One output page to render.
enum Job<'a> {
    Home,
    Report(usize),
    Chapter(usize, usize),
    Stats(usize),
    Chronicle(usize),
    /// `/stats/`: every key across the years.
    SiteStats,
    Section(&'a Section, usize),
    Page(&'a Page, Option<&'a Section>),
    NotFound,
}

struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    tera: Tera,
    style: FigureStyle,
    /// Each report's view, serialized once: a report of many chapters is
    /// in the context of each of them, and a Tera value is cheap to clone.
    reports: Vec<tera::Value>,
}

impl<'a> Renderer<'a> {
    fn jobs(&self) -> Vec<Job<'a>> {
        let site = self.site;
        let mut jobs = vec![Job::Home, Job::NotFound];
        if !site.reports.is_empty() {
            jobs.push(Job::SiteStats);
        }
        for (i, r) in site.reports.iter().enumerate() {
            jobs.push(Job::Report(i));
            jobs.push(Job::Stats(i));
            jobs.push(Job::Chronicle(i));
            jobs.extend((0..r.chapters.len()).map(|c| Job::Chapter(i, c)));
        }
        for s in site.all_sections() {
            let pages = s.pages.len().div_ceil(s.paginate_by).max(1);
            jobs.extend((1..=pages).map(|n| Job::Section(s, n)));
            jobs.extend(s.pages.iter().map(|p| Job::Page(p, Some(s))));
        }
        jobs.extend(site.pages.iter().map(|p| Job::Page(p, None)));
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
        let report_dir = report.map(|r| {
            r.preface
                .file
                .trim_end_matches("_index.md")
                .trim_end_matches('/')
        });
        let cx = BodyContext {
            root,
            links: &self.site.links,
            unloaded: &self.site.unloaded,
            photos,
            report_dir,
            stats: report
                .zip(stats_path.as_deref())
                .map(|(r, p)| (r.stats.as_slice(), p)),
            style: &self.style,
            safe: self.config.markdown_safe,
            eager_first: true,
        };
        let (rendered, problems) = markdown::render_partial(md, &cx);
        errors.extend(problems);
        rendered
    }

    fn base_context(&self, path: &str, kind: &str, title: &str) -> Context {
        let mut cx = Context::new();
        // Optional variables every template may test with `{% if … %}`.
        for name in ["report", "base_href"] {
            cx.insert(name, &None::<()>);
        }
        cx.insert("root", &urls::root_of(path));
        cx.insert("path", path);
        cx.insert("kind", kind);
        cx.insert("page_title", title);
        cx.insert(
            "canonical",
            &self.config.absolute_url(&urls::encode_path(path)),
        );
        cx
    }

    fn run(&self, job: &Job<'a>, errors: &mut Vec<Diagnostic>) -> Option<OutputFile> {
        let (path, template, cx) = match job {
            Job::Home => {
                let home = &self.site.home;
                let root = "";
                let rendered = self.body(&home.body, root, &[], None, errors);
                let title = home
                    .title
                    .clone()
                    .unwrap_or_else(|| self.config.title.clone());
                let mut cx = self.base_context("", "home", &title);
                cx.insert("home", home);
                cx.insert("content", &rendered.html);
                (String::new(), "home.html", cx)
            }
            Job::NotFound => {
                let mut cx = self.base_context("", "404", &self.t("not_found"));
                // A server shows this page at any depth: resolve links from
                // the site root where the site's address is known.
                cx.insert(
                    "base_href",
                    &self.config.base_url.as_ref().map(|b| format!("{b}/")),
                );
                ("404.html".to_owned(), "404.html", cx)
            }
            Job::Report(i) => {
                let report = &self.site.reports[*i];
                let root = urls::root_of(&report.path);
                let rendered =
                    self.body(&report.preface, &root, &report.photos, Some(report), errors);
                let mut cx = self.base_context(&report.path, "report", &report.title);
                cx.insert_value("report", self.reports[*i].clone());
                cx.insert("content", &rendered.html);
                cx.insert("toc", &rendered.headings);
                cx.insert(
                    "photos",
                    &unshown(&report.photos, &rendered, report.cover.as_ref()),
                );
                (report.path.clone(), "report.html", cx)
            }
            Job::Chapter(i, c) => {
                let report = &self.site.reports[*i];
                let chapter = &report.chapters[*c];
                let root = urls::root_of(&chapter.path);
                let rendered =
                    self.body(&chapter.body, &root, &chapter.photos, Some(report), errors);
                let mut cx = self.base_context(&chapter.path, "chapter", &chapter.title);
                cx.insert_value("report", self.reports[*i].clone());
                cx.insert("chapter", &PageView::new(chapter));
                cx.insert("content", &rendered.html);
                cx.insert("toc", &rendered.headings);
                cx.insert("photos", &unshown(&chapter.photos, &rendered, None));
                let figures: Vec<Figure> = report
                    .stats
                    .iter()
                    .filter(|s| s.chapter.as_deref() == Some(chapter.slug.as_str()))
                    .map(|s| Figure::new(s, report, &self.site.reports, &self.style))
                    .collect();
                cx.insert("figures", &figures);
                cx.insert(
                    "prev",
                    &c.checked_sub(1)
                        .map(|p| ChapterLink::new(&report.chapters[p])),
                );
                cx.insert("next", &report.chapters.get(c + 1).map(ChapterLink::new));
                (chapter.path.clone(), "chapter.html", cx)
            }
            Job::Stats(i) => {
                let report = &self.site.reports[*i];
                let path = format!("{}stats/", report.path);
                let title = format!("{} · {}", self.t("statistics"), report.title);
                let mut cx = self.base_context(&path, "stats", &title);
                cx.insert_value("report", self.reports[*i].clone());
                let other = self.t("other_figures");
                cx.insert(
                    "groups",
                    &views::figure_groups(report, &self.site.reports, &self.style, &other),
                );
                cx.insert(
                    "json_url",
                    &urls::file("", &format!("{}stats.json", report.path)),
                );
                cx.insert(
                    "csv_url",
                    &urls::file("", &format!("{}stats.csv", report.path)),
                );
                (path, "stats.html", cx)
            }
            Job::Chronicle(i) => {
                let report = &self.site.reports[*i];
                let path = format!("{}chronicle/", report.path);
                let title = format!("{} · {}", self.t("chronicle"), report.title);
                let mut cx = self.base_context(&path, "chronicle", &title);
                cx.insert_value("report", self.reports[*i].clone());
                cx.insert("months", &views::chronicle(report, &self.theme.strings));
                (path, "chronicle.html", cx)
            }
            Job::SiteStats => {
                let path = "stats/".to_owned();
                let mut cx = self.base_context(&path, "site_stats", &self.t("statistics"));
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
                let rendered = self.body(&section.body, &root, &[], None, errors);
                let mut cx = self.base_context(&path, "section", &section.title);
                cx.insert("section", &SectionView::new(section, *number));
                cx.insert("content", &rendered.html);
                (path, "section.html", cx)
            }
            Job::Page(page, section) => {
                let root = urls::root_of(&page.path);
                let rendered = self.body(&page.body, &root, &page.photos, None, errors);
                let mut cx = self.base_context(&page.path, "page", &page.title);
                cx.insert("page", &PageView::new(page));
                cx.insert("section", &section.map(SectionView::link));
                cx.insert("content", &rendered.html);
                cx.insert("toc", &rendered.headings);
                cx.insert("photos", &unshown(&page.photos, &rendered, None));
                (page.path.clone(), "page.html", cx)
            }
        };
        let html = match self.tera.render(template, &cx) {
            Ok(html) => html,
            Err(e) => {
                errors.push(templates::error(self.theme, &e, Some(template)));
                return None;
            }
        };
        let file = if path.ends_with(".html") {
            path
        } else {
            format!("{path}index.html")
        };
        Some(OutputFile::bytes(file, html.into_bytes()))
    }

    fn t(&self, key: &str) -> String {
        self.theme
            .strings
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_owned()
    }
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
