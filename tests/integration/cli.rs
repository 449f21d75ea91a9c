//! The `annals` binary: exit codes and the commands of this stage.

use crate::support::{TestSite, annals};

#[test]
fn build_succeeds_with_status_0() {
    let site = TestSite::new();
    let out = annals().args(["build", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Built 1 report(s)"));
}

#[test]
fn content_errors_exit_1_with_file_line_and_hint() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle: One\ntags: [a\n---\n");
    let out = annals().args(["build", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: content/2024/01-one.md:"), "{stderr}");
    assert!(stderr.trim_end().ends_with("1 error"), "{stderr}");
}

#[test]
fn wrong_usage_exits_2() {
    let out = annals().args(["build", "--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = annals().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_site_yaml_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = annals().args(["build", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("annals init"));
}

#[test]
fn init_makes_a_site_that_builds_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mysite");
    let out = annals().arg("init").arg(&site).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = annals().args(["build", "--root"]).arg(&site).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let chapter = std::fs::read_to_string(site.join("public/2025/events/index.html")).unwrap();
    assert!(chapter.contains(">2次</a>"), "derived count of two visits: {chapter}");
    let again = annals().arg("init").arg(&site).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}
