//! Text as search terms, exactly as the search page's script makes them
//! from a query (themes/default/static/assets/search.js; a change here is
//! a change there): NFKC (full-width `１４` and `ＡＢＣ` as `14` and `abc`),
//! lower case, traditional characters as simplified (`會議` as `会议`),
//! Chinese, Japanese and Korean runs as single characters and pairs (a
//! word is then found inside a longer run), other runs as words with a
//! simple English stemming (`villages` as `village`).

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Whether `c` is written without spaces between words (searched by pairs).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}')
}

/// Traditional characters and the simplified ones they are searched as,
/// from zhconv's conversion tables (MediaWiki's), character by character.
pub fn variants() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        let mut buf = [0u8; 4];
        for c in ('\u{3400}'..='\u{4dbf}').chain('\u{4e00}'..='\u{9fff}') {
            let simplified = zhconv::zhconv(c.encode_utf8(&mut buf), zhconv::Variant::ZhHans);
            let mut chars = simplified.chars();
            if let (Some(s), None) = (chars.next(), chars.next())
                && s != c
            {
                map.insert(c, s);
            }
        }
        map
    })
}

/// One character as it is searched: lower case, simplified, NFKC (only
/// where NFKC changes something: ASCII and unified ideographs never do).
fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if ('\u{3400}'..='\u{9fff}').contains(&c) {
        out.push(variants().get(&c).copied().unwrap_or(c));
    } else {
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                out.push(variants().get(&l).copied().unwrap_or(l));
            }
        }
    }
}

/// `text` as it is searched.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_normalized(c, &mut out);
    }
    out
}

/// The terms of a text, in order, with repeats: each character of a CJK
/// run and each pair of neighbours, each word stemmed. `emit` is called
/// with each term.
pub fn index_terms(text: &str, mut emit: impl FnMut(&str)) {
    let text = normalize(text);
    let mut word = String::new();
    let mut previous: Option<char> = None;
    let mut pair = String::with_capacity(8);
    let mut one = [0u8; 4];
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut emit);
            emit(c.encode_utf8(&mut one));
            if let Some(p) = previous {
                pair.clear();
                pair.push(p);
                pair.push(c);
                emit(&pair);
            }
            previous = Some(c);
        } else {
            previous = None;
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush_word(&mut word, &mut emit);
            }
        }
    }
    flush_word(&mut word, &mut emit);
}

fn flush_word(word: &mut String, emit: &mut impl FnMut(&str)) {
    if !word.is_empty() {
        emit(stem(word));
        word.clear();
    }
}

/// The terms a query looks up: a CJK run of one character as itself, a
/// longer one as every other pair and the last (`葡萄酒产业` → 葡萄, 酒产,
/// 业 is covered by 产业), words stemmed. The pairs between are checked in
/// the results' text.
#[cfg(test)]
pub fn query_terms(query: &str) -> Vec<String> {
    let text = normalize(query);
    let mut terms: Vec<String> = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_run = |run: &mut Vec<char>, terms: &mut Vec<String>| {
        match run.len() {
            0 => {}
            1 => terms.push(run[0].to_string()),
            n => {
                let mut i = 0;
                while i + 1 < n {
                    terms.push(run[i..i + 2].iter().collect());
                    i += 2;
                }
                if n % 2 == 1 {
                    terms.push(run[n - 2..].iter().collect());
                }
            }
        }
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                terms.push(stem(&word).to_owned());
                word.clear();
            }
            run.push(c);
        } else {
            flush_run(&mut run, &mut terms);
            if c.is_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                terms.push(stem(&word).to_owned());
                word.clear();
            }
        }
    }
    flush_run(&mut run, &mut terms);
    if !word.is_empty() {
        terms.push(stem(&word).to_owned());
    }
    terms.sort();
    terms.dedup();
    terms
}

/// A simple English stemming, the same in the page's script: plurals
/// (`villages`, `activities`, `boxes`), then `-ing` and `-ed`, where at
/// least three letters remain. Not Porter's: just enough that a plural and
/// a past tense find their word.
pub fn stem(word: &str) -> &str {
    if !word.is_ascii() || word.len() <= 3 {
        return word;
    }
    let mut w = word;
    if let Some(s) = w.strip_suffix("ies") {
        // `activities` → `activit`, as `activity` → `activit` below.
        w = s;
    } else if w.ends_with("sses")
        || w.ends_with("shes")
        || w.ends_with("ches")
        || w.ends_with("xes")
    {
        w = &w[..w.len() - 2];
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w = &w[..w.len() - 1];
    }
    if let Some(s) = w.strip_suffix('y').filter(|s| s.len() >= 3) {
        w = s;
    }
    for suffix in ["ing", "ed"] {
        if let Some(s) = w.strip_suffix(suffix).filter(|s| s.len() >= 3) {
            return s;
        }
    }
    w
}

/// FNV-1a over the UTF-16 code units of a term: the shard it is in is this
/// modulo the shard count (the page's script computes the same).
pub fn hash(term: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for unit in term.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(16_777_619);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        index_terms(text, |t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn text_as_terms() {
        assert_eq!(terms("葡萄酒"), ["葡", "萄", "葡萄", "酒", "萄酒"]);
        assert_eq!(terms("Villages, ＡＢＣ 14次"), ["village", "abc", "14", "次"]);
        // Traditional characters are searched as simplified ones.
        assert_eq!(terms("會議"), terms("会议"));
        assert_eq!(normalize("１４％ Ｑ"), "14% q");
    }

    #[test]
    fn query_terms_are_every_other_pair() {
        assert_eq!(query_terms("葡萄酒产业"), ["产业", "葡萄", "酒产"]);
        assert_eq!(query_terms("葡萄酒"), ["萄酒", "葡萄"]);
        assert_eq!(query_terms("酒"), ["酒"]);
        assert_eq!(query_terms("Wine villages 會議"), ["village", "wine", "会议"]);
    }

    #[test]
    fn stems() {
        for (word, stem_of) in [
            ("villages", "village"),
            ("village", "village"),
            ("activities", "activit"),
            ("activity", "activit"),
            ("boxes", "box"),
            ("reports", "report"),
            ("reported", "report"),
            ("meetings", "meet"),
            ("process", "process"),
            ("census", "census"),
            ("energy", "energ"),
            ("energies", "energ"),
            ("sing", "sing"),
        ] {
            assert_eq!(stem(word), stem_of, "{word}");
        }
    }

    #[test]
    fn hashes_are_fnv1a_over_utf16() {
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_ne!(hash("葡萄"), hash("萄葡"));
    }

    #[test]
    fn variants_map_traditional_to_simplified() {
        let v = variants();
        assert_eq!(v.get(&'會'), Some(&'会'));
        assert_eq!(v.get(&'会'), None);
        assert!(v.len() > 2000, "{}", v.len());
    }
}
