//! The archive: tags, the print edition, the search index, the feed,
//! machine-readable metadata and fixity.

use crate::support::SearchIndex;
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
fn search_index_holds_pages_figures_events_and_captions() {
    let (_tmp, out) = build(&repo_root());
    let index = SearchIndex::read(&out);
    let entry = |url: &str| {
        index
            .entries
            .iter()
            .position(|e| e[1] == url)
            .unwrap_or_else(|| panic!("{url} not indexed"))
    };
    let counsel = entry("2024/counsel/index.html");
    assert!(index.entries[counsel][4].as_str().unwrap().contains("葡萄酒"));
    assert!(index.lookup("葡萄").contains(&counsel), "the pair 葡萄 leads to the chapter");
    // Each figure, event and caption is an entry of its own, linked to its
    // place, with its year and kind.
    let figure = &index.entries[entry("2024/stats/index.html#stat-study_sessions")];
    assert_eq!(figure[0], "集中学习 14次");
    assert_eq!(figure[2], 2024);
    assert_eq!(index.kind(figure), "数字");
    let event = index
        .entries
        .iter()
        .find(|e| e[0].as_str().unwrap().contains("柳泉乡"))
        .expect("an event is an entry");
    assert!(
        event[1].as_str().unwrap().starts_with("2024/chronicle/index.html#m-2024"),
        "{event:?}"
    );
    assert_eq!(index.kind(event), "大事");
    let caption = index
        .entries
        .iter()
        .find(|e| e[0] == "吴忠市政协调研红寺堡区食品安全工作。")
        .expect("a caption is an entry");
    let (page, anchor) = caption[1].as_str().unwrap().split_once('#').unwrap();
    assert!(read(&out, page).contains(&format!("id=\"{anchor}\"")), "{anchor} is on {page}");
    let archive = &index.entries[entry("archive/hongsibao-memories/index.html")];
    assert!(archive[2].is_null(), "a page of no report has no year");
    // Loaded by script elements, not fetch; no file of the index is large.
    let page = read(&out, "search/index.html");
    assert!(page.contains(
        "<script src=\"../assets/search.js\" data-root=\"../\" data-index=\"\"></script>"
    ));
    assert!(index.largest < 64 * 1024, "{} bytes", index.largest);
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
    let ok = crate::support::annals().arg("verify").arg(&out).output().unwrap();
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
    let bad = crate::support::annals().arg("verify").arg(&out).output().unwrap();
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

#[test]
fn search_entries_of_a_year_are_one_range_newest_first() {
    let (_tmp, out) = build(&fixture("two-years"));
    let index = SearchIndex::read(&out);
    let years = index.meta["years"].as_array().unwrap();
    let ranges: Vec<(i64, usize, usize)> = years
        .iter()
        .map(|y| {
            (
                y[0].as_i64().unwrap(),
                y[1].as_u64().unwrap() as usize,
                y[2].as_u64().unwrap() as usize,
            )
        })
        .collect();
    // The reports' years, newest first, then those of dated archive pages.
    assert_eq!(ranges.iter().map(|r| r.0).collect::<Vec<_>>(), [2024, 2023, 1985]);
    for (i, entry) in index.entries.iter().enumerate() {
        match entry[2].as_i64() {
            Some(year) => {
                let (_, from, to) = ranges.iter().find(|r| r.0 == year).unwrap();
                assert!((*from..*to).contains(&i), "{entry:?} outside {year}'s range");
            }
            None => assert!(i >= ranges.last().unwrap().2, "entries of no year come last"),
        }
    }
    let kinds: Vec<&str> = index.entries.iter().map(|e| index.kind(e)).collect();
    for kind in ["数字", "大事", "图片说明", "章节"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
}
