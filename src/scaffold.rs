//! `annals init`: a new, small site that builds at once. It never
//! overwrites anything: the target folder must be new or empty.

use std::fs;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::output::OutputError;

const FILES: [(&str, &str); 6] = [
    ("site.yaml", include_str!("scaffold/site.yaml")),
    ("content/_index.md", include_str!("scaffold/home.md")),
    ("content/2025/_index.md", include_str!("scaffold/report.md")),
    ("content/2025/01-overview.md", include_str!("scaffold/chapter-1.md")),
    ("content/2025/02-events.md", include_str!("scaffold/chapter-2.md")),
    ("content/2025/records.yaml", include_str!("scaffold/records.yaml")),
];

pub fn init(dir: &Path) -> Result<(), crate::Error> {
    if dir.exists() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Diagnostic::new(dir, "this folder exists and is not empty")
            .hint("annals init never overwrites anything: name a new folder")
            .into());
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|source| OutputError::Io { path: parent.to_path_buf(), source })?;
        }
        fs::write(&path, text).map_err(|source| OutputError::Io { path: path.clone(), source })?;
    }
    Ok(())
}
