//! The fictional two-year library site: out-of-order chapter files, a page
//! bundle, Markdown figures, links between `.md` files, derived figures.

use crate::support::{build, crawl, fixture, read, tree};

#[test]
fn chapters_follow_their_numbers_not_their_file_names() {
    let (_tmp, out) = build(&fixture("two-years"));
    let page = read(&out, "2024/index.html");
    let report = &page[page.find("<main").unwrap()..];
    let order: Vec<usize> =
        ["馆藏建设", "阅读推广", "走进乡村"].iter().map(|t| report.find(t).unwrap()).collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "chapters out of order in the report: {order:?}"
    );
    // Previous/next follow the same order.
    let reading = read(&out, "2024/reading/index.html");
    assert!(
        reading.contains("href=\"../../2024/collections/index.html\" rel=\"prev\""),
        "{reading}"
    );
    assert!(reading.contains("href=\"../../2024/outreach/index.html\" rel=\"next\""), "{reading}");
    let first = read(&out, "2024/collections/index.html");
    assert!(!first.contains("rel=\"prev\""));
}

#[test]
fn slugs_drop_the_number_prefix_and_bundles_take_their_folder_name() {
    let (_tmp, out) = build(&fixture("two-years"));
    for page in [
        "2024/outreach/index.html",
        "2024/collections/index.html",
        "2024/reading/index.html",
        "2023/opening/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    assert!(!out.join("2024/10-outreach").exists());
}

#[test]
fn markdown_figures_have_captions_sizes_and_credit() {
    let (_tmp, out) = build(&fixture("two-years"));
    let bundle = read(&out, "2024/collections/index.html");
    assert!(
        bundle.contains("<img src=\"../../2024/20-collections/shelf-60.webp\" srcset=\"../../2024/20-collections/shelf-60.webp 60w\" sizes=\"(min-width: 52rem) 42rem, 100vw\" width=\"60\" height=\"90\" alt=\"一排新书架\""),
        "{bundle}"
    );
    assert!(bundle.contains("<figcaption>新书架 <span class=\"place\">二楼</span> <span class=\"credit\">摄影 王芳</span></figcaption>"), "{bundle}");
    assert!(
        bundle.contains("本报告图片由清河县图书馆提供"),
        "report photo credit under the chapter"
    );
    let reading = read(&out, "2024/reading/index.html");
    assert!(
        reading.contains("width=\"90\" height=\"60\" alt=\"阅览室里读书的孩子\" loading=\"eager\""),
        "{reading}"
    );
    assert!(reading.contains("<figcaption>阅览室一角</figcaption>"), "{reading}");
    // The photo shown in the body is not shown a second time.
    assert_eq!(
        bundle.matches("<img src=\"../../2024/20-collections/shelf-60.webp\" srcset").count(),
        1
    );
}

#[test]
fn links_to_markdown_files_become_page_links() {
    let (_tmp, out) = build(&fixture("two-years"));
    let outreach = read(&out, "2024/outreach/index.html");
    assert!(
        outreach.contains(
            "href=\"../../2024/collections/index.html#%E6%96%B0%E4%B9%A6%E4%B8%8A%E6%9E%B6\""
        ),
        "{outreach}"
    );
    let bundle = read(&out, "2024/collections/index.html");
    assert!(bundle.contains("<a href=\"../../2024/reading/index.html\">阅读推广</a>"), "{bundle}");
    let archive = read(&out, "archive/old-library/index.html");
    assert!(archive.contains("<a href=\"../../2024/index.html\">2024年报告</a>"), "{archive}");
}

#[test]
fn stat_shortcodes_print_figures_linked_to_the_stats_page() {
    let (_tmp, out) = build(&fixture("two-years"));
    let outreach = read(&out, "2024/outreach/index.html");
    assert!(outreach.contains(">10余次</a>"), "{outreach}");
    assert!(
        outreach.contains("href=\"../../2024/stats/index.html#stat-donations\">近26万元</a>"),
        "{outreach}"
    );
    let reading = read(&out, "2024/reading/index.html");
    assert!(reading.contains(">12.5万人次</a>"), "{reading}");
    let stats = read(&out, "2024/stats/index.html");
    assert!(stats.contains("id=\"stat-donations\""), "{stats}");
    // Derived from the chronicle: two reading events, 120 + 80.5 people.
    let preface = read(&out, "2024/index.html");
    assert!(preface.contains(">2场</a>"), "{preface}");
    assert!(stats.contains("200.5人次"), "{stats}");
}

#[test]
fn reports_are_listed_newest_first_with_key_figures() {
    let (_tmp, out) = build(&fixture("two-years"));
    let home = read(&out, "index.html");
    let (y24, y23) = (home.find("2024年度报告").unwrap(), home.find("2023年度报告").unwrap());
    assert!(y24 < y23);
    assert!(home.contains("10余次") && home.contains("流动书车下乡"), "key figures on home");
    let report = read(&out, "2024/index.html");
    assert!(
        report.contains("书香清河") && report.contains("李明") && report.contains("2025-01-15")
    );
}

#[test]
fn archive_pages_carry_dublin_core() {
    let (_tmp, out) = build(&fixture("two-years"));
    let page = read(&out, "archive/old-library/index.html");
    for meta in [
        "<meta name=\"DC.creator\" content=\"张老师\">",
        "<meta name=\"DC.date\" content=\"1985-06-01\">",
        "<meta name=\"DC.subject\" content=\"口述\">",
        "<meta name=\"DC.rights\" content=\"CC BY 4.0\">",
    ] {
        assert!(page.contains(meta), "missing {meta}");
    }
    assert!(read(&out, "archive/index.html").contains("老馆记忆"));
}

#[test]
fn sitemap_and_robots_use_absolute_urls() {
    let (_tmp, out) = build(&fixture("two-years"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.test/library/2024/reading/</loc>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.test/library/</loc>"), "{sitemap}");
    assert_eq!(sitemap.matches("<url>").count(), sitemap.matches("</url>").count());
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.test/library/sitemap.xml"));
    let page = read(&out, "2024/reading/index.html");
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://example.test/library/2024/reading/\">"
        )
    );
}

#[test]
fn every_reference_resolves_and_is_relative() {
    let (_tmp, out) = build(&fixture("two-years"));
    assert!(crawl(&out) > 50);
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, first) = build(&fixture("two-years"));
    let (_b, second) = build(&fixture("two-years"));
    let (first, second) = (tree(&first), tree(&second));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}
