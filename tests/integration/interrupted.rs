//! Builds that do not finish: killed with `kill -9` at any moment, or
//! unable to write (a disk that fills up, a file-size limit). Each leaves
//! the previous output exactly as it was, and the next build clears what
//! a killed one left beside it.

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use annals::Error;

use crate::support::{TestSite, annals, tree};

fn build_command(site: &TestSite) -> Command {
    let mut command = annals();
    command
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--cache-dir")
        .arg(site.root().join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// The staging and old folders beside `dir`'s output `public`.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.annals-"))
        .collect();
    names.sort();
    names
}

/// `public` is byte for byte `expected` and matches its manifest.
fn assert_output_is(
    out: &Path,
    expected: &std::collections::BTreeMap<String, Vec<u8>>,
    when: &str,
) {
    let now = tree(out);
    if &now != expected {
        let differ: Vec<&String> = expected
            .keys()
            .chain(now.keys())
            .filter(|k| now.get(*k) != expected.get(*k))
            .take(10)
            .collect();
        panic!(
            "{when}: the output is not the previous one ({} files instead of {}); such as {differ:?}",
            now.len(),
            expected.len()
        );
    }
    let fixity = annals::output::verify(out).unwrap();
    assert!(fixity.is_intact(), "{when}: {fixity:?}");
}

/// The number of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// When to kill a build.
#[derive(Debug)]
enum Moment {
    /// This long after its staging folder appeared.
    Staged(Duration),
    /// This long after it started.
    Started(Duration),
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output() {
    let site = TestSite::new();
    site.file("content/notes/_index.md", "---\ntitle: Notes\n---\n");
    for n in 0..600 {
        site.file(
            &format!("content/notes/note-{n:04}.md"),
            &format!("---\ntitle: Note {n}\n---\nThe note number {n}, a few words to index.\n"),
        );
    }
    let out = site.root().join("public");

    // A first build, timed: how long a build takes, and its writing.
    let started = Instant::now();
    let mut child = build_command(&site).spawn().unwrap();
    let staging = site.root().join(format!(".public.annals-staging-{}", child.id()));
    let mut staged_at = None;
    let status = loop {
        if staged_at.is_none() && staging.exists() {
            staged_at = Some(started.elapsed());
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    assert!(status.success(), "{status}");
    let whole = started.elapsed();
    let writing = whole - staged_at.expect("the staging folder was seen");
    let mut previous = tree(&out);
    assert!(previous.len() > 600, "{} files", previous.len());

    // Kill as soon as the staging folder appears, a third and two thirds
    // into the writing, and at moments over the whole build that move with
    // the clock, so that runs differ.
    let jitter =
        f64::from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_millis()) / 1000.0;
    let moments = [
        Moment::Staged(Duration::ZERO),
        Moment::Staged(writing / 3),
        Moment::Staged(writing * 2 / 3),
        Moment::Started(whole.mul_f64(0.1 + 0.2 * jitter)),
        Moment::Started(whole.mul_f64(0.4 + 0.3 * jitter)),
        Moment::Started(whole.mul_f64(0.7 + 0.4 * jitter)),
        // Last, so that the next build has a staging folder to clear.
        Moment::Staged(Duration::ZERO),
    ];
    let (mut while_writing, mut before_writing, mut after_swap, mut finished) = (0, 0, 0, 0);
    for (i, moment) in moments.iter().enumerate() {
        site.file("content/notes/note-0000.md", &format!("---\ntitle: Note 0\n---\nEdit {i}.\n"));
        let started = Instant::now();
        let mut child = build_command(&site).spawn().unwrap();
        let staging = site.root().join(format!(".public.annals-staging-{}", child.id()));
        match moment {
            Moment::Staged(after) => {
                while !staging.exists() && child.try_wait().unwrap().is_none() {
                    assert!(started.elapsed() < Duration::from_secs(20), "the build hangs");
                    std::thread::sleep(Duration::from_micros(100));
                }
                std::thread::sleep(*after);
            }
            Moment::Started(after) => std::thread::sleep(*after),
        }
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let when = format!("killed at {moment:?} ({:?} in)", started.elapsed());
        if status.success() {
            // It finished first: its output is the one to keep now.
            finished += 1;
            previous = tree(&out);
            assert!(annals::output::verify(&out).unwrap().is_intact(), "{when}");
            assert!(previous["notes/note-0000/index.html"].ends_with(b"</html>\n"));
            continue;
        }
        assert_eq!(status.signal(), Some(9), "{when}: {status}");
        if let Moment::Staged(Duration::ZERO) = moment {
            // Killed the moment its staging folder appeared, so surely
            // while writing: what it wrote is left for the next build.
            assert!(staging.is_dir(), "{when}: no staging folder left");
        }
        let fixity = annals::output::verify(&out).unwrap();
        assert!(fixity.is_intact(), "{when}: {fixity:?}");
        let now = tree(&out);
        if now == previous {
            if staging.exists() {
                while_writing += 1;
            } else {
                before_writing += 1;
            }
        } else {
            // Killed after its swap, while it removed the old output: the
            // new output is in place, and whole, every file as its
            // manifest says and none more.
            let page = String::from_utf8_lossy(&now["notes/note-0000/index.html"]).into_owned();
            assert!(page.contains(&format!("Edit {i}.")), "{when}: neither output: {page}");
            after_swap += 1;
            previous = now;
        }
    }
    println!(
        "kill -9: a build takes {whole:?}, {writing:?} from its staging folder to its end; killed {before_writing} times before writing, {while_writing} while writing, {after_swap} after the swap; {finished} finished first"
    );
    assert!(!leftovers(site.root()).is_empty());

    // The next build succeeds and clears what the killed ones left.
    let done = build_command(&site).output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    let page = fs::read_to_string(out.join("notes/note-0000/index.html")).unwrap();
    assert!(page.contains(&format!("Edit {}.", moments.len() - 1)), "{page}");
    assert!(annals::output::verify(&out).unwrap().is_intact());
}

#[test]
fn a_build_killed_between_the_renames_of_its_swap_gets_its_output_back() {
    let site = TestSite::new();
    site.build().unwrap();
    let out = site.root().join("public");
    let previous = tree(&out);
    // What a build killed between its two renames leaves: the previous
    // output moved aside, the new one whole in its staging folder, and no
    // output.
    let dead = dead_pid();
    fs::rename(&out, site.root().join(format!(".public.annals-old-{dead}"))).unwrap();
    let staging = site.root().join(format!(".public.annals-staging-{dead}"));
    fs::create_dir_all(&staging).unwrap();
    fs::write(staging.join("index.html"), "the next build").unwrap();
    // The next build fails in the output stage: a static file has the path
    // of a page.
    site.file("static/2024/index.html", "a clash");
    match site.build() {
        Err(Error::Output(e)) => assert!(e.to_string().contains("same path"), "{e}"),
        other => panic!("the build should have failed: {other:?}"),
    }
    assert_output_is(&out, &previous, "after the failed build");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

/// A site whose output is bigger by a file of `bytes` bytes.
fn bigger(bytes: usize) -> TestSite {
    let site = TestSite::new();
    site.bytes("static/scans/report-2024.pdf", &vec![b'%'; bytes]);
    site
}

/// How a second build is kept from writing.
enum Obstacle {
    /// A tmpfs of this many KiB, mounted in a mount namespace of its own
    /// by `unshare` with these arguments.
    FullDisk { kib: u64, unshare: Vec<&'static str> },
    /// `ulimit -f` of this many 512-byte blocks (1 KiB ones in bash).
    FileSizeLimit { blocks: u64 },
}

/// What a second build that could not write did.
struct Outcome {
    _work: tempfile::TempDir,
    status: String,
    stderr: String,
    disk: PathBuf,
    before: PathBuf,
    after: PathBuf,
    listing: String,
}

/// Builds `small` into `DISK/public`, then `big` over it past `obstacle`,
/// in one `sh` script (so a tmpfs lives in its namespace throughout), and
/// copies the output out after each.
fn build_twice(small: &TestSite, big: &TestSite, obstacle: &Obstacle) -> Outcome {
    let work_dir = tempfile::tempdir().unwrap();
    let work = work_dir.path().to_path_buf();
    let disk = work.join("disk");
    fs::create_dir_all(&disk).unwrap();
    let (setup, limit, prefix) = match obstacle {
        Obstacle::FullDisk { kib, unshare } => (
            format!("mount -t tmpfs -o size={kib}k annals-test \"$DISK\""),
            String::new(),
            unshare.clone(),
        ),
        Obstacle::FileSizeLimit { blocks } => {
            (String::new(), format!("ulimit -f {blocks}"), Vec::new())
        }
    };
    let script = format!(
        "set -eu\n{setup}\n\
         \"$ANNALS\" build --root \"$SMALL\" --output \"$DISK/public\" --cache-dir \"$WORK/cache\" >\"$WORK/first\" 2>&1\n\
         cp -a \"$DISK/public\" \"$WORK/before\"\n\
         set +e\n\
         ({limit}\nexec \"$ANNALS\" build --root \"$BIG\" --output \"$DISK/public\" --cache-dir \"$WORK/cache\") >/dev/null 2>\"$WORK/stderr\"\n\
         echo $? >\"$WORK/status\"\n\
         set -e\n\
         cp -a \"$DISK/public\" \"$WORK/after\"\n\
         ls -A \"$DISK\" >\"$WORK/listing\"\n"
    );
    let mut command = match prefix.split_first() {
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg("sh");
            c
        }
        None => Command::new("sh"),
    };
    let run = command
        .arg("-c")
        .arg(&script)
        .env("ANNALS", env!("CARGO_BIN_EXE_annals"))
        .env("LC_ALL", "C.UTF-8")
        .env("SMALL", small.root())
        .env("BIG", big.root())
        .env("DISK", &disk)
        .env("WORK", &work)
        .output()
        .unwrap();
    let first = fs::read_to_string(work.join("first")).unwrap_or_default();
    assert!(
        run.status.success(),
        "the script failed: {}\nfirst build: {first}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |name: &str| fs::read_to_string(work.join(name)).unwrap();
    Outcome {
        _work: work_dir,
        status: read("status").trim().to_owned(),
        stderr: read("stderr"),
        before: work.join("before"),
        after: work.join("after"),
        listing: read("listing"),
        disk,
    }
}

/// The second build failed with status 1 and `reason`, naming the file it
/// could not write and giving `hint`; the output is the first build's,
/// whole, and nothing is left beside it.
fn assert_refused_cleanly(outcome: &Outcome, reason: &str, hint: &str) {
    let Outcome { status, stderr, disk, before, after, listing, .. } = outcome;
    assert_eq!(status, "1", "{stderr}");
    let named = stderr
        .strip_prefix("error: cannot write ")
        .and_then(|rest| rest.split_once(": "))
        .map(|(path, _)| path)
        .unwrap_or_else(|| panic!("no file named: {stderr}"));
    let staging = format!("{}/.public.annals-staging-", disk.display());
    assert!(named.starts_with(&staging), "{named} is not a file of the build: {stderr}");
    assert!(stderr.contains(reason), "{stderr}");
    assert!(stderr.contains(&format!("  = hint: {hint}")), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let previous = tree(before);
    assert!(previous.contains_key("manifest-sha256.txt"), "{:?}", previous.keys());
    assert_output_is(after, &previous, "after the build that could not write");
    assert_eq!(listing.trim(), "public", "left beside the output");
}

/// The largest file of `site`'s output, and the space its files take on a
/// file system of 4 KiB blocks.
fn measure(site: &TestSite) -> (u64, u64) {
    let (_tmp, out) = crate::support::build(site.root());
    let sizes: Vec<u64> = tree(&out).values().map(|b| b.len() as u64).collect();
    let largest = sizes.iter().copied().max().unwrap();
    (largest, sizes.iter().map(|s| s.div_ceil(4096) * 4096).sum())
}

/// How to mount a tmpfs here, or why it cannot be done.
fn tmpfs_unshare() -> Result<Vec<&'static str>, String> {
    let mut tried = Vec::new();
    let mount_point = tempfile::tempdir().unwrap();
    for args in
        [vec!["unshare", "--user", "--map-root-user", "--mount"], vec!["unshare", "--mount"]]
    {
        let probe = Command::new(args[0])
            .args(&args[1..])
            .args(["sh", "-c", "mount -t tmpfs -o size=64k annals-probe \"$1\"", "sh"])
            .arg(mount_point.path())
            .output();
        match probe {
            Ok(o) if o.status.success() => return Ok(args),
            Ok(o) => tried.push(format!(
                "`{}`: {}",
                args.join(" "),
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            Err(e) => tried.push(format!("`{}`: {e}", args.join(" "))),
        }
    }
    Err(tried.join("; "))
}

fn file_size_limit(small: &TestSite) -> Outcome {
    let (largest, _) = measure(small);
    // Over the largest file either way the shell counts blocks, and well
    // under the scan.
    let blocks = (largest * 2).div_ceil(512).max(128);
    let big = bigger((blocks * 1024 * 4) as usize);
    build_twice(small, &big, &Obstacle::FileSizeLimit { blocks })
}

#[test]
fn a_full_disk_leaves_the_previous_output() {
    let small = TestSite::new();
    match tmpfs_unshare() {
        Ok(unshare) => {
            let (_, used) = measure(&small);
            // Room for one output and a half; the bigger site needs more.
            let kib = (used * 3 / 2).div_ceil(1024) + 16;
            println!("disk full: a tmpfs of {kib} KiB, mounted with `{}`", unshare.join(" "));
            let big = bigger((kib * 1024 * 2) as usize);
            let outcome = build_twice(&small, &big, &Obstacle::FullDisk { kib, unshare });
            assert_refused_cleanly(&outcome, "No space left on device", "the disk is full");
        }
        Err(why) => {
            println!(
                "disk full: no tmpfs can be mounted here ({why}); a file-size limit (`ulimit -f`) stands in for the full disk"
            );
            let outcome = file_size_limit(&small);
            assert_refused_cleanly(&outcome, "File too large", "the file is larger than");
        }
    }
}

#[test]
fn a_file_size_limit_leaves_the_previous_output() {
    let small = TestSite::new();
    let outcome = file_size_limit(&small);
    assert_refused_cleanly(&outcome, "File too large", "the file is larger than");
    assert!(outcome.stderr.contains("report-2024.pdf"), "names the file: {}", outcome.stderr);
}
