//! `sitemap.xml` (absolute URLs, so only where `base_url` is known: a
//! sitemap of relative URLs is invalid) and `robots.txt`.

use crate::config::Config;
use crate::content::Site;
use crate::render::markdown::esc;
use crate::render::urls;

pub fn sitemap(site: &Site, config: &Config) -> Vec<u8> {
    let mut entries: Vec<(String, Option<String>)> = vec![(String::new(), None)];
    for r in &site.reports {
        let date = r.date.map(|d| d.first_day());
        entries.push((r.path.clone(), date.clone()));
        entries.push((format!("{}stats/", r.path), date.clone()));
        for c in &r.chapters {
            entries.push((
                c.path.clone(),
                c.date.map(|d| d.first_day()).or(date.clone()),
            ));
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
