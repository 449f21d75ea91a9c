//! `annals import FILE --year YEAR`: a report someone already wrote (a Word
//! file, a newspaper article saved as text or HTML, Markdown) turned into a
//! draft report of the site.
//!
//! Each reader (`docx`, `html`, `text`) turns its file into the same flat
//! run of [`Block`]s; `structure` finds the title, byline, preface,
//! chapters and captions in them; `figures` finds the figures in the text;
//! `write` makes the files in memory and puts them on disk in one move,
//! or not at all.

mod docx;
mod figures;
mod html;
mod plain;
mod structure;
mod text;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::tr;

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub year: String,
    pub root: PathBuf,
    /// Read and arrange everything, write nothing.
    pub dry_run: bool,
}

/// What an import wrote (or, in a dry run, would write).
#[derive(Debug, Clone)]
pub struct Imported {
    /// `content/YEAR`, relative to the site root.
    pub folder: PathBuf,
    /// Each file with its size in bytes, relative to the site root.
    pub files: Vec<(PathBuf, usize)>,
    pub chapters: usize,
    pub photos: usize,
    pub figures: usize,
    /// What the reader could not bring across, for the user to do by hand.
    pub notes: Vec<String>,
}

/// One piece of a document, in reading order, as every reader hands it on.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// Word's Title style, HTML's `<title>`.
    Title(String),
    /// Word's Subtitle style.
    Subtitle(String),
    /// A heading the file marks as one (Word's Heading N, `<hN>`, `#`):
    /// its level (1 the top) and its text.
    Heading(u8, String),
    /// A paragraph of plain text.
    Paragraph(String),
    /// A block written in Markdown already: a paragraph, list or table of
    /// a `.md` file, a table made from a Word or HTML one.
    Markdown(String),
    /// Word's Caption style, `<figcaption>`.
    Caption(String),
    Image(Image),
}

/// An image the document holds, with the text describing it, if any.
#[derive(Debug, Clone, PartialEq)]
struct Image {
    /// The name it had (`image1.png`, `dsc_0123.jpg`), for messages.
    name: String,
    bytes: Vec<u8>,
    /// Alternative text the file gives it (Word's description, `alt`).
    alt: Option<String>,
}

/// Imports `options.file` as the report of `options.year`; with
/// `dry_run`, reads and arranges everything but writes nothing.
pub fn import(options: &ImportOptions) -> Result<Imported, crate::Error> {
    let year = &options.year;
    let label = format!("import {}", options.file.display());
    if !(year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Diagnostic::new(label, tr!("importer-not-a-year", year = year.as_str()))
            .hint(tr!("importer-year-hint"))
            .into());
    }
    let config = Config::load(&options.root)?;
    let folder = Path::new("content").join(year);
    if options.root.join(&folder).exists() {
        return Err(Diagnostic::new(&folder, tr!("importer-report-exists"))
            .hint(tr!("importer-report-exists-hint", year = year.as_str()))
            .into());
    }
    let file = &options.file;
    let extension =
        file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let kind = match extension.as_str() {
        "docx" => Kind::Docx,
        "md" | "markdown" => Kind::Markdown,
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        _ => return Err(unknown_kind(file, &extension).into()),
    };
    let bytes = fs::read(file).map_err(|e| {
        Diagnostic::new(file, tr!("importer-cannot-read", error = e.to_string()))
            .hint(tr!("importer-cannot-read-hint"))
    })?;
    let mut notes = Vec::new();
    let base = file.parent().unwrap_or(Path::new("."));
    let blocks = match kind {
        Kind::Docx => docx::read(&bytes, &mut notes).map_err(|reason| {
            Diagnostic::new(file, tr!("importer-not-docx", reason = reason))
                .hint(tr!("importer-not-docx-hint"))
        })?,
        Kind::Markdown => text::read_markdown(&plain::decode(&bytes), base, &mut notes),
        Kind::Text => text::read_text(&plain::decode(&bytes)),
        Kind::Html => html::read(&plain::decode(&bytes), base, &mut notes),
    };
    let mut draft = structure::arrange(blocks, kind == Kind::Text);
    notes.append(&mut draft.notes);
    if draft.chapters.is_empty() {
        notes.push(tr!("importer-no-chapters"));
    }
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (files, figures) =
        write::files(&draft, &name, year, config.language.starts_with("zh"), &mut notes);
    let mut listed: Vec<(PathBuf, usize)> =
        files.iter().map(|f| (folder.join(&f.path), f.bytes.len())).collect();
    listed.sort();
    let imported = Imported {
        files: listed,
        folder: folder.clone(),
        chapters: draft.chapters.len(),
        photos: files.iter().filter(|f| f.path.starts_with("photos")).count(),
        figures,
        notes,
    };
    if !options.dry_run {
        write::commit(&options.root, &folder, &files)?;
    }
    Ok(imported)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Docx,
    Markdown,
    Text,
    Html,
}

fn unknown_kind(file: &Path, extension: &str) -> Diagnostic {
    let hint = match extension {
        "doc" => tr!("importer-kind-doc-hint"),
        "pdf" => tr!("importer-kind-pdf-hint"),
        "rtf" | "odt" | "wps" => tr!("importer-kind-office-hint"),
        _ => tr!("importer-kind-other-hint"),
    };
    Diagnostic::new(file, tr!("importer-unknown-kind")).hint(hint)
}
