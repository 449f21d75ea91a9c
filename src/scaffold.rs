//! `annals init`, `annals new report` and `annals new chapter`: new files
//! from templates. Nothing here ever overwrites a file: each refuses, with
//! a hint, where its file (or a chapter of the same slug) already exists.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{ReportPage, slugify_name};
use crate::diagnostic::Diagnostic;
use crate::output::OutputError;
use crate::tr;

const FILES: [(&str, &str); 6] = [
    ("site.yaml", include_str!("scaffold/site.yaml")),
    ("content/_index.md", include_str!("scaffold/home.md")),
    ("content/2025/_index.md", include_str!("scaffold/report.md")),
    ("content/2025/01-overview.md", include_str!("scaffold/chapter-1.md")),
    ("content/2025/02-events.md", include_str!("scaffold/chapter-2.md")),
    ("content/2025/records.yaml", include_str!("scaffold/records.yaml")),
];

/// The photo chapter 2 of a new site shows, drawn at `init`.
const PHOTO: &str = "content/2025/photos/visit.jpg";

/// Creates a new site in `dir`, which must be new or empty.
pub fn init(dir: &Path) -> Result<(), crate::Error> {
    if dir.exists() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Diagnostic::new(dir, tr!("scaffold-folder-not-empty"))
            .hint(tr!("scaffold-folder-not-empty-hint"))
            .into());
    }
    for (rel, text) in FILES {
        write_new(&dir.join(rel), text.as_bytes())?;
    }
    write_new(&dir.join(PHOTO), &crate::images::placeholder_jpeg(960, 640))?;
    Ok(())
}

/// Creates `content/YEAR/_index.md` in the site at `root`; returns the
/// file, relative to `root`.
pub fn new_report(root: &Path, year: &str) -> Result<PathBuf, crate::Error> {
    let label = format!("new report {year}");
    if !(year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Diagnostic::new(label, tr!("scaffold-not-a-year", year = year))
            .hint(tr!("scaffold-report-year-hint"))
            .into());
    }
    let config = Config::load(root)?;
    let rel = Path::new("content").join(year).join("_index.md");
    if root.join(&rel).exists() {
        return Err(Diagnostic::new(&rel, tr!("scaffold-report-exists"))
            .hint(tr!("scaffold-report-exists-hint", year = year))
            .into());
    }
    let text = if config.language.starts_with("zh") {
        format!(
            "---\ntitle: {year}年工作回顾\n# subtitle: 副标题\n# author: 编辑部\nsummary: {year}年的主要工作。\n# 草稿不发布：写好后删去下面一行。预览草稿：annals serve --drafts\ndraft: true\n---\n这里写前言。每一章是本文件夹里的一个 Markdown 文件，\n用 `annals new chapter {year}/01-overview` 新建一章。\n"
        )
    } else {
        format!(
            "---\ntitle: The year {year} in review\n# subtitle: A subtitle\n# author: The editors\nsummary: What we did in {year}.\n# A draft is not published: delete the next line when it is ready.\n# See drafts with: annals serve --drafts\ndraft: true\n---\nThe preface goes here. Each chapter is a Markdown file in this folder;\n`annals new chapter {year}/01-overview` starts one.\n"
        )
    };
    write_new(&root.join(&rel), text.as_bytes())?;
    Ok(rel)
}

/// Creates `content/YEAR/NN-slug.md` in an existing report of the site at
/// `root`, with `number: NN` in its front matter where `pin_number` asks
/// for it; returns the file, relative to `root`.
pub fn new_chapter(root: &Path, spec: &str, pin_number: bool) -> Result<PathBuf, crate::Error> {
    let label = format!("new chapter {spec}");
    let usage = tr!("scaffold-chapter-usage");
    let spec = spec.strip_suffix(".md").unwrap_or(spec);
    let Some((year, name)) = spec.split_once('/') else {
        return Err(Diagnostic::new(label, tr!("scaffold-chapter-no-year")).hint(usage).into());
    };
    if !(year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Diagnostic::new(label, tr!("scaffold-not-a-year", year = year))
            .hint(usage)
            .into());
    }
    let Some((digits, slug)) = name
        .split_once('-')
        .filter(|(d, _)| !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit()))
    else {
        return Err(Diagnostic::new(label, tr!("scaffold-chapter-no-number", name = name))
            .hint(usage)
            .into());
    };
    let url_safe = !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !url_safe {
        return Err(Diagnostic::new(label, tr!("scaffold-slug-unsafe", slug = slug))
            .hint(tr!("scaffold-slug-unsafe-hint"))
            .into());
    }
    if ReportPage::from_slug(slug).is_some() {
        return Err(Diagnostic::new(label, tr!("scaffold-slug-reserved", slug = slug))
            .hint(tr!("scaffold-slug-reserved-hint"))
            .into());
    }
    let config = Config::load(root)?;
    let report_dir = Path::new("content").join(year);
    if !root.join(&report_dir).join("_index.md").is_file() {
        return Err(Diagnostic::new(
            report_dir.join("_index.md"),
            tr!("scaffold-no-report", year = year),
        )
        .hint(tr!("scaffold-no-report-hint", year = year))
        .into());
    }
    let rel = report_dir.join(format!("{name}.md"));
    for taken in [rel.clone(), report_dir.join(name)] {
        if root.join(&taken).exists() {
            return Err(Diagnostic::new(&taken, tr!("scaffold-chapter-exists"))
                .hint(tr!("scaffold-chapter-exists-hint"))
                .into());
        }
    }
    if let Some(other) = chapter_with_slug(&root.join(&report_dir), slug) {
        return Err(Diagnostic::new(
            report_dir.join(&other),
            tr!("scaffold-slug-taken", slug = slug),
        )
        .hint(tr!("scaffold-slug-taken-hint"))
        .into());
    }
    // The number comes from the file name (the theme shows it, `第3部分`),
    // so renaming the file renumbers the chapter; `number:` would go stale.
    let number: u32 = digits.parse().unwrap_or(0);
    let pinned = if pin_number { format!("number: {number}\n") } else { String::new() };
    let text = if config.language.starts_with("zh") {
        format!(
            "---\n# 主题在标题上方按编号写“第{number}部分”。\ntitle: 本章标题\n{pinned}# summary: 一句话摘要\n---\n这里写正文。\n"
        )
    } else {
        format!(
            "---\n# The theme labels the chapter “Part {number}” from its number.\ntitle: {}\n{pinned}# summary: One sentence on the chapter\n---\nThe chapter's text goes here.\n",
            title_case(slug)
        )
    };
    write_new(&root.join(&rel), text.as_bytes())?;
    Ok(rel)
}

/// The chapter file or bundle of a report folder whose slug is `slug`.
fn chapter_with_slug(dir: &Path, slug: &str) -> Option<String> {
    let entries = fs::read_dir(dir).ok()?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().find(|name| {
        let is_chapter = (name.ends_with(".md") && name != "_index.md")
            || dir.join(name).join("index.md").is_file();
        is_chapter && slugify_name(name.strip_suffix(".md").unwrap_or(name)) == slug
    })
}

fn title_case(slug: &str) -> String {
    let words: Vec<String> = slug
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|source| OutputError::Io { path: parent.to_path_buf(), source })?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| OutputError::Io { path: path.to_path_buf(), source })?;
    std::io::Write::write_all(&mut file, bytes)
        .map_err(|source| OutputError::Io { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_slugs() {
        assert_eq!(title_case("youth-work"), "Youth Work");
    }
}
