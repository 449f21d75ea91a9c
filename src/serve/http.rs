//! The server's answers: site files from memory with their MIME types, the
//! reload script put into HTML pages (only here, never into a build), the
//! event stream that tells pages to reload, and the error page shown while
//! the site has errors.
//!
//! Requests are answered from the map of the build's files and from
//! nothing else. A path is looked up as a key, never joined onto a folder,
//! so `..`, encoded dots and slashes, backslashes and absolute paths cannot
//! reach a file outside the site, and neither can a symbolic link: the
//! files on disk the map names (photos, static files) were chosen by the
//! build, which refuses links that lead out of `content/`. Such requests
//! get a plain 404 all the same, before any lookup.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;

use super::{Served, Shared, SiteState};
use crate::diagnostic::Diagnostics;
use crate::render::markdown::esc;
use crate::tr;

/// Where open pages listen for new builds.
pub const EVENTS_PATH: &str = "/__annals/events";

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().route(EVENTS_PATH, get(events)).fallback(page).with_state(shared)
}

/// The site path a request path names (`/2024/` → `2024/index.html`), or
/// `None` for anything that is not a plain path inside the site: `..` or
/// `.` segments, written or percent-encoded, encoded slashes and
/// backslashes, backslashes, empty segments (`//etc/passwd`), NUL, and
/// text that is not UTF-8.
pub fn site_path(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) || rest.contains('\\') {
        return None;
    }
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let bad = *segment == "."
            || *segment == ".."
            || (segment.is_empty() && i != last)
            || (i == 0 && segment.ends_with(':')) // a drive letter, `C:`
            || segment.chars().any(char::is_control);
        if bad {
            return None;
        }
    }
    Some(if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    })
}

/// Strict percent-decoding: `None` for a malformed escape (`%zz`, a `%`
/// at the end) or for bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let well_formed = s.match_indices('%').all(|(i, _)| {
        s.as_bytes().get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    well_formed.then(|| percent_encoding::percent_decode_str(s).decode_utf8().ok())?.map(Into::into)
}

/// The MIME type of a file by its extension (mime_guess); text types say
/// they are UTF-8.
pub fn mime_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.suffix().map(|s| s.as_str()), Some("json" | "xml"))
        || matches!(mime.subtype().as_str(), "json" | "javascript" | "xml");
    if text { format!("{mime}; charset=utf-8") } else { mime.to_string() }
}

/// The script that reloads a page when a build newer than `build` is
/// announced. Put into pages by the server only.
pub fn reload_script(build: u64) -> String {
    format!(
        "<script data-annals-serve>(function(){{var b=\"{build}\",s=new EventSource(\"{EVENTS_PATH}\");\
function r(e){{if(e.data!==b){{s.close();location.reload();}}}}\
s.addEventListener(\"hello\",r);s.addEventListener(\"reload\",r);}})();</script>"
    )
}

/// `html` with the reload script before its last `</body>` (or at its end).
pub fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let script = reload_script(build);
    let at =
        html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page shown instead of every page while the site has errors.
pub fn overlay(errors: &Diagnostics, build: u64) -> Vec<u8> {
    let mut items = String::new();
    for d in &errors.0 {
        let mut place = d.file.display().to_string();
        if let Some(line) = d.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                place.push_str(&format!(":{column}"));
            }
        }
        items.push_str(&format!(
            "<li><p class=\"place\">{}</p><p class=\"message\">{}</p>",
            esc(&place),
            esc(&d.message)
        ));
        if let (Some(source), Some(line)) = (&d.source_line, d.line) {
            let caret = d.column.map_or(String::new(), |c| {
                let before: String = source.chars().take(c.saturating_sub(1)).collect();
                format!(
                    "\n{} | {}^",
                    " ".repeat(line.to_string().len()),
                    " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()))
                )
            });
            items.push_str(&format!("<pre>{}</pre>", esc(&format!("{line} | {source}{caret}"))));
        }
        if let Some(hint) = &d.hint {
            items.push_str(&format!(
                "<p class=\"hint\">{}: {}</p>",
                esc(&tr!("label-hint")),
                esc(hint)
            ));
        }
        items.push_str("</li>\n");
    }
    let count_text = tr!("errors-count", count = errors.0.len());
    let heading = esc(&tr!("serve-overlay-heading", count = count_text.as_str()));
    let count = esc(&count_text);
    let fix = esc(&tr!("serve-overlay-fix"));
    let lang = match crate::messages::locale() {
        crate::messages::Locale::English => "en",
        crate::messages::Locale::Chinese => "zh-CN",
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{count} · annals serve</title>\n<style>\n\
body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #2b1d1d; color: #fbeaea; }}\n\
main {{ max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }}\n\
h1 {{ font-size: 1.4rem; color: #ffb4b4; }}\n\
ol {{ padding-left: 1.2rem; }} li {{ margin: 0 0 1.5rem; }}\n\
.place {{ font-family: ui-monospace, monospace; color: #ffd28a; margin: 0; }}\n\
.message {{ font-weight: 600; margin: .2rem 0; }}\n\
pre {{ background: #1a1111; padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; }}\n\
.hint {{ color: #b9f0c4; margin: 0; }}\n</style>\n</head>\n<body>\n<main>\n\
<h1>{heading}</h1>\n\
<p>{fix}</p>\n<ol>\n{items}</ol>\n</main>\n\
</body>\n</html>\n"
    );
    inject(html.as_bytes(), build)
}

/// What to answer a page request with, decided under the lock.
enum Answer {
    Found(String, Served),
    Redirect(String),
    Overlay(Vec<u8>),
    NotFound(Option<Served>),
}

fn decide(site: &SiteState, path: &str, raw: &str) -> Answer {
    let name = path.rsplit('/').next().unwrap_or(path);
    let looks_html = path.ends_with(".html") || !name.contains('.');
    if let Some(errors) = &site.errors
        && looks_html
    {
        return Answer::Overlay(overlay(errors, site.build));
    }
    if let Some(found) = site.files.get(path) {
        return Answer::Found(path.to_owned(), found.clone());
    }
    if site.files.contains_key(&format!("{path}/index.html")) {
        return Answer::Redirect(format!("{raw}/"));
    }
    Answer::NotFound(site.files.get("404.html").cloned())
}

async fn page(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "GET only\n").into_response();
    }
    if !host_allowed(&shared, &headers) {
        return (StatusCode::FORBIDDEN, format!("{}\n", tr!("serve-forbidden"))).into_response();
    }
    let Some(path) = site_path(uri.path()) else {
        return not_found();
    };
    let (answer, build) = {
        let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
        (decide(&site, &path, uri.path()), site.build)
    };
    match answer {
        Answer::Found(path, served) => match read(served).await {
            Some(bytes) => file_response(StatusCode::OK, &path, bytes, build),
            None => not_found(),
        },
        Answer::Redirect(location) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response()
        }
        Answer::Overlay(html) => {
            response(StatusCode::INTERNAL_SERVER_ERROR, mime_type(".html"), Bytes::from(html))
        }
        Answer::NotFound(Some(served)) => match read(served).await {
            Some(bytes) => file_response(StatusCode::NOT_FOUND, "404.html", bytes, build),
            None => not_found(),
        },
        Answer::NotFound(None) => not_found(),
    }
}

/// A page served from `localhost` must not be readable by another site
/// through DNS rebinding: when listening on loopback, the `Host` must name
/// this computer.
fn host_allowed(shared: &Shared, headers: &HeaderMap) -> bool {
    if !shared.addr.ip().is_loopback() {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return true; // HTTP/1.0
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.to_ascii_lowercase().ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

async fn read(served: Served) -> Option<Bytes> {
    match served {
        Served::Bytes(b) => Some(b),
        Served::File(path) => tokio::fs::read(path).await.ok().map(Bytes::from),
    }
}

fn file_response(status: StatusCode, path: &str, bytes: Bytes, build: u64) -> Response {
    let mime = mime_type(path);
    let bytes = if path.ends_with(".html") { Bytes::from(inject(&bytes, build)) } else { bytes };
    response(status, mime, bytes)
}

fn response(status: StatusCode, mime: String, bytes: Bytes) -> Response {
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    let h = r.headers_mut();
    let mime = HeaderValue::try_from(mime)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, mime);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

fn not_found() -> Response {
    response(StatusCode::NOT_FOUND, mime_type(".txt"), Bytes::from_static(b"404 Not Found\n"))
}

/// The event stream: `hello` with the current build at once, then
/// `reload` with each new build's number, until the server stops.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let current = shared.site.read().unwrap_or_else(|e| e.into_inner()).build;
    let hello = SseEvent::default().event("hello").data(current.to_string());
    let state = (Some(hello), shared.builds.subscribe(), shared.stopping.clone());
    let stream =
        futures_util::stream::unfold(state, |(first, mut builds, mut stopping)| async move {
            if let Some(hello) = first {
                return Some((Ok(hello), (None, builds, stopping)));
            }
            loop {
                let next = tokio::select! {
                    build = builds.recv() => match build {
                        Ok(b) => Some(b),
                        Err(RecvError::Lagged(_)) => continue,
                        Err(RecvError::Closed) => None,
                    },
                    _ = stopping.wait_for(|s| *s) => None,
                };
                let event = SseEvent::default().event("reload").data(next?.to_string());
                return Some((Ok(event), (None, builds, stopping)));
            }
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_only() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/2024/").as_deref(), Some("2024/index.html"));
        assert_eq!(site_path("/a.css").as_deref(), Some("a.css"));
        assert_eq!(site_path("/%E6%96%87%E5%8F%B2/").as_deref(), Some("文史/index.html"));
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/%2e%2e%2fsite.yaml",
            "//etc/passwd",
            "/a/../../site.yaml",
            "/./a",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/a%00.html",
            "/C:/x",
            "/%ff",
            "/%zz",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = inject(b"<html><body><p>x</p></BODY></html>", 7);
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("var b=\"7\""), "{text}");
        assert!(text.ends_with("</script></BODY></html>"), "{text}");
    }

    #[test]
    fn overlay_escapes() {
        let d = crate::Diagnostic::new("content/a.md", "bad <b>")
            .at(2, 1)
            .with_source("x\n<script>\n")
            .hint("use `&`");
        let html = String::from_utf8(overlay(&d.into(), 3)).unwrap();
        assert!(html.contains("content/a.md:2:1"), "{html}");
        assert!(html.contains("bad &lt;b&gt;"), "{html}");
        assert!(html.contains("2 | &lt;script&gt;"), "{html}");
        assert!(html.contains("hint: use `&amp;`"), "{html}");
    }

    #[test]
    fn text_types_say_utf_8() {
        assert_eq!(mime_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(mime_type("x.JPG"), "image/jpeg");
        assert_eq!(mime_type("stats.csv"), "text/csv; charset=utf-8");
        assert_eq!(mime_type("search-index.js"), "text/javascript; charset=utf-8");
        assert_eq!(mime_type("site.webmanifest"), "application/manifest+json; charset=utf-8");
        assert_eq!(mime_type("logo.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(mime_type("cover.webp"), "image/webp");
        assert_eq!(mime_type("no-extension"), "application/octet-stream");
    }
}
