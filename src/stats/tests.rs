//! Figures as real reports write them, in both shipped languages, and
//! their comparison year over year.

use super::*;
use crate::content::{Approx, Number, Period, Quantity, Scale};

use testing::{report, stat, style};

fn wan(value: &str, unit: &str, approx: Option<Approx>) -> Stat {
    Stat { scale: Some(Scale::Wan), approx, ..stat(value, unit) }
}

fn range(from: &str, to: &str, unit: &str) -> Stat {
    let n = |t| Number::parse(t).unwrap();
    Stat { quantity: Quantity::Range(n(from), n(to)), ..stat(from, unit) }
}

#[test]
fn chinese_figures() {
    let zh = style("zh-CN");
    assert_eq!(zh.figure(&stat("14", "次")), "14次");
    assert_eq!(zh.figure(&Stat { approx: Some(Approx::Over), ..stat("10", "件") }), "10余件");
    assert_eq!(zh.figure(&wan("2.83", "人次", Some(Approx::Over))), "2.83万余人次");
    assert_eq!(zh.figure(&wan("26", "元", Some(Approx::Nearly))), "近26万元");
    // 余 before 万 where the unit is written with it: 10余万元.
    assert_eq!(zh.figure(&Stat { approx: Some(Approx::Over), ..stat("10", "万元") }), "10余万元");
    // But never 余 after a decimal: 2.83余万 is not Chinese.
    assert_eq!(
        zh.figure(&Stat { approx: Some(Approx::Over), ..stat("2.83", "万人次") }),
        "2.83万余人次"
    );
    assert_eq!(
        zh.figure(&Stat { approx: Some(Approx::Nearly), ..stat("2.5", "万元") }),
        "近2.5万元"
    );
    assert_eq!(
        zh.figure(&Stat { approx: Some(Approx::About), ..stat("300", "人次") }),
        "约300人次"
    );
    assert_eq!(zh.figure(&range("5", "10", "个")), "5—10个");
    assert_eq!(zh.figure(&Stat { scale: Some(Scale::Wan), ..range("5", "10", "元") }), "5—10万元");
    assert_eq!(zh.figure(&stat("90.4", "%")), "90.4%");
    assert_eq!(zh.figure(&Stat { per: Some("人".into()), ..stat("41.5", "次") }), "人均41.5次");
    assert_eq!(zh.figure(&stat("31491", "人次")), "31491人次", "no separators in Chinese");
    assert_eq!(zh.figure(&stat("1060.50", "元")), "1060.50元", "the decimals written");
    let five_years = Stat { period: Some(Period { from: 2019, to: 2023 }), ..stat("120", "个") };
    assert_eq!(zh.text(&five_years), "2019—2023年：120个");
    assert_eq!(zh.period(&five_years).as_deref(), Some("2019—2023年"));
    assert_eq!(zh.figure(&five_years), "120个", "text citing it has its own words for the span");
    assert_eq!(zh.number(&wan("2.83", "人次", None)), "2.83万");
}

#[test]
fn english_figures() {
    let en = style("en");
    assert_eq!(en.figure(&stat("1234567", "")), "1,234,567");
    assert_eq!(en.figure(&wan("2.83", "", Some(Approx::Over))), "28,300+");
    assert_eq!(en.figure(&wan("26", "", Some(Approx::Nearly))), "nearly 260,000");
    assert_eq!(
        en.figure(&Stat { approx: Some(Approx::Nearly), ..stat("26", "万元") }),
        "nearly 260,000 元"
    );
    assert_eq!(en.figure(&stat("1060.50", "USD")), "1,060.50 USD");
    assert_eq!(en.figure(&stat("308102.61", "USD")), "308,102.61 USD");
    assert_eq!(en.figure(&stat("999", "visits")), "999 visits");
    assert_eq!(en.figure(&stat("92", "%")), "92%");
    assert_eq!(en.figure(&Stat { approx: Some(Approx::About), ..stat("90", "%") }), "about 90%");
    assert_eq!(en.figure(&range("5", "10", "")), "5–10");
    // A rate in English, as SPEC §2 writes it: the label says what is counted.
    assert_eq!(en.figure(&Stat { per: Some("人".into()), ..stat("41.5", "次") }), "41.5 per 人");
    assert_eq!(
        en.figure(&Stat { per: Some("member".into()), ..stat("41.5", "visits") }),
        "41.5 per member"
    );
    let five_years =
        Stat { period: Some(Period { from: 2019, to: 2023 }), ..stat("1200", "grants") };
    assert_eq!(en.text(&five_years), "2019–2023: 1,200 grants");
    assert_eq!(en.period(&five_years).as_deref(), Some("2019–2023"));
}

fn keyed(key: &str, s: Stat) -> Stat {
    Stat { key: key.into(), ..s }
}

#[test]
fn change_against_the_nearest_older_report_with_the_key() {
    let reports = vec![
        report(2024, vec![keyed("a", stat("15", "次")), keyed("b", stat("3", "次"))]),
        report(2023, vec![keyed("b", stat("0", "次"))]),
        report(2022, vec![keyed("a", stat("12", "次"))]),
    ];
    let a = change(&reports[0].stats[0], 2024, &reports).unwrap();
    assert_eq!((a.previous_year, a.delta, a.percent), (2022, 3.0, Some(25.0)));
    let b = change(&reports[0].stats[1], 2024, &reports).unwrap();
    assert_eq!((b.previous_year, b.percent), (2023, None));
    assert!(change(&reports[2].stats[0], 2022, &reports).is_none());
    let all = series(&reports);
    assert_eq!(all[0].key, "a");
    assert_eq!(all[0].points.iter().map(|p| p.0).collect::<Vec<_>>(), [2022, 2024]);
    assert_eq!(format_percent(25.0), "+25%");
    assert_eq!(format_percent(-12.345), "-12.3%");
}

#[test]
fn changes_compare_real_numbers_and_say_when_they_are_approximate() {
    let zh = style("zh-CN");
    let en = style("en");
    let reports = vec![
        report(2024, vec![keyed("visits", stat("31491", "人次"))]),
        report(2023, vec![keyed("visits", wan("2.83", "人次", Some(Approx::Over)))]),
    ];
    let c = change(&reports[0].stats[0], 2024, &reports).unwrap();
    assert_eq!((c.previous_value, c.delta), (28300.0, 3191.0));
    assert_eq!(format_percent(c.percent.unwrap()), "+11.3%");
    assert!(c.approx);
    assert_eq!(zh.percent(&c).unwrap(), "约+11.3%");
    assert_eq!(en.percent(&c).unwrap(), "about +11.3%");
    assert_eq!(zh.delta(&c, &reports[0].stats[0]), "约+3191");
    assert_eq!(en.delta(&c, &reports[0].stats[0]), "about +3,191");

    // In 万 both years: the change in 万 where Chinese keeps them.
    let funds = vec![
        report(2024, vec![keyed("funds", wan("31.5", "元", None))]),
        report(2023, vec![keyed("funds", Stat { approx: None, ..stat("26", "万元") })]),
    ];
    let c = change(&funds[0].stats[0], 2024, &funds).unwrap();
    assert_eq!(c.delta, 55000.0);
    assert_eq!(zh.delta(&c, &funds[0].stats[0]), "+5.5万");
    assert_eq!(en.delta(&c, &funds[0].stats[0]), "+55,000");

    // A percentage changes by points.
    let rates = vec![
        report(2024, vec![keyed("r", stat("90.4", "%"))]),
        report(2023, vec![keyed("r", stat("85", "%"))]),
    ];
    let c = change(&rates[0].stats[0], 2024, &rates).unwrap();
    assert_eq!((c.percent, c.points), (None, true));
    assert_eq!(zh.delta(&c, &rates[0].stats[0]), "+5.4个百分点");
}

#[test]
fn only_comparable_figures_change() {
    let cases = [
        (stat("2", "months"), stat("1", "month"), Incomparable::Unit),
        (
            Stat { per: Some("人".into()), ..stat("41.5", "次") },
            stat("840", "次"),
            Incomparable::Rate,
        ),
        (range("5", "10", "个"), stat("4", "个"), Incomparable::Range),
        (
            Stat { period: Some(Period { from: 2020, to: 2024 }), ..stat("50", "个") },
            stat("40", "个"),
            Incomparable::Period,
        ),
    ];
    for (now, before, why) in cases {
        let reports = vec![report(2024, vec![now]), report(2023, vec![before])];
        match compare(&reports[0].stats[0], 2024, &reports) {
            Comparison::Incomparable { previous_year: 2023, why: found, .. } => {
                assert_eq!(found, why)
            }
            other => panic!("{why:?}: {other:?}"),
        }
    }
}

#[test]
fn a_renamed_key_continues_its_old_one() {
    let reports = vec![
        report(
            2024,
            vec![Stat {
                previous_key: Some("visits".into()),
                ..keyed("visitors", stat("1395", "次"))
            }],
        ),
        report(
            2023,
            vec![keyed("visits", Stat { approx: Some(Approx::Over), ..stat("840", "次") })],
        ),
        report(2022, vec![keyed("visits", stat("700", "次"))]),
    ];
    let c = change(&reports[0].stats[0], 2024, &reports).unwrap();
    assert_eq!((c.previous_year, c.delta), (2023, 555.0));
    let all = series(&reports);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].key, "visitors");
    assert_eq!(all[0].trend(), [(2022, 700.0), (2023, 840.0), (2024, 1395.0)]);
}

#[test]
fn the_trend_leaves_out_years_that_do_not_compare() {
    let reports = vec![
        report(2024, vec![keyed("a", stat("12", "个"))]),
        report(2023, vec![keyed("a", range("5", "10", "个"))]),
        report(2022, vec![keyed("a", stat("9", "个"))]),
    ];
    assert_eq!(series(&reports)[0].trend(), [(2022, 9.0), (2024, 12.0)]);
}

#[test]
fn no_float_noise() {
    assert_eq!(format_number(0.1 + 0.2), "0.3");
    assert_eq!(format_number(2.50), "2.5");
    assert_eq!(format_number(260000.0), "260000");
}
