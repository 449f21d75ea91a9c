//! The only stage that writes. A build is written into a staging folder
//! beside the output folder and swapped in at the end, so a failed build
//! leaves the previous output exactly as it was. The output folder is
//! refused where it would overwrite the site itself or a folder annals did
//! not make.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::tr;

mod verify;
pub use verify::{Fixity, verify};

/// The file that lists every output file's SHA-256; also how annals knows
/// a folder is its own output.
pub const MANIFEST: &str = "manifest-sha256.txt";

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    pub content: FileContent,
}

#[derive(Debug, Clone)]
pub enum FileContent {
    Bytes(Vec<u8>),
    /// Copied from this file.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile { path: path.into(), content: FileContent::Bytes(bytes) }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{}", tr!("output-refused", path = .path.display().to_string(), reason = .reason.as_str()))]
    Refused { path: PathBuf, reason: String, hint: String },
    #[error("{}", tr!("output-cannot-write", path = .path.display().to_string(), error = .source.to_string()))]
    Io { path: PathBuf, source: io::Error },
    #[error("{}", tr!("output-cache-refused", path = .path.display().to_string(), reason = .reason.as_str()))]
    CacheRefused { path: PathBuf, reason: String },
    #[error("{}", tr!("output-clash", path = .0.as_str()))]
    Clash(String),
}

impl OutputError {
    pub fn hint(&self) -> Option<String> {
        match self {
            OutputError::Refused { hint, .. } => Some(hint.clone()),
            OutputError::CacheRefused { .. } => Some(tr!("output-cache-refused-hint")),
            OutputError::Io { source, .. } => Some(match source.kind() {
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                    tr!("output-disk-full-hint")
                }
                io::ErrorKind::FileTooLarge => tr!("output-file-too-large-hint"),
                _ => tr!("output-cannot-write-hint"),
            }),
            OutputError::Clash(_) => Some(tr!("output-clash-hint")),
        }
    }
}

/// For the places that report every problem as a diagnostic: `serve`'s
/// error page, `check`.
impl From<OutputError> for Diagnostic {
    fn from(e: OutputError) -> Diagnostic {
        let file = match &e {
            OutputError::Refused { path, .. }
            | OutputError::Io { path, .. }
            | OutputError::CacheRefused { path, .. } => path.clone(),
            OutputError::Clash(_) => PathBuf::from("static"),
        };
        let d = Diagnostic::new(file, e.to_string());
        match e.hint() {
            Some(hint) => d.hint(hint),
            None => d,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// Refuses an output folder that is, or holds, the site or its content,
/// or that already holds files annals did not write.
pub fn check_output_dir(output: &Path, root: &Path) -> Result<(), OutputError> {
    let abs = absolute(output);
    let root = absolute(root);
    let refuse = |reason: String, hint: String| {
        Err(OutputError::Refused { path: output.to_path_buf(), reason, hint })
    };
    if root.starts_with(&abs) {
        return refuse(tr!("output-is-site"), tr!("output-own-folder-hint"));
    }
    for own in ["content", "templates", "themes", "static"] {
        if abs.starts_with(root.join(own)) {
            return refuse(tr!("output-inside-site", folder = own), tr!("output-own-folder-hint"));
        }
    }
    if let Some(home) = std::env::var_os("HOME")
        && abs == absolute(Path::new(&home))
    {
        return refuse(tr!("output-is-home"), tr!("output-own-folder-hint"));
    }
    if abs.is_dir() {
        let mut entries = fs::read_dir(&abs).map_err(io_err(&abs))?;
        let empty = entries.next().is_none();
        if !empty && !abs.join(MANIFEST).is_file() {
            return refuse(tr!("output-not-annals"), tr!("output-not-annals-hint"));
        }
    } else if abs.exists() {
        return refuse(tr!("output-is-file"), tr!("output-is-file-hint"));
    }
    Ok(())
}

/// Refuses a photo cache inside the site's content or inside the output,
/// which a build replaces whole.
pub fn check_cache_dir(cache: &Path, root: &Path, output: &Path) -> Result<(), OutputError> {
    let abs = absolute(cache);
    let refuse =
        |reason: String| Err(OutputError::CacheRefused { path: cache.to_path_buf(), reason });
    if abs.starts_with(absolute(&root.join("content"))) {
        return refuse(tr!("output-inside-site", folder = "content"));
    }
    if abs.starts_with(absolute(output)) {
        return refuse(tr!("output-cache-in-output"));
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    // A folder not made yet: resolve its parent.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// What the output stage did.
#[derive(Debug, Default, Clone)]
pub struct WriteSummary {
    /// Files in the output, the manifest included.
    pub files: usize,
    /// Of them, HTML pages.
    pub pages: usize,
    /// Of them, files the previous build wrote with the same bytes, kept
    /// (hard-linked) instead of written again.
    pub unchanged: usize,
    pub bytes: u64,
}

/// Where rendered files go: a build's staging folder, or memory.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), OutputError>;
}

/// Files kept in memory, for `serve` and `check`, which write nothing.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<(), OutputError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// A build being written. Files go into a staging folder beside the
/// output as soon as they are made, so the site is never held in memory
/// whole; `commit` writes the manifest and swaps the staging folder in.
/// Dropped without a commit (a build that failed), the staging folder is
/// removed and the output is left exactly as it was.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    /// Where the old output goes while the new one is swapped in, where
    /// the two cannot be exchanged in one step.
    old: PathBuf,
    previous: Previous,
    /// Folders made so far, relative to the staging folder.
    dirs: Mutex<HashSet<String>>,
    written: Mutex<Vec<Written>>,
    committed: bool,
}

struct Written {
    path: String,
    hash: String,
    len: u64,
    unchanged: bool,
}

/// The previous build's manifest: each file's hash, and when the manifest
/// was written. A file not modified since then still holds those bytes.
#[derive(Default)]
struct Previous {
    hashes: HashMap<String, String>,
    written: Option<SystemTime>,
}

impl Previous {
    fn read(output: &Path) -> Previous {
        let path = output.join(MANIFEST);
        let (Ok(text), Ok(meta)) = (fs::read_to_string(&path), fs::metadata(&path)) else {
            return Previous::default();
        };
        let hashes = text
            .lines()
            .filter_map(|line| line.split_once("  "))
            .map(|(hash, path)| (path.to_owned(), hash.to_owned()))
            .collect();
        Previous { hashes, written: meta.modified().ok() }
    }

    /// Whether the previous output's file at `path` is known to hold the
    /// bytes hashed `hash`: the manifest says so, and the file has the
    /// right length and was not modified after the manifest was written.
    fn holds(&self, output: &Path, path: &str, hash: &str, len: u64) -> bool {
        let (Some(old), Some(written)) = (self.hashes.get(path), self.written) else {
            return false;
        };
        old == hash
            && fs::symlink_metadata(output.join(path)).is_ok_and(|m| {
                m.is_file() && m.len() == len && m.modified().is_ok_and(|t| t <= written)
            })
    }
}

impl Staging {
    /// Checks the output folder and makes an empty staging folder beside it.
    pub fn begin(output: &Path, root: &Path) -> Result<Staging, OutputError> {
        check_output_dir(output, root)?;
        let output = absolute(output);
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_stale(&parent, &name);
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.annals-staging-{pid}"));
        let old = parent.join(format!(".{name}.annals-old-{pid}"));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_err(&dir))?;
        Ok(Staging {
            previous: Previous::read(&output),
            output,
            dir,
            old,
            dirs: Mutex::new(HashSet::new()),
            written: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    fn make_parent(&self, path: &str) -> Result<(), OutputError> {
        let Some((parent, _)) = path.rsplit_once('/') else { return Ok(()) };
        if self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(parent) {
            return Ok(());
        }
        let dir = self.dir.join(parent);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(parent.to_owned());
        Ok(())
    }

    /// Writes the manifest and puts the staging folder in the place of the
    /// output. Two files for one path are refused here.
    pub fn commit(mut self) -> Result<WriteSummary, OutputError> {
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        if let Some(pair) = written.windows(2).find(|p| p[0].path == p[1].path) {
            return Err(OutputError::Clash(pair[0].path.clone()));
        }
        let mut manifest = String::with_capacity(written.len() * 100);
        let mut summary = WriteSummary::default();
        for w in &written {
            manifest.push_str(&w.hash);
            manifest.push_str("  ");
            manifest.push_str(&w.path);
            manifest.push('\n');
            summary.files += 1;
            summary.pages += usize::from(w.path.ends_with(".html"));
            summary.unchanged += usize::from(w.unchanged);
            summary.bytes += w.len;
        }
        // Not synced to disk: one fsync makes the file system write out
        // every pending file of the build (seconds on a disk), and only
        // syncing them all would make the output survive a power cut.
        // `annals verify` tells whether one did.
        let path = self.dir.join(MANIFEST);
        fs::write(&path, manifest).map_err(io_err(&path))?;
        summary.files += 1;
        swap(&self.dir, &self.output, &self.old)?;
        self.committed = true;
        Ok(summary)
    }
}

impl Sink for Staging {
    /// Writes one file into the staging folder, or hard-links the previous
    /// output's copy when it holds the same bytes: an unchanged file is not
    /// written again and keeps its modification time, so tools that deploy
    /// by size and time (rsync) send only what changed.
    fn put(&self, file: OutputFile) -> Result<(), OutputError> {
        if file.path == MANIFEST {
            return Err(OutputError::Clash(MANIFEST.to_owned()));
        }
        self.make_parent(&file.path)?;
        let bytes = match file.content {
            FileContent::Bytes(b) => b,
            FileContent::Copy(src) => fs::read(&src).map_err(io_err(&src))?,
        };
        let hash = hex::encode(Sha256::digest(&bytes));
        let len = bytes.len() as u64;
        let target = self.dir.join(&file.path);
        let unchanged = self.previous.holds(&self.output, &file.path, &hash, len)
            && fs::hard_link(self.output.join(&file.path), &target).is_ok();
        if !unchanged {
            // Never through an existing file: that could be a link into
            // the previous output. Two files for one path clash.
            let mut f = fs::File::options().write(true).create_new(true).open(&target).map_err(
                |e| match e.kind() {
                    io::ErrorKind::AlreadyExists => OutputError::Clash(file.path.clone()),
                    _ => OutputError::Io { path: target.clone(), source: e },
                },
            )?;
            f.write_all(&bytes).map_err(io_err(&target))?;
        }
        let written = Written { path: file.path, hash, len, unchanged };
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push(written);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` as the new content of `output`, atomically replacing
/// what was there: the tests' way to make an output.
#[cfg(test)]
pub fn write(
    output: &Path,
    root: &Path,
    files: Vec<OutputFile>,
) -> Result<WriteSummary, OutputError> {
    use rayon::prelude::*;
    let staging = Staging::begin(output, root)?;
    files.into_par_iter().try_for_each(|f| staging.put(f))?;
    staging.commit()
}

/// Clears what builds of this output that were killed (`kill -9`, a power
/// cut) left beside it: their staging folders, `.NAME.annals-staging-PID`,
/// and their moved-aside previous outputs, `.NAME.annals-old-PID`, where no
/// process PID runs any more. A build killed between the two renames of its
/// swap left no output at all and the previous one aside: that one is put
/// back first. Only folders of exactly those names are touched, never a
/// link, never a live build's; what cannot be removed waits for the next
/// build.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging_prefix = format!(".{name}.annals-staging-");
    let old_prefix = format!(".{name}.annals-old-");
    let (mut stale, mut old) = (Vec::new(), Vec::new());
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let (is_old, pid) =
            match (file_name.strip_prefix(&old_prefix), file_name.strip_prefix(&staging_prefix)) {
                (Some(pid), _) => (true, pid),
                (None, Some(pid)) => (false, pid),
                (None, None) => continue,
            };
        // Digits as `write` names them: no sign, no leading zero.
        let Some(pid) = pid.parse::<u32>().ok().filter(|p| p.to_string() == pid) else {
            continue;
        };
        // `DirEntry::file_type` does not follow links.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) || process_alive(pid) {
            continue;
        }
        if is_old { old.push(entry.path()) } else { stale.push(entry.path()) }
    }
    let output = parent.join(name);
    if let [previous] = old.as_slice()
        && fs::symlink_metadata(&output).is_err()
        && fs::rename(previous, &output).is_ok()
    {
        old.clear();
    }
    // With no output and several old ones, which was last is unknown:
    // they are kept for the user to choose.
    if fs::symlink_metadata(&output).is_ok() {
        stale.append(&mut old);
    }
    for dir in stale {
        let _ = fs::remove_dir_all(dir);
    }
}

/// Whether process `pid` runs (a zombie counts); this process's own
/// folders are left by an earlier process of the same number, so they are
/// stale. Where that cannot be known, every process is taken to run.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        use rustix::process::{Pid, test_kill_process};
        let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
            return true;
        };
        // Signal 0 sends nothing; it only asks whether `pid` exists.
        !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The whole site as `write` would write it, minus the manifest: the
/// files sorted by path, two for one path refused. Writes nothing: `serve`
/// and `check` use it to see the site without a disk.
pub fn assemble(mut files: Vec<OutputFile>) -> Result<Vec<OutputFile>, OutputError> {
    if files.iter().any(|f| f.path == MANIFEST) {
        return Err(OutputError::Clash(MANIFEST.to_owned()));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in files.windows(2) {
        if pair[0].path == pair[1].path {
            return Err(OutputError::Clash(pair[0].path.clone()));
        }
    }
    Ok(files)
}

/// Puts `staging` in the place of `output`. On Linux the two folders are
/// exchanged in one step, so at no moment is there no output; elsewhere
/// (or on a file system that cannot) the old output is renamed aside
/// first. The old output is then removed; should that fail, the new output
/// is in place all the same, and the next build removes what is left.
fn swap(staging: &Path, output: &Path, old: &Path) -> Result<(), OutputError> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(io_err(output));
    }
    if exchange(staging, output).is_ok() {
        // `staging` now holds the old output.
        let _ = fs::remove_dir_all(staging);
        return Ok(());
    }
    fs::rename(output, old).map_err(io_err(output))?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(old, output);
        return Err(OutputError::Io { path: output.to_path_buf(), source: e });
    }
    let _ = fs::remove_dir_all(old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_site_and_its_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(&root.join("content/out"), root).is_err());
        assert!(check_output_dir(root.parent().unwrap(), root).is_err());
        assert!(check_output_dir(&root.join("public"), root).is_ok());
    }

    #[test]
    fn refuses_a_folder_of_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_output_dir(&out, &dir.path().join("site")).unwrap_err();
        assert!(err.to_string().contains("did not write"), "{err}");
    }

    #[test]
    fn writes_files_and_manifest_then_replaces_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        write(&out, &root, vec![OutputFile::bytes("a/index.html", b"one".to_vec())]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert!(manifest.ends_with("  a/index.html\n"), "{manifest}");
        write(&out, &root, vec![OutputFile::bytes("b.html", b"two".to_vec())]).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
        let leftovers: Vec<_> =
            fs::read_dir(&root).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    /// The number of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn stale_folders_of_ended_builds_go_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let parent = dir.path();
        let dead = dead_pid();
        fs::create_dir_all(parent.join("public")).unwrap();
        let gone = [
            format!(".public.annals-staging-{dead}"),
            format!(".public.annals-old-{dead}"),
            format!(".public.annals-staging-{}", std::process::id()),
        ];
        let kept = [
            ".public.annals-staging-1".to_owned(), // init runs
            format!(".public.annals-staging-0{dead}"),
            format!(".public.annals-staging-+{dead}"),
            format!(".public.annals-staging-{dead}x"),
            format!(".publication.annals-staging-{dead}"),
            format!(".other.annals-old-{dead}"),
            format!("public.annals-old-{dead}"),
            "notes".to_owned(),
        ];
        for name in gone.iter().chain(&kept) {
            fs::create_dir_all(parent.join(name).join("a")).unwrap();
            fs::write(parent.join(name).join("a/index.html"), "x").unwrap();
        }
        // A file and a link of a stale name are not folders annals made.
        let file = format!(".public.annals-old-{}", dead_pid());
        fs::write(parent.join(&file), "mine").unwrap();
        let link = format!(".public.annals-staging-{}", dead_pid());
        std::os::unix::fs::symlink(parent.join("notes"), parent.join(&link)).unwrap();
        remove_stale(parent, "public");
        let mut expected: Vec<String> =
            kept.iter().cloned().chain([file, link, "public".to_owned()]).collect();
        expected.sort();
        assert_eq!(names(parent), expected);
        assert!(parent.join("notes/a/index.html").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_build_killed_mid_swap_gets_its_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let parent = dir.path();
        let dead = dead_pid();
        let old = parent.join(format!(".public.annals-old-{dead}"));
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        let staging = parent.join(format!(".public.annals-staging-{dead}"));
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("index.html"), "next").unwrap();
        remove_stale(parent, "public");
        assert_eq!(names(parent), ["public"]);
        assert_eq!(fs::read_to_string(parent.join("public/index.html")).unwrap(), "previous");
    }
}
