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

mod document;
mod markup;
mod options;
mod world;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;

use crate::config::{Config, ImageConfig, ImageFormat};
use crate::content::Report;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::images::{self, Cache};
use crate::output::{FileContent, OutputFile};
use crate::render::{self, Input, figure_style};
use crate::tr;
use document::Document;
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

/// Every report's edition in the language of `input`, for a build with
/// `pdf: true` in site.yaml: the files `YEAR/report.pdf` (`en/YEAR/…`), by
/// the report's site path. A translation's report without a translation
/// has none.
pub fn editions(
    input: Input<'_>,
    fonts: &Fonts,
    cache: &Cache,
) -> Result<Vec<(String, OutputFile)>, Diagnostics> {
    let results: Vec<Result<(String, OutputFile), Diagnostics>> = input
        .site
        .reports
        .par_iter()
        .filter(|report| !report.untranslated)
        .map(|report| {
            let photos = print_photos(input, report, cache)?;
            let pdf = typeset(input, report, &photos, fonts)?;
            let path = format!("{}{FILE_NAME}", report.path);
            Ok((report.path.clone(), OutputFile::bytes(path, pdf.bytes)))
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
                tr!("typeset-no-fonts-folder", dir = dir.display().to_string()),
            )
            .hint(tr!("typeset-no-fonts-folder-hint")));
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
        // The whole name, extension too: `a.jpg` and `a.png` are two photos.
        let name = format!("pdf/{}.jpg", photo.path);
        let variants = images::variants(&name, planned.width, planned.height, &config);
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
                    Diagnostic::new(from, tr!("typeset-cache-unreadable", error = e.to_string()))
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
    let report = &report.published();
    let (world, origins) = world(input, report, photos, fonts)?;
    let paged = compile(&world, &origins)?;
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some(format!("annals {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date(report).map(typst_pdf::Timestamp::new_utc),
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .expect("PDF/A-2b alone is a valid set of standards"),
        ..Default::default()
    };
    let bytes =
        typst_pdf::pdf(&paged, &options).map_err(|e| blame(&world, e.to_vec(), &origins))?;
    Ok(Pdf { bytes, pages: paged.pages().len() })
}

/// The problems typesetting each report would meet, found without making
/// anything (for `check`): each photo stands in as a small image of its
/// shape, and the PDF is made but not kept.
pub fn verify(input: Input<'_>, fonts: &Fonts) -> Vec<Diagnostic> {
    input
        .site
        .reports
        .par_iter()
        .filter(|report| !report.untranslated)
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
            typeset(input, report, &photos, fonts).err().map_or_else(Vec::new, |d| d.0)
        })
        .collect()
}

/// Where the text Typst reads came from, for its messages: the theme's
/// files by their path in Typst's file system, and the place of each body
/// in the generated document with its Markdown file.
struct Origins {
    theme: HashMap<String, PathBuf>,
    bodies: Vec<(std::ops::Range<usize>, String)>,
    report_dir: String,
}

/// Typst's world for `report`: the document, its data, the theme's files
/// and the photos.
fn world<'f>(
    input: Input<'_>,
    report: &Report,
    photos: &PrintPhotos,
    fonts: &'f Fonts,
) -> Result<(Edition<'f>, Origins), Diagnostics> {
    let problems = render::body_problems(input, report)?;
    if !problems.is_empty() {
        return Err(Diagnostics::sorted(problems));
    }
    if !input.theme.pdf.contains_key(THEME) {
        return Err(Diagnostic::new(
            format!("themes/{}/pdf/report.typ", input.theme.name),
            tr!("typeset-no-pdf-theme", theme = input.theme.name.as_str()),
        )
        .hint(tr!("typeset-no-pdf-theme-hint"))
        .into());
    }
    let style = figure_style(input.theme, &input.config.language)?;
    let document = Document::new(input, report, photos, &style, fonts)?;
    check_fonts(&document, fonts, input)?;
    let data = serde_json::to_string_pretty(&document.data).expect("the data serialize");
    check_characters(&[&document.main, &data], fonts, report)?;
    let mut files: Vec<(String, Vec<u8>)> =
        vec![(MAIN.to_owned(), document.main.into_bytes()), (DATA.to_owned(), data.into_bytes())];
    let mut theme = HashMap::new();
    for (path, file) in &input.theme.pdf {
        let bytes = file.read().map_err(|e| {
            Diagnostic::new(&file.file, tr!("typeset-theme-unreadable", error = e.to_string()))
        })?;
        files.push((path.clone(), bytes));
        theme.insert(path.clone(), file.file.clone());
    }
    for (path, bytes) in photos {
        files.push((photo_file(path), bytes.clone()));
    }
    let world = Edition::new(MAIN, files, fonts, date(report))
        .map_err(|m| Diagnostic::new("content", m))?;
    let report_dir = format!("content/{}/", report.year);
    Ok((world, Origins { theme, bodies: document.parts, report_dir }))
}

fn compile(world: &Edition<'_>, origins: &Origins) -> Result<PagedDocument, Diagnostics> {
    typst::compile(world).output.map_err(|e| blame(world, e.to_vec(), origins))
}

/// Typst's errors as diagnostics.
fn blame(world: &Edition<'_>, errors: Vec<SourceDiagnostic>, origins: &Origins) -> Diagnostics {
    Diagnostics::sorted(
        errors
            .into_iter()
            .filter(|e| e.severity == Severity::Error)
            .map(|e| diagnostic(world, &e, origins))
            .collect(),
    )
}

/// A Typst error as a diagnostic: on the theme's file, line and column
/// where it lies in one; on the Markdown file where it lies in a body; else
/// on the report.
fn diagnostic(world: &Edition<'_>, e: &SourceDiagnostic, origins: &Origins) -> Diagnostic {
    let message = tr!("typeset-failed", message = e.message.to_string());
    let at = match e.span.get() {
        DiagSpanKind::Detached => None,
        DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => Some(id),
    };
    let path = at.map(|id| id.get().vpath().get_with_slash());
    let range = world.range(e.span);
    let mut d = if let Some(file) = path.and_then(|p| origins.theme.get(p)) {
        let mut d = Diagnostic::new(file, message);
        let source = at.and_then(|id| world.source_of(id));
        if let (Some(source), Some(range)) = (source, &range)
            && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
        {
            d = d.at(line + 1, column + 1);
        }
        d.hint(tr!("typeset-theme-file-hint"))
    } else if let Some((_, file)) = range
        .filter(|_| path == Some(MAIN))
        .and_then(|r| origins.bodies.iter().find(|(b, _)| b.contains(&r.start)))
    {
        // Typst's own hint speaks of its code, which the author did not write.
        return Diagnostic::new(file, message).hint(tr!("typeset-body-hint"));
    } else {
        Diagnostic::new(&origins.report_dir, message)
    };
    if let Some(hint) = e.hints.first() {
        d = d.hint(hint.v.to_string());
    }
    d
}

/// Refuses a character no font has (an emoji, a rare character of a
/// name): PDF/A allows no missing glyph. Names the first one, where it
/// stands in a body.
fn check_characters(texts: &[&str], fonts: &Fonts, report: &Report) -> Result<(), Diagnostic> {
    let used: std::collections::BTreeSet<char> =
        texts.iter().flat_map(|t| t.chars()).filter(|c| !ignorable(*c)).collect();
    let Some(missing) = used.into_iter().find(|&c| !fonts.covers(c)) else {
        return Ok(());
    };
    let message = tr!(
        "typeset-missing-character",
        character = missing.to_string(),
        code = format!("{:04X}", missing as u32)
    );
    let bodies = std::iter::once(&report.preface).chain(report.chapters.iter().map(|c| &c.body));
    let mut d = bodies
        .into_iter()
        .find_map(|md| {
            let at = md.text.find(missing)?;
            let (line, column) = crate::content::line_column(&md.text, at);
            Some(
                Diagnostic::new(format!("content/{}", md.file), message.clone())
                    .at(line + md.first_line - 1, column),
            )
        })
        .unwrap_or_else(|| Diagnostic::new(format!("content/{}/", report.year), message.clone()));
    d = d.hint(tr!("typeset-missing-character-hint"));
    Err(d)
}

/// Characters that need no glyph: spaces, controls, joiners and variation
/// selectors.
fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
        || ('\u{e0000}'..='\u{e0fff}').contains(&c)
}

/// The edition's date, which PDF/A requires: the report's `date` (the
/// first of its month where it names no day, the last day of its year
/// where it names only the year), else the last day of the report's year;
/// never the clock's, so that a second run gives the same bytes.
fn date(report: &Report) -> Option<Datetime> {
    match report.date {
        Some(crate::content::Date { year, month: Some(month), day }) => {
            Datetime::from_ymd(year, month, day.unwrap_or(1))
        }
        Some(d) => Datetime::from_ymd(d.year, 12, 31),
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

/// Refuses to typeset a report in Chinese without a font that has Chinese
/// characters (Typst would print empty boxes), or with no font at all.
fn check_fonts(document: &Document, fonts: &Fonts, input: Input<'_>) -> Result<(), Diagnostic> {
    let configured = input.config.pdf.fonts.as_ref();
    let where_hint = match configured {
        Some(dir) => tr!("typeset-fonts-in-folder-hint", dir = dir.display().to_string()),
        None => tr!("typeset-fonts-hint"),
    };
    let file = if configured.is_some() { "site.yaml" } else { "content" };
    if world::infos(fonts.book()).next().is_none() {
        return Err(Diagnostic::new(file, tr!("typeset-no-fonts")).hint(where_hint));
    }
    if document.chinese && !fonts.covers('中') {
        return Err(Diagnostic::new(file, tr!("typeset-no-chinese-font")).hint(where_hint));
    }
    Ok(())
}
