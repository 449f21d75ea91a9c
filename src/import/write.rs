//! A draft report as files: `_index.md` (front matter and preface),
//! `NN-slug.md` for each chapter, its photos under `photos/`, and the
//! figures found as `stats.suggested.yaml`. Made in memory, then written
//! into a hidden folder beside the report's and moved into place, so an
//! import that fails leaves nothing behind.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::figures::{self, Found};
use super::structure::{Chapter, Draft, Piece};
use crate::content::{ReportPage, slugify};
use crate::output::OutputError;

/// A file of the report, relative to its folder.
pub(super) struct NewFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The report's files, and how many figures it suggests. `source` is the
/// imported file's name, for the notes in them; `chinese` writes those
/// notes in Chinese.
pub(super) fn files(
    draft: &Draft,
    source: &str,
    year: &str,
    chinese: bool,
    notes: &mut Vec<String>,
) -> (Vec<NewFile>, usize) {
    let mut out = Vec::new();
    let mut photos = Photos { files: &mut out, notes };
    let preface = body(&draft.preface, 0, &mut photos);
    let slugs = chapter_slugs(&draft.chapters);

    let mut front = String::from("---\n");
    let title = draft.title.clone().unwrap_or_else(|| {
        let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
        if stem.is_empty() { year.to_owned() } else { stem.to_owned() }
    });
    field(&mut front, "title", &title);
    for (key, value) in [
        ("subtitle", &draft.subtitle),
        ("author", &draft.author),
        ("photo_credit", &draft.photo_credit),
    ] {
        if let Some(value) = value {
            field(&mut front, key, value);
        }
    }
    if chinese {
        front.push_str(&format!(
            "# 由 annals import 从 {source} 导入。通读、修改后删去下面一行即可发布。\n# 预览草稿：annals serve --drafts\n"
        ));
    } else {
        front.push_str(&format!(
            "# Imported from {source} by annals import. Read it through, then delete\n# the next line to publish it. Preview drafts: annals serve --drafts\n"
        ));
    }
    front.push_str("draft: true\n---\n");
    front.push_str(&preface);
    let mut files = vec![NewFile { path: "_index.md".into(), bytes: front.into_bytes() }];

    for (chapter, slug) in draft.chapters.iter().zip(&slugs) {
        let text = body(&chapter.body, chapter.number, &mut photos);
        let mut page = String::from("---\n");
        field(&mut page, "title", &chapter.title);
        if let Some(summary) = &chapter.summary {
            field(&mut page, "summary", summary);
        }
        page.push_str("---\n");
        page.push_str(&text);
        let path = format!("{:02}-{slug}.md", chapter.number);
        files.push(NewFile { path: path.into(), bytes: page.into_bytes() });
    }

    let (suggested, figures) = suggestions(draft, &slugs, chinese);
    if figures > 0 {
        files.push(NewFile { path: "stats.suggested.yaml".into(), bytes: suggested.into_bytes() });
    }
    files.append(&mut out);
    (files, figures)
}

/// The photos of the report, saved as they are placed.
struct Photos<'a> {
    files: &'a mut Vec<NewFile>,
    notes: &'a mut Vec<String>,
}

/// A chapter's (or the preface's) Markdown: paragraphs, headings, and
/// photos as `![alt](photos/NN-K.jpg "caption")`, each saved under
/// `photos/` named by its chapter's number and its place in it.
fn body(pieces: &[Piece], number: u32, photos: &mut Photos<'_>) -> String {
    let mut blocks = Vec::new();
    let mut count = 0;
    for piece in pieces {
        match piece {
            Piece::Text(text) => blocks.push(text.clone()),
            Piece::Heading(level, text) => {
                let marks = "#".repeat(usize::from(*level));
                blocks.push(format!("{marks} {}", super::plain::escape(text)));
            }
            Piece::Photo(image, caption) => {
                let Some(extension) = web_image(&image.bytes) else {
                    photos
                        .notes
                        .push(crate::tr!("importer-image-kind", name = image.name.as_str()));
                    continue;
                };
                count += 1;
                let path = format!("photos/{number:02}-{count}.{extension}");
                let alt = image.alt.as_deref().unwrap_or("").replace(['[', ']', '\n'], " ");
                let title = match caption {
                    Some(c) => format!(" \"{}\"", c.replace('\\', "\\\\").replace('"', "\\\"")),
                    None => String::new(),
                };
                if caption.is_none() && image.alt.is_none() {
                    photos.notes.push(crate::tr!("importer-no-caption", path = path.as_str()));
                }
                blocks.push(format!("![{alt}]({path}{title})"));
                photos.files.push(NewFile { path: path.into(), bytes: image.bytes.clone() });
            }
        }
    }
    let mut text = blocks.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// The extension of an image a browser shows, by its first bytes.
fn web_image(bytes: &[u8]) -> Option<&'static str> {
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => Some("jpg"),
        image::ImageFormat::Png => Some("png"),
        image::ImageFormat::WebP => Some("webp"),
        image::ImageFormat::Gif => Some("gif"),
        _ => None,
    }
}

/// Each chapter's slug, from its title: Chinese stays Chinese, as in file
/// names the site already has; at most 24 characters; unique, and none of
/// the report's own pages (`stats`, `photos`, …).
fn chapter_slugs(chapters: &[Chapter]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    chapters
        .iter()
        .map(|c| {
            let full = slugify(&c.title);
            let mut slug: String = full.chars().take(24).collect();
            slug.truncate(slug.trim_end_matches('-').len());
            if slug.is_empty() || ReportPage::from_slug(&slug).is_some() {
                slug = format!("chapter-{}", c.number);
            }
            let mut unique = slug.clone();
            let mut n = 2;
            while !taken.insert(unique.clone()) {
                unique = format!("{slug}-{n}");
                n += 1;
            }
            unique
        })
        .collect()
}

/// `stats.suggested.yaml`: every figure of the text as a stat, keyed by
/// its chapter and place (`ch1_03`, with the figure as the text writes it
/// in a comment), with the sentence it came from as its note, under a
/// comment naming its chapter.
fn suggestions(draft: &Draft, slugs: &[String], chinese: bool) -> (String, usize) {
    let mut out = String::new();
    let mut total = 0;
    let parts = std::iter::once((None, "preface".to_owned(), &draft.preface)).chain(
        draft
            .chapters
            .iter()
            .zip(slugs)
            .map(|(c, slug)| (Some((c, slug)), format!("ch{}", c.number), &c.body)),
    );
    for (chapter, prefix, pieces) in parts {
        let found: Vec<Found> = pieces
            .iter()
            .flat_map(|p| match p {
                Piece::Text(t) => figures::find(t),
                _ => Vec::new(),
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        match chapter {
            Some((c, slug)) => {
                out.push_str(&format!("\n# {} {} ({:02}-{slug}.md)\n", c.number, c.title, c.number))
            }
            None if chinese => out.push_str("\n# 前言 (_index.md)\n"),
            None => out.push_str("\n# Preface (_index.md)\n"),
        }
        for (i, f) in found.iter().enumerate() {
            total += 1;
            out.push_str(&format!("- key: {prefix}_{:02}  # {}\n", i + 1, f.text));
            item(&mut out, "label", &f.label);
            let w = &f.written;
            out.push_str(&format!("  value: {}\n", w.quantity.yaml()));
            if let Some(scale) = w.scale {
                out.push_str(&format!("  scale: {}\n", scale.symbol()));
            }
            if let Some(approx) = w.approx {
                out.push_str(&format!("  approx: {}\n", approx.name()));
            }
            if let Some(unit) = &w.unit {
                item(&mut out, "unit", unit);
            }
            if let Some(per) = &w.per {
                item(&mut out, "per", per);
            }
            if let Some((_, slug)) = chapter {
                item(&mut out, "chapter", slug);
            }
            item(&mut out, "note", &f.sentence);
        }
    }
    if total == 0 {
        return (String::new(), 0);
    }
    let head = if chinese {
        format!(
            "# annals import 在正文中找到的 {total} 个数字，供编写 stats.yaml 参考。\n# 构建时忽略本文件。把需要的条目移到 stats.yaml（或所在章节的 stats:），\n# 改好 key 和 label，核对数值，然后删除本文件。note 是数字所在的原句。\n"
        )
    } else {
        format!(
            "# {total} figures annals import found in the text, as suggestions for stats.yaml.\n# Builds ignore this file. Move the ones you want into stats.yaml (or the\n# chapter's stats:), give each a key and label of your own, check the\n# numbers, then delete this file. Each note is the sentence it came from.\n"
        )
    };
    (head + &out, total)
}

fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!("{key}: {}\n", yaml_text(value)));
}

fn item(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!("  {key}: {}\n", yaml_text(value)));
}

/// Text as a YAML scalar: plain where YAML reads it back as the same
/// string, double-quoted otherwise.
fn yaml_text(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains(['\n', '\t', '"', '\'', '\\'])
        && !text.starts_with(|c: char| {
            "-?:,[]{}#&*!|>%@`".contains(c) || c.is_ascii_digit() || c == '+' || c == '.'
        })
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(&lower.as_str());
    if plain { text.to_owned() } else { serde_json::to_string(text).unwrap_or_default() }
}

/// Writes the report's files: into a hidden folder beside `folder` first,
/// then moved to `folder` in one step; on any failure the hidden folder is
/// removed and nothing is left.
pub(super) fn commit(root: &Path, folder: &Path, files: &[NewFile]) -> Result<(), crate::Error> {
    let target = root.join(folder);
    let parent = target.parent().unwrap_or(root);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let staging = parent.join(format!(".{name}.importing-{}", std::process::id()));
    let io =
        |path: &Path, source: std::io::Error| OutputError::Io { path: path.to_path_buf(), source };
    let created_parent = !parent.exists();
    fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    // Not `create_dir_all`: a folder left by an import that was killed
    // (process ids repeat) must not be merged into this one.
    if let Err(e) = fs::create_dir(&staging) {
        if created_parent {
            let _ = fs::remove_dir(parent);
        }
        return Err(io(&staging, e).into());
    }
    let result = (|| -> Result<(), OutputError> {
        for file in files {
            let path = staging.join(&file.path);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
            }
            fs::write(&path, &file.bytes).map_err(|e| io(&path, e))?;
        }
        if target.exists() {
            return Err(io(&target, std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
        }
        fs::rename(&staging, &target).map_err(|e| io(&target, e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
        if created_parent {
            let _ = fs::remove_dir(parent);
        }
    }
    Ok(result?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_text_reads_back_as_written() {
        for text in [
            "集中学习",
            "“初心”护“核心”",
            "2024年工作",
            "a: b",
            "- x",
            "yes",
            "x #y",
            "他说\"好\"",
            "90%",
        ] {
            let yaml = format!("v: {}\n", yaml_text(text));
            let value: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(value["v"], text, "{yaml}");
        }
        assert_eq!(yaml_text("集中学习"), "集中学习");
        assert_eq!(yaml_text("2024年工作"), "\"2024年工作\"");
    }
}
