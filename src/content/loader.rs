//! What the stages of loading share: the `Loader` (the content folder, the
//! problems found so far, what was left out) and the path helpers for
//! paths relative to `content/`. It depends on no other stage.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::markdown_refs::ImageRef;
use crate::diagnostic::Diagnostic;
use crate::yaml::{Location, Source};

pub(super) struct Loader<'a> {
    pub(super) content: &'a Path,
    pub(super) drafts: bool,
    pub(super) errors: Vec<Diagnostic>,
    /// Top-level folders holding a Markdown file that failed to parse:
    /// references to their chapters are not checked, as the chapter may
    /// be the one that failed, and the build fails anyway.
    pub(super) incomplete: HashSet<String>,
    /// Whether the report being assembled is one of `incomplete`.
    pub(super) quiet_refs: bool,
    /// Markdown files left out as drafts.
    pub(super) left_out: BTreeSet<String>,
    /// The photos each Markdown file's body shows, found while parsing (in
    /// parallel), by file.
    pub(super) images: HashMap<PathBuf, Vec<ImageRef>>,
}

impl<'a> Loader<'a> {
    /// A loader of the content folder `content` (an absolute path).
    pub(super) fn new(content: &'a Path, drafts: bool) -> Self {
        Loader {
            content,
            drafts,
            errors: Vec::new(),
            incomplete: HashSet::new(),
            quiet_refs: false,
            left_out: BTreeSet::new(),
            images: HashMap::new(),
        }
    }

    pub(super) fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// Records a problem at a position of a YAML source (front matter or a
    /// records file), with what would fix it.
    pub(super) fn error_at(
        &mut self,
        source: &Source<'_>,
        at: &Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.errors.push(source.error_at(at, message).hint(hint));
    }
}

pub(super) fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

pub(super) fn file_name(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, name)| name)
}

/// `name` in folder `dir`, both `/`-separated site or content paths.
pub fn join(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() { name.to_owned() } else { format!("{dir}/{name}") }
}

/// The site-relative file of a content path, for messages.
pub(super) fn content_file(rel: &str) -> PathBuf {
    Path::new("content").join(rel)
}

/// A content folder written for a test: `(path, text)` pairs.
#[cfg(test)]
pub(super) fn content_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("the folder");
        std::fs::write(file, text).expect("the file");
    }
    dir
}
