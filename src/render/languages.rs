//! Where each page is in each of the site's languages: what the language
//! switcher and the `hreflang` links of a page point to. A page's *key* is
//! its site path without its language's prefix (`en/2024/politics/` and
//! `2024/politics/` are both `2024/politics/`).

use std::collections::HashSet;

use serde::Serialize;

use super::urls;

/// Every language's pages.
#[derive(Debug, Default)]
pub struct Alternates {
    /// The default language first.
    languages: Vec<Rendered>,
}

/// One language: its tag, its name as it writes it (`中文`, `English`),
/// its path prefix and the keys of the pages it renders.
#[derive(Debug)]
pub struct Rendered {
    pub tag: String,
    pub name: String,
    pub prefix: String,
    pub keys: HashSet<String>,
}

/// A language in a page's switcher.
#[derive(Debug, Clone, Serialize)]
pub struct Switch {
    pub lang: String,
    pub name: String,
    /// Relative to the page: the page in that language, or where it has no
    /// translation, the default language's page (or that language's home
    /// page, for a page only one language has, such as a tag's).
    pub url: String,
    /// The language of the page itself.
    pub current: bool,
    /// The page exists in that language (`url` is its translation).
    pub translated: bool,
}

/// A `<link rel="alternate" hreflang>`: the page in another language (or
/// `x-default`).
#[derive(Debug, Clone, Serialize)]
pub struct Hreflang {
    pub lang: String,
    pub url: String,
}

impl Rendered {
    /// A language and the site paths of the pages it renders.
    pub fn new(tag: String, name: String, prefix: String, paths: &[String]) -> Self {
        let keys = paths.iter().map(|p| p.strip_prefix(&prefix).unwrap_or(p).to_owned()).collect();
        Rendered { tag, name, prefix, keys }
    }
}

impl Alternates {
    /// Every language, the default one first.
    pub fn new(languages: Vec<Rendered>) -> Self {
        Alternates { languages }
    }

    /// The key of the page at `path` in `lang`: its path without the
    /// language's prefix.
    fn key<'p>(&self, path: &'p str, lang: &str) -> Option<&'p str> {
        let current = self.languages.iter().find(|l| l.tag == lang)?;
        Some(path.strip_prefix(&current.prefix).unwrap_or(path))
    }

    /// Whether the site has more than one language.
    pub fn several(&self) -> bool {
        self.languages.len() > 1
    }

    /// A page's switcher and `hreflang` links: the page at `path`, in
    /// language `lang`.
    pub fn of(&self, path: &str, lang: &str) -> (Vec<Switch>, Vec<Hreflang>) {
        if !self.several() {
            return (Vec::new(), Vec::new());
        }
        let root = urls::root_of(path);
        let Some(key) = self.key(path, lang) else {
            return (Vec::new(), Vec::new());
        };
        let default = &self.languages[0];
        let url = |target: &str| {
            if target.ends_with(".html") {
                urls::file(&root, target)
            } else {
                urls::page(&root, target)
            }
        };
        let switches = self
            .languages
            .iter()
            .map(|l| {
                let translated = l.keys.contains(key);
                let target = if translated {
                    format!("{}{key}", l.prefix)
                } else if default.keys.contains(key) {
                    key.to_owned()
                } else {
                    l.prefix.clone()
                };
                Switch {
                    lang: l.tag.clone(),
                    name: l.name.clone(),
                    url: url(&target),
                    current: l.tag == lang,
                    translated,
                }
            })
            .collect();
        let links = self
            .paths(path, lang)
            .into_iter()
            .map(|(lang, target)| Hreflang { lang, url: url(&target) })
            .collect();
        (switches, links)
    }

    /// The page at `path` in `lang` in every language that has it, as
    /// (tag, site path) with `x-default` (the default language's) where
    /// that has it; none where only one language has the page. The
    /// `hreflang` links of the page, and its sitemap alternates.
    pub fn paths(&self, path: &str, lang: &str) -> Vec<(String, String)> {
        let Some(key) = self.key(path, lang) else {
            return Vec::new();
        };
        let mut out: Vec<(String, String)> = self
            .languages
            .iter()
            .filter(|l| l.keys.contains(key))
            .map(|l| (l.tag.clone(), format!("{}{key}", l.prefix)))
            .collect();
        if out.len() < 2 {
            return Vec::new();
        }
        if self.languages[0].keys.contains(key) {
            out.push(("x-default".to_owned(), key.to_owned()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alternates() -> Alternates {
        let language = |tag: &str, name: &str, prefix: &str, paths: &[&str]| {
            let paths: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
            Rendered::new(tag.into(), name.into(), prefix.into(), &paths)
        };
        Alternates::new(vec![
            language("zh-CN", "中文", "", &["", "2024/", "2024/a/", "2024/b/", "tags/学习/"]),
            language("en", "English", "en/", &["en/", "en/2024/", "en/2024/a/", "en/tags/study/"]),
        ])
    }

    #[test]
    fn a_translated_page_links_both_ways() {
        let a = alternates();
        let (switch, links) = a.of("en/2024/a/", "en");
        assert_eq!(switch[0].url, "../../../2024/a/index.html");
        assert!(switch[0].translated && !switch[0].current);
        assert_eq!(switch[1].url, "../../../en/2024/a/index.html");
        assert!(switch[1].current);
        let links: Vec<(&str, &str)> =
            links.iter().map(|l| (l.lang.as_str(), l.url.as_str())).collect();
        assert_eq!(
            links,
            [
                ("zh-CN", "../../../2024/a/index.html"),
                ("en", "../../../en/2024/a/index.html"),
                ("x-default", "../../../2024/a/index.html")
            ]
        );
        let (_, back) = a.of("2024/a/", "zh-CN");
        assert_eq!(back[1].url, "../../en/2024/a/index.html");
    }

    #[test]
    fn an_untranslated_page_switches_to_the_default_page_or_the_home_page() {
        let a = alternates();
        let (switch, links) = a.of("2024/b/", "zh-CN");
        assert!(links.is_empty());
        assert!(!switch[1].translated);
        assert_eq!(switch[1].url, "../../2024/b/index.html");
        let (switch, _) = a.of("en/tags/study/", "en");
        assert_eq!(switch[0].url, "../../../index.html");
        assert!(!switch[0].translated);
        assert_eq!(a.paths("2024/a/", "zh-CN").len(), 3);
    }
}
