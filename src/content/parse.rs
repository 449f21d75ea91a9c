//! One Markdown file read and parsed: UTF-8 checked, line endings and BOM
//! normalised, front matter split off and parsed into the raw shape of its
//! kind (home, report, section or page), and the photos its body shows
//! found. Files are independent, so this runs in parallel.

use std::path::Path;

use super::front_matter::{self, RawHome, RawPage, RawReport, RawSection, RawTranslation};
use super::loader::{content_file, file_name, parent};
use super::markdown_refs::{self, ImageRef};
use super::slug::is_year;
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, Source};

/// A parsed Markdown file.
#[derive(Clone)]
pub(super) struct Parsed {
    pub rel: String,
    pub text: String,
    pub front: Front,
    pub body_start: usize,
    pub body_line: usize,
    pub images: Vec<ImageRef>,
}

#[derive(Clone)]
pub(super) enum Front {
    Home(Box<RawHome>),
    Report(Box<RawReport>),
    Section(Box<RawSection>),
    Page(Box<RawPage>),
}

/// A Markdown file read and split: its normalised text, its front matter's
/// text, and where the body starts (byte offset and line).
struct Read {
    file: std::path::PathBuf,
    text: String,
    yaml_text: String,
    body_offset: usize,
    body_line: usize,
}

fn read(content: &Path, rel: &str) -> Result<Read, Diagnostic> {
    let file = content_file(rel);
    let bytes = std::fs::read(content.join(rel)).map_err(|e| {
        Diagnostic::new(&file, crate::tr!("content-file-unreadable", error = e.to_string()))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = markdown_refs::line_column(
            std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or(""),
            valid,
        );
        Diagnostic::new(&file, crate::tr!("content-not-utf8"))
            .at(line, column)
            .hint(crate::tr!("content-not-utf8-hint"))
    })?;
    let text = front_matter::normalise(text);
    let (yaml_text, body_line, body_offset) = {
        let split = front_matter::split(&text, &file)?;
        let body_offset = text.len() - split.body.len();
        (split.front_matter.to_owned(), split.body_line, body_offset)
    };
    Ok(Read { file, text, yaml_text, body_offset, body_line })
}

pub(super) fn parse_markdown(content: &Path, rel: &str) -> Result<Parsed, Diagnostic> {
    let Read { file, text, yaml_text, body_offset, body_line } = read(content, rel)?;
    let source = Source { file: &file, text: &text, first_line: 2 };
    let front = if file_name(rel) != "_index.md" {
        Front::Page(Box::new(yaml::parse(&yaml_text, source)?))
    } else if rel == "_index.md" {
        Front::Home(Box::new(yaml::parse(&yaml_text, source)?))
    } else if is_report_dir(parent(rel), &yaml_text) {
        Front::Report(Box::new(yaml::parse(&yaml_text, source)?))
    } else {
        Front::Section(Box::new(yaml::parse(&yaml_text, source)?))
    };
    let images = markdown_refs::images(&text[body_offset..]);
    Ok(Parsed { rel: rel.to_owned(), text, front, body_start: body_offset, body_line, images })
}

/// A translation (`01-politics.en.md`) read and parsed.
#[derive(Debug, Clone)]
pub(super) struct Translation {
    pub rel: String,
    pub text: String,
    pub front: RawTranslation,
    pub body_start: usize,
    pub body_line: usize,
}

impl Translation {
    pub fn body(&self) -> super::Markdown {
        super::Markdown {
            text: self.text[self.body_start..].to_owned(),
            file: self.rel.clone(),
            first_line: self.body_line,
        }
    }
}

pub(super) fn parse_translation(content: &Path, rel: &str) -> Result<Translation, Diagnostic> {
    let Read { file, text, yaml_text, body_offset, body_line } = read(content, rel)?;
    let source = Source { file: &file, text: &text, first_line: 2 };
    let front: RawTranslation = yaml::parse(&yaml_text, source)?;
    if let Some((key, at)) = front.shared_key() {
        return Err(source
            .error_at(at, crate::tr!("content-translation-shared-key", key = key))
            .hint(crate::tr!("content-translation-shared-key-hint", key = key)));
    }
    Ok(Translation { rel: rel.to_owned(), text, front, body_start: body_offset, body_line })
}

/// A folder directly under `content/` is a report when its name is a year
/// or its `_index.md` says `year:`.
pub(super) fn is_report_dir(dir: &str, yaml_text: &str) -> bool {
    !dir.contains('/')
        && (is_year(dir).is_some()
            || yaml::parse::<front_matter::Peek>(
                yaml_text,
                Source { file: Path::new(""), text: "", first_line: 1 },
            )
            .is_ok_and(|p| p.year.is_some()))
}

#[cfg(test)]
mod tests {
    use super::super::loader::content_folder;
    use super::*;

    #[test]
    fn each_file_parses_as_its_kind() {
        let dir = content_folder(&[
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("2024/_index.md", "---\ntitle: Review\n---\nPreface.\n"),
            ("about/_index.md", "---\ntitle: About\n---\n"),
            ("2024/01-a.md", "---\ntitle: A\n---\n\n![alt](p.jpg \"caption\")\n"),
        ]);
        let kind = |rel: &str| match parse_markdown(dir.path(), rel).unwrap().front {
            Front::Home(_) => "home",
            Front::Report(_) => "report",
            Front::Section(_) => "section",
            Front::Page(_) => "page",
        };
        assert_eq!(kind("_index.md"), "home");
        assert_eq!(kind("2024/_index.md"), "report");
        assert_eq!(kind("about/_index.md"), "section");
        assert_eq!(kind("2024/01-a.md"), "page");
        let page = parse_markdown(dir.path(), "2024/01-a.md").unwrap();
        assert_eq!((page.body_line, page.images.len()), (4, 1));
        assert_eq!(&page.text[page.body_start..], "\n![alt](p.jpg \"caption\")\n");
    }

    #[test]
    fn a_file_that_is_not_utf8_is_an_error_at_its_first_bad_byte() {
        let dir = content_folder(&[]);
        std::fs::write(dir.path().join("a.md"), b"---\ntitle: A\n---\n\xff").unwrap();
        let d = parse_markdown(dir.path(), "a.md").err().unwrap();
        assert_eq!((d.line, d.column), (Some(4), Some(1)));
        assert!(d.message.contains("not valid UTF-8"), "{}", d.message);
    }
}
