//! The theme options the PDF edition reads, as Typst can take them: the
//! `accent` colour (any CSS colour, as the site's stylesheet takes it) as
//! `#rrggbb`, and the `paper` (a CSS page size: `A4`, `A3 landscape`,
//! `Letter`, `210mm 297mm`) as a width and height in millimetres. A value
//! the PDF cannot use is an error at its place in site.yaml.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::tr;

/// The page's size in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Page {
    pub width: f64,
    pub height: f64,
}

/// The theme's options for Typst (`accent` as `#rrggbb`), and the page.
pub fn resolve(
    options: &Map<String, Value>,
    config: &Config,
) -> Result<(Map<String, Value>, Page), Diagnostic> {
    let mut options = options.clone();
    if let Some(accent) = options.get("accent").and_then(Value::as_str) {
        let colour = csscolorparser::parse(accent).map_err(|_| {
            error(config, "accent", tr!("typeset-bad-accent", colour = accent))
                .hint(tr!("typeset-bad-accent-hint"))
        })?;
        let [r, g, b, _] = colour.to_rgba8();
        options.insert("accent".into(), Value::String(format!("#{r:02x}{g:02x}{b:02x}")));
    }
    let page = match options.get("paper").and_then(Value::as_str) {
        None => A4,
        Some(text) => paper(text).ok_or_else(|| {
            error(config, "paper", tr!("typeset-bad-paper", paper = text))
                .hint(tr!("typeset-bad-paper-hint"))
        })?,
    };
    Ok((options, page))
}

const A4: Page = Page { width: 210.0, height: 297.0 };

/// A diagnostic on the theme option `key` in site.yaml.
fn error(config: &Config, key: &str, message: String) -> Diagnostic {
    let d = Diagnostic::new("site.yaml", message);
    match config.theme_option_positions.get(key) {
        Some(&(line, column)) => d.at(line, column),
        None => d,
    }
}

/// A CSS page size (`size:` of `@page`) in millimetres.
fn paper(text: &str) -> Option<Page> {
    let words: Vec<String> = text.split_whitespace().map(str::to_ascii_lowercase).collect();
    let orientation = words.iter().find(|w| *w == "landscape" || *w == "portrait");
    let sizes: Vec<&String> = words.iter().filter(|w| Some(*w) != orientation).collect();
    let (width, height) = match sizes.as_slice() {
        [] => (A4.width, A4.height),
        [one] => named(one).or_else(|| length(one).map(|l| (l, l)))?,
        [w, h] => (length(w)?, length(h)?),
        _ => return None,
    };
    let (short, long) = (width.min(height), width.max(height));
    Some(match orientation.map(String::as_str) {
        Some("landscape") => Page { width: long, height: short },
        Some(_) => Page { width: short, height: long },
        None => Page { width, height },
    })
}

/// The papers CSS names, in millimetres.
fn named(name: &str) -> Option<(f64, f64)> {
    Some(match name {
        "a5" => (148.0, 210.0),
        "a4" => (210.0, 297.0),
        "a3" => (297.0, 420.0),
        "b5" => (176.0, 250.0),
        "b4" => (250.0, 353.0),
        "jis-b5" => (182.0, 257.0),
        "jis-b4" => (257.0, 364.0),
        "letter" => (215.9, 279.4),
        "legal" => (215.9, 355.6),
        "ledger" => (279.4, 431.8),
        _ => return None,
    })
}

/// A CSS length in millimetres: `210mm`, `21cm`, `8.5in`, `612pt`.
fn length(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let number: f64 = text[..split].parse().ok().filter(|n: &f64| *n > 0.0 && n.is_finite())?;
    let mm = match &text[split..] {
        "mm" => 1.0,
        "cm" => 10.0,
        "q" => 0.25,
        "in" => 25.4,
        "pt" => 25.4 / 72.0,
        "pc" => 25.4 / 6.0,
        "px" => 25.4 / 96.0,
        _ => return None,
    };
    Some(number * mm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_as_css_writes_them() {
        assert_eq!(paper("A4"), Some(A4));
        assert_eq!(paper("a3 landscape"), Some(Page { width: 420.0, height: 297.0 }));
        assert_eq!(paper("Letter"), Some(Page { width: 215.9, height: 279.4 }));
        assert_eq!(paper("210mm 297mm"), Some(A4));
        assert_eq!(paper("landscape"), Some(Page { width: 297.0, height: 210.0 }));
        assert_eq!(paper("10cm"), Some(Page { width: 100.0, height: 100.0 }));
        for bad in ["A9", "210 297", "-5mm 3mm", "a4 a3 a5", "12furlongs"] {
            assert_eq!(paper(bad), None, "{bad}");
        }
    }

    #[test]
    fn accents_become_hex_and_bad_ones_name_their_place() {
        let config = Config::parse("title: T\ntheme_options:\n  accent: nocolour\n").unwrap();
        let mut options = Map::new();
        options.insert("accent".into(), Value::String("darkred".into()));
        let (resolved, page) = resolve(&options, &config).unwrap();
        assert_eq!(resolved["accent"], "#8b0000");
        assert_eq!(page, A4);
        options.insert("accent".into(), Value::String("nocolour".into()));
        let d = resolve(&options, &config).unwrap_err();
        assert_eq!((d.line, d.column), (Some(3), Some(11)));
    }
}
