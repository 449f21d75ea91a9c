//! Rendered HTML read back: the tags of a page (for `check`) and its text
//! (for search), tokenized by html5gum, a WHATWG-compliant tokenizer, so
//! comments, character references, unquoted attributes and the contents of
//! `<script>` and `<style>` are read as a browser reads them.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{DefaultEmitter, Emitter, ForwardingEmitter, Span, Token, Tokenizer};

/// A start or end tag of an HTML text.
#[derive(Debug)]
pub struct Tag {
    /// Lower case.
    pub name: String,
    /// Names lower case, values with character references decoded, in the
    /// order of their names.
    pub attrs: Vec<(String, String)>,
    /// Byte offset of its `<`.
    pub offset: usize,
    pub closing: bool,
    pub self_closing: bool,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The tokens of `html`, with the byte offsets they start at. The contents
/// of `<script>` and `<style>` are one string each, not markup.
pub(crate) fn tokens(html: &str) -> impl Iterator<Item = Token<usize>> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, Quiet(emitter)).flatten()
}

/// An emitter that skips html5gum's checks for characters HTML forbids:
/// nothing here reads parse errors, and the checks cost as much as the
/// tokenizing.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The tags of an HTML text, in order; comments and doctypes are left out.
pub fn tags(html: &str) -> Vec<Tag> {
    tokens(html)
        .filter_map(|token| match token {
            Token::StartTag(tag) => Some(Tag {
                name: text_of(&tag.name),
                attrs: tag
                    .attributes
                    .iter()
                    .map(|(name, value)| (text_of(name), text_of(&value.value)))
                    .collect(),
                offset: tag.span.start,
                closing: false,
                self_closing: tag.self_closing,
            }),
            Token::EndTag(tag) => Some(Tag {
                name: text_of(&tag.name),
                attrs: Vec::new(),
                offset: tag.span.start,
                closing: true,
                self_closing: false,
            }),
            _ => None,
        })
        .collect()
}

/// Elements inside a line of text: their tags part no words, so `葡<b>萄</b>酒`
/// reads as 葡萄酒; every other tag parts them (a space in the search
/// index's text, a new paragraph for `annals import`).
const INLINE: [&[u8]; 28] = [
    b"a", b"abbr", b"b", b"bdi", b"big", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"font",
    b"i", b"ins", b"kbd", b"mark", b"q", b"ruby", b"s", b"small", b"span", b"strong", b"sub",
    b"sup", b"time", b"tt", b"u", b"var",
];

/// Whether the tag `name` (lower case) stands inside a line of text.
pub(crate) fn inline(name: &[u8]) -> bool {
    INLINE.contains(&name)
}

/// The text of HTML: tags dropped (each but an inline one as a space) with
/// the contents of `<script>` and `<style>`, character references decoded,
/// white space folded. Through html5gum's callbacks, which build no token:
/// the search index reads every page this way.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut hidden = false;
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                hidden = matches!(name, b"script" | b"style");
                if !inline(name) {
                    out.push(' ');
                }
            }
            CallbackEvent::Comment { .. } => out.push(' '),
            CallbackEvent::EndTag { name } => {
                hidden = false;
                if !inline(name) {
                    out.push(' ');
                }
            }
            CallbackEvent::String { value } if !hidden => match std::str::from_utf8(value) {
                Ok(text) => out.push_str(text),
                Err(_) => out.push_str(&String::from_utf8_lossy(value)),
            },
            _ => {}
        }
        None::<Infallible>
    });
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, Quiet(emitter)).for_each(drop);
    let mut folded = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes() {
        let html = "<!-- <a href=x> --><p id=one class='a b'>x<a href=\"a.html?x=1&amp;y=2#k\">y</a><img src=i.png alt=\"\"><script>if (a<b) {}</script></p>";
        let t = tags(html);
        let names: Vec<(&str, bool)> = t.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(
            names,
            [
                ("p", false),
                ("a", false),
                ("a", true),
                ("img", false),
                ("script", false),
                ("script", true),
                ("p", true)
            ]
        );
        assert_eq!(t[0].attr("id"), Some("one"));
        assert_eq!(t[0].attr("class"), Some("a b"));
        assert_eq!(t[1].attr("href"), Some("a.html?x=1&y=2#k"));
        assert_eq!(t[3].attr("alt"), Some(""));
        assert_eq!(&html[t[1].offset..t[1].offset + 8], "<a href=");
        assert_eq!(&html[t[2].offset..t[2].offset + 4], "</a>");
    }

    #[test]
    fn character_references_in_attributes() {
        let t = tags("<a title=\"a&amp;b&#39;c&#x4e2d;&nbsp;\" HREF=x>");
        assert_eq!(t[0].attr("title"), Some("a&b'c中\u{a0}"));
        assert_eq!(t[0].attr("href"), Some("x"));
    }

    #[test]
    fn text_of_html() {
        let html = "<h2 id=\"a\">标题</h2>\n<p>葡萄酒&amp;产业 <a href=\"x\">发展</a></p><script>var x = 1 < 2;</script><style>p{}</style><figure><figcaption>图 &lt;1&gt;</figcaption></figure>";
        assert_eq!(text(html), "标题 葡萄酒&产业 发展 图 <1>");
        // Inline elements part no words; blocks do.
        assert_eq!(
            text("<p>我们生产<strong>葡萄</strong>酒</p><p>下一段</p>"),
            " 我们生产葡萄酒 下一段 ".trim()
        );
        // A comment parts words as a tag does; `<script/>` still opens a script.
        assert_eq!(text("a<!-- x -->b<script/>var hidden;</script>c"), "a b c");
    }
}
