//! Markdown bodies to HTML with pulldown-cmark, plus what annals adds:
//! stable heading ids (Chinese headings too), a standalone
//! `![alt](src "caption")` as a `<figure>`, links to `.md` files as links
//! to their pages, photos with their sizes, and `{{ stat(key="…") }}`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, TextMergeWithOffset};

use super::urls;
use crate::content::{Markdown, Photo, Stat};
use crate::diagnostic::{Diagnostic, nearest};
use crate::images::{Plan, Planned};
use crate::stats::FigureStyle;

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
    /// The report's figures, for `{{ stat() }}`, and its stats page.
    pub stats: Option<(&'a [Stat], &'a str)>,
    pub style: &'a FigureStyle,
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
                Event::Html(html) | Event::InlineHtml(html) if self.cx.safe => {
                    out.push(Event::Text(html.clone()))
                }
                _ => out.push(event.clone()),
            }
            i += 1;
        }
        out
    }

    /// A paragraph holding one image and nothing else becomes a figure.
    fn standalone_figure(
        &mut self,
        events: &[(Event<'_>, Range<usize>)],
    ) -> Option<(String, usize)> {
        let end = events.iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))?;
        let inner: Vec<&(Event<'_>, Range<usize>)> = events[1..end]
            .iter()
            .filter(|(e, _)| {
                !matches!(e, Event::Text(t) if t.trim().is_empty())
                    && !matches!(e, Event::SoftBreak)
            })
            .collect();
        let (Event::Start(Tag::Image { dest_url, title, .. }), range) = inner.first()? else {
            return None;
        };
        if !matches!(inner.last()?.0, Event::End(TagEnd::Image)) {
            return None;
        }
        // Only the image's own alt text may stand between its start and end.
        if inner[1..inner.len() - 1]
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
        {
            return None;
        }
        let alt = plain_text(&events[2..end]);
        let html = self.image_html(dest_url, title, &alt, range.start, true);
        Some((html, end + 1))
    }

    /// The photo a destination names: relative to the page's folder, else to
    /// the report's, as the loader resolved it.
    fn find_photo(&self, dest: &str) -> Option<&'a Photo> {
        let decoded = crate::content::percent_decode(dest);
        let dir = self.md.file.rsplit_once('/').map_or("", |(d, _)| d);
        std::iter::once(dir)
            .chain(self.cx.report_dir)
            .filter_map(|base| crate::content::join_relative(base, &decoded))
            .find_map(|path| self.cx.photos.iter().find(|p| p.path == path))
    }

    fn image_html(
        &mut self,
        dest: &str,
        title: &str,
        alt: &str,
        offset: usize,
        figure: bool,
    ) -> String {
        if !crate::content::is_local(dest) {
            let dest = if self.cx.safe && runs_script(dest) { "" } else { dest };
            let img = format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
                esc(dest),
                esc(alt)
            );
            return if figure && !title.is_empty() {
                format!(
                    "<figure class=\"photo\">{img}<figcaption>{}</figcaption></figure>\n",
                    esc(title)
                )
            } else {
                img
            };
        }
        let Some(photo) = self.find_photo(dest) else {
            self.error(offset, format!("the photo `{dest}` is not known"), "check the path".into());
            return String::new();
        };
        self.out.shown_photos.insert(photo.path.clone());
        let eager = self.cx.eager_first && self.figures == 0;
        self.figures += 1;
        let loading = if eager { "eager" } else { "lazy" };
        let alt = if alt.is_empty() { photo.alt_text() } else { alt };
        let planned = self.cx.plan.of(photo);
        let img = img_tag(self.cx.root, photo, planned, alt, loading);
        let src = urls::file(
            self.cx.root,
            planned.and_then(Planned::largest).map_or(photo.path.as_str(), |v| v.path.as_str()),
        );
        if !figure {
            return img;
        }
        let caption = if title.is_empty() { photo.caption.as_deref().unwrap_or("") } else { title };
        let mut html = format!("<figure class=\"photo\"><a href=\"{src}\">{img}</a>");
        if !caption.is_empty() || photo.credit.is_some() {
            html.push_str("<figcaption>");
            html.push_str(&esc(caption));
            if let Some(place) = &photo.place {
                html.push_str(&format!(" <span class=\"place\">{}</span>", esc(place)));
            }
            if let Some(date) = &photo.date {
                html.push_str(&format!(" <time datetime=\"{date}\">{date}</time>"));
            }
            if let Some(credit) = &photo.credit {
                html.push_str(&format!(" <span class=\"credit\">{}</span>", esc(credit)));
            }
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>\n");
        html
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
                    format!("the link `{dest}` leads to a draft"),
                    "publish that page (remove `draft: true`), build with --drafts, or remove the link".into(),
                );
                dest.to_owned()
            }
            LinkTarget::Missing { wanted } => {
                let hint = match nearest(&wanted, self.cx.links.keys().map(String::as_str)) {
                    Some(near) => format!(
                        "did you mean `{}`? (paths are relative to this file)",
                        relative_from(dir, near)
                    ),
                    None => "the path is relative to this file's folder; check the name".to_owned(),
                };
                self.error(offset, format!("the link `{dest}` leads to no page"), hint);
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
                format!("unknown shortcode `{{{{ {call} }}}}`"),
                "the shortcode for a figure is {{ stat(key=\"study_sessions\") }}".into(),
            );
            return String::new();
        };
        let Some((stats, stats_path)) = self.cx.stats else {
            self.error(
                offset,
                "figures can only be cited inside a report".into(),
                "move this text into a chapter of a report, or write the number".into(),
            );
            return String::new();
        };
        match stats.iter().find(|s| s.key == key) {
            Some(stat) => format!(
                "<a class=\"figure\" href=\"{}#stat-{key}\">{}</a>",
                urls::page(self.cx.root, stats_path),
                esc(&self.cx.style.format(stat))
            ),
            None => {
                let hint = match nearest(key, stats.iter().map(|s| s.key.as_str())) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => {
                        "declare it in the chapter's `stats:` or in the report's stats.yaml".into()
                    }
                };
                self.error(offset, format!("no stat has the key `{key}` in this report"), hint);
                String::new()
            }
        }
    }
}

/// A URL that runs script when followed: `javascript:`, `vbscript:`,
/// `data:` (which can carry HTML). Dropped in safe mode.
fn runs_script(dest: &str) -> bool {
    crate::content::url_scheme(dest)
        .is_some_and(|s| ["javascript", "vbscript", "data"].contains(&s.as_str()))
}

/// A rendered body for a page that shows several (the print edition): every
/// `id` and every in-page `#link` of it gets `prefix`, so ids stay unique
/// and links still find them. Renders once, shows twice.
pub fn with_id_prefix(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}"))
}

/// How wide a figure shows, for the browser to pick from `srcset`: the
/// text column on a large screen, the screen's width on a small one.
pub const SIZES: &str = "(min-width: 52rem) 42rem, 100vw";

/// An `<img>` of a planned photo with its sizes, `srcset` and loading.
pub fn img_tag(
    root: &str,
    photo: &Photo,
    planned: Option<&Planned>,
    alt: &str,
    loading: &str,
) -> String {
    let Some((planned, shown)) = planned.and_then(|p| Some((p, p.shown()?))) else {
        // Not planned (a photo never published): the file itself.
        let (width, height) = planned.map_or((0, 0), |p| (p.width, p.height));
        return format!(
            "<img src=\"{}\" width=\"{width}\" height=\"{height}\" alt=\"{}\" loading=\"{loading}\" decoding=\"async\">",
            urls::file(root, &photo.path),
            esc(alt)
        );
    };
    let srcset: Vec<String> = planned
        .variants
        .iter()
        .map(|v| format!("{} {}w", urls::file(root, &v.path), v.width))
        .collect();
    format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"{loading}\" decoding=\"async\">",
        urls::file(root, &shown.path),
        srcset.join(", "),
        shown.width,
        shown.height,
        esc(alt)
    )
}

/// `name(…)`: the shape of a shortcode call inside `{{ }}`.
fn is_call(text: &str) -> bool {
    let name_len = text.bytes().take_while(|b| b.is_ascii_lowercase() || *b == b'_').count();
    name_len > 0 && text[name_len..].trim_start().starts_with('(') && text.ends_with(')')
}

/// What a Markdown link becomes in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Kept as written: another site, or a local file that is not Markdown.
    AsWritten,
    /// Rewritten: a `.md` file's page, or a root-absolute path made relative.
    Href(String),
    /// A `.md` file that failed to load; its own error says why.
    Unloaded,
    /// A `.md` file left out as a draft.
    Draft,
    /// A `.md` file that is no page; `wanted` is its path in `content/`.
    Missing { wanted: String },
}

/// Resolves the link `dest` of the Markdown file `md_file` (relative to
/// `content/`) on a page whose way to the site root is `root`. Shared by
/// the renderer and `check`, so both see the same link.
pub fn link_target(
    dest: &str,
    md_file: &str,
    root: &str,
    links: &BTreeMap<String, String>,
    unloaded: &BTreeSet<String>,
    drafts: &BTreeSet<String>,
) -> LinkTarget {
    if dest.starts_with('/') && !dest.starts_with("//") {
        // Root-absolute: made relative so the site works under a sub-path.
        return LinkTarget::Href(format!("{root}{}", dest.trim_start_matches('/')));
    }
    if !crate::content::is_local(dest) {
        return LinkTarget::AsWritten;
    }
    let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
    let decoded = crate::content::percent_decode(path);
    if !decoded.ends_with(".md") {
        return LinkTarget::AsWritten;
    }
    let dir = md_file.rsplit_once('/').map_or("", |(d, _)| d);
    let target = crate::content::join_relative(dir, &decoded);
    if target.as_ref().is_some_and(|t| unloaded.contains(t)) {
        return LinkTarget::Unloaded;
    }
    if target.as_ref().is_some_and(|t| drafts.contains(t)) {
        return LinkTarget::Draft;
    }
    match target.as_ref().and_then(|t| links.get(t)) {
        Some(site_path) => {
            let mut href = urls::page(root, site_path);
            if let Some(anchor) = anchor {
                href.push('#');
                href.push_str(anchor);
            }
            LinkTarget::Href(href)
        }
        None => LinkTarget::Missing { wanted: target.unwrap_or(decoded) },
    }
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

fn relative_from(dir: &str, target: &str) -> String {
    let dir_parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = dir_parts.iter().zip(&target_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(dir_parts.len() - common);
    out.push_str(&target_parts[common..].join("/"));
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Origin;

    fn style() -> FigureStyle {
        FigureStyle {
            plain: "{value}{unit}".into(),
            over: "{value}余{unit}".into(),
            nearly: "近{value}{unit}".into(),
            about: "约{value}{unit}".into(),
        }
    }

    fn photo(path: &str) -> Photo {
        Photo {
            file: path.into(),
            path: path.into(),
            caption: Some("front caption".into()),
            alt: None,
            credit: Some("摄影 张三".into()),
            date: None,
            place: None,
            page: "2024/a/".into(),
            origin: Origin::default(),
        }
    }

    fn run(text: &str, safe: bool) -> Result<Rendered, Vec<Diagnostic>> {
        let (rendered, errors) = run_partial(text, safe);
        if errors.is_empty() { Ok(rendered) } else { Err(errors) }
    }

    fn run_partial(text: &str, safe: bool) -> (Rendered, Vec<Diagnostic>) {
        let links = BTreeMap::from([
            ("2024/01-a.md".to_owned(), "2024/a/".to_owned()),
            ("2024/02-b/index.md".to_owned(), "2024/b/".to_owned()),
        ]);
        let photos = vec![photo("2024/photos/x.jpg")];
        let plan: Plan = photos
            .iter()
            .map(|p| {
                let config = crate::config::ImageConfig {
                    widths: vec![480, 960, 1600],
                    format: crate::config::ImageFormat::Webp,
                    quality: 80,
                    originals: false,
                };
                let planned = Planned {
                    source: p.file.clone(),
                    origin: Origin::default(),
                    width: 1600,
                    height: 1067,
                    variants: crate::images::variants(&p.path, 1600, 1067, &config),
                    original: None,
                };
                (p.path.clone(), planned)
            })
            .collect();
        let stats = vec![Stat {
            key: "study_sessions".into(),
            label: "集中学习".into(),
            value: 14.0,
            unit: Some("次".into()),
            approx: None,
            group: None,
            note: None,
            chapter: None,
            highlight: false,
            derived: None,
            origin: Origin::default(),
        }];
        let style = style();
        let drafts = BTreeSet::new();
        let unloaded = BTreeSet::new();
        let cx = BodyContext {
            root: "../../",
            links: &links,
            drafts: &drafts,
            unloaded: &unloaded,
            photos: &photos,
            plan: &plan,
            report_dir: Some("2024"),
            stats: Some((&stats, "2024/stats/")),
            style: &style,
            safe,
            eager_first: false,
        };
        let md = Markdown { text: text.to_owned(), file: "2024/01-a.md".into(), first_line: 5 };
        render_partial(&md, &cx)
    }

    #[test]
    fn standalone_image_becomes_figure() {
        let html = run("![选手](photos/x.jpg \"开幕式\")\n", false).unwrap().html;
        assert!(html.contains("<figure class=\"photo\">"), "{html}");
        assert!(
            html.contains(
                "<img src=\"../../2024/photos/x-960.webp\" srcset=\"../../2024/photos/x-480.webp 480w, ../../2024/photos/x-960.webp 960w, ../../2024/photos/x-1600.webp 1600w\" sizes=\"(min-width: 52rem) 42rem, 100vw\" width=\"960\" height=\"640\" alt=\"选手\" loading=\"lazy\""
            ),
            "{html}"
        );
        assert!(html.contains("<a href=\"../../2024/photos/x-1600.webp\">"), "full size: {html}");
        assert!(
            html.contains(
                "<figcaption>开幕式 <span class=\"credit\">摄影 张三</span></figcaption>"
            ),
            "{html}"
        );
        assert!(!html.contains("<p>"), "{html}");
    }

    #[test]
    fn inline_image_stays_inline() {
        let html = run("看 ![x](photos/x.jpg) 这里\n", false).unwrap().html;
        assert!(html.starts_with("<p>看 <img"), "{html}");
        assert!(!html.contains("figure"), "{html}");
    }

    #[test]
    fn md_links_become_page_urls() {
        let html = run("[b](02-b/index.md#x) and [a](01-a.md)\n", false).unwrap().html;
        assert!(html.contains("href=\"../../2024/b/index.html#x\""), "{html}");
        assert!(html.contains("href=\"../../2024/a/index.html\""), "{html}");
    }

    #[test]
    fn dead_link_names_line_and_nearest() {
        let errors = run("text\n\n[b](02-c/index.md)\n", false).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(7));
        assert_eq!(errors[0].column, Some(1));
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("did you mean `02-b/index.md`? (paths are relative to this file)")
        );
    }

    #[test]
    fn chinese_heading_ids_are_stable_and_unique() {
        let r =
            run("## 坚持党的全面领导\n\n## 坚持党的全面领导\n\n## Hello, World!\n", false).unwrap();
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["坚持党的全面领导", "坚持党的全面领导-1", "hello-world"]);
        assert!(r.html.contains("<h2 id=\"坚持党的全面领导-1\">"), "{}", r.html);
    }

    #[test]
    fn stat_shortcode_prints_the_figure_linked() {
        let html =
            run("集中学习{{ stat(key=\"study_sessions\") }}，成效明显\n", false).unwrap().html;
        assert!(html.contains("集中学习<a class=\"figure\" href=\"../../2024/stats/index.html#stat-study_sessions\">14次</a>，成效明显"), "{html}");
        let errors = run("x {{ stat(key=\"study_session\") }}\n", false).unwrap_err();
        assert_eq!(errors[0].message, "no stat has the key `study_session` in this report");
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `study_sessions`?"));
    }

    #[test]
    fn heading_ids_stay_unique_when_a_heading_takes_a_numbered_one() {
        let ids = |text: &str| -> Vec<String> {
            run(text, false).unwrap().headings.into_iter().map(|h| h.id).collect()
        };
        assert_eq!(ids("## a\n\n## a\n\n## a-1\n"), ["a", "a-1", "a-1-1"]);
        assert_eq!(ids("## a-1\n\n## a\n\n## a\n\n## a\n"), ["a-1", "a", "a-2", "a-3"]);
        assert_eq!(ids("## x {#a-1}\n\n## a\n\n## a\n"), ["a-1", "a", "a-2"]);
        // Found by the `markdown` fuzz target: setext headings `teh`, and
        // `tehp` twice next to one whose text made `tehp-1` already.
        let found = "p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\u{1a}t>}\n--\r\ntet>}\n-}\n---\nt>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-\n}---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-1. }\n---\nt>}\n--\r\nteh*}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{5}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\nt>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n--pt>}\n-}\n---\n>}-t>\n}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p%\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\n=>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n---\nt>}\n--\r\nteipt>}\n-}\n---\u{1a}t>}\n--\r\ntet>}\n-}\n---\nt>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-\n}---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>}\n--\r\nteh*}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\nt>}\n-=\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n--pt>}\n-}\n---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p%\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\n=>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n---\nt>}\n--\r\nteipt>}\n-}\n---\u{1a}t>}\n--\r\ntet>}\n-}\n---\nt>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-\n}---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>}\n--\r\nteh*}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\nt>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n--pt>}\n-}\n---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p%\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}- [x] \n---\nt>}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>}\n--\r\nteh*}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}a\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\nt>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n--pt>}\n-}\n---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p%\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>h*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}et>}\n-}\n---\n=>}\n--\r\nte\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt>}\n-}\n---\nt>>}\n-}\n---\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}-\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt�}\n-}\n---\nt>}\n-%\r\nteh*\u{0}\u{0}\u{0}\u{0}-\nt>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt�}\n-}\n---\nt>}\n-%\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<\n-}\n---\nh}\n--\r\nteh�\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt�}\n-}\n---\nt>}\n-%\r\nteh*\u{0}\u{0}\u{0}\u{0}-�t>}\n--\r\nteh}\n--\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{6}\u{1}p\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<ipt�}\n-}\n---\nt>}\n-%\r\nteh*\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}<\n-}\n---\nteh";
        let (rendered, _) = run_partial(found, true);
        let mut seen = HashSet::new();
        assert!(
            rendered.headings.iter().all(|h| seen.insert(h.id.clone())),
            "{:?}",
            rendered.headings
        );
    }

    #[test]
    fn ids_and_in_page_links_take_a_prefix() {
        let html = run("## 标题\n\n[上面](#标题) 注[^1]\n\n[^1]: 脚注\n", false).unwrap().html;
        let printed = with_id_prefix(&html, "one-");
        assert!(printed.contains("<h2 id=\"one-标题\">"), "{printed}");
        assert!(printed.contains("href=\"#one-%E6%A0%87%E9%A2%98\""), "{printed}");
        assert!(!printed.contains(" id=\"标题\""), "{printed}");
        assert!(
            printed.contains("href=\"#one-1\"") && printed.contains(" id=\"one-1\""),
            "footnotes too: {printed}"
        );
    }

    #[test]
    fn braces_that_are_not_a_call_are_text() {
        let html = run("模板写作 {{ 标题 }} 与 {{x}}\n", false).unwrap().html;
        assert!(html.contains("模板写作 {{ 标题 }} 与 {{x}}"), "{html}");
        let errors = run("{{ chart(key=\"a\") }}\n", false).unwrap_err();
        assert_eq!(errors[0].message, "unknown shortcode `{{ chart(key=\"a\") }}`");
    }

    #[test]
    fn a_shortcode_after_an_entity_is_placed_in_the_source() {
        // Found by the `markdown` fuzz target: the decoded text is shorter
        // than its source (`&amp;` is one `&`), and the error's offset,
        // counted in the text, fell inside a Chinese character.
        let errors = run("&amp;活活{{ stat(key=\"nope\") }}\n", false).unwrap_err();
        assert_eq!(errors[0].message, "no stat has the key `nope` in this report");
        assert_eq!((errors[0].line, errors[0].column), (Some(5), Some(8)));
        let errors =
            run("a\\*b &lt; {{ stat(key=\"x\") }} and {{ stat(key=\"y\") }}\n", false).unwrap_err();
        let columns: Vec<Option<usize>> = errors.iter().map(|e| e.column).collect();
        assert_eq!(columns, [Some(11), Some(35)]);
    }

    #[test]
    fn fuzz_findings_render_with_errors_not_panics() {
        // The inputs the `markdown` fuzz target found, as its page read them
        // (invalid UTF-8 as U+FFFD): a shortcode after `&amp;` among Chinese
        // text, and a link whose `%` stands before half a character.
        let shortcode_after_entity = "这一年，图&amp;�举办活动{{ stat(k图书馆举办活动{{ stat(key=\"events\") }}。\n\u{1a}![开馆仪式� {.��人群](photoey=\"events\") }}。\n\n![开馆\u{1c}DU\u{1a}Cp\u{18}b������](photos/cover.jpg \"新馆开放日\")\n";
        let percent_in_link = "\u{0}\n\n书輚捐赠{{ s\n书輚捐�00000000000000000000000000000000000000000000��{{ stat(k�y=\"donations\") }}。01-politics.md\n回到[第一部分](20-collectidoinns/ex��������������������.�����&quot%��.md#新书上架)。\n";
        for (text, safe) in [(shortcode_after_entity, false), (percent_in_link, true)] {
            let errors = run(text, safe).unwrap_err();
            assert!(errors.iter().all(|e| e.line >= Some(5) && e.column >= Some(1)), "{errors:?}");
        }
    }

    #[test]
    fn shortcodes_in_code_stay_literal() {
        let html = run("`{{ stat(key=\"nope\") }}`\n", false).unwrap().html;
        assert!(html.contains("<code>{{ stat(key=\"nope\") }}</code>"), "{html}");
    }

    #[test]
    fn gfm_extras() {
        let html = run(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n",
            false,
        )
        .unwrap()
        .html;
        assert!(
            html.contains("<table>")
                && html.contains("<del>x</del>")
                && html.contains("checkbox")
                && html.contains("footnote"),
            "{html}"
        );
    }

    #[test]
    fn safe_mode_drops_links_that_run_script() {
        let html =
            run("[a](javascript:alert(1)) [b]( JavaScript:x) ![c](data:text/html,x)\n", true)
                .unwrap()
                .html;
        assert!(
            !html.to_ascii_lowercase().contains("javascript") && !html.contains("data:"),
            "{html}"
        );
        let trusted = run("[a](javascript:void(0))\n", false).unwrap().html;
        assert!(trusted.contains("javascript:void(0)"), "trusted authors keep theirs: {trusted}");
    }

    #[test]
    fn safe_mode_drops_heading_attributes() {
        let text = "## Title {#t .wide onclick=alert(1) style=\"x\"}\n";
        let html = run(text, true).unwrap().html;
        assert_eq!(html, "<h2 id=\"t\" class=\"wide\">Title</h2>\n");
        let trusted = run(text, false).unwrap().html;
        assert!(
            trusted.contains(" onclick=\"alert(1)\""),
            "trusted authors keep theirs: {trusted}"
        );
        // Found by the `markdown` fuzz target: a setext heading whose
        // `{…}` made attributes of whatever words it held.
        let found = "�]\u{0}�!�[( src=x onerror=alert(\"p|---|---|\n\n[click](jav{{ascript:alert(\"link\")) and [dhk\") \u{0}\u{0}\u{0}}\n---\n\u{0}\u{0}\u{0}\u{0}";
        let (rendered, _) = run_partial(found, true);
        assert!(rendered.html.contains("<h2 id=\"click\"><a href="), "{}", rendered.html);
    }

    #[test]
    fn safe_mode_escapes_raw_html() {
        let html = run("<script>alert(1)</script>\n\nhi <b>x</b>\n", true).unwrap().html;
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "{html}");
        let html = run("<b>x</b>\n", false).unwrap().html;
        assert!(html.contains("<b>x</b>"), "{html}");
    }
}
