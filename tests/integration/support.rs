//! Helpers: fixture paths, small sites written on the fly, builds into
//! temporary folders, and a crawl of every reference in built HTML.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use annals::render::search;
use annals::{BuildOptions, Diagnostic, Error};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the site at `root` into a new temporary folder.
/// The `annals` binary, speaking English whatever the locale of the
/// tests (messages.rs tests the others).
pub fn annals() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_annals"));
    c.env("LC_ALL", "C.UTF-8");
    c
}

/// The photo cache of every test build: one folder for the whole run, so
/// the fixtures' photos are processed once.
pub fn cache_dir() -> PathBuf {
    std::env::temp_dir().join(format!("annals-test-cache-{}", std::process::id()))
}

pub fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("public");
    let mut options = BuildOptions::new(root);
    options.output = Some(out.clone());
    options.cache_dir = Some(cache_dir().join(root.file_name().unwrap_or_default()));
    if let Err(e) = annals::build(&options) {
        panic!("build of {} failed:\n{e}", root.display());
    }
    (out_dir, out)
}

pub fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// A small site written into a temporary folder, file by file.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A minimal valid site: site.yaml, a report with one chapter.
    pub fn new() -> Self {
        let site = TestSite { dir: tempfile::tempdir().unwrap() };
        site.file("site.yaml", "title: Test\n")
            .file("content/2024/_index.md", "---\ntitle: 2024 report\n---\nPreface.\n")
            .file("content/2024/01-one.md", "---\ntitle: One\n---\nBody.\n");
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str, text: &str) -> &Self {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// Options for building this site, its photo cache inside its folder.
    pub fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(self.root());
        options.cache_dir = Some(self.root().join("cache"));
        options
    }

    pub fn build(&self) -> Result<annals::BuildReport, Error> {
        annals::build(&self.options())
    }

    /// Builds, expecting content errors; returns them.
    pub fn errors(&self) -> Vec<Diagnostic> {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(Error::Content(d)) => d.0,
            Err(other) => panic!("expected content errors, got: {other}"),
        }
    }

    /// The only error of a failed build.
    pub fn error(&self) -> Diagnostic {
        let mut errors = self.errors();
        assert_eq!(errors.len(), 1, "expected one error, got: {errors:#?}");
        errors.remove(0)
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Values of `attr="…"` in `html`.
pub fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').unwrap();
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Checks every href, src and srcset of every HTML page under `out`: none
/// root-absolute, each local one leading to an existing file, and each
/// `#anchor` to an id on its page. Returns how many references were checked.
pub fn crawl(out: &Path) -> usize {
    let files = tree(out);
    let mut checked = 0;
    let mut problems = Vec::new();
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        if html.contains("<base ") {
            continue; // 404.html resolves against the site's address.
        }
        let dir = Path::new(rel).parent().unwrap_or(Path::new(""));
        let mut refs: Vec<&str> = attributes(&html, "href");
        refs.extend(attributes(&html, "src"));
        for srcset in attributes(&html, "srcset") {
            refs.extend(srcset.split(',').filter_map(|c| c.split_whitespace().next()));
        }
        for r in refs {
            let r = r.replace("&amp;", "&");
            if r.starts_with("http://")
                || r.starts_with("https://")
                || r.starts_with("mailto:")
                || r.starts_with("data:")
            {
                continue;
            }
            if r.starts_with('/') {
                problems.push(format!("{rel}: root-absolute reference {r}"));
                continue;
            }
            checked += 1;
            let (path, anchor) =
                r.split_once('#').map_or((r.as_str(), None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() {
                PathBuf::from(rel)
            } else {
                normalise(&dir.join(percent_decode(path)))
            };
            let key = target.to_string_lossy().into_owned();
            let Some(target_bytes) = files.get(&key) else {
                problems.push(format!("{rel}: {r} leads to no file ({key})"));
                continue;
            };
            if let Some(anchor) = anchor {
                let id = percent_decode(anchor);
                let text = String::from_utf8_lossy(target_bytes);
                if !text.contains(&format!("id=\"{id}\"")) {
                    problems.push(format!("{rel}: {r} names no id `{id}` in {key}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "broken references:\n{}", problems.join("\n"));
    checked
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "{} climbs out of the output", path.display());
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The search index a build wrote (`search/`), read as the search page
/// reads it.
pub struct SearchIndex {
    pub meta: serde_json::Value,
    /// Every entry: title, address, year, kind (a number into
    /// `meta.kinds`), text.
    pub entries: Vec<serde_json::Value>,
    /// Each shard's terms and their encoded entry lists.
    pub shards: Vec<serde_json::Map<String, serde_json::Value>>,
    /// The size of the largest file, in bytes.
    pub largest: usize,
}

impl SearchIndex {
    pub fn read(out: &Path) -> Self {
        let data = |text: &str| -> serde_json::Value {
            let start = text.find(['{', '[']).unwrap();
            let inner = text[start..].trim_end().strip_suffix(");").unwrap();
            serde_json::from_str(inner).unwrap()
        };
        let dir = out.join("search");
        let meta = data(&fs::read_to_string(dir.join("meta.js")).unwrap());
        let count = meta["entries"].as_u64().unwrap() as usize;
        let chunk = meta["chunk"].as_u64().unwrap() as usize;
        let mut entries = Vec::new();
        for n in 0..count.div_ceil(chunk) {
            let rows = data(&fs::read_to_string(dir.join(format!("e/{n}.js"))).unwrap());
            entries.extend(rows.as_array().unwrap().iter().cloned());
        }
        assert_eq!(entries.len(), count);
        let shards = (0..meta["shards"].as_u64().unwrap())
            .map(|i| {
                let text = fs::read_to_string(dir.join(format!("s/{i:x}.js"))).unwrap();
                data(&text).as_object().unwrap().clone()
            })
            .collect();
        let largest = tree(&dir).values().map(Vec::len).max().unwrap_or(0);
        SearchIndex { meta, entries, shards, largest }
    }

    pub fn kind(&self, entry: &serde_json::Value) -> &str {
        self.meta["kinds"][entry[3].as_u64().unwrap() as usize].as_str().unwrap()
    }

    /// The entries holding a term (as the index writes terms: lower case,
    /// simplified, a character or a pair).
    pub fn lookup(&self, term: &str) -> Vec<usize> {
        let shard = &self.shards[search::terms::hash(term) as usize % self.shards.len()];
        let Some(value) = shard.get(term) else { return Vec::new() };
        let body = value.as_str().or_else(|| value[0].as_str()).unwrap();
        search::decode(body).into_iter().map(|id| id as usize).collect()
    }
}
