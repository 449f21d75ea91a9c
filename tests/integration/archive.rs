//! The archive: tags, the print edition, the search index, the feed,
//! machine-readable metadata and fixity.

use std::process::Command;

use crate::support::{build, fixture, read, repo_root};

#[test]
fn tags_list_every_page_that_carries_them() {
    let (_tmp, out) = build(&fixture("two-years"));
    let tags = read(&out, "tags/index.html");
    assert!(
        tags.contains("href=\"../tags/阅读/index.html\"")
            || tags.contains("href=\"../tags/%E9%98%85%E8%AF%BB/index.html\""),
        "{tags}"
    );
    let tag = read(&out, "tags/阅读/index.html");
    assert!(
        tag.contains("2024年度报告") && tag.contains("阅读推广"),
        "report and chapter tagged: {tag}"
    );
    let chapter = read(&out, "2024/reading/index.html");
    assert!(chapter.contains("rel=\"tag\">阅读</a>"), "{chapter}");
}

#[test]
fn print_edition_holds_every_chapter_stats_and_chronicle() {
    let (_tmp, out) = build(&fixture("two-years"));
    let print = read(&out, "2024/print/index.html");
    let order: Vec<usize> = [
        "id=\"preface\"",
        "id=\"chapter-collections\"",
        "id=\"chapter-reading\"",
        "id=\"chapter-outreach\"",
        "id=\"print-stats\"",
        "id=\"print-chronicle\"",
    ]
    .iter()
    .map(|id| print.find(id).unwrap_or_else(|| panic!("{id} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(print.contains("<figcaption>新书架"), "figures with captions");
    assert!(print.contains("id=\"collections-新书上架\""), "heading ids kept unique per chapter");
    assert!(print.contains("assets/print.css"));
}

#[test]
fn search_index_holds_chapters_stats_captions_and_events() {
    let (_tmp, out) = build(&repo_root());
    let js = read(&out, "search-index.js");
    let json = js.strip_prefix("window.ANNALS_SEARCH=").unwrap().trim_end().trim_end_matches(';');
    let docs: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs = docs.as_array().unwrap();
    let find = |url: &str| {
        docs.iter().find(|d| d["u"] == url).unwrap_or_else(|| panic!("{url} not indexed"))
    };
    assert!(find("2024/counsel/index.html")["b"].as_str().unwrap().contains("葡萄酒"));
    assert!(find("2024/stats/index.html")["b"].as_str().unwrap().contains("集中学习 14次"));
    assert!(find("2024/chronicle/index.html")["b"].as_str().unwrap().contains("柳泉乡"));
    assert!(
        find("archive/hongsibao-memories/index.html")["b"].as_str().unwrap().contains("红寺堡记忆")
    );
    assert!(
        docs.iter()
            .any(|d| d["b"].as_str().unwrap().contains("吴忠市政协调研红寺堡区食品安全工作")),
        "captions"
    );
    assert!(js.len() < 64 * 1024, "index of the example site stays small: {} bytes", js.len());
    let page = read(&out, "search/index.html");
    assert!(
        page.contains("<script src=\"../search-index.js\"></script>"),
        "loaded by a script tag, not fetch"
    );
}

#[test]
fn feed_and_sitemap_are_well_formed_xml() {
    let (_tmp, out) = build(&fixture("two-years"));
    let feed = read(&out, "atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let ns = "http://www.w3.org/2005/Atom";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let entries: Vec<_> =
        doc.root_element().children().filter(|n| n.has_tag_name((ns, "entry"))).collect();
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| e.children().find(|c| c.has_tag_name((ns, "title"))).unwrap().text().unwrap())
        .collect();
    assert_eq!(titles, ["2024年度报告", "2023年度报告", "老馆记忆"], "newest first");
    let link = entries[0].children().find(|c| c.has_tag_name((ns, "link"))).unwrap();
    assert_eq!(link.attribute("href"), Some("https://example.test/library/2024/"));
    let sitemap = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    assert!(locs.iter().all(|l| l.starts_with("https://example.test/library/")), "{locs:?}");
    assert!(locs.contains(&"https://example.test/library/2024/chronicle/"));
}

#[test]
fn pages_carry_open_graph_and_json_ld() {
    let (_tmp, out) = build(&fixture("two-years"));
    let report = read(&out, "2024/index.html");
    assert!(report.contains("<meta property=\"og:image\" content=\"https://example.test/library/2024/photos/cover-120.webp\">"), "{report}");
    assert!(report.contains("<meta name=\"description\" content=\"一年的阅读推广与馆藏建设。\">"));
    let start = report.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + report[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&report[start..end]).unwrap();
    assert_eq!(ld["@type"], "Report");
    assert_eq!(ld["author"]["name"], "李明");
    assert_eq!(ld["hasPart"][0]["name"], "馆藏建设");
    let page = read(&out, "archive/old-library/index.html");
    assert!(
        page.contains("\"@type\":\"CreativeWork\"")
            && page.contains("\"creator\":{\"@type\":\"Person\",\"name\":\"张老师\"}"),
        "{page}"
    );
}

#[test]
fn verify_catches_a_changed_byte() {
    let (_tmp, out) = build(&fixture("two-years"));
    let annals = env!("CARGO_BIN_EXE_annals");
    let ok = Command::new(annals).arg("verify").arg(&out).output().unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
    let manifest = read(&out, "manifest-sha256.txt");
    assert!(manifest.lines().count() > 20);
    let mut sorted: Vec<&str> = manifest.lines().map(|l| &l[66..]).collect();
    sorted.sort();
    assert_eq!(sorted, manifest.lines().map(|l| &l[66..]).collect::<Vec<_>>(), "sorted by path");
    let page = out.join("2024/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&page, bytes).unwrap();
    let bad = Command::new(annals).arg("verify").arg(&out).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("changed: 2024/index.html"));
}

#[test]
fn plain_sections_paginate_past_fifty_and_sort_by_date() {
    let site = crate::support::TestSite::new();
    site.file("content/memories/_index.md", "---\ntitle: Memories\nsort_by: date\n---\n");
    for i in 1..=51 {
        site.file(
            &format!("content/memories/m{i:02}.md"),
            &format!("---\ntitle: Memory {i}\ndate: 1990-01-{:02}\n---\n", (i % 28) + 1),
        );
    }
    site.build().unwrap();
    let out = site.root().join("public");
    let first = read(&out, "memories/index.html");
    let second = read(&out, "memories/page/2/index.html");
    assert_eq!(first.matches("<li>\n      <a href=").count(), 50);
    assert_eq!(second.matches("<li>\n      <a href=").count(), 1);
    assert!(first.contains("href=\"../memories/page/2/index.html\" rel=\"next\""), "{first}");
    assert!(second.contains("href=\"../../../memories/index.html\" rel=\"prev\""), "{second}");
    // Newest first: the 28th of January before the 2nd.
    assert!(first.find("1990-01-28").unwrap() < first.find("1990-01-02").unwrap());
    assert!(second.contains("1990-01-01"), "the oldest on the last page");
}
