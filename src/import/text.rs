//! Plain text and Markdown files into blocks, and images read from beside
//! a file (for Markdown and HTML).

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::plain::{ends_sentence, join_lines};
use super::{Block, Image};

/// A text file: paragraphs parted by blank lines. Inside a run of lines, a
/// line ending a sentence, or much shorter than the run's longest (the last
/// line of a hard-wrapped paragraph, or a heading), ends its paragraph too,
/// so both one-paragraph-a-line files and hard-wrapped ones read right.
pub(super) fn read_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for run in text.split("\n\n") {
        let lines: Vec<&str> = run
            .lines()
            .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
            .filter(|l| !l.is_empty())
            .collect();
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut paragraph: Vec<&str> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            paragraph.push(line);
            let short = line.chars().count() * 10 < longest * 7;
            let next_opens_part =
                lines.get(i + 1).is_some_and(|n| super::structure::numbered(n).is_some());
            if i + 1 == lines.len() || ends_sentence(line) || short || next_opens_part {
                blocks.push(Block::Paragraph(join_lines(paragraph.drain(..))));
            }
        }
    }
    blocks
}

/// A Markdown file: its headings as headings, an image standing alone in
/// its paragraph as an image (read from beside the file), every other block
/// as the Markdown it was written in. Front matter is left out.
pub(super) fn read_markdown(text: &str, base: &Path, notes: &mut Vec<String>) -> Vec<Block> {
    let body = strip_front_matter(text);
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(u8, String)> = None;
    // The images of the block, each with its src, alt and title; whether
    // the block is a paragraph holding nothing but one image.
    let mut images: Vec<(String, String, String)> = Vec::new();
    let mut in_image = false;
    let mut lone_image = true;
    let mut paragraph = false;
    let mut start = 0;
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    start = range.start;
                    paragraph = matches!(tag, Tag::Paragraph);
                    lone_image = paragraph;
                    images.clear();
                    if let Tag::Heading { level, .. } = tag {
                        heading = Some((heading_level(level), String::new()));
                    }
                } else if let Tag::Image { dest_url, title, .. } = &tag {
                    in_image = true;
                    images.push((dest_url.to_string(), String::new(), title.to_string()));
                }
                depth += 1;
            }
            Event::End(end) => {
                depth -= 1;
                if end == TagEnd::Image {
                    in_image = false;
                    continue;
                }
                if depth > 0 {
                    continue;
                }
                lone_image &= images.len() == 1;
                if let Some((level, text)) = heading.take() {
                    blocks.push(Block::Heading(level, text.trim().to_owned()));
                } else if lone_image {
                    let (src, alt, title) = images.remove(0);
                    if let Some(bytes) = local_image(base, &src, notes) {
                        let alt = (!alt.is_empty()).then_some(alt);
                        blocks.push(Block::Image(Image { name: src, bytes, alt }));
                        if !title.is_empty() {
                            blocks.push(Block::Caption(title));
                        }
                    }
                } else {
                    for (src, _, _) in &images {
                        notes.push(crate::tr!("importer-image-in-paragraph", src = src.as_str()));
                    }
                    let source = &body[start..range.end];
                    blocks.push(Block::Markdown(match paragraph {
                        true => join_lines(source.lines()),
                        false => source.trim_end().to_owned(),
                    }));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut heading {
                    text.push_str(&t);
                } else if let (true, Some((_, alt, _))) = (in_image, images.last_mut()) {
                    alt.push_str(&t);
                } else if !t.trim().is_empty() {
                    lone_image = false;
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = &mut heading {
                    text.push(' ');
                }
            }
            _ => lone_image = false,
        }
    }
    blocks
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn strip_front_matter(text: &str) -> &str {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + 5..];
    }
    text
}

/// The bytes of an image a Markdown or HTML file names by a path relative
/// to itself; `None`, with a note, where it is on the web or missing.
pub(super) fn local_image(base: &Path, src: &str, notes: &mut Vec<String>) -> Option<Vec<u8>> {
    if src.contains("://") || src.starts_with("//") {
        notes.push(crate::tr!("importer-image-on-web", src = src));
        return None;
    }
    let path = percent_encoding::percent_decode_str(src.split(['?', '#']).next().unwrap_or(src))
        .decode_utf8_lossy()
        .into_owned();
    match std::fs::read(base.join(&path)) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            notes.push(crate::tr!("importer-image-missing", src = src, error = e.to_string()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_line_a_paragraph_and_hard_wrapped_paragraphs() {
        let text = "标题\n第一段。\n第二段\n接着写。\n\nThe committee met four times this year and wrote seven\nreports on the town's water, its roads and its schools; the\nlast of them went to the council.\nA closing line\n";
        let blocks = read_text(text);
        assert_eq!(
            paragraphs(&blocks),
            [
                "标题",
                "第一段。",
                "第二段接着写。",
                "The committee met four times this year and wrote seven reports on the town's water, its roads and its schools; the last of them went to the council.",
                "A closing line"
            ]
        );
    }

    #[test]
    fn markdown_blocks() {
        let md = "---\ntitle: x\n---\n# 标题\n\n一段\n文字。\n\n![](missing.jpg \"说明\")\n\n- a\n- b\n\n![](in.jpg)图为会场，共14人。\n";
        let mut notes = Vec::new();
        let blocks = read_markdown(md, Path::new("/nonexistent"), &mut notes);
        assert_eq!(blocks[0], Block::Heading(1, "标题".into()));
        assert_eq!(blocks[1], Block::Markdown("一段文字。".into()));
        assert_eq!(blocks[2], Block::Markdown("- a\n- b".into()));
        assert_eq!(blocks[3], Block::Markdown("![](in.jpg)图为会场，共14人。".into()));
        assert_eq!(notes.len(), 2, "the missing image, the one inside a paragraph: {notes:?}");
    }
}
