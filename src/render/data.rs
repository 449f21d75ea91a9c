//! A report's figures as data: `stats.json`, `stats.csv` (UTF-8 with a BOM,
//! so spreadsheet programs show Chinese correctly) and the terminal table
//! of `annals stats`. The same records feed all three.

use serde::Serialize;

use crate::content::{Approx, Report};
use crate::stats::{self, FigureStyle, format_number};

#[derive(Serialize)]
pub struct StatRecord<'a> {
    pub key: &'a str,
    pub label: &'a str,
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// As the site prints it: `10余件`.
    pub text: String,
    pub unit: Option<&'a str>,
    pub approx: Option<Approx>,
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
            StatRecord {
                key: &s.key,
                label: &s.label,
                value: s.value,
                text: style.format(s),
                unit: s.unit.as_deref(),
                approx: s.approx,
                group: s.group.as_deref(),
                chapter: s.chapter.as_deref(),
                note: s.note.as_deref(),
                highlight: s.highlight,
                derived: s.derived.is_some(),
                previous_year: change.as_ref().map(|c| c.previous_year),
                previous_value: change.as_ref().map(|c| c.previous_value),
                change: change.as_ref().map(|c| c.delta),
                change_percent: change.and_then(|c| c.percent),
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

const HEADER: [&str; 15] = [
    "key",
    "label",
    "value",
    "text",
    "unit",
    "approx",
    "group",
    "chapter",
    "note",
    "highlight",
    "derived",
    "previous_year",
    "previous_value",
    "change",
    "change_percent",
];

fn row(r: &StatRecord<'_>) -> [String; 15] {
    let opt = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    [
        r.key.to_owned(),
        r.label.to_owned(),
        format_number(r.value),
        r.text.clone(),
        r.unit.unwrap_or("").to_owned(),
        r.approx.map(approx_name).unwrap_or("").to_owned(),
        r.group.unwrap_or("").to_owned(),
        r.chapter.unwrap_or("").to_owned(),
        r.note.unwrap_or("").to_owned(),
        r.highlight.to_string(),
        r.derived.to_string(),
        r.previous_year.map(|y| y.to_string()).unwrap_or_default(),
        opt(r.previous_value),
        opt(r.change),
        opt(r.change_percent),
    ]
}

fn approx_name(a: Approx) -> &'static str {
    match a {
        Approx::Over => "over",
        Approx::Nearly => "nearly",
        Approx::About => "about",
    }
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
    t.set_header(["key", "label", "figure", "group", "chapter", "previous", "change"]);
    for r in records(report, reports, style) {
        let previous = match (r.previous_year, r.previous_value) {
            (Some(y), Some(v)) => format!("{y}: {}", format_number(v)),
            _ => String::new(),
        };
        let change = match (r.change, r.change_percent) {
            (Some(d), Some(p)) => {
                format!("{} ({})", stats::format_signed(d), stats::format_percent(p))
            }
            (Some(d), None) => stats::format_signed(d),
            _ => String::new(),
        };
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
