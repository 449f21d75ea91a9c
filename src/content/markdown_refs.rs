//! The photos a Markdown body shows, found before rendering so that every
//! photo is known (and measured) with the rest of the model.

use std::path::{Component, Path};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

#[derive(Clone)]
pub struct ImageRef {
    pub dest: String,
    pub title: String,
    pub alt: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// Options shared with the renderer so both passes see the same document.
pub fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The scheme of an absolute URL (`https`, `mailto`, `javascript`), lower
/// case; `None` for a relative one. As in a browser, leading controls and
/// spaces are dropped, and so are tabs and newlines inside the scheme.
pub fn url_scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.trim_start_matches(|c: char| c <= ' ').split_once(':')?;
    let scheme: String = scheme.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Is `dest` a file of this site rather than another site or a data URL?
pub fn is_local(dest: &str) -> bool {
    !(dest.is_empty() || dest.starts_with(['#', '/']) || url_scheme(dest).is_some())
}

pub fn images(body: &str) -> Vec<ImageRef> {
    // Every Markdown image starts `![`; most pages show none, and a
    // search is much cheaper than a parse.
    if !body.contains("![") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut current: Option<ImageRef> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                current = Some(ImageRef {
                    dest: dest_url.into_string(),
                    title: title.into_string(),
                    alt: String::new(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Image) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(img) = &mut current {
                    img.alt.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out.retain(|i| is_local(&i.dest));
    out
}

/// 1-based line and column (in characters) of a byte offset in `text`; an
/// offset inside a character counts as that character's start.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays, and
/// so does the whole text where the bytes it decodes to are not UTF-8.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_owned(), |decoded| decoded.into_owned())
}

/// Joins a relative `target` onto folder `base` (both relative to
/// `content/`, `/`-separated), resolving `.` and `..`; `None` where it would
/// climb out of `content/` or is absolute.
pub fn join_relative(base: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for c in Path::new(target).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_local_images_with_alt_and_title() {
        let refs = images("text\n\n![a *b*](x.jpg \"cap\")\n\n![](https://e.org/y.png)\n");
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].dest, "x.jpg");
        assert_eq!(refs[0].alt, "a b");
        assert_eq!(refs[0].title, "cap");
        assert_eq!(line_column("text\n\n![a", refs[0].offset), (3, 1));
    }

    #[test]
    fn an_offset_inside_a_character_counts_as_its_start() {
        assert_eq!(line_column("a\n活b", 3), (2, 1));
        assert_eq!(line_column("a\n活b", 5), (2, 2));
        assert_eq!(line_column("a", 9), (1, 2));
    }

    #[test]
    fn local_or_not() {
        assert!(is_local("photos/a.jpg"));
        assert!(is_local("../a b.jpg"));
        assert!(!is_local("https://x"));
        assert!(!is_local("mailto:a@b"));
        assert!(!is_local("/abs.jpg"));
        assert!(!is_local("#top"));
        assert!(!is_local(" java\tscript:alert(1)"));
        assert_eq!(url_scheme("JavaScript:x").as_deref(), Some("javascript"));
        assert_eq!(url_scheme("a/b:c.html"), None);
        assert_eq!(url_scheme("1a:b"), None);
        assert!(is_local("my photo:1.jpg"), "a space is no part of a scheme");
        assert_eq!(url_scheme("index.html"), None);
    }

    #[test]
    fn joins_and_decodes() {
        assert_eq!(
            join_relative("2024/a", "../photos/x.jpg").as_deref(),
            Some("2024/photos/x.jpg")
        );
        assert_eq!(join_relative("2024", "../../x.jpg"), None);
        assert_eq!(join_relative("", "/etc/passwd"), None);
        assert_eq!(percent_decode("%E6%96%87%E5%8F%B2"), "文史");
        assert_eq!(percent_decode("a%20b.jpg"), "a b.jpg");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn a_percent_before_a_character_stays() {
        // Found by the `markdown` fuzz target: the two bytes after `%` were
        // sliced as text, and `a` plus half of `活` is no text.
        assert_eq!(percent_decode("%a活.jpg"), "%a活.jpg");
        assert_eq!(percent_decode("%活"), "%活");
        // Only hex digits: a sign is not one.
        assert_eq!(percent_decode("%+1%-1"), "%+1%-1");
        assert_eq!(percent_decode("%e6%96%87"), "文");
    }
}
