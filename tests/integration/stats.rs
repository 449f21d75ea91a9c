//! Figures: the stats pages, charts, change against last year, data files,
//! the cross-year page, the chronicle and `annals stats`.

use crate::support::{build, fixture, read};

#[test]
fn stats_page_shows_groups_charts_and_change_against_last_year() {
    let (_tmp, out) = build(&fixture("two-years"));
    let page = read(&out, "2024/stats/index.html");
    assert_eq!(page.matches("<section class=\"stat-group\"").count(), 3, "three groups");
    // No group has two figures of one measure (服务 has only readers; 推广
    // one each of 次, 场 and 人次; 经费 one of 元): no charts, numbers only.
    assert_eq!(page.matches("role=\"img\"").count(), 0, "{page}");
    assert_eq!(page.matches("class=\"stat-group-body no-chart\"").count(), 3, "{page}");
    assert_eq!(
        page.matches("<th scope=\"col\" class=\"num\">上年</th>").count(),
        1,
        "last year's column only where there is one"
    );
    assert!(page.contains("<table class=\"stats-table\" id=\"group-1\">"));
    // Groups in reading order: the figures of chapter 2 come first.
    assert!(page.contains("<h2 id=\"group-1-heading\">服务</h2>"), "{page}");
    assert!(page.contains("<h2 id=\"group-2-heading\">推广</h2>"), "{page}");
    let row = &page[page.find("id=\"stat-readers\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("<span class=\"year\">2023</span> 10万人次"), "{row}");
    assert!(row.contains("+2.5万 <small>(+25%)</small>"), "{row}");
    assert!(row.contains("change-up"), "{row}");
    assert!(!page.contains("<script"), "no JavaScript");
}

#[test]
fn stats_json_and_csv_carry_the_same_figures() {
    let (_tmp, out) = build(&fixture("two-years"));
    let json: serde_json::Value = serde_json::from_str(&read(&out, "2024/stats.json")).unwrap();
    assert_eq!(json["year"], 2024);
    let stats = json["stats"].as_array().unwrap();
    assert_eq!(stats.len(), 5);
    let readers = stats.iter().find(|s| s["key"] == "readers").unwrap();
    assert_eq!(
        (readers["value"].as_f64(), readers["change_percent"].as_f64()),
        (Some(125000.0), Some(25.0)),
        "the real number, 12.5 in 万"
    );
    let events = stats.iter().find(|s| s["key"] == "events").unwrap();
    assert_eq!((events["value"].as_i64(), events["derived"].as_bool()), (Some(2), Some(true)));

    let bytes = std::fs::read(out.join("2024/stats.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for spreadsheet programs");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "key");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    let donations = rows.iter().find(|r| &r[0] == "donations").unwrap();
    assert_eq!((&donations[1], &donations[5]), ("社会捐赠", "近26万元"));
}

#[test]
fn stats_across_years() {
    let (_tmp, out) = build(&fixture("two-years"));
    let page = read(&out, "stats/index.html");
    let row = &page[page.find("id=\"key-readers\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    let (y23, y24) = (row.find("10万人次").unwrap(), row.find("12.5万人次").unwrap());
    assert!(y23 < y24, "oldest year first");
    assert!(row.contains("<polyline"), "a trend line");
    assert!(row.contains("href=\"../2023/stats/index.html#stat-readers\""), "{row}");
}

#[test]
fn chronicle_by_month_in_date_order() {
    let (_tmp, out) = build(&fixture("two-years"));
    let page = read(&out, "2024/chronicle/index.html");
    let order: Vec<usize> = [
        "2024年1月",
        "新馆开放",
        "2024年3月",
        "春季读书会",
        "2024年9月",
        "秋季读书会",
        "2024年全年及日期不详",
        "全年志愿服务",
    ]
    .iter()
    .map(|t| page.find(t).unwrap_or_else(|| panic!("{t} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page.contains("<span class=\"event-place\">文化广场</span>"));
    assert!(page.contains("<a href=\"../../2024/reading/index.html\">阅读推广</a>"));
    assert!(page.contains("参与人数：80.5人次"), "full-width colon, the count with its unit");
}

#[test]
fn the_example_report_has_its_figures_in_data_files() {
    let (_tmp, out) = build(&crate::support::repo_root());
    let json: serde_json::Value = serde_json::from_str(&read(&out, "2024/stats.json")).unwrap();
    let stats = json["stats"].as_array().unwrap();
    assert!(stats.len() >= 30, "{} figures", stats.len());
    let texts: Vec<&str> = stats.iter().map(|s| s["text"].as_str().unwrap()).collect();
    for figure in ["14次", "10余件", "近26万元", "140余人次"] {
        assert!(texts.contains(&figure), "{figure} missing");
    }
    assert!(read(&out, "2024/chronicle/index.html").contains("event-kind"));
}

#[test]
fn annals_stats_prints_table_csv_and_json() {
    let root = fixture("two-years");
    let run = |args: &[&str]| {
        let out = crate::support::annals()
            .arg("stats")
            .arg("--root")
            .arg(&root)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&[]);
    assert!(table.starts_with("2024 2024年度报告"));
    assert!(table.contains("近26万元") && table.contains("+2.5万 (+25%)"), "{table}");
    assert!(table.contains("2023: 10万人次"), "{table}");
    let csv = run(&["--year", "2023", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("readers,到馆读者,100000,,,10万人次,万人次"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(json["stats"][0]["key"], "readers", "chapter order, not file order");
    let missing = crate::support::annals()
        .args(["stats", "--year", "1999", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("the reports of this site: 2024, 2023")
    );
}
