//! The document Typst reads for a report: the generated main file (each
//! body as Typst markup, in a call of the theme's `report`) and the data
//! it lays out (`data`, as JSON), named as the HTML templates name the same
//! things.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Fonts, PrintPhotos, markup, options, photo_file, print_config};
use crate::content::{Event, Photo, Report};
use crate::diagnostic::Diagnostic;
use crate::images;
use crate::render::figures::{Figure, figure_groups};
use crate::render::templates::{chinese_numerals, numeral};
use crate::render::views::chronicle;
use crate::render::{self, Input, credit_line, credit_pattern};
use crate::stats::FigureStyle;

/// What Typst reads: the main file and the data it lays out.
pub(super) struct Document<'a> {
    pub main: String,
    pub data: Data<'a>,
    /// Whether the report has Chinese text.
    pub chinese: bool,
    /// Where each body stands in `main`, and its file.
    pub parts: Vec<(std::ops::Range<usize>, String)>,
}

/// The report as the theme's `report` function gets it (`data`): the names
/// are the HTML templates' where the two show the same (docs/themes.md).
#[derive(Serialize)]
pub(super) struct Data<'a> {
    site: SiteData<'a>,
    report: ReportData<'a>,
    /// The theme's interface strings in the site's language (`t`).
    strings: &'a Map<String, Value>,
    /// The theme's options with the site's values (`config.theme_options`),
    /// `accent` as `#rrggbb`.
    options: Map<String, Value>,
    /// The paper, from the theme's `paper` option (A4 without one), in
    /// millimetres.
    page: options::Page,
    chapters: Vec<ChapterData<'a>>,
    /// The preface's photos its text does not show.
    preface_photos: Vec<PrintPhoto>,
    groups: Vec<GroupData>,
    months: Vec<MonthData>,
    /// Every photo by its path, for `photo(data.photos.at(PATH))`.
    photos: BTreeMap<String, PrintPhoto>,
    /// Font families found, in order of preference.
    fonts: FontData,
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    author: Option<&'a str>,
    description: Option<&'a str>,
    language: &'a str,
    /// The report's address on the web, where the site has one.
    url: Option<String>,
}

#[derive(Serialize)]
struct ReportData<'a> {
    year: i32,
    title: &'a str,
    subtitle: Option<&'a str>,
    author: Option<&'a str>,
    /// `2024-12-31`.
    date: Option<String>,
    summary: Option<&'a str>,
    photo_credit: Option<&'a str>,
    cover: Option<PrintPhoto>,
    key_figures: Vec<Figure>,
}

#[derive(Serialize)]
struct ChapterData<'a> {
    number: Option<u32>,
    /// The number as the site writes it: `三` or `3`.
    numeral: Option<String>,
    /// `第三部分`, from the theme's `chapter_label`.
    label: Option<String>,
    title: &'a str,
    summary: Option<&'a str>,
    figures: Vec<Figure>,
    /// The chapter's photos its text does not show.
    photos: Vec<PrintPhoto>,
}

/// The chronicle's events of a month (or of the year, where no month is
/// known).
#[derive(Serialize)]
struct MonthData {
    /// `2024年3月`.
    label: String,
    events: Vec<EventData>,
}

#[derive(Serialize)]
struct EventData {
    /// `2024-03-05`, `2024-03`, `2024`.
    date: String,
    /// The last day of an event that spans days.
    end: Option<String>,
    title: String,
    /// Its kind in the site's language (`调研`).
    kind: Option<String>,
    /// With its unit: `140余人次`.
    participants: Option<String>,
    place: Option<String>,
    summary: Option<String>,
    photos: Vec<PrintPhoto>,
}

#[derive(Serialize)]
struct GroupData {
    name: Option<String>,
    figures: Vec<Figure>,
    has_previous: bool,
}

/// A photo as print shows it.
#[derive(Serialize, Clone)]
struct PrintPhoto {
    /// Its file in Typst's file system.
    src: String,
    width: u32,
    height: u32,
    caption: Option<String>,
    alt: String,
    /// As the caption prints it: `摄影：马敏`.
    credit: Option<String>,
    place: Option<String>,
    date: Option<String>,
}

#[derive(Serialize)]
struct FontData {
    serif: Vec<String>,
    sans: Vec<String>,
}

/// Font families the shipped themes set text in, best first: the fonts of
/// `pdf.fonts` go before them, and those not installed are left out.
const SERIF: [&str; 10] = [
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Noto Serif SC",
    "Songti SC",
    "STSong",
    "SimSun",
    "AR PL UMing CN",
    "Noto Serif",
    "DejaVu Serif",
];
const SANS: [&str; 10] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "Noto Sans",
    "DejaVu Sans",
];

impl<'a> Document<'a> {
    pub fn new(
        input: Input<'a>,
        report: &'a Report,
        photos: &PrintPhotos,
        style: &FigureStyle,
        fonts: &Fonts,
    ) -> Result<Self, Diagnostic> {
        let Input { site, config, theme, .. } = input;
        let (options, page) = options::resolve(&theme.options, config)?;
        let credit_by = credit_pattern(theme);
        let print_photo = |p: &Photo| -> Option<PrintPhoto> {
            photos.get(&p.path)?;
            let planned = input.photos.of(p)?;
            let size = images::variants(&p.path, planned.width, planned.height, &print_config());
            let size = size.first()?;
            Some(PrintPhoto {
                src: photo_file(&p.path),
                width: size.width,
                height: size.height,
                caption: p.caption.clone(),
                alt: p.alt_text().to_owned(),
                credit: p.credit.as_deref().map(|c| credit_line(c, credit_by)),
                place: p.place.clone(),
                date: p.date.map(|d| d.to_string()),
            })
        };
        let page_url = |path: &str| config.absolute_url(&render::urls::encode_path(path));
        let report_dir = report.dir().to_owned();
        let body = |md, page_photos| {
            markup::body(
                md,
                &markup::Context {
                    photos: page_photos,
                    report_dir: &report_dir,
                    stats: &report.stats,
                    style,
                    page_url: &page_url,
                    links: &site.links,
                    drafts: &site.drafts,
                    unloaded: &site.unloaded,
                },
            )
        };
        let preface = body(&report.preface, &report.photos);
        let bodies: Vec<markup::Body> =
            report.chapters.iter().map(|c| body(&c.body, &c.photos)).collect();
        let chinese_numbers = chinese_numerals(theme, &config.language);
        let label = theme.strings.get("chapter_label").and_then(Value::as_str).unwrap_or("");
        let unshown = |photos: &[Photo], shown: &markup::Body, cover: Option<&Photo>| {
            photos
                .iter()
                .filter(|p| !shown.shown.contains(&p.path))
                .filter(|p| cover.is_none_or(|c| c.path != p.path))
                .filter_map(print_photo)
                .collect::<Vec<_>>()
        };
        let chapters = report
            .chapters
            .iter()
            .zip(&bodies)
            .map(|(c, b)| {
                let numeral = c.number.map(|n| numeral(i64::from(n), chinese_numbers));
                ChapterData {
                    number: c.number,
                    label: numeral.as_ref().map(|n| label.replace("{number}", n)),
                    numeral,
                    title: &c.title,
                    summary: c.summary.as_deref(),
                    figures: report
                        .stats
                        .iter()
                        .filter(|s| s.chapter.as_deref() == Some(c.slug.as_str()))
                        .map(|s| Figure::new(s, report, &site.reports, style))
                        .collect(),
                    photos: unshown(&c.photos, b, None),
                }
            })
            .collect();
        let other = theme.strings.get("other_figures").and_then(Value::as_str).unwrap_or("");
        let groups = figure_groups(report, &site.reports, style, other)
            .into_iter()
            .map(|g| GroupData { name: g.name, figures: g.figures, has_previous: g.has_previous })
            .collect();
        // The months as the chronicle page shows them; their events are the
        // report's dated ones in order, then those known by their year.
        let (dated, undated): (Vec<&Event>, Vec<&Event>) =
            report.chronicle.iter().partition(|e| e.date.month.is_some());
        let mut events = dated.into_iter().chain(undated);
        let months = chronicle(report, &theme.strings, style, input.photos)
            .into_iter()
            .map(|m| MonthData {
                label: m.label,
                events: m
                    .events
                    .into_iter()
                    .zip(events.by_ref())
                    .map(|(view, event)| EventData {
                        date: view.date.to_string(),
                        end: view.end.map(|d| d.to_string()),
                        title: view.title,
                        kind: view.kind_label,
                        participants: view.participants,
                        place: view.place,
                        summary: view.summary,
                        photos: event.photos.iter().filter_map(print_photo).collect(),
                    })
                    .collect(),
            })
            .collect();
        let all: BTreeMap<String, PrintPhoto> = report
            .all_photos()
            .into_iter()
            .filter_map(|p| Some((p.path.clone(), print_photo(p)?)))
            .collect();
        let chinese = config.language.starts_with("zh")
            || [report.title.as_str(), &report.preface.text]
                .into_iter()
                .chain(report.chapters.iter().map(|c| c.body.text.as_str()))
                .any(|t| t.chars().any(is_han));
        let found = fonts.families();
        let preferred = |list: &[&str], serif: bool| {
            let mut out = fonts.own_families(serif);
            out.extend(
                list.iter()
                    .filter(|f| found.iter().any(|g| g.eq_ignore_ascii_case(f)))
                    .map(|f| (*f).to_owned()),
            );
            out
        };
        let (mut serif, mut sans) = (preferred(&SERIF, true), preferred(&SANS, false));
        // One kind missing, the other stands in; neither, any font with
        // the report's script.
        if serif.is_empty() {
            serif.clone_from(&sans);
        }
        if sans.is_empty() {
            sans.clone_from(&serif);
        }
        if serif.is_empty() {
            serif = fonts.families_with(if chinese { '中' } else { 'a' });
            sans.clone_from(&serif);
        }
        let data = Data {
            site: SiteData {
                title: &config.title,
                author: config.author.as_deref(),
                description: config.description.as_deref(),
                language: &config.language,
                url: page_url(&report.path),
            },
            report: ReportData {
                year: report.year,
                title: &report.title,
                subtitle: report.subtitle.as_deref(),
                author: report.author.as_deref(),
                date: report.date.map(|d| d.to_string()),
                summary: report.summary.as_deref(),
                photo_credit: report.photo_credit.as_deref(),
                cover: report.cover.as_ref().and_then(print_photo),
                key_figures: report
                    .key_figures()
                    .into_iter()
                    .map(|s| Figure::new(s, report, &site.reports, style))
                    .collect(),
            },
            strings: &theme.strings,
            options,
            page,
            chapters,
            preface_photos: unshown(&report.photos, &preface, report.cover.as_ref()),
            groups,
            months,
            photos: all,
            fonts: FontData { serif, sans },
        };
        let mut main = String::from(
            "// Made by annals: the report's text, laid out by the theme's report.typ.\n\
             #import \"/theme/report.typ\": report, photo\n\
             #let data = json(\"/annals.json\")\n\
             #report(data, preface: [\n",
        );
        let mut parts = Vec::new();
        let mut part = |main: &mut String, body: &markup::Body, file: &str| {
            let start = main.len();
            main.push_str(&body.markup);
            parts.push((start..main.len(), format!("content/{file}")));
        };
        part(&mut main, &preface, &report.preface.file);
        main.push_str("], chapters: (\n");
        for (b, c) in bodies.iter().zip(&report.chapters) {
            main.push_str("[\n");
            part(&mut main, b, &c.body.file);
            main.push_str("],\n");
        }
        main.push_str("))\n");
        Ok(Document { main, data, chinese, parts })
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}
