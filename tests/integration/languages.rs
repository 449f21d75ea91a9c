//! A site in two languages (tests/fixtures/languages): Chinese at the root,
//! English under `/en/`, with translated and untranslated chapters, a
//! report with no translation, language maps in figures, events and photos;
//! hreflang and switcher links that resolve, search and feed per language,
//! the sitemap's alternates, and what `check` says.

use std::path::Path;

use crate::support::{SearchIndex, annals, attributes, build, crawl, fixture, read, tree};

fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a relative link of the page at `page` (an output path) leads.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('#').next().unwrap().split('/') {
        match segment {
            ".." => {
                parts.pop().expect("a link that stays inside the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    percent_encoding::percent_decode_str(&parts.join("/")).decode_utf8().unwrap().into_owned()
}

#[test]
fn english_pages_sit_under_en_with_english_labels_and_the_same_numbers() {
    let (_tmp, out) = build(&fixture("languages"));
    let en = read(&out, "en/2024/stats/index.html");
    assert!(en.contains("<html lang=\"en\">"), "{en}");
    let en_text = text(&en);
    for expected in
        ["Study sessions 14 sessions", "Funds raised nearly 260,000 yuan", "Proposals 10+ 件"]
    {
        assert!(en_text.contains(expected), "`{expected}` not in {en_text}");
    }
    let zh = text(&read(&out, "2024/stats/index.html"));
    for expected in ["集中学习 14次", "筹集资金 近26万元", "提案 10余件"] {
        assert!(zh.contains(expected), "`{expected}` not in {zh}");
    }
    // The data files: the same real numbers in both languages.
    let values = |rel: &str| -> Vec<(String, serde_json::Value)> {
        let json: serde_json::Value = serde_json::from_str(&read(&out, rel)).unwrap();
        json["stats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["key"].as_str().unwrap().to_owned(), s["value"].clone()))
            .collect()
    };
    assert_eq!(values("2024/stats.json"), values("en/2024/stats.json"));
    assert!(values("en/2024/stats.json").contains(&("funds".into(), 260000.into())));
    // The same change against 2023, though 2023 has no translation.
    assert!(en_text.contains("+2"), "{en_text}");
    // A translated chapter: its text, its figures and its photo's caption
    // in English; its link to an untranslated chapter leads to the Chinese
    // page.
    let study = read(&out, "en/2024/study/index.html");
    let study_text = text(&study);
    assert!(
        study_text.contains(
            "The committee held 14 sessions of group study and raised nearly 260,000 yuan"
        ),
        "{study_text}"
    );
    assert!(study_text.contains("The plenary session hall"), "{study_text}");
    assert!(study.contains("alt=\"The hall seen from the back\""), "{study}");
    assert!(study.contains("href=\"../../../2024/advice/index.html\""), "{study}");
    // The chronicle in English.
    let chronicle = text(&read(&out, "en/2024/chronicle/index.html"));
    assert!(chronicle.contains("Plenary session"), "{chronicle}");
    assert!(chronicle.contains("The annual work report was discussed."), "{chronicle}");
}

#[test]
fn only_translated_pages_are_published_in_english() {
    let (_tmp, out) = build(&fixture("languages"));
    for page in [
        "en/index.html",
        "en/2024/index.html",
        "en/2024/study/index.html",
        "en/2024/stats/index.html",
        "en/2024/chronicle/index.html",
        "en/2024/photos/index.html",
        "en/2024/print/index.html",
        "en/archive/index.html",
        "en/stats/index.html",
        "en/tags/index.html",
        "en/tags/study/index.html",
        "en/search/index.html",
        "en/atom.xml",
        // A translated chapter of a report with no translation, and its tag.
        "en/2023/study/index.html",
        "en/tags/review-2023/index.html",
        // A page bundle at the top, its photo found beside it.
        "en/about/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    for page in
        ["en/2024/advice", "en/2023/index.html", "en/archive/old", "en/404.html", "en/tags/学习"]
    {
        assert!(!out.join(page).exists(), "{page} published in English");
    }
    // The English home page lists both reports; the untranslated one links
    // to its Chinese page.
    let home = read(&out, "en/index.html");
    assert!(home.contains("href=\"../2023/index.html\""), "{home}");
    assert!(home.contains("href=\"../en/2024/index.html\""), "{home}");
    assert!(text(&home).contains("The Year 2024 in Review"), "{home}");
    let about = read(&out, "en/about/index.html");
    assert!(about.contains("alt=\"The meeting hall\""), "{about}");
    // The English figures across years lead to the English stats pages
    // where there are some.
    let across = read(&out, "en/stats/index.html");
    assert!(
        across.contains("href=\"../../en/2024/stats/index.html#stat-study_sessions\""),
        "{across}"
    );
    assert!(
        across.contains("href=\"../../2023/stats/index.html#stat-study_sessions\""),
        "{across}"
    );
    // The site's own words in each language: those languages: gives, the
    // default language's where it gives none.
    let footer = |rel: &str| {
        let html = read(&out, rel);
        text(&html[html.find("<footer").unwrap()..])
    };
    let en = footer("en/2024/index.html");
    assert!(en.contains("Sample content") && en.contains("The committee&#39;s office"), "{en}");
    assert!(en.contains("示例电话") && !en.contains("委员会办公室"), "{en}");
    let zh = footer("2024/index.html");
    assert!(zh.contains("示例内容") && zh.contains("委员会办公室"), "{zh}");
    // The English print edition holds the translated chapter only.
    let print = text(&read(&out, "en/2024/print/index.html"));
    assert!(print.contains("The committee held 14 sessions") && !print.contains("提交提案"));
}

/// The `<link rel="alternate" hreflang>` of a page: (language, href).
fn hreflang(html: &str) -> Vec<(String, String)> {
    html.match_indices("<link rel=\"alternate\" hreflang=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest.split("href=\"").nth(1).unwrap().split('"').next().unwrap();
            (lang.to_owned(), href.to_owned())
        })
        .collect()
}

#[test]
fn hreflang_links_go_both_ways_to_pages_that_exist() {
    let (_tmp, out) = build(&fixture("languages"));
    let files = tree(&out);
    let mut pairs = 0;
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        if rel == "404.html" {
            assert!(hreflang(&html).is_empty(), "the 404 page has alternates");
            continue;
        }
        let lang = if rel.starts_with("en/") { "en" } else { "zh-CN" };
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{rel}: not lang={lang}");
        for (other, href) in hreflang(&html) {
            let target = resolve(rel, &href);
            let back = files.get(&target).unwrap_or_else(|| panic!("{rel}: {href} leads nowhere"));
            if other == "x-default" {
                assert!(!target.starts_with("en/"), "{rel}: x-default is {target}");
                continue;
            }
            let back = hreflang(&String::from_utf8_lossy(back));
            assert!(
                back.iter().any(|(l, h)| l == lang && resolve(&target, h) == *rel),
                "{target} does not link back to {rel}: {back:?}"
            );
            pairs += 1;
        }
    }
    // Home, report, its four pages, the chapter, the section, the figures
    // across years, tags, search: both ways, each page naming itself too.
    assert!(pairs >= 40, "{pairs} hreflang links");
    let zh = hreflang(&read(&out, "2024/advice/index.html"));
    assert!(zh.is_empty(), "an untranslated page has no alternates: {zh:?}");
}

#[test]
fn the_switcher_on_every_page_leads_to_the_translation_or_the_default_page() {
    let (_tmp, out) = build(&fixture("languages"));
    let files = tree(&out);
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let start = html
            .find("<nav class=\"language-switch\"")
            .unwrap_or_else(|| panic!("{rel}: no switcher"));
        let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
        let links = attributes(nav, "href");
        assert_eq!(links.len(), 2, "{rel}: {nav}");
        for href in links {
            let target = resolve(rel, href);
            assert!(files.contains_key(&target), "{rel}: switcher link {href} leads nowhere");
        }
    }
    let switch = |rel: &str| {
        let html = read(&out, rel);
        let start = html.find("<nav class=\"language-switch\"").unwrap();
        attributes(&html[start..], "href")
            .into_iter()
            .take(2)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        switch("2024/study/index.html"),
        ["../../2024/study/index.html", "../../en/2024/study/index.html"]
    );
    // No English page: English leads to the Chinese one.
    assert_eq!(
        switch("2024/advice/index.html"),
        ["../../2024/advice/index.html", "../../2024/advice/index.html"]
    );
    // An English tag page has no Chinese twin: Chinese leads home.
    assert_eq!(
        switch("en/tags/study/index.html"),
        ["../../../index.html", "../../../en/tags/study/index.html"]
    );
}

#[test]
fn every_link_of_both_languages_is_relative_and_resolves() {
    let (_tmp, out) = build(&fixture("languages"));
    assert!(crawl(&out) > 500);
}

#[test]
fn each_language_has_its_own_search_index() {
    let (_tmp, out) = build(&fixture("languages"));
    let zh = SearchIndex::read(&out);
    let en = SearchIndex::read(&out.join("en"));
    let outside: Vec<_> =
        en.entries.iter().filter(|e| !e[1].as_str().unwrap().starts_with("en/")).collect();
    assert!(outside.is_empty(), "{outside:?}");
    assert!(zh.entries.iter().all(|e| !e[1].as_str().unwrap().starts_with("en/")));
    // English words in the English index, Chinese in the Chinese one.
    let plenary = annals::render::search::terms::stem("plenary");
    assert!(!en.lookup(plenary).is_empty());
    assert!(zh.lookup(plenary).is_empty());
    assert!(!zh.lookup("提案").is_empty());
    let search = read(&out, "en/search/index.html");
    assert!(search.contains("data-index=\"en/\""), "{search}");
}

#[test]
fn the_sitemap_lists_both_languages_with_alternates_and_each_has_a_feed() {
    let (_tmp, out) = build(&fixture("languages"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    for loc in [
        "<loc>https://example.org/ml/2024/study/</loc>",
        "<loc>https://example.org/ml/en/2024/study/</loc>",
        "<loc>https://example.org/ml/2024/advice/</loc>",
        "<loc>https://example.org/ml/en/</loc>",
    ] {
        assert!(sitemap.contains(loc), "{loc} missing:\n{sitemap}");
    }
    assert!(!sitemap.contains("/en/2024/advice/"));
    let entry = |loc: &str| {
        let at = sitemap.find(&format!("<loc>{loc}</loc>")).unwrap();
        sitemap[at..at + sitemap[at..].find("</url>").unwrap()].to_owned()
    };
    let study = entry("https://example.org/ml/en/2024/study/");
    for link in [
        "hreflang=\"zh-CN\" href=\"https://example.org/ml/2024/study/\"",
        "hreflang=\"en\" href=\"https://example.org/ml/en/2024/study/\"",
        "hreflang=\"x-default\" href=\"https://example.org/ml/2024/study/\"",
    ] {
        assert!(study.contains(link), "{link} missing:\n{study}");
    }
    assert!(!entry("https://example.org/ml/2024/advice/").contains("xhtml:link"));
    let feed = read(&out, "en/atom.xml");
    assert!(feed.contains("xml:lang=\"en\""), "{feed}");
    assert!(feed.contains("<title>The Year 2024 in Review</title>"), "{feed}");
    assert!(feed.contains("<link rel=\"self\" href=\"https://example.org/ml/en/atom.xml\"/>"));
    assert!(!feed.contains("2023年"), "{feed}");
    assert!(read(&out, "atom.xml").contains("2023年工作回眸"));
}

/// The fixture copied into a temporary folder (not a git repository), to
/// change.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in tree(&fixture("languages")) {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn check(root: &Path) -> (Option<i32>, String) {
    let out = annals().args(["check", "--root"]).arg(root).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn check_warns_of_missing_texts_orphans_and_stale_translations() {
    let site = copy();
    let root = site.path();
    let (code, stderr) = check(root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: content/2024/02-advice.md:9:11: no `en` text here: the `zh-CN` text is shown in en pages"),
        "{stderr}"
    );
    // An orphan, a language site.yaml does not list, a translation older
    // than its original.
    std::fs::write(root.join("content/2024/03-gone.en.md"), "---\ntitle: Gone\n---\n").unwrap();
    std::fs::write(root.join("content/archive/old.fr.md"), "---\ntitle: Vieux\n---\n").unwrap();
    std::fs::write(root.join("content/archive/old.zh-CN.md"), "---\ntitle: 旧\n---\n").unwrap();
    let day = std::time::Duration::from_secs(86_400);
    let old = std::time::SystemTime::now() - 3 * day;
    std::fs::File::options()
        .write(true)
        .open(root.join("content/2024/01-study.en.md"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let (code, stderr) = check(root);
    assert_eq!(code, Some(0), "{stderr}");
    for expected in [
        "warning: content/2024/03-gone.en.md: this translation has no original: `content/2024/03-gone.md` does not exist",
        "warning: content/archive/old.fr.md: this file is named as a translation into `fr`, which is not a language of the site",
        "warning: content/2024/01-study.en.md: content/2024/01-study.md changed 3 days after this translation",
        "warning: content/archive/old.zh-CN.md: this file is named as a translation into `zh-CN`, the site's own language",
    ] {
        assert!(stderr.contains(expected), "`{expected}` not in:\n{stderr}");
    }
}

#[test]
fn a_translation_may_not_set_what_every_language_shares() {
    let site = copy();
    let root = site.path();
    std::fs::write(
        root.join("content/2024/01-study.en.md"),
        "---\ntitle: Study\nstats:\n  - key: x\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/2024/records.yaml"),
        "- date: 2024-03-05\n  title: {zh-CN: 全体会议, fr: Séance}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/2024/stats.yaml"),
        "- key: donations\n  label: 捐款\n  value: 26\n  unit: {zh-CN: 元, en: 万 yuan}\n  table_only: true\n",
    )
    .unwrap();
    let before = tree(root);
    let out = annals().args(["build", "--root"]).arg(root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for expected in [
        "error: content/2024/01-study.en.md:4:3: `stats` is shared by every language and belongs in the original",
        "error: content/2024/records.yaml:2:10: `fr` is not a language of this site",
        "= hint: the site's languages are zh-CN, en;",
        "error: content/2024/stats.yaml:4:9: the `en` unit `万 yuan` counts in 万 or 亿, but the unit the figure's number is read from does not",
    ] {
        assert!(stderr.contains(expected), "`{expected}` not in:\n{stderr}");
    }
    assert_eq!(before, tree(root), "a failed build wrote into the site");
    // In Chinese under a Chinese locale.
    let out =
        annals().env("LC_ALL", "zh_CN.UTF-8").args(["build", "--root"]).arg(root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("`stats` 为各语言共用，应写在原文中"), "{stderr}");
}

#[test]
fn languages_in_site_yaml_are_checked() {
    let site = copy();
    let root = site.path();
    let config = |text: &str| {
        std::fs::write(root.join("site.yaml"), text).unwrap();
        let out = annals().args(["build", "--root"]).arg(root).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, stderr) = config("title: T\nlanguages:\n  zh-cn: {title: X}\n");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("error: site.yaml:3:10: `zh-CN` is already a language of the site"),
        "{stderr}"
    );
    let (code, stderr) = config("title: T\nlanguages:\n  fr: {title: X}\n");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("the theme `default` has no strings for the language `fr`"),
        "{stderr}"
    );
    let (code, stderr) = config("title: T\nlanguages:\n  en: {titel: X}\n");
    assert_eq!(code, Some(1));
    assert!(stderr.contains("titel"), "{stderr}");
    // `check` still reads the content, in its languages: its maps and
    // translations are not errors of their own.
    let (code, stderr) = check(root);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("titel"), "{stderr}");
    assert!(!stderr.contains("is not a language of this site"), "{stderr}");
    assert!(!stderr.contains(".en.md"), "{stderr}");
    // A folder at a language's address.
    let (code, stderr) = config("title: T\nlanguages:\n  en: {}\n");
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::write(root.join("content/en.md"), "---\ntitle: En\n---\n").unwrap();
    let (code, stderr) = config("title: T\nlanguages:\n  en: {}\n");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("error: content/en.md: the URL `/en/` belongs to a page annals makes"),
        "{stderr}"
    );
}

#[test]
fn in_a_git_repository_stale_translations_are_found_by_their_commits() {
    let site = copy();
    let root = site.path();
    let git = |args: &[&str], date: &str| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-C"])
            .arg(root)
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"], "2024-01-01T00:00:00Z");
    git(&["add", "."], "2024-01-01T00:00:00Z");
    git(&["commit", "-qm", "first"], "2024-01-01T00:00:00Z");
    let original = root.join("content/2024/01-study.md");
    let text = std::fs::read_to_string(&original).unwrap();
    std::fs::write(&original, format!("{text}\n再补一句。\n")).unwrap();
    git(&["commit", "-qam", "the original changes"], "2024-01-11T00:00:00Z");
    // The files' times say the opposite: the commits decide.
    let now = std::time::SystemTime::now();
    let open = |rel: &str| std::fs::File::options().write(true).open(root.join(rel)).unwrap();
    open("content/2024/01-study.md")
        .set_modified(now - std::time::Duration::from_secs(30 * 86_400))
        .unwrap();
    open("content/2024/01-study.en.md").set_modified(now).unwrap();
    let (code, stderr) = check(root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: content/2024/01-study.en.md: content/2024/01-study.md was committed 10 days after this translation"),
        "{stderr}"
    );
    // The other translations are as new as their originals.
    assert!(!stderr.contains("content/2024/_index.md was committed"), "{stderr}");
}

#[test]
fn annals_stats_prints_the_figures_in_a_language() {
    let stats = |args: &[&str]| {
        let out = annals()
            .args(["stats", "--root"])
            .arg(fixture("languages"))
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, en) = stats(&["--year", "2024", "--language", "en", "--format", "csv"]);
    assert_eq!(code, Some(0));
    assert!(en.contains("Study sessions") && en.contains("nearly 260,000 yuan"), "{en}");
    let (_, zh) = stats(&["--year", "2024", "--format", "csv"]);
    assert!(zh.contains("集中学习") && zh.contains("近26万元"), "{zh}");
    let (code, _) = stats(&["--language", "fr"]);
    assert_eq!(code, Some(1));
}
