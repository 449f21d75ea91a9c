//! The Tera engine, set up once per build with the theme's templates, and
//! template errors as diagnostics naming the template file and line.

use std::path::PathBuf;

use tera::{ErrorKind, Tera};

use crate::diagnostic::Diagnostic;
use crate::theme::Theme;

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

pub fn engine(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(
        theme.templates.iter().map(|(name, (text, _))| (name.as_str(), text.as_str())),
    )
    .map_err(|e| error(theme, &e, None))?;
    for name in REQUIRED {
        if !tera.contains_template(name) {
            return Err(Diagnostic::new(
                format!("themes/{}/templates/{name}", theme.name),
                format!("the theme `{}` has no template `{name}`", theme.name),
            )
            .hint("add it to the theme's templates/ or to the site's templates/"));
        }
    }
    Ok(tera)
}

/// A Tera error as a diagnostic on the template that caused it.
pub fn error(theme: &Theme, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
    let file_of = |name: &str| -> PathBuf {
        theme
            .templates
            .get(name)
            .map_or_else(|| PathBuf::from(format!("templates/{name}")), |(_, path)| path.clone())
    };
    let mut d = match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = file_of(report.filename());
            let text =
                theme.templates.get(report.filename()).map(|(t, _)| t.as_str()).unwrap_or("");
            Diagnostic::new(file, format!("template error: {}", report.message()))
                .at(span.start_line, span.start_col + 1)
                .with_source(text)
        }
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::new(file_of(rendering.unwrap_or("")), format!("template error: {message}"))
        }
    };
    if let Some(page) = rendering {
        d = d.hint(format!("while rendering `{page}`; check the names of the variables it uses"));
    }
    d
}
