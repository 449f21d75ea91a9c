//! The machine-read files: `sitemap.xml` (absolute URLs where `base_url`
//! is known), the Atom feed `atom.xml` and `robots.txt`. What they list is
//! worked out here, as plain views; their templates (the theme's of the
//! same name, or the site's) lay it out, so a theme or a site can change
//! them.

use serde::Serialize;
use tera::Tera;

use super::languages::Alternates;
use super::{Vars, templates, urls};
use crate::config::Config;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::theme::Theme;

/// A page in the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SitemapEntry {
    /// The page's address: absolute where the site has a `base_url`, else
    /// from the root of its host (`/2024/`).
    pub loc: String,
    /// The day it last changed, where known: `2024-09-12`.
    pub lastmod: Option<String>,
    /// The page in each language that has it, `x-default` too, where more
    /// than one has: (language, address).
    pub alternates: Vec<Alternate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// The Atom feed: the reports and the dated pages of plain sections,
/// newest first.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    /// The site's address; without a base URL an `urn:annals:` name, which
    /// no reader can follow: a feed needs `base_url` to be of use.
    pub url: String,
    /// The feed's own address.
    pub self_url: String,
    /// When the newest entry was published (RFC 3339).
    pub updated: String,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    pub title: String,
    /// Its address, also its id.
    pub url: String,
    /// When it was published (RFC 3339). Dates only: a build never reads
    /// the clock.
    pub updated: String,
    pub author: Option<String>,
    pub summary: Option<String>,
}

/// One machine-read file to render: its path in the output, which is also
/// its template's name, and its template's variables.
pub(super) struct MachineFile {
    pub name: &'static str,
    pub vars: Vars,
}

/// The machine-read files of the site (the feed where `feed` is on):
/// the sitemap lists `entries`, the pages of every language.
pub(super) fn files(entries: &[SitemapEntry], site: &Site, config: &Config) -> Vec<MachineFile> {
    let mut sitemap = Vars::new();
    sitemap.insert("entries", entries);
    let mut files = vec![MachineFile { name: "sitemap.xml", vars: sitemap }];
    if config.feed {
        let mut atom = Vars::new();
        atom.insert("feed", &feed(site, config));
        files.push(MachineFile { name: "atom.xml", vars: atom });
    }
    let mut robots = Vars::new();
    robots.insert("sitemap_url", &config.absolute_url("sitemap.xml"));
    files.push(MachineFile { name: "robots.txt", vars: robots });
    files
}

/// Renders the machine-read files; a template that fails is reported in
/// `errors`, and its file left out.
pub(super) fn render(
    tera: &Tera,
    theme: &Theme,
    entries: &[SitemapEntry],
    site: &Site,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for file in files(entries, site, config) {
        let mut bytes = Vec::new();
        match tera.render_to(file.name, &file.vars.cx, &mut bytes) {
            Ok(()) => out.push(OutputFile::bytes(file.name, bytes)),
            Err(e) => errors.push(templates::error(theme, &e, Some(file.name))),
        }
    }
    out
}

/// The Atom feed of one of the site's other languages, `/TAG/atom.xml`.
pub(super) fn feed_file(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) -> Option<OutputFile> {
    if !config.feed {
        return None;
    }
    let mut atom = Vars::new();
    atom.insert("feed", &feed(site, config));
    let mut bytes = Vec::new();
    match tera.render_to("atom.xml", &atom.cx, &mut bytes) {
        Ok(()) => Some(OutputFile::bytes(format!("{}atom.xml", prefix(config)), bytes)),
        Err(e) => {
            errors.push(templates::error(theme, &e, Some("atom.xml")));
            None
        }
    }
}

/// The path prefix of the language `config` renders.
fn prefix(config: &Config) -> String {
    config.language_prefix(&config.language)
}

/// The sitemap's entries for the pages of the language `config`
/// renders, each a site path and the day it last changed where known
/// (see `Renderer::sitemap_pages`).
pub(super) fn entries(
    pages: Vec<(String, Option<String>)>,
    config: &Config,
    alternates: &Alternates,
) -> Vec<SitemapEntry> {
    let base = config.base_url.as_deref().unwrap_or("");
    let loc = |path: &str| format!("{base}/{}", urls::encode_path(path));
    pages
        .into_iter()
        .map(|(path, lastmod)| SitemapEntry {
            loc: loc(&path),
            lastmod,
            alternates: alternates
                .paths(&path, &config.language)
                .into_iter()
                .map(|(hreflang, path)| Alternate { hreflang, href: loc(&path) })
                .collect(),
        })
        .collect()
}

/// The feed's entries, newest first (then by path), and its addresses.
pub fn feed(site: &Site, config: &Config) -> FeedView {
    let url = |path: &str| match &config.base_url {
        Some(base) => format!("{base}/{}", urls::encode_path(path)),
        None => format!("urn:annals:{}", urls::encode_path(path)),
    };
    let at_midnight = |day: String| format!("{day}T00:00:00Z");
    // (date, path, entry), to sort by the first two.
    let mut dated: Vec<(String, &str, FeedEntry)> = Vec::new();
    for r in site.reports.iter().filter(|r| !r.untranslated) {
        let date = r.date.map(|d| d.first_day()).unwrap_or_else(|| format!("{:04}-12-31", r.year));
        let entry = FeedEntry {
            title: r.title.clone(),
            url: url(&r.path),
            updated: at_midnight(date.clone()),
            author: r.author.clone(),
            summary: r.summary.clone(),
        };
        dated.push((date, &r.path, entry));
    }
    for s in site.all_sections() {
        for p in s.pages.iter().filter(|p| !p.untranslated) {
            let Some(date) = p.date.map(|d| d.first_day()) else { continue };
            let entry = FeedEntry {
                title: p.title.clone(),
                url: url(&p.path),
                updated: at_midnight(date.clone()),
                author: p.archival.creator.clone(),
                summary: p.summary.clone(),
            };
            dated.push((date, &p.path, entry));
        }
    }
    dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let updated =
        dated.first().map_or_else(|| "1970-01-01".to_owned(), |(date, _, _)| date.clone());
    let prefix = prefix(config);
    FeedView {
        url: url(&prefix),
        self_url: url(&format!("{prefix}atom.xml")),
        updated: at_midnight(updated),
        entries: dated.into_iter().map(|(_, _, entry)| entry).collect(),
    }
}
