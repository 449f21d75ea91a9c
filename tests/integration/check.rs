//! `annals check`: every planted problem in one run, with file and line;
//! nothing written; the example site and the fixtures pass.

use crate::support::{TestSite, annals, fixture, repo_root, tree};

fn check(root: &std::path::Path) -> (Option<i32>, String, String) {
    let out = annals().args(["check", "--root"]).arg(root).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn planted() -> TestSite {
    let site = TestSite::new();
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\n---\n## Start\n\nSee [two](02-two.md#midle) and [three](03-three.md).\n\n![a photo](photos/missing.jpg)\n\nAlso [the plan](plan.pdf) and <img src=\"../two/index.html\">.\n",
    )
    .file(
        "content/2024/02-two.md",
        "---\ntitle: Two\n---\n## Middle\n\nBack to [one](01-one.md#start).\n",
    );
    site
}

#[test]
fn finds_every_planted_problem_in_one_run_and_writes_nothing() {
    let site = planted();
    let before = tree(site.root());
    let (code, _, stderr) = check(site.root());
    assert_eq!(code, Some(1), "{stderr}");
    let expect = [
        // A broken anchor, with the nearest id.
        "error: content/2024/01-one.md:6:5: `02-two.md#midle`: the page `2024/two/index.html` has no `#midle`",
        // A link to no page, with the nearest file.
        "error: content/2024/01-one.md:6:32: the link `03-three.md` leads to no page",
        // A missing photo.
        "error: content/2024/01-one.md:8:1: the photo `photos/missing.jpg` does not exist",
        // A link to no file.
        "error: content/2024/01-one.md:10:6: `plan.pdf` leads to no page or file",
        // An image without alt text.
        "error: content/2024/01-one.md:10:31: the image `../two/index.html` has no alt text",
    ];
    for line in expect {
        assert!(stderr.contains(line), "missing `{line}` in:\n{stderr}");
    }
    assert!(stderr.contains("did you mean `#middle`?"), "{stderr}");
    // Sorted by file and line.
    let positions: Vec<usize> = expect.iter().map(|l| stderr.find(l).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{stderr}");
    assert!(stderr.contains("5 errors"), "{stderr}");
    // Nothing written: no output folder, no other file.
    assert_eq!(tree(site.root()), before);
}

#[test]
fn the_library_reports_errors_and_warnings_apart() {
    let site = TestSite::new();
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\nstats:\n  - key: cited\n    label: Cited\n    value: 3\n  - key: uncited\n    label: Uncited\n    value: 4\n---\nWe met {{ stat(key=\"cited\") }} times.\n",
    )
    .bytes("content/2024/photos/stray.jpg", &photo());
    let report = annals::check(&annals::BuildOptions::new(site.root()));
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].starts_with("content/2024/01-one.md:7:"), "{warnings:#?}");
    assert!(warnings[0].contains("`uncited` is cited by no text"));
    assert!(warnings[1].starts_with("content/2024/photos/stray.jpg: nothing shows this photo"));
    // Warnings alone do not fail the check.
    let (code, stdout, _) = check(site.root());
    assert_eq!(code, Some(0));
    assert!(stdout.contains("0 errors, 2 warnings"), "{stdout}");
}

#[test]
fn a_broken_front_matter_does_not_hide_other_problems() {
    let site = planted();
    site.file("content/2024/03-broken.md", "---\ntitel: Broken\n---\n");
    let (code, _, stderr) = check(site.root());
    assert_eq!(code, Some(1));
    assert!(stderr.contains("content/2024/03-broken.md:2:1: unknown key `titel`"), "{stderr}");
    assert!(stderr.contains("has no `#midle`"), "{stderr}");
}

#[test]
fn the_example_site_and_the_fixtures_pass() {
    for root in [repo_root(), fixture("two-years")] {
        let (code, stdout, stderr) = check(&root);
        assert_eq!(code, Some(0), "{}:\n{stderr}", root.display());
        assert!(stdout.starts_with("Checked: 0 errors"), "{stdout}");
    }
}

/// A tiny valid JPEG.
fn photo() -> Vec<u8> {
    annals::images::placeholder_jpeg(8, 8)
}

/// A report whose chapters skip a number is warned about at the chapter
/// after the gap; the check still passes.
#[test]
fn a_gap_in_chapter_numbers_is_a_warning() {
    let site = TestSite::new();
    site.file("content/2024/03-three.md", "---\ntitle: Three\n---\nBody.\n");
    site.file("content/2024/07-seven.md", "---\ntitle: Seven\n---\nBody.\n");
    let report = annals::check(&site.options());
    assert!(report.errors.is_empty(), "{report:#?}");
    let gaps: Vec<(String, &str)> = report
        .warnings
        .iter()
        .map(|d| (d.file.display().to_string(), d.message.as_str()))
        .collect();
    assert_eq!(
        gaps,
        [
            (
                "content/2024/03-three.md".to_owned(),
                "chapter 3 follows chapter 1: there is no chapter 2"
            ),
            (
                "content/2024/07-seven.md".to_owned(),
                "chapter 7 follows chapter 3: there is no chapter 4 to 6"
            ),
        ]
    );
}

/// The photos of a draft report wait for it: `check` does not call them
/// unshown, while a published report's unshown photo is still named.
#[test]
fn photos_of_a_draft_report_are_not_called_unshown() {
    let site = TestSite::new();
    site.file("content/2025/_index.md", "---\ntitle: Next year\ndraft: true\n---\nSoon.\n");
    site.bytes("content/2025/photos/later.jpg", &photo());
    site.bytes("content/2024/photos/spare.jpg", &photo());
    let report = annals::check(&site.options());
    let unshown: Vec<String> = report
        .warnings
        .iter()
        .filter(|d| d.message == "nothing shows this photo")
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(unshown, ["content/2024/photos/spare.jpg"]);
}
