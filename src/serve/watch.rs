//! Which files `serve` watches, and which changes are worth a rebuild:
//! `site.yaml`, `content/`, `templates/`, `themes/`, `static/` and `pdf/`
//! (the PDF edition's Typst files), minus
//! hidden files and editors' temporary files. Events are debounced, so an
//! editor's save (often a write, a rename and a delete) is one change.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::mpsc::UnboundedSender;

use crate::config::CONFIG_FILE;
use crate::tr;

/// The site's folders a change in which is worth a rebuild.
const FOLDERS: [&str; 5] = ["content", "templates", "themes", "static", "pdf"];

/// How long the files must be quiet before a rebuild: long enough to
/// take an editor's save as one change, short enough not to be felt.
const QUIET: Duration = Duration::from_millis(30);

pub enum Change {
    Paths(Vec<PathBuf>),
    Error(String),
}

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    pub fn start(root: &Path, changes: UnboundedSender<Change>) -> Result<Watcher, String> {
        let root = root.canonicalize().map_err(|e| {
            tr!("serve-cannot-watch", path = root.display().to_string(), error = e.to_string())
        })?;
        let debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            let change = match result {
                // Reading a file is no change: the build itself reads them all.
                Ok(events) => Change::Paths(
                    events
                        .into_iter()
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths)
                        .collect(),
                ),
                Err(errors) => Change::Error(tr!(
                    "serve-watch-failed",
                    error = errors.first().map(ToString::to_string).unwrap_or_default()
                )),
            };
            let _ = changes.send(change);
        })
        .map_err(|e| tr!("serve-cannot-watch-files", error = e.to_string()))?;
        let mut watcher = Watcher { root, debouncer, watched: HashSet::new() };
        // The root itself, not its subfolders: for site.yaml, and to see
        // a watched folder appear.
        let root = watcher.root.clone();
        watcher.debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| {
            tr!("serve-cannot-watch", path = root.display().to_string(), error = e.to_string())
        })?;
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Watches each of the site's folders that exists and is not watched
    /// yet.
    pub fn watch_new_folders(&mut self) {
        for name in FOLDERS {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                let watching = self.debouncer.watch(&dir, RecursiveMode::Recursive);
                if watching.is_ok() {
                    self.watched.insert(dir);
                }
            }
        }
    }
}

/// The changed files worth a rebuild, relative to the site root, sorted:
/// none in the output folder, no hidden files, no editor's temporary files.
pub fn relevant(root: &Path, output: &Path, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let output = output.canonicalize().unwrap_or_else(|_| output.to_path_buf());
    let mut out: Vec<PathBuf> = paths
        .into_iter()
        .filter(|p| !p.starts_with(&output))
        .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
        .filter(|rel| {
            let names: Vec<&str> = rel
                .components()
                .filter_map(|c| match c {
                    Component::Normal(n) => n.to_str(),
                    _ => None,
                })
                .collect();
            match names.as_slice() {
                [] => false,
                [file] => *file == CONFIG_FILE || FOLDERS.contains(file),
                [folder, .., file] => {
                    FOLDERS.contains(folder)
                        && !names.iter().any(|n| n.starts_with('.'))
                        && !is_temporary(file)
                }
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Files editors write beside the one being saved.
fn is_temporary(name: &str) -> bool {
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim's test of whether it may write the folder
        || [".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_site_s_own_files_count() {
        let root = Path::new("/s");
        let paths = [
            "/s/content/2024/01-a.md",
            "/s/content/2024/.01-a.md.swp",
            "/s/content/2024/01-a.md~",
            "/s/content/2024/4913",
            "/s/content/.git/index",
            "/s/public/index.html",
            "/s/site.yaml",
            "/s/notes.txt",
            "/s/target/debug/x",
            "/s/static/app.css",
            "/elsewhere/content/a.md",
        ]
        .map(PathBuf::from)
        .to_vec();
        let kept = relevant(root, &root.join("public"), paths);
        assert_eq!(
            kept,
            ["content/2024/01-a.md", "site.yaml", "static/app.css"].map(PathBuf::from)
        );
    }
}
