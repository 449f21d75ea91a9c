//! What templates see of a report's figures: each figure with its text,
//! last year's figure and the change where the two compare, the figures by
//! group with a bar chart of those that compare, and each figure across
//! the years for `/stats/`. Theme authors rely on these names.

use serde::Serialize;

use super::charts::{self, Bar};
use super::toc::ChapterLink;
use super::urls;
use crate::content::{Approx, Period, Quantity, Report, ReportPage, Stat};
use crate::stats::{self, Comparison, FigureStyle, Incomparable};

/// A stat ready to show.
#[derive(Serialize, Clone)]
pub struct Figure {
    pub key: String,
    pub label: String,
    /// The figure as it stands alone, with its span where it covers other
    /// years: `10余件`, `2019—2023年：120个`.
    pub text: String,
    /// The figure alone, as text cites it: `10余件`.
    pub figure: String,
    /// The span of a figure of other years, as `text` writes it before the
    /// figure: `2019—2023年`; none for a figure of the report's year.
    pub period_text: Option<String>,
    /// The number as the figure writes it: `10`, `2.83万`, `5—10`.
    pub number: String,
    /// The real number (after 万 or 亿); none for a range.
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub approx: Option<Approx>,
    /// A rate per this: `人` for 人均.
    pub per: Option<String>,
    pub period: Option<Period>,
    pub group: Option<String>,
    pub note: Option<String>,
    pub highlight: bool,
    pub derived: bool,
    pub chapter: Option<ChapterLink>,
    /// The figure's row on the report's stats page.
    pub url: String,
    /// The row's id there: `stat-study_sessions`.
    pub anchor: String,
    /// The same figure in the nearest older report that has it (under its
    /// key or `previous_key`), where it is one to set beside this one.
    pub previous: Option<Previous>,
    /// Where the two compare: not across units, rates and totals, ranges
    /// or spans of years.
    pub change: Option<ChangeView>,
}

#[derive(Serialize, Clone)]
pub struct Previous {
    pub year: i32,
    /// Its real number; none for a range.
    pub value: Option<f64>,
    /// As that year's report writes it: `2.83万余人次`.
    pub text: String,
}

#[derive(Serialize, Clone)]
pub struct ChangeView {
    /// In real numbers.
    pub delta: f64,
    /// `+3191`, `-2.5`, `0`, `约+5.5万`.
    pub delta_text: String,
    pub percent: Option<f64>,
    /// `+25%`; none where last year's value was 0, or for a percentage.
    pub percent_text: Option<String>,
    /// From an approximate figure, so approximate itself.
    pub approx: bool,
    /// `up`, `down` or `same`, for styling.
    pub direction: &'static str,
}

impl Figure {
    /// `reports` is every report of the site, newest first, for the change
    /// against earlier years.
    pub fn new(s: &Stat, report: &Report, reports: &[Report], style: &FigureStyle) -> Self {
        let anchor = format!("stat-{}", s.key);
        let (previous, change) = match stats::compare(s, report.year, reports) {
            Comparison::First | Comparison::Incomparable { why: Incomparable::Period, .. } => {
                (None, None)
            }
            Comparison::Incomparable { previous_year, previous, .. } => {
                (Some(Previous::new(previous_year, previous, style)), None)
            }
            Comparison::Change(c) => (
                Some(Previous::new(c.previous_year, c.previous, style)),
                Some(ChangeView {
                    delta: c.delta,
                    delta_text: style.delta(&c, s),
                    percent: c.percent,
                    percent_text: style.percent(&c),
                    approx: c.approx,
                    direction: if c.delta > 0.0 {
                        "up"
                    } else if c.delta < 0.0 {
                        "down"
                    } else {
                        "same"
                    },
                }),
            ),
        };
        Figure {
            previous,
            change,
            key: s.key.clone(),
            label: s.label.clone(),
            text: style.text(s),
            figure: style.figure(s),
            period_text: style.period(s),
            number: style.number(s),
            value: stats::real(s),
            unit: s.unit.clone(),
            approx: s.approx,
            per: s.per.clone(),
            period: s.period,
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

impl Previous {
    fn new(year: i32, stat: &Stat, style: &FigureStyle) -> Self {
        Previous { year, value: stats::real(stat), text: style.text(stat) }
    }
}

#[derive(Serialize)]
pub struct FigureGroup {
    pub name: Option<String>,
    /// `group-1`, `group-2`…: the id of the group's table.
    pub id: String,
    pub figures: Vec<Figure>,
    /// Whether any figure of the group has last year's beside it: the
    /// table's "last year" and "change" columns are shown only then.
    pub has_previous: bool,
    /// An inline SVG bar chart for each measure (unit, total or rate) that
    /// two figures of the group share; empty where none do. Its text
    /// equivalent is the table `id`.
    pub chart: String,
}

/// What a bar compares with: figures of one unit (after 万 and 亿), both
/// totals or both rates of the same thing, both of the report's year.
fn measure(s: &Stat) -> Option<String> {
    if s.period.is_some() || matches!(s.quantity, Quantity::Range(..)) {
        return None;
    }
    let (_, unit) = stats::magnitude(s);
    Some(format!("{unit}\u{1f}{}", s.per.as_deref().unwrap_or("")))
}

/// A report's figures by group, groups in order of first appearance.
pub fn figure_groups(
    report: &Report,
    reports: &[Report],
    style: &FigureStyle,
    other: &str,
) -> Vec<FigureGroup> {
    // Each figure with its measure (`measure`), by group.
    type Measured = (Figure, Option<String>);
    let mut groups: Vec<(Option<String>, Vec<Measured>)> = Vec::new();
    for s in &report.stats {
        let figure = (Figure::new(s, report, reports, style), measure(s));
        match groups.iter_mut().find(|g| g.0 == s.group) {
            Some(g) => g.1.push(figure),
            None => groups.push((s.group.clone(), vec![figure])),
        }
    }
    fn bar(f: &Figure) -> Option<Bar<'_>> {
        Some(Bar {
            label: &f.label,
            text: &f.text,
            value: f.value?,
            highlight: f.highlight,
            previous: f
                .change
                .as_ref()
                .and(f.previous.as_ref())
                .and_then(|p| Some((p.year, p.value?, p.text.as_str()))),
        })
    }
    // A chart for each measure that two figures of the group share, on a
    // scale of its own: bars never set a 次 beside a 万元, or a rate beside
    // a total. A figure alone in its measure is a number in the table.
    let charts: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, (name, figures))| {
            let mut measures: Vec<&str> = Vec::new();
            for m in figures.iter().filter_map(|(_, m)| m.as_deref()) {
                if !measures.contains(&m) {
                    measures.push(m);
                }
            }
            let shared = measures.into_iter().filter_map(|m| {
                let of_measure: Vec<&Figure> = figures
                    .iter()
                    .filter(|(_, fm)| fm.as_deref() == Some(m))
                    .map(|(f, _)| f)
                    .collect();
                let bars: Vec<Bar> = of_measure.iter().filter_map(|f| bar(f)).collect();
                let unit = of_measure.first().and_then(|f| f.unit.as_deref());
                (bars.len() > 1).then_some((bars, unit))
            });
            let group = name.as_deref().unwrap_or(other);
            shared
                .enumerate()
                .map(|(n, (bars, unit))| {
                    let id = format!("chart-{}-{}", i + 1, n + 1);
                    let unit = unit.map(|u| format!(" · {u}")).unwrap_or_default();
                    let title = format!("{} {group}{unit}", report.year);
                    charts::bar_chart(&id, &title, &format!("group-{}", i + 1), &bars)
                })
                .collect::<String>()
        })
        .collect();
    groups
        .into_iter()
        .zip(charts)
        .enumerate()
        .map(|(i, ((name, figures), chart))| {
            let figures: Vec<Figure> = figures.into_iter().map(|(f, _)| f).collect();
            FigureGroup {
                name,
                id: format!("group-{}", i + 1),
                has_previous: figures.iter().any(|f| f.previous.is_some()),
                figures,
                chart,
            }
        })
        .collect()
}

/// One figure across the years, for `/stats/`.
#[derive(Serialize)]
pub struct SeriesView {
    pub key: String,
    pub label: String,
    pub unit: Option<String>,
    pub group: Option<String>,
    /// One cell per year of `years`, oldest first; none where the report
    /// of that year lacks the figure.
    pub cells: Vec<Option<SeriesCell>>,
    /// A line through the years that compare with the newest; empty where
    /// fewer than two do.
    pub trend: String,
}

#[derive(Serialize)]
pub struct SeriesCell {
    pub year: i32,
    pub text: String,
    /// The real number; none for a range.
    pub value: Option<f64>,
    /// The figure's row on that year's stats page.
    pub url: String,
}

/// The years (oldest first) and every figure across them.
pub fn series_views(reports: &[Report], style: &FigureStyle) -> (Vec<i32>, Vec<SeriesView>) {
    let mut years: Vec<i32> = reports.iter().map(|r| r.year).collect();
    years.reverse();
    // A year's stats page in the language shown (the default language's
    // for a report with no translation).
    let stats_page = |year: i32| {
        let report = reports.iter().find(|r| r.year == year);
        report.map_or_else(|| format!("{year}/stats/"), |r| r.page_path(ReportPage::Stats))
    };
    let series = stats::series(reports)
        .into_iter()
        .map(|s| {
            let cells = years
                .iter()
                .map(|y| {
                    s.points.iter().find(|p| p.0 == *y).map(|(year, stat)| SeriesCell {
                        year: *year,
                        text: style.text(stat),
                        value: stats::real(stat),
                        url: format!("{}#stat-{}", urls::page("", &stats_page(*year)), stat.key),
                    })
                })
                .collect();
            let trend = s.trend();
            SeriesView {
                key: s.key.to_owned(),
                label: s.latest.label.clone(),
                unit: s.latest.unit.clone(),
                group: s.latest.group.clone(),
                cells,
                trend: if trend.len() > 1 {
                    charts::sparkline(&s.latest.label, &trend)
                } else {
                    String::new()
                },
            }
        })
        .collect();
    (years, series)
}
