//! Search at archive scale: the index built here, split into files the
//! search page loads on demand with `<script>` elements, so search works
//! from `file://` (where browsers refuse `fetch`) as over HTTP, and a query
//! loads a few small files, not the whole index. Pagefind's layout, as
//! scripts:
//!
//! - `search/meta.js`: the shard count, the entries' count, kinds and
//!   years (the entries are numbered newest year first, so a year is a
//!   range of numbers);
//! - `search/s/HEX.js`: the shards, each term with the entries holding it
//!   (`index.rs`), a term in shard `hash(term) % shards` (`terms.rs`);
//! - `search/e/N.js`: the entries themselves, four a file: title, address,
//!   year, kind and text, loaded only for the results shown;
//! - `search/v/N.js`: traditional characters and their simplified forms,
//!   by character code modulo 16, loaded for the characters of a query.
//!
//! Entries are pages, and each figure, chronicle event and photo caption.

mod index;
pub mod terms;

pub use index::decode;

use std::io;

use rayon::prelude::*;
use serde::Serialize;

use crate::output::OutputFile;

/// One searchable entry: a page, a figure, an event or a photo.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// Title.
    pub t: String,
    /// Root-relative URL, with an `#anchor` for a figure, event or photo.
    pub u: String,
    /// Report year, where the entry belongs to a report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<i32>,
    /// What kind of entry, in the site's language.
    pub k: String,
    /// The text.
    pub b: String,
    /// A figure, event or caption, whose title is all it says: its title
    /// does not outrank a page's text.
    #[serde(skip)]
    pub item: bool,
}

/// Entries a file of `search/e/`.
const CHUNK: usize = 4;
/// The characters of an entry's text kept for its snippet.
const SNIPPET_SOURCE: usize = 1000;
/// What a shard should weigh, in bytes: a query of five terms loads about
/// five of them.
const SHARD_BYTES: usize = 16 * 1024;

/// The index's files, from every entry of the site in one language, under
/// `prefix` (`en/`, or empty for the default language).
pub fn files(docs: Vec<SearchDoc>, prefix: &str) -> Vec<OutputFile> {
    let mut files = index_files(docs);
    if !prefix.is_empty() {
        for file in &mut files {
            file.path = format!("{prefix}{}", file.path);
        }
    }
    files
}

fn index_files(mut docs: Vec<SearchDoc>) -> Vec<OutputFile> {
    // Newest year first, entries without a year last; otherwise as made.
    docs.sort_by_key(|d| std::cmp::Reverse(d.y.unwrap_or(i32::MIN)));
    let count = docs.len() as u32;
    let mut kinds: Vec<&str> = Vec::new();
    for d in &docs {
        if !kinds.contains(&d.k.as_str()) {
            kinds.push(&d.k);
        }
    }
    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let Some(y) = d.y else { continue };
        match years.last_mut() {
            Some(last) if last.0 == y => last.2 = i + 1,
            _ => years.push((y, i, i + 1)),
        }
    }

    let pairs: Vec<(&str, &str, bool)> =
        docs.iter().map(|d| (d.t.as_str(), d.b.as_str(), !d.item)).collect();
    let encoded: Vec<(String, String)> = index::invert(&pairs)
        .into_par_iter()
        .map(|(term, postings)| {
            let body = index::encode(&postings.body, count);
            let title = index::encode(&postings.title, count);
            let value = match (title.is_empty(), postings.often.is_empty()) {
                (true, true) => json(&body),
                (_, true) => format!("[{},{}]", json(&body), json(&title)),
                _ => {
                    let often = index::encode(&postings.often, count);
                    format!("[{},{},{}]", json(&body), json(&title), json(&often))
                }
            };
            (term, value)
        })
        .collect();
    let total: usize = encoded.iter().map(|(t, v)| t.len() + v.len() + 4).sum();
    let shards = (total / SHARD_BYTES).next_power_of_two().clamp(1, 4096);
    let mut by_shard: Vec<Vec<&(String, String)>> = vec![Vec::new(); shards];
    for pair in &encoded {
        by_shard[(terms::hash(&pair.0) as usize) % shards].push(pair);
    }
    let mut out: Vec<OutputFile> = by_shard
        .par_iter_mut()
        .enumerate()
        .map(|(i, terms)| {
            terms.sort();
            let body: Vec<String> =
                terms.iter().map(|(term, value)| format!("{}:{value}", json(term))).collect();
            let script = format!("annalsSearch.shard({i},{{{}}});\n", body.join(","));
            OutputFile::bytes(format!("search/s/{i:x}.js"), script.into_bytes())
        })
        .collect();

    out.par_extend(docs.par_chunks(CHUNK).enumerate().map(|(n, chunk)| {
        let rows: Vec<(&str, &str, Option<i32>, usize, &str)> = chunk
            .iter()
            .map(|d| {
                let kind = kinds.iter().position(|k| *k == d.k).unwrap_or(0);
                let end = d.b.char_indices().nth(SNIPPET_SOURCE).map_or(d.b.len(), |(i, _)| i);
                (d.t.as_str(), d.u.as_str(), d.y, kind, &d.b[..end])
            })
            .collect();
        script_file(&format!("search/e/{n}.js"), &format!("annalsSearch.entries({n},"), &rows)
    }));

    let mut variants = vec![String::new(); 16];
    for (t, s) in terms::variants() {
        let bucket = &mut variants[t as usize % 16];
        bucket.push(t);
        bucket.push(s);
    }
    for (n, pairs) in variants.iter().enumerate() {
        out.push(script_file(
            &format!("search/v/{n}.js"),
            &format!("annalsSearch.variants({n},"),
            pairs,
        ));
    }

    #[derive(Serialize)]
    struct Meta<'a> {
        shards: usize,
        chunk: usize,
        entries: u32,
        kinds: &'a [&'a str],
        /// Each year with the range of its entries' numbers.
        years: &'a [(i32, usize, usize)],
    }
    let meta = Meta { shards, chunk: CHUNK, entries: count, kinds: &kinds, years: &years };
    out.push(script_file("search/meta.js", "annalsSearch.meta(", &meta));
    out
}

/// A string as JSON.
fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// `PREFIX` + `value` as JSON + `);`: a script calling the search page's
/// `annalsSearch` with its data.
fn script_file(path: &str, prefix: &str, value: &impl Serialize) -> OutputFile {
    let mut out = prefix.as_bytes().to_vec();
    let mut json = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    value.serialize(&mut json).expect("search data serializes");
    out.extend_from_slice(b");\n");
    OutputFile::bytes(path, out)
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

    fn doc(title: &str, year: Option<i32>, text: &str) -> SearchDoc {
        SearchDoc {
            t: title.into(),
            u: "a/".into(),
            y: year,
            k: "章节".into(),
            b: text.into(),
            item: false,
        }
    }

    fn file(files: &[OutputFile], path: &str) -> String {
        let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
        match &f.content {
            crate::output::FileContent::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
            crate::output::FileContent::Copy(_) => unreachable!(),
        }
    }

    #[test]
    fn entries_newest_year_first_and_scripts_safe() {
        let docs = vec![
            doc("旧</script>", Some(2023), "葡萄酒"),
            doc("档案", None, "文史"),
            doc("新", Some(2024), "葡萄"),
            doc("新二", Some(2024), "酒"),
        ];
        let files = files(docs, "");
        let meta = file(&files, "search/meta.js");
        assert!(meta.contains("\"years\":[[2024,0,2],[2023,2,3]]"), "{meta}");
        assert!(meta.contains("\"shards\":1,\"chunk\":4,\"entries\":4"), "{meta}");
        let entries = file(&files, "search/e/0.js");
        assert!(
            entries.starts_with("annalsSearch.entries(0,[[\"新\",\"a/\",2024,0,\"葡萄\"]"),
            "{entries}"
        );
        assert!(entries.contains("旧<\\/script>"), "{entries}");
        let shard = file(&files, "search/s/0.js");
        // 葡萄 is in entries 0 (新) and 2 (旧): bits 0 and 2 of a bitmap,
        // shorter here than two gaps; 旧 only in entry 2, in its title.
        assert!(shard.contains("\"葡萄\":\"~F\""), "{shard}");
        assert!(shard.contains("\"旧\":[\"C\",\"C\"]"), "{shard}");
        assert!(file(&files, "search/v/0.js").starts_with("annalsSearch.variants(0,\""));
    }
}
