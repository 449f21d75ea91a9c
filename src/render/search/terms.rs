//! Text as search terms, exactly as the search page's script makes them
//! from a query (themes/default/static/assets/search.js; a change here is
//! a change there): NFKC (full-width `１４` and `ＡＢＣ` as `14` and `abc`),
//! lower case, traditional characters as simplified (`會議` as `会议`),
//! Chinese, Japanese and Korean runs as single characters and pairs (a
//! word is then found inside a longer run), other runs as words with a
//! simple English stemming (`villages` as `village`).

use unicode_normalization::UnicodeNormalization;

/// Whether `c` is written without spaces between words (searched by pairs).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}')
}

mod table {
    include!(concat!(env!("OUT_DIR"), "/simplified.rs"));
}

/// The simplified character a traditional one is searched as (`會` → `会`),
/// from zhconv's conversion tables, made into a table at build time
/// (build.rs); `None` for a character that is its own.
pub fn simplified(c: char) -> Option<char> {
    let index = (c as u32).checked_sub(0x3400)? as usize;
    match table::SIMPLIFIED.get(index).copied() {
        None | Some(0) => None,
        Some(offset) => char::from_u32(0x3400 + u32::from(offset) - 1),
    }
}

/// Every traditional character the table knows, with its simplified form.
pub fn variants() -> impl Iterator<Item = (char, char)> {
    ('\u{3400}'..='\u{9fff}').filter_map(|c| simplified(c).map(|s| (c, s)))
}

/// Calls `f` with each character of `c` as it is searched: lower case,
/// simplified, NFKC (only where NFKC changes something: ASCII and unified
/// ideographs never do).
fn normalized(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
    } else if ('\u{3400}'..='\u{9fff}').contains(&c) {
        f(simplified(c).unwrap_or(c));
    } else {
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                f(simplified(l).unwrap_or(l));
            }
        }
    }
}

/// `text` as it is searched.
#[cfg(test)]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        normalized(c, |n| out.push(n));
    }
    out
}

/// A term of the index: a CJK character or pair, packed in a number (no
/// string to make for each of the millions a large site has), or a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term<'a> {
    /// One character (`c`) or a pair (`first << 21 | second`, with bit 42
    /// set).
    Cjk(u64),
    Word(&'a str),
}

const PAIR: u64 = 1 << 42;

/// The text of a CJK term.
pub fn cjk_text(key: u64) -> String {
    let char_at = |shift: u32| char::from_u32(((key >> shift) & 0x1f_ffff) as u32).unwrap_or(' ');
    if key & PAIR != 0 {
        [char_at(21), char_at(0)].iter().collect()
    } else {
        char_at(0).to_string()
    }
}

/// The terms of a text, in order, with repeats: each character of a CJK
/// run and each pair of neighbours, each word stemmed. `emit` is called
/// with each term.
pub fn index_terms(text: &str, mut emit: impl FnMut(Term<'_>)) {
    let mut word = String::new();
    let mut previous: Option<char> = None;
    let mut each = |c: char| {
        if is_cjk(c) {
            flush_word(&mut word, &mut emit);
            emit(Term::Cjk(u64::from(c)));
            if let Some(p) = previous {
                emit(Term::Cjk(PAIR | u64::from(p) << 21 | u64::from(c)));
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
    };
    for c in text.chars() {
        normalized(c, &mut each);
    }
    flush_word(&mut word, &mut emit);
}

fn flush_word(word: &mut String, emit: &mut impl FnMut(Term<'_>)) {
    if !word.is_empty() {
        emit(Term::Word(stem(word)));
        word.clear();
    }
}

/// The terms a query looks up (the page's script makes them; this is its
/// contract, tested): a CJK run of one character as itself, of up to six as
/// every pair, a longer one as every other pair and the last (the phrase as
/// a whole is then looked for in the results shown), words stemmed; at most
/// eight.
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
                let step = if n <= 6 { 1 } else { 2 };
                let mut i = 0;
                while i + 1 < n {
                    terms.push(run[i..i + 2].iter().collect());
                    i += step;
                }
                if step == 2 && n % 2 == 1 {
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
    let mut unique = Vec::new();
    for t in terms {
        if !unique.contains(&t) {
            unique.push(t);
        }
    }
    unique.truncate(8);
    unique
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
        index_terms(text, |t| {
            out.push(match t {
                Term::Cjk(key) => cjk_text(key),
                Term::Word(w) => w.to_owned(),
            })
        });
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
        assert_eq!(query_terms("葡萄酒产业"), ["葡萄", "萄酒", "酒产", "产业"]);
        assert_eq!(query_terms("乡村振兴产业发展"), ["乡村", "振兴", "产业", "发展"]);
        assert_eq!(query_terms("葡萄酒新能源产业"), ["葡萄", "酒新", "能源", "产业"]);
        assert_eq!(query_terms("葡萄酒"), ["葡萄", "萄酒"]);
        assert_eq!(query_terms("酒"), ["酒"]);
        assert_eq!(query_terms("Wine villages 會議"), ["wine", "village", "会议"]);
        assert_eq!(query_terms("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑").len(), 8);
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
        assert_eq!(simplified('會'), Some('会'));
        assert_eq!(simplified('臺'), Some('台'));
        assert_eq!(simplified('会'), None);
        assert_eq!(simplified('a'), None);
        assert!(variants().count() > 2000, "{}", variants().count());
    }
}
