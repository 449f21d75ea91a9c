//! A page that must work wherever it is shown: the 404 page, which a
//! server shows at any depth and a reader may open from disk. Its
//! stylesheets and icon, where they are the site's own static files, are
//! put inside the page, so it needs no request that could fail.

use base64::Engine;

use crate::theme::{StaticFile, Theme};

/// `html` with each `<link rel="stylesheet" href="P">` and
/// `<link rel="icon" href="P">` whose `P` is a static file of the site
/// (or its theme) replaced by the file itself.
pub fn self_contained(html: &str, theme: &Theme) -> String {
    let mut out = String::with_capacity(html.len() + 32 * 1024);
    let mut rest = html;
    while let Some(start) = rest.find("<link ") {
        let Some(len) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        out.push_str(&inlined(tag, theme).unwrap_or_else(|| tag.to_owned()));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')?;
    Some(&tag[start..start + end])
}

fn inlined(tag: &str, theme: &Theme) -> Option<String> {
    let rel = attribute(tag, "rel")?;
    let href = attribute(tag, "href")?;
    let bytes = match theme.static_files.get(href)? {
        StaticFile::Embedded(bytes) => bytes.clone(),
        StaticFile::Disk(path) => std::fs::read(path).ok()?,
    };
    match rel {
        "stylesheet" => {
            let css = String::from_utf8(bytes).ok()?;
            // Nothing in a stylesheet may close the element early.
            (!css.contains("</style")).then(|| format!("<style>{css}</style>"))
        }
        "icon" => {
            let mime = mime_guess::from_path(href).first_or_octet_stream();
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            Some(tag.replace(href, &format!("data:{mime};base64,{data}")))
        }
        _ => None,
    }
}
