//! HTML pages (a saved article, a page exported from a word processor),
//! tokenized by html5gum as the rest of annals reads HTML: block elements
//! part paragraphs, `<h1>`–`<h6>` are headings, `<img>` an image read from
//! beside the file (or a `data:` URL), `<figcaption>` its caption. Scripts,
//! styles, navigation and forms are not the document.

use std::path::Path;

use base64::Engine;
use html5gum::Token;

use super::plain::markdown_table;
use super::text::local_image;
use super::{Block, Image};
use crate::content::prose::is_wide;
use crate::render::html::{inline, tokens};

/// Elements whose contents are not the document's text.
/// (Not `form`: ASP.NET pages hold their whole body in one.)
const HIDDEN: [&str; 10] = [
    "script", "style", "noscript", "template", "nav", "button", "select", "textarea", "svg",
    "iframe",
];

pub(super) fn read(html: &str, base: &Path, notes: &mut Vec<String>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut heading: Option<u8> = None;
    let mut caption = false;
    let mut in_title = false;
    let mut title = String::new();
    let mut hidden = 0usize;
    let flush = |text: &mut String, heading: Option<u8>, caption: bool, blocks: &mut Vec<Block>| {
        let line = collapse(text);
        text.clear();
        if line.is_empty() {
            return;
        }
        blocks.push(match (heading, caption) {
            (Some(level), _) => Block::Heading(level, line),
            (None, true) => Block::Caption(line),
            (None, false) => Block::Paragraph(line),
        });
    };
    let tokens: Vec<Token<usize>> = tokens(html).collect();
    let tables = data_tables(&tokens);
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        if hidden == 0
            && let Some(&(start, end)) = tables.iter().find(|(start, _)| *start == i - 1)
        {
            flush(&mut text, heading, caption, &mut blocks);
            if let Some(table) = markdown_table(&rows(&tokens[start..end])) {
                blocks.push(Block::Markdown(table));
            }
            i = end;
            continue;
        }
        let (name, closing, tag) = match token {
            Token::StartTag(tag) => {
                (String::from_utf8_lossy(&tag.name).into_owned(), false, Some(tag))
            }
            Token::EndTag(tag) => (String::from_utf8_lossy(&tag.name).into_owned(), true, None),
            Token::String(s) => {
                if hidden == 0 {
                    let s = String::from_utf8_lossy(s);
                    if in_title { title.push_str(&s) } else { text.push_str(&s) }
                }
                continue;
            }
            _ => continue,
        };
        if HIDDEN.contains(&name.as_str()) {
            match tag {
                Some(tag) => hidden += usize::from(!tag.self_closing),
                None => hidden = hidden.saturating_sub(1),
            }
            continue;
        }
        if hidden > 0 {
            continue;
        }
        if name == "br" && (heading.is_some() || caption) {
            // Where a heading's or caption's line turns.
            text.push('\n');
        } else if !inline(name.as_bytes()) {
            flush(&mut text, heading, caption, &mut blocks);
        }
        let level = name
            .strip_prefix('h')
            .and_then(|l| l.parse::<u8>().ok())
            .filter(|l| (1..=6).contains(l));
        match (name.as_str(), tag) {
            ("title", _) => in_title = !closing,
            ("figcaption", _) => caption = !closing,
            (_, _) if level.is_some() => heading = if closing { None } else { level },
            ("img", Some(tag)) => {
                let attr = |n: &str| {
                    tag.attributes
                        .get(n.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                let src = attr("src").or_else(|| attr("data-src")).unwrap_or_default();
                if let Some(bytes) = image_bytes(base, &src, notes) {
                    let name = match src.starts_with("data:") {
                        true => "image".to_owned(),
                        false => src.rsplit('/').next().unwrap_or(&src).to_owned(),
                    };
                    let alt = attr("alt").map(|a| a.trim().to_owned()).filter(|a| !a.is_empty());
                    blocks.push(Block::Image(Image { name, bytes, alt }));
                }
            }
            _ => {}
        }
    }
    flush(&mut text, heading, caption, &mut blocks);
    let title = collapse(&title);
    if !title.is_empty() && !blocks.iter().any(|b| matches!(b, Block::Heading(1, _))) {
        blocks.insert(0, Block::Title(title));
    }
    blocks
}

/// The tables that hold data, as the token ranges from `<table>` to past
/// `</table>`: those whose cells hold only short text. A table laying out a
/// page (paragraphs, images or tables in its cells) is read as the blocks
/// inside it.
fn data_tables(tokens: &[Token<usize>]) -> Vec<(usize, usize)> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !matches!(&tokens[i], Token::StartTag(t) if &*t.name == b"table") {
            i += 1;
            continue;
        }
        let mut depth = 0;
        let mut end = tokens.len();
        let mut data = true;
        for (k, token) in tokens.iter().enumerate().skip(i) {
            match token {
                Token::StartTag(t) if &*t.name == b"table" => {
                    depth += 1;
                    data &= depth == 1;
                }
                Token::StartTag(t) => {
                    const LAYOUT: [&[u8]; 12] = [
                        b"p",
                        b"div",
                        b"img",
                        b"figure",
                        b"ul",
                        b"ol",
                        b"h1",
                        b"h2",
                        b"h3",
                        b"h4",
                        b"section",
                        b"blockquote",
                    ];
                    data &= !LAYOUT.contains(&t.name.as_slice());
                }
                Token::EndTag(t) if &*t.name == b"table" => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                Token::String(s) => data &= s.len() <= 300,
                _ => {}
            }
        }
        if data {
            tables.push((i, end));
        }
        i = end;
    }
    tables
}

/// A data table's rows of cell texts.
fn rows(tokens: &[Token<usize>]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for token in tokens {
        match token {
            Token::StartTag(t) if &*t.name == b"tr" => rows.push(Vec::new()),
            Token::StartTag(t) if matches!(t.name.as_slice(), b"td" | b"th") => {
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                if let Some(row) = rows.last_mut() {
                    row.push(String::new());
                }
            }
            Token::StartTag(t) if &*t.name == b"br" => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.push(' ');
                }
            }
            Token::String(s) => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.push_str(&String::from_utf8_lossy(s));
                }
            }
            _ => {}
        }
    }
    rows.into_iter()
        .map(|row| row.iter().map(|c| collapse(c)).collect::<Vec<_>>())
        .filter(|row| row.iter().any(|c| !c.is_empty()))
        .collect()
}

/// White space as a browser shows it: each run one space, none where a
/// line break stands between two wide characters (Chinese text broken
/// across lines in the source).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<bool> = None;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            let newline = matches!(c, '\n' | '\r');
            run = Some(run.unwrap_or(false) || newline);
            continue;
        }
        if let Some(newline) = run.take() {
            let wide_seam = newline && out.chars().next_back().is_some_and(is_wide) && is_wide(c);
            if !wide_seam {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// An image's bytes: a `data:` URL decoded, a path read from beside the
/// HTML file.
fn image_bytes(base: &Path, src: &str, notes: &mut Vec<String>) -> Option<Vec<u8>> {
    if src.is_empty() {
        return None;
    }
    if let Some(data) = src.strip_prefix("data:") {
        let (kind, payload) = data.split_once(',')?;
        if !kind.ends_with(";base64") {
            notes.push(crate::tr!("importer-image-data-url"));
            return None;
        }
        let payload: String = payload.split_whitespace().collect();
        return base64::engine::general_purpose::STANDARD.decode(payload).ok();
    }
    local_image(base, src, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_a_page() {
        let html = "<html><head><title>站点标题</title><style>p{}</style></head><body><nav><a>首页</a></nav>\
            <h1>年度回顾</h1><p>本报记者 马敏</p><h2>一、学习</h2><p>累计组织集中\n学习14次，<b>发言</b>30人次。</p>\
            <figure><img src=\"data:image/png;base64,cG5n\" alt=\"会场\"><figcaption>委员集中学习。</figcaption></figure>\
            <p>第一行<br>第二行</p><table><tr><th>项目</th><th>数量</th></tr><tr><td>演出</td><td>36场</td></tr></table>\
            <table><tr><td><p>排版用的表格里的一段。</p></td></tr></table><script>var x = '<p>';</script><img src=\"https://example.org/a.jpg\"></body></html>";
        let mut notes = Vec::new();
        let blocks = read(html, Path::new("."), &mut notes);
        assert_eq!(
            blocks,
            [
                Block::Heading(1, "年度回顾".into()),
                Block::Paragraph("本报记者 马敏".into()),
                Block::Heading(2, "一、学习".into()),
                Block::Paragraph("累计组织集中学习14次，发言30人次。".into()),
                Block::Image(Image {
                    name: "image".into(),
                    bytes: b"png".to_vec(),
                    alt: Some("会场".into())
                }),
                Block::Caption("委员集中学习。".into()),
                Block::Paragraph("第一行".into()),
                Block::Paragraph("第二行".into()),
                Block::Markdown("| 项目 | 数量 |\n| --- | --- |\n| 演出 | 36场 |".into()),
                Block::Paragraph("排版用的表格里的一段。".into()),
            ]
        );
        assert_eq!(notes.len(), 1, "the web image is named: {notes:?}");
    }

    #[test]
    fn a_page_held_in_a_form_and_a_heading_broken_in_two_lines() {
        let html = "<form id=form1><input name=x><h1>守护乡土记忆<br>点亮文化生活</h1><p>正文。</p></form>";
        let blocks = read(html, Path::new("."), &mut Vec::new());
        assert_eq!(
            blocks,
            [
                Block::Heading(1, "守护乡土记忆点亮文化生活".into()),
                Block::Paragraph("正文。".into())
            ]
        );
    }

    #[test]
    fn the_title_element_stands_in_for_a_missing_h1() {
        let blocks =
            read("<title> 年度\n回顾 </title><p>正文。</p>", Path::new("."), &mut Vec::new());
        assert_eq!(blocks[0], Block::Title("年度回顾".into()));
    }
}
