//! What the stages of loading share: the `Loader` (the content folder, the
//! problems found so far, what was left out) and the path helpers for
//! paths relative to `content/`. It depends on no other stage.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::date::{Date, DateText};
use super::front_matter;
use super::markdown_refs::ImageRef;
use crate::diagnostic::{Diagnostic, nearest};
use crate::tr;
use crate::yaml::{self, Location, Source, Spanned};

pub(super) struct Loader<'a> {
    pub(super) content: &'a Path,
    pub(super) drafts: bool,
    pub(super) errors: Vec<Diagnostic>,
    /// Top-level folders holding a Markdown file that failed to parse:
    /// references to their chapters are not checked, as the chapter may
    /// be the one that failed, and the build fails anyway.
    pub(super) incomplete: HashSet<String>,
    /// Whether the report being assembled is one of `incomplete`.
    pub(super) quiet_refs: bool,
    /// Markdown files left out as drafts.
    pub(super) left_out: BTreeSet<String>,
    /// The photos each Markdown file's body shows, found while parsing (in
    /// parallel), by file.
    pub(super) images: HashMap<PathBuf, Vec<ImageRef>>,
}

impl<'a> Loader<'a> {
    /// A loader of the content folder `content` (an absolute path).
    pub(super) fn new(content: &'a Path, drafts: bool) -> Self {
        Loader {
            content,
            drafts,
            errors: Vec::new(),
            incomplete: HashSet::new(),
            quiet_refs: false,
            left_out: BTreeSet::new(),
            images: HashMap::new(),
        }
    }

    pub(super) fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// Records a problem at a position of a YAML source (front matter or a
    /// records file), with what would fix it.
    pub(super) fn error_at(
        &mut self,
        source: &Source<'_>,
        at: &Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.errors.push(source.error_at(at, message).hint(hint));
    }

    pub(super) fn date(
        &mut self,
        source: &Source<'_>,
        date: Option<Spanned<DateText>>,
    ) -> Option<Date> {
        let date = date?;
        match Date::parse(&date.value.0) {
            Ok(d) => Some(d),
            Err(m) => {
                self.errors
                    .push(source.error_at(&date.referenced, m).hint(tr!("content-date-hint")));
                None
            }
        }
    }

    /// A title's text; an empty one is an error (pages would show and
    /// link to nothing).
    pub(super) fn title(&mut self, source: &Source<'_>, title: Spanned<String>) -> String {
        if title.value.trim().is_empty() {
            self.error_at(
                source,
                &title.referenced,
                tr!("content-title-empty"),
                tr!("content-title-empty-hint"),
            );
        }
        title.value
    }

    pub(super) fn read_yaml_file(&mut self, rel: &str) -> Option<(PathBuf, String)> {
        let abs = self.content.join(rel);
        if !abs.exists() {
            return None;
        }
        let file = content_file(rel);
        match std::fs::read(&abs).map(String::from_utf8) {
            Ok(Ok(text)) => Some((file, front_matter::normalise(text))),
            Ok(Err(_)) => {
                self.error(
                    Diagnostic::new(file, tr!("content-not-utf8"))
                        .hint(tr!("content-not-utf8-save")),
                );
                None
            }
            Err(e) => {
                self.error(Diagnostic::new(
                    file,
                    tr!("content-file-unreadable", error = e.to_string()),
                ));
                None
            }
        }
    }

    /// A report's YAML list file (`records.yaml`, `stats.yaml`) read and
    /// parsed: its path, its text (for positions), the items that parse
    /// (each broken item's error is recorded) and the text of those that do
    /// not; `None` where there is no such file. `list_hint` says what the
    /// file is a list of, for an error about it not being one.
    pub(super) fn yaml_list<T: serde::de::DeserializeOwned>(
        &mut self,
        dir: &str,
        name: &str,
        list_hint: &str,
    ) -> Option<(PathBuf, String, Vec<T>, Vec<String>)> {
        let (file, text) = self.read_yaml_file(&join(dir, name))?;
        let source = Source { file: &file, text: &text, first_line: 1 };
        let yaml::Items { items, errors, failed } = yaml::parse_items(source);
        for d in errors {
            self.error(d.hint_if_list(list_hint));
        }
        Some((file, text, items, failed))
    }

    pub(super) fn chapter_ref(
        &mut self,
        source: &Source<'_>,
        chapter: Spanned<String>,
        chapters: &[String],
    ) -> Option<String> {
        if chapters.contains(&chapter.value) {
            return Some(chapter.value);
        }
        if self.quiet_refs {
            return None;
        }
        let hint = match nearest(&chapter.value, chapters.iter().map(String::as_str)) {
            Some(near) => tr!("yaml-did-you-mean", near = near),
            None => tr!("content-report-chapters", chapters = chapters.join(", ")),
        };
        self.error_at(
            source,
            &chapter.referenced,
            tr!("content-no-chapter-slug", slug = chapter.value.as_str()),
            hint,
        );
        None
    }
}

pub(super) fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

pub(super) fn file_name(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, name)| name)
}

/// `name` in folder `dir`, both `/`-separated site or content paths.
pub fn join(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() { name.to_owned() } else { format!("{dir}/{name}") }
}

/// The site-relative file of a content path, for messages.
pub(super) fn content_file(rel: &str) -> PathBuf {
    Path::new("content").join(rel)
}

impl Diagnostic {
    /// Adds `hint` to an error about the file not being a list.
    fn hint_if_list(self, hint: &str) -> Self {
        if self.hint.is_none() && self.message.contains("sequence") {
            self.hint(hint)
        } else {
            self
        }
    }
}

/// A content folder written for a test: `(path, text)` pairs.
#[cfg(test)]
pub(super) fn content_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("the folder");
        std::fs::write(file, text).expect("the file");
    }
    dir
}
