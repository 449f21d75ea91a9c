//! A document's blocks arranged as a report: title, subtitle and byline
//! from its head, the lead as preface, chapters at its top-level parts
//! (each keeping the number it was given, whatever the order), images
//! paired with the captions that follow them, and a closing credit line.

use super::plain::{ends_sentence, escape};
use super::{Block, Image};

/// A report as the document tells it.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// The closing credit line: `图片由…提供`.
    pub photo_credit: Option<String>,
    pub preface: Vec<Piece>,
    pub chapters: Vec<Chapter>,
    /// What the user should know about how the document was read.
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub(super) struct Chapter {
    pub number: u32,
    pub title: String,
    /// The second clause of a heading of two (`“初心”护“核心” 旗帜鲜明讲政治`).
    pub summary: Option<String>,
    pub body: Vec<Piece>,
}

#[derive(Debug)]
pub(super) enum Piece {
    /// A paragraph of Markdown.
    Text(String),
    /// A heading inside a chapter: its level (2 the highest, as `##`) and
    /// plain text.
    Heading(u8, String),
    Photo(Image, Option<String>),
}

/// The ways a part's heading is numbered, each a level of its own: a
/// document numbering its parts `一、` and their sections `（一）` has
/// chapters at `一、`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Numbering {
    /// `第一部分`, `第二章`, `第3篇`
    Part,
    /// `一、`
    Chinese,
    /// `（一）`
    ChineseInParens,
    /// `1.`, `1、`, `1 ` (a number and a space, as newspapers print it)
    Arabic,
    /// `（1）`
    ArabicInParens,
}

/// A paragraph opening with a part's number: the numbering, the number,
/// and the heading after it.
#[derive(Debug, PartialEq)]
pub(super) struct Numbered<'a> {
    pub numbering: Numbering,
    pub number: u32,
    pub rest: &'a str,
}

/// How `text` is numbered, if it opens with a part's number followed by a
/// heading short enough to be one (a sentence of 40 characters at most).
pub(super) fn numbered(text: &str) -> Option<Numbered<'_>> {
    let text = text.trim();
    let (numbering, number, rest) = opening_number(text)?;
    let rest = rest.trim_start_matches([' ', '\u{3000}', '\t', '：', ':']).trim();
    let length = rest.chars().count();
    let inner_stop = rest.trim_end_matches(['。', '.']).contains(['。', '；']);
    (length > 0 && length <= 40 && !inner_stop).then_some(Numbered { numbering, number, rest })
}

fn opening_number(text: &str) -> Option<(Numbering, u32, &str)> {
    if let Some(rest) = text.strip_prefix('第') {
        let end = rest.find(['部', '章', '篇'])?;
        let number = number_of(&rest[..end])?;
        let after = &rest[end..];
        let after = after.strip_prefix("部分").or_else(|| after.get(3..))?;
        return Some((Numbering::Part, number, after));
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = text.strip_prefix(open) {
            let (inside, after) = rest.split_once(close)?;
            let numbering = if inside.bytes().all(|b| b.is_ascii_digit()) {
                Numbering::ArabicInParens
            } else {
                Numbering::ChineseInParens
            };
            return Some((numbering, number_of(inside)?, after));
        }
    }
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    if digits > 0 {
        let (number, after) = text.split_at(digits);
        // `1.`, `1、`, `1．` or `1 ` before a heading that is not a figure
        // (`2024年`, `1.5万`).
        let rest = after
            .strip_prefix(['.', '、', '．'])
            .filter(|r| !r.starts_with(|c: char| c.is_ascii_digit()))
            .or_else(|| after.strip_prefix([' ', '\u{3000}']))?;
        return Some((
            Numbering::Arabic,
            number.parse().ok().filter(|n| (1..=99).contains(n))?,
            rest,
        ));
    }
    let end = text.find('、')?;
    Some((Numbering::Chinese, number_of(&text[..end])?, &text[end + '、'.len_utf8()..]))
}

/// `3`, `三`, `十二` as a number from 1 to 99.
fn number_of(text: &str) -> Option<u32> {
    if text.is_empty() || text.chars().count() > 3 {
        return None;
    }
    let n = if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()?
    } else {
        u32::from(chinese_number::from_chinese_to_u16(text).ok()?)
    };
    (1..=99).contains(&n).then_some(n)
}

/// Arranges a document's blocks as a report. `join_breaks` mends paragraphs
/// a page or column break cut in two mid-sentence (`…不断提升提` / `案工作…`),
/// as text copied from a newspaper page has them.
pub(super) fn arrange(mut blocks: Vec<Block>, join_breaks: bool) -> Draft {
    if join_breaks {
        blocks = mend_breaks(blocks);
    }
    let mut draft = Draft { photo_credit: take_credit(&mut blocks), ..Draft::default() };
    let chapter_level = heading_level(&blocks);
    title_among_parts(&mut blocks, chapter_level);
    let mut rest = blocks.into_iter().peekable();

    // The head: title, subtitle and byline, up to the first paragraph of
    // text, image or chapter.
    while let Some(block) = rest.peek() {
        match block {
            Block::Title(t) | Block::Heading(_, t)
                if draft.title.is_none() && !opens_chapter(block, chapter_level) =>
            {
                draft.title = Some(t.clone());
            }
            Block::Subtitle(t) => draft.subtitle = Some(t.clone()),
            Block::Paragraph(p) | Block::Markdown(p) | Block::Heading(_, p)
                if !opens_chapter(block, chapter_level) =>
            {
                let p = p.trim();
                if let Some(author) = byline(p) {
                    draft.author = Some(author);
                } else if let Some(subtitle) = dashed(p) {
                    draft.subtitle = Some(subtitle);
                } else if draft.title.is_none() && p.chars().count() <= 40 && !ends_sentence(p) {
                    draft.title = Some(p.to_owned());
                } else {
                    break;
                }
            }
            _ => break,
        }
        rest.next();
    }

    // Where the parts are numbered, an unnumbered part before the first
    // numbered one (`前言`, `引言`) belongs to the preface.
    let parts_numbered = numbered_parts(rest.clone(), chapter_level) >= 2;
    let mut explicit: Vec<bool> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut chapter: Option<Chapter> = None;
    while let Some(block) = rest.next() {
        if opens_chapter(&block, chapter_level)
            && parts_numbered
            && chapter.is_none()
            && numbered(block_text(&block)).is_none()
        {
            pieces.push(Piece::Heading(2, block_text(&block).to_owned()));
            continue;
        }
        if opens_chapter(&block, chapter_level) {
            let body = std::mem::take(&mut pieces);
            match chapter.take() {
                Some(mut c) => {
                    c.body = body;
                    draft.chapters.push(c);
                }
                None => draft.preface = body,
            }
            let (c, has_number) = new_chapter(&block);
            explicit.push(has_number);
            chapter = Some(c);
            continue;
        }
        match block {
            Block::Image(image) => {
                let caption = match rest.peek() {
                    Some(Block::Caption(c)) => Some(caption_text(c)),
                    Some(Block::Paragraph(p) | Block::Markdown(p)) if is_caption(p) => {
                        Some(caption_text(p))
                    }
                    _ => None,
                };
                if caption.is_some() {
                    rest.next();
                }
                pieces.push(Piece::Photo(image, caption));
            }
            Block::Heading(level, text) => {
                let depth = match chapter_level {
                    ChapterLevel::Heading(at) => level.saturating_sub(at) + 1,
                    _ => level,
                };
                pieces.push(Piece::Heading(depth.clamp(2, 6), text));
            }
            Block::Paragraph(p) => match numbered(&p) {
                Some(n) if n.numbering == Numbering::ChineseInParens => {
                    pieces.push(Piece::Heading(2, p));
                }
                _ => pieces.push(Piece::Text(escape(&p))),
            },
            Block::Markdown(m) => match numbered(&m) {
                Some(n) if n.numbering == Numbering::ChineseInParens => {
                    pieces.push(Piece::Text(format!("## {m}")));
                }
                _ => pieces.push(Piece::Text(m)),
            },
            Block::Title(t) | Block::Subtitle(t) | Block::Caption(t) => {
                pieces.push(Piece::Text(escape(&t)));
            }
        }
    }
    match chapter {
        Some(mut c) => {
            c.body = pieces;
            draft.chapters.push(c);
        }
        None => draft.preface = pieces,
    }
    number_uniquely(&mut draft, &explicit);
    draft
}

/// Each chapter a number of its own, so no two share a file name or photo
/// names: a number given twice, and a part without one, take the next
/// number no other part has (from their place on).
fn number_uniquely(draft: &mut Draft, explicit: &[bool]) {
    let mut taken = std::collections::HashSet::new();
    let mut open = Vec::new();
    for (i, c) in draft.chapters.iter().enumerate() {
        if !explicit[i] {
            open.push(i);
        } else if !taken.insert(c.number) {
            draft.notes.push(crate::tr!(
                "importer-number-twice",
                number = c.number,
                title = c.title.as_str()
            ));
            open.push(i);
        }
    }
    for i in open {
        let mut n = i as u32 + 1;
        while taken.contains(&n) {
            n += 1;
        }
        taken.insert(n);
        draft.chapters[i].number = n;
    }
}

/// How many of the blocks open a chapter with a number of their own.
fn numbered_parts(blocks: impl Iterator<Item = Block>, level: ChapterLevel) -> usize {
    blocks.filter(|b| opens_chapter(b, level) && numbered(block_text(b)).is_some()).count()
}

/// The text of a heading or paragraph; empty for other blocks.
fn block_text(block: &Block) -> &str {
    match block {
        Block::Heading(_, t) | Block::Paragraph(t) | Block::Markdown(t) => t,
        _ => "",
    }
}

/// Where chapters start: at Word's (or HTML's, or Markdown's) headings of
/// one level, or at paragraphs numbered in one way.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ChapterLevel {
    Heading(u8),
    Numbered(Numbering),
    None,
}

/// The level chapters are at: the top level of headings (below a single
/// heading that opens the document, its title), or, in a document without
/// headings, the numbering of the first numbered paragraph.
fn heading_level(blocks: &[Block]) -> ChapterLevel {
    let levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, _) => Some(*level),
            _ => None,
        })
        .collect();
    if let Some(&top) = levels.iter().min() {
        let at_top = levels.iter().filter(|&&l| l == top).count();
        let below = levels.iter().filter(|&&l| l > top).min();
        return match below {
            Some(&next) if at_top == 1 && levels[0] == top && !has_title(blocks) => {
                ChapterLevel::Heading(next)
            }
            _ => ChapterLevel::Heading(top),
        };
    }
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) | Block::Markdown(p) => {
                numbered(p).map(|n| ChapterLevel::Numbered(n.numbering))
            }
            _ => None,
        })
        .unwrap_or(ChapterLevel::None)
}

/// A document whose title has the same heading style as its parts: the
/// first heading, unnumbered where the parts after it are numbered
/// (`守护乡土记忆`, `三、…`, `一、…`), is its title, not a chapter.
fn title_among_parts(blocks: &mut [Block], level: ChapterLevel) {
    let ChapterLevel::Heading(at) = level else { return };
    if has_title(blocks) {
        return;
    }
    let mut parts = blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Heading(l, text) if *l == at => Some((i, numbered(text).is_some())),
        _ => None,
    });
    let Some((first, false)) = parts.next() else { return };
    let numbered_after = parts.filter(|&(_, n)| n).count();
    // Anything written before it (a title line of its own, a lead) makes
    // it a part after all.
    let text_before = blocks[..first].iter().any(|b| !block_text(b).is_empty());
    if numbered_after >= 2
        && !text_before
        && let Block::Heading(_, text) = &blocks[first]
    {
        blocks[first] = Block::Title(text.clone());
    }
}

fn has_title(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| matches!(b, Block::Title(_)))
}

fn opens_chapter(block: &Block, level: ChapterLevel) -> bool {
    match (block, level) {
        (Block::Heading(l, _), ChapterLevel::Heading(at)) => *l == at,
        (Block::Paragraph(p) | Block::Markdown(p), ChapterLevel::Numbered(numbering)) => {
            numbered(p).is_some_and(|n| n.numbering == numbering)
        }
        _ => false,
    }
}

/// A chapter opened by `block`, with its own number where its heading has
/// one (the second value says so; `number_uniquely` numbers the others).
fn new_chapter(block: &Block) -> (Chapter, bool) {
    let text = block_text(block);
    let (number, heading) = match numbered(text) {
        Some(n) => (Some(n.number), n.rest),
        None => (None, text.trim()),
    };
    let (title, summary) = split_heading(heading);
    (Chapter { number: number.unwrap_or(0), title, summary, body: Vec::new() }, number.is_some())
}

/// A heading of two clauses, parted by a comma, colon, dash or a space
/// between Chinese words, as a title and a summary; a short heading, or an
/// English one parted by spaces only, stays whole.
fn split_heading(heading: &str) -> (String, Option<String>) {
    let heading = heading.trim().trim_end_matches(['。', '.']);
    if heading.chars().count() > 10 {
        for separator in ["——", "：", ": ", "，", "\u{3000}", " "] {
            if let Some((title, summary)) = heading.split_once(separator) {
                let (title, summary) = (title.trim(), summary.trim());
                let latin = separator == " "
                    && (title.ends_with(|c: char| c.is_ascii_alphanumeric())
                        || summary.starts_with(|c: char| c.is_ascii_alphanumeric()));
                if !latin && title.chars().count() >= 2 && summary.chars().count() >= 2 {
                    return (title.to_owned(), Some(summary.to_owned()));
                }
            }
        }
    }
    (heading.to_owned(), None)
}

/// The author a byline names: `本报记者 马敏`, `文/张三`, `By Jane Roe`.
fn byline(text: &str) -> Option<String> {
    const ROLES: [&str; 12] = [
        "本报记者",
        "本报通讯员",
        "通讯员",
        "记者",
        "文/图",
        "文／图",
        "文/",
        "文／",
        "撰稿",
        "撰文",
        "作者",
        "By ",
    ];
    if text.chars().count() > 30 {
        return None;
    }
    let rest = ROLES.iter().find_map(|r| text.strip_prefix(r))?;
    let name = rest.trim_start_matches([':', '：', '|', ' ', '\u{3000}']).trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A subtitle set off by a dash: `——红寺堡区政协2024年履职工作亮点回眸`.
fn dashed(text: &str) -> Option<String> {
    let rest = text.strip_prefix(['—', '-', '–'])?;
    let subtitle = rest.trim_start_matches(['—', '-', '–', ' ']).trim();
    (!subtitle.is_empty()).then(|| subtitle.to_owned())
}

/// A short paragraph after an image is its caption: a line, not a passage.
fn is_caption(text: &str) -> bool {
    let length = text.chars().count();
    (2..=80).contains(&length) && numbered(text).is_none()
}

/// A caption without the marks newspapers set before one (`▲`, `↑`).
fn caption_text(text: &str) -> String {
    text.trim_start_matches(['▲', '△', '↑', '■', '●', ' ', '\u{3000}']).trim().to_owned()
}

/// The closing credit line (`（本版图片由红寺堡区政协提供）`, `图片：新华社`),
/// taken out of the text: who the photos are by.
fn take_credit(blocks: &mut Vec<Block>) -> Option<String> {
    let from = blocks.len().saturating_sub(3);
    let (at, credit) = blocks[from..].iter().enumerate().rev().find_map(|(i, b)| {
        let (Block::Paragraph(p) | Block::Markdown(p)) = b else { return None };
        credit_of(p).map(|c| (from + i, c))
    })?;
    blocks.remove(at);
    Some(credit)
}

/// The credit line as the report shows it: `图片由红寺堡区政协提供`, without
/// its brackets and the `本版` that meant the newspaper page.
fn credit_of(text: &str) -> Option<String> {
    let text = text.trim().trim_matches(['（', '）', '(', ')', '[', ']', '【', '】']).trim();
    let credits = text.find("图片由").is_some_and(|i| text[i..].ends_with("提供"))
        || ["图片：", "图片:", "摄影：", "摄影:", "图/", "Photos: ", "Photos by "]
            .iter()
            .any(|p| text.starts_with(p));
    if !credits || text.chars().count() > 40 {
        return None;
    }
    let text = ["本版", "本文", "本期"].iter().find_map(|p| text.strip_prefix(p)).unwrap_or(text);
    Some(text.trim().to_owned())
}

/// Paragraphs a page or column break cut mid-sentence joined again: one
/// long enough to be running text (not a heading, not a caption under an
/// image), ending in a Chinese character rather than punctuation, followed
/// by one opening with a Chinese character.
fn mend_breaks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let after_image = out.len() >= 2 && matches!(out[out.len() - 2], Block::Image(_));
        if let (Some(Block::Paragraph(before)), Block::Paragraph(after)) = (out.last_mut(), &block)
            && !after_image
            && numbered(before).is_none()
            && before.chars().count() > 40
            && before.chars().next_back().is_some_and(is_hanzi)
            && after.chars().next().is_some_and(is_hanzi)
            && numbered(after).is_none()
        {
            before.push_str(after);
            continue;
        }
        out.push(block);
    }
    out
}

fn is_hanzi(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Block {
        Block::Paragraph(text.to_owned())
    }

    #[test]
    fn part_numbers() {
        let n = |t: &str| numbered(t).map(|n| (n.numbering, n.number, n.rest.to_owned()));
        assert_eq!(n("一、坚持党的领导"), Some((Numbering::Chinese, 1, "坚持党的领导".into())));
        assert_eq!(n("十二、其他"), Some((Numbering::Chinese, 12, "其他".into())));
        assert_eq!(n("（三）加强学习"), Some((Numbering::ChineseInParens, 3, "加强学习".into())));
        assert_eq!(n("(2) Training"), Some((Numbering::ArabicInParens, 2, "Training".into())));
        assert_eq!(n("第二部分 协商议政"), Some((Numbering::Part, 2, "协商议政".into())));
        assert_eq!(n("第3章：建设"), Some((Numbering::Part, 3, "建设".into())));
        assert_eq!(
            n("3 “创新”促“焕新” 政协履职亮点纷呈"),
            Some((Numbering::Arabic, 3, "“创新”促“焕新” 政协履职亮点纷呈".into()))
        );
        assert_eq!(n("4. Outreach"), Some((Numbering::Arabic, 4, "Outreach".into())));
        // Figures, years and sentences are not headings.
        assert_eq!(n("2024年是中国人民政治协商会议成立75周年"), None);
        assert_eq!(n("1.5万人次参加"), None);
        assert_eq!(n("一、坚持学习。每月一次，全年十二次。"), None);
        assert_eq!(n("一些委员、群众"), None);
        assert_eq!(n("三、"), None);
    }

    #[test]
    fn a_newspaper_article() {
        let blocks = vec![
            p("履职尽责担使命 凝心聚力谱新篇"),
            p("——红寺堡区政协2024年履职工作亮点回眸"),
            p("本报记者 马敏"),
            p("时光为笔，书写忠诚履职的真挚情怀。"),
            p("1 “初心”护“核心” 旗帜鲜明讲政治"),
            p(
                "政协事业要发展，党的领导是根本。红寺堡区政协始终把讲政治摆在首要位置，确保政协事业始终沿着正确方向前行，不断提升提",
            ),
            p("案工作质量水平。"),
            p("3 “创新”促“焕新” 政协履职亮点纷呈"),
            Block::Image(Image { name: "a.jpg".into(), bytes: vec![1], alt: None }),
            p("▲ 吴忠市政协调研红寺堡区食品安全工作。"),
            p("（一）履职平台"),
            p("2 “言值”显“价值” 议政建言助推发展"),
            p("（本版图片由红寺堡区政协提供）"),
        ];
        let draft = arrange(blocks, true);
        assert_eq!(draft.title.as_deref(), Some("履职尽责担使命 凝心聚力谱新篇"));
        assert_eq!(draft.subtitle.as_deref(), Some("红寺堡区政协2024年履职工作亮点回眸"));
        assert_eq!(draft.author.as_deref(), Some("马敏"));
        assert_eq!(draft.photo_credit.as_deref(), Some("图片由红寺堡区政协提供"));
        assert!(matches!(&draft.preface[..], [Piece::Text(t)] if t.starts_with("时光为笔")));
        let numbers: Vec<u32> = draft.chapters.iter().map(|c| c.number).collect();
        assert_eq!(numbers, [1, 3, 2]);
        let first = &draft.chapters[0];
        assert_eq!(first.title, "“初心”护“核心”");
        assert_eq!(first.summary.as_deref(), Some("旗帜鲜明讲政治"));
        assert!(
            matches!(&first.body[..], [Piece::Text(t)] if t.ends_with("不断提升提案工作质量水平。"))
        );
        let third = &draft.chapters[1];
        assert!(matches!(
            &third.body[..],
            [Piece::Photo(_, Some(c)), Piece::Heading(2, h)]
                if c == "吴忠市政协调研红寺堡区食品安全工作。" && h == "（一）履职平台"
        ));
        assert!(draft.chapters[2].body.is_empty());
    }

    #[test]
    fn word_headings_under_a_title_heading() {
        let blocks = vec![
            Block::Heading(1, "Annual review".into()),
            p("By Jane Roe"),
            p("A year of work."),
            Block::Heading(2, "Three: Outreach".into()),
            Block::Heading(3, "Schools".into()),
            Block::Heading(2, "Study".into()),
        ];
        let draft = arrange(blocks, false);
        assert_eq!(draft.title.as_deref(), Some("Annual review"));
        assert_eq!(draft.author.as_deref(), Some("Jane Roe"));
        let chapters: Vec<(u32, &str)> =
            draft.chapters.iter().map(|c| (c.number, c.title.as_str())).collect();
        assert_eq!(chapters, [(1, "Three"), (2, "Study")]);
        assert_eq!(draft.chapters[0].summary.as_deref(), Some("Outreach"));
        assert!(matches!(&draft.chapters[0].body[..], [Piece::Heading(2, h)] if h == "Schools"));
    }

    #[test]
    fn a_title_in_the_parts_heading_style() {
        let h = |t: &str| Block::Heading(1, t.to_owned());
        let blocks =
            vec![h("守护乡土记忆"), p("文/李晓"), h("二、活动"), p("正文。"), h("一、阵地")];
        let draft = arrange(blocks, false);
        assert_eq!(draft.title.as_deref(), Some("守护乡土记忆"));
        let numbers: Vec<u32> = draft.chapters.iter().map(|c| c.number).collect();
        assert_eq!(numbers, [2, 1]);
    }

    #[test]
    fn every_chapter_has_a_number_of_its_own() {
        let h = |t: &str| Block::Heading(1, t.to_owned());
        let blocks = vec![
            p("年度回顾"),
            h("前言"),
            p("引言的文字。"),
            h("二、活动"),
            h("一、阵地"),
            h("一、队伍"),
            h("结语"),
        ];
        let draft = arrange(blocks, false);
        assert!(
            matches!(&draft.preface[..], [Piece::Heading(2, h), Piece::Text(_)] if h == "前言")
        );
        let chapters: Vec<(u32, &str)> =
            draft.chapters.iter().map(|c| (c.number, c.title.as_str())).collect();
        assert_eq!(chapters, [(2, "活动"), (1, "阵地"), (3, "队伍"), (4, "结语")]);
        assert_eq!(draft.notes.len(), 1, "the number given twice is named: {:?}", draft.notes);
    }

    #[test]
    fn headings_split_where_they_have_two_clauses() {
        assert_eq!(split_heading("加强自身建设"), ("加强自身建设".into(), None));
        assert_eq!(
            split_heading("“建设”增“建树” 强基固本提能砺为"),
            ("“建设”增“建树”".into(), Some("强基固本提能砺为".into()))
        );
        assert_eq!(
            split_heading("Working with our partners"),
            ("Working with our partners".into(), None)
        );
    }
}
