//! `annals serve` on an ephemeral port of 127.0.0.1: pages and their MIME
//! types, refused paths, reload events after an edit, the error page while
//! the site has an error. Every wait has a deadline.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use annals::serve::{ServeOptions, Server};

use crate::support::{TestSite, build, tree};

const WAIT: Duration = Duration::from_secs(10);

fn start(site: &TestSite) -> Server {
    let options = ServeOptions {
        build: annals::BuildOptions::new(site.root()),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
    };
    Server::start(options, Arc::new(|_| {})).expect("the server starts")
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// GET `path` exactly as written: no client normalises it on the way.
fn get(addr: SocketAddr, path: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, head: head.to_owned(), body: body.to_owned() }
}

/// The event stream of the reload script, read as it comes.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        write!(stream, "GET {} HTTP/1.1\r\nHost: {addr}\r\n\r\n", annals::serve::EVENTS_PATH)
            .unwrap();
        let mut events = Events { stream, seen: String::new() };
        events.wait_for("event: hello");
        events
    }

    /// Waits until the stream has shown `text`; returns what came after.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut buf = [0; 4096];
        loop {
            if let Some(i) = self.seen.find(text) {
                let rest = self.seen[i + text.len()..].to_owned();
                self.seen = rest.clone();
                return rest;
            }
            assert!(
                Instant::now() < deadline,
                "no `{text}` on the event stream; saw: {}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the event stream ended; saw: {}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // timeout: read again
            }
        }
    }
}

#[test]
fn pages_and_files_with_their_mime_types() {
    let site = TestSite::new();
    site.file("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let server = start(&site);
    let addr = server.addr();
    assert!(addr.ip().is_loopback());

    let home = get(addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.body.contains("2024 report"), "{}", home.body);
    let chapter = get(addr, "/2024/one/");
    assert_eq!(chapter.status, 200);
    assert!(chapter.body.contains("Body."));
    // `/2024/one` (no slash) is sent to the folder, so relative links work.
    let bare = get(addr, "/2024/one");
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("location"), Some("/2024/one/"));

    for (path, mime) in [
        ("/assets/annals.css", "text/css; charset=utf-8"),
        ("/2024/stats.json", "application/json; charset=utf-8"),
        ("/2024/stats.csv", "text/csv; charset=utf-8"),
        ("/logo.svg", "image/svg+xml; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = get(addr, path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(mime), "{path}");
    }
    let missing = get(addr, "/no/such/page/");
    assert_eq!(missing.status, 404);
    // Nothing was written into the site.
    assert!(!site.root().join("public").exists());
    server.stop();
}

#[test]
fn paths_leading_out_of_the_site_get_404() {
    let site = TestSite::new();
    let server = start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%2fsite.yaml",
        "//etc/passwd",
        "/2024/../../site.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/index.html%00.css",
    ] {
        let reply = get(server.addr(), path);
        assert_eq!(reply.status, 404, "{path}: {}", reply.head);
        assert!(!reply.body.contains("title: Test"), "{path}");
        assert!(!reply.body.contains("root:"), "{path}");
    }
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_text() {
    let site = TestSite::new();
    let server = start(&site);
    let mut events = Events::open(server.addr());
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\nRewritten body.\n");
    events.wait_for("event: reload");
    let page = get(server.addr(), "/2024/one/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Rewritten body."), "{}", page.body);
    // The page asks for the reload of any build but the one it shows.
    assert!(page.body.contains("data-annals-serve"));
    assert!(page.body.contains(annals::serve::EVENTS_PATH));
}

#[test]
fn a_broken_edit_shows_the_error_until_it_is_fixed() {
    let site = TestSite::new();
    let server = start(&site);
    let mut events = Events::open(server.addr());
    site.file("content/2024/01-one.md", "---\ntitle: One\nsumary: <oops>\n---\nBody.\n");
    events.wait_for("event: reload");
    for path in ["/", "/2024/one/", "/2024/"] {
        let page = get(server.addr(), path);
        assert_eq!(page.status, 500, "{path}");
        assert!(page.body.contains("content/2024/01-one.md:3:1"), "{}", page.body);
        assert!(page.body.contains("unknown key `sumary`"), "{}", page.body);
        assert!(page.body.contains("did you mean `summary`?"), "{}", page.body);
        assert!(page.body.contains("&lt;oops&gt;"), "escaped: {}", page.body);
        // The error page reloads itself too.
        assert!(page.body.contains("data-annals-serve"));
    }
    // The last good build's assets are still served.
    assert_eq!(get(server.addr(), "/assets/annals.css").status, 200);

    site.file("content/2024/01-one.md", "---\ntitle: One\nsummary: fixed\n---\nFixed body.\n");
    events.wait_for("event: reload");
    let page = get(server.addr(), "/2024/one/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Fixed body."));
    assert!(!page.body.contains("unknown key"));
}

#[test]
fn temporary_files_do_not_rebuild() {
    let site = TestSite::new();
    let server = start(&site);
    let mut events = Events::open(server.addr());
    site.file("content/2024/.01-one.md.swp", "x").file("content/2024/01-one.md~", "x");
    // A real change after them: the first reload event must be its build.
    std::thread::sleep(Duration::from_millis(200));
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\nNew.\n");
    let after = events.wait_for("event: reload");
    let build = after
        .trim_start()
        .strip_prefix("data: ")
        .map(|d| d.lines().next().unwrap_or("").trim().to_owned());
    assert_eq!(build.as_deref(), Some("2"), "{after}");
}

#[test]
fn the_reload_script_is_never_in_a_build() {
    let site = TestSite::new();
    let (_tmp, out) = build(site.root());
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__annals") && !text.contains("data-annals-serve"), "{path}");
    }
}

#[test]
fn the_pdf_edition_is_served_where_site_yaml_asks_for_it() {
    let site = TestSite::new();
    site.file("site.yaml", "title: Test\npdf: true\n");
    let server = start(&site);
    let pdf = get(server.addr(), "/2024/report.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with("%PDF-"));
    assert!(get(server.addr(), "/2024/").body.contains("href=\"../2024/report.pdf\""));
    server.stop();
}
