//! The Tera engine, set up once per build with the templates of the theme,
//! the themes it extends and the site (named as `theme` explains), and
//! template errors as diagnostics naming the template file and line.

use std::path::PathBuf;

use tera::{ErrorKind, Tera};

use crate::diagnostic::{Diagnostic, nearest};
use crate::theme::{ALIAS, Theme};
use crate::tr;

/// Every template a theme provides for the pages annals makes.
pub const REQUIRED: [&str; 16] = [
    "base.html",
    "home.html",
    "report.html",
    "chapter.html",
    "stats.html",
    "site_stats.html",
    "chronicle.html",
    "print.html",
    "photos.html",
    "section.html",
    "page.html",
    "tags.html",
    "tag.html",
    "search.html",
    "404.html",
    "partials/figure.html",
];

pub fn engine(theme: &Theme, language: &str) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    // `chapter.html` is the site's; where it has none, the nearest theme's:
    // `gazette/chapter.html`, else `default/chapter.html`.
    tera.set_fallback_prefixes(theme.chain.iter().map(|name| format!("{name}/")))
        .map_err(|e| error(theme, &e, None))?;
    register_numeral(&mut tera, theme, language);
    let credit_by = super::credit_pattern(theme).to_owned();
    // `{{ photo.credit | credit }}`: `摄影：马敏`, as `credit_line` writes it.
    tera.register_filter("credit", move |credit: &str, _: tera::Kwargs, _: &tera::State| {
        super::credit_line(credit, &credit_by)
    });
    tera.add_raw_templates(
        theme.templates.iter().map(|(name, source)| (name.as_str(), source.text.as_str())),
    )
    .map_err(|e| error(theme, &e, None))?;
    for name in REQUIRED {
        if !tera.contains_template(name) {
            return Err(Diagnostic::new(
                format!("themes/{}/templates/{name}", theme.name),
                tr!("render-missing-template", theme = theme.name.as_str(), name = name),
            )
            .hint(tr!("render-missing-template-hint")));
        }
    }
    Ok(tera)
}

/// The `numeral` filter: a chapter number in the site's one style (see
/// `numeral`).
fn register_numeral(tera: &mut Tera, theme: &Theme, language: &str) {
    let chinese = chinese_numerals(theme, language);
    tera.register_filter("numeral", move |n: i64, _: tera::Kwargs, _: &tera::State| {
        numeral(n, chinese)
    });
}

/// Whether chapters are numbered in Chinese: the theme option
/// `chapter_numerals` is `chinese` (`三`, not `arabic` `3`), for labels,
/// contents and print alike, and the site is in Chinese (in another
/// language a chapter is `Part 3`).
pub fn chinese_numerals(theme: &Theme, language: &str) -> bool {
    theme.options.get("chapter_numerals").and_then(|v| v.as_str()) == Some("chinese")
        && language.starts_with("zh")
}

/// A chapter number as the site writes it: `三` or `3`.
pub fn numeral(n: i64, chinese: bool) -> String {
    use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
    let written = chinese
        .then(|| {
            n.to_chinese(
                ChineseVariant::Simple,
                ChineseCase::Lower,
                ChineseCountMethod::TenThousand,
            )
            .ok()
        })
        .flatten();
    written.unwrap_or_else(|| n.to_string())
}

/// A Tera error as a diagnostic on the template that caused it.
pub fn error(theme: &Theme, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
    let mut d = match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            at(theme, report.filename(), report.message(), span.start_line, span.start_col + 1)
        }
        ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            let chain: Vec<&str> = inheritance_chain.iter().map(String::as_str).collect();
            let d = Diagnostic::new(
                file_of(theme, tpl),
                tr!(
                    "render-template-extends-itself",
                    name = tpl.as_str(),
                    chain = format!("{tpl} → {}", chain.join(" → "))
                ),
            );
            // A site's template (a plain name) that meant the theme's own.
            if theme.templates.contains_key(&format!("{ALIAS}/{tpl}")) {
                d.hint(tr!(
                    "render-template-extends-itself-hint",
                    name = tpl.as_str(),
                    theme_name = format!("{ALIAS}/{tpl}")
                ))
            } else {
                d
            }
        }
        ErrorKind::MissingParent { current, parent } => {
            let d = Diagnostic::new(
                file_of(theme, current),
                tr!(
                    "render-template-missing-parent",
                    name = current.as_str(),
                    parent = parent.as_str()
                ),
            );
            let plain = theme.templates.keys().filter(|n| !n.starts_with(&format!("{ALIAS}/")));
            match nearest(parent, plain.map(String::as_str)) {
                Some(near) => d.hint(tr!("site-did-you-mean", name = near)),
                None => d,
            }
        }
        _ => reported(theme, &message_of(e), rendering),
    };
    if let Some(page) = rendering {
        d = d.hint(tr!("render-while-rendering", page = page));
    }
    d
}

/// The file a template came from.
fn file_of(theme: &Theme, name: &str) -> PathBuf {
    theme
        .templates
        .get(name)
        .map_or_else(|| PathBuf::from(format!("templates/{name}")), |s| s.file.clone())
}

/// A message at a line and column of the template `name`.
fn at(theme: &Theme, name: &str, message: &str, line: usize, column: usize) -> Diagnostic {
    let text = theme.templates.get(name).map_or("", |s| s.text.as_str());
    Diagnostic::new(file_of(theme, name), tr!("render-template-error", message = message))
        .at(line, column)
        .with_source(text)
}

/// An error's message with its causes.
fn message_of(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

/// Tera reports some errors found once every template is read (a block
/// that no parent has, an include of no template) as text: `error: …`
/// then ` --> NAME:LINE:COLUMN`. The first is placed at its template;
/// anything else stays whole, on the page being rendered.
fn reported(theme: &Theme, message: &str, rendering: Option<&str>) -> Diagnostic {
    let mut lines = message.lines();
    let first = lines.next().and_then(|l| l.strip_prefix("error: "));
    let place = lines.next().and_then(|l| l.trim_start().strip_prefix("--> "));
    let located = first.zip(place).and_then(|(first, place)| {
        let mut parts = place.rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        Some((first, parts.next()?, line, column))
    });
    match located {
        Some((first, name, line, column)) => at(theme, name, first, line, column),
        None => Diagnostic::new(
            file_of(theme, rendering.unwrap_or("")),
            tr!("render-template-error", message = message),
        ),
    }
}
