//! A report's YAML records: `records.yaml`, the chronicle of events (大事记),
//! read and checked (dates inside the report's year, chapters that exist),
//! and the reading of any of a report's YAML list files.

use std::path::PathBuf;

use super::Event;
use super::front_matter::{self, RawEvent};
use super::loader::Loader;
use super::loader::{content_file, join};
use crate::diagnostic::{Diagnostic, nearest};
use crate::yaml::{self, Source, Spanned};

impl Loader<'_> {
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
                    Diagnostic::new(file, "this file is not valid UTF-8 text")
                        .hint("save it as UTF-8"),
                );
                None
            }
            Err(e) => {
                self.error(Diagnostic::new(file, format!("cannot read this file: {e}")));
                None
            }
        }
    }

    /// A report's YAML list file (`records.yaml`, `stats.yaml`) read and
    /// parsed: its path, its text (for positions) and its items; `None`
    /// where there is no such file or it is broken (the error is recorded).
    pub(super) fn yaml_list<T: serde::de::DeserializeOwned>(
        &mut self,
        dir: &str,
        name: &str,
        what: &str,
    ) -> Option<(PathBuf, String, Vec<T>)> {
        let (file, text) = self.read_yaml_file(&join(dir, name))?;
        let source = Source { file: &file, text: &text, first_line: 1 };
        match yaml::parse(&text, source) {
            Ok(list) => Some((file, text, list)),
            Err(d) => {
                self.error(d.hint_if_list(&format!("{name} is a list of {what}")));
                None
            }
        }
    }

    pub(super) fn chronicle(
        &mut self,
        dir: &str,
        year: i32,
        chapters: &[String],
        report_path: &str,
    ) -> Vec<Event> {
        let Some((file, text, raw)) = self.yaml_list::<RawEvent>(
            dir,
            "records.yaml",
            "events, each starting with `- date: 2024-05-01`",
        ) else {
            return Vec::new();
        };
        let source = Source { file: &file, text: &text, first_line: 1 };
        let mut events = Vec::new();
        for e in raw {
            let RawEvent { date, title, kind, chapter, participants, place, summary, photos } = e;
            let title = self.title(&source, title);
            let location = date.referenced;
            let Some(date) = self.date(&source, Some(date)) else {
                continue;
            };
            if date.year != year {
                self.error_at(
                    &source,
                    &location,
                    format!("this event of {date} is not in the report's year {year}"),
                    format!(
                        "correct the date, or move the event to the records.yaml of {}",
                        date.year
                    ),
                );
                continue;
            }
            let chapter = chapter.and_then(|c| self.chapter_ref(&source, c, chapters));
            let photos = photos
                .into_iter()
                .filter_map(|p| self.photo(&source, p, dir, None, report_path))
                .collect();
            events.push(Event { date, title, kind, chapter, participants, place, summary, photos });
        }
        events.sort_by_key(|a| a.date);
        events
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
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the chapters of this report are: {}", chapters.join(", ")),
        };
        self.error_at(
            source,
            &chapter.referenced,
            format!("no chapter has the slug `{}`", chapter.value),
            hint,
        );
        None
    }
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

#[cfg(test)]
mod tests {
    use super::super::loader::content_folder;
    use super::*;

    #[test]
    fn the_chronicle_is_in_date_order_within_the_report_year() {
        let records = "- date: 2024-09-01\n  title: B\n- date: 2024-03\n  title: A\n  chapter: politics\n- date: 2023-12-01\n  title: Last year\n- date: 2024\n  title: C\n  chapter: nowhere\n";
        let dir = content_folder(&[("2024/records.yaml", records)]);
        let mut loader = Loader::new(dir.path(), false);
        let events = loader.chronicle("2024", 2024, &["politics".to_owned()], "2024/");
        let titles: Vec<&str> = events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["C", "A", "B"]);
        assert_eq!(events[1].chapter.as_deref(), Some("politics"));
        let messages: Vec<(usize, &str)> =
            loader.errors.iter().map(|d| (d.line.unwrap(), d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (6, "this event of 2023-12-01 is not in the report's year 2024"),
                (10, "no chapter has the slug `nowhere`")
            ]
        );
    }
}
