//! Warnings about a site's figures: those no text cites, and those that do
//! not compare with last year's as their key says they should (another
//! unit, a rate against a total, a renamed key no older report has, a
//! change of more than tenfold that is more likely a 万 left out).

use std::collections::HashSet;

use crate::content::{Site, Stat};
use crate::diagnostic::Diagnostic;
use crate::render::markdown::cited_stats;
use crate::stats::{self, Comparison, Incomparable};

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
        let hint = "a build ignores this file: move the figures you want into the report's stats.yaml (or a chapter's `stats:`), then delete it";
        let message = match serde_saphyr::from_str::<Vec<serde::de::IgnoredAny>>(&text) {
            Ok(items) if items.len() == 1 => {
                "1 figure suggested by `annals import`, not yet in the report".to_owned()
            }
            Ok(items) => format!(
                "{} figures suggested by `annals import`, not yet in the report",
                items.len()
            ),
            Err(_) => "figures suggested by `annals import`, not yet in the report".to_owned(),
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
                format!("the stat `{}` is cited by no text", stat.key),
                format!(
                    "cite it where the text speaks of it with {{{{ stat(key=\"{}\") }}}}; a figure only for the tables gets `table_only: true`",
                    stat.key
                ),
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
                            format!("no report before {} has the key `{old}`", report.year),
                            "`previous_key:` names this figure's key in an earlier report; correct it, or remove it if the figure is new".to_owned(),
                        ));
                    }
                }
                Comparison::Incomparable { previous_year, previous, why } => {
                    let unit = |s: &Stat| {
                        let (_, unit) = stats::magnitude(s);
                        if unit.is_empty() { "no unit".to_owned() } else { format!("`{unit}`") }
                    };
                    let rate = |s: &Stat| match &s.per {
                        Some(per) => format!("a rate per `{per}`"),
                        None => "a total".to_owned(),
                    };
                    let (what, hint) = match why {
                        Incomparable::Unit => (
                            format!(
                                "{} here and {} in {previous_year}",
                                unit(stat),
                                unit(previous)
                            ),
                            "no change is shown; write both years in one unit (万 goes in `scale:`), or give the new figure its own key",
                        ),
                        Incomparable::Rate => (
                            format!(
                                "{} here and {} in {previous_year}",
                                rate(stat),
                                rate(previous)
                            ),
                            "no change is shown; a rate and a total of one key do not compare: give one of them its own key",
                        ),
                        // Ranges and figures of other spans are never
                        // compared, by design.
                        Incomparable::Range | Incomparable::Period => continue,
                    };
                    out.push(at(
                        stat,
                        format!(
                            "the figure `{}` does not compare with {}: {what}",
                            stat.key,
                            place(previous)
                        ),
                        hint.to_owned(),
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
                            format!(
                                "the figure `{}` changed more than tenfold since {} ({})",
                                stat.key,
                                c.previous_year,
                                place(c.previous)
                            ),
                            "if that is right, nothing needs to change; if one year counts in 万 or 亿, say so with `scale:`".to_owned(),
                        ));
                    }
                }
            }
        }
    }
    out
}
