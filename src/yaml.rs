//! All YAML parsing goes through this module, so the choice of parser is one
//! file. We use `serde-saphyr` (pure Rust, rejects duplicate keys, knows the
//! line and column of every error); `serde_yaml` is archived upstream.
//!
//! Errors come back as `Diagnostic`s with positions in the user's file (front
//! matter starts on line 2, so callers pass the line the YAML starts on) and a
//! hint: the nearest known key for a misspelt one, and the full-width `：` or
//! space that Chinese input methods slip in where YAML needs ASCII.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, MessageFormatter, UserMessageFormatter};

pub use serde_saphyr::{Location, Spanned};

use crate::diagnostic::{Diagnostic, nearest};
use crate::tr;

/// Where a YAML text sits in a file: for positions and the source line.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a Path,
    /// The whole file, for the source line shown under an error.
    pub text: &'a str,
    /// The file line the YAML starts on, 1-based.
    pub first_line: usize,
}

impl Source<'_> {
    /// A diagnostic at a location reported by the parser.
    pub fn error_at(&self, location: &Location, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::new(self.file, message);
        let d = if location.line() > 0 {
            d.at(location.line() as usize + self.first_line - 1, location.column().max(1) as usize)
        } else {
            d.at_line(self.first_line)
        };
        d.with_source(self.text)
    }
}

impl<'a> Source<'a> {
    /// The plain scalar that starts at `location`, as the file writes it
    /// (`1060.50`, where the parser reads 1060.5).
    pub fn scalar_text(&self, location: &Location) -> Option<&'a str> {
        let line = (location.line() as usize + self.first_line).checked_sub(2)?;
        let text = self.text.lines().nth(line)?;
        let start = text.char_indices().nth((location.column() as usize).checked_sub(1)?)?.0;
        let rest = &text[start..];
        let end = rest.find([',', ']', '}', '#']).unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

/// Parses `yaml` (which starts at `source.first_line`) into `T`.
pub fn parse<T: DeserializeOwned>(yaml: &str, source: Source<'_>) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping: a front matter of only comments.
    let yaml_or_empty = if yaml.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    }) {
        "{}"
    } else {
        yaml
    };
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(yaml_or_empty, options)
        .map_err(|e| to_diagnostic(&e, yaml, source))
}

/// A YAML list read item by item where the whole will not parse: each
/// item that parses is kept, each that does not gives its own error, so
/// one bad figure never hides its neighbours.
pub struct Items<T> {
    pub items: Vec<T>,
    pub errors: Vec<Diagnostic>,
    /// The text of each item that failed, for what it meant to declare.
    pub failed: Vec<String>,
}

/// Parses a YAML list of `T`; where the whole fails and the list is written
/// as a block (each item a line opening with `-` at the margin), parses
/// each item on its own.
pub fn parse_items<T: DeserializeOwned>(source: Source<'_>) -> Items<T> {
    let whole = match parse::<Vec<T>>(source.text, source) {
        Ok(items) => return Items { items, errors: Vec::new(), failed: Vec::new() },
        Err(d) => d,
    };
    let lines: Vec<&str> = source.text.split_inclusive('\n').collect();
    // An item opens at the margin: `- key: …`, or `-` alone on its line.
    let is_item = |line: &str| {
        let line = line.trim_end_matches('\n');
        line == "-" || line.starts_with("- ")
    };
    let opens_with_item = lines
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .is_some_and(|l| is_item(l));
    let mut out = Items { items: Vec::new(), errors: Vec::new(), failed: Vec::new() };
    if opens_with_item {
        let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_item(lines[i])).collect();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            // Blank lines before the item keep every position the file's.
            let chunk = "\n".repeat(start) + &lines[start..end].concat();
            match parse::<Vec<T>>(&chunk, source) {
                Ok(items) => out.items.extend(items),
                Err(d) => {
                    out.errors.push(d);
                    out.failed.push(lines[start..end].concat());
                }
            }
        }
    }
    if out.errors.is_empty() {
        // Not a block list, or an error only the whole shows (an alias to
        // another item): the whole file's error stands.
        return Items {
            items: Vec::new(),
            errors: vec![whole],
            failed: vec![source.text.to_owned()],
        };
    }
    out
}

fn to_diagnostic(error: &Error, yaml: &str, source: Source<'_>) -> Diagnostic {
    let error = error.without_snippet();
    let location = error.location().unwrap_or(Location::UNKNOWN);
    let (message, hint) = match error {
        Error::SerdeUnknownField { field, expected, .. } => {
            let own = if expected.contains(&"extra") {
                tr!("yaml-extra-goes-under")
            } else {
                tr!("yaml-no-extra-here")
            };
            let hint = match nearest(field, expected.iter().copied()) {
                Some(near) if *field != "extra" => tr!("yaml-did-you-mean", near = near),
                _ => tr!("yaml-known-keys", keys = expected.join(", "), own = own),
            };
            (tr!("yaml-unknown-key", key = field.as_str()), Some(hint))
        }
        Error::SerdeMissingField { field, .. } => (
            tr!("yaml-missing-key", key = *field),
            Some(tr!("yaml-missing-key-hint", key = *field)),
        ),
        other => {
            let message = UserMessageFormatter.format_message(other).into_owned();
            let hint = unknown_variant_hint(&message).or_else(|| parser_hint(&message));
            // The parser's own words, framed in the user's language.
            (tr!("yaml-parser-says", detail = message), hint)
        }
    };
    let mut d = source.error_at(&location, message);
    let line_text = yaml.lines().nth((location.line() as usize).saturating_sub(1)).unwrap_or("");
    if let Some(width_hint) = full_width_hint(line_text) {
        d = d.hint(width_hint);
    } else if let Some(hint) = hint {
        d = d.hint(hint);
    } else if d.message.contains(&tr!("content-expect-highlight")) {
        // The text `RawHighlight` expects, in the locale the message is in.
        d = d.hint(tr!("yaml-highlight-hint"));
    } else if line_text.contains('\t') {
        d = d.hint(tr!("yaml-tabs-hint"));
    }
    d
}

/// A hint for what the parser says in its own words (`message`, in
/// English whatever the locale): a whole number it could not read, a
/// document past its limits.
fn parser_hint(message: &str) -> Option<String> {
    if ["invalid i32", "invalid i64", "invalid u32", "invalid u64", "invalid usize"]
        .contains(&message)
    {
        Some(tr!("yaml-whole-number-hint"))
    } else if message.contains("limits breached") {
        Some(tr!("yaml-limits-hint"))
    } else {
        None
    }
}

/// For serde's "unknown variant `ovre`, expected one of over, nearly,
/// about", which some paths report as a plain message.
fn unknown_variant_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (variant, rest) = rest.split_once('`')?;
    let choices = rest.split_once("expected one of ")?.1;
    let choices: Vec<&str> = choices.split(',').map(|c| c.trim().trim_matches('`')).collect();
    Some(match nearest(variant, choices.iter().copied()) {
        Some(near) => tr!("yaml-did-you-mean", near = near),
        None => tr!("yaml-one-of", choices = choices.join(", ")),
    })
}

/// Chinese input methods type a full-width colon or space where YAML needs
/// ASCII ones; say so, since the parser's own message cannot.
pub fn full_width_hint(line: &str) -> Option<String> {
    let before_value = line.split(": ").next().unwrap_or(line);
    if before_value.contains('：') {
        Some(tr!("yaml-full-width-colon"))
    } else if line.trim_start_matches(' ').starts_with('\u{3000}') {
        Some(tr!("yaml-full-width-space"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        tags: Option<Vec<String>>,
    }

    fn source(text: &str) -> Source<'_> {
        Source { file: Path::new("content/a.md"), text, first_line: 2 }
    }

    #[test]
    fn unknown_key_names_line_and_nearest_key() {
        let file = "---\ntitle: x\ntgas: [a]\n---\n";
        let yaml = "title: x\ntgas: [a]\n";
        let d = parse::<Front>(yaml, source(file)).unwrap_err();
        assert_eq!(d.message, "unknown key `tgas`");
        assert_eq!(d.line, Some(3));
        assert_eq!(d.hint.as_deref(), Some("did you mean `tags`?"));
        assert_eq!(d.source_line.as_deref(), Some("tgas: [a]"));
    }

    #[test]
    fn full_width_colon_gets_a_hint() {
        let yaml = "title：标题\n";
        let d = parse::<Front>(yaml, source(yaml)).unwrap_err();
        assert!(d.hint.unwrap().contains("full-width colon"));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let yaml = "title: a\ntitle: b\n";
        let d = parse::<Front>(yaml, source(yaml)).unwrap_err();
        assert!(d.message.contains("duplicate"), "{}", d.message);
        assert_eq!(d.line, Some(3));
    }

    #[test]
    fn missing_required_key() {
        let yaml = "tags: [a]\n";
        let d = parse::<Front>(yaml, source(yaml)).unwrap_err();
        assert_eq!(d.message, "missing required key `title`");
    }
}
