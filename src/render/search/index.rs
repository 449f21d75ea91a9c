//! The inverted index, in shards: each term's entries (which entries hold
//! it, and which of them in their title), encoded compactly, the terms
//! spread over shard files by their hash.
//!
//! An entry list is the entries' numbers as gaps, each in base-64 digits
//! of five bits with a continuation bit (as source maps write numbers), or,
//! where the term is in so many entries that it is shorter, a bitmap in
//! base 64 behind a `~`.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::terms::{self, Term};

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A term's entries, ascending: all those holding it, those holding it in
/// their title, and those holding it often (three times or more).
#[derive(Default)]
pub struct Postings {
    pub body: Vec<u32>,
    pub title: Vec<u32>,
    pub often: Vec<u32>,
    /// How many times the last entry of `body` holds it.
    count: u32,
}

impl Postings {
    fn add(&mut self, id: u32, in_title: bool) {
        if self.body.last() == Some(&id) {
            self.count += 1;
            if self.count == 3 {
                self.often.push(id);
            }
        } else {
            self.body.push(id);
            self.count = 1;
        }
        if in_title && self.title.last() != Some(&id) {
            self.title.push(id);
        }
    }

    fn append(&mut self, mut other: Postings) {
        self.body.append(&mut other.body);
        self.title.append(&mut other.title);
        self.often.append(&mut other.often);
    }
}

/// Every term of the entries (title, text, and whether a term in the title
/// counts as one: not for a figure, whose title is all it is), with its
/// postings; built in parallel over runs of entries, whose maps are joined
/// in order so every list stays ascending.
pub fn invert(entries: &[(&str, &str, bool)]) -> Vec<(String, Postings)> {
    const RUN: usize = 256;
    /// CJK terms by their packed number, words by their text.
    type Maps = (FxHashMap<u64, Postings>, FxHashMap<String, Postings>);
    let maps: Vec<Maps> = entries
        .par_chunks(RUN)
        .enumerate()
        .map(|(chunk, run)| {
            let (mut cjk, mut words): Maps = Default::default();
            for (i, &(title, text, titled)) in run.iter().enumerate() {
                let id = (chunk * RUN + i) as u32;
                let mut add = |term: Term<'_>, in_title: bool| {
                    let postings = match term {
                        Term::Cjk(key) => cjk.entry(key).or_default(),
                        Term::Word(w) => match words.get_mut(w) {
                            Some(p) => p,
                            None => words.entry(w.to_owned()).or_default(),
                        },
                    };
                    postings.add(id, in_title);
                };
                terms::index_terms(title, |t| add(t, titled));
                terms::index_terms(text, |t| add(t, false));
            }
            (cjk, words)
        })
        .collect();
    let (mut cjk, mut words): Maps = Default::default();
    for (c, w) in maps {
        for (key, postings) in c {
            cjk.entry(key).or_default().append(postings);
        }
        for (word, postings) in w {
            words.entry(word).or_default().append(postings);
        }
    }
    cjk.into_iter().map(|(key, p)| (terms::cjk_text(key), p)).chain(words).collect()
}

/// An entry list as text: gaps in base-64 digits, or a bitmap of `count`
/// entries where that is shorter.
pub fn encode(ids: &[u32], count: u32) -> String {
    let bitmap_len = (count as usize).div_ceil(6) + 1;
    // Each gap takes at least a digit: a bitmap wins for dense lists.
    if ids.len() >= bitmap_len {
        let mut bits = vec![0u8; bitmap_len - 1];
        for &id in ids {
            bits[id as usize / 6] |= 1 << (id % 6);
        }
        let mut out = String::with_capacity(bitmap_len);
        out.push('~');
        out.extend(bits.iter().map(|&b| char::from(DIGITS[b as usize])));
        return out;
    }
    let mut out = String::with_capacity(ids.len() * 2);
    let mut previous: i64 = -1;
    for &id in ids {
        let mut gap = (i64::from(id) - previous - 1) as u64;
        previous = i64::from(id);
        loop {
            let digit = (gap & 31) as usize;
            gap >>= 5;
            if gap == 0 {
                out.push(char::from(DIGITS[digit]));
                break;
            }
            out.push(char::from(DIGITS[digit | 32]));
        }
    }
    out
}

/// The entries of an encoded list, as the page's script reads them (for
/// tests that read a built index).
pub fn decode(text: &str) -> Vec<u32> {
    let value = |c: char| DIGITS.iter().position(|&d| char::from(d) == c).unwrap() as u32;
    if let Some(bits) = text.strip_prefix('~') {
        let mut ids = Vec::new();
        for (i, c) in bits.chars().enumerate() {
            for bit in 0..6 {
                if value(c) & (1 << bit) != 0 {
                    ids.push(i as u32 * 6 + bit);
                }
            }
        }
        return ids;
    }
    let (mut ids, mut previous, mut gap, mut shift) = (Vec::new(), -1i64, 0u32, 0);
    for c in text.chars() {
        let v = value(c);
        gap |= (v & 31) << shift;
        if v & 32 != 0 {
            shift += 5;
        } else {
            previous += i64::from(gap) + 1;
            ids.push(previous as u32);
            gap = 0;
            shift = 0;
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_encode_and_decode() {
        for ids in
            [vec![], vec![0], vec![0, 1, 2, 3], vec![5, 40, 41, 1000, 70_000], (0..500).collect()]
        {
            let text = encode(&ids, 600);
            assert_eq!(decode(&text), ids, "{text}");
        }
        assert!(encode(&(0..500).collect::<Vec<_>>(), 600).starts_with('~'), "dense: a bitmap");
        assert_eq!(encode(&[0, 1, 2], 600), "AAA");
    }

    #[test]
    fn titles_and_texts_inverted_in_order() {
        let mut entries = vec![("葡萄", "酒", true); 600];
        entries[1] = ("葡萄", "酒酒酒", false);
        let map: std::collections::HashMap<String, Postings> =
            invert(&entries).into_iter().collect();
        assert_eq!(map["酒"].body, (0..600).collect::<Vec<_>>());
        assert!(map["酒"].title.is_empty());
        assert_eq!(map["酒"].often, [1]);
        assert_eq!(map["葡萄"].title.len(), 599, "entry 1's title does not count as one");
    }
}
