//! The machine-read files: `sitemap.xml` (absolute URLs where `base_url`
//! is known), `robots.txt` and the Atom feed `atom.xml`.

use crate::config::Config;
use crate::content::Site;
use crate::render::markdown::esc;
use crate::render::urls;

pub fn sitemap(site: &Site, config: &Config) -> Vec<u8> {
    let mut entries: Vec<(String, Option<String>)> = vec![(String::new(), None)];
    for r in &site.reports {
        let date = r.date.map(|d| d.first_day());
        entries.push((r.path.clone(), date.clone()));
        for page in ["stats", "chronicle", "print", "photos"] {
            entries.push((format!("{}{page}/", r.path), date.clone()));
        }
        for c in &r.chapters {
            entries.push((c.path.clone(), c.date.map(|d| d.first_day()).or(date.clone())));
        }
    }
    for s in site.all_sections() {
        entries.push((s.path.clone(), None));
        for p in &s.pages {
            entries.push((p.path.clone(), p.date.map(|d| d.first_day())));
        }
    }
    for p in &site.pages {
        entries.push((p.path.clone(), p.date.map(|d| d.first_day())));
    }
    if !site.reports.is_empty() {
        entries.push(("stats/".to_owned(), None));
    }
    entries.push(("tags/".to_owned(), None));
    let base = config.base_url.as_deref().unwrap_or("");
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, date) in entries {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            esc(&format!("{base}/{}", urls::encode_path(&path)))
        ));
        if let Some(date) = date {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

pub fn robots(config: &Config) -> Vec<u8> {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &config.base_url {
        text.push_str(&format!("Sitemap: {base}/sitemap.xml\n"));
    }
    text.into_bytes()
}

/// An Atom feed of the reports and the dated pages of plain sections,
/// newest first. Dates only: a build never reads the clock.
pub fn atom(site: &Site, config: &Config) -> Vec<u8> {
    struct Entry<'a> {
        title: &'a str,
        path: &'a str,
        date: String,
        summary: Option<&'a str>,
        author: Option<&'a str>,
    }
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for r in &site.reports {
        let date = r.date.map(|d| d.first_day()).unwrap_or_else(|| format!("{:04}-12-31", r.year));
        entries.push(Entry {
            title: &r.title,
            path: &r.path,
            date,
            summary: r.summary.as_deref(),
            author: r.author.as_deref(),
        });
    }
    for s in site.all_sections() {
        for p in &s.pages {
            if let Some(d) = p.date {
                let author = p.archival.creator.as_deref();
                entries.push(Entry {
                    title: &p.title,
                    path: &p.path,
                    date: d.first_day(),
                    summary: p.summary.as_deref(),
                    author,
                });
            }
        }
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(b.path)));
    // Without a base URL, ids and links are `urn:annals:` names, which no
    // reader can follow: a feed needs `base_url` to be of use.
    let url = |path: &str| {
        esc(&match &config.base_url {
            Some(base) => format!("{base}/{}", urls::encode_path(path)),
            None => format!("urn:annals:{}", urls::encode_path(path)),
        })
    };
    let updated = entries.first().map_or_else(|| "1970-01-01".to_owned(), |e| e.date.clone());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(&config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", esc(&config.title)));
    if let Some(d) = &config.description {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", esc(d)));
    }
    xml.push_str(&format!(
        "  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n",
        url(""),
        url("atom.xml")
    ));
    xml.push_str(&format!("  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n", url("")));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(config.author.as_deref().unwrap_or(&config.title))
    ));
    xml.push_str("  <generator>annals</generator>\n");
    for e in &entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", esc(e.title)));
        xml.push_str(&format!(
            "    <link href=\"{}\"/>\n    <id>{}</id>\n",
            url(e.path),
            url(e.path)
        ));
        xml.push_str(&format!("    <updated>{}T00:00:00Z</updated>\n", e.date));
        if let Some(a) = e.author {
            xml.push_str(&format!("    <author><name>{}</name></author>\n", esc(a)));
        }
        if let Some(s) = e.summary {
            xml.push_str(&format!("    <summary>{}</summary>\n", esc(s)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml.into_bytes()
}
