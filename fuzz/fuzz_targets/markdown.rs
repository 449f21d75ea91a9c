//! Markdown bodies with annals' additions (figures, links to `.md` pages,
//! `{{ stat(…) }}`) through `annals::render::markdown::render_partial`, as a
//! page of the example site in `content/` would render them, in safe mode
//! and out of it. Besides never panicking:
//!
//! - heading ids are unique on the page;
//! - every error has a position inside the body and prints;
//! - in safe mode the HTML has only the elements and attributes Markdown
//!   and annals make, and no URL that runs script (`javascript:`,
//!   `vbscript:`, `data:`), however the input spells it.
//!
//! Input: one byte chooses the page, one byte holds the flags (bit 0 safe
//! mode, bit 1 eager first figure), the rest is the body.

#![no_main]

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use annals::config::Config;
use annals::content::{Markdown, Page, Photo, Site};
use annals::render::markdown::{BodyContext, cited_stats, render_partial, with_id_prefix};
use annals::render::urls::root_of;
use annals::stats::FigureStyle;
use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;

/// A page a body can stand on: what it may refer to.
struct PageSetting {
    file: String,
    root: String,
    first_line: usize,
    photos: Vec<Photo>,
    report: Option<usize>,
}

impl PageSetting {
    /// A chapter or page, in report `report` if any.
    fn of(page: &Page, report: Option<usize>) -> Self {
        PageSetting {
            file: page.body.file.clone(),
            root: root_of(&page.path),
            first_line: page.body.first_line,
            photos: page.photos.clone(),
            report,
        }
    }
}

struct Example {
    site: Site,
    plan: annals::images::Plan,
    style: FigureStyle,
    pages: Vec<PageSetting>,
}

/// The example site of the repository, loaded and planned once.
fn example() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let config = Config::load(root).expect("the example site.yaml");
        let theme = annals::theme::load(root, &config).expect("the example theme");
        let style = annals::render::figure_style(&theme).expect("figure patterns");
        let site = annals::content::load(root, false).expect("the example content");
        let (plan, _) = annals::images::plan(&site, &config.images);
        let mut pages = Vec::new();
        for (i, report) in site.reports.iter().enumerate() {
            pages.push(PageSetting {
                file: report.preface.file.clone(),
                root: root_of(&report.path),
                first_line: report.preface.first_line,
                photos: report.photos.clone(),
                report: Some(i),
            });
            pages.extend(report.chapters.iter().map(|c| PageSetting::of(c, Some(i))));
        }
        pages.push(PageSetting {
            file: "_index.md".into(),
            root: String::new(),
            first_line: site.home.body.first_line,
            photos: site.home.photos.clone(),
            report: None,
        });
        let sections = site.all_sections();
        let section_pages = sections.iter().flat_map(|s| &s.pages);
        pages.extend(section_pages.chain(&site.pages).map(|p| PageSetting::of(p, None)));
        assert!(pages.len() > 3 && pages.iter().any(|p| !p.photos.is_empty()));
        Example { site, plan, style, pages }
    })
}

const ELEMENTS: [&str; 34] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "code",
    "ol",
    "ul",
    "li",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "sup",
    "div",
    "input",
    "figure",
    "figcaption",
    "time",
    "span",
    "section",
];

const ATTRIBUTES: [&str; 18] = [
    "id", "class", "href", "title", "src", "srcset", "sizes", "width", "height", "alt", "loading",
    "decoding", "datetime", "start", "type", "checked", "disabled", "style",
];

/// Decodes character references as a browser does before it reads an
/// attribute.
fn decode_references(value: &str) -> String {
    html_escape::decode_html_entities(value).into_owned()
}

/// The scheme a browser would follow `url` with, if any: leading controls
/// and spaces dropped, tabs and newlines ignored, lower case.
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = url.find([':', '/', '?', '#'])?;
    (url[end..].starts_with(':')).then(|| url[..end].to_ascii_lowercase())
}

/// Safe mode's promise: nothing in the page runs script.
fn assert_safe(html: &str, input: &str) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let tag = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = tag[..name_len].to_ascii_lowercase();
        assert!(ELEMENTS.contains(&name.as_str()), "element <{name}> in safe mode from {input:?}");
        let end = tag.find('>').unwrap_or_else(|| panic!("an unclosed tag from {input:?}"));
        let mut attrs = tag[name_len..end].trim_end_matches('/');
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                break;
            }
            let attr_len = attrs.find(['=', ' ', '/']).unwrap_or(attrs.len());
            let attr = attrs[..attr_len].to_ascii_lowercase();
            assert!(
                ATTRIBUTES.contains(&attr.as_str()),
                "attribute `{attr}` on <{name}> in safe mode from {input:?}"
            );
            attrs = &attrs[attr_len..];
            let Some(quoted) = attrs.strip_prefix("=\"") else {
                attrs = attrs.trim_start_matches('/');
                continue;
            };
            let close = quoted.find('"').expect("a closing quote");
            let value = decode_references(&quoted[..close]);
            attrs = &quoted[close + 1..];
            let urls: Vec<&str> = match attr.as_str() {
                "href" | "src" => vec![value.as_str()],
                "srcset" => value.split(',').collect(),
                "style" => {
                    assert!(value.starts_with("text-align: "), "style {value:?} from {input:?}");
                    vec![]
                }
                _ => vec![],
            };
            for url in urls {
                let scheme = scheme(url);
                assert!(
                    !matches!(scheme.as_deref(), Some("javascript" | "vbscript" | "data")),
                    "{attr}={url:?} on <{name}> in safe mode from {input:?}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let example = example();
    let mut u = Unstructured::new(data);
    let Ok(page) = u.choose(&example.pages) else { return };
    let flags = u8::arbitrary(&mut u).unwrap_or(0);
    let (safe, eager_first) = (flags & 1 == 1, flags & 2 == 2);
    let text = String::from_utf8_lossy(u.take_rest()).into_owned();

    let site = &example.site;
    let report = page.report.map(|i| &site.reports[i]);
    let stats_path = report.map(|r| format!("{}stats/", r.path));
    let cx = BodyContext {
        root: &page.root,
        links: &site.links,
        drafts: &site.drafts,
        unloaded: &site.unloaded,
        photos: &page.photos,
        plan: &example.plan,
        report_dir: report.map(|r| r.path.trim_end_matches('/')),
        stats: report.zip(stats_path.as_deref()).map(|(r, p)| (r.stats.as_slice(), p)),
        style: &example.style,
        safe,
        eager_first,
    };
    let md = Markdown { text, file: page.file.clone(), first_line: page.first_line };
    let (rendered, errors) = render_partial(&md, &cx);

    let mut ids = HashSet::new();
    for heading in &rendered.headings {
        assert!(
            ids.insert(heading.id.as_str()),
            "heading id `{}` twice from {:?}",
            heading.id,
            md.text
        );
    }
    let body_lines = md.text.lines().count().max(1);
    for d in &errors {
        assert_eq!(d.file, Path::new("content").join(&md.file));
        let line = d.line.expect("a body error has a line");
        assert!(
            line >= md.first_line && line < md.first_line + body_lines + 1,
            "line {line} outside the body: {d:?}"
        );
        assert!(d.column.is_some_and(|c| c >= 1), "{d:?}");
        let _ = d.to_string();
    }
    if safe {
        assert_safe(&rendered.html, &md.text);
    }
    let _ = with_id_prefix(&rendered.html, "preface-");
    let _ = cited_stats(&md);
});
