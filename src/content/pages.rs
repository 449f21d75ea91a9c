//! Each kind of page made from its raw front matter: the home page, a
//! report (preface, cover, chapters, figures, chronicle), a plain section,
//! and a page (a chapter of a report or a page of a section), with their
//! titles, dates, slugs and URLs.

use std::collections::{BTreeSet, HashMap};

use super::front_matter::{RawHome, RawPage, RawPhoto, RawReport, RawSection, SortBy, Text};
use super::loader::Loader;
use super::loader::{content_file, file_name, parent};
use super::markdown_refs;
use super::slug::{number_prefix, slugify_name, stem, valid_slug};
use super::stats::PendingStats;
use super::{Archival, Home, Markdown, Page, Report, ReportPage, Section};
use crate::diagnostic::Diagnostic;
use crate::tr;
use crate::yaml::{Location, Source, Spanned};

impl Loader<'_> {
    pub(super) fn home(&mut self, raw: RawHome, body: Markdown, text: &str) -> Home {
        let file = content_file(&body.file);
        let source = Source { file: &file, text, first_line: 2 };
        let RawHome { title, summary, photos, extra } = raw;
        let title = self.title(&source, title);
        let photos = self.page_photos(&source, photos, &body, "", None, "");
        Home { title: Some(title), summary, photos, extra: extra.unwrap_or_default(), body }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn page(
        &mut self,
        rel: &str,
        home_dir: &str,
        raw: RawPage,
        text: &str,
        body_start: usize,
        body_line: usize,
        report: Option<(&str, i32)>,
    ) -> Option<(Page, PendingStats)> {
        if raw.draft && !self.drafts {
            self.left_out.insert(rel.to_owned());
            return None;
        }
        let file = content_file(rel);
        let source = Source { file: &file, text, first_line: 2 };
        let is_bundle = file_name(rel) == "index.md";
        let name = if is_bundle { file_name(parent(rel)) } else { stem(file_name(rel)) };
        let RawPage {
            title,
            number,
            weight,
            slug,
            summary,
            date,
            tags,
            draft,
            photos,
            stats,
            extra,
            creator,
            source: archival_source,
            rights,
            place,
            subjects,
        } = raw;
        let title = self.title(&source, title);
        let slug = match slug {
            Some(s) if valid_slug(&s.value) => s.value,
            Some(s) => {
                self.error_at(
                    &source,
                    &s.referenced,
                    tr!("content-bad-slug", slug = s.value.as_str()),
                    tr!("content-bad-slug-hint"),
                );
                return None;
            }
            None => {
                let s = slugify_name(name);
                if s.is_empty() {
                    self.error(
                        Diagnostic::new(&file, tr!("content-no-slug", name = name))
                            .hint(tr!("content-no-slug-hint")),
                    );
                    return None;
                }
                s
            }
        };
        let path = match report {
            Some((_, year)) => {
                if ReportPage::from_slug(&slug).is_some() {
                    self.error(
                        Diagnostic::new(
                            &file,
                            tr!("content-chapter-slug-reserved", slug = slug.as_str()),
                        )
                        .hint(tr!(
                            "content-chapter-slug-reserved-hint",
                            reserved = ReportPage::ALL.map(ReportPage::slug).join(", ")
                        )),
                    );
                    return None;
                }
                format!("{year}/{slug}/")
            }
            None => format!(
                "{}{slug}/",
                if home_dir.is_empty() { String::new() } else { format!("{home_dir}/") }
            ),
        };
        let number = number.or_else(|| number_prefix(name));
        let date = self.date(&source, date);
        let page_dir = parent(rel).to_owned();
        let report_dir = report.map(|(dir, _)| dir);
        let body_text = &text[body_start..];
        let mut photo_list = Vec::new();
        for p in photos {
            if let Some(photo) = self.photo(&source, p, &page_dir, report_dir, &path) {
                photo_list.push(photo);
            }
        }
        self.body_photos(
            &file,
            text,
            body_text,
            body_line,
            &page_dir,
            report_dir,
            &path,
            &mut photo_list,
        );
        Some((
            Page {
                title,
                path,
                slug,
                number,
                weight: weight.or(number.map(i64::from)).unwrap_or(i64::MAX),
                summary,
                date,
                tags,
                draft,
                photos: photo_list,
                archival: Archival { creator, source: archival_source, rights, place, subjects },
                extra: extra.unwrap_or_default(),
                untranslated: false,
                body: Markdown {
                    text: body_text.to_owned(),
                    file: rel.to_owned(),
                    first_line: body_line,
                },
            },
            PendingStats {
                text: if stats.is_empty() { String::new() } else { text.to_owned() },
                stats,
            },
        ))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn report(
        &mut self,
        dir: &str,
        year: i32,
        raw: RawReport,
        preface: Markdown,
        text: &str,
        chapters: Vec<(Page, PendingStats)>,
    ) -> Option<Report> {
        self.quiet_refs = self.incomplete.contains(dir);
        let file = content_file(&preface.file);
        let source = Source { file: &file, text, first_line: 2 };
        let RawReport {
            title,
            subtitle,
            year: _,
            date,
            author,
            summary,
            cover,
            photo_credit,
            tags,
            draft,
            photos,
            extra,
            stats,
        } = raw;
        let title = self.title(&source, title);
        if draft && !self.drafts {
            // A draft report takes its chapters with it.
            self.left_out.insert(preface.file.clone());
            self.left_out.extend(chapters.iter().map(|(c, _)| c.body.file.clone()));
            return None;
        }
        if let Some(stats) = stats {
            self.error_at(
                &source,
                &stats.referenced,
                tr!("content-report-stats"),
                tr!("content-report-stats-hint", dir = dir),
            );
        }
        let path = format!("{year}/");
        let date = self.date(&source, date);
        let photo_list = self.page_photos(&source, photos, &preface, dir, None, &path);
        let cover = cover.and_then(|c| {
            let existing = photo_list.iter().find(|p| {
                markdown_refs::join_relative(dir, &c.value).as_deref() == Some(p.path.as_str())
            });
            if let Some(p) = existing {
                return Some(p.clone());
            }
            let raw = RawPhoto {
                src: c,
                caption: None,
                alt: Some(Spanned::new(
                    Text::One(title.clone()),
                    Location::UNKNOWN,
                    Location::UNKNOWN,
                )),
                credit: None,
                date: None,
                place: None,
            };
            self.photo(&source, raw, dir, None, &path)
        });

        let mut chapter_pages = Vec::new();
        let mut raw_stats = Vec::new();
        for (page, pending) in chapters {
            let file = content_file(&page.body.file);
            raw_stats.push((file, Some(page.slug.clone()), pending));
            chapter_pages.push(page);
        }
        let chapters = self.finish_chapters(chapter_pages);
        let chapter_slugs: Vec<String> = chapters.iter().map(|c| c.slug.clone()).collect();
        // Figures in reading order: by chapter, then as each lists them.
        raw_stats.sort_by_key(|(_, slug, _)| {
            slug.as_ref().and_then(|s| chapter_slugs.iter().position(|c| c == s))
        });

        let chronicle = self.chronicle(dir, year, &chapter_slugs, &path);
        let (stats, unread_stats) = self.report_stats(dir, raw_stats, &chapter_slugs, &chronicle);
        Some(Report {
            year,
            title,
            path,
            subtitle,
            date,
            author,
            summary,
            cover,
            photo_credit,
            tags,
            draft,
            photos: photo_list,
            extra: extra.unwrap_or_default(),
            untranslated: false,
            chapters,
            stats,
            unread_stats,
            chronicle,
            preface,
        })
    }

    pub(super) fn section(
        &mut self,
        dir: &str,
        raw: RawSection,
        body: Markdown,
        text: &str,
        pages: Vec<(Page, PendingStats)>,
        sections: Vec<Section>,
    ) -> Option<Section> {
        let file = content_file(&body.file);
        let source = Source { file: &file, text, first_line: 2 };
        let RawSection { title, summary, weight, sort_by, paginate_by, draft, photos, extra } = raw;
        let title = self.title(&source, title);
        if draft && !self.drafts {
            // A draft section takes its pages and sections with it.
            fn files(s: &Section, out: &mut BTreeSet<String>) {
                out.insert(s.body.file.clone());
                out.extend(s.pages.iter().map(|p| p.body.file.clone()));
                s.sections.iter().for_each(|sub| files(sub, out));
            }
            self.left_out.insert(body.file.clone());
            self.left_out.extend(pages.iter().map(|(p, _)| p.body.file.clone()));
            sections.iter().for_each(|sub| files(sub, &mut self.left_out));
            return None;
        }
        let path = format!("{dir}/");
        let photos = self.page_photos(&source, photos, &body, dir, None, &path);
        let pages = self.no_stats(pages);
        let sort_by = sort_by.unwrap_or(SortBy::Weight);
        let paginate_by = match paginate_by {
            Some(p) if p.value == 0 => {
                self.error_at(
                    &source,
                    &p.referenced,
                    tr!("content-paginate-zero"),
                    tr!("content-paginate-zero-hint"),
                );
                50
            }
            Some(p) => p.value,
            None => 50,
        };
        Some(Section {
            title,
            path,
            summary,
            weight: weight.unwrap_or(0),
            sort_by,
            paginate_by,
            photos,
            extra: extra.unwrap_or_default(),
            untranslated: false,
            pages: self.finish_pages(pages, sort_by),
            sections,
            body,
        })
    }

    /// Orders chapters by weight, number, slug and rejects two with one number.
    pub(super) fn finish_chapters(&mut self, mut chapters: Vec<Page>) -> Vec<Page> {
        chapters.sort_by(|a, b| {
            a.weight.cmp(&b.weight).then(a.number.cmp(&b.number)).then_with(|| a.slug.cmp(&b.slug))
        });
        let mut numbers: HashMap<u32, &str> = HashMap::new();
        let mut errors = Vec::new();
        for c in &chapters {
            if let Some(n) = c.number
                && let Some(other) = numbers.insert(n, &c.body.file)
            {
                errors.push(
                    Diagnostic::new(
                        content_file(&c.body.file),
                        tr!("content-chapter-number-twice", number = n, other = other),
                    )
                    .hint(tr!("content-chapter-number-twice-hint")),
                );
            }
        }
        self.errors.extend(errors);
        chapters
    }

    /// Pages outside reports: stats there are an error.
    pub(super) fn no_stats(&mut self, pages: Vec<(Page, PendingStats)>) -> Vec<Page> {
        let mut list = Vec::with_capacity(pages.len());
        for (page, pending) in pages {
            if let Some(first) = pending.stats.first() {
                self.error(
                    Diagnostic::new(content_file(&page.body.file), tr!("content-page-stats"))
                        .at_line(first.key.referenced.line() as usize + 1)
                        .hint(tr!("content-page-stats-hint")),
                );
            }
            list.push(page);
        }
        list
    }

    pub(super) fn finish_pages(&mut self, mut pages: Vec<Page>, sort_by: SortBy) -> Vec<Page> {
        match sort_by {
            SortBy::Date => {
                pages.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)))
            }
            SortBy::Weight => pages.sort_by(|a, b| {
                a.weight
                    .cmp(&b.weight)
                    .then(a.number.cmp(&b.number))
                    .then_with(|| a.slug.cmp(&b.slug))
            }),
            SortBy::Title => {
                pages.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.slug.cmp(&b.slug)))
            }
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::super::loader::content_folder;
    use crate::content::load_partial;

    #[test]
    fn a_page_takes_its_number_and_slug_from_its_name_and_drafts_stay_out() {
        let dir = content_folder(&[
            ("content/2024/_index.md", "---\ntitle: Review\n---\n"),
            ("content/2024/03-youth work.md", "---\ntitle: Youth\n---\n"),
            ("content/2024/04-d.md", "---\ntitle: Draft\ndraft: true\n---\n"),
            ("content/2024/05-stats.md", "---\ntitle: Figures\n---\n"),
            ("content/2024/06-e.md", "---\ntitle: E\nslug: a/b\n---\n"),
        ]);
        let (site, errors) = load_partial(dir.path(), false, &Default::default());
        let youth = &site.reports[0].chapters[0];
        assert_eq!((youth.number, youth.slug.as_str()), (Some(3), "youth-work"));
        assert_eq!(youth.path, "2024/youth-work/");
        assert_eq!(site.reports[0].chapters.len(), 1);
        assert!(site.drafts.contains("2024/04-d.md"));
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the chapter slug `stats` is taken by the report's own stats page",
                "`a/b` cannot be a slug"
            ]
        );
        let (with_drafts, _) = load_partial(dir.path(), true, &Default::default());
        assert!(with_drafts.reports[0].chapters.iter().any(|c| c.title == "Draft"));
    }
}
