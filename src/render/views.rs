//! What templates see: plain serializable views of the model, with every
//! link as a root-relative URL (`2024/politics/index.html`) that templates
//! put after `{{ root }}`. Theme authors rely on these names.

use serde::Serialize;
use serde_json::{Map, Value};

use super::charts::{self, Bar};
use super::tags::{self, TagLink};
use super::urls;
use crate::config::Config;
use crate::content::{
    Approx, Archival, Date, Event, Home, Page, Photo, Report, ReportPage, Section, Stat,
};
use crate::images::Plan;
use crate::stats::{self, FigureStyle, format_number, format_percent, format_signed};
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
}

#[derive(Serialize, Clone)]
pub struct VariantView {
    pub url: String,
    pub width: u32,
    pub height: u32,
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
    /// The same key in the nearest older report that has it.
    pub previous: Option<Previous>,
    pub change: Option<ChangeView>,
}

#[derive(Serialize, Clone)]
pub struct Previous {
    pub year: i32,
    pub value: f64,
    /// Formatted like the figure: `12次`.
    pub text: String,
}

#[derive(Serialize, Clone)]
pub struct ChangeView {
    pub delta: f64,
    /// `+3`, `-2.5`, `0`.
    pub delta_text: String,
    pub percent: Option<f64>,
    /// `+25%`; none where last year's value was 0.
    pub percent_text: Option<String>,
    /// `up`, `down` or `same`, for styling.
    pub direction: &'static str,
}

impl Figure {
    /// The figure as a bar of a chart.
    fn bar(&self) -> Bar<'_> {
        Bar {
            label: &self.label,
            text: &self.text,
            value: self.value,
            unit: self.unit.as_deref(),
            highlight: self.highlight,
            previous: self.previous.as_ref().map(|p| (p.year, p.value, p.text.as_str())),
        }
    }

    /// `reports` is every report of the site, newest first, for the change
    /// against earlier years.
    pub fn new(s: &Stat, report: &Report, reports: &[Report], style: &FigureStyle) -> Self {
        let anchor = format!("stat-{}", s.key);
        let change = stats::change(s, report.year, reports);
        Figure {
            previous: change.as_ref().map(|c| Previous {
                year: c.previous_year,
                value: c.previous_value,
                text: style.format(&Stat { value: c.previous_value, ..s.clone() }),
            }),
            change: change.map(|c| ChangeView {
                delta: c.delta,
                delta_text: format_signed(c.delta),
                percent: c.percent,
                percent_text: c.percent.map(format_percent),
                direction: if c.delta > 0.0 {
                    "up"
                } else if c.delta < 0.0 {
                    "down"
                } else {
                    "same"
                },
            }),
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
            url: format!("{}#{anchor}", urls::page("", &report.page_path(ReportPage::Stats))),
            anchor,
        }
    }
}

#[derive(Serialize)]
pub struct FigureGroup {
    pub name: Option<String>,
    /// `group-1`, `group-2`…: the id of the group's table.
    pub id: String,
    pub figures: Vec<Figure>,
    /// Inline SVG bar chart; its text equivalent is the table `id`.
    pub chart: String,
}

/// A report's figures by group, groups in order of first appearance.
pub fn figure_groups(
    report: &Report,
    reports: &[Report],
    style: &FigureStyle,
    other: &str,
) -> Vec<FigureGroup> {
    let mut groups: Vec<(Option<String>, Vec<Figure>)> = Vec::new();
    for s in &report.stats {
        let figure = Figure::new(s, report, reports, style);
        match groups.iter_mut().find(|g| g.0 == s.group) {
            Some(g) => g.1.push(figure),
            None => groups.push((s.group.clone(), vec![figure])),
        }
    }
    let all: Vec<Bar> = groups.iter().flat_map(|g| g.1.iter().map(Figure::bar)).collect();
    let scales = charts::unit_scales(&all);
    groups
        .into_iter()
        .enumerate()
        .map(|(i, (name, figures))| {
            let id = format!("group-{}", i + 1);
            let title = format!("{} {}", report.year, name.as_deref().unwrap_or(other));
            let chart = charts::bar_chart(
                &format!("chart-{}", i + 1),
                &title,
                &id,
                &figures.iter().map(Figure::bar).collect::<Vec<_>>(),
                &scales,
            );
            FigureGroup { name, id, figures, chart }
        })
        .collect()
}

/// One key across the years, for `/stats/`.
#[derive(Serialize)]
pub struct SeriesView {
    pub key: String,
    pub label: String,
    pub unit: Option<String>,
    pub group: Option<String>,
    /// One cell per year of `years`, oldest first; none where the report
    /// of that year lacks the key.
    pub cells: Vec<Option<SeriesCell>>,
    pub trend: String,
}

#[derive(Serialize)]
pub struct SeriesCell {
    pub year: i32,
    pub text: String,
    pub value: f64,
    /// The figure's row on that year's stats page.
    pub url: String,
}

/// The years (oldest first) and every key across them.
pub fn series_views(reports: &[Report], style: &FigureStyle) -> (Vec<i32>, Vec<SeriesView>) {
    let mut years: Vec<i32> = reports.iter().map(|r| r.year).collect();
    years.reverse();
    let series = stats::series(reports)
        .into_iter()
        .map(|s| {
            let cells = years
                .iter()
                .map(|y| {
                    s.points.iter().find(|p| p.0 == *y).map(|(year, stat)| SeriesCell {
                        year: *year,
                        text: style.format(stat),
                        value: stat.value,
                        url: format!(
                            "{}#stat-{}",
                            urls::page("", &format!("{year}/stats/")),
                            stat.key
                        ),
                    })
                })
                .collect();
            let points: Vec<(i32, f64)> = s.points.iter().map(|(y, st)| (*y, st.value)).collect();
            SeriesView {
                key: s.key.to_owned(),
                label: s.latest.label.clone(),
                unit: s.latest.unit.clone(),
                group: s.latest.group.clone(),
                cells,
                trend: charts::sparkline(&s.latest.label, &points),
            }
        })
        .collect();
    (years, series)
}

/// A chronicle event ready to show.
#[derive(Serialize)]
pub struct EventView {
    pub date: Date,
    pub title: String,
    pub kind: Option<String>,
    /// The kind in the site's language, from the theme's `kinds` strings.
    pub kind_label: Option<String>,
    pub chapter: Option<ChapterLink>,
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
    plan: &Plan,
) -> Vec<ChronicleMonth> {
    let text = |key: &str| strings.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let kinds = strings.get("kinds").and_then(Value::as_object);
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
            m.events.push(event_view(e, report, kinds, plan));
        }
    }
    if !undated.is_empty() {
        months.push(ChronicleMonth {
            label: text("undated_heading").replace("{year}", &report.year.to_string()),
            anchor: format!("m-{}", report.year),
            events: undated.into_iter().map(|e| event_view(e, report, kinds, plan)).collect(),
        });
    }
    months
}

fn event_view(
    e: &Event,
    report: &Report,
    kinds: Option<&Map<String, Value>>,
    plan: &Plan,
) -> EventView {
    EventView {
        date: e.date,
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
        participants: e.participants.map(format_number),
        place: e.place.clone(),
        summary: e.summary.clone(),
        photos: e.photos.iter().map(|p| PhotoView::new(p, plan)).collect(),
    }
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
    pub tags: Vec<TagLink>,
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
            tags: tags::links(&p.tags),
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
    pub photos_url: String,
    pub chapters: Vec<ChapterLink>,
    pub key_figures: Vec<Figure>,
    pub figure_count: usize,
    pub photo_count: usize,
    pub event_count: usize,
    pub extra: Map<String, Value>,
}

impl ReportView {
    pub fn new(r: &Report, reports: &[Report], style: &FigureStyle, plan: &Plan) -> Self {
        ReportView {
            year: r.year,
            title: r.title.clone(),
            subtitle: r.subtitle.clone(),
            author: r.author.clone(),
            date: r.date,
            summary: r.summary.clone(),
            cover: r.cover.as_ref().map(|p| PhotoView::new(p, plan)),
            photo_credit: r.photo_credit.clone(),
            tags: tags::links(&r.tags),
            url: urls::page("", &r.path),
            stats_url: urls::page("", &r.page_path(ReportPage::Stats)),
            chronicle_url: urls::page("", &r.page_path(ReportPage::Chronicle)),
            print_url: urls::page("", &r.page_path(ReportPage::Print)),
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
