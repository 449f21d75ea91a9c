//! The taxonomy: every tag of reports, chapters and pages, with the pages
//! that carry it, for `/tags/` and `/tags/TAG/`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::urls;
use crate::content::{Page, Site};

/// A tag as a link.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

/// A tag with everything that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub items: Vec<TaggedItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaggedItem {
    pub title: String,
    pub url: String,
    pub year: Option<i32>,
    pub summary: Option<String>,
}

/// A tag's URL segment: its slug (`content::slugify`), or `tag`.
pub fn slug(tag: &str) -> String {
    let slug = crate::content::slugify(tag);
    if slug.is_empty() { "tag".to_owned() } else { slug }
}

/// A tag's link; `prefix` is its language's (`en/`, or empty).
pub fn link(tag: &str, prefix: &str) -> TagLink {
    TagLink { name: tag.to_owned(), url: urls::page("", &format!("{prefix}tags/{}/", slug(tag))) }
}

pub fn links(tags: &[String], prefix: &str) -> Vec<TagLink> {
    tags.iter().map(|t| link(t, prefix)).collect()
}

/// Every tag of the site in the language whose prefix is `prefix`, by
/// slug; items in site order (reports newest first, then sections and
/// pages). Pages without a translation are not in a translation's tags.
pub fn index(site: &Site, prefix: &str) -> Vec<TagView> {
    let mut by_slug: BTreeMap<String, TagView> = BTreeMap::new();
    let mut add = |tags: &[String], item: TaggedItem| {
        for tag in tags {
            let slug = slug(tag);
            let view = by_slug.entry(slug.clone()).or_insert_with(|| TagView {
                name: tag.clone(),
                url: urls::page("", &format!("{prefix}tags/{slug}/")),
                slug,
                items: Vec::new(),
            });
            if !view.items.iter().any(|i| i.url == item.url) {
                view.items.push(item.clone());
            }
        }
    };
    let page_item = |p: &Page, year: Option<i32>| TaggedItem {
        title: p.title.clone(),
        url: urls::page("", &p.path),
        year,
        summary: p.summary.clone(),
    };
    for r in &site.reports {
        if !r.untranslated {
            let item = TaggedItem {
                title: r.title.clone(),
                url: urls::page("", &r.path),
                year: Some(r.year),
                summary: r.summary.clone(),
            };
            add(&r.tags, item);
        }
        for c in r.chapters.iter().filter(|c| !c.untranslated) {
            add(&c.tags, page_item(c, Some(r.year)));
        }
    }
    for s in site.all_sections() {
        for p in s.pages.iter().filter(|p| !p.untranslated) {
            add(&p.tags, page_item(p, None));
        }
    }
    for p in site.pages.iter().filter(|p| !p.untranslated) {
        add(&p.tags, page_item(p, None));
    }
    by_slug.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_chinese_and_drop_url_characters() {
        assert_eq!(slug("人民政协"), "人民政协");
        assert_eq!(slug("Local History"), "local-history");
        assert_eq!(slug("a/b?c#d"), "abcd");
        assert_eq!(slug("  "), "tag");
    }
}
