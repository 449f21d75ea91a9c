//! Figures as real reports write them (SPEC §2): 万 and 余, ranges,
//! percentages, rates, figures of other spans, renamed keys, and honest
//! year-over-year change, in Chinese (`fixtures/figures`) and English
//! (`fixtures/figures-en`); Chinese text that reads right; one bad figure
//! that hides none of its neighbours.

use crate::support::{TestSite, build, fixture, read};

/// The row of `key` on a stats page, as text without tags.
fn row(page: &str, key: &str) -> String {
    let start = page.find(&format!("id=\"stat-{key}\"")).unwrap_or_else(|| panic!("{key}"));
    let row = &page[start..];
    let row = &row[..row.find("</tr>").unwrap()];
    let text: Vec<&str> =
        row.split('<').map(|part| part.split_once('>').map_or("", |p| p.1)).collect();
    let text = text.join(" ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn chinese_figures_as_reports_write_them() {
    let (_tmp, out) = build(&fixture("figures"));
    let stats_2023 = read(&out, "2023/stats/index.html");
    assert_eq!(row(&stats_2023, "visits"), "委员走访群众 2.83万余人次");
    assert_eq!(row(&stats_2023, "funds"), "公益捐资 近26万元");
    let page = read(&out, "2024/stats/index.html");
    assert_eq!(row(&page, "new_sites"), "新建委员联系点 5—10个 第1部分");
    assert_eq!(row(&page, "satisfaction"), "群众满意度 90.4% 2023 85% +5.4个百分点");
    // A rate is never compared with last year's total.
    assert_eq!(row(&page, "per_member"), "委员履职活动 人均41.5次 2023 760次");
    // A five-year total: its span, and no last year, no change.
    assert_eq!(row(&page, "five_year_total"), "五年来办理提案 2019—2023年：1200件 第1部分");
    // Text citing it has its own words for the span.
    let chapter = read(&out, "2024/work/index.html");
    assert!(chapter.contains(">1200件</a>"), "{chapter}");
}

#[test]
fn year_over_year_compares_real_numbers_of_comparable_figures() {
    let (_tmp, out) = build(&fixture("figures"));
    let page = read(&out, "2024/stats/index.html");
    // 2.83万余 is 28,300: +11.3%, not +1112656%; renamed from `visits`;
    // approximate because last year's figure was.
    assert_eq!(
        row(&page, "visitors"),
        "委员走访群众 31491人次 2023 2.83万余人次 约+3191 (约+11.3%)"
    );
    assert_eq!(row(&page, "consultations"), "协商活动 1395次 2023 840余次 约+555 (约+66.1%)");
    assert_eq!(row(&page, "funds"), "公益捐资 31.5万元 2023 近26万元 约+6万 (约+21.2%)");
    // Bars only between figures of one measure: the two counts of 个 of
    // 委员履职, not its percentage, nor the figures of the other group
    // that each stand alone in their unit.
    assert_eq!(page.matches("role=\"img\"").count(), 1, "{page}");
    let chart = &page[page.find("<svg class=\"chart chart-bars\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    assert!(chart.contains("<title id=\"chart-2-1-title\">2024 委员履职 · 个</title>"), "{chart}");
    assert_eq!(chart.matches("<rect").count(), 2, "{chart}");
    assert!(chart.contains("width=\"300.0\"") && chart.contains("width=\"150.0\""), "{chart}");
    // 天 against 个月: shown side by side, no change.
    assert_eq!(row(&page, "training"), "委员培训 30天 2023 1个月");
    for percent in page.split("(约+").skip(1) {
        let number: f64 = percent.split('%').next().unwrap().parse().unwrap();
        assert!(number < 1000.0, "{percent}");
    }

    let json: serde_json::Value = serde_json::from_str(&read(&out, "2024/stats.json")).unwrap();
    let stat = |key: &str| {
        json["stats"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap().clone()
    };
    let visitors = stat("visitors");
    assert_eq!(visitors["value"], 31491);
    assert_eq!(visitors["previous_value"], 28300, "the real number of 2.83万");
    assert_eq!(visitors["change_percent"].as_f64().map(|p| (p * 10.0).round() / 10.0), Some(11.3));
    assert_eq!(visitors["change_approx"], true);
    assert_eq!(
        (stat("funds")["value"].clone(), stat("funds")["scale"].clone()),
        (315000.into(), "万".into())
    );
    assert_eq!(stat("new_sites")["range"], serde_json::json!([5, 10]));
    assert_eq!(stat("training")["change"], serde_json::Value::Null);
    let json_2023: serde_json::Value =
        serde_json::from_str(&read(&out, "2023/stats.json")).unwrap();
    assert_eq!(json_2023["stats"][0]["value"], 28300);

    // Across the years: the renamed key is one row, its line through both years.
    let across = read(&out, "stats/index.html");
    assert!(!across.contains("id=\"key-visits\""), "one row for visits and visitors");
    let visitors_row = &across[across.find("id=\"key-visitors\"").unwrap()..];
    let visitors_row = &visitors_row[..visitors_row.find("</tr>").unwrap()];
    assert!(
        visitors_row.contains("<polyline") && visitors_row.contains("2023: 28300, 2024: 31491"),
        "{visitors_row}"
    );
    let training_row = &across[across.find("id=\"key-training\"").unwrap()..];
    let training_row = &training_row[..training_row.find("</tr>").unwrap()];
    assert!(!training_row.contains("<svg"), "no line between 个月 and 天: {training_row}");
}

#[test]
fn check_warns_where_a_figure_does_not_compare_naming_both_files() {
    let report = annals::check(&annals::BuildOptions::new(fixture("figures")));
    assert!(report.errors.is_empty(), "{report:#?}");
    let messages: Vec<String> = report
        .warnings
        .iter()
        .map(|d| format!("{}:{}: {}", d.file.display(), d.line.unwrap_or(0), d.message))
        .collect();
    let expected = [
        "content/2024/stats.yaml:24: the figure `training` does not compare with content/2023/stats.yaml:21: `天` here and `个月` in 2023",
        "content/2024/stats.yaml:29: the figure `per_member` does not compare with content/2023/stats.yaml:25: a rate per `人` here and a total in 2023",
    ];
    for e in expected {
        assert!(messages.iter().any(|m| m == e), "{e} missing from {messages:#?}");
    }
    // Table-only figures and the cited ones need no text.
    assert!(
        !messages.iter().any(|m| m.contains("2024") && m.contains("cited by no text")),
        "{messages:#?}"
    );
}

#[test]
fn key_figures_in_the_order_their_numbers_give() {
    let (_tmp, out) = build(&fixture("figures"));
    let page = read(&out, "2024/index.html");
    let key = &page[page.find("class=\"key-figures\"").unwrap()..];
    let key = &key[..key.find("</ul>").unwrap()];
    let order: Vec<usize> = ["31491人次", "1395次", "5—10个", "31.5万元"]
        .iter()
        .map(|f| key.find(f).unwrap_or_else(|| panic!("{f} missing: {key}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{key}");
}

#[test]
fn chinese_text_joins_across_source_line_breaks() {
    let (_tmp, out) = build(&fixture("figures"));
    let page = read(&out, "2024/index.html");
    assert!(
        page.contains("全年坚持协商议政，for the people of Qinghe\ndistrict.")
            || page.contains("全年坚持协商议政，for the people of Qinghe district."),
        "{page}"
    );
    // A summary folded by YAML over two lines.
    assert!(page.contains("持续推进协商议政，助推高质量发展。"), "{page}");
}

#[test]
fn events_span_days_and_count_people_approximately() {
    let (_tmp, out) = build(&fixture("figures"));
    let page = read(&out, "2024/chronicle/index.html");
    assert!(page.contains("<time datetime=\"2024-05-06\">2024-05-06</time>—<time datetime=\"2024-05-08\">2024-05-08</time>"), "{page}");
    assert!(page.contains("140余人次"), "{page}");
}

#[test]
fn english_figures_have_separators_and_the_digits_written() {
    let (_tmp, out) = build(&fixture("figures-en"));
    let page = read(&out, "2024/stats/index.html");
    assert_eq!(row(&page, "grantees"), "Grantees 1,234,567 people");
    assert_eq!(row(&page, "average"), "Average grant 1,060.50 USD");
    assert_eq!(row(&page, "renewed"), "Grantees who renewed 92%");
    assert_eq!(row(&page, "visitors"), "Visitors 28,300+ 2023 25,000 about +3,300 (about +13.2%)");
    assert_eq!(
        row(&page, "grants"),
        "Grants paid 308,102.61 USD 2023 about 280,000 USD about +28,103 (about +10%)"
    );
    let preface = read(&out, "2024/index.html");
    assert!(preface.contains(">28,300+</a> visitors"), "{preface}");
}

#[test]
fn one_bad_figure_hides_none_of_its_neighbours() {
    let site = TestSite::new();
    site.file(
        "content/2024/stats.yaml",
        "- key: a\n  label: A\n  value: 1\n- key: b\n  label: B\n  value: 第3\n- key: c\n  label: C\n  valeu: 4\n- key: d\n  label: D\n  value: 5\n",
    );
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\n---\n{{ stat(key=\"a\") }} {{ stat(key=\"b\") }} {{ stat(key=\"c\") }} {{ stat(key=\"d\") }}\n",
    );
    let report = annals::check(&site.options());
    let errors: Vec<(usize, &str)> =
        report.errors.iter().map(|d| (d.line.unwrap_or(0), d.message.as_str())).collect();
    // The root causes only: no "no stat has the key `b`" after them.
    assert_eq!(
        errors,
        [(6, "the value `第3` is not a number"), (9, "unknown key `valeu`")],
        "{report:#?}"
    );
    assert_eq!(report.errors[0].hint.as_deref(), Some("write it in digits, such as 14 or 2.5"));
    assert_eq!(report.errors[1].hint.as_deref(), Some("did you mean `value`?"));
}

/// A credit that is a bare name gets the theme's `摄影：`; one that says
/// what it is stays as written.
#[test]
fn photo_credits_say_who_took_the_photo() {
    let (_tmp, out) = build(&fixture("figures"));
    let page = read(&out, "2024/work/index.html");
    assert!(page.contains("<span class=\"credit\">摄影：王芳</span>"), "{page}");
    assert!(page.contains("<span class=\"credit\">马敏 摄</span>"), "{page}");
    let gallery = read(&out, "2024/photos/index.html");
    assert!(gallery.contains("摄影：王芳") && !gallery.contains("摄影：马敏"), "{gallery}");
}
