//! `annals import`: one fictional article as .docx, .txt, .md and .html
//! (tests/fixtures/import, made by make.py), and the seed newspaper article,
//! each into a draft report that builds; and every way an import refuses,
//! changing nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{TestSite, fixture};

fn import(file: &Path, year: &str, root: &Path, extra: &[&str]) -> Output {
    crate::support::annals()
        .arg("import")
        .arg(file)
        .args(["--year", year, "--root"])
        .arg(root)
        .args(extra)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file and folder under `dir`, files with their bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

fn chapter_files(report: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(report)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .collect();
    names.sort();
    names
}

fn build_drafts(site: &TestSite) -> PathBuf {
    let mut options = site.options();
    options.drafts = true;
    annals::build(&options).unwrap_or_else(|e| panic!("the imported draft builds:\n{e}"));
    site.root().join("public")
}

/// The suggested figure written `figure` in the text, as YAML fields
/// (its key's comment names it).
fn suggestion<'a>(yaml: &'a str, figure: &str) -> &'a str {
    yaml.split("\n- ")
        .find(|item| item.lines().next().is_some_and(|l| l.ends_with(&format!("# {figure}"))))
        .unwrap_or_else(|| panic!("no suggestion for {figure} in:\n{yaml}"))
}

#[test]
fn every_format_imports_as_a_draft_report_with_chapters_in_numeral_order() {
    for (file, photos) in [
        ("article.docx", true),
        ("article.html", true),
        ("article.md", true),
        ("article.txt", false),
    ] {
        let site = TestSite::new();
        let out = import(&fixture("import").join(file), "2023", site.root(), &[]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        let report = site.root().join("content/2023");
        assert_eq!(
            chapter_files(&report),
            [
                "01-办好群众身边的文化活动.md",
                "02-守护非物质文化遗产.md",
                "03-建设文化阵地.md",
                "04-培养文艺骨干.md",
                "05-经费与管理.md"
            ],
            "{file}: the parts are numbered 三 一 五 二 四 in the article"
        );
        let index = fs::read_to_string(report.join("_index.md")).unwrap();
        for line in [
            "title: 守护乡土记忆 点亮文化生活",
            "subtitle: 青山镇文化站2023年工作回顾",
            "author: 李晓",
            "photo_credit: 图片由青山镇文化站提供",
            "draft: true",
        ] {
            assert!(index.contains(line), "{file}: {line} in\n{index}");
        }
        assert!(index.contains("全年接待群众2.3万余人次"), "{file}: the lead is the preface");
        assert!(!index.contains("本版图片"), "{file}: the credit line left the text");

        // A draft: left out of a plain build, shown with --drafts.
        site.build().expect("the site builds");
        assert!(!site.root().join("public/2023").exists(), "{file}: a draft is not published");
        let public = build_drafts(&site);
        let chapter =
            fs::read_to_string(public.join("2023/办好群众身边的文化活动/index.html")).unwrap();
        assert!(chapter.contains("春节期间组织“村晚”8场，近600名村民登台。"), "{file}");
        let saved = report.join("photos").read_dir().map(|d| d.count()).unwrap_or(0);
        if photos {
            assert_eq!(saved, 3, "{file}: three photos saved");
            assert!(
                chapter.contains("<figcaption>腊月二十八，下坝村“村晚”现场。</figcaption>"),
                "{file}: the photo is a figure with its caption:\n{chapter}"
            );
            let heritage =
                fs::read_to_string(public.join("2023/守护非物质文化遗产/index.html")).unwrap();
            assert!(heritage.contains("传承人在文化站教授竹编技艺。"), "{file}");
        } else {
            assert_eq!(saved, 0, "{file}: a text file holds no images");
        }

        let yaml = fs::read_to_string(report.join("stats.suggested.yaml")).unwrap();
        let fields = |figure: &str| suggestion(&yaml, figure).to_owned();
        let visitors = fields("2.3万余人次");
        for field in ["value: 2.3", "scale: 万", "approx: over", "unit: 人次"] {
            assert!(visitors.contains(field), "{file}: {field} in\n{visitors}");
        }
        assert!(!visitors.contains("chapter:"), "a preface figure belongs to no chapter");
        let funds = fields("近26万元");
        for field in ["value: 26", "scale: 万", "approx: nearly", "unit: 元", "chapter: 经费与管理"]
        {
            assert!(funds.contains(field), "{file}: {field} in\n{funds}");
        }
        let trained = fields("约300人次");
        assert!(trained.contains("approx: about") && trained.contains("value: 300"), "{trained}");
        let books = fields("1500余册");
        assert!(books.contains("value: 1500") && books.contains("unit: 册"), "{books}");
        assert!(fields("90.4%").contains("unit: \"%\""));
        let rate = fields("3.2次");
        assert!(rate.contains("per: 人") && rate.contains("value: 3.2"), "{rate}");

        // The build ignores the suggestions; written as stats they are
        // stats as the figures issue defined them, and show as the text
        // writes them.
        let stats = fs::read_to_string(public.join("2023/stats/index.html")).unwrap();
        assert!(!stats.contains("26万元"), "{file}: suggestions are not figures yet");
        fs::copy(report.join("stats.suggested.yaml"), report.join("stats.yaml")).unwrap();
        let public = build_drafts(&site);
        let stats = fs::read_to_string(public.join("2023/stats/index.html")).unwrap();
        for figure in ["近26万元", "2.3万余人次", "约300人次", "1500余册", "90.4%", "人均3.2次"]
        {
            assert!(stats.contains(figure), "{file}: {figure} on the stats page");
        }
    }
}

#[test]
fn check_names_the_suggested_figures_with_their_count() {
    let site = TestSite::new();
    let out = import(&fixture("import/article.txt"), "2023", site.root(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = crate::support::annals().args(["check", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "suggestions are a warning: {}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr
            .contains("content/2023/stats.suggested.yaml: 18 figures suggested by `annals import`"),
        "{stderr}"
    );
}

#[test]
fn a_dry_run_prints_the_files_and_writes_nothing() {
    let site = TestSite::new();
    let before = snapshot(site.root());
    let out = import(&fixture("import/article.docx"), "2023", site.root(), &["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for file in [
        "content/2023/_index.md",
        "content/2023/03-建设文化阵地.md",
        "content/2023/photos/01-1.jpg",
        "content/2023/stats.suggested.yaml",
    ] {
        assert!(stdout.contains(file), "{file} in\n{stdout}");
    }
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn an_import_that_cannot_be_done_changes_nothing() {
    let site = TestSite::new();
    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("report.docx");
    fs::write(&corrupt, b"PK\x03\x04 this is no zip archive").unwrap();
    let pdf = dir.path().join("report.pdf");
    fs::write(&pdf, b"%PDF-1.7").unwrap();
    let missing = dir.path().join("missing.docx");
    let existing = fixture("import/article.txt");
    let before = snapshot(site.root());
    for (file, year, says) in [
        (&existing, "2024", "content/2024: this report exists already"),
        (&missing, "2023", "missing.docx: cannot read this file"),
        (&pdf, "2023", "report.pdf: annals import reads .docx, .md, .txt and .html files"),
        (&corrupt, "2023", "report.docx: this is not a Word document annals can read"),
        (&existing, "23", "`23` is not a year"),
    ] {
        let out = import(file, year, site.root(), &[]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", file.display());
        assert!(stderr.contains(says), "{says} in:\n{stderr}");
        assert!(stderr.contains("hint:"), "says what would fix it: {stderr}");
        assert_eq!(snapshot(site.root()), before, "{} changed the site", file.display());
    }
}

#[test]
fn the_seed_article_imports_with_its_five_chapters_and_figures() {
    let site = TestSite::new();
    let out = import(&fixture("import/seed-2024-review.txt"), "2023", site.root(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = site.root().join("content/2023");
    let numbers: Vec<String> = chapter_files(&report).iter().map(|n| n[..2].to_owned()).collect();
    assert_eq!(numbers, ["01", "02", "03", "04", "05"], "printed 1 3 4 2 5, numbered as printed");
    let first = fs::read_to_string(report.join("01-初心护核心.md")).unwrap();
    assert!(
        first.starts_with("---\ntitle: “初心”护“核心”\nsummary: 旗帜鲜明讲政治\n---\n"),
        "{first}"
    );
    let third = fs::read_to_string(report.join("03-创新促焕新.md")).unwrap();
    assert!(
        third.contains("不断提升提案工作质量水平"),
        "a paragraph the newspaper's page break cut in two is one again"
    );
    let yaml = fs::read_to_string(report.join("stats.suggested.yaml")).unwrap();
    let count = yaml.matches("\n- key: ").count();
    assert!(count >= 25, "{count} figures suggested");
    let study = suggestion(&yaml, "14次");
    assert!(study.contains("value: 14\n  unit: 次"), "{study}");
    assert!(suggestion(&yaml, "10余件").contains("value: 10\n  approx: over\n  unit: 件"));
    let charity = suggestion(&yaml, "近26万元");
    assert!(charity.contains("value: 26\n  scale: 万\n  approx: nearly\n  unit: 元"), "{charity}");
    build_drafts(&site);
}
