//! Chinese text in YAML. A summary or caption written over several lines is
//! folded by YAML with a space at each line break; between two East Asian
//! characters that space is not in the text (`落到实处，并创新`), as a
//! Markdown body's line break is not (see `render::markdown`).

use serde::{Deserialize, Deserializer};

/// Whether `c` is an East Asian wide character: Chinese, Japanese, Korean
/// or full-width punctuation.
pub fn is_wide(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    c.width() == Some(2)
}

/// `text` without the single spaces that stand between two wide
/// characters; other spaces (between Latin words) stay.
pub fn join_wide_lines(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_wide = c == ' '
            && i > 0
            && chars.get(i + 1).is_some_and(|&n| is_wide(n))
            && is_wide(chars[i - 1]);
        if !between_wide {
            out.push(c);
        }
    }
    out
}

/// For `#[serde(deserialize_with)]` on an optional text field.
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(|t| join_wide_lines(&t)))
}

/// For `#[serde(deserialize_with)]` on a required text field.
pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(join_wide_lines(&String::deserialize(d)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_join_between_chinese_only() {
        assert_eq!(join_wide_lines("落到实处， 并创新"), "落到实处，并创新");
        assert_eq!(join_wide_lines("协商 议政"), "协商议政");
        assert_eq!(
            join_wide_lines("Annual report of the committee"),
            "Annual report of the committee"
        );
        assert_eq!(join_wide_lines("2024 年 review 报告"), "2024 年 review 报告");
    }

    #[test]
    fn yaml_folding_is_undone_for_chinese() {
        #[derive(Deserialize)]
        struct Front {
            #[serde(default, deserialize_with = "optional")]
            summary: Option<String>,
        }
        let front: Front =
            serde_saphyr::from_str("summary: 持续推进协商\n  议政，助推发展\n").unwrap();
        assert_eq!(front.summary.as_deref(), Some("持续推进协商议政，助推发展"));
        let front: Front =
            serde_saphyr::from_str("summary: >\n  a review\n  of the year\n").unwrap();
        assert_eq!(front.summary.as_deref(), Some("a review of the year\n"));
    }
}
