//! A report's YAML records: `records.yaml`, the chronicle of events (大事记),
//! read and checked (dates inside the report's year, chapters that exist),
//! and the reading of any of a report's YAML list files.

use super::Event;
use super::front_matter::RawEvent;
use super::loader::Loader;
use crate::tr;
use crate::yaml::Source;

impl Loader<'_> {
    pub(super) fn chronicle(
        &mut self,
        dir: &str,
        year: i32,
        chapters: &[String],
        report_path: &str,
    ) -> Vec<Event> {
        let Some((file, text, raw, _)) =
            self.yaml_list::<RawEvent>(dir, "records.yaml", &tr!("content-records-list-hint"))
        else {
            return Vec::new();
        };
        let source = Source { file: &file, text: &text, first_line: 1 };
        let mut events = Vec::new();
        for e in raw {
            let RawEvent {
                date,
                title,
                kind,
                chapter,
                end,
                participants,
                approx,
                place,
                summary,
                photos,
            } = e;
            let (referenced, defined) = (title.referenced, title.defined);
            let title = self.text(&source, title);
            let title = self.title(&source, crate::yaml::Spanned::new(title, referenced, defined));
            let place = self.text_opt(&source, place);
            let summary = self.text_opt(&source, summary);
            let location = date.referenced;
            let Some(date) = self.date(&source, Some(date)) else {
                continue;
            };
            let participants = match participants {
                Some(p) => match self.quantity(&source, p, "participants", false) {
                    Some(q) => q.one(),
                    None => continue,
                },
                None => None,
            };
            if approx.is_some() && participants.is_none() {
                self.error_at(
                    &source,
                    &location,
                    tr!("content-event-approx", title = title.as_str()),
                    tr!("content-event-approx-hint"),
                );
                continue;
            }
            let end = match end {
                Some(end) => {
                    let at = end.referenced;
                    match self.date(&source, Some(end)) {
                        Some(end) if end.day.is_none() || date.day.is_none() => {
                            self.error_at(
                                &source,
                                &at,
                                tr!(
                                    "content-event-end-days",
                                    end = end.to_string(),
                                    date = date.to_string()
                                ),
                                tr!("content-event-end-days-hint"),
                            );
                            continue;
                        }
                        Some(end) if end <= date => {
                            self.error_at(
                                &source,
                                &at,
                                tr!(
                                    "content-event-end-early",
                                    end = end.to_string(),
                                    date = date.to_string()
                                ),
                                tr!("content-event-end-early-hint"),
                            );
                            continue;
                        }
                        Some(end) => Some(end),
                        None => continue,
                    }
                }
                None => None,
            };
            if date.year != year {
                self.error_at(
                    &source,
                    &location,
                    tr!("content-event-year", date = date.to_string(), year = year),
                    tr!("content-event-year-hint", year = date.year),
                );
                continue;
            }
            let chapter = chapter.and_then(|c| self.chapter_ref(&source, c, chapters));
            let photos = photos
                .into_iter()
                .filter_map(|p| self.photo(&source, p, dir, None, report_path))
                .collect();
            events.push(Event {
                date,
                title,
                kind,
                chapter,
                end,
                participants,
                approx,
                place,
                summary,
                photos,
            });
        }
        events.sort_by_key(|a| a.date);
        events
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
