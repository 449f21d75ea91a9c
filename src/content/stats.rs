//! A report's figures: those its chapters declare in their front matter and
//! those of its `stats.yaml`, each checked (key, value or derivation,
//! chapter) and, where derived, computed from the chronicle.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::front_matter::{RawStat, Scalar};
use super::loader::Loader;
use super::{Derivation, Event, Origin, Stat};
use crate::diagnostic::{Diagnostic, nearest};
use crate::yaml::{Source, Spanned};

/// Fields a derived stat may filter chronicle events on.
const FILTER_FIELDS: [&str; 4] = ["kind", "chapter", "place", "title"];

/// A page's stats, converted once the report's chapters and chronicle are
/// known; `text` is the page's file, for source lines in errors.
pub(super) struct PendingStats {
    pub text: String,
    pub stats: Vec<RawStat>,
}

/// A chapter's figures not yet checked: its file, its slug, its stats.
pub(super) type ChapterStats = (PathBuf, Option<String>, PendingStats);

impl Loader<'_> {
    /// A report's figures, in reading order (by chapter, then as each lists
    /// them, then those of `stats.yaml`), each key once.
    pub(super) fn report_stats(
        &mut self,
        dir: &str,
        chapters: Vec<ChapterStats>,
        chapter_slugs: &[String],
        chronicle: &[Event],
    ) -> Vec<Stat> {
        let mut stats = Vec::new();
        for (file, chapter, pending) in chapters {
            let source = Source { file: &file, text: &pending.text, first_line: 2 };
            for raw in pending.stats {
                if let Some(stat) =
                    self.stat(&source, raw, chapter.as_deref(), chapter_slugs, chronicle)
                {
                    stats.push(stat);
                }
            }
        }
        stats.extend(self.stats_file(dir, chapter_slugs, chronicle));
        let mut keys: HashMap<&str, &Origin> = HashMap::new();
        for s in &stats {
            match keys.get(s.key.as_str()) {
                Some(first) => self.error(
                    Diagnostic::new(
                        &s.origin.file,
                        format!("the stat key `{}` is used twice in this report", s.key),
                    )
                    .at(s.origin.line, s.origin.column)
                    .hint(format!(
                        "it is first declared at {}:{}; keys are unique within a report",
                        first.file.display(),
                        first.line
                    )),
                ),
                None => {
                    keys.insert(&s.key, &s.origin);
                }
            }
        }
        stats
    }
    pub(super) fn stats_file(
        &mut self,
        dir: &str,
        chapters: &[String],
        chronicle: &[Event],
    ) -> Vec<Stat> {
        let Some((file, text, raw)) = self.yaml_list::<RawStat>(
            dir,
            "stats.yaml",
            "figures, each starting with `- key: name`",
        ) else {
            return Vec::new();
        };
        let source = Source { file: &file, text: &text, first_line: 1 };
        raw.into_iter().filter_map(|s| self.stat(&source, s, None, chapters, chronicle)).collect()
    }

    pub(super) fn stat(
        &mut self,
        source: &Source<'_>,
        raw: RawStat,
        declared_in: Option<&str>,
        chapters: &[String],
        chronicle: &[Event],
    ) -> Option<Stat> {
        let RawStat {
            key,
            label,
            value,
            unit,
            approx,
            group,
            note,
            chapter,
            highlight,
            count,
            sum,
            filter,
        } = raw;
        let origin = Origin {
            file: source.file.to_path_buf(),
            line: key.referenced.line() as usize + source.first_line - 1,
            column: key.referenced.column() as usize,
        };
        if key.value.is_empty()
            || !key.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            self.error_at(
                source,
                &key.referenced,
                format!("the stat key `{}` may only use a-z, 0-9 and _", key.value),
                "for example `study_sessions`",
            );
            return None;
        }
        let chapter = match chapter {
            Some(c) => Some(self.chapter_ref(source, c, chapters)?),
            None => declared_in.map(str::to_owned),
        };
        let check_filter = |loader: &mut Self, f: &Spanned<BTreeMap<String, Scalar>>| -> bool {
            let mut ok = true;
            for field in f.value.keys() {
                if !FILTER_FIELDS.contains(&field.as_str()) {
                    let hint = match nearest(field, FILTER_FIELDS) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("events can be filtered on: {}", FILTER_FIELDS.join(", ")),
                    };
                    loader.error_at(
                        source,
                        &f.referenced,
                        format!("events have no field `{field}` to filter on"),
                        hint,
                    );
                    ok = false;
                }
            }
            ok
        };
        let derived = match (&value, count, sum, filter) {
            (Some(v), Some(_), _, _) | (Some(v), _, Some(_), _) => {
                self.error_at(source, &v.referenced, format!("the stat `{}` has both a `value` and a derivation", key.value), "keep `value:` for a typed figure, or `count:`/`sum:` to compute it from the chronicle, not both");
                return None;
            }
            (None, Some(c), Some(_), _) => {
                self.error_at(
                    source,
                    &c.referenced,
                    format!("the stat `{}` has both `count` and `sum`", key.value),
                    "choose one",
                );
                return None;
            }
            (_, Some(c), None, None) => {
                check_filter(self, &c).then_some(Derivation::Count { filter: c.value })?.into()
            }
            (_, Some(c), None, Some(w)) => {
                self.error_at(
                    source,
                    &w.referenced,
                    "`where` goes with `sum`; `count` takes its filter itself",
                    "write `count: {kind: visit}`",
                );
                let _ = c;
                return None;
            }
            (_, None, Some(field), filter) => {
                if field.value != "participants" {
                    self.error_at(
                        source,
                        &field.referenced,
                        format!("events have no number `{}` to sum", field.value),
                        "`sum: participants` is the number events carry",
                    );
                    return None;
                }
                let filter = match filter {
                    Some(f) => {
                        if !check_filter(self, &f) {
                            return None;
                        }
                        f.value
                    }
                    None => BTreeMap::new(),
                };
                Some(Derivation::Sum { field: field.value, filter })
            }
            (None, None, None, Some(w)) => {
                self.error_at(
                    source,
                    &w.referenced,
                    "`where` without `sum`",
                    "add `sum: participants`, or remove `where:`",
                );
                return None;
            }
            (Some(_), None, None, Some(w)) => {
                self.error_at(
                    source,
                    &w.referenced,
                    "`where` without `sum`",
                    "`where:` filters the events a `sum:` adds up",
                );
                return None;
            }
            (Some(_), None, None, None) => None,
            (None, None, None, None) => {
                self.error_at(source, &key.referenced, format!("the stat `{}` has no value", key.value), "add `value: 14`, or derive it from the chronicle with `count: {kind: ...}` or `sum: participants`");
                return None;
            }
        };
        let value = match &derived {
            None => value.map(|v| v.value).unwrap_or_default(),
            Some(d) => derive(d, chronicle),
        };
        if !value.is_finite() {
            self.error(source.error_at(
                &key.referenced,
                format!("the stat `{}` is not a finite number", key.value),
            ));
            return None;
        }
        Some(Stat {
            key: key.value,
            label,
            value,
            unit,
            approx,
            group,
            note,
            chapter,
            highlight,
            derived,
            origin,
        })
    }
}

/// Computes a derived stat from the report's chronicle.
fn derive(derivation: &Derivation, chronicle: &[Event]) -> f64 {
    match derivation {
        Derivation::Count { filter } => {
            chronicle.iter().filter(|e| matches(e, filter)).count() as f64
        }
        Derivation::Sum { filter, .. } => {
            let total: f64 = chronicle
                .iter()
                .filter(|e| matches(e, filter))
                .filter_map(|e| e.participants)
                .sum();
            // Without the binary noise of decimal arithmetic (`0.1 + 0.2`).
            (total * 1e9).round() / 1e9
        }
    }
}

/// Whether an event has every field value of `filter`; a number matches
/// the text that reads as it (`3` matches `3` and `3.0`).
fn matches(event: &Event, filter: &BTreeMap<String, Scalar>) -> bool {
    filter.iter().all(|(field, wanted)| {
        let have = match field.as_str() {
            "kind" => event.kind.as_deref(),
            "chapter" => event.chapter.as_deref(),
            "place" => event.place.as_deref(),
            "title" => Some(event.title.as_str()),
            _ => None,
        };
        match (have, wanted) {
            (Some(h), Scalar::Text(w)) => h == w,
            (Some(h), Scalar::Number(n)) => h.trim().parse::<f64>().is_ok_and(|h| h == *n),
            (Some(h), Scalar::Bool(b)) => h == b.to_string(),
            (None, _) => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Date;

    fn event(kind: &str, n: Option<f64>) -> Event {
        Event {
            date: Date::parse("2024-05").unwrap(),
            title: "t".into(),
            kind: Some(kind.into()),
            chapter: None,
            participants: n,
            place: None,
            summary: None,
            photos: vec![],
        }
    }

    #[test]
    fn derived_counts_and_sums() {
        let events = vec![
            event("visit", Some(40.0)),
            event("visit", Some(0.1)),
            event("consultation", Some(0.2)),
        ];
        let kind = |k: &str| BTreeMap::from([("kind".to_owned(), Scalar::Text(k.into()))]);
        assert_eq!(derive(&Derivation::Count { filter: kind("visit") }, &events), 2.0);
        let all = derive(
            &Derivation::Sum { field: "participants".into(), filter: BTreeMap::new() },
            &events,
        );
        assert_eq!(all, 40.3);
        let consultations =
            Derivation::Sum { field: "participants".into(), filter: kind("consultation") };
        assert_eq!(derive(&consultations, &events), 0.2);
    }

    #[test]
    fn a_number_in_a_filter_matches_the_text_that_reads_as_it() {
        let events = vec![event("3", None), event("3.0", None), event("30", None)];
        let three = BTreeMap::from([("kind".to_owned(), Scalar::Number(3.0))]);
        assert_eq!(derive(&Derivation::Count { filter: three }, &events), 2.0);
        let place = BTreeMap::from([("place".to_owned(), Scalar::Text("x".into()))]);
        assert_eq!(derive(&Derivation::Count { filter: place }, &events), 0.0);
    }

    #[test]
    fn each_figure_is_checked_and_a_key_is_used_once() {
        let stats = "- key: visits\n  label: Visits\n  count: {kind: visit}\n- key: both\n  label: Both\n  value: 3\n  count: {kind: visit}\n- key: Bad-Key\n  label: Bad\n  value: 1\n- key: visits\n  label: Again\n  value: 2\n- key: filtered\n  label: F\n  count: {knd: visit}\n";
        let records = "- date: 2024-05-01\n  title: A\n  kind: visit\n- date: 2024-06-01\n  title: B\n  kind: visit\n";
        let dir = crate::content::loader::content_folder(&[
            ("content/2024/_index.md", "---\ntitle: Review\n---\n"),
            ("content/2024/stats.yaml", stats),
            ("content/2024/records.yaml", records),
        ]);
        let (site, errors) = crate::content::load_partial(dir.path(), false);
        let visits = &site.reports[0].stats[0];
        assert_eq!((visits.key.as_str(), visits.value), ("visits", 2.0));
        let mut found: Vec<(usize, &str)> =
            errors.iter().map(|d| (d.line.unwrap(), d.message.as_str())).collect();
        found.sort();
        assert_eq!(
            found,
            [
                (6, "the stat `both` has both a `value` and a derivation"),
                (8, "the stat key `Bad-Key` may only use a-z, 0-9 and _"),
                (11, "the stat key `visits` is used twice in this report"),
                (16, "events have no field `knd` to filter on"),
            ]
        );
    }
}
