//! A report's figures as data: `stats.json`, `stats.csv` (UTF-8 with a BOM,
//! so spreadsheet programs show Chinese correctly) and the terminal table
//! of `annals stats`. The same records feed all three.

use serde::Serialize;

use crate::content::{Approx, Quantity, Report, Scale};
use crate::stats::{self, FigureStyle, format_number};

#[derive(Serialize)]
pub struct StatRecord<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// The real number, after 万 or 亿 (`2.83` in 万 is 28300); none for a
    /// range.
    #[serde(serialize_with = "optional_number")]
    pub value: Option<f64>,
    /// A range's real numbers, lowest first.
    #[serde(serialize_with = "optional_pair")]
    pub range: Option<[f64; 2]>,
    /// As the site prints it: `10余件`, `2019—2023年：120个`.
    pub text: String,
    pub unit: Option<&'a str>,
    /// The 万 or 亿 the report counts `value` in.
    pub scale: Option<&'static str>,
    pub approx: Option<Approx>,
    pub per: Option<&'a str>,
    /// `2019-2023`, for a figure of other years than the report's.
    pub period: Option<String>,
    pub previous_key: Option<&'a str>,
    pub group: Option<&'a str>,
    pub chapter: Option<&'a str>,
    pub note: Option<&'a str>,
    pub highlight: bool,
    pub derived: bool,
    pub previous_year: Option<i32>,
    #[serde(serialize_with = "optional_number")]
    pub previous_value: Option<f64>,
    #[serde(serialize_with = "optional_number")]
    pub change: Option<f64>,
    #[serde(serialize_with = "optional_number")]
    pub change_percent: Option<f64>,
    /// The change is from an approximate figure.
    pub change_approx: bool,
    /// Last year's figure and the change as the site prints them.
    #[serde(skip)]
    pub previous_text: Option<String>,
    #[serde(skip)]
    pub change_text: Option<String>,
}

/// Whole numbers as integers (`14`, not `14.0`), others without float noise.
fn number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    let text = format_number(*v);
    match text.parse::<i64>() {
        Ok(i) => s.serialize_i64(i),
        Err(_) => s.serialize_f64(text.parse().unwrap_or(*v)),
    }
}

fn optional_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

fn optional_pair<S: serde::Serializer>(v: &Option<[f64; 2]>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    match v {
        Some([a, b]) => {
            let mut seq = s.serialize_seq(Some(2))?;
            seq.serialize_element(&Whole(*a))?;
            seq.serialize_element(&Whole(*b))?;
            seq.end()
        }
        None => s.serialize_none(),
    }
}

/// A number serialized as `number` does.
struct Whole(f64);

impl Serialize for Whole {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        number(&self.0, s)
    }
}

pub fn records<'a>(
    report: &'a Report,
    reports: &[Report],
    style: &FigureStyle,
) -> Vec<StatRecord<'a>> {
    report
        .stats
        .iter()
        .map(|s| {
            let change = stats::change(s, report.year, reports);
            let multiplier = stats::multiplier(s);
            StatRecord {
                key: &s.key,
                label: &s.label,
                value: stats::real(s),
                range: match s.quantity {
                    Quantity::Range(a, b) => Some([a.value * multiplier, b.value * multiplier]),
                    Quantity::One(_) => None,
                },
                text: style.text(s),
                unit: s.unit.as_deref(),
                scale: s.scale.map(Scale::symbol),
                approx: s.approx,
                per: s.per.as_deref(),
                period: s.period.map(|p| format!("{}-{}", p.from, p.to)),
                previous_key: s.previous_key.as_deref(),
                group: s.group.as_deref(),
                chapter: s.chapter.as_deref(),
                note: s.note.as_deref(),
                highlight: s.highlight,
                derived: s.derived.is_some(),
                previous_year: change.as_ref().map(|c| c.previous_year),
                previous_value: change.as_ref().map(|c| c.previous_value),
                change: change.as_ref().map(|c| c.delta),
                change_percent: change.as_ref().and_then(|c| c.percent),
                change_approx: change.as_ref().is_some_and(|c| c.approx),
                previous_text: change.as_ref().map(|c| style.text(c.previous)),
                change_text: change.as_ref().map(|c| match style.percent(c) {
                    Some(p) => format!("{} ({p})", style.delta(c, s)),
                    None => style.delta(c, s),
                }),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ReportData<'a> {
    year: i32,
    title: &'a str,
    stats: Vec<StatRecord<'a>>,
}

pub fn json(report: &Report, reports: &[Report], style: &FigureStyle) -> Vec<u8> {
    let data = ReportData {
        year: report.year,
        title: &report.title,
        stats: records(report, reports, style),
    };
    let mut bytes = serde_json::to_vec_pretty(&data).expect("figures serialize to JSON");
    bytes.push(b'\n');
    bytes
}

const HEADER: [&str; 22] = [
    "key",
    "label",
    "value",
    "range_from",
    "range_to",
    "text",
    "unit",
    "scale",
    "approx",
    "per",
    "period",
    "previous_key",
    "group",
    "chapter",
    "note",
    "highlight",
    "derived",
    "previous_year",
    "previous_value",
    "change",
    "change_percent",
    "change_approx",
];

fn row(r: &StatRecord<'_>) -> [String; 22] {
    let opt = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let text = |v: Option<&str>| v.unwrap_or("").to_owned();
    [
        r.key.to_owned(),
        r.label.to_owned(),
        opt(r.value),
        opt(r.range.map(|r| r[0])),
        opt(r.range.map(|r| r[1])),
        r.text.clone(),
        text(r.unit),
        text(r.scale),
        text(r.approx.map(Approx::name)),
        text(r.per),
        r.period.clone().unwrap_or_default(),
        text(r.previous_key),
        text(r.group),
        text(r.chapter),
        text(r.note),
        r.highlight.to_string(),
        r.derived.to_string(),
        r.previous_year.map(|y| y.to_string()).unwrap_or_default(),
        opt(r.previous_value),
        opt(r.change),
        opt(r.change_percent),
        r.change_approx.to_string(),
    ]
}

pub fn csv(report: &Report, reports: &[Report], style: &FigureStyle) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut bytes);
        w.write_record(HEADER).expect("writing to memory cannot fail");
        for r in records(report, reports, style) {
            w.write_record(row(&r)).expect("writing to memory cannot fail");
        }
        w.flush().expect("writing to memory cannot fail");
    }
    bytes
}

/// The figures as a terminal table, CJK-width aware.
pub fn table(report: &Report, reports: &[Report], style: &FigureStyle) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_BORDERS_ONLY);
    t.set_header([
        crate::tr!("render-table-key"),
        crate::tr!("render-table-label"),
        crate::tr!("render-table-figure"),
        crate::tr!("render-table-group"),
        crate::tr!("render-table-chapter"),
        crate::tr!("render-table-previous"),
        crate::tr!("render-table-change"),
    ]);
    for r in records(report, reports, style) {
        let previous = match (r.previous_year, &r.previous_text) {
            (Some(y), Some(text)) => format!("{y}: {text}"),
            _ => String::new(),
        };
        let change = r.change_text.clone().unwrap_or_default();
        t.add_row([
            r.key.to_owned(),
            r.label.to_owned(),
            r.text,
            r.group.unwrap_or("").to_owned(),
            r.chapter.unwrap_or("").to_owned(),
            previous,
            change,
        ]);
    }
    format!("{} {}\n{t}\n", report.year, report.title)
}
