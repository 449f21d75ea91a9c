//! What the stages of loading share: the `Loader` (the content folder, the
//! problems found so far, what was left out) and the path helpers for
//! paths relative to `content/`. It depends on no other stage.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Languages;
use super::date::{Date, DateText};
use super::front_matter::{self, Text};
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
    /// The languages of the site, the default one first.
    pub(super) languages: Vec<String>,
    /// The language being loaded: text fields given by language
    /// (`label: {zh-CN: …, en: …}`) take its text.
    pub(super) language: String,
    /// What is worth saying but not an error: a text missing in the
    /// language being loaded.
    pub(super) notices: Vec<Diagnostic>,
}

impl<'a> Loader<'a> {
    /// A loader of the content folder `content` (an absolute path).
    #[cfg(test)]
    pub(super) fn new(content: &'a Path, drafts: bool) -> Self {
        Loader::in_language(content, drafts, &Languages::default(), None)
    }

    /// A loader of `content` in one of `languages` (`None`: the default
    /// one).
    pub(super) fn in_language(
        content: &'a Path,
        drafts: bool,
        languages: &Languages,
        language: Option<&str>,
    ) -> Self {
        Loader {
            languages: languages.all().map(str::to_owned).collect(),
            language: language.unwrap_or(&languages.default).to_owned(),
            notices: Vec::new(),
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

    /// A text field's text in the language being loaded. A text given by
    /// language falls back to the default language's (with a notice) where
    /// it lacks this one; a language the site does not have, or no text in
    /// the default language, is an error.
    pub(super) fn text(&mut self, source: &Source<'_>, text: Spanned<Text>) -> String {
        let texts = match text.value {
            Text::One(text) => return text,
            Text::ByLanguage(texts) => texts,
        };
        let at = &text.referenced;
        let mut by_language = std::collections::BTreeMap::new();
        // An empty text is a translation not written yet.
        for (language, text) in texts.into_iter().filter(|(_, t)| !t.trim().is_empty()) {
            match self.languages.iter().find(|l| l.eq_ignore_ascii_case(&language)) {
                Some(known) => {
                    by_language.insert(known.clone(), text);
                }
                None => self.error_at(
                    source,
                    at,
                    tr!("content-text-language-unknown", language = language.as_str()),
                    tr!(
                        "content-text-language-unknown-hint",
                        languages = self.languages.join(", ")
                    ),
                ),
            }
        }
        if let Some(text) = by_language.get(&self.language) {
            return text.clone();
        }
        let default = &self.languages[0];
        match by_language.get(default) {
            Some(text) => {
                let d = source.error_at(
                    at,
                    tr!(
                        "content-text-fallback",
                        language = self.language.as_str(),
                        default = default.as_str()
                    ),
                );
                self.notices.push(
                    d.hint(tr!("content-text-fallback-hint", language = self.language.as_str())),
                );
                text.clone()
            }
            None => {
                if self.language == *default {
                    self.error_at(
                        source,
                        at,
                        tr!("content-text-no-default", default = default.as_str()),
                        tr!("content-text-no-default-hint", default = default.as_str()),
                    );
                }
                by_language.into_values().next().unwrap_or_default()
            }
        }
    }

    /// A text field's text in the site's default language, quietly: the
    /// errors are `text`'s to report.
    pub(super) fn default_text(&self, text: &Text) -> String {
        match text {
            Text::One(text) => text.clone(),
            Text::ByLanguage(texts) => texts
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(&self.languages[0]))
                .or_else(|| texts.iter().next())
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
        }
    }

    /// An optional text field's text (see `text`).
    pub(super) fn text_opt(
        &mut self,
        source: &Source<'_>,
        text: Option<Spanned<Text>>,
    ) -> Option<String> {
        text.map(|t| self.text(source, t))
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
