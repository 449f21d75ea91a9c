//! The site in another of its languages. It is the default language's site
//! assembled again with that language's text for YAML fields given by
//! language, then each page with a translation (`01-politics.en.md` beside
//! `01-politics.md`) takes that translation's title, summary and body and
//! moves under `/TAG/`. A page without one stays where it is, marked
//! `untranslated`: it is not rendered in the language, and links to it
//! reach the default language's page.

use std::collections::HashMap;

use super::loader::{Loader, content_file, parent};
use super::parse::Translation;
use super::tree::collect_links;
use super::{Archival, Home, Markdown, Page, Photo, Report, Section, Site};
use crate::yaml::Source;

/// The translations of one language, by the file they translate.
pub(super) type Translations = HashMap<String, Translation>;

impl Loader<'_> {
    /// Moves the translated pages of `site` (assembled in this loader's
    /// language) to their translation's text and under `/TAG/`.
    pub(super) fn translate(&mut self, site: &mut Site, translations: &Translations) {
        let prefix = format!("{}/", self.language);
        self.translate_home(&mut site.home, translations.get("_index.md"));
        for report in &mut site.reports {
            self.translate_report(report, translations, &prefix);
        }
        for section in &mut site.sections {
            self.translate_section(section, translations, &prefix);
        }
        for page in &mut site.pages {
            self.translate_page(page, translations, None, &prefix);
        }
        let mut links = collect_links(site);
        for (original, t) in translations {
            if let Some(path) = links.get(&t.rel).cloned() {
                links.insert(original.clone(), path);
            }
        }
        links.insert("_index.md".to_owned(), prefix);
        site.links = links;
    }

    fn translate_home(&mut self, home: &mut Home, translation: Option<&Translation>) {
        let Some(t) = translation else {
            // Without its own text the home page of a language lists its
            // reports under the site's title in that language.
            *home = Home::default();
            return;
        };
        let title = self.translated_title(t);
        home.title = Some(title);
        home.summary = t.front.summary.clone();
        extend(&mut home.extra, &t.front.extra);
        self.translate_body(t, &mut home.body, &mut home.photos, None, "");
    }

    fn translate_report(&mut self, report: &mut Report, translations: &Translations, prefix: &str) {
        let dir = report.dir().to_owned();
        match translations.get(&report.preface.file) {
            None => report.untranslated = true,
            Some(t) => {
                report.title = self.translated_title(t);
                report.subtitle = t.front.subtitle.clone();
                report.summary = t.front.summary.clone();
                report.author = t.front.author.clone().or(report.author.take());
                report.photo_credit = t.front.photo_credit.clone().or(report.photo_credit.take());
                if let Some(tags) = &t.front.tags {
                    report.tags = tags.clone();
                }
                extend(&mut report.extra, &t.front.extra);
                report.path = format!("{prefix}{}", report.path);
                let path = report.path.clone();
                self.translate_body(t, &mut report.preface, &mut report.photos, None, &path);
                for photo in report
                    .cover
                    .iter_mut()
                    .chain(report.chronicle.iter_mut().flat_map(|e| e.photos.iter_mut()))
                {
                    photo.page = path.clone();
                }
            }
        }
        for chapter in &mut report.chapters {
            self.translate_page(chapter, translations, Some(&dir), prefix);
        }
    }

    fn translate_section(
        &mut self,
        section: &mut Section,
        translations: &Translations,
        prefix: &str,
    ) {
        match translations.get(&section.body.file) {
            None => section.untranslated = true,
            Some(t) => {
                section.title = self.translated_title(t);
                section.summary = t.front.summary.clone();
                extend(&mut section.extra, &t.front.extra);
                section.path = format!("{prefix}{}", section.path);
                let path = section.path.clone();
                self.translate_body(t, &mut section.body, &mut section.photos, None, &path);
            }
        }
        for page in &mut section.pages {
            self.translate_page(page, translations, None, prefix);
        }
        for sub in &mut section.sections {
            self.translate_section(sub, translations, prefix);
        }
    }

    fn translate_page(
        &mut self,
        page: &mut Page,
        translations: &Translations,
        report_dir: Option<&str>,
        prefix: &str,
    ) {
        let Some(t) = translations.get(&page.body.file) else {
            page.untranslated = true;
            return;
        };
        page.title = self.translated_title(t);
        page.summary = t.front.summary.clone();
        if let Some(tags) = &t.front.tags {
            page.tags = tags.clone();
        }
        let front = &t.front;
        let Archival { creator, source, rights, place, subjects } = &mut page.archival;
        replace(creator, &front.creator);
        replace(source, &front.source);
        replace(rights, &front.rights);
        replace(place, &front.place);
        if let Some(s) = &front.subjects {
            *subjects = s.clone();
        }
        extend(&mut page.extra, &front.extra);
        page.path = format!("{prefix}{}", page.path);
        let path = page.path.clone();
        self.translate_body(t, &mut page.body, &mut page.photos, report_dir, &path);
    }

    /// A translation's title; an empty one is an error at its line.
    fn translated_title(&mut self, t: &Translation) -> String {
        let file = content_file(&t.rel);
        let source = Source { file: &file, text: &t.text, first_line: 2 };
        self.title(&source, t.front.title.clone())
    }

    /// Gives a page (at `page_path`) its translation's body, and the
    /// photos it shows: those its original's front matter lists (with
    /// their text in this language), then those the translated body shows,
    /// with the captions it gives them, found from the page's folder as the
    /// original's are.
    fn translate_body(
        &mut self,
        t: &Translation,
        body: &mut Markdown,
        photos: &mut Vec<Photo>,
        report_dir: Option<&str>,
        page_path: &str,
    ) {
        let original = std::mem::replace(body, t.body());
        let original_file = content_file(&original.file);
        photos.retain(|p| p.origin.file == original_file && p.origin.line < original.first_line);
        for photo in photos.iter_mut() {
            photo.page = page_path.to_owned();
        }
        self.body_photos(
            &content_file(&t.rel),
            &t.text,
            &body.text,
            body.first_line,
            parent(&original.file),
            report_dir,
            page_path,
            photos,
        );
    }
}

fn replace(field: &mut Option<String>, translated: &Option<String>) {
    if translated.is_some() {
        field.clone_from(translated);
    }
}

/// `extra` with the translation's keys over the original's.
fn extend(
    extra: &mut serde_json::Map<String, serde_json::Value>,
    translated: &Option<serde_json::Map<String, serde_json::Value>>,
) {
    if let Some(t) = translated {
        extra.extend(t.clone());
    }
}
