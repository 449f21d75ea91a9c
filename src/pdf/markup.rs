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
use crate::render::markdown::{LinkTarget, between_wide_characters, cite, find_photo, link_target};
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
        links: Vec::new(),
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
    /// Each footnote's text by its label.
    notes: HashMap<String, String>,
    /// For each link open: whether it was written as a Typst link.
    links: Vec<bool>,
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

    /// Every footnote definition, written out on its own.
    fn footnotes(&mut self) -> HashMap<String, String> {
        let mut notes = HashMap::new();
        for i in 0..self.events.len() {
            if let Event::Start(Tag::FootnoteDefinition(label)) = &self.events[i].0 {
                let end = self.end_of(i);
                let outer = std::mem::take(&mut self.out);
                self.run(i + 1, end);
                let text = std::mem::replace(&mut self.out, outer);
                notes.insert(label.to_string(), text.trim().to_owned());
            }
        }
        notes
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
                    let code: String = self.events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
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
                Event::Text(text) => {
                    self.out.push_str(&escape(&cite(text, self.cx.stats, self.cx.style)))
                }
                Event::Code(code) => self.out.push_str(&format!("#raw({})", string(code))),
                Event::Html(html) => {
                    let text = crate::render::html::text(html);
                    if !text.trim().is_empty() {
                        self.out.push_str(&escape(text.trim()));
                        self.out.push_str("\n\n");
                    }
                }
                Event::InlineHtml(html) => {
                    let tag = html.trim_start_matches('<').trim_start_matches('/');
                    if tag.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("br")) {
                        self.out.push_str("#linebreak() ");
                    }
                }
                // Chinese joins the lines of a paragraph without a space.
                Event::SoftBreak if !between_wide_characters(self.events, i) => self.out.push(' '),
                Event::HardBreak => self.out.push_str("#linebreak() "),
                Event::Rule => self.out.push_str("#line(length: 100%)\n\n"),
                Event::FootnoteReference(label) => {
                    let note = self.notes.get(label.as_ref()).cloned().unwrap_or_default();
                    self.out.push_str(&format!("#footnote[{note}]"));
                }
                Event::TaskListMarker(done) => {
                    self.out.push_str(if *done { "☑ " } else { "☐ " })
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// A paragraph holding one local photo and nothing else, written as the
    /// theme's `photo`; the index of the paragraph's end.
    fn standalone_photo(&mut self, start: usize) -> Option<usize> {
        let end = self.end_of(start);
        let inner: Vec<&Event<'_>> = self.events[start + 1..end]
            .iter()
            .map(|(e, _)| e)
            .filter(|e| {
                !matches!(e, Event::Text(t) if t.trim().is_empty())
                    && !matches!(e, Event::SoftBreak)
            })
            .collect();
        let Event::Start(Tag::Image { dest_url, title, .. }) = inner.first()? else {
            return None;
        };
        if !matches!(inner.last()?, Event::End(TagEnd::Image))
            || inner[1..inner.len() - 1].iter().any(|e| matches!(e, Event::Start(_)))
        {
            return None;
        }
        let photo = find_photo(&self.md.file, Some(self.cx.report_dir), self.cx.photos, dest_url)?;
        self.shown.insert(photo.path.clone());
        let at = format!("data.photos.at({})", string(&photo.path));
        if title.is_empty() {
            self.out.push_str(&format!("#photo({at})\n\n"));
        } else {
            self.out.push_str(&format!("#photo((..{at}, caption: {}))\n\n", string(title)));
        }
        Some(end)
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
/// of a line and the rest stand for themselves.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        // A line break inside a run of text is a space, as in Markdown.
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
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
    fn strings_are_typst_literals() {
        assert_eq!(string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }
}
