//! A figure as the site's language writes it. The patterns (where 余, 近 or
//! `about` go, how a range or a rate reads) come from the theme's strings;
//! digits, separators and grouping from ICU4X's locale data.
//!
//! Chinese keeps the 万 and 亿 a report writes (`2.83万余人次`, `近26万元`)
//! and, as reports do, no thousands separators; English shows the real
//! number with separators (`28,300+`, `nearly 260,000`). Decimals keep the
//! digits written: `1060.50` stays `1,060.50`.

use std::str::FromStr;

use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use serde_json::{Map, Value};

use super::Change;
use crate::content::{Approx, Number, Period, Quantity, Scale, Stat};

/// The theme strings a figure is written with; each names the
/// placeholders it holds (as `holds` says it to the user, in their
/// language).
pub const PATTERNS: [(&str, &str); 11] = [
    ("figure_plain", "{value} and {unit}"),
    ("figure_over", "{value} and {unit}"),
    ("figure_nearly", "{value} and {unit}"),
    ("figure_about", "{value} and {unit}"),
    ("figure_range", "{from} and {to}"),
    ("figure_rate", "{per} and {figure} (with its unit) or {value} (without)"),
    ("figure_period", "{from}, {to} and {figure}"),
    ("change_approx", "{change}"),
    ("change_points", "{delta}"),
    ("number_grouping", "true or false"),
    ("scale_words", "true or false"),
];

/// How the site's language writes figures.
pub struct FigureStyle {
    plain: String,
    over: String,
    nearly: String,
    about: String,
    range: String,
    rate: String,
    period: String,
    change_approx: String,
    change_points: String,
    /// Keep 万 and 亿 as written, rather than the real number.
    scale_words: bool,
    decimal: DecimalFormatter,
}

impl FigureStyle {
    /// The style from the theme's strings for `language` (a BCP 47 tag);
    /// the error names the string that is missing and what it holds.
    pub fn new(strings: &Map<String, Value>, language: &str) -> Result<Self, (String, String)> {
        let text = |key: &str| -> Result<String, (String, String)> {
            strings.get(key).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| missing(key))
        };
        let flag = |key: &str| -> Result<bool, (String, String)> {
            strings.get(key).and_then(Value::as_bool).ok_or_else(|| missing(key))
        };
        let locale = Locale::try_from_str(language).unwrap_or(Locale::UNKNOWN);
        let mut options = DecimalFormatterOptions::default();
        if !flag("number_grouping")? {
            options.grouping_strategy = Some(GroupingStrategy::Never);
        }
        let decimal = DecimalFormatter::try_new(locale.into(), options)
            .or_else(|_| DecimalFormatter::try_new(Locale::UNKNOWN.into(), options))
            .map_err(|_| missing("number_grouping"))?;
        Ok(FigureStyle {
            plain: text("figure_plain")?,
            over: text("figure_over")?,
            nearly: text("figure_nearly")?,
            about: text("figure_about")?,
            range: text("figure_range")?,
            rate: text("figure_rate")?,
            period: text("figure_period")?,
            change_approx: text("change_approx")?,
            change_points: text("change_points")?,
            scale_words: flag("scale_words")?,
            decimal,
        })
    }

    /// `14次`, `2.83万余人次`, `5—10个`, `人均41.5次`; `28,300+ visits`.
    pub fn figure(&self, stat: &Stat) -> String {
        let (_, unit) = self.scale_and_unit(stat);
        let number = self.number(stat);
        let figure = self.with_unit(&number, stat.approx, unit);
        match &stat.per {
            // `{figure}` with its unit (人均41.5次), `{value}` without it
            // (41.5 per 人: an English unit would read `次 per 人`).
            Some(per) => self
                .rate
                .replace("{figure}", &figure)
                .replace("{value}", &self.with_unit(&number, stat.approx, ""))
                .replace("{per}", per),
            None => figure,
        }
    }

    /// The number of a figure as it writes it: `14`, `2.83万`, `5—10`;
    /// `28,300` where the language shows the real number.
    pub fn number(&self, stat: &Stat) -> String {
        let (scale, _) = self.scale_and_unit(stat);
        match stat.quantity {
            Quantity::One(n) => self.digits(n, scale),
            Quantity::Range(from, to) => {
                // 万 once, after the range: `5—10万`.
                let (each, after) = match scale {
                    Some(s) if self.scale_words => (None, s.symbol()),
                    _ => (scale, ""),
                };
                let range = self
                    .range
                    .replace("{from}", &self.digits(from, each))
                    .replace("{to}", &self.digits(to, each));
                range + after
            }
        }
    }

    /// A count such as an event's participants: `140余人次`, `about 300 people`.
    pub fn count(&self, n: Number, approx: Option<Approx>, unit: &str) -> String {
        self.with_unit(&self.digits(n, None), approx, unit)
    }

    fn with_unit(&self, number: &str, approx: Option<Approx>, unit: &str) -> String {
        let pattern = match approx {
            None => &self.plain,
            Some(Approx::Over) => &self.over,
            Some(Approx::Nearly) => &self.nearly,
            Some(Approx::About) => &self.about,
        };
        let figure = pattern.replace("{value}", number).replace("{unit}", unit).trim().to_owned();
        if unit == "%" || unit == "‰" {
            figure.replace(&format!(" {unit}"), unit)
        } else {
            figure
        }
    }

    /// The figure as it stands alone, in a table or among the key figures:
    /// with its span where it covers other years (`2019—2023年：…`).
    pub fn text(&self, stat: &Stat) -> String {
        let figure = self.figure(stat);
        match stat.period {
            Some(Period { from, to }) => self
                .period
                .replace("{from}", &from.to_string())
                .replace("{to}", &to.to_string())
                .replace("{figure}", &figure),
            None => figure,
        }
    }

    /// The span of a figure of other years, as its pattern writes it
    /// before the figure: `2019—2023年`, `2019–2023`.
    pub fn period(&self, stat: &Stat) -> Option<String> {
        let Period { from, to } = stat.period?;
        let before = self.period.split("{figure}").next().unwrap_or("");
        let span = before.replace("{from}", &from.to_string()).replace("{to}", &to.to_string());
        Some(span.trim_end_matches([':', '：', ' ']).to_owned())
    }

    /// A change as a signed number, in the figure's 万 or 亿 where the
    /// language keeps them: `+3191`, `+5.5万`, `about +3,191`; a change of a
    /// percentage in points.
    pub fn delta(&self, change: &Change<'_>, stat: &Stat) -> String {
        // In the 万 of the figure, whether `scale:` or its unit says it.
        let power_of = |scale: Option<Scale>| scale.map_or(0, Scale::power);
        let scale = super::magnitude(stat).0.filter(|_| self.scale_words);
        let power = power_of(scale);
        let decimals = |s: &Stat| {
            let written = match s.quantity {
                Quantity::One(n) | Quantity::Range(n, _) => i16::from(n.decimals),
            };
            written - power_of(super::magnitude(s).0) + power
        };
        // An approximate change is as exact as its least exact figure.
        let (now, before) = (decimals(stat), decimals(change.previous));
        let decimals = if change.approx { now.min(before) } else { now.max(before) };
        let decimals = decimals.clamp(0, 20);
        let shown = change.delta / 10f64.powi(i32::from(power));
        let number = Number { value: shown, decimals: decimals as u8 };
        let text = self.digits(number, scale);
        let signed = if change.delta > 0.0 { format!("+{text}") } else { text };
        let signed =
            if change.points { self.change_points.replace("{delta}", &signed) } else { signed };
        self.approximate(change, signed)
    }

    /// A change in percent, one decimal at most: `+11.3%`, `约+11.3%`.
    pub fn percent(&self, change: &Change<'_>) -> Option<String> {
        let p = change.percent?;
        Some(self.approximate(change, format_percent(p)))
    }

    fn approximate(&self, change: &Change<'_>, text: String) -> String {
        if change.approx { self.change_approx.replace("{change}", &text) } else { text }
    }

    /// A number as the language writes it: `2.83万` or `28,300`.
    fn digits(&self, n: Number, scale: Option<Scale>) -> String {
        let Ok(mut decimal) = Decimal::from_str(&n.digits()) else {
            return n.digits();
        };
        match scale {
            Some(s) if self.scale_words => {
                format!("{}{}", self.decimal.format(&decimal), s.symbol())
            }
            Some(s) => {
                decimal.multiply_pow10(s.power());
                decimal.absolute.trim_start();
                self.decimal.format(&decimal).to_string()
            }
            None => self.decimal.format(&decimal).to_string(),
        }
    }

    /// The scale the figure is shown in and the unit after it: a unit that
    /// opens with 万 (`万元`) is 元 in 万 where the real number is shown.
    ///
    /// Where the language keeps 万, a unit that opens with it stays whole
    /// (`220余万元`, 余 before 万, as reports write a whole number of 万),
    /// except after a decimal, which 余 cannot follow: `2.83万余人次`.
    fn scale_and_unit<'s>(&self, stat: &'s Stat) -> (Option<Scale>, &'s str) {
        let unit = stat.unit.as_deref().unwrap_or("");
        let decimal = match stat.quantity {
            Quantity::One(n) => n.decimals > 0,
            Quantity::Range(..) => false,
        };
        if stat.scale.is_none()
            && self.scale_words
            && !(decimal && stat.approx == Some(Approx::Over))
        {
            (None, unit)
        } else {
            super::magnitude(stat)
        }
    }
}

fn missing(key: &str) -> (String, String) {
    (key.to_owned(), holds(key))
}

/// What the theme string `key` of [`PATTERNS`] holds, in the user's
/// language.
fn holds(key: &str) -> String {
    match key {
        "figure_plain" | "figure_over" | "figure_nearly" | "figure_about" => {
            crate::tr!("stats-holds-value-unit")
        }
        "figure_range" => crate::tr!("stats-holds-range"),
        "figure_rate" => crate::tr!("stats-holds-rate"),
        "figure_period" => crate::tr!("stats-holds-period"),
        "change_approx" => crate::tr!("stats-holds-change"),
        "change_points" => crate::tr!("stats-holds-delta"),
        "number_grouping" | "scale_words" => crate::tr!("stats-holds-flag"),
        _ => PATTERNS.iter().find(|(k, _)| *k == key).map_or("", |(_, h)| h).to_owned(),
    }
}

/// A percentage with one decimal at most: `+12.5%`.
pub fn format_percent(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let text = super::format_number(rounded);
    if rounded > 0.0 { format!("+{text}%") } else { format!("{text}%") }
}
