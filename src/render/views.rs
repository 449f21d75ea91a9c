//! What templates see: plain serializable views of the model, with every
//! link as a root-relative URL (`2024/politics/index.html`) that templates
//! put after `{{ root }}`. Theme authors rely on these names.

use serde::Serialize;
use serde_json::{Map, Value};

use super::figures::Figure;
use super::tags::{self, TagLink};
pub use super::toc::ChapterLink;
use super::urls;
use crate::config::Config;
use crate::content::{
    Archival, Date, Event, Home, Number, Page, Photo, Report, ReportPage, Section,
};
use crate::images::Plan;
use crate::stats::FigureStyle;
use crate::theme::Theme;

#[derive(Serialize)]
pub struct ConfigView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub author: Option<&'a str>,
    pub copyright: Option<&'a str>,
    /// 主办单位, ICP备案号, 政府网站标识码, contact and licence, where given.
    pub footer: &'a crate::config::Footer,
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
            footer: &config.footer,
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

/// The home page's own front matter (`content/_index.md`).
#[derive(Serialize)]
pub struct HomeView<'a> {
    pub title: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub photos: Vec<PhotoView>,
    pub extra: &'a Map<String, Value>,
}

impl<'a> HomeView<'a> {
    pub fn new(home: &'a Home, plan: &Plan) -> Self {
        HomeView {
            title: home.title.as_deref(),
            summary: home.summary.as_deref(),
            photos: home.photos.iter().map(|p| PhotoView::new(p, plan)).collect(),
            extra: &home.extra,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct PhotoView {
    /// Root-relative URL of the variant for `src`.
    pub src: String,
    /// Width and height of that variant.
    pub width: u32,
    pub height: u32,
    /// Every published size, smallest first, for `srcset`.
    pub variants: Vec<VariantView>,
    /// Root-relative URL of the largest size, for a full-size view.
    pub full: String,
    /// Root-relative URL of the original, where originals are published.
    pub original: Option<String>,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    /// Root-relative URL of the page that shows it.
    pub page_url: String,
    /// Title of that page (filled in on the photos page).
    pub page_title: Option<String>,
    /// Its id on the report's photos page: `photo-visit`.
    pub anchor: String,
}

#[derive(Serialize, Clone)]
pub struct VariantView {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// A photo's id on its report's photos page: `photo-` and its file's name.
pub fn photo_anchor(p: &Photo) -> String {
    let name = p.path.rsplit('/').next().unwrap_or(&p.path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("photo-{}", crate::content::slugify(stem))
}

impl PhotoView {
    pub fn new(p: &Photo, plan: &Plan) -> Self {
        let planned = plan.of(p);
        let variants: Vec<VariantView> = planned
            .iter()
            .flat_map(|planned| &planned.variants)
            .map(|v| VariantView { url: urls::file("", &v.path), width: v.width, height: v.height })
            .collect();
        let (path, width, height) = match planned {
            Some(planned) => {
                planned.shown().map_or((p.path.as_str(), planned.width, planned.height), |v| {
                    (v.path.as_str(), v.width, v.height)
                })
            }
            None => (p.path.as_str(), 0, 0),
        };
        PhotoView {
            src: urls::file("", path),
            width,
            height,
            full: variants.last().map(|v| v.url.clone()).unwrap_or_default(),
            variants,
            original: planned.and_then(|p| p.original.as_deref()).map(|o| urls::file("", o)),
            alt: p.alt_text().to_owned(),
            caption: p.caption.clone(),
            credit: p.credit.clone(),
            date: p.date,
            place: p.place.clone(),
            page_url: urls::page("", &p.page),
            page_title: None,
            anchor: photo_anchor(p),
        }
    }
}

/// A chronicle event ready to show.
#[derive(Serialize)]
pub struct EventView {
    pub date: Date,
    /// The last day of an event that spans days.
    pub end: Option<Date>,
    pub title: String,
    pub kind: Option<String>,
    /// The kind in the site's language, from the theme's `kinds` strings.
    pub kind_label: Option<String>,
    pub chapter: Option<ChapterLink>,
    /// With its approximation and unit: `140余人`.
    pub participants: Option<String>,
    pub place: Option<String>,
    pub summary: Option<String>,
    pub photos: Vec<PhotoView>,
}

/// The events of one month (or of the year, where no month is known).
#[derive(Serialize)]
pub struct ChronicleMonth {
    pub label: String,
    /// `m-2024-09`, or `m-2024` for the events known only by their year.
    pub anchor: String,
    pub events: Vec<EventView>,
}

/// A report's chronicle by month, months in order, events known only by
/// their year last.
pub fn chronicle(
    report: &Report,
    strings: &Map<String, Value>,
    style: &FigureStyle,
    plan: &Plan,
) -> Vec<ChronicleMonth> {
    let text = |key: &str| strings.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let kinds = strings.get("kinds").and_then(Value::as_object);
    let people = text("participants_unit");
    let event_view = |e: &Event| event_view(e, report, kinds, style, &people, plan);
    let month_names: Vec<&str> = strings
        .get("month_names")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut months: Vec<ChronicleMonth> = Vec::new();
    let mut undated: Vec<&Event> = Vec::new();
    for e in &report.chronicle {
        let Some(month) = e.date.month else {
            undated.push(e);
            continue;
        };
        let anchor = format!("m-{}-{month:02}", e.date.year);
        if months.last().is_none_or(|m| m.anchor != anchor) {
            let name = month_names.get(month as usize - 1).copied().unwrap_or("");
            let label = text("month_heading")
                .replace("{year}", &e.date.year.to_string())
                .replace("{month}", &month.to_string())
                .replace("{month_name}", name);
            months.push(ChronicleMonth { label, anchor, events: Vec::new() });
        }
        if let Some(m) = months.last_mut() {
            m.events.push(event_view(e));
        }
    }
    if !undated.is_empty() {
        months.push(ChronicleMonth {
            label: text("undated_heading").replace("{year}", &report.year.to_string()),
            anchor: format!("m-{}", report.year),
            events: undated.into_iter().map(event_view).collect(),
        });
    }
    months
}

fn event_view(
    e: &Event,
    report: &Report,
    kinds: Option<&Map<String, Value>>,
    style: &FigureStyle,
    people: &str,
    plan: &Plan,
) -> EventView {
    EventView {
        date: e.date,
        end: e.end,
        title: e.title.clone(),
        kind: e.kind.clone(),
        kind_label: e
            .kind
            .as_ref()
            .map(|k| kinds.and_then(|m| m.get(k)).and_then(Value::as_str).unwrap_or(k).to_owned()),
        chapter: e
            .chapter
            .as_deref()
            .and_then(|slug| report.chapters.iter().find(|c| c.slug == slug))
            .map(ChapterLink::new),
        participants: e.participants.map(|n| style.count(Number::computed(n), e.approx, people)),
        place: e.place.clone(),
        summary: e.summary.clone(),
        photos: e.photos.iter().map(|p| PhotoView::new(p, plan)).collect(),
    }
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub number: Option<u32>,
    pub slug: &'a str,
    pub summary: Option<&'a str>,
    pub date: Option<Date>,
    pub tags: Vec<TagLink>,
    pub archival: Option<&'a Archival>,
    pub extra: &'a Map<String, Value>,
    pub url: String,
    pub path: &'a str,
}

impl<'a> PageView<'a> {
    /// `prefix` is the page's language's (`en/`, or empty).
    pub fn new(p: &'a Page, prefix: &str) -> Self {
        PageView {
            title: &p.title,
            number: p.number,
            slug: &p.slug,
            summary: p.summary.as_deref(),
            date: p.date,
            tags: tags::links(&p.tags, prefix),
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
    pub tags: Vec<TagLink>,
    pub url: String,
    pub stats_url: String,
    pub chronicle_url: String,
    pub print_url: String,
    /// The PDF edition, where the site publishes one (`pdf: true`).
    pub pdf: Option<EditionLink>,
    pub photos_url: String,
    pub chapters: Vec<ChapterLink>,
    pub key_figures: Vec<Figure>,
    pub figure_count: usize,
    pub photo_count: usize,
    pub event_count: usize,
    pub extra: Map<String, Value>,
}

impl ReportView {
    /// `pdf` is the size of the report's published PDF edition; `prefix`
    /// its language's (`en/`, or empty).
    pub fn new(
        r: &Report,
        prefix: &str,
        reports: &[Report],
        style: &FigureStyle,
        plan: &Plan,
        pdf: Option<&u64>,
    ) -> Self {
        ReportView {
            year: r.year,
            title: r.title.clone(),
            subtitle: r.subtitle.clone(),
            author: r.author.clone(),
            date: r.date,
            summary: r.summary.clone(),
            cover: r.cover.as_ref().map(|p| PhotoView::new(p, plan)),
            photo_credit: r.photo_credit.clone(),
            tags: tags::links(&r.tags, prefix),
            url: urls::page("", &r.path),
            stats_url: urls::page("", &r.page_path(ReportPage::Stats)),
            chronicle_url: urls::page("", &r.page_path(ReportPage::Chronicle)),
            print_url: urls::page("", &r.page_path(ReportPage::Print)),
            pdf: pdf.map(|&bytes| EditionLink {
                url: urls::file("", &format!("{}report.pdf", r.path)),
                bytes,
                size: file_size(bytes),
            }),
            photos_url: urls::page("", &r.page_path(ReportPage::Photos)),
            chapters: r.chapters.iter().map(ChapterLink::new).collect(),
            key_figures: r
                .key_figures()
                .into_iter()
                .map(|s| Figure::new(s, r, reports, style))
                .collect(),
            figure_count: r.stats.len(),
            photo_count: r.all_photos().len(),
            event_count: r.chronicle.len(),
            extra: r.extra.clone(),
        }
    }
}

/// A link to a report's PDF edition.
#[derive(Serialize)]
pub struct EditionLink {
    pub url: String,
    pub bytes: u64,
    /// `2.4 MB`, `860 KB`.
    pub size: String,
}

/// A file's size as a link to it says it.
fn file_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

#[derive(Serialize)]
pub struct SectionView {
    pub title: String,
    pub extra: Map<String, Value>,
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
            extra: s.extra.clone(),
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
            extra: s.extra.clone(),
            summary: s.summary.clone(),
            url: urls::page("", &s.path),
            pages: Vec::new(),
            sections: Vec::new(),
            paginator: None,
        }
    }
}
