//! The corpus of invalid sites (tests/fixtures/invalid/, written by its
//! make.py): each must fail with exit status 1, no panic, the file, line,
//! message and hint its expected.txt names, and the previous output left
//! exactly as it was.

use std::fs;

use crate::support::{build, fixture, tree};

struct Expected {
    file: Option<String>,
    line: Option<String>,
    message: Option<String>,
    hint: Option<String>,
}

fn expected(text: &str) -> Expected {
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .map(str::to_owned)
            .filter(|v| !v.is_empty())
    };
    Expected { file: get("file"), line: get("line"), message: get("message"), hint: get("hint") }
}

#[test]
fn every_invalid_site_fails_with_file_line_and_hint_and_leaves_the_output() {
    let corpus = fixture("invalid");
    let mut cases: Vec<_> =
        fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 25, "the corpus holds {} cases", cases.len());
    let (_tmp, out) = build(&fixture("two-years"));
    let before = tree(&out);
    let cache = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let want = expected(&fs::read_to_string(case.join("expected.txt")).unwrap());
        let run = crate::support::annals()
            .args(["build", "--root"])
            .arg(case)
            .arg("--output")
            .arg(&out)
            .arg("--cache-dir")
            .arg(cache.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let mut problems = Vec::new();
        if run.status.code() != Some(1) {
            problems.push(format!("exit status {:?}", run.status.code()));
        }
        if stderr.contains("panicked") {
            problems.push("panicked".to_owned());
        }
        let location = match (&want.file, &want.line) {
            (Some(f), Some(l)) => Some(format!("error: {f}:{l}:")),
            (Some(f), None) => Some(format!("error: {f}")),
            _ => None,
        };
        for text in location.iter().chain(&want.message).chain(&want.hint) {
            if !stderr.contains(text.as_str()) {
                problems.push(format!("no `{text}`"));
            }
        }
        if want.hint.is_some() && !stderr.contains("= hint: ") {
            problems.push("no hint".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{stderr}", problems.join(", ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(tree(&out), before, "the previous output changed");
}
