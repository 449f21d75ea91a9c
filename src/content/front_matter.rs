//! Splitting a Markdown file into its YAML front matter and its body, and
//! the serde shapes of everything users write in YAML: front matter, photos,
//! stats and chronicle events.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::date::DateText;
use super::figure::Scale;
use super::prose;
use crate::diagnostic::Diagnostic;
use crate::tr;
use crate::yaml::Spanned;

/// A Markdown file cut in two. Line endings are normalised to `\n` and a
/// byte-order mark is dropped, so Windows editors' files read the same.
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub body: &'a str,
    /// The file line the body starts on, 1-based.
    pub body_line: usize,
}

/// Normalises a file's text: no BOM, `\n` line endings.
pub fn normalise(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

/// Splits normalised `text`: the first line must be `---`, the front matter
/// ends at the next line that is `---`.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        let d = Diagnostic::new(file, tr!("content-no-front-matter")).at(1, 1).with_source(text);
        let hint = if text.lines().any(|l| l.trim_end() == "---") {
            tr!("content-front-matter-not-first")
        } else {
            tr!("content-front-matter-missing-hint")
        };
        return Err(d.hint(hint));
    }
    let start = first.len() + 1;
    let mut offset = start.min(text.len());
    for (i, line) in text[offset..].split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                front_matter: &text[start.min(text.len())..offset],
                body: &text[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(file, tr!("content-front-matter-unclosed"))
        .at(1, 1)
        .with_source(text)
        .hint(tr!("content-front-matter-unclosed-hint")))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhoto {
    pub src: Spanned<String>,
    pub caption: Option<Spanned<Text>>,
    pub alt: Option<Spanned<Text>>,
    pub credit: Option<String>,
    pub date: Option<Spanned<DateText>>,
    pub place: Option<Spanned<Text>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    Over,
    Nearly,
    About,
}

impl Approx {
    /// The name `approx:` takes.
    pub fn name(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::Nearly => "nearly",
            Approx::About => "about",
        }
    }
}

/// A stat's `value:` as written: a number, a range `[5, 10]`, or text that
/// is not a number (`2.83万`), kept to say how to write it.
#[derive(Debug, Clone)]
pub enum RawValue {
    /// A number as YAML read it; its decimals come from the source text.
    Number(f64),
    Text(String),
    /// The items of a list, each as written.
    List(Vec<String>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&tr!("content-expect-number"))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(RawValue::List(items))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// `highlight: true`, or its place among the key figures: `highlight: 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawHighlight {
    pub on: bool,
    pub rank: Option<u32>,
}

impl<'de> Deserialize<'de> for RawHighlight {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = RawHighlight;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // `yaml` finds its hint by this text.
                f.write_str(&tr!("content-expect-highlight"))
            }
            fn visit_bool<E>(self, on: bool) -> Result<RawHighlight, E> {
                Ok(RawHighlight { on, rank: None })
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawHighlight, E> {
                match u32::try_from(v) {
                    Ok(rank) if rank > 0 => Ok(RawHighlight { on: true, rank: Some(rank) }),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawHighlight, E> {
                Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// A scalar in a `where:` filter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Number(f64),
    Bool(bool),
    Text(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStat {
    pub key: Spanned<String>,
    pub label: Spanned<Text>,
    pub value: Option<Spanned<RawValue>>,
    pub unit: Option<Spanned<Text>>,
    pub scale: Option<Scale>,
    pub approx: Option<Approx>,
    pub per: Option<String>,
    pub period: Option<Spanned<String>>,
    pub previous_key: Option<Spanned<String>>,
    pub group: Option<Spanned<Text>>,
    pub note: Option<Spanned<Text>>,
    pub chapter: Option<Spanned<String>>,
    #[serde(default)]
    pub highlight: RawHighlight,
    #[serde(default)]
    pub table_only: bool,
    pub count: Option<Spanned<BTreeMap<String, Scalar>>>,
    pub sum: Option<Spanned<String>>,
    #[serde(rename = "where")]
    pub filter: Option<Spanned<BTreeMap<String, Scalar>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub date: Spanned<DateText>,
    pub title: Spanned<Text>,
    pub kind: Option<String>,
    pub chapter: Option<Spanned<String>>,
    pub end: Option<Spanned<DateText>>,
    pub participants: Option<Spanned<RawValue>>,
    pub approx: Option<Approx>,
    pub place: Option<Spanned<Text>>,
    pub summary: Option<Spanned<Text>>,
    #[serde(default)]
    pub photos: Vec<RawPhoto>,
}

/// A text field of YAML records and photos: one text, or a text for each
/// language of the site (`label: {zh-CN: 集中学习, en: Study sessions}`).
/// Chinese folded over lines is joined as `prose` does.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    One(String),
    ByLanguage(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&tr!("content-expect-text"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text::One(prose::join_wide_lines(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text::One(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text::One(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text::One(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((language, text)) = map.next_entry::<String, String>()? {
                    texts.insert(language, prose::join_wide_lines(&text));
                }
                Ok(Text::ByLanguage(texts))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The front matter of a translation (`01-politics.en.md`): the text a
/// reader sees in its language. What every language shares (numbers,
/// dates, photos, figures) stays in the original, and is caught here to
/// say so.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    pub title: Spanned<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub subtitle: Option<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub summary: Option<String>,
    pub author: Option<String>,
    pub photo_credit: Option<String>,
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub draft: bool,
    pub extra: Option<Map<String, Value>>,
    pub creator: Option<String>,
    pub source: Option<String>,
    pub rights: Option<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub place: Option<String>,
    pub subjects: Option<Vec<String>>,
    // Keys of an original that a translation may not set, caught to say so.
    pub year: Option<Spanned<serde::de::IgnoredAny>>,
    pub number: Option<Spanned<serde::de::IgnoredAny>>,
    pub weight: Option<Spanned<serde::de::IgnoredAny>>,
    pub slug: Option<Spanned<serde::de::IgnoredAny>>,
    pub date: Option<Spanned<serde::de::IgnoredAny>>,
    pub cover: Option<Spanned<serde::de::IgnoredAny>>,
    pub photos: Option<Spanned<serde::de::IgnoredAny>>,
    pub stats: Option<Spanned<serde::de::IgnoredAny>>,
    pub sort_by: Option<Spanned<serde::de::IgnoredAny>>,
    pub paginate_by: Option<Spanned<serde::de::IgnoredAny>>,
}

impl RawTranslation {
    /// The first key of the original the translation sets, with where.
    pub fn shared_key(&self) -> Option<(&'static str, &crate::yaml::Location)> {
        let RawTranslation {
            year,
            number,
            weight,
            slug,
            date,
            cover,
            photos,
            stats,
            sort_by,
            paginate_by,
            ..
        } = self;
        [
            ("year", year),
            ("number", number),
            ("weight", weight),
            ("slug", slug),
            ("date", date),
            ("cover", cover),
            ("photos", photos),
            ("stats", stats),
            ("sort_by", sort_by),
            ("paginate_by", paginate_by),
        ]
        .into_iter()
        .find_map(|(key, value)| value.as_ref().map(|v| (key, &v.referenced)))
    }
}

/// A report's `_index.md` (`content/2024/_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: Spanned<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub subtitle: Option<String>,
    pub year: Option<Spanned<i32>>,
    pub date: Option<Spanned<DateText>>,
    pub author: Option<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub summary: Option<String>,
    pub cover: Option<Spanned<String>>,
    pub photo_credit: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub photos: Vec<RawPhoto>,
    pub extra: Option<Map<String, Value>>,
    /// Not a report key: caught to say where stats go instead.
    pub stats: Option<Spanned<serde::de::IgnoredAny>>,
}

/// A plain section's `_index.md` (`content/archive/_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub title: Spanned<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub sort_by: Option<SortBy>,
    pub paginate_by: Option<Spanned<usize>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub photos: Vec<RawPhoto>,
    pub extra: Option<Map<String, Value>>,
}

/// The home page's `content/_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHome {
    pub title: Spanned<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub summary: Option<String>,
    #[serde(default)]
    pub photos: Vec<RawPhoto>,
    pub extra: Option<Map<String, Value>>,
}

/// Just enough of an `_index.md` to tell a report from a plain section.
#[derive(Debug, Deserialize)]
pub struct Peek {
    pub year: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    Date,
    Weight,
    Title,
}

/// A chapter or a plain page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: Spanned<String>,
    pub number: Option<u32>,
    pub weight: Option<i64>,
    pub slug: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub summary: Option<String>,
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub photos: Vec<RawPhoto>,
    #[serde(default)]
    pub stats: Vec<RawStat>,
    pub extra: Option<Map<String, Value>>,
    pub creator: Option<String>,
    pub source: Option<String>,
    pub rights: Option<String>,
    #[serde(default, deserialize_with = "prose::optional")]
    pub place: Option<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: a\n---\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_body() {
        let s = split("---\n---\n", Path::new("a.md")).unwrap();
        assert_eq!(s.front_matter, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn front_matter_not_on_first_line() {
        let d = split("\n---\ntitle: a\n---\n", Path::new("a.md")).err().unwrap();
        assert!(d.hint.unwrap().contains("very first line"));
    }

    #[test]
    fn front_matter_never_closed() {
        let d = split("---\ntitle: a\nbody\n", Path::new("a.md")).err().unwrap();
        assert_eq!(d.message, "the front matter opened on line 1 is never closed");
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn crlf_and_bom_are_normalised() {
        let text = normalise("\u{feff}---\r\ntitle: a\r\n---\r\nbody\r\n".to_owned());
        let s = split(&text, Path::new("a.md")).unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.body, "body\n");
    }
}
