//! A report's figures: those its chapters declare in their front matter and
//! those of its `stats.yaml`, each checked (key, value or derivation,
//! chapter) and, where derived, computed from the chronicle.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::front_matter::{RawStat, RawValue, Scalar, Text};
use super::loader::Loader;
use super::{Approx, Derivation, Event, Number, Origin, Period, Quantity, Scale, Stat, Written};
use crate::diagnostic::{Diagnostic, nearest};
use crate::tr;
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
    /// them, then those of `stats.yaml`), each key once; and the keys of
    /// those that could not be read (their error is recorded), so that text
    /// citing them gets no second error.
    pub(super) fn report_stats(
        &mut self,
        dir: &str,
        chapters: Vec<ChapterStats>,
        chapter_slugs: &[String],
        chronicle: &[Event],
    ) -> (Vec<Stat>, Vec<String>) {
        let mut stats = Vec::new();
        let mut unread = Vec::new();
        // Each figure checked, or its key kept as one that could not be read.
        let mut read =
            |loader: &mut Self, source: &Source<'_>, raws: Vec<RawStat>, chapter: Option<&str>| {
                for raw in raws {
                    let key = raw.key.value.clone();
                    match loader.stat(source, raw, chapter, chapter_slugs, chronicle) {
                        Some(stat) => stats.push(stat),
                        None => unread.push(key),
                    }
                }
            };
        for (file, chapter, pending) in chapters {
            let source = Source { file: &file, text: &pending.text, first_line: 2 };
            read(self, &source, pending.stats, chapter.as_deref());
        }
        if let Some((file, text, raw, failed)) =
            self.yaml_list::<RawStat>(dir, "stats.yaml", &tr!("content-stats-list-hint"))
        {
            let source = Source { file: &file, text: &text, first_line: 1 };
            read(self, &source, raw, None);
            unread.extend(failed.iter().filter_map(|item| declared_key(item)));
        }
        let mut keys: HashMap<&str, &Origin> = HashMap::new();
        for s in &stats {
            match keys.get(s.key.as_str()) {
                Some(first) => self.error(
                    Diagnostic::new(
                        &s.origin.file,
                        tr!("content-stat-key-twice", key = s.key.as_str()),
                    )
                    .at(s.origin.line, s.origin.column)
                    .hint(tr!(
                        "content-stat-key-twice-hint",
                        file = first.file.display().to_string(),
                        line = first.line
                    )),
                ),
                None => {
                    keys.insert(&s.key, &s.origin);
                }
            }
        }
        (stats, unread)
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
            scale,
            approx,
            per,
            period,
            previous_key,
            group,
            note,
            chapter,
            highlight,
            table_only,
            count,
            sum,
            filter,
        } = raw;
        let base_unit = unit.as_ref().map(|u| self.default_text(&u.value));
        // The 万 is read from the default language's unit: one only in a
        // translated unit would be lost, and the translation show a number
        // 10,000 times too small.
        if let (Some(u), Some(base), None) = (&unit, &base_unit, scale)
            && let Text::ByLanguage(texts) = &u.value
            && Scale::split_unit(base).0.is_none()
            && let Some((language, text)) =
                texts.iter().find(|(_, t)| Scale::split_unit(t).0.is_some())
        {
            self.error_at(
                source,
                &u.referenced,
                tr!(
                    "content-stat-scale-translated",
                    language = language.as_str(),
                    unit = text.as_str()
                ),
                tr!("content-stat-scale-translated-hint", default = self.languages[0].as_str()),
            );
            return None;
        }
        let label = self.text(source, label);
        let unit = self.text_opt(source, unit);
        let group = self.text_opt(source, group);
        let note = self.text_opt(source, note);
        let origin = Origin {
            file: source.file.to_path_buf(),
            line: key.referenced.line() as usize + source.first_line - 1,
            column: key.referenced.column() as usize,
        };
        if !self.stat_key(source, &key) {
            return None;
        }
        if let Some(previous) = &previous_key
            && !self.stat_key(source, previous)
        {
            return None;
        }
        let period = match period {
            Some(p) => match Period::parse(&p.value) {
                Some(period) => Some(period),
                None => {
                    self.error_at(
                        source,
                        &p.referenced,
                        tr!("content-stat-period", period = p.value.as_str()),
                        tr!("content-stat-period-hint"),
                    );
                    return None;
                }
            },
            None => None,
        };
        if let (Some(scale), Some(unit)) = (scale, &base_unit)
            && let (Some(_), rest) = Scale::split_unit(unit)
        {
            self.error_at(
                source,
                &key.referenced,
                tr!(
                    "content-stat-scale-twice",
                    key = key.value.as_str(),
                    scale = scale.symbol(),
                    unit = unit.as_str()
                ),
                tr!("content-stat-scale-twice-hint", rest = rest, unit = unit.as_str()),
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
                        Some(near) => tr!("yaml-did-you-mean", near = near),
                        None => tr!("content-filter-fields", fields = FILTER_FIELDS.join(", ")),
                    };
                    loader.error_at(
                        source,
                        &f.referenced,
                        tr!("content-filter-unknown", field = field.as_str()),
                        hint,
                    );
                    ok = false;
                }
            }
            ok
        };
        let derived = match (&value, count, sum, filter) {
            (Some(v), Some(_), _, _) | (Some(v), _, Some(_), _) => {
                self.error_at(
                    source,
                    &v.referenced,
                    tr!("content-stat-value-and-derived", key = key.value.as_str()),
                    tr!("content-stat-value-and-derived-hint"),
                );
                return None;
            }
            (None, Some(c), Some(_), _) => {
                self.error_at(
                    source,
                    &c.referenced,
                    tr!("content-stat-count-and-sum", key = key.value.as_str()),
                    tr!("content-stat-count-and-sum-hint"),
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
                    tr!("content-stat-where-count"),
                    tr!("content-stat-where-count-hint"),
                );
                let _ = c;
                return None;
            }
            (_, None, Some(field), filter) => {
                if field.value != "participants" {
                    self.error_at(
                        source,
                        &field.referenced,
                        tr!("content-stat-sum-field", field = field.value.as_str()),
                        tr!("content-stat-sum-field-hint"),
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
                    tr!("content-stat-where-alone"),
                    tr!("content-stat-where-alone-hint"),
                );
                return None;
            }
            (Some(_), None, None, Some(w)) => {
                self.error_at(
                    source,
                    &w.referenced,
                    tr!("content-stat-where-alone"),
                    tr!("content-stat-where-value-hint"),
                );
                return None;
            }
            (Some(_), None, None, None) => None,
            (None, None, None, None) => {
                self.error_at(
                    source,
                    &key.referenced,
                    tr!("content-stat-no-value", key = key.value.as_str()),
                    tr!("content-stat-no-value-hint"),
                );
                return None;
            }
        };
        let (quantity, approx) = match (&derived, value) {
            (Some(d), _) => {
                let (value, events_approx) = derive(d, chronicle);
                (Quantity::One(Number::computed(value)), approx.or(events_approx))
            }
            (None, Some(v)) => (self.quantity(source, v, "value", true)?, approx),
            (None, None) => return None,
        };
        Some(Stat {
            key: key.value,
            label,
            quantity,
            unit,
            base_unit,
            scale,
            approx,
            per,
            period,
            previous_key: previous_key.map(|k| k.value),
            group,
            note,
            chapter,
            highlight: highlight.on,
            rank: highlight.rank,
            table_only,
            derived,
            origin,
        })
    }

    /// Whether `key` is a stat key: `[a-z0-9_]+`; if not, says so.
    fn stat_key(&mut self, source: &Source<'_>, key: &Spanned<String>) -> bool {
        let ok = !key.value.is_empty()
            && key.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.error_at(
                source,
                &key.referenced,
                tr!("content-stat-key-chars", key = key.value.as_str()),
                tr!("content-stat-key-chars-hint"),
            );
        }
        ok
    }

    /// A `value:` (or an event's `participants:`) as a quantity, with the
    /// decimals the file wrote; text that is not a number is an error that
    /// says how to write the figure in fields.
    pub(super) fn quantity(
        &mut self,
        source: &Source<'_>,
        raw: Spanned<RawValue>,
        field: &str,
        ranges: bool,
    ) -> Option<Quantity> {
        let at = &raw.referenced;
        let number = |loader: &mut Self, text: &str| -> Option<Number> {
            let parsed = Number::parse(text);
            if parsed.is_none() {
                let hint = match Written::read(text) {
                    Some(w) if field == "value" => {
                        tr!("content-number-write-fields", fields = w.fields())
                    }
                    Some(w) => match (w.quantity, w.approx) {
                        (Quantity::One(n), Some(a)) => tr!(
                            "content-number-write-approx",
                            field = field,
                            number = n.digits(),
                            approx = a.name()
                        ),
                        (Quantity::One(n), None) => {
                            tr!("content-number-write", field = field, number = n.digits())
                        }
                        (Quantity::Range(..), _) => tr!("content-number-not-range", field = field),
                    },
                    None => tr!("content-number-digits"),
                };
                loader.error_at(
                    source,
                    at,
                    tr!("content-not-a-number", field = field, text = text),
                    hint,
                );
            }
            parsed
        };
        match raw.value {
            RawValue::Number(v) => {
                let written = source.scalar_text(at).and_then(Number::parse);
                let number = written.filter(|n| n.value == v);
                Some(Quantity::One(number.unwrap_or_else(|| Number::computed(v))))
            }
            RawValue::Text(text) => number(self, &text).map(Quantity::One),
            RawValue::List(items) if ranges && items.len() == 2 => {
                let from = number(self, &items[0])?;
                let to = number(self, &items[1])?;
                if from.value >= to.value {
                    self.error_at(
                        source,
                        at,
                        tr!("content-range-down", from = items[0].as_str(), to = items[1].as_str()),
                        tr!("content-range-down-hint"),
                    );
                    return None;
                }
                Some(Quantity::Range(from, to))
            }
            RawValue::List(items) => {
                let hint = if ranges {
                    tr!("content-list-range-hint")
                } else {
                    tr!("content-list-one-hint")
                };
                self.error_at(
                    source,
                    at,
                    tr!("content-list-value", field = field, count = items.len()),
                    hint,
                );
                None
            }
        }
    }
}

/// The `key:` an item of stats.yaml that could not be parsed declares.
fn declared_key(item: &str) -> Option<String> {
    item.lines().find_map(|line| {
        let rest = line.trim_start_matches(['-', ' ']).strip_prefix("key:")?;
        let key = rest.split('#').next()?.trim().trim_matches(['"', '\'']);
        (!key.is_empty()).then(|| key.to_owned())
    })
}

/// Computes a derived stat from the report's chronicle, and how
/// approximate it is: a sum of `140余` and `300` is `440余`; of figures
/// approximate in different ways, about.
fn derive(derivation: &Derivation, chronicle: &[Event]) -> (f64, Option<Approx>) {
    match derivation {
        Derivation::Count { filter } => {
            (chronicle.iter().filter(|e| matches(e, filter)).count() as f64, None)
        }
        Derivation::Sum { filter, .. } => {
            let summed: Vec<&Event> = chronicle
                .iter()
                .filter(|e| matches(e, filter))
                .filter(|e| e.participants.is_some())
                .collect();
            let total: f64 = summed.iter().filter_map(|e| e.participants).sum();
            let mut approx = summed.iter().filter_map(|e| e.approx);
            let first = approx.next();
            let approx = first.map(|a| if approx.all(|b| b == a) { a } else { Approx::About });
            // Without the binary noise of decimal arithmetic (`0.1 + 0.2`).
            ((total * 1e9).round() / 1e9, approx)
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
            end: None,
            participants: n,
            approx: None,
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
        assert_eq!(derive(&Derivation::Count { filter: kind("visit") }, &events), (2.0, None));
        let all = derive(
            &Derivation::Sum { field: "participants".into(), filter: BTreeMap::new() },
            &events,
        );
        assert_eq!(all, (40.3, None));
        let consultations =
            Derivation::Sum { field: "participants".into(), filter: kind("consultation") };
        assert_eq!(derive(&consultations, &events), (0.2, None));
    }

    #[test]
    fn a_number_in_a_filter_matches_the_text_that_reads_as_it() {
        let events = vec![event("3", None), event("3.0", None), event("30", None)];
        let three = BTreeMap::from([("kind".to_owned(), Scalar::Number(3.0))]);
        assert_eq!(derive(&Derivation::Count { filter: three }, &events).0, 2.0);
        let place = BTreeMap::from([("place".to_owned(), Scalar::Text("x".into()))]);
        assert_eq!(derive(&Derivation::Count { filter: place }, &events).0, 0.0);
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
        let (site, errors) = crate::content::load_partial(dir.path(), false, &Default::default());
        let visits = &site.reports[0].stats[0];
        assert_eq!((visits.key.as_str(), visits.quantity.one()), ("visits", Some(2.0)));
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
