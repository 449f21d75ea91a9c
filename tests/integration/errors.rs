//! Bad input: every error names the file, the line (and column where there
//! is one) and says what would fix it.

use std::path::Path;

use crate::support::TestSite;

#[test]
fn misspelt_front_matter_key_names_the_nearest_key() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle: One\nsumary: x\n---\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("content/2024/01-one.md"));
    assert_eq!((e.line, e.column), (Some(3), Some(1)));
    assert_eq!(e.message, "unknown key `sumary`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `summary`?"));
}

#[test]
fn misspelt_site_key_names_the_nearest_key() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nlanguge: en\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("site.yaml"));
    assert_eq!(e.line, Some(2));
    assert_eq!(e.hint.as_deref(), Some("did you mean `language`?"));
}

#[test]
fn unknown_keys_in_photos_stats_and_events() {
    let site = TestSite::new();
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\nstats:\n  - key: a\n    label: A\n    value: 1\n    unti: 次\n---\n",
    );
    let e = site.error();
    assert_eq!((e.line, e.hint.as_deref()), (Some(7), Some("did you mean `unit`?")));

    let site = TestSite::new();
    site.file("content/2024/records.yaml", "- date: 2024-01-02\n  title: x\n  kinds: visit\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("content/2024/records.yaml"));
    assert_eq!((e.line, e.hint.as_deref()), (Some(3), Some("did you mean `kind`?")));
}

#[test]
fn front_matter_never_closed() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle: One\n\nBody\n");
    let e = site.error();
    assert_eq!(e.message, "the front matter opened on line 1 is never closed");
    assert!(e.hint.unwrap().contains("add a line `---`"));
}

#[test]
fn front_matter_not_on_the_first_line() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "\n---\ntitle: One\n---\n");
    let e = site.error();
    assert_eq!(e.line, Some(1));
    assert!(e.hint.unwrap().contains("very first line"));
}

#[test]
fn full_width_colon_gets_a_hint() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle：第一章\n---\n");
    let e = site.error();
    assert_eq!(e.line, Some(2));
    assert!(e.hint.as_deref().unwrap().contains("full-width colon"), "{e}");
}

#[test]
fn missing_title() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\nsummary: x\n---\n");
    let e = site.error();
    assert_eq!(e.message, "missing required key `title`");
    assert_eq!(e.file, Path::new("content/2024/01-one.md"));
}

#[test]
fn dead_link_names_file_and_line() {
    let site = TestSite::new();
    site.file("content/2024/02-two.md", "---\ntitle: Two\n---\nSee\n[one](01-on.md).\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("content/2024/02-two.md"));
    assert_eq!(e.line, Some(5));
    assert_eq!(e.message, "the link `01-on.md` leads to no page");
    assert!(e.hint.unwrap().contains("01-one.md"));
}

#[test]
fn unknown_stat_key_fails_the_build() {
    let site = TestSite::new();
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\n---\n\nWe met {{ stat(key=\"meetings\") }} times.\n",
    );
    let e = site.error();
    assert_eq!(e.line, Some(5));
    assert_eq!(e.message, "no stat has the key `meetings` in this report");
}

#[test]
fn missing_photo() {
    let site = TestSite::new();
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\nphotos:\n  - src: gone.jpg\n    alt: x\n---\n",
    );
    let e = site.error();
    assert_eq!(e.line, Some(4));
    assert_eq!(e.message, "the photo `gone.jpg` does not exist");
    assert!(e.hint.unwrap().contains("content/2024/gone.jpg"));
}

#[test]
fn photo_leaving_content() {
    let site = TestSite::new();
    site.file("secret.jpg", "x");
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![x](../../secret.jpg)\n");
    let e = site.error();
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("outside `content/`"), "{e}");
}

#[test]
fn corrupt_photo() {
    let site = TestSite::new();
    site.bytes("content/2024/bad.jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg");
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n\n![broken](bad.jpg \"cap\")\n");
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line), (Path::new("content/2024/01-one.md"), Some(5)));
    assert!(e.message.contains("damaged"), "{e}");
}

#[test]
fn photo_without_alt_or_caption() {
    let site = TestSite::new();
    site.bytes("content/2024/a.png", &tiny_png());
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![](a.png)\n");
    let e = site.error();
    assert!(e.message.contains("neither alt text nor a caption"), "{e}");
}

#[test]
fn impossible_date() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle: One\ndate: 2024-13-45\n---\n");
    let e = site.error();
    assert_eq!(e.line, Some(3));
    assert_eq!(e.message, "`2024-13-45` has no month 13");
}

#[test]
fn duplicate_stat_keys_and_chapter_numbers() {
    let site = TestSite::new();
    let stat = "stats:\n  - key: a\n    label: A\n    value: 1\n";
    site.file("content/2024/01-one.md", &format!("---\ntitle: One\n{stat}---\n"));
    site.file("content/2024/01-two.md", &format!("---\ntitle: Two\n{stat}---\n"));
    let errors = site.errors();
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert!(messages.contains(&"the stat key `a` is used twice in this report"), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.starts_with("chapter number 1 is also the number of")),
        "{messages:?}"
    );
}

#[test]
fn stat_with_value_and_count() {
    let site = TestSite::new();
    site.file(
        "content/2024/stats.yaml",
        "- key: a\n  label: A\n  value: 3\n  count: {kind: visit}\n",
    );
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line), (Path::new("content/2024/stats.yaml"), Some(3)));
    assert!(e.message.contains("both a `value` and a derivation"));
}

#[test]
fn derived_stat_filtering_on_an_unknown_field() {
    let site = TestSite::new();
    site.file(
        "content/2024/stats.yaml",
        "- key: a\n  label: A\n  sum: participants\n  where: {knd: visit}\n",
    );
    let e = site.error();
    assert_eq!(e.message, "events have no field `knd` to filter on");
    assert_eq!(e.hint.as_deref(), Some("did you mean `kind`?"));
}

#[test]
fn stat_naming_an_unknown_chapter() {
    let site = TestSite::new();
    site.file("content/2024/stats.yaml", "- key: a\n  label: A\n  value: 1\n  chapter: onee\n");
    let e = site.error();
    assert_eq!(e.line, Some(4));
    assert_eq!(e.hint.as_deref(), Some("did you mean `one`?"));
}

#[test]
fn chapter_slug_taken_by_a_report_page() {
    let site = TestSite::new();
    site.file("content/2024/09-stats.md", "---\ntitle: Numbers\n---\n");
    let e = site.error();
    assert!(e.message.contains("taken by the report's own stats page"), "{e}");
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = TestSite::new();
    site.file(
        "templates/chapter.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ chapter.title }\n{% endblock main %}\n",
    );
    let e = site.error();
    assert_eq!(e.file, Path::new("templates/chapter.html"));
    assert_eq!(e.line, Some(3));
}

#[test]
fn unknown_theme_names_the_nearest() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: defualt\n");
    let e = site.error();
    assert_eq!(e.message, "there is no theme `defualt`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `default`?"));
}

#[test]
fn invalid_utf8() {
    let site = TestSite::new();
    site.bytes("content/2024/01-one.md", b"---\ntitle: One\n---\nbad \xff byte\n");
    let e = site.error();
    assert_eq!(e.line, Some(4));
    assert!(e.hint.unwrap().contains("UTF-8"));
}

#[test]
fn every_problem_is_reported_at_once_sorted_by_file() {
    let site = TestSite::new();
    site.file("content/2024/02-b.md", "---\ntitle: B\ntitel: x\n---\n");
    site.file("content/2024/03-c.md", "---\ntitle: C\ndate: 2024-02-30\n---\n");
    let errors = site.errors();
    let files: Vec<String> = errors.iter().map(|e| e.file.display().to_string()).collect();
    assert_eq!(files, ["content/2024/02-b.md", "content/2024/03-c.md"]);
}

#[test]
fn windows_line_endings_bom_chinese_names_and_spaces_work() {
    let site = TestSite::new();
    site.file(
        "content/2024/02-工作 回顾.md",
        "\u{feff}---\r\ntitle: 回顾\r\n---\r\n见[第一章](01-one.md)。\r\n",
    );
    site.file("content/2025/_index.md", "---\ntitle: 2025\n---\n");
    site.file("content/2024/03-empty.md", "---\ntitle: Empty\n---\n");
    site.build().unwrap();
    let out = site.root().join("public");
    let page = std::fs::read_to_string(out.join("2024/工作-回顾/index.html")).unwrap();
    assert!(page.contains("<a href=\"../../2024/one/index.html\">第一章</a>"), "{page}");
    assert!(out.join("2025/index.html").is_file(), "a report with no chapters builds");
}

pub fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let img = image::RgbImage::from_pixel(4, 3, image::Rgb([200, 50, 50]));
    img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

#[test]
fn a_broken_chapter_does_not_cascade_into_reference_errors() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitel: One\n---\n");
    site.file("content/2024/records.yaml", "- date: 2024-01-02\n  title: x\n  chapter: one\n");
    let e = site.error();
    assert_eq!(e.message, "unknown key `titel`");
}

#[test]
fn stats_outside_a_report_are_an_error() {
    let site = TestSite::new();
    site.file(
        "content/about.md",
        "---\ntitle: About\nstats:\n  - key: a\n    label: A\n    value: 1\n---\n",
    );
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line), (Path::new("content/about.md"), Some(4)));
    assert!(e.message.contains("cannot declare `stats`"));
}

#[test]
fn a_figure_written_with_its_unit_gets_a_hint() {
    let site = TestSite::new();
    site.file("content/2024/stats.yaml", "- key: a\n  label: A\n  value: 10余\n");
    let e = site.error();
    assert_eq!((e.line, e.column), (Some(3), Some(10)));
    assert_eq!(e.hint.as_deref(), Some("write it as `value: 10`, `approx: over`"));
}

#[test]
fn keys_that_do_not_apply_name_the_right_ones() {
    let site = TestSite::new();
    site.file("content/archive/_index.md", "---\ntitle: Archive\nsubtitle: x\n---\n");
    let e = site.error();
    assert_eq!((e.line, e.message.as_str()), (Some(3), "unknown key `subtitle`"));

    let site = TestSite::new();
    site.file("content/2024/_index.md", "---\ntitle: R\nsort_by: date\n---\n");
    let e = site.error();
    assert_eq!((e.line, e.message.as_str()), (Some(3), "unknown key `sort_by`"));

    let site = TestSite::new();
    site.file("content/2024/_index.md", "---\ntitle: R\nstats:\n  - key: a\n---\n");
    let e = site.error();
    assert_eq!(e.line, Some(4), "at the list");
    assert!(e.hint.unwrap().contains("content/2024/stats.yaml"));
}

#[test]
fn hidden_folders_are_not_content() {
    let site = TestSite::new();
    site.file("content/.trash/old.md", "---\nnot: front matter\n---\n");
    site.build().unwrap();
    assert!(!site.root().join("public/.trash").exists());
}

#[test]
fn photos_in_plain_section_and_home_bodies() {
    let site = TestSite::new();
    site.bytes("content/archive/map.png", &tiny_png());
    site.file(
        "content/archive/_index.md",
        "---\ntitle: Archive\n---\n![old map](map.png \"The old map\")\n",
    );
    site.bytes("content/hall.png", &tiny_png());
    site.file("content/_index.md", "---\ntitle: Home\n---\n![the hall](hall.png)\n");
    site.build().unwrap();
    let archive = std::fs::read_to_string(site.root().join("public/archive/index.html")).unwrap();
    assert!(archive.contains("<figcaption>The old map</figcaption>"), "{archive}");
    assert!(site.root().join("public/archive/map-4.webp").is_file());
    assert!(site.root().join("public/hall-4.webp").is_file());
}

#[test]
fn an_event_outside_the_reports_year() {
    let site = TestSite::new();
    site.file(
        "content/2024/records.yaml",
        "- date: 2024-02-01\n  title: a\n- date: 2023-12-30\n  title: b\n",
    );
    let e = site.error();
    assert_eq!(
        (e.line, e.message.as_str()),
        (Some(3), "this event of 2023-12-30 is not in the report's year 2024")
    );
}

#[test]
fn a_misspelt_choice_names_the_nearest() {
    let site = TestSite::new();
    site.file("content/2024/stats.yaml", "- key: a\n  label: A\n  value: 3\n  approx: ovre\n");
    let e = site.error();
    assert_eq!(e.line, Some(4));
    assert_eq!(e.hint.as_deref(), Some("did you mean `over`?"));
}

#[test]
fn a_link_to_a_draft_says_so() {
    let site = TestSite::new();
    site.file("content/2024/02-two.md", "---\ntitle: Two\ndraft: true\n---\n");
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\nSee [two](02-two.md).\n");
    let e = site.error();
    assert_eq!(e.message, "the link `02-two.md` leads to a draft");
}

#[test]
fn an_unknown_theme_from_the_command_line_is_blamed_on_it() {
    let site = TestSite::new();
    let mut options = site.options();
    options.theme = Some("gazete".into());
    match annals::build(&options) {
        Err(annals::Error::Content(d)) => {
            assert_eq!(d.0[0].file, Path::new("--theme"));
            assert_eq!(d.0[0].message, "there is no theme `gazete`");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn braces_in_text_are_not_shortcodes() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n模板里写 {{ 标题 }} 即可。\n");
    site.build().unwrap();
    let page = std::fs::read_to_string(site.root().join("public/2024/one/index.html")).unwrap();
    assert!(page.contains("模板里写 {{ 标题 }} 即可。"));
}
