//! Translations older than their original: `check` warns where the
//! original changed after its translation last did, so the translation may
//! say what the original no longer says. In a git repository the times are
//! the files' last commits (a fresh checkout gives every file the same
//! modification time), or the modification time of a file changed since;
//! elsewhere, the files' modification times.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::UNIX_EPOCH;

use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::tr;

/// A warning for each translation whose original changed after it.
pub(super) fn stale(root: &Path, site: &Site) -> Vec<Diagnostic> {
    if site.translation_files.is_empty() {
        return Vec::new();
    }
    let git = Git::read(root);
    let mut warnings = Vec::new();
    for f in &site.translation_files {
        let original = format!("content/{}", f.original);
        let translation = format!("content/{}", f.rel);
        let (Some((then, committed)), Some((now, both_committed))) =
            (git.time(root, &translation), git.time(root, &original))
        else {
            continue;
        };
        if now > then {
            // To the nearest day: under 12 hours is "the same day".
            let days = (now - then + 43_200) / 86_400;
            let (message, hint) = if committed && both_committed {
                (
                    tr!("check-translation-stale-git", original = original.as_str(), days = days),
                    tr!("check-translation-stale-hint", original = original.as_str()),
                )
            } else {
                (
                    tr!("check-translation-stale", original = original.as_str(), days = days),
                    tr!("check-translation-stale-hint", original = original.as_str()),
                )
            };
            warnings.push(Diagnostic::new(&translation, message).hint(hint));
        }
    }
    warnings
}

/// What git knows of `content/`: the last commit time of each file (paths
/// relative to the site root), and the files changed since or never
/// committed. `commits` is `None` outside a repository or without git.
struct Git {
    commits: Option<HashMap<String, u64>>,
    changed: HashSet<String>,
}

impl Git {
    fn read(root: &Path) -> Git {
        let run = |args: &[&str]| -> Option<String> {
            // Names as they are, not quoted octal escapes (`文史/`).
            let out = Command::new("git")
                .args(["-c", "core.quotePath=false", "-C"])
                .arg(root)
                .args(args)
                .output()
                .ok()?;
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let Some(log) =
            run(&["log", "--relative", "--format=%x00%ct", "--name-only", "--", "content"])
        else {
            return Git { commits: None, changed: HashSet::new() };
        };
        // Newest commit first: a file's first mention is its last commit.
        let mut commits = HashMap::new();
        let mut time = 0;
        for line in log.lines() {
            if let Some(t) = line.strip_prefix('\0') {
                time = t.trim().parse().unwrap_or(0);
            } else if !line.is_empty() {
                commits.entry(line.to_owned()).or_insert(time);
            }
        }
        let mut changed = HashSet::new();
        for args in [
            &["diff", "--relative", "--name-only", "HEAD", "--", "content"][..],
            &["ls-files", "--others", "--exclude-standard", "--", "content"][..],
        ] {
            changed.extend(run(args).unwrap_or_default().lines().map(str::to_owned));
        }
        Git { commits: Some(commits), changed }
    }

    /// When the file at `rel` (relative to the site root) last changed, in
    /// seconds since 1970, and whether that is its last commit's time (not
    /// its modification time).
    fn time(&self, root: &Path, rel: &str) -> Option<(u64, bool)> {
        match &self.commits {
            Some(commits) if !self.changed.contains(rel) => commits.get(rel).map(|&t| (t, true)),
            _ => {
                let modified = std::fs::metadata(root.join(rel)).ok()?.modified().ok()?;
                Some((modified.duration_since(UNIX_EPOCH).ok()?.as_secs(), false))
            }
        }
    }
}
