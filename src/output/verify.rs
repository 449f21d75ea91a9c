//! `annals verify DIR`: re-hashes a published copy of a site against its
//! `manifest-sha256.txt` and reports files missing, changed or added since
//! the build. Fixity checking, as archives do.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::MANIFEST;
use crate::diagnostic::Diagnostic;
use crate::tr;

/// What `verify` found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fixity {
    /// Files listed and found unchanged.
    pub intact: usize,
    pub missing: Vec<String>,
    pub changed: Vec<String>,
    /// Files present but not in the manifest.
    pub extra: Vec<String>,
}

impl Fixity {
    pub fn is_intact(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.extra.is_empty()
    }
}

pub fn verify(dir: &Path) -> Result<Fixity, Diagnostic> {
    let manifest_path = dir.join(MANIFEST);
    let text = fs::read_to_string(&manifest_path).map_err(|e| {
        Diagnostic::new(&manifest_path, tr!("output-cannot-read-manifest", error = e.to_string()))
            .hint(tr!("output-cannot-read-manifest-hint"))
    })?;
    let mut listed: BTreeMap<String, String> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some((hash, path)) = line.split_once("  ") else {
            return Err(Diagnostic::new(&manifest_path, tr!("output-manifest-bad-line"))
                .at_line(i + 1)
                .hint(tr!("output-manifest-bad-line-hint")));
        };
        let escapes =
            path.starts_with('/') || path.split('/').any(|part| part == ".." || part.is_empty());
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) || escapes {
            return Err(Diagnostic::new(&manifest_path, tr!("output-manifest-bad-line"))
                .at_line(i + 1)
                .hint(tr!("output-manifest-bad-line-hint")));
        }
        listed.insert(path.to_owned(), hash.to_ascii_lowercase());
    }
    let results: Vec<(String, Option<bool>)> = listed
        .par_iter()
        .map(|(path, hash)| {
            let same = fs::read(dir.join(path))
                .ok()
                .map(|bytes| &hex::encode(Sha256::digest(&bytes)) == hash);
            (path.clone(), same)
        })
        .collect();
    let mut fixity = Fixity::default();
    for (path, same) in results {
        match same {
            None => fixity.missing.push(path),
            Some(false) => fixity.changed.push(path),
            Some(true) => fixity.intact += 1,
        }
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel: PathBuf = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf();
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != MANIFEST && !listed.contains_key(&rel) {
            fixity.extra.push(rel);
        }
    }
    Ok(fixity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{OutputFile, write};

    #[test]
    fn catches_a_changed_byte_a_missing_and_an_extra_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        let files = vec![
            OutputFile::bytes("index.html", b"<p>home</p>".to_vec()),
            OutputFile::bytes("a/index.html", b"<p>a</p>".to_vec()),
            OutputFile::bytes("b.css", b"body{}".to_vec()),
        ];
        write(&out, &root, files).unwrap();
        let clean = verify(&out).unwrap();
        assert!(clean.is_intact() && clean.intact == 3, "{clean:?}");
        fs::write(out.join("index.html"), b"<p>hOme</p>").unwrap();
        fs::remove_file(out.join("b.css")).unwrap();
        fs::write(out.join("new.txt"), b"x").unwrap();
        let found = verify(&out).unwrap();
        assert_eq!(found.changed, ["index.html"]);
        assert_eq!(found.missing, ["b.css"]);
        assert_eq!(found.extra, ["new.txt"]);
        assert_eq!(found.intact, 1);
    }
}
