//! The PDF edition: a report typeset as an A4 PDF/A-2b by Typst, in this
//! process, with no browser. The document is made from the same model the
//! HTML is (chapters in number order, figures as the site writes them,
//! the chronicle by month, photos with their captions and credits) and
//! laid out by the theme's Typst file `pdf/report.typ`: annals writes the
//! report's data as JSON and each body as Typst markup, and the theme's
//! `report` function makes the pages (see docs/themes.md).
//!
//! Photos are printed from JPEGs of the photo cache (1600 px wide, made
//! once like the site's variants), which the PDF embeds as they are. The
//! same input gives the same bytes: the document's date is the report's,
//! fonts are embedded as subsets, and nothing else varies.

mod markup;
mod world;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;

use crate::config::{Config, ImageConfig, ImageFormat};
use crate::content::{Photo, Report};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::images::{self, Cache};
use crate::output::{FileContent, OutputFile};
use crate::render::figures::{Figure, figure_groups};
use crate::render::templates::{chinese_numerals, numeral};
use crate::render::views::{ChronicleMonth, chronicle};
use crate::render::{self, Input, credit_line, credit_pattern, figure_style};
use crate::stats::FigureStyle;
use world::Edition;
pub use world::Fonts;

/// What `annals pdf` wrote.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub year: i32,
    pub pages: usize,
    pub bytes: usize,
}

/// Writes `bytes` to `path` through a file beside it, renamed into place:
/// a failure leaves what was there.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(|| "edition".into(), |n| n.to_string_lossy());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Every report's edition, for a build with `pdf: true` in site.yaml: the
/// files `YEAR/report.pdf`, by year.
pub fn editions(
    input: Input<'_>,
    fonts: &Fonts,
    cache: &Cache,
) -> Result<Vec<(i32, OutputFile)>, Diagnostics> {
    let results: Vec<Result<(i32, OutputFile), Diagnostics>> = input
        .site
        .reports
        .par_iter()
        .map(|report| {
            let photos = print_photos(input, report, cache)?;
            let pdf = typeset(input, report, &photos, fonts)?;
            let path = format!("{}{FILE_NAME}", report.path);
            Ok((report.year, OutputFile::bytes(path, pdf.bytes)))
        })
        .collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(file) => files.push(file),
            Err(d) => problems.extend(d.0),
        }
    }
    if problems.is_empty() { Ok(files) } else { Err(Diagnostics::sorted(problems)) }
}

/// The edition's name in a report's folder of the site.
pub const FILE_NAME: &str = "report.pdf";

/// The fonts of site.yaml's `pdf.fonts` (relative to `root`) and the
/// system's.
pub fn find_fonts(config: &Config, root: &Path) -> Result<Fonts, Diagnostic> {
    let dir = match &config.pdf.fonts {
        Some(dir) if !root.join(dir).is_dir() => {
            return Err(Diagnostic::new(
                "site.yaml",
                format!("the fonts folder `{}` of `pdf.fonts` is not there", dir.display()),
            )
            .hint("name a folder of .otf, .ttf or .ttc fonts, relative to the site's folder"));
        }
        Some(dir) => Some(root.join(dir)),
        None => None,
    };
    Ok(Fonts::find(dir.as_deref()))
}

/// The size photos are printed from: 1600 px across the 16 cm of an A4
/// text column is 250 dpi.
const PRINT_WIDTH: u32 = 1600;

/// How photos are made for print.
fn print_config() -> ImageConfig {
    ImageConfig {
        widths: vec![PRINT_WIDTH],
        format: ImageFormat::Jpeg,
        quality: 85,
        originals: false,
    }
}

/// The JPEG each photo of a report is printed from, by the photo's path.
pub type PrintPhotos = HashMap<String, Vec<u8>>;

/// Makes (or takes from the cache) the print JPEG of every photo of
/// `report`.
pub fn print_photos(
    input: Input<'_>,
    report: &Report,
    cache: &Cache,
) -> Result<PrintPhotos, Diagnostics> {
    let config = print_config();
    let mut wanted: HashMap<String, String> = HashMap::new();
    let mut jobs = Vec::new();
    for photo in report.all_photos() {
        let Some(planned) = input.photos.of(photo).filter(|p| p.width > 0) else {
            continue;
        };
        let variants = images::variants(
            &format!("pdf/{}", photo.path),
            planned.width,
            planned.height,
            &config,
        );
        for v in &variants {
            wanted.insert(v.path.clone(), photo.path.clone());
        }
        jobs.push(images::Job {
            source: &planned.source,
            origin: &planned.origin,
            src: &planned.src,
            variants,
            original: None,
        });
    }
    let (files, _) =
        images::process(&jobs, &config, cache, &images::Quiet).map_err(Diagnostics::sorted)?;
    files
        .into_par_iter()
        .filter_map(|file| Some((wanted.get(&file.path)?.clone(), file.content)))
        .map(|(path, content)| {
            let bytes = match content {
                FileContent::Bytes(b) => b,
                FileContent::Copy(from) => std::fs::read(&from).map_err(|e| {
                    Diagnostic::new(from, format!("cannot read a photo of the cache: {e}"))
                })?,
            };
            Ok((path, bytes))
        })
        .collect::<Result<PrintPhotos, Diagnostic>>()
        .map_err(Diagnostics::from)
}

/// A typeset edition.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Typesets `report` with `fonts`, its photos from `photos`.
pub fn typeset(
    input: Input<'_>,
    report: &Report,
    photos: &PrintPhotos,
    fonts: &Fonts,
) -> Result<Pdf, Diagnostics> {
    let (world, sources) = world(input, report, photos, fonts)?;
    let paged = compile(&world, &sources, report)?;
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some(format!("annals {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date(report).map(typst_pdf::Timestamp::new_utc),
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .expect("PDF/A-2b alone is a valid set of standards"),
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&paged, &options)
        .map_err(|e| blame(&world, e.to_vec(), &sources, report))?;
    Ok(Pdf { bytes, pages: paged.pages().len() })
}

/// The problems typesetting each report would meet, found without making
/// anything (for `check`): each photo stands in as a small image of its
/// shape, and the document is laid out but not written.
pub fn verify(input: Input<'_>, fonts: &Fonts) -> Vec<Diagnostic> {
    input
        .site
        .reports
        .par_iter()
        .flat_map_iter(|report| {
            let photos: PrintPhotos = report
                .all_photos()
                .into_iter()
                .filter_map(|p| {
                    let planned = input.photos.of(p).filter(|p| p.width > 0)?;
                    let height = (64 * planned.height / planned.width).max(1);
                    Some((p.path.clone(), images::placeholder_jpeg(64, height)))
                })
                .collect();
            world(input, report, &photos, fonts)
                .and_then(|(world, sources)| compile(&world, &sources, report).map(drop))
                .err()
                .map_or_else(Vec::new, |d| d.0)
        })
        .collect()
}

/// The theme's Typst files by their path in Typst's file system → where
/// they lie, for messages.
type Sources = HashMap<String, PathBuf>;

/// Typst's world for `report`: the document, its data, the theme's files
/// and the photos.
fn world<'f>(
    input: Input<'_>,
    report: &Report,
    photos: &PrintPhotos,
    fonts: &'f Fonts,
) -> Result<(Edition<'f>, Sources), Diagnostics> {
    let problems = render::body_problems(input, report)?;
    if !problems.is_empty() {
        return Err(Diagnostics::sorted(problems));
    }
    if !input.theme.pdf.contains_key(THEME) {
        return Err(Diagnostic::new(
            format!("themes/{}/pdf/report.typ", input.theme.name),
            format!("the theme `{}` has no PDF edition", input.theme.name),
        )
        .hint("a theme's `pdf/report.typ` lays out the PDF; extend the built-in `default` theme to use its own")
        .into());
    }
    let style = figure_style(input.theme, &input.config.language)?;
    let document = Document::new(input, report, photos, &style, fonts);
    check_fonts(&document, fonts, input)?;
    let data = serde_json::to_vec_pretty(&document.data).expect("the data serialize");
    let mut files: Vec<(String, Vec<u8>)> =
        vec![(MAIN.to_owned(), document.main.into_bytes()), (DATA.to_owned(), data)];
    let mut sources = Sources::new();
    for (path, file) in &input.theme.pdf {
        files.push((path.clone(), file.bytes.clone()));
        sources.insert(path.clone(), file.file.clone());
    }
    for (path, bytes) in photos {
        files.push((photo_file(path), bytes.clone()));
    }
    let world = Edition::new(MAIN, files, fonts, date(report))
        .map_err(|m| Diagnostic::new("content", m))?;
    Ok((world, sources))
}

fn compile(
    world: &Edition<'_>,
    sources: &Sources,
    report: &Report,
) -> Result<PagedDocument, Diagnostics> {
    typst::compile(world).output.map_err(|e| blame(world, e.to_vec(), sources, report))
}

/// Typst's errors as diagnostics.
fn blame(
    world: &Edition<'_>,
    errors: Vec<SourceDiagnostic>,
    sources: &Sources,
    report: &Report,
) -> Diagnostics {
    let report_dir = format!("content/{}/", report.year);
    Diagnostics::sorted(
        errors
            .into_iter()
            .filter(|e| e.severity == Severity::Error)
            .map(|e| diagnostic(world, &e, sources, &report_dir))
            .collect(),
    )
}

/// The edition's date, which PDF/A requires: the report's `date`, else the
/// last day of its year (never the clock's, so that a second run gives the
/// same bytes).
fn date(report: &Report) -> Option<Datetime> {
    match report.date {
        Some(d) => Datetime::from_ymd(d.year, d.month.unwrap_or(12), d.day.unwrap_or(1)),
        None => Datetime::from_ymd(report.year, 12, 31),
    }
}

/// Where things are in Typst's file system.
const MAIN: &str = "/main.typ";
const DATA: &str = "/annals.json";
const THEME: &str = "/theme/report.typ";

/// A photo's print JPEG in Typst's file system: Typst knows a format by
/// the file's extension.
fn photo_file(path: &str) -> String {
    format!("/photos/{path}.jpg")
}

/// A Typst error as a diagnostic: on the theme's file where it lies in
/// one, else on the report (the generated document holds only its text).
fn diagnostic(
    world: &Edition<'_>,
    e: &SourceDiagnostic,
    sources: &Sources,
    report_dir: &str,
) -> Diagnostic {
    let message = format!("typesetting the PDF edition: {}", e.message);
    let at = match e.span.get() {
        DiagSpanKind::Detached => None,
        DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => Some(id),
    };
    let in_theme = at.and_then(|id| {
        let path = id.get().vpath().get_with_slash();
        Some((id, sources.get(path)?))
    });
    let mut d = match in_theme {
        Some((id, file)) => {
            let mut d = Diagnostic::new(file, message);
            if let (Some(source), Some(range)) = (world.source_of(id), world.range(e.span))
                && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
            {
                d = d.at(line + 1, column + 1);
            }
            d.hint("this is the theme's Typst file of the PDF edition; see docs/themes.md")
        }
        None => Diagnostic::new(report_dir, message),
    };
    if let Some(hint) = e.hints.first() {
        d = d.hint(hint.v.to_string());
    }
    d
}

/// Refuses to typeset a report in Chinese without a font that has Chinese
/// characters (Typst would print empty boxes), or with no font at all.
fn check_fonts(document: &Document, fonts: &Fonts, input: Input<'_>) -> Result<(), Diagnostic> {
    let configured = input.config.pdf.fonts.as_ref();
    let where_hint = match configured {
        Some(dir) => format!(
            "put .otf, .ttf or .ttc fonts in {} (site.yaml's `pdf.fonts`), or install Noto CJK (Debian and Ubuntu: `apt-get install fonts-noto-cjk`)",
            dir.display()
        ),
        None => "install Noto CJK (Debian and Ubuntu: `apt-get install fonts-noto-cjk`; Fedora: `dnf install google-noto-serif-cjk-fonts`), or name a folder of .otf, .ttf or .ttc fonts in site.yaml: `pdf: {fonts: fonts/}`".to_owned(),
    };
    let file = if configured.is_some() { "site.yaml" } else { "content" };
    if world::infos(fonts.book()).next().is_none() {
        return Err(
            Diagnostic::new(file, "no fonts were found for the PDF edition").hint(where_hint)
        );
    }
    if document.chinese && !fonts.covers('中') {
        return Err(Diagnostic::new(
            file,
            "no font with Chinese characters was found for the PDF edition",
        )
        .hint(where_hint));
    }
    Ok(())
}

/// What Typst reads: the main file and the data it lays out.
struct Document<'a> {
    main: String,
    data: Data<'a>,
    /// Whether the report has Chinese text.
    chinese: bool,
}

/// The report as the theme's `report` function gets it (`data`): the names
/// are the HTML templates' where the two show the same (docs/themes.md).
#[derive(Serialize)]
struct Data<'a> {
    site: SiteData<'a>,
    report: ReportData<'a>,
    /// The theme's interface strings in the site's language (`t`).
    strings: &'a Map<String, Value>,
    /// The theme's options with the site's values (`config.theme_options`).
    options: &'a Map<String, Value>,
    chapters: Vec<ChapterData<'a>>,
    /// The preface's photos its text does not show.
    preface_photos: Vec<PrintPhoto>,
    groups: Vec<GroupData>,
    months: Vec<ChronicleMonth>,
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
    fn new(
        input: Input<'a>,
        report: &'a Report,
        photos: &PrintPhotos,
        style: &FigureStyle,
        fonts: &Fonts,
    ) -> Self {
        let Input { site, config, theme, .. } = input;
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
        let report_dir =
            report.preface.file.trim_end_matches("_index.md").trim_end_matches('/').to_owned();
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
        let mut months = chronicle(report, &theme.strings, style, input.photos);
        for event in months.iter_mut().flat_map(|m| &mut m.events) {
            event.photos.clear();
        }
        let all: BTreeMap<String, PrintPhoto> = report
            .all_photos()
            .into_iter()
            .filter_map(|p| Some((p.path.clone(), print_photo(p)?)))
            .collect();
        let found = fonts.families();
        let preferred = |list: &[&str]| {
            let mut out = fonts.own_families();
            out.extend(
                list.iter()
                    .filter(|f| found.iter().any(|g| g.eq_ignore_ascii_case(f)))
                    .map(|f| (*f).to_owned()),
            );
            out
        };
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
            options: &theme.options,
            chapters,
            preface_photos: unshown(&report.photos, &preface, report.cover.as_ref()),
            groups,
            months,
            photos: all,
            fonts: FontData { serif: preferred(&SERIF), sans: preferred(&SANS) },
        };
        let mut main = String::from(
            "// Made by annals: the report's text, laid out by the theme's report.typ.\n\
             #import \"/theme/report.typ\": report, photo\n\
             #let data = json(\"/annals.json\")\n\
             #report(data, preface: [\n",
        );
        main.push_str(&preface.markup);
        main.push_str("], chapters: (\n");
        for b in &bodies {
            main.push_str("[\n");
            main.push_str(&b.markup);
            main.push_str("],\n");
        }
        main.push_str("))\n");
        let chinese = config.language.starts_with("zh")
            || [report.title.as_str(), &report.preface.text]
                .into_iter()
                .chain(report.chapters.iter().map(|c| c.body.text.as_str()))
                .any(|t| t.chars().any(is_han));
        Document { main, data, chinese }
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}
