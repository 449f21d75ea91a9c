//! The walk over `content/`: which Markdown files there are, and which
//! folders are sections (`_index.md`) and page bundles (`index.md`).
//! Hidden files and editor backups are left out, and symbolic links
//! leading outside `content/` too, with an error.

use std::collections::HashSet;

use walkdir::WalkDir;

use super::loader::{Loader, content_file, file_name, join, parent};
use crate::diagnostic::Diagnostic;
use crate::tr;

/// What the walk found, as paths relative to `content/` with `/` separators.
#[derive(Default)]
pub(super) struct Files {
    pub markdown: Vec<String>,
    /// Folders holding `_index.md`.
    pub sections: HashSet<String>,
    /// Folders holding `index.md`.
    pub bundles: HashSet<String>,
}

impl Loader<'_> {
    pub(super) fn walk(&mut self) -> Files {
        let mut files = Files::default();
        // Hidden files and folders (.git, .trash) and editor backups are
        // not content.
        let walker = WalkDir::new(self.content).follow_links(true).sort_by_file_name();
        let visible = |e: &walkdir::DirEntry| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name.ends_with('~'))
        };
        for entry in walker.into_iter().filter_entry(visible) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path =
                        e.path().map(|p| p.strip_prefix(self.content).unwrap_or(p).to_path_buf());
                    let file = content_file(
                        &path.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
                    );
                    let d = if e.loop_ancestor().is_some() {
                        Diagnostic::new(file, tr!("content-link-loop"))
                            .hint(tr!("content-link-loop-hint"))
                    } else {
                        Diagnostic::new(file, tr!("content-unreadable", error = e.to_string()))
                    };
                    self.errors.push(d);
                    continue;
                }
            };
            let Ok(rel_path) = entry.path().strip_prefix(self.content) else {
                continue;
            };
            let Some(rel) = rel_path.to_str().map(|s| s.replace('\\', "/")) else {
                self.errors.push(
                    Diagnostic::new(
                        content_file(&rel_path.to_string_lossy()),
                        tr!("content-name-not-unicode"),
                    )
                    .hint(tr!("content-name-not-unicode-hint")),
                );
                continue;
            };
            if rel.is_empty() {
                continue;
            }
            let name = file_name(&rel);
            if entry.path_is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(self.content) => {}
                    _ => {
                        self.errors.push(
                            Diagnostic::new(content_file(&rel), tr!("content-link-outside"))
                                .hint(tr!("content-link-outside-hint")),
                        );
                        continue;
                    }
                }
            }
            if entry.file_type().is_file() && name.ends_with(".md") {
                match name {
                    "_index.md" => {
                        files.sections.insert(parent(&rel).to_owned());
                    }
                    "index.md" => {
                        files.bundles.insert(parent(&rel).to_owned());
                    }
                    _ => {}
                }
                files.markdown.push(rel);
            }
        }
        for dir in files.sections.intersection(&files.bundles) {
            self.errors.push(
                Diagnostic::new(
                    content_file(&join(dir, "index.md")),
                    tr!("content-index-and-bundle"),
                )
                .hint(tr!("content-index-and-bundle-hint")),
            );
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::super::loader::content_folder;
    use super::*;

    #[test]
    fn hidden_files_and_backups_are_left_out_and_a_folder_is_one_kind() {
        let dir = content_folder(&[
            ("_index.md", ""),
            ("2024/_index.md", ""),
            ("2024/01-a.md", ""),
            ("2024/.draft.md", ""),
            ("2024/02-b.md~", ""),
            ("2024/photo.jpg", ""),
            ("x/_index.md", ""),
            ("x/index.md", ""),
        ]);
        let mut loader = Loader::new(dir.path(), false);
        let files = loader.walk();
        assert_eq!(
            files.markdown,
            ["2024/01-a.md", "2024/_index.md", "_index.md", "x/_index.md", "x/index.md"]
        );
        assert!(files.sections.contains("") && files.sections.contains("2024"));
        assert!(files.bundles.contains("x"));
        assert_eq!(loader.errors.len(), 1);
        assert_eq!(loader.errors[0].file, std::path::Path::new("content/x/index.md"));
        assert!(loader.errors[0].message.contains("both `_index.md` and `index.md`"));
    }
}
