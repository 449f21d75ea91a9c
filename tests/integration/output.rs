//! The output folder: staged and swapped, never the site itself, and left
//! as it was when a build fails.

use std::fs;

use annals::Error;

use crate::support::{TestSite, tree};

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::new();
    site.build().unwrap();
    let out = site.root().join("public");
    let before = tree(&out);
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n[dead](nowhere.md)\n");
    assert!(site.build().is_err());
    assert_eq!(tree(&out), before);
    let names: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("annals-")), "staging left behind: {names:?}");
}

#[test]
fn a_new_build_replaces_the_old_output_whole() {
    let site = TestSite::new();
    site.file("content/2024/02-two.md", "---\ntitle: Two\n---\n");
    site.build().unwrap();
    let out = site.root().join("public");
    assert!(out.join("2024/two/index.html").is_file());
    fs::remove_file(site.root().join("content/2024/02-two.md")).unwrap();
    site.build().unwrap();
    assert!(!out.join("2024/two").exists(), "a removed page's output is gone");
}

#[test]
fn the_output_may_not_be_the_site_or_its_content() {
    let site = TestSite::new();
    for bad in [
        site.root().to_path_buf(),
        site.root().join("content"),
        site.root().join("content/2024/out"),
    ] {
        let mut options = site.options();
        options.output = Some(bad.clone());
        match annals::build(&options) {
            Err(Error::Output(e)) => {
                assert!(e.to_string().starts_with("refusing to write the site into"), "{e}")
            }
            other => panic!("{} was accepted: {other:?}", bad.display()),
        }
    }
    assert!(site.root().join("content/2024/01-one.md").is_file());
}

#[test]
fn a_folder_of_other_files_is_refused() {
    let site = TestSite::new();
    site.file("public/notes.txt", "mine");
    match site.build() {
        Err(Error::Output(e)) => assert!(e.to_string().contains("did not write"), "{e}"),
        other => panic!("accepted: {other:?}"),
    }
    assert_eq!(fs::read_to_string(site.root().join("public/notes.txt")).unwrap(), "mine");
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = TestSite::new();
    site.file("content/2024/02-draft.md", "---\ntitle: Draft\ndraft: true\n---\n");
    site.build().unwrap();
    assert!(!site.root().join("public/2024/draft").exists());
    let mut options = site.options();
    options.drafts = true;
    annals::build(&options).unwrap();
    assert!(site.root().join("public/2024/draft/index.html").is_file());
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = TestSite::new();
    site.file(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Custom missing page</p>{% endblock main %}",
    );
    site.file("static/assets/annals.css", "body { color: red }");
    site.file("static/favicon.ico", "icon");
    site.build().unwrap();
    let out = site.root().join("public");
    assert!(fs::read_to_string(out.join("404.html")).unwrap().contains("Custom missing page"));
    assert_eq!(fs::read_to_string(out.join("assets/annals.css")).unwrap(), "body { color: red }");
    assert!(out.join("favicon.ico").is_file());
}

#[test]
fn english_sites_use_english_strings_and_figures() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nlanguage: en\n");
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\nstats:\n  - key: a\n    label: Visits\n    value: 10\n    approx: over\n  - key: b\n    label: Funds\n    value: 26\n    approx: nearly\n    unit: k\n---\n{{ stat(key=\"a\") }} and {{ stat(key=\"b\") }}\n",
    );
    site.build().unwrap();
    let page = fs::read_to_string(site.root().join("public/2024/one/index.html")).unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains(">10+</a> and <a"), "{page}");
    assert!(page.contains(">nearly 26 k</a>"), "{page}");
    assert!(page.contains("Part 1"));
}

#[test]
fn a_static_file_may_not_replace_a_page() {
    let site = TestSite::new();
    site.file("static/2024/index.html", "<p>mine</p>");
    match site.build() {
        Err(Error::Output(e)) => {
            assert_eq!(
                e.to_string(),
                "two files would be written to the same path `2024/index.html`"
            )
        }
        other => panic!("accepted: {other:?}"),
    }
}

#[test]
fn a_static_manifest_is_refused() {
    let site = TestSite::new();
    site.file("static/manifest-sha256.txt", "mine");
    match site.build() {
        Err(Error::Output(e)) => assert!(e.to_string().contains("manifest-sha256.txt"), "{e}"),
        other => panic!("accepted: {other:?}"),
    }
}

#[test]
fn unchanged_files_are_kept_not_written_again() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::new();
    site.file("content/2024/02-two.md", "---\ntitle: Two\n---\nSecond.\n");
    let first = site.build().unwrap();
    assert_eq!(first.unchanged, 0);
    let out = site.root().join("public");
    let kept = out.join("2024/two/index.html");
    let before = fs::metadata(&kept).unwrap();

    site.file("content/2024/01-one.md", "---\ntitle: One\n---\nA new body.\n");
    let second = site.build().unwrap();
    let after = fs::metadata(&kept).unwrap();
    assert_eq!((after.ino(), after.mtime_nsec()), (before.ino(), before.mtime_nsec()));
    assert!(fs::read_to_string(out.join("2024/one/index.html")).unwrap().contains("A new body."));
    assert!(second.unchanged > 0 && second.unchanged < second.files - 1, "{second:?}");
    assert_eq!(fs::metadata(&kept).unwrap().nlink(), 1, "the old output's link is gone");
    assert!(annals::output::verify(&out).unwrap().is_intact());
}

#[test]
fn a_file_edited_in_the_output_is_written_again() {
    let site = TestSite::new();
    site.build().unwrap();
    let out = site.root().join("public");
    let page = out.join("2024/one/index.html");
    let original = fs::read(&page).unwrap();
    // Same length, other bytes, modified after the manifest was written.
    let edited: Vec<u8> = original.iter().map(|b| if *b == b'B' { b'X' } else { *b }).collect();
    assert_ne!(edited, original);
    fs::write(&page, &edited).unwrap();
    let manifest = fs::metadata(out.join("manifest-sha256.txt")).unwrap().modified().unwrap();
    let file = fs::File::options().write(true).open(&page).unwrap();
    file.set_modified(manifest + std::time::Duration::from_secs(2)).unwrap();
    drop(file);
    site.build().unwrap();
    assert_eq!(fs::read(&page).unwrap(), original);
}

#[test]
fn a_clash_with_an_unchanged_page_leaves_the_previous_output_as_it_was() {
    // The page is kept by a link to the previous output's copy; the static
    // file of the same path must not be written through that link.
    let site = TestSite::new();
    site.build().unwrap();
    let out = site.root().join("public");
    let before = tree(&out);
    site.file("static/2024/one/index.html", "<p>mine</p>");
    assert!(matches!(site.build(), Err(Error::Output(_))));
    assert_eq!(tree(&out), before);
}

/// A symbolic link in `static/` is published when it stays inside the
/// site, and refused by name when it leads outside it or nowhere; it is
/// never left out without a word.
#[cfg(unix)]
#[test]
fn symbolic_links_in_static_are_followed_inside_the_site_and_refused_outside() {
    use std::os::unix::fs::symlink;
    let site = TestSite::new();
    site.file("files/plan.pdf", "%PDF plan");
    fs::create_dir_all(site.root().join("static/downloads")).unwrap();
    symlink(site.root().join("files/plan.pdf"), site.root().join("static/downloads/plan.pdf"))
        .unwrap();
    symlink("../files", site.root().join("static/shared")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut options = site.options();
    options.output = Some(out.path().join("public"));
    annals::build(&options).expect("links inside the site build");
    let published = tree(&out.path().join("public"));
    assert_eq!(published["downloads/plan.pdf"], b"%PDF plan");
    assert_eq!(published["shared/plan.pdf"], b"%PDF plan");

    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "not the site's").unwrap();
    symlink(outside.path().join("secret.txt"), site.root().join("static/secret.txt")).unwrap();
    let e = site.error();
    assert_eq!(e.file, std::path::Path::new("static/secret.txt"), "{e}");
    assert!(e.message.contains("leads outside the site"), "{e}");
    fs::remove_file(site.root().join("static/secret.txt")).unwrap();

    symlink(site.root().join("files/gone.pdf"), site.root().join("static/gone.pdf")).unwrap();
    let e = site.error();
    assert_eq!(e.file, std::path::Path::new("static/gone.pdf"), "{e}");
    assert!(e.message.contains("leads nowhere"), "{e}");
}
