//! Relative URLs. Every link and asset reference in the output is relative
//! to the page that holds it and names `index.html` explicitly, so the same
//! `public/` works at a domain root, under any sub-path and from disk.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The way from a page at site path `path` (`2024/politics/`) back to the
/// site root: `../../`; empty for the home page.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.split('/').filter(|s| !s.is_empty()).count())
}

/// A link from a page whose root is `root` to the page at `path`.
pub fn page(root: &str, path: &str) -> String {
    format!("{root}{}index.html", encode_path(path))
}

/// A link to a file at site path `path`.
pub fn file(root: &str, path: &str) -> String {
    format!("{root}{}", encode_path(path))
}

/// What `encode_path` leaves as it is: letters, digits and the characters
/// a URL path may hold (RFC 3986 `pchar` and `/`).
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Percent-encodes what may not stand in a URL path; non-ASCII letters are
/// encoded as UTF-8 bytes, so Chinese file names work from disk.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("2024/"), "../");
        assert_eq!(root_of("2024/politics/"), "../../");
    }

    #[test]
    fn links_name_index_html_and_encode() {
        assert_eq!(page("../", "2024/politics/"), "../2024/politics/index.html");
        assert_eq!(page("", ""), "index.html");
        assert_eq!(file("../", "2024/a b.jpg"), "../2024/a%20b.jpg");
        assert_eq!(page("", "文史/"), "%E6%96%87%E5%8F%B2/index.html");
    }
}
