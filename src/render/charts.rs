//! Inline SVG charts: no JavaScript, styled by the theme's CSS through
//! their classes, each with `role="img"`, a title, and the table beside it
//! as its text equivalent (`aria-describedby`).

use super::markdown::esc;
use crate::stats::format_number;

const WIDTH: f64 = 420.0;
const BAR_MAX: f64 = 300.0;
const ROW: f64 = 44.0;

/// One figure of a bar chart.
pub struct Bar<'a> {
    pub label: &'a str,
    /// The value as the page writes it: `10余件`.
    pub text: &'a str,
    /// The real number (after 万 or 亿).
    pub value: f64,
    /// A key figure's bar is marked.
    pub highlight: bool,
    /// Last year's (year, value, text), where the two compare.
    pub previous: Option<(i32, f64, &'a str)>,
}

/// A horizontal bar per figure, label above its bar, value after it; a
/// thin mark shows last year's value where known. The bars share one
/// scale, so they must be of one measure (one unit, all totals or all
/// rates of one thing): the caller groups them.
pub fn bar_chart(id: &str, title: &str, described_by: &str, figures: &[Bar<'_>]) -> String {
    let max = figures
        .iter()
        .flat_map(|f| std::iter::once(f.value).chain(f.previous.map(|p| p.1)))
        .fold(0.0, f64::max);
    let length = |v: f64| if max > 0.0 { (v.max(0.0) / max * BAR_MAX).max(1.0) } else { 1.0 };
    let height = ROW * figures.len() as f64 + 4.0;
    let mut svg = format!(
        "<svg class=\"chart chart-bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{described_by}\">\
         <title id=\"{id}-title\">{}</title>",
        esc(title)
    );
    for (i, f) in figures.iter().enumerate() {
        let y = ROW * i as f64;
        let w = length(f.value);
        svg.push_str(&format!(
            "<g class=\"chart-row\"><text class=\"chart-label\" x=\"0\" y=\"{}\">{}</text>",
            y + 15.0,
            esc(f.label)
        ));
        svg.push_str(&format!(
            "<rect class=\"chart-bar{}\" x=\"0\" y=\"{}\" width=\"{w:.1}\" height=\"14\" rx=\"2\"/>",
            if f.highlight { " chart-bar-key" } else { "" },
            y + 21.0,
        ));
        if let Some((year, value, text)) = f.previous {
            let x = length(value);
            svg.push_str(&format!(
                "<line class=\"chart-previous\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{}\"><title>{}</title></line>",
                y + 18.0,
                y + 38.0,
                esc(&format!("{year}: {text}"))
            ));
        }
        svg.push_str(&format!(
            "<text class=\"chart-value\" x=\"{:.1}\" y=\"{}\">{}</text></g>",
            w + 6.0,
            y + 33.0,
            esc(f.text)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A small line of one figure across the years, oldest first.
pub fn sparkline(title: &str, points: &[(i32, f64)]) -> String {
    let (w, h, pad) = (120.0, 32.0, 4.0);
    let max = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let min = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    let span = if max > min { max - min } else { 1.0 };
    let step = if points.len() > 1 { (w - 2.0 * pad) / (points.len() - 1) as f64 } else { 0.0 };
    let coords: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let x = if points.len() > 1 { pad + step * i as f64 } else { w / 2.0 };
            let y = if max > min { h - pad - (v - min) / span * (h - 2.0 * pad) } else { h / 2.0 };
            (x, y)
        })
        .collect();
    let described: Vec<String> =
        points.iter().map(|(year, v)| format!("{year}: {}", format_number(*v))).collect();
    let mut svg = format!(
        "<svg class=\"chart chart-trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\"><title>{}</title>",
        esc(&format!("{title} ({})", described.join(", ")))
    );
    if coords.len() > 1 {
        let line: Vec<String> = coords.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        svg.push_str(&format!(
            "<polyline class=\"chart-line\" fill=\"none\" points=\"{}\"/>",
            line.join(" ")
        ));
    }
    for (x, y) in &coords {
        svg.push_str(&format!(
            "<circle class=\"chart-point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\"/>"
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure<'a>(label: &'a str, text: &'a str, value: f64) -> Bar<'a> {
        Bar { label, text, value, highlight: false, previous: None }
    }

    #[test]
    fn bars_of_one_measure_share_a_scale() {
        let figures = vec![
            figure("a", "10次", 10.0),
            Bar { previous: Some((2023, 12.0, "12次")), ..figure("b", "5次", 5.0) },
        ];
        let svg = bar_chart("c1", "T", "g1", &figures);
        assert!(svg.contains("role=\"img\" aria-labelledby=\"c1-title\" aria-describedby=\"g1\""));
        assert!(
            svg.contains("width=\"250.0\"") && svg.contains("width=\"125.0\""),
            "last year's 12 is the top: {svg}"
        );
        assert!(svg.contains("x1=\"300.0\"") && svg.contains("<title>2023: 12次</title>"), "{svg}");
    }

    #[test]
    fn sparkline_has_a_point_per_year_and_a_text_title() {
        let svg = sparkline("到馆读者", &[(2023, 10.0), (2024, 12.5)]);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<title>到馆读者 (2023: 10, 2024: 12.5)</title>"), "{svg}");
        assert!(svg.contains("points=\"4.0,28.0 116.0,4.0\""), "{svg}");
    }
}
