//! Names to URL segments. File names, heading ids and tags are all made
//! by `slugify`: letters and digits of every script kept (Chinese stays
//! Chinese, as in Zola's `safe` strategy), lower case, runs of spaces,
//! `-`, `_` and `.` as one `-`, everything else dropped. The slug crates
//! (`slug`, `slugify`) transliterate to ASCII, which would turn `人民政协`
//! into pinyin, so this one is ours.

/// The numeric prefix of a file or folder name: `03-ideas` → 3.
pub(super) fn number_prefix(stem: &str) -> Option<u32> {
    let (digits, rest) = stem.split_once(['-', '_', '.'])?;
    if !digits.is_empty()
        && digits.len() <= 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
    {
        digits.parse().ok()
    } else {
        None
    }
}

/// A URL segment of any text: letters and digits of every script kept,
/// lower case, runs of spaces, `-`, `_` and `.` as one `-` (none at either
/// end), other characters dropped. Empty where the text has no letter or
/// digit; each caller says what stands in then.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || matches!(c, '-' | '_' | '.'))
            && !slug.is_empty()
            && !slug.ends_with('-')
        {
            slug.push('-');
        }
    }
    slug.truncate(slug.trim_end_matches('-').len());
    slug
}

/// The slug of a file or folder name, its `NN-` prefix dropped:
/// `03-youth work` → `youth-work`.
pub fn slugify_name(stem: &str) -> String {
    let stem = match number_prefix(stem) {
        Some(_) => stem.split_once(['-', '_', '.']).map_or(stem, |(_, rest)| rest),
        None => stem,
    };
    slugify(stem)
}

pub(super) fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug != "."
        && slug != ".."
        && !slug.chars().any(|c| {
            c == '/'
                || c == '\\'
                || c == '?'
                || c == '#'
                || c == '%'
                || c.is_control()
                || c.is_whitespace()
        })
}

pub(super) fn stem(name: &str) -> &str {
    name.strip_suffix(".md").unwrap_or(name)
}

pub(super) fn is_year(name: &str) -> Option<i32> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes() {
        assert_eq!(number_prefix("03-ideas"), Some(3));
        assert_eq!(number_prefix("2024-review"), Some(2024));
        assert_eq!(number_prefix("ideas"), None);
        assert_eq!(number_prefix("03"), None);
    }

    #[test]
    fn one_slugger_for_names_headings_and_tags() {
        assert_eq!(slugify("  Local  History. "), "local-history");
        assert_eq!(slugify("人民政协 · 2024"), "人民政协-2024");
        assert_eq!(slugify("a/b?c#d%e"), "abcde");
        assert_eq!(slugify("--_--"), "");
        assert_eq!(slugify("Ünïcode_Straße"), "ünïcode-straße");
    }

    #[test]
    fn valid_slugs_are_one_url_segment() {
        assert!(valid_slug("政协-履职"));
        for bad in ["", ".", "..", "a/b", "a b", "50%", "a#b", "a?b", "a\\b"] {
            assert!(!valid_slug(bad), "{bad}");
        }
        assert_eq!(is_year("2024"), Some(2024));
        assert_eq!(is_year("24"), None);
        assert_eq!(stem("01-a.md"), "01-a");
    }

    #[test]
    fn slugs_from_names() {
        assert_eq!(slugify_name("03-ideas"), "ideas");
        assert_eq!(slugify_name("My Page_Two"), "my-page-two");
        assert_eq!(slugify_name("01-政协 履职"), "政协-履职");
    }
}
