//! A Markdown body as Typst markup, read from the same events the HTML
//! renderer reads: paragraphs, headings, lists, tables, quotes, code,
//! footnotes, links, and the photos and `{{ stat() }}` figures annals adds.
//! Every run of text is escaped, so nothing a report says is read as Typst
//! code. Bodies are checked by the HTML renderer first (a missing photo or
//! figure is an error there); what cannot be resolved here is left out.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd, TextMergeWithOffset};

use crate::content::{Markdown, Photo, Stat};
use crate::render::markdown::{
    LinkTarget, between_wide_characters, cite, find_photo, link_target, lone_image, plain_text,
};
use crate::stats::FigureStyle;

/// What a body may refer to.
pub struct Context<'a> {
    /// The page's photos.
    pub photos: &'a [Photo],
    /// The report's folder (relative to `content/`).
    pub report_dir: &'a str,
    pub stats: &'a [Stat],
    pub style: &'a FigureStyle,
    /// The absolute address of a site path (`2024/politics/`), where the
    /// site has a base URL: links to other pages lead there.
    pub page_url: &'a dyn Fn(&str) -> Option<String>,
    pub links: &'a BTreeMap<String, String>,
    pub drafts: &'a BTreeSet<String>,
    pub unloaded: &'a BTreeSet<String>,
}

/// A body in Typst markup, and the photos (content paths) it shows.
pub struct Body {
    pub markup: String,
    pub shown: HashSet<String>,
}

/// `md` as Typst markup. A photo becomes `#photo(data.photos.at("PATH"))`:
/// the document defines `data`, the theme `photo`.
pub fn body(md: &Markdown, cx: &Context<'_>) -> Body {
    let parser = Parser::new_ext(&md.text, crate::content::markdown_options());
    let events: Vec<(Event<'_>, Range<usize>)> =
        TextMergeWithOffset::new(parser.into_offset_iter()).collect();
    let mut w = Writer {
        md,
        cx,
        events: &events,
        out: String::new(),
        shown: HashSet::new(),
        notes: HashMap::new(),
        written: HashMap::new(),
        links: Vec::new(),
        hidden: false,
    };
    w.notes = w.footnotes();
    w.run(0, events.len());
    Body { markup: w.out, shown: w.shown }
}

struct Writer<'a, 'e> {
    md: &'a Markdown,
    cx: &'a Context<'a>,
    events: &'a [(Event<'e>, Range<usize>)],
    out: String,
    shown: HashSet<String>,
    /// Each footnote definition's events (from, to) by its label, case
    /// folded as Markdown matches labels.
    notes: HashMap<String, (usize, usize)>,
    /// The footnotes written so far, by label: a second reference points
    /// to the first (`#footnote(<annals-fn-1>)`).
    written: HashMap<String, usize>,
    /// For each link open: whether it was written as a Typst link.
    links: Vec<bool>,
    /// Inside inline `<script>` or `<style>`: its text is not shown.
    hidden: bool,
}

impl Writer<'_, '_> {
    /// The index of the event that closes the one at `start`.
    fn end_of(&self, start: usize) -> usize {
        let mut depth = 0usize;
        for (i, (e, _)) in self.events.iter().enumerate().skip(start) {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.events.len()
    }

    /// Where each footnote definition's events are, by its label.
    fn footnotes(&self) -> HashMap<String, (usize, usize)> {
        let mut notes = HashMap::new();
        for (i, (e, _)) in self.events.iter().enumerate() {
            if let Event::Start(Tag::FootnoteDefinition(label)) = e {
                notes.entry(label.to_lowercase()).or_insert((i + 1, self.end_of(i)));
            }
        }
        notes
    }

    /// A footnote at a reference to `label`: its text the first time (a
    /// note may hold notes), a pointer to it after; nothing for a label no
    /// note defines, or a note referring to itself.
    fn footnote(&mut self, label: &str) {
        let key = label.to_lowercase();
        if let Some(n) = self.written.get(&key) {
            self.out.push_str(&format!("#footnote(<annals-fn-{n}>)"));
            return;
        }
        let Some(&(from, to)) = self.notes.get(&key) else {
            return;
        };
        let n = self.written.len() + 1;
        self.written.insert(key, n);
        let outer = std::mem::take(&mut self.out);
        self.run(from, to);
        let text = std::mem::replace(&mut self.out, outer);
        self.out.push_str(&format!("#footnote[{}]<annals-fn-{n}>", text.trim()));
    }

    fn run(&mut self, from: usize, to: usize) {
        let mut i = from;
        while i < to {
            let (event, _) = &self.events[i];
            match event {
                Event::Start(Tag::Paragraph) => {
                    if let Some(end) = self.standalone_photo(i) {
                        i = end + 1;
                        continue;
                    }
                }
                Event::End(TagEnd::Paragraph) => self.out.push_str("\n\n"),
                Event::Start(Tag::Heading { level, .. }) => {
                    // The chapter's title is the heading of level 1.
                    let level = (*level as u8).max(2);
                    self.out.push_str(&format!("#heading(level: {level}, outlined: false)["));
                }
                Event::End(TagEnd::Heading(_)) => self.out.push_str("]\n\n"),
                Event::Start(Tag::BlockQuote(_)) => self.out.push_str("#quote(block: true)["),
                Event::End(TagEnd::BlockQuote(_)) => self.out.push_str("]\n\n"),
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = self.end_of(i);
                    let code = plain_text(&self.events[i + 1..end]);
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_owned()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let lang = if lang.is_empty() {
                        String::new()
                    } else {
                        format!("lang: {}, ", string(&lang))
                    };
                    self.out.push_str(&format!(
                        "#raw(block: true, {lang}{})\n\n",
                        string(code.trim_end_matches('\n'))
                    ));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::List(None)) => self.out.push_str("#list("),
                Event::Start(Tag::List(Some(n))) => {
                    self.out.push_str(&format!("#enum(start: {n}, "))
                }
                Event::End(TagEnd::List(_)) => self.out.push_str(")\n\n"),
                Event::Start(Tag::Item) => self.out.push('['),
                Event::End(TagEnd::Item) => self.out.push_str("], "),
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    i = self.end_of(i) + 1;
                    continue;
                }
                Event::Start(Tag::Table(alignments)) => {
                    let align: Vec<&str> = alignments
                        .iter()
                        .map(|a| match a {
                            Alignment::Center => "center",
                            Alignment::Right => "right",
                            Alignment::None | Alignment::Left => "left",
                        })
                        .collect();
                    self.out.push_str(&format!(
                        "#table(columns: {}, align: ({},), ",
                        align.len(),
                        align.join(", ")
                    ));
                }
                Event::End(TagEnd::Table) => self.out.push_str(")\n\n"),
                Event::Start(Tag::TableHead) => self.out.push_str("table.header("),
                Event::End(TagEnd::TableHead) => self.out.push_str("), "),
                Event::Start(Tag::TableCell) => self.out.push('['),
                Event::End(TagEnd::TableCell) => self.out.push_str("], "),
                Event::Start(Tag::Emphasis) => self.out.push_str("#emph["),
                Event::Start(Tag::Strong) => self.out.push_str("#strong["),
                Event::Start(Tag::Strikethrough) => self.out.push_str("#strike["),
                Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                    self.out.push(']')
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let url = self.link(dest_url);
                    if let Some(url) = &url {
                        self.out.push_str(&format!("#link({})[", string(url)));
                    }
                    self.links.push(url.is_some());
                }
                Event::End(TagEnd::Link) if self.links.pop() == Some(true) => self.out.push(']'),
                // A photo inside a line of text: its alt text stands there.
                Event::Start(Tag::Image { .. }) => {}
                Event::Text(_) if self.hidden => {}
                Event::Text(text) => {
                    self.out.push_str(&escape(&cite(text, self.cx.stats, self.cx.style)))
                }
                Event::Code(code) => self.out.push_str(&format!("#raw({})", string(code))),
                // An HTML block comes a line at a time: its text is read
                // whole, so a comment, `<script>` or `<style>` shows nothing.
                Event::Start(Tag::HtmlBlock) => {
                    let end = self.end_of(i);
                    let html: String = self.events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Html(h) => Some(h.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let text = crate::render::html::text(&html);
                    if !text.trim().is_empty() {
                        self.out.push_str(&escape(text.trim()));
                        self.out.push_str("\n\n");
                    }
                    i = end + 1;
                    continue;
                }
                Event::InlineHtml(html) => {
                    let tag = html.trim_start_matches('<');
                    let name = tag
                        .trim_start_matches('/')
                        .chars()
                        .take_while(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    match name.as_str() {
                        "br" => self.out.push_str("#linebreak() "),
                        "script" | "style" => self.hidden = !tag.starts_with('/'),
                        _ => {}
                    }
                }
                // Chinese joins the lines of a paragraph without a space.
                Event::SoftBreak if !between_wide_characters(self.events, i) => self.out.push(' '),
                Event::HardBreak => self.out.push_str("#linebreak() "),
                Event::Rule => self.out.push_str("#line(length: 100%)\n\n"),
                Event::FootnoteReference(label) => self.footnote(label),
                Event::TaskListMarker(done) => {
                    self.out.push_str(if *done { "☑ " } else { "☐ " })
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// A paragraph holding one local photo and nothing else (as the HTML
    /// renderer reads it), written as the theme's `photo` with the caption
    /// and alt text written there; the index of the paragraph's end.
    fn standalone_photo(&mut self, start: usize) -> Option<usize> {
        let lone = lone_image(&self.events[start..])?;
        let (first, last) = (start + lone.start, start + lone.end);
        let Event::Start(Tag::Image { dest_url, title, .. }) = &self.events[first].0 else {
            return None;
        };
        let photo = find_photo(&self.md.file, Some(self.cx.report_dir), self.cx.photos, dest_url)?;
        self.shown.insert(photo.path.clone());
        let alt = plain_text(&self.events[first + 1..last]);
        let mut with = String::new();
        if !title.is_empty() {
            with.push_str(&format!(", caption: {}", string(title)));
        }
        if !alt.is_empty() {
            with.push_str(&format!(", alt: {}", string(&alt)));
        }
        let at = format!("data.photos.at({})", string(&photo.path));
        if with.is_empty() {
            self.out.push_str(&format!("#photo({at})\n\n"));
        } else {
            self.out.push_str(&format!("#photo((..{at}{with}))\n\n"));
        }
        Some(start + lone.paragraph_end)
    }

    /// Where a link leads in print: a web address as written, a page of
    /// the site at its address where the site has one; `None` for a link
    /// within the page or to a page with no address.
    fn link(&self, dest: &str) -> Option<String> {
        let scheme = crate::content::url_scheme(dest);
        if let Some(scheme) = scheme {
            return matches!(scheme.as_str(), "http" | "https" | "mailto").then(|| dest.to_owned());
        }
        let cx = self.cx;
        match link_target(dest, &self.md.file, "", cx.links, cx.unloaded, cx.drafts) {
            LinkTarget::Href(href) if !href.starts_with('#') => (cx.page_url)(&href),
            _ => None,
        }
    }
}

/// Text as Typst markup: every ASCII punctuation character escaped, so
/// that `#`, `*`, `_`, `$`, `[`, `<`, `@`, `//`, a `-` or `=` at the start
/// of a line and the rest stand for themselves. A run of Latin characters
/// too long for a line (an address, a long word) gets places to break:
/// after `/ . - _ ? & = #`, and every `LONG` characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // How far into a long run of Latin characters: 0 outside one.
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if run == 0 && is_latin(c) && text[i..].chars().take_while(|&c| is_latin(c)).count() > LONG
        {
            run = 1;
        } else if run > 0 && is_latin(c) {
            run += 1;
        } else {
            run = 0;
        }
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        // A line break inside a run of text is a space, as in Markdown.
        out.push(if c == '\n' { ' ' } else { c });
        if run > 0
            && (matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#') || run % LONG == 0)
        {
            out.push(ZERO_WIDTH_SPACE);
        }
    }
    out
}

/// How many Latin characters in a row may stand without a place to break.
const LONG: usize = 24;
const ZERO_WIDTH_SPACE: char = '\u{200b}';

/// A character of a word or an address in Latin script.
fn is_latin(c: char) -> bool {
    c.is_ascii_graphic()
}

/// A Typst string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_every_ascii_mark_and_keeps_chinese() {
        assert_eq!(
            escape("#set *a* $x$ [b] <c> @d // e"),
            "\\#set \\*a\\* \\$x\\$ \\[b\\] \\<c\\> \\@d \\/\\/ e"
        );
        assert_eq!(escape("集中学习14次，“近26万元”"), "集中学习14次，“近26万元”");
        assert_eq!(escape("a\\nb\nc"), "a\\\\nb c");
    }

    #[test]
    fn long_runs_of_latin_get_places_to_break() {
        let url = "https://example.org/a/very/long/path/to/a/page.html";
        let escaped = escape(url);
        assert!(escaped.contains("\\/\u{200b}"), "{escaped}");
        assert_eq!(escaped.replace(['\u{200b}', '\\'], ""), url);
        assert_eq!(escape(&"a".repeat(60)).matches('\u{200b}').count(), 2);
        assert!(!escape("short words stay whole, 中文也是").contains('\u{200b}'));
    }

    #[test]
    fn strings_are_typst_literals() {
        assert_eq!(string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }
}
