//! The search index: the text of every page, written as a script
//! (`search-index.js`) that the search page loads with a `<script>` tag, so
//! search works from `file://` too, where browsers refuse `fetch`. The
//! browser side (theme's `search.js`) indexes it with MiniSearch, splitting
//! Chinese into character bigrams so a word is found inside a longer run of
//! text.

use std::io;

use serde::Serialize;

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// Title.
    pub t: String,
    /// Root-relative URL.
    pub u: String,
    /// Report year, where the page belongs to a report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<i32>,
    /// What kind of page, in the site's language.
    pub k: String,
    /// The text.
    pub b: String,
}

pub fn index_script(docs: &[SearchDoc]) -> Vec<u8> {
    let mut out = b"window.ANNALS_SEARCH=".to_vec();
    let mut json = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    docs.serialize(&mut json).expect("search documents serialize");
    out.extend_from_slice(b";\n");
    out
}

/// JSON with `</` written `<\/` inside strings, so that the index stays
/// harmless were it ever inlined in a `<script>` element. (Only strings
/// can hold `<`; serde_json never splits `</` between two fragments, as it
/// splits only where it escapes.)
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // `find(char)` is a memchr, and `<` is rare in text.
        let bytes = fragment.as_bytes();
        let (mut written, mut from) = (0, 0);
        while let Some(i) = fragment[from..].find('<') {
            let at = from + i;
            if bytes.get(at + 1) == Some(&b'/') {
                writer.write_all(&bytes[written..=at])?;
                writer.write_all(b"\\")?;
                written = at + 1;
            }
            from = at + 1;
        }
        writer.write_all(&bytes[written..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_a_script() {
        let docs = vec![SearchDoc {
            t: "</script> a<b </p><".into(),
            u: "a/index.html".into(),
            y: Some(2024),
            k: "章节".into(),
            b: "x".into(),
        }];
        let js = String::from_utf8(index_script(&docs)).unwrap();
        assert!(js.starts_with("window.ANNALS_SEARCH=[{\"t\":\"<\\/script> a<b <\\/p><\""), "{js}");
    }
}
