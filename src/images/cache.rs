//! Processed photos are kept outside the site (the user's cache folder by
//! default, or `--cache-dir`), so a read-only `content/` builds and an
//! unchanged photo is never processed twice. An entry's name is a hash of
//! the source file's path, size and modification time and of the settings
//! that shaped it; entries a build no longer uses are pruned after it.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;

/// Changes whenever processing changes what it makes, so old entries are
/// not reused.
/// 2: JPEGs decoded strictly (a damaged one is an error, where version 1
/// published it grey) and originals keep no camera segment.
const PROCESS_VERSION: &str = "annals-images-2";

#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
}

impl Cache {
    /// The cache of the site at `root`: `dir` where given, else a folder of
    /// its own under the user's cache folder.
    pub fn open(root: &Path, dir: Option<&Path>) -> Result<Cache, Diagnostic> {
        let dir = Cache::location(root, dir);
        fs::create_dir_all(&dir).map_err(|e| {
            Diagnostic::new(&dir, crate::tr!("images-cannot-create-cache", error = e.to_string()))
                .hint(crate::tr!("images-cannot-create-cache-hint"))
        })?;
        Ok(Cache { dir, used: Mutex::new(HashSet::new()) })
    }

    /// The cache of the site at `root` where it exists already: for
    /// `check`, which creates nothing.
    pub fn existing(root: &Path, dir: Option<&Path>) -> Option<Cache> {
        let dir = Cache::location(root, dir);
        dir.is_dir().then(|| Cache { dir, used: Mutex::new(HashSet::new()) })
    }

    fn location(root: &Path, dir: Option<&Path>) -> PathBuf {
        match dir {
            Some(d) => d.to_path_buf(),
            None => {
                let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
                let hash = hex::encode(Sha256::digest(site.to_string_lossy().as_bytes()));
                let base = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
                base.join("annals").join(&hash[..16])
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of a source file processed with `settings`.
    pub fn key(source: &Path, settings: &str) -> std::io::Result<String> {
        let meta = fs::metadata(source)?;
        let modified =
            meta.modified()?.duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let text = format!(
            "{PROCESS_VERSION}\n{}\n{}\n{modified}\n{settings}",
            source.display(),
            meta.len()
        );
        Ok(hex::encode(Sha256::digest(text.as_bytes()))[..32].to_owned())
    }

    /// The file of an entry, marked as used by this build.
    pub fn entry(&self, name: &str) -> PathBuf {
        self.used.lock().expect("cache lock").insert(name.to_owned());
        self.dir.join(name)
    }

    /// Stores an entry; a half-written entry is never seen under its name.
    pub fn store(&self, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        static WRITES: AtomicUsize = AtomicUsize::new(0);
        let path = self.entry(name);
        // Unique per write: two builds (or threads) may make one entry at once.
        let n = WRITES.fetch_add(1, Ordering::Relaxed);
        let tmp = self.dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// Removes the entries this build did not use; returns how many.
    pub fn prune(&self) -> usize {
        let used = self.used.lock().expect("cache lock");
        let Ok(entries) = fs::read_dir(&self.dir) else { return 0 };
        let mut removed = 0;
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Only files shaped like entries: `<32 hex>-<what>.<ext>`.
            let ours = name.len() > 33
                && name.as_bytes()[32] == b'-'
                && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
            if ours && !used.contains(&name) && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_file_and_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("a.jpg");
        fs::write(&photo, b"one").unwrap();
        let k1 = Cache::key(&photo, "webp 80").unwrap();
        assert_eq!(k1, Cache::key(&photo, "webp 80").unwrap());
        assert_ne!(k1, Cache::key(&photo, "webp 70").unwrap());
        fs::write(&photo, b"three").unwrap();
        assert_ne!(k1, Cache::key(&photo, "webp 80").unwrap(), "size changed");
    }

    #[test]
    fn prunes_what_the_build_did_not_use() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), Some(&dir.path().join("cache"))).unwrap();
        let a = format!("{}-480.webp", "a".repeat(32));
        let b = format!("{}-480.webp", "b".repeat(32));
        cache.store(&a, b"x").unwrap();
        fs::write(cache.dir().join(&b), b"y").unwrap();
        fs::write(cache.dir().join("README"), b"not ours").unwrap();
        assert_eq!(cache.prune(), 1);
        assert!(cache.dir().join(&a).is_file() && !cache.dir().join(&b).exists());
        assert!(cache.dir().join("README").is_file());
    }
}
