//! `annals serve` under load and attack, on an ephemeral port of 127.0.0.1:
//! a few thousand requests from several threads on keep-alive connections
//! (pages, assets, a photo, data files, pages that do not exist) mixed
//! with paths that try to leave the site, while another thread edits a
//! chapter so the site is rebuilt under them. No connection fails, no
//! answer is a 5xx, every page is whole and from one build, every path
//! keeps its status across rebuilds, and nothing from beside the site,
//! from its root or from the system is ever answered.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use annals::serve::{ServeOptions, Server};

const WAIT: Duration = Duration::from_secs(10);
/// Written beside the site folder, in its root, and in its configuration:
/// no answer may ever hold one of them.
const BESIDE: &str = "SECRET-BESIDE-THE-SITE-5b1e";
const IN_ROOT: &str = "SECRET-IN-THE-SITE-ROOT-9c2d";
const IN_CONFIG: &str = "SECRET-IN-THE-CONFIGURATION-4e7f";
const CLIENTS: usize = 4;
/// Requests each client makes at least.
const PER_CLIENT: usize = 800;
/// Every how many requests a client sends an attack.
const ATTACK_EVERY: usize = 5;
const EDITS: u32 = 6;

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 client on one connection: the request target is sent
/// byte for byte as given, so nothing normalises an attack on the way.
struct Connection {
    addr: SocketAddr,
    reader: BufReader<TcpStream>,
}

impl Connection {
    fn open(addr: SocketAddr) -> io::Result<Connection> {
        let stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(WAIT))?;
        stream.set_nodelay(true)?;
        Ok(Connection { addr, reader: BufReader::new(stream) })
    }

    fn get(&mut self, target: &[u8], close: bool) -> io::Result<Reply> {
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(format!(" HTTP/1.1\r\nHost: {}\r\n", self.addr).as_bytes());
        if close {
            request.extend_from_slice(b"Connection: close\r\n");
        }
        request.extend_from_slice(b"\r\n");
        self.reader.get_mut().write_all(&request)?;
        self.read_reply()
    }

    fn line(&mut self) -> io::Result<String> {
        let mut line = Vec::new();
        self.reader.read_until(b'\n', &mut line)?;
        Ok(String::from_utf8_lossy(&line).trim_end().to_owned())
    }

    fn read_reply(&mut self) -> io::Result<Reply> {
        let status_line = self.line()?;
        if status_line.is_empty() {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "closed without an answer"));
        }
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| io::Error::other(format!("not a status line: {status_line:?}")))?;
        let mut headers = Vec::new();
        loop {
            let line = self.line()?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| io::Error::other(format!("not a header: {line:?}")))?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        let mut reply = Reply { status, headers, body: Vec::new() };
        if let Some(length) = reply.header("content-length") {
            let length: usize = length.parse().map_err(io::Error::other)?;
            reply.body = vec![0; length];
            self.reader.read_exact(&mut reply.body)?;
        } else if reply.header("transfer-encoding") == Some("chunked") {
            loop {
                let size = usize::from_str_radix(&self.line()?, 16).map_err(io::Error::other)?;
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk)?;
                if size == 0 {
                    break;
                }
                reply.body.extend_from_slice(&chunk[..size]);
            }
        } else {
            self.reader.read_to_end(&mut reply.body)?;
        }
        Ok(reply)
    }
}

/// One request on a connection of its own.
fn get_once(addr: SocketAddr, target: &[u8]) -> io::Result<Reply> {
    Connection::open(addr)?.get(target, true)
}

/// The chapter as the `n`th edit leaves it.
fn chapter(n: u32) -> String {
    format!("---\ntitle: One\nsummary: Edited\n---\nEdit number {n} of the chapter.\n")
}

/// A small JPEG for the chapter's photo.
fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 400, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x ^ y) & 0xff) as u8])
    });
    let mut bytes = Vec::new();
    img.write_to(&mut io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg).unwrap();
    bytes
}

fn write(path: &Path, text: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Saves as editors do: a hidden temporary file renamed over the chapter,
/// so no build can read it half-written.
fn save(root: &Path, n: u32) {
    let tmp = root.join("content/2024/.01-one.md.tmp");
    write(&tmp, chapter(n).as_bytes());
    fs::rename(tmp, root.join("content/2024/01-one.md")).unwrap();
}

/// Request targets that lead, or try to lead, out of the site, or that
/// name a file of the site folder that is not published.
fn attacks(addr: SocketAddr) -> Vec<Vec<u8>> {
    let mut paths: Vec<Vec<u8>> = [
        "/../secret.txt",
        "/../../secret.txt",
        "/2024/../../secret.txt",
        "/2024/one/../../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/2024/..%2f..%2fsecret.txt",
        "/%2fetc%2fpasswd",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/..\\secret.txt",
        "/2024\\..\\..\\secret.txt",
        "/index.html%00",
        "/%00/../secret.txt",
        "/index.html%00.css",
        "//etc/passwd",
        "/etc/passwd",
        "///etc/passwd",
        "/C:/Windows/win.ini",
        "/c:%5cwindows%5cwin.ini",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%c0%2e%c0%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%25%32%65%25%32%65/secret.txt",
        "/secret-in-root.txt",
        "/site.yaml",
        "/../site.yaml",
        "/content/2024/01-one.md",
        "/cache/",
        "/%",
        "/%zz",
        "/%ff",
        "*",
        "file:///etc/passwd",
    ]
    .iter()
    .map(|p| p.as_bytes().to_vec())
    .collect();
    // The absolute form a proxy would send.
    paths.push(format!("http://{addr}/../secret.txt").into_bytes());
    paths.push(format!("http://{addr}/%2e%2e/secret.txt").into_bytes());
    // Bytes no client should send: NUL, overlong UTF-8, a bare byte.
    paths.push(b"/\0../secret.txt".to_vec());
    paths.push(b"/\xc0\xae\xc0\xae/secret.txt".to_vec());
    paths.push(b"/\xff".to_vec());
    // Very long paths: within the limits of the request line, and past them.
    paths.push(format!("/{}index.html", "a/".repeat(4_000)).into_bytes());
    paths.push(format!("/{}secret.txt", "../".repeat(3_000)).into_bytes());
    paths.push(format!("/{}secret.txt", "%2e%2e/".repeat(20_000)).into_bytes());
    paths.push(format!("/{}", "a".repeat(200_000)).into_bytes());
    paths
}

/// A refusal: not found, a request the server would not parse (NUL, bytes
/// that are not ASCII), or a request line past its limit (414).
fn refused(status: u16) -> bool {
    matches!(status, 400 | 404 | 414)
}

/// Nothing from beside the site, its root, its configuration or the system.
fn leaks(reply: &Reply) -> Option<&'static str> {
    let text = reply.text();
    [BESIDE, IN_ROOT, IN_CONFIG, "root:x:0:0"].into_iter().find(|s| text.contains(s))
}

/// What went wrong with one answer to a site path, if anything.
fn check_page(path: &str, expected: u16, reply: &Reply) -> Option<String> {
    if reply.status != expected {
        return Some(format!("{path}: status {} instead of {expected}", reply.status));
    }
    if let Some(secret) = leaks(reply) {
        return Some(format!("{path}: the answer holds {secret}"));
    }
    let mime = reply.header("content-type").unwrap_or("");
    if mime.starts_with("text/html") {
        let text = reply.text();
        if !text.trim_end().ends_with("</html>") || !text.contains("</body>") {
            return Some(format!("{path}: an incomplete page of {} bytes", text.len()));
        }
        if path == "/2024/one/" && text.matches("Edit number ").count() != 1 {
            return Some(format!("{path}: not the text of one edit"));
        }
    } else if mime.starts_with("application/json")
        && serde_json::from_slice::<serde_json::Value>(&reply.body).is_err()
    {
        return Some(format!("{path}: JSON that does not parse"));
    } else if mime == "image/webp" && !reply.body.starts_with(b"RIFF") {
        return Some(format!("{path}: not a WebP image"));
    }
    None
}

/// The edit shown by a page of the chapter.
fn edit_of(reply: &Reply) -> Option<u32> {
    let text = reply.text();
    let rest = &text[text.find("Edit number ")? + "Edit number ".len()..];
    rest.split_whitespace().next()?.parse().ok()
}

/// What one client saw.
#[derive(Default)]
struct Seen {
    requests: usize,
    attacks: usize,
    problems: Vec<String>,
    latencies: Vec<Duration>,
    /// The edit each page of the chapter showed, in order.
    edits: Vec<u32>,
}

#[test]
fn thousands_of_requests_during_rebuilds_and_attacks_all_answered_right() {
    let outer = tempfile::tempdir().unwrap();
    write(&outer.path().join("secret.txt"), BESIDE.as_bytes());
    let root = outer.path().join("site");
    write(
        &root.join("site.yaml"),
        format!("# {IN_CONFIG}\ntitle: Load test\nlanguage: en\n").as_bytes(),
    );
    write(&root.join("secret-in-root.txt"), IN_ROOT.as_bytes());
    write(&root.join("content/2024/_index.md"), b"---\ntitle: 2024 report\n---\nPreface.\n");
    write(&root.join("content/2024/01-one.md"), chapter(0).as_bytes());
    write(
        &root.join("content/2024/02-two/index.md"),
        b"---\ntitle: Two\ntags: [hall]\n---\n![the hall](hall.jpg \"The hall\")\n",
    );
    write(&root.join("content/2024/02-two/hall.jpg"), &jpeg());
    write(
        &root.join("content/2024/stats.yaml"),
        b"- key: meetings\n  label: Meetings\n  value: 14\n  unit: times\n",
    );
    let mut build = annals::BuildOptions::new(&root);
    build.cache_dir = Some(outer.path().join("cache"));
    let options = ServeOptions { build, bind: "127.0.0.1".parse().unwrap(), port: 0 };
    let server = Server::start(options, Arc::new(|_| {})).expect("the server starts");
    let addr = server.addr();

    // The site's paths and the status each must keep through every rebuild.
    let two = get_once(addr, b"/2024/two/").unwrap();
    let photo = first_photo(&two.text());
    let mut paths: Vec<(String, u16)> = [
        "/",
        "/2024/",
        "/2024/one/",
        "/2024/two/",
        "/2024/stats/",
        "/2024/photos/",
        "/2024/chronicle/",
        "/2024/print/",
        "/2024/stats.json",
        "/2024/stats.csv",
        "/stats/",
        "/tags/",
        "/tags/hall/",
        "/search/",
        "/assets/annals.css",
        "/sitemap.xml",
        "/atom.xml",
        "/robots.txt",
        "/404.html",
        &photo,
    ]
    .iter()
    .map(|p| (p.to_string(), 200))
    .collect();
    paths.extend(
        ["/no/such/page/", "/2024/nothing/", "/assets/none.css", "/2024/02-two/hall-9999.webp"]
            .map(|p| (p.to_owned(), 404)),
    );
    paths.push(("/2024/one".to_owned(), 301));
    for (path, expected) in &paths {
        let reply = get_once(addr, path.as_bytes()).unwrap();
        assert_eq!(check_page(path, *expected, &reply), None);
    }
    let attacks = attacks(addr);

    let editing = Arc::new(AtomicBool::new(true));
    let newest_seen = Arc::new(AtomicU32::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (paths, attacks) = (paths.clone(), attacks.clone());
            let (editing, newest_seen) = (editing.clone(), newest_seen.clone());
            std::thread::spawn(move || {
                let mut seen = Seen::default();
                let mut connection = None;
                let deadline = Instant::now() + Duration::from_secs(30);
                let mut i = client; // clients start at different places
                while seen.requests < PER_CLIENT
                    || editing.load(Ordering::SeqCst)
                    || newest_seen.load(Ordering::SeqCst) < EDITS
                {
                    if Instant::now() > deadline {
                        seen.problems.push("the last edit was never served".into());
                        break;
                    }
                    i += 1;
                    seen.requests += 1;
                    let asked = Instant::now();
                    if i % ATTACK_EVERY == 0 {
                        seen.attacks += 1;
                        let target = &attacks[(i / ATTACK_EVERY) % attacks.len()];
                        let shown =
                            String::from_utf8_lossy(&target[..target.len().min(60)]).into_owned();
                        match get_once(addr, target) {
                            Ok(reply) if !refused(reply.status) => {
                                seen.problems.push(format!("{shown}: answered {}", reply.status))
                            }
                            Ok(reply) => {
                                if let Some(secret) = leaks(&reply) {
                                    seen.problems
                                        .push(format!("{shown}: the answer holds {secret}"));
                                }
                            }
                            Err(e) => seen.problems.push(format!("{shown}: {e}")),
                        }
                        seen.latencies.push(asked.elapsed());
                        continue;
                    }
                    let (path, expected) = &paths[i % paths.len()];
                    let reply = match connection.take() {
                        Some(c) => Ok(c),
                        None => Connection::open(addr),
                    }
                    .and_then(|mut c| c.get(path.as_bytes(), false).map(|r| (c, r)));
                    seen.latencies.push(asked.elapsed());
                    match reply {
                        Ok((c, reply)) => {
                            if let Some(problem) = check_page(path, *expected, &reply) {
                                seen.problems.push(problem);
                            }
                            if path == "/2024/one/"
                                && let Some(edit) = edit_of(&reply)
                            {
                                seen.edits.push(edit);
                                newest_seen.fetch_max(edit, Ordering::SeqCst);
                            }
                            if reply.header("connection") != Some("close") {
                                connection = Some(c);
                            }
                        }
                        Err(e) => seen.problems.push(format!("{path}: {e}")),
                    }
                }
                seen
            })
        })
        .collect();

    // Edits while the clients run: each one a rebuild under load, the next
    // made once a client has been served this one (however long a build
    // takes on a busy machine), so the clients see every build's pages.
    std::thread::sleep(Duration::from_millis(100));
    for n in 1..=EDITS {
        save(&root, n);
        let deadline = Instant::now() + WAIT;
        while newest_seen.load(Ordering::SeqCst) < n && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    editing.store(false, Ordering::SeqCst);

    let mut all = Seen::default();
    let mut edits_of_clients = Vec::new();
    for client in clients {
        let seen = client.join().expect("a client panicked");
        all.requests += seen.requests;
        all.attacks += seen.attacks;
        all.problems.extend(seen.problems);
        all.latencies.extend(seen.latencies);
        edits_of_clients.push(seen.edits);
    }
    let elapsed = started.elapsed();
    server.stop();

    assert!(
        all.problems.is_empty(),
        "{} of {} requests went wrong, such as:\n{}",
        all.problems.len(),
        all.requests,
        all.problems.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(all.requests >= CLIENTS * PER_CLIENT);
    // Every client saw the edits in order, and together they saw several
    // builds: the requests did run during rebuilds.
    let mut distinct: Vec<u32> = edits_of_clients.concat();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() >= 3, "the chapter was served from builds {distinct:?} only");
    assert_eq!(distinct.last(), Some(&EDITS));
    for edits in &edits_of_clients {
        assert!(edits.windows(2).all(|w| w[0] <= w[1]), "an older build after a newer: {edits:?}");
    }
    all.latencies.sort_unstable();
    let p99 = all.latencies[all.latencies.len() * 99 / 100];
    println!(
        "serve under load: {} requests ({} attacks) from {CLIENTS} clients in {:.2} s, {:.0} requests/s, p99 {:.1} ms, builds served {distinct:?}, 0 errors",
        all.requests,
        all.attacks,
        elapsed.as_secs_f64(),
        all.requests as f64 / elapsed.as_secs_f64(),
        p99.as_secs_f64() * 1000.0
    );
}

/// The path of the first photo variant a page shows, from the site root.
fn first_photo(page: &str) -> String {
    let src = crate::support::attributes(page, "src")
        .into_iter()
        .find(|s| s.ends_with(".webp"))
        .unwrap_or_else(|| panic!("no photo on the page: {page}"));
    // The page is /2024/two/: its references climb two folders.
    let rel = src.strip_prefix("../../").unwrap_or_else(|| panic!("unexpected src {src}"));
    format!("/{rel}")
}
