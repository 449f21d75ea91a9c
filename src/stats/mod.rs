//! Pure functions over the model's figures: formatting one for the site's
//! language, its change against earlier years, its series across them. No
//! I/O. (A stat derived from the chronicle is computed as it is loaded, in
//! `content::stats`.)

use crate::content::{Approx, Report, Stat};

/// A figure's change against the same key in an earlier report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    pub previous_year: i32,
    pub previous_value: f64,
    pub delta: f64,
    /// `None` where the previous value is 0.
    pub percent: Option<f64>,
}

/// The change of `stat` against the nearest older report in `reports`
/// (newest first) that has the same key.
pub fn change(stat: &Stat, year: i32, reports: &[Report]) -> Option<Change> {
    let (previous_year, previous) = reports
        .iter()
        .filter(|r| r.year < year)
        .find_map(|r| r.stats.iter().find(|s| s.key == stat.key).map(|s| (r.year, s)))?;
    let delta = round_noise(stat.value - previous.value);
    let percent =
        (previous.value != 0.0).then(|| round_noise(delta / previous.value.abs() * 100.0));
    Some(Change { previous_year, previous_value: previous.value, delta, percent })
}

/// One key across the years: its points, oldest first.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub key: &'a str,
    /// The newest label, unit and group.
    pub latest: &'a Stat,
    pub points: Vec<(i32, &'a Stat)>,
}

/// Every stat key across the reports (newest first), in the order the
/// newest report that has it lists it.
pub fn series(reports: &[Report]) -> Vec<Series<'_>> {
    let mut out: Vec<Series<'_>> = Vec::new();
    for report in reports {
        for stat in &report.stats {
            match out.iter_mut().find(|s| s.key == stat.key) {
                Some(s) => s.points.push((report.year, stat)),
                None => out.push(Series {
                    key: &stat.key,
                    latest: stat,
                    points: vec![(report.year, stat)],
                }),
            }
        }
    }
    for s in &mut out {
        s.points.reverse();
    }
    out
}

/// A signed number: `+3`, `-2.5`, `0`.
pub fn format_signed(v: f64) -> String {
    let text = format_number(v);
    if v > 0.0 { format!("+{text}") } else { text }
}

/// A percentage with one decimal at most: `+12.5%`.
pub fn format_percent(v: f64) -> String {
    format!("{}%", format_signed((v * 10.0).round() / 10.0))
}

/// Drops the binary noise of decimal arithmetic (`0.1 + 0.2`).
fn round_noise(v: f64) -> f64 {
    let scale = 1e9;
    (v * scale).round() / scale
}

/// A number as people write it: `14`, `2.5`, never `0.30000000000000004`.
pub fn format_number(v: f64) -> String {
    let v = round_noise(v);
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.9}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The patterns a language formats figures with, from the theme's strings:
/// each holds `{value}` and `{unit}`.
#[derive(Debug, Clone)]
pub struct FigureStyle {
    pub plain: String,
    pub over: String,
    pub nearly: String,
    pub about: String,
}

impl FigureStyle {
    /// `14次`, `10余件`, `近26万元` in Chinese; `14`, `10+`, `nearly 26` in English.
    pub fn format(&self, stat: &Stat) -> String {
        let pattern = match stat.approx {
            None => &self.plain,
            Some(Approx::Over) => &self.over,
            Some(Approx::Nearly) => &self.nearly,
            Some(Approx::About) => &self.about,
        };
        pattern
            .replace("{value}", &format_number(stat.value))
            .replace("{unit}", stat.unit.as_deref().unwrap_or(""))
            .trim()
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Origin;

    fn stat(value: f64, unit: &str, approx: Option<Approx>) -> Stat {
        Stat {
            key: "k".into(),
            label: "l".into(),
            value,
            unit: Some(unit.into()),
            approx,
            group: None,
            note: None,
            chapter: None,
            highlight: false,
            derived: None,
            origin: Origin::default(),
        }
    }

    fn zh() -> FigureStyle {
        FigureStyle {
            plain: "{value}{unit}".into(),
            over: "{value}余{unit}".into(),
            nearly: "近{value}{unit}".into(),
            about: "约{value}{unit}".into(),
        }
    }

    fn en() -> FigureStyle {
        FigureStyle {
            plain: "{value} {unit}".into(),
            over: "{value}+ {unit}".into(),
            nearly: "nearly {value} {unit}".into(),
            about: "about {value} {unit}".into(),
        }
    }

    #[test]
    fn chinese_figures() {
        assert_eq!(zh().format(&stat(14.0, "次", None)), "14次");
        assert_eq!(zh().format(&stat(10.0, "件", Some(Approx::Over))), "10余件");
        assert_eq!(zh().format(&stat(26.0, "万元", Some(Approx::Nearly))), "近26万元");
        assert_eq!(zh().format(&stat(300.0, "人次", Some(Approx::About))), "约300人次");
    }

    #[test]
    fn english_figures() {
        assert_eq!(en().format(&stat(10.0, "", Some(Approx::Over))), "10+");
        assert_eq!(en().format(&stat(26.0, "", Some(Approx::Nearly))), "nearly 26");
        assert_eq!(en().format(&stat(300.0, "visits", Some(Approx::About))), "about 300 visits");
    }

    #[test]
    fn no_float_noise() {
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(2.50), "2.5");
        assert_eq!(format_number(260000.0), "260000");
    }

    fn report(year: i32, stats: Vec<Stat>) -> Report {
        Report {
            year,
            title: format!("{year}"),
            path: format!("{year}/"),
            subtitle: None,
            date: None,
            author: None,
            summary: None,
            cover: None,
            photo_credit: None,
            tags: vec![],
            draft: false,
            photos: vec![],
            extra: Default::default(),
            chapters: vec![],
            stats,
            chronicle: vec![],
            preface: Default::default(),
        }
    }

    #[test]
    fn change_against_the_nearest_older_report_with_the_key() {
        let keyed = |key: &str, v: f64| Stat { key: key.into(), ..stat(v, "次", None) };
        let reports = vec![
            report(2024, vec![keyed("a", 15.0), keyed("b", 3.0)]),
            report(2023, vec![keyed("b", 0.0)]),
            report(2022, vec![keyed("a", 12.0)]),
        ];
        let a = change(&reports[0].stats[0], 2024, &reports).unwrap();
        assert_eq!((a.previous_year, a.delta, a.percent), (2022, 3.0, Some(25.0)));
        let b = change(&reports[0].stats[1], 2024, &reports).unwrap();
        assert_eq!((b.previous_year, b.percent), (2023, None));
        assert_eq!(change(&reports[2].stats[0], 2022, &reports), None);
        let all = series(&reports);
        assert_eq!(all[0].key, "a");
        assert_eq!(all[0].points.iter().map(|p| p.0).collect::<Vec<_>>(), [2022, 2024]);
        assert_eq!(format_percent(25.0), "+25%");
        assert_eq!(format_percent(-12.345), "-12.3%");
        assert_eq!(format_signed(0.0), "0");
    }
}
