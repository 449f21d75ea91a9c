//! What a table of contents shows of a chapter or page.

use serde::Serialize;

use super::urls;
use crate::content::{Date, Page};

/// A link to a chapter or page, with what a table of contents shows.
#[derive(Serialize, Clone)]
pub struct ChapterLink {
    pub title: String,
    pub number: Option<u32>,
    pub slug: String,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub url: String,
    /// A page with no translation in the language being shown: the link
    /// leads to the default language's page.
    pub untranslated: bool,
}

impl ChapterLink {
    pub fn new(p: &Page) -> Self {
        ChapterLink {
            title: p.title.clone(),
            number: p.number,
            slug: p.slug.clone(),
            summary: p.summary.clone(),
            date: p.date,
            url: urls::page("", &p.path),
            untranslated: p.untranslated,
        }
    }
}
