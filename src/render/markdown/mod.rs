//! Markdown bodies to HTML with pulldown-cmark, plus what annals adds:
//! stable heading ids (Chinese headings too), a standalone
//! `![alt](src "caption")` as a `<figure>`, links to `.md` files as links
//! to their pages, photos with their sizes, and `{{ stat(key="…") }}`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, TextMergeWithOffset};

mod figures;
mod links;
#[cfg(test)]
mod tests;

pub use figures::{SIZES, find_photo, img_tag, lone_image};
pub use links::{LinkTarget, link_target};
use links::{relative_from, runs_script};

use super::urls;
use crate::content::{Markdown, Photo, Report, Stat};
use crate::diagnostic::{Diagnostic, nearest};
use crate::images::Plan;
use crate::stats::FigureStyle;
use crate::tr;

/// What a body may refer to, and where its page sits.
pub struct BodyContext<'a> {
    /// From this page to the site root: `../../`.
    pub root: &'a str,
    /// Markdown file (relative to `content/`) → site path.
    pub links: &'a BTreeMap<String, String>,
    /// Markdown files left out as drafts.
    pub drafts: &'a BTreeSet<String>,
    /// Markdown files that failed to load: links to them are left as they
    /// are, without an error of their own.
    pub unloaded: &'a BTreeSet<String>,
    /// The page's photos.
    pub photos: &'a [Photo],
    /// What every photo is published as.
    pub plan: &'a Plan,
    /// The report's folder (relative to `content/`), where photos are also
    /// looked for.
    pub report_dir: Option<&'a str>,
    /// The report, for the figures of `{{ stat() }}`, and its stats page.
    pub stats: Option<(&'a Report, &'a str)>,
    pub style: &'a FigureStyle,
    /// The theme's `photo_credit_by` pattern (`摄影：{credit}`).
    pub credit_by: &'a str,
    /// Escape raw HTML.
    pub safe: bool,
    /// The first figure loads eagerly (it is likely above the fold).
    pub eager_first: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Photos (content paths) the body shows itself.
    pub shown_photos: HashSet<String>,
}

pub fn render(md: &Markdown, cx: &BodyContext<'_>) -> Result<Rendered, Vec<Diagnostic>> {
    let (rendered, errors) = render_partial(md, cx);
    if errors.is_empty() { Ok(rendered) } else { Err(errors) }
}

/// The body rendered around its errors, and the errors.
pub fn render_partial(md: &Markdown, cx: &BodyContext<'_>) -> (Rendered, Vec<Diagnostic>) {
    let mut r = Renderer {
        md,
        cx,
        errors: Vec::new(),
        ids: HashMap::new(),
        out: Rendered::default(),
        figures: 0,
    };
    let parser = Parser::new_ext(&md.text, crate::content::markdown_options());
    let events: Vec<(Event<'_>, Range<usize>)> =
        TextMergeWithOffset::new(parser.into_offset_iter()).collect();
    let events = r.transform(events);
    pulldown_cmark::html::push_html(&mut r.out.html, events.into_iter());
    (r.out, r.errors)
}

struct Renderer<'a> {
    md: &'a Markdown,
    cx: &'a BodyContext<'a>,
    errors: Vec<Diagnostic>,
    /// Heading ids given so far → the last number appended to make a
    /// repeat of it unique.
    ids: HashMap<String, usize>,
    out: Rendered,
    figures: usize,
}

/// A heading id: the heading's slug (`content::slugify`), or `section`.
pub fn heading_id(text: &str) -> String {
    let id = crate::content::slugify(text);
    if id.is_empty() { "section".to_owned() } else { id }
}

impl<'a> Renderer<'a> {
    fn error(&mut self, offset: usize, message: String, hint: String) {
        let (line, column) = crate::content::line_column(&self.md.text, offset);
        let line = line + self.md.first_line - 1;
        let source_line = self.md.text.lines().nth(line - self.md.first_line).map(str::to_owned);
        let mut d = Diagnostic::new(format!("content/{}", self.md.file), message)
            .at(line, column)
            .hint(hint);
        d.source_line = source_line;
        self.errors.push(d);
    }

    /// `id`, or where it is taken `id-1`, `id-2`…: the first of those no
    /// heading has yet (`## a-1` or `{#a-1}` may have taken one).
    fn unique_id(&mut self, id: String) -> String {
        let Some(&last) = self.ids.get(&id) else {
            self.ids.insert(id.clone(), 0);
            return id;
        };
        let mut n = last + 1;
        while self.ids.contains_key(&format!("{id}-{n}")) {
            n += 1;
        }
        let unique = format!("{id}-{n}");
        self.ids.insert(id, n);
        self.ids.insert(unique.clone(), 0);
        unique
    }

    fn transform<'e>(&mut self, events: Vec<(Event<'e>, Range<usize>)>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Paragraph) => {
                    if let Some((html, consumed)) = self.standalone_figure(&events[i..]) {
                        out.push(Event::Html(html.into()));
                        i += consumed;
                        continue;
                    }
                    out.push(event.clone());
                }
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                        .map_or(events.len(), |p| i + p);
                    let text: String = events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = self.unique_id(
                        id.as_ref().map_or_else(|| heading_id(&text), |i| i.to_string()),
                    );
                    self.out.headings.push(Heading {
                        level: heading_level(*level),
                        id: id.clone(),
                        text: text.clone(),
                    });
                    // `{key=value}` after a heading becomes an attribute of
                    // any name, `onclick` too: not from untrusted authors.
                    let attrs = if self.cx.safe { Vec::new() } else { attrs.clone() };
                    out.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(id)),
                        classes: classes.clone(),
                        attrs,
                    }));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest = self.link(dest_url, range.start);
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest.into(),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
                        .map_or(events.len(), |p| i + p);
                    let alt = plain_text(&events[i + 1..end]);
                    out.push(Event::Html(
                        self.image_html(dest_url, title, &alt, range.start, false).into(),
                    ));
                    i = end + 1;
                    continue;
                }
                Event::Text(text) => self.text(text, range.clone(), &mut out),
                // Chinese joins the lines of a paragraph without a space.
                Event::SoftBreak if between_wide_characters(&events, i) => {}
                Event::Html(html) | Event::InlineHtml(html) if self.cx.safe => {
                    out.push(Event::Text(html.clone()))
                }
                _ => out.push(event.clone()),
            }
            i += 1;
        }
        out
    }

    fn link(&mut self, dest: &str, offset: usize) -> String {
        if self.cx.safe && runs_script(dest) {
            return String::new();
        }
        let dir = self.md.file.rsplit_once('/').map_or("", |(d, _)| d);
        match link_target(
            dest,
            &self.md.file,
            self.cx.root,
            self.cx.links,
            self.cx.unloaded,
            self.cx.drafts,
        ) {
            LinkTarget::AsWritten | LinkTarget::Unloaded => dest.to_owned(),
            LinkTarget::Href(href) => href,
            LinkTarget::Draft => {
                self.error(
                    offset,
                    tr!("render-link-to-draft", link = dest),
                    tr!("render-link-to-draft-hint"),
                );
                dest.to_owned()
            }
            LinkTarget::Missing { wanted } => {
                let hint = match nearest(&wanted, self.cx.links.keys().map(String::as_str)) {
                    Some(near) => tr!("render-link-did-you-mean", path = relative_from(dir, near)),
                    None => tr!("render-link-relative-hint"),
                };
                self.error(offset, tr!("render-link-to-nothing", link = dest), hint);
                dest.to_owned()
            }
        }
    }

    /// A text run with its shortcodes replaced; `range` is where it stands
    /// in the body.
    fn text<'e>(&mut self, text: &CowStr<'e>, range: Range<usize>, out: &mut Vec<Event<'e>>) {
        if !text.contains("{{") {
            out.push(Event::Text(text.clone()));
            return;
        }
        // The text is decoded (`&amp;` is `&`, `\*` is `*`), so it can be
        // shorter than its source: a call's position is found in the
        // source, each `{{` after the one before, not counted in the text.
        let source = self.md.text.get(range.clone()).unwrap_or("");
        let mut source_at = 0;
        let mut rest: &str = text;
        let mut plain = String::new();
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            let call = rest[start + 2..start + len].trim();
            plain.push_str(&rest[..start]);
            let in_source = source[source_at..].find("{{").map(|p| source_at + p);
            if let Some(p) = in_source {
                source_at = p + 2;
            }
            if is_call(call) {
                out.push(Event::Text(CowStr::from(std::mem::take(&mut plain))));
                let html = self.shortcode(call, range.start + in_source.unwrap_or(0));
                out.push(Event::InlineHtml(html.into()));
            } else {
                // Braces that are not a shortcode call are text.
                plain.push_str(&rest[start..start + len + 2]);
            }
            rest = &rest[start + len + 2..];
        }
        plain.push_str(rest);
        out.push(Event::Text(CowStr::from(plain)));
    }

    fn shortcode(&mut self, call: &str, offset: usize) -> String {
        let Some(key) = stat_key(call) else {
            self.error(
                offset,
                tr!("render-unknown-shortcode", call = call),
                tr!("render-unknown-shortcode-hint"),
            );
            return String::new();
        };
        let Some((report, stats_path)) = self.cx.stats else {
            self.error(
                offset,
                tr!("render-figure-outside-report"),
                tr!("render-figure-outside-report-hint"),
            );
            return String::new();
        };
        let stats = &report.stats;
        match stats.iter().find(|s| s.key == key) {
            Some(stat) => format!(
                "<a class=\"figure\" href=\"{}#stat-{key}\">{}</a>",
                urls::page(self.cx.root, stats_path),
                esc(&self.cx.style.figure(stat))
            ),
            // The figure's own error says why it is missing.
            None if report.unread_stats.iter().any(|k| k == key) => String::new(),
            None => {
                let hint = match nearest(key, stats.iter().map(|s| s.key.as_str())) {
                    Some(near) => tr!("site-did-you-mean", name = near),
                    None => tr!("render-unknown-stat-hint"),
                };
                self.error(offset, tr!("render-unknown-stat", key = key), hint);
                String::new()
            }
        }
    }
}

/// A rendered body for a page that shows several (the print edition): every
/// `id` and every in-page `#link` of it gets `prefix`, so ids stay unique
/// and links still find them. Renders once, shows twice.
pub fn with_id_prefix(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}"))
}

/// `text` with each `{{ stat(key="…") }}` it holds written as the figure
/// (`10余件`), for print: a call the HTML renderer would refuse is left
/// out, other braces stay.
pub fn cite(text: &str, stats: &[Stat], style: &FigureStyle) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let call = rest[start + 2..start + len].trim();
        out.push_str(&rest[..start]);
        if is_call(call) {
            let stat = stat_key(call).and_then(|key| stats.iter().find(|s| s.key == key));
            out.extend(stat.map(|s| style.figure(s)));
        } else {
            out.push_str(&rest[start..start + len + 2]);
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// `name(…)`: the shape of a shortcode call inside `{{ }}`.
fn is_call(text: &str) -> bool {
    let name_len = text.bytes().take_while(|b| b.is_ascii_lowercase() || *b == b'_').count();
    name_len > 0 && text[name_len..].trim_start().starts_with('(') && text.ends_with(')')
}

/// The key of a `{{ stat(key="…") }}` call (what stands between the
/// braces), if it is one.
fn stat_key(call: &str) -> Option<&str> {
    let args = call.strip_prefix("stat(")?.strip_suffix(')')?;
    Some(
        args.trim()
            .strip_prefix("key")
            .map(str::trim_start)
            .and_then(|a| a.strip_prefix('='))
            .map(|a| a.trim().trim_matches(|c| c == '"' || c == '\''))
            .unwrap_or(""),
    )
}

/// The stat keys a body cites with `{{ stat(key="…") }}`, outside code, as
/// the renderer reads them.
pub fn cited_stats(md: &Markdown) -> Vec<String> {
    let parser = Parser::new_ext(&md.text, crate::content::markdown_options());
    let mut keys = Vec::new();
    for event in pulldown_cmark::TextMergeStream::new(parser) {
        let Event::Text(text) = event else { continue };
        let mut rest: &str = &text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            if let Some(key) = stat_key(rest[start + 2..start + len].trim()) {
                keys.push(key.to_owned());
            }
            rest = &rest[start + len + 2..];
        }
    }
    keys
}

/// Whether the line break at `at` stands between two East Asian wide
/// characters (Chinese, Japanese, Korean, full-width punctuation), looking
/// through inline markup: there it joins the lines with no space, as
/// Hugo's `cjk.eastAsianLineBreaks` and markdown-it-cjk-breaks do; between
/// Latin words it stays a space.
pub(crate) fn between_wide_characters(events: &[(Event<'_>, Range<usize>)], at: usize) -> bool {
    use crate::content::prose::is_wide as wide;
    let markup = |e: &Event<'_>| {
        matches!(
            e,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                | Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                )
        )
    };
    fn text<'a>(e: &'a Event<'_>) -> Option<&'a str> {
        match e {
            Event::Text(t) | Event::Code(t) => Some(t),
            _ => None,
        }
    }
    let before = events[..at].iter().rev().find(|(e, _)| !markup(e)).and_then(|(e, _)| text(e));
    let after = events[at + 1..].iter().find(|(e, _)| !markup(e)).and_then(|(e, _)| text(e));
    before.and_then(|t| t.chars().last()).is_some_and(wide)
        && after.and_then(|t| t.chars().next()).is_some_and(wide)
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// The text of a run of events (an image's alt text, a code block).
pub fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}
