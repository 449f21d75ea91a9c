//! Warnings about a site's figures: those no text cites, and those that do
//! not compare with last year's as their key says they should (another
//! unit, a rate against a total, a renamed key no older report has, a
//! change of more than tenfold that is more likely a 万 left out).

use std::collections::HashSet;

use crate::content::{Site, Stat};
use crate::diagnostic::Diagnostic;
use crate::render::markdown::cited_stats;
use crate::stats::{self, Comparison, Incomparable};
use crate::tr;

/// A warning at the line of `stat`.
fn at(stat: &Stat, message: String, hint: String) -> Diagnostic {
    let d = Diagnostic::new(&stat.origin.file, message).hint(hint);
    if stat.origin.line > 0 { d.at(stat.origin.line, stat.origin.column.max(1)) } else { d }
}

/// `content/2023/stats.yaml:12`: where a figure was written.
fn place(stat: &Stat) -> String {
    format!("{}:{}", stat.origin.file.display(), stat.origin.line)
}

/// The figures `annals import` suggested in a report's
/// `stats.suggested.yaml`, which builds ignore: named, with their count,
/// until they are moved into the report's stats and the file deleted.
pub fn suggested(root: &std::path::Path) -> Vec<Diagnostic> {
    let content = root.join("content");
    let Ok(folders) = std::fs::read_dir(&content) else { return Vec::new() };
    let mut folders: Vec<_> = folders
        .flatten()
        .filter(|f| !f.file_name().to_string_lossy().starts_with('.'))
        .map(|f| f.path())
        .collect();
    folders.sort();
    let mut out = Vec::new();
    for folder in folders {
        let path = folder.join("stats.suggested.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let file = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let hint = tr!("check-suggested-hint");
        let message = match serde_saphyr::from_str::<Vec<serde::de::IgnoredAny>>(&text) {
            Ok(items) if items.len() == 1 => tr!("check-suggested-one"),
            Ok(items) => tr!("check-suggested-many", count = items.len()),
            Err(_) => tr!("check-suggested"),
        };
        out.push(Diagnostic::new(file, message).hint(hint));
    }
    out
}

/// Stats declared in a report that no Markdown body of the report cites,
/// unless they are `table_only`.
pub fn unused(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for report in &site.reports {
        let cited: HashSet<String> = std::iter::once(&report.preface)
            .chain(report.chapters.iter().map(|c| &c.body))
            .flat_map(cited_stats)
            .collect();
        for stat in report.stats.iter().filter(|s| !s.table_only && !cited.contains(&s.key)) {
            out.push(at(
                stat,
                tr!("check-uncited", key = stat.key.as_str()),
                tr!("check-uncited-hint", key = stat.key.as_str()),
            ));
        }
    }
    out
}

/// Figures whose key (or `previous_key`) an older report has but that do
/// not compare with it, or that change implausibly.
pub fn comparisons(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for report in &site.reports {
        for stat in &report.stats {
            match stats::compare(stat, report.year, &site.reports) {
                Comparison::First => {
                    if let Some(old) = &stat.previous_key {
                        out.push(at(
                            stat,
                            tr!("check-no-previous-key", year = report.year, key = old.as_str()),
                            tr!("check-no-previous-key-hint"),
                        ));
                    }
                }
                Comparison::Incomparable { previous_year, previous, why } => {
                    let unit = |s: &Stat| {
                        let (_, unit) = stats::magnitude(s);
                        if unit.is_empty() { tr!("check-no-unit") } else { format!("`{unit}`") }
                    };
                    let rate = |s: &Stat| match &s.per {
                        Some(per) => tr!("check-rate-per", per = per.as_str()),
                        None => tr!("check-total"),
                    };
                    let (here, then, hint) = match why {
                        Incomparable::Unit => {
                            (unit(stat), unit(previous), tr!("check-other-unit-hint"))
                        }
                        Incomparable::Rate => {
                            (rate(stat), rate(previous), tr!("check-rate-total-hint"))
                        }
                        // Ranges and figures of other spans are never
                        // compared, by design.
                        Incomparable::Range | Incomparable::Period => continue,
                    };
                    let what =
                        tr!("check-here-and-then", here = here, then = then, year = previous_year);
                    out.push(at(
                        stat,
                        tr!(
                            "check-incomparable",
                            key = stat.key.as_str(),
                            place = place(previous),
                            what = what
                        ),
                        hint,
                    ));
                }
                Comparison::Change(c) => {
                    let ratio = if c.previous_value != 0.0 {
                        stats::real(stat).unwrap_or(0.0) / c.previous_value
                    } else {
                        1.0
                    };
                    if ratio.abs() > 10.0 || (ratio != 0.0 && ratio.abs() < 0.1) {
                        out.push(at(
                            stat,
                            tr!(
                                "check-tenfold",
                                key = stat.key.as_str(),
                                year = c.previous_year,
                                place = place(c.previous)
                            ),
                            tr!("check-tenfold-hint"),
                        ));
                    }
                }
            }
        }
    }
    out
}
