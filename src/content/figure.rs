//! What a figure's number is, as real reports write it: a number with the
//! digits its source wrote (`1060.50`), or a range (`5—10`); in units of
//! 万 or 亿 (`2.83万`); a total or a rate (`人均41.5次`); for the report's
//! year or another span (`2019—2023年`). And the reading of a figure
//! written as Chinese text (`2.83万余人次`), for the hint that says how to
//! write it in fields.

use serde::{Deserialize, Serialize};

use super::Approx;

/// A number and how many digits after the point its source wrote:
/// `1060.50` is 1060.5 with 2, so it prints as `1,060.50`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Number {
    pub value: f64,
    #[serde(skip)]
    pub decimals: u8,
}

impl Number {
    /// A number computed rather than written: as many decimals as it
    /// needs, up to 9.
    pub fn computed(value: f64) -> Self {
        let value = (value * 1e9).round() / 1e9;
        let text = format!("{value:.9}");
        let decimals = text.trim_end_matches('0').split_once('.').map_or(0, |(_, d)| d.len());
        Number { value, decimals: decimals as u8 }
    }

    /// Reads a number as YAML writes it (`14`, `-2.5`, `1060.50`, `1e3`),
    /// keeping the decimals written; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let value: f64 = text.parse().ok()?;
        if !value.is_finite() {
            return None;
        }
        if text.contains(['e', 'E'])
            || !text.bytes().all(|b| b.is_ascii_digit() || b"+-.".contains(&b))
        {
            return Some(Number::computed(value));
        }
        let decimals = text.split_once('.').map_or(0, |(_, d)| d.len()).min(20);
        Some(Number { value, decimals: decimals as u8 })
    }

    /// The number as plain digits, with the decimals written: `1060.50`.
    pub fn digits(&self) -> String {
        format!("{:.*}", self.decimals as usize, self.value)
    }
}

/// A figure's number: one, or a range `[5, 10]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Quantity {
    One(Number),
    Range(Number, Number),
}

impl Quantity {
    /// The number, where it is one (not a range).
    pub fn one(&self) -> Option<f64> {
        match self {
            Quantity::One(n) => Some(n.value),
            Quantity::Range(..) => None,
        }
    }

    /// As a stat's `value:` writes it, with the digits written: `2.83`,
    /// `[5, 10]`.
    pub fn yaml(&self) -> String {
        match self {
            Quantity::One(n) => n.digits(),
            Quantity::Range(a, b) => format!("[{}, {}]", a.digits(), b.digits()),
        }
    }

    /// The largest number it stands for: the top of a range.
    pub fn top(&self) -> f64 {
        match self {
            Quantity::One(n) | Quantity::Range(_, n) => n.value,
        }
    }
}

/// The unit a value is counted in, as Chinese writes large numbers:
/// `2.83` in 万 is 28,300.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Scale {
    #[serde(rename = "万")]
    Wan,
    #[serde(rename = "亿")]
    Yi,
}

impl Scale {
    /// The power of ten it stands for.
    pub fn power(self) -> i16 {
        match self {
            Scale::Wan => 4,
            Scale::Yi => 8,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Scale::Wan => "万",
            Scale::Yi => "亿",
        }
    }

    /// The scale a unit opens with: `万元` is 元 in 万.
    pub fn split_unit(unit: &str) -> (Option<Scale>, &str) {
        for scale in [Scale::Wan, Scale::Yi] {
            if let Some(rest) = unit.strip_prefix(scale.symbol()) {
                return (Some(scale), rest);
            }
        }
        (None, unit)
    }
}

/// The years a figure covers when they are not just its report's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

impl Period {
    /// `2019-2023` (or with `–`, `—`, `~`, `～`, `至` between), or one year.
    pub fn parse(text: &str) -> Option<Period> {
        let year = |t: &str| -> Option<i32> {
            let t = t.trim().trim_end_matches('年');
            (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
        };
        let text = text.trim();
        let period = match text.split_once(['-', '–', '—', '~', '～', '至']) {
            Some((from, to)) => {
                Period { from: year(from)?, to: year(to.trim_start_matches(['—', '-']))? }
            }
            None => {
                let y = year(text)?;
                Period { from: y, to: y }
            }
        };
        (period.from <= period.to).then_some(period)
    }
}

/// A figure read from Chinese or English text: `近26万元`, `2.83万余人次`,
/// `5—10个`, `90.4%`, `人均41.5次`, `10+`.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub quantity: Quantity,
    pub scale: Option<Scale>,
    pub approx: Option<Approx>,
    pub unit: Option<String>,
    pub per: Option<String>,
}

impl Written {
    /// Reads `text` as a figure; `None` where it has no number in digits.
    pub fn read(text: &str) -> Option<Written> {
        let mut rest = text.trim();
        let mut approx = None;
        let mut per = None;
        if let Some((who, after)) = rest.split_once('均')
            && !who.is_empty()
            && who.chars().count() <= 2
            && !who.chars().any(|c| c.is_ascii_digit())
        {
            per = Some(who.to_owned());
            rest = after;
        }
        for (prefix, a) in [
            ("近", Approx::Nearly),
            ("将近", Approx::Nearly),
            ("约", Approx::About),
            ("大约", Approx::About),
            ("about ", Approx::About),
            ("nearly ", Approx::Nearly),
            ("over ", Approx::Over),
            ("逾", Approx::Over),
            ("超过", Approx::Over),
        ] {
            if let Some(r) = rest.strip_prefix(prefix) {
                approx = Some(a);
                rest = r.trim_start();
                break;
            }
        }
        let (first, after) = leading_number(rest)?;
        rest = after;
        let mut quantity = Quantity::One(first);
        if let Some(r) = rest.strip_prefix(['-', '–', '—', '~', '～', '至'])
            && let Some((second, after)) = leading_number(r.trim_start_matches('—'))
        {
            quantity = Quantity::Range(first, second);
            rest = after;
        }
        let mut scale = None;
        let mut over = |rest: &mut &str| {
            let mut found = false;
            for mark in ["余", "多", "+"] {
                if let Some(r) = rest.strip_prefix(mark) {
                    approx = Some(Approx::Over);
                    *rest = r;
                    found = true;
                }
            }
            found
        };
        // 余 before 万 (`220余万元`) keeps 万 in the unit, as the figure is
        // written that way; after it (`2.83万余人次`), 万 is the scale.
        if !over(&mut rest)
            && let (Some(s), r) = Scale::split_unit(rest)
        {
            scale = Some(s);
            rest = r;
            over(&mut rest);
        }
        if let Some(r) = rest.strip_suffix("左右") {
            approx = Some(Approx::About);
            rest = r;
        }
        let unit = rest.trim();
        Some(Written {
            quantity,
            scale,
            approx,
            unit: (!unit.is_empty()).then(|| unit.to_owned()),
            per,
        })
    }

    /// The fields that write this figure, as YAML: `value: 2.83`,
    /// `scale: 万`, `approx: over`, `unit: 人次`.
    pub fn fields(&self) -> String {
        let mut out = vec![format!("`value: {}`", self.quantity.yaml())];
        if let Some(s) = self.scale {
            out.push(format!("`scale: {}`", s.symbol()));
        }
        if let Some(a) = self.approx {
            out.push(format!("`approx: {}`", a.name()));
        }
        if let Some(u) = &self.unit {
            let quoted = if u.starts_with('%') { format!("\"{u}\"") } else { u.clone() };
            out.push(format!("`unit: {quoted}`"));
        }
        if let Some(p) = &self.per {
            out.push(format!("`per: {p}`"));
        }
        out.join(", ")
    }
}

/// The number `text` starts with, in ASCII digits (thousands separators
/// allowed), and what follows it.
fn leading_number(text: &str) -> Option<(Number, &str)> {
    let end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-' && i == 0))
        .map_or(text.len(), |(i, _)| i);
    let digits = text[..end].trim_end_matches(['.', ',']);
    let number = Number::parse(&digits.replace(',', ""))?;
    Some((number, &text[digits.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64, decimals: u8) -> Number {
        Number { value, decimals }
    }

    #[test]
    fn numbers_keep_the_decimals_written() {
        assert_eq!(Number::parse("1060.50"), Some(n(1060.5, 2)));
        assert_eq!(Number::parse("14"), Some(n(14.0, 0)));
        assert_eq!(Number::parse("-2.5"), Some(n(-2.5, 1)));
        assert_eq!(Number::parse("1e3"), Some(n(1000.0, 0)));
        assert_eq!(Number::parse("第3"), None);
        assert_eq!(Number::parse("inf"), None);
        assert_eq!(Number::parse("1060.50").unwrap().digits(), "1060.50");
        assert_eq!(Number::computed(0.1 + 0.2), n(0.3, 1));
    }

    #[test]
    fn periods() {
        assert_eq!(Period::parse("2019-2023"), Some(Period { from: 2019, to: 2023 }));
        assert_eq!(Period::parse("2019年—2023年"), Some(Period { from: 2019, to: 2023 }));
        assert_eq!(Period::parse("2019——2023"), Some(Period { from: 2019, to: 2023 }));
        assert_eq!(Period::parse("2023"), Some(Period { from: 2023, to: 2023 }));
        assert_eq!(Period::parse("2023-2019"), None);
        assert_eq!(Period::parse("five years"), None);
    }

    #[test]
    fn figures_as_chinese_writes_them() {
        let read = |t: &str| Written::read(t).map(|w| w.fields());
        assert_eq!(
            read("2.83万余人次").unwrap(),
            "`value: 2.83`, `scale: 万`, `approx: over`, `unit: 人次`"
        );
        assert_eq!(
            read("近26万元").unwrap(),
            "`value: 26`, `scale: 万`, `approx: nearly`, `unit: 元`"
        );
        assert_eq!(read("10余件").unwrap(), "`value: 10`, `approx: over`, `unit: 件`");
        assert_eq!(read("220余万元").unwrap(), "`value: 220`, `approx: over`, `unit: 万元`");
        assert_eq!(read("5—10个").unwrap(), "`value: [5, 10]`, `unit: 个`");
        assert_eq!(read("90.4%").unwrap(), "`value: 90.4`, `unit: \"%\"`");
        assert_eq!(read("人均41.5次").unwrap(), "`value: 41.5`, `unit: 次`, `per: 人`");
        assert_eq!(read("约300人左右").unwrap(), "`value: 300`, `approx: about`, `unit: 人`");
        assert_eq!(read("1,234,567").unwrap(), "`value: 1234567`");
        assert_eq!(read("第3"), None);
        assert_eq!(read("十四次"), None);
    }
}
