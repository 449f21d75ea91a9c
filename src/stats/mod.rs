//! Pure functions over the model's figures: formatting one for the site's
//! language, its change against earlier years, its series across them. No
//! I/O. (A stat derived from the chronicle is computed as it is loaded, in
//! `content::stats`.)

mod format;

pub use format::{FigureStyle, PATTERNS, format_percent};

use crate::content::{Quantity, Report, Scale, Stat};

/// The 万 or 亿 a figure's value is counted in, whether `scale:` or its
/// unit says it, and the unit that is left: `value: 2.83, scale: 万, unit:
/// 人次` and `value: 2.83, unit: 万人次` are both 人次 in 万. The 万 comes
/// from the unit in the site's default language, so a translated unit
/// (`en: visits`) counts the same.
pub fn magnitude(stat: &Stat) -> (Option<Scale>, &str) {
    let unit = stat.unit.as_deref().unwrap_or("");
    match stat.scale {
        Some(s) => (Some(s), unit),
        None => (Scale::split_unit(base_unit(stat)).0, Scale::split_unit(unit).1),
    }
}

/// A figure's unit in the site's default language, without its 万 or 亿:
/// what tells whether two figures measure the same thing.
fn measure(stat: &Stat) -> &str {
    match stat.scale {
        Some(_) => base_unit(stat),
        None => Scale::split_unit(base_unit(stat)).1,
    }
}

fn base_unit(stat: &Stat) -> &str {
    stat.base_unit.as_deref().unwrap_or("")
}

/// What a figure's value is multiplied by to give its real number: 10⁴ for
/// one in 万.
pub fn multiplier(stat: &Stat) -> f64 {
    10f64.powi(i32::from(magnitude(stat).0.map_or(0, Scale::power)))
}

/// The real number a figure stands for, after its 万 or 亿; `None` for a
/// range.
pub fn real(stat: &Stat) -> Option<f64> {
    stat.quantity.one().map(|v| round_noise(v * multiplier(stat)))
}

/// Why two figures of one key cannot be compared year over year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incomparable {
    /// Different units (after 万 and 亿): `人次` against `次`.
    Unit,
    /// A rate against a total, or rates per different things.
    Rate,
    /// A range has no one number to compare.
    Range,
    /// A figure for another span of years than its report's.
    Period,
}

/// A figure's change against its key (or `previous_key`) in an earlier
/// report, in real numbers.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub previous_year: i32,
    pub previous: &'a Stat,
    /// The previous figure's real number.
    pub previous_value: f64,
    pub delta: f64,
    /// `None` where the previous value is 0, or for a percentage (whose
    /// change is in points).
    pub percent: Option<f64>,
    /// Either figure is approximate, and so is the change.
    pub approx: bool,
    /// A change of a percentage, in percentage points.
    pub points: bool,
}

/// A figure against the same key in the nearest older report.
#[derive(Debug, Clone)]
pub enum Comparison<'a> {
    /// No older report has the key.
    First,
    Change(Change<'a>),
    /// The older figure is there, but the two do not compare.
    Incomparable {
        previous_year: i32,
        previous: &'a Stat,
        why: Incomparable,
    },
}

/// The nearest older report (of `reports`, newest first) with `stat`'s key
/// or its `previous_key`, and the figure there.
pub fn previous<'a>(stat: &Stat, year: i32, reports: &'a [Report]) -> Option<(i32, &'a Stat)> {
    reports.iter().filter(|r| r.year < year).find_map(|r| {
        let same = r.stats.iter().find(|s| s.key == stat.key);
        let renamed =
            || stat.previous_key.as_deref().and_then(|k| r.stats.iter().find(|s| s.key == k));
        same.or_else(renamed).map(|s| (r.year, s))
    })
}

/// Why `a` and `b` do not compare, if they do not.
pub fn incomparable(a: &Stat, b: &Stat) -> Option<Incomparable> {
    if a.period.is_some() || b.period.is_some() {
        Some(Incomparable::Period)
    } else if matches!(a.quantity, Quantity::Range(..)) || matches!(b.quantity, Quantity::Range(..))
    {
        Some(Incomparable::Range)
    } else if a.per != b.per {
        Some(Incomparable::Rate)
    } else if measure(a) != measure(b) {
        Some(Incomparable::Unit)
    } else {
        None
    }
}

/// `stat` (of the report of `year`) against the nearest older report.
pub fn compare<'a>(stat: &Stat, year: i32, reports: &'a [Report]) -> Comparison<'a> {
    let Some((previous_year, previous)) = previous(stat, year, reports) else {
        return Comparison::First;
    };
    if let Some(why) = incomparable(stat, previous) {
        return Comparison::Incomparable { previous_year, previous, why };
    }
    let (Some(now), Some(before)) = (real(stat), real(previous)) else {
        return Comparison::Incomparable { previous_year, previous, why: Incomparable::Range };
    };
    let delta = round_noise(now - before);
    let points = magnitude(stat).1 == "%";
    let percent = (before != 0.0 && !points).then(|| round_noise(delta / before.abs() * 100.0));
    Comparison::Change(Change {
        previous_year,
        previous,
        previous_value: before,
        delta,
        percent,
        approx: stat.approx.is_some() || previous.approx.is_some(),
        points,
    })
}

/// The change of `stat`, where it has one.
pub fn change<'a>(stat: &Stat, year: i32, reports: &'a [Report]) -> Option<Change<'a>> {
    match compare(stat, year, reports) {
        Comparison::Change(c) => Some(c),
        _ => None,
    }
}

/// One figure across the years: its points, oldest first, under the key
/// of its newest report (renamed keys followed through `previous_key`).
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub key: &'a str,
    /// The newest label, unit and group.
    pub latest: &'a Stat,
    pub points: Vec<(i32, &'a Stat)>,
    /// The keys it had, newest first.
    keys: Vec<&'a str>,
}

impl Series<'_> {
    /// The real numbers of the years that compare with the newest, for a
    /// trend line; fewer than two make no line.
    pub fn trend(&self) -> Vec<(i32, f64)> {
        self.points
            .iter()
            .filter(|(_, s)| {
                std::ptr::eq(*s, self.latest) || incomparable(s, self.latest).is_none()
            })
            .filter_map(|(y, s)| real(s).map(|v| (*y, v)))
            .collect()
    }
}

/// Every figure across the reports (newest first), in the order the
/// newest report that has it lists it.
pub fn series(reports: &[Report]) -> Vec<Series<'_>> {
    let mut out: Vec<Series<'_>> = Vec::new();
    for report in reports {
        for stat in &report.stats {
            let open = out.iter_mut().find(|s| {
                s.keys.contains(&stat.key.as_str())
                    && s.points.last().is_none_or(|p| p.0 != report.year)
            });
            match open {
                Some(s) => {
                    s.points.push((report.year, stat));
                    s.keys.extend(stat.previous_key.as_deref());
                }
                None => out.push(Series {
                    key: &stat.key,
                    latest: stat,
                    points: vec![(report.year, stat)],
                    keys: std::iter::once(stat.key.as_str())
                        .chain(stat.previous_key.as_deref())
                        .collect(),
                }),
            }
        }
    }
    for s in &mut out {
        s.points.reverse();
    }
    out
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

#[cfg(test)]
mod tests;

/// Figures and styles for tests across the crate.
#[cfg(test)]
pub(crate) mod testing {
    use super::FigureStyle;
    use crate::content::{Number, Origin, Quantity, Report, Stat};

    /// A report of `year` with `stats` and nothing else.
    pub fn report(year: i32, stats: Vec<Stat>) -> Report {
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
            untranslated: false,
            chapters: vec![],
            stats,
            unread_stats: vec![],
            chronicle: vec![],
            preface: Default::default(),
        }
    }

    /// The style of a shipped language, from the default theme's strings.
    pub fn style(language: &str) -> FigureStyle {
        let text = match language {
            "en" => include_str!("../../themes/default/i18n/en.yaml"),
            _ => include_str!("../../themes/default/i18n/zh-CN.yaml"),
        };
        let strings: serde_json::Map<String, serde_json::Value> =
            serde_saphyr::from_str(text).expect("the shipped strings parse");
        FigureStyle::new(&strings, language).expect("the shipped strings are complete")
    }

    /// A stat of the key `k` with `value` as written (`"2.83"`, `"1060.50"`).
    pub fn stat(value: &str, unit: &str) -> Stat {
        Stat {
            key: "k".into(),
            label: "l".into(),
            quantity: Quantity::One(Number::parse(value).expect("a number")),
            unit: (!unit.is_empty()).then(|| unit.into()),
            base_unit: (!unit.is_empty()).then(|| unit.into()),
            scale: None,
            approx: None,
            per: None,
            period: None,
            previous_key: None,
            group: None,
            note: None,
            chapter: None,
            highlight: false,
            rank: None,
            table_only: false,
            derived: None,
            origin: Origin::default(),
        }
    }
}
