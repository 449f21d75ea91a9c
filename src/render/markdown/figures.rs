//! Photos in a body: a standalone `![alt](src "caption")` as a `<figure>`
//! with its caption and credit, an inline one as an `<img>`, each with
//! the sizes, `srcset` and loading the photo plan gives it.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Renderer, esc, plain_text, runs_script};
use crate::content::Photo;
use crate::images::Planned;
use crate::render::urls;

impl<'a> Renderer<'a> {
    /// A paragraph holding one image and nothing else becomes a figure.
    pub(super) fn standalone_figure(
        &mut self,
        events: &[(Event<'_>, Range<usize>)],
    ) -> Option<(String, usize)> {
        let lone = lone_image(events)?;
        let (Event::Start(Tag::Image { dest_url, title, .. }), range) = &events[lone.start] else {
            return None;
        };
        let alt = plain_text(&events[lone.start + 1..lone.end]);
        let html = self.image_html(dest_url, title, &alt, range.start, true);
        Some((html, lone.paragraph_end + 1))
    }

    pub(super) fn find_photo(&self, dest: &str) -> Option<&'a Photo> {
        find_photo(&self.md.file, self.cx.report_dir, self.cx.photos, dest)
    }

    pub(super) fn image_html(
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
            self.error(
                offset,
                crate::tr!("render-unknown-photo", path = dest),
                crate::tr!("render-unknown-photo-hint"),
            );
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
        // Opens larger when clicked, as the themes' partials/zoom.html does.
        let mut html = format!(
            "<figure class=\"photo\"><details class=\"zoom\"><summary>{img}<span class=\"zoom-view\"><img src=\"{src}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\"></span></summary></details>",
            esc(alt)
        );
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
                let line = crate::render::credit_line(credit, self.cx.credit_by);
                html.push_str(&format!(" <span class=\"credit\">{}</span>", esc(&line)));
            }
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>\n");
        html
    }
}

/// Where the one image of a paragraph that holds nothing else (spaces and
/// line breaks aside) stands: the indices in `events`, which begin with
/// the paragraph's start, of the image's start and end and of the
/// paragraph's end. Such an image is a figure, in HTML and in print.
pub struct LoneImage {
    pub start: usize,
    pub end: usize,
    pub paragraph_end: usize,
}

pub fn lone_image(events: &[(Event<'_>, Range<usize>)]) -> Option<LoneImage> {
    let paragraph_end =
        events.iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))?;
    let inner: Vec<(usize, &Event<'_>)> = (1..paragraph_end)
        .map(|i| (i, &events[i].0))
        .filter(|(_, e)| {
            !matches!(e, Event::Text(t) if t.trim().is_empty()) && !matches!(e, Event::SoftBreak)
        })
        .collect();
    let (start, Event::Start(Tag::Image { .. })) = *inner.first()? else {
        return None;
    };
    let (end, Event::End(TagEnd::Image)) = *inner.last()? else {
        return None;
    };
    // Only the image's own alt text may stand between its start and end.
    if inner[1..inner.len() - 1].iter().any(|(_, e)| matches!(e, Event::Start(Tag::Image { .. }))) {
        return None;
    }
    Some(LoneImage { start, end, paragraph_end })
}

/// The photo of `photos` a destination written in the body of `file`
/// names: relative to the file's folder, else to the report's
/// (`report_dir`), as the loader resolved it.
pub fn find_photo<'p>(
    file: &str,
    report_dir: Option<&str>,
    photos: &'p [Photo],
    dest: &str,
) -> Option<&'p Photo> {
    let decoded = crate::content::percent_decode(dest);
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    std::iter::once(dir)
        .chain(report_dir)
        .filter_map(|base| crate::content::join_relative(base, &decoded))
        .find_map(|path| photos.iter().find(|p| p.path == path))
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
