//! The example site at the repository root: the 2024 review.

use crate::support::{build, crawl, read, repo_root};

#[test]
fn example_site_builds_and_every_reference_resolves() {
    let (_tmp, out) = build(&repo_root());
    assert!(crawl(&out) > 200);
    let page = read(&out, "2024/index.html");
    let report = &page[page.find("<main").unwrap()..];
    assert!(report.contains("履职尽责担使命 凝心聚力谱新篇"));
    assert!(report.contains("马敏"));
    // The five chapters in number order, though their files are not.
    let titles = [
        "旗帜鲜明讲政治",
        "议政建言助推发展",
        "政协履职亮点纷呈",
        "汇集合力履职为民",
        "强基固本提能砺为",
    ];
    let positions: Vec<usize> = titles.iter().map(|t| report.find(t).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn example_figures_read_as_the_article_writes_them() {
    let (_tmp, out) = build(&repo_root());
    let all: String = ["politics", "counsel", "innovation", "consensus"]
        .iter()
        .map(|c| read(&out, &format!("2024/{c}/index.html")))
        .collect();
    for figure in ["14次", "10余件", "近26万元", "140余人次", "220余万元", "300余人次"]
    {
        assert!(all.contains(&format!(">{figure}</a>")), "{figure} not cited");
    }
}
