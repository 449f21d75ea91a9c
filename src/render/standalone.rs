//! A page that must work wherever it is shown: the 404 page, which a
//! server shows at any depth and a reader may open from disk. Its
//! stylesheets and icon, where they are the site's own static files, are
//! put inside the page, so it needs no request that could fail.

use base64::Engine;

use super::html::{self, Tag};
use crate::theme::{StaticFile, Theme};

/// `html` with each `<link rel="stylesheet" href="P">` and
/// `<link rel="icon" href="P">` whose `P` is a static file of the site
/// (or its theme) replaced by the file itself.
pub fn self_contained(html: &str, theme: &Theme) -> String {
    let mut out = String::with_capacity(html.len() + 32 * 1024);
    let mut from = 0;
    for tag in html::tags(html).iter().filter(|t| t.name == "link" && !t.closing) {
        let (Some(inlined), Some(len)) = (inlined(tag, theme), html[tag.offset..].find('>')) else {
            continue;
        };
        out.push_str(&html[from..tag.offset]);
        out.push_str(&inlined);
        from = tag.offset + len + 1;
    }
    out.push_str(&html[from..]);
    out
}

fn inlined(tag: &Tag, theme: &Theme) -> Option<String> {
    let href = tag.attr("href")?;
    let bytes = match theme.static_files.get(href)? {
        StaticFile::Embedded(bytes) => bytes.clone(),
        StaticFile::Disk(path) => std::fs::read(path).ok()?,
    };
    match tag.attr("rel")? {
        "stylesheet" => {
            let css = String::from_utf8(bytes).ok()?;
            // Nothing in a stylesheet may close the element early.
            (!css.contains("</style")).then(|| format!("<style>{css}</style>"))
        }
        "icon" => {
            let mime = mime_guess::from_path(href).first_or_octet_stream();
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            let kind = tag.attr("type").map(|t| format!(" type=\"{}\"", super::markdown::esc(t)));
            let kind = kind.unwrap_or_default();
            Some(format!("<link rel=\"icon\" href=\"data:{mime};base64,{data}\"{kind}>"))
        }
        _ => None,
    }
}
