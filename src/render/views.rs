//! What templates see: plain serializable views of the model, with every
//! link as a root-relative URL (`2024/politics/index.html`) that templates
//! put after `{{ root }}`. The template guide (docs/themes.md) documents
//! each field.

use serde::Serialize;
use serde_json::{Map, Value};

use super::urls;
use crate::config::Config;
use crate::content::{Approx, Archival, Date, Page, Photo, Report, Section, Stat};
use crate::stats::{FigureStyle, format_number};
use crate::theme::Theme;

#[derive(Serialize)]
pub struct ConfigView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub author: Option<&'a str>,
    pub copyright: Option<&'a str>,
    pub language: &'a str,
    pub base_url: Option<&'a str>,
    pub search: bool,
    pub feed: bool,
    pub theme: &'a str,
    pub theme_options: &'a Map<String, Value>,
    pub extra: &'a Map<String, Value>,
}

impl<'a> ConfigView<'a> {
    pub fn new(config: &'a Config, theme: &'a Theme) -> Self {
        ConfigView {
            title: &config.title,
            description: config.description.as_deref(),
            author: config.author.as_deref(),
            copyright: config.copyright.as_deref(),
            language: &config.language,
            base_url: config.base_url.as_deref(),
            search: config.search,
            feed: config.feed,
            theme: &theme.name,
            theme_options: &theme.options,
            extra: &config.extra,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct PhotoView {
    /// Root-relative URL of the image.
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    /// Root-relative URL of the page that shows it.
    pub page_url: String,
}

impl PhotoView {
    pub fn new(p: &Photo) -> Self {
        PhotoView {
            src: urls::file("", &p.path),
            width: p.width,
            height: p.height,
            alt: p.alt_text().to_owned(),
            caption: p.caption.clone(),
            credit: p.credit.clone(),
            date: p.date,
            place: p.place.clone(),
            page_url: urls::page("", &p.page),
        }
    }
}

/// A stat ready to show.
#[derive(Serialize, Clone)]
pub struct Figure {
    pub key: String,
    pub label: String,
    /// Formatted with value, approximation and unit: `10余件`.
    pub text: String,
    /// The bare number, formatted: `10`.
    pub number: String,
    pub value: f64,
    pub unit: Option<String>,
    pub approx: Option<Approx>,
    pub group: Option<String>,
    pub note: Option<String>,
    pub highlight: bool,
    pub derived: bool,
    pub chapter: Option<ChapterLink>,
    /// The figure's row on the report's stats page.
    pub url: String,
    /// The row's id there: `stat-study_sessions`.
    pub anchor: String,
}

impl Figure {
    pub fn new(s: &Stat, report: &Report, style: &FigureStyle) -> Self {
        let anchor = format!("stat-{}", s.key);
        Figure {
            key: s.key.clone(),
            label: s.label.clone(),
            text: style.format(s),
            number: format_number(s.value),
            value: s.value,
            unit: s.unit.clone(),
            approx: s.approx,
            group: s.group.clone(),
            note: s.note.clone(),
            highlight: s.highlight,
            derived: s.derived.is_some(),
            chapter: s
                .chapter
                .as_deref()
                .and_then(|slug| report.chapters.iter().find(|c| c.slug == slug))
                .map(ChapterLink::new),
            url: format!(
                "{}#{anchor}",
                urls::page("", &format!("{}stats/", report.path))
            ),
            anchor,
        }
    }
}

#[derive(Serialize)]
pub struct FigureGroup {
    pub name: Option<String>,
    pub figures: Vec<Figure>,
}

/// A report's figures by group, groups in order of first appearance.
pub fn figure_groups(report: &Report, style: &FigureStyle) -> Vec<FigureGroup> {
    let mut groups: Vec<FigureGroup> = Vec::new();
    for s in &report.stats {
        let figure = Figure::new(s, report, style);
        match groups.iter_mut().find(|g| g.name == s.group) {
            Some(g) => g.figures.push(figure),
            None => groups.push(FigureGroup {
                name: s.group.clone(),
                figures: vec![figure],
            }),
        }
    }
    groups
}

/// A link to a chapter or page, with what a table of contents shows.
#[derive(Serialize, Clone)]
pub struct ChapterLink {
    pub title: String,
    pub number: Option<u32>,
    pub slug: String,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub url: String,
}

impl ChapterLink {
    pub fn new(p: &Page) -> Self {
        ChapterLink {
            title: p.title.clone(),
            number: p.number,
            slug: p.slug.clone(),
            summary: p.summary.clone(),
            date: p.date,
            url: urls::page("", &p.path),
        }
    }
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub number: Option<u32>,
    pub slug: &'a str,
    pub summary: Option<&'a str>,
    pub date: Option<Date>,
    pub tags: &'a [String],
    pub archival: Option<&'a Archival>,
    pub extra: &'a Map<String, Value>,
    pub url: String,
    pub path: &'a str,
}

impl<'a> PageView<'a> {
    pub fn new(p: &'a Page) -> Self {
        PageView {
            title: &p.title,
            number: p.number,
            slug: &p.slug,
            summary: p.summary.as_deref(),
            date: p.date,
            tags: &p.tags,
            archival: (!p.archival.is_empty()).then_some(&p.archival),
            extra: &p.extra,
            url: urls::page("", &p.path),
            path: &p.path,
        }
    }
}

#[derive(Serialize)]
pub struct ReportView {
    pub year: i32,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub summary: Option<String>,
    pub cover: Option<PhotoView>,
    pub photo_credit: Option<String>,
    pub tags: Vec<String>,
    pub url: String,
    pub stats_url: String,
    pub chapters: Vec<ChapterLink>,
    pub key_figures: Vec<Figure>,
    pub figure_count: usize,
    pub photo_count: usize,
    pub event_count: usize,
}

impl ReportView {
    pub fn new(r: &Report, style: &FigureStyle) -> Self {
        ReportView {
            year: r.year,
            title: r.title.clone(),
            subtitle: r.subtitle.clone(),
            author: r.author.clone(),
            date: r.date,
            summary: r.summary.clone(),
            cover: r.cover.as_ref().map(PhotoView::new),
            photo_credit: r.photo_credit.clone(),
            tags: r.tags.clone(),
            url: urls::page("", &r.path),
            stats_url: urls::page("", &format!("{}stats/", r.path)),
            chapters: r.chapters.iter().map(ChapterLink::new).collect(),
            key_figures: r
                .key_figures()
                .into_iter()
                .map(|s| Figure::new(s, r, style))
                .collect(),
            figure_count: r.stats.len(),
            photo_count: r.all_photos().len(),
            event_count: r.chronicle.len(),
        }
    }
}

#[derive(Serialize)]
pub struct SectionView {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub pages: Vec<ChapterLink>,
    pub sections: Vec<SectionView>,
    pub paginator: Option<Paginator>,
}

#[derive(Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

impl SectionView {
    /// The section with the pages of listing page `number` (1-based).
    pub fn new(s: &Section, number: usize) -> Self {
        let total = s.pages.len().div_ceil(s.paginate_by).max(1);
        let page_url = |n: usize| {
            if n == 1 {
                urls::page("", &s.path)
            } else {
                urls::page("", &format!("{}page/{n}/", s.path))
            }
        };
        SectionView {
            title: s.title.clone(),
            summary: s.summary.clone(),
            url: urls::page("", &s.path),
            pages: s
                .pages
                .iter()
                .skip((number - 1) * s.paginate_by)
                .take(s.paginate_by)
                .map(ChapterLink::new)
                .collect(),
            sections: s.sections.iter().map(SectionView::link).collect(),
            paginator: (total > 1).then(|| Paginator {
                current: number,
                total,
                prev_url: (number > 1).then(|| page_url(number - 1)),
                next_url: (number < total).then(|| page_url(number + 1)),
            }),
        }
    }

    /// The section as a link: title, summary, URL.
    pub fn link(s: &Section) -> Self {
        SectionView {
            title: s.title.clone(),
            summary: s.summary.clone(),
            url: urls::page("", &s.path),
            pages: Vec::new(),
            sections: Vec::new(),
            paginator: None,
        }
    }
}
