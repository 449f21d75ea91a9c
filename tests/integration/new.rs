//! `annals new report|chapter`, `annals init`'s photo, and completions.

use std::fs;
use std::process::Output;

use crate::support::TestSite;

fn annals(args: &[&str], root: &std::path::Path) -> Output {
    crate::support::annals().args(args).arg("--root").arg(root).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_new_report_is_a_draft_and_its_chapter_takes_the_number_of_its_file() {
    let site = TestSite::new();
    site.file("site.yaml", "title: Test\nlanguage: en\n");
    let out = annals(&["new", "report", "2025"], site.root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("draft"));
    let out = annals(&["new", "chapter", "2025/03-youth-work"], site.root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let chapter = fs::read_to_string(site.root().join("content/2025/03-youth-work.md")).unwrap();
    // The test site is in English: a title from the slug, the number from
    // the file name, which the theme shows as its label.
    assert!(chapter.contains("title: Youth Work"), "{chapter}");
    assert!(!chapter.contains("\nnumber:"), "no number to go stale: {chapter}");
    // A draft is left out until it is published, and shown with --drafts.
    site.build().expect("the new report builds");
    assert!(!site.root().join("public/2025/index.html").exists(), "a draft is not published");
    let mut options = site.options();
    options.drafts = true;
    annals::build(&options).expect("the draft builds with --drafts");
    let page = fs::read_to_string(site.root().join("public/2025/youth-work/index.html")).unwrap();
    assert!(page.contains("Part 3"), "the theme labels the chapter by its file's number");
}

#[test]
fn a_new_chinese_chapter_leaves_the_part_label_to_the_theme() {
    let site = TestSite::new();
    site.file("site.yaml", "title: 测试\nlanguage: zh-CN\n");
    assert_eq!(annals(&["new", "chapter", "2024/02-youth"], site.root()).status.code(), Some(0));
    let chapter = fs::read_to_string(site.root().join("content/2024/02-youth.md")).unwrap();
    assert!(chapter.contains("title: 本章标题"), "{chapter}");
    assert!(!chapter.contains("第2章"), "{chapter}");
    // `--number` pins the number in the front matter.
    let out = annals(&["new", "chapter", "2024/05-pinned", "--number"], site.root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let chapter = fs::read_to_string(site.root().join("content/2024/05-pinned.md")).unwrap();
    assert!(chapter.contains("\nnumber: 5\n"), "{chapter}");
}

#[test]
fn new_never_overwrites() {
    let site = TestSite::new();
    site.file("content/2024/02-two.md", "---\ntitle: Mine\n---\nKeep me.\n");
    let out = annals(&["new", "report", "2024"], site.root());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/2024/_index.md: this report exists already"));
    let out = annals(&["new", "chapter", "2024/02-two"], site.root());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("this chapter exists already"), "{}", stderr(&out));
    // Another number, the same slug: the same address.
    let out = annals(&["new", "chapter", "2024/05-two"], site.root());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("has the slug `two` already"), "{}", stderr(&out));
    let kept = fs::read_to_string(site.root().join("content/2024/02-two.md")).unwrap();
    assert_eq!(kept, "---\ntitle: Mine\n---\nKeep me.\n");
    assert_eq!(
        fs::read_to_string(site.root().join("content/2024/_index.md")).unwrap(),
        "---\ntitle: 2024 report\n---\nPreface.\n"
    );
}

#[test]
fn new_explains_what_is_wrong() {
    let site = TestSite::new();
    for (args, message, hint) in [
        (
            &["new", "chapter", "2030/01-intro"][..],
            "content/2030/_index.md: there is no report for 2030",
            "annals new report 2030",
        ),
        (&["new", "report", "25"], "`25` is not a year", "four digits"),
        (&["new", "chapter", "2024/01-Intro Page"], "is not a URL-safe slug", "a-z, 0-9"),
        (
            &["new", "chapter", "2024/intro"],
            "does not start with the chapter's number",
            "YEAR/NN-slug",
        ),
        (&["new", "chapter", "2024/03-stats"], "taken by the report's own", "another slug"),
    ] {
        let out = annals(args, site.root());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let text = stderr(&out);
        assert!(text.contains(message), "{args:?}: {text}");
        assert!(text.contains(hint), "{args:?}: {text}");
        assert!(text.contains("= hint:"), "{args:?}: {text}");
    }
    // Wrong usage is clap's, status 2.
    let out = annals(&["new", "volume", "2024"], site.root());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_makes_a_report_with_a_photo() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mysite");
    let out = crate::support::annals().arg("init").arg(&site).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(site.join("content/2025/photos/visit.jpg").is_file());
    let (_tmp, public) = crate::support::build(&site);
    let chapter = crate::support::read(&public, "2025/events/index.html");
    assert!(chapter.contains("<figure class=\"photo\">"), "{chapter}");
    assert!(chapter.contains("<figcaption>春季走访"), "{chapter}");
    assert!(chapter.contains("width=\"960\" height=\"640\""), "{chapter}");
    // The report's card on the home page has its cover.
    let home = crate::support::read(&public, "index.html");
    assert!(home.contains("2025/photos/visit-"), "{home}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("Next: cd {} && annals serve", site.display())), "{said}");
    assert!(said.contains("delete content/2025/"), "{said}");
    // And it passes check without a warning.
    let report = annals::check(&annals::BuildOptions::new(&site));
    assert!(report.errors.is_empty() && report.warnings.is_empty(), "{report:#?}");
}

#[test]
fn init_in_the_current_folder_says_the_next_step_without_cd() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        crate::support::annals().args(["init", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Next: annals serve") && !said.contains("cd ."), "{said}");
    assert!(said.starts_with("Created a new site here.\n"), "{said}");
    assert!(dir.path().join("site.yaml").is_file());
}

#[test]
fn completions_for_three_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let out = crate::support::annals().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("annals") && script.contains("serve"), "{shell}");
    }
    let out = crate::support::annals().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
