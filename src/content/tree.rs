//! The tree: parsed files assembled into the home page, reports with their
//! chapters, plain sections with their pages and subsections, in order;
//! and the checks only the whole tree allows (two pages at one URL, a page
//! at a URL annals keeps, two chapters with one number).

use std::collections::{BTreeMap, HashMap};

use super::front_matter::SortBy;
use super::loader::Loader;
use super::loader::{content_file, file_name, join, parent};
use super::parse::{Front, Parsed};
use super::slug::is_year;
use super::stats::PendingStats;
use super::walk::Files;
use super::{Markdown, Page, SITE_RESERVED, Section, Site};
use crate::diagnostic::Diagnostic;
use crate::tr;

impl Loader<'_> {
    /// The section folder a page or folder belongs to: its nearest ancestor
    /// holding `_index.md`, or the content root.
    pub(super) fn owner<'f>(&self, files: &'f Files, mut dir: &'f str) -> &'f str {
        loop {
            if files.sections.contains(dir) || dir.is_empty() {
                return dir;
            }
            dir = parent(dir);
        }
    }

    pub(super) fn assemble(&mut self, files: &Files, mut docs: BTreeMap<String, Parsed>) -> Site {
        let mut site = Site::default();
        // Which folders are reports: directly under content/, with `year:`
        // or a four-digit name.
        let mut report_years: HashMap<String, i32> = HashMap::new();
        for dir in &files.sections {
            if dir.is_empty() || dir.contains('/') {
                continue;
            }
            // A year folder whose `_index.md` failed to parse is still a
            // report, so its chapters are not mistaken for plain pages.
            let year = match docs.get(&join(dir, "_index.md")) {
                Some(Parsed { front: Front::Report(raw), .. }) => {
                    raw.year.as_ref().map(|y| y.value)
                }
                _ => None,
            };
            if let Some(year) = year.or_else(|| is_year(dir)) {
                report_years.insert(dir.clone(), year);
            }
        }

        // Pages, grouped by the section that owns them.
        let mut pages_by_owner: BTreeMap<String, Vec<(Page, PendingStats)>> = BTreeMap::new();
        let page_files: Vec<String> =
            docs.keys().filter(|rel| file_name(rel) != "_index.md").cloned().collect();
        for rel in page_files {
            let is_bundle = file_name(&rel) == "index.md";
            let page_dir = parent(&rel).to_owned();
            let home_dir = if is_bundle { parent(&page_dir).to_owned() } else { page_dir.clone() };
            if !is_bundle
                && files
                    .bundles
                    .iter()
                    .any(|b| page_dir == *b || page_dir.starts_with(&format!("{b}/")))
            {
                self.error(
                    Diagnostic::new(content_file(&rel), tr!("content-page-in-bundle"))
                        .hint(tr!("content-page-in-bundle-hint")),
                );
                continue;
            }
            let owner = self.owner(files, &home_dir).to_owned();
            let Some(Parsed { front: Front::Page(raw), text, body_start, body_line, .. }) =
                docs.remove(&rel)
            else {
                continue;
            };
            let report = report_years.get(&owner).map(|y| (owner.as_str(), *y));
            if let Some((page, stats)) =
                self.page(&rel, &home_dir, *raw, &text, body_start, body_line, report)
            {
                pages_by_owner.entry(owner).or_default().push((page, stats));
            }
        }

        // Sections and reports, deepest first so children are ready.
        let mut section_dirs: Vec<&String> = files.sections.iter().collect();
        section_dirs.sort_by_key(|d| {
            (std::cmp::Reverse(d.matches('/').count() + usize::from(!d.is_empty())), (*d).clone())
        });
        let mut built_sections: BTreeMap<String, Section> = BTreeMap::new();
        for dir in section_dirs {
            let Some(Parsed { front, text, body_start, body_line, rel, .. }) =
                docs.remove(&join(dir, "_index.md"))
            else {
                continue;
            };
            let pages = pages_by_owner.remove(dir.as_str()).unwrap_or_default();
            let body = Markdown {
                text: text[body_start..].to_owned(),
                file: rel.clone(),
                first_line: body_line,
            };
            match front {
                Front::Home(raw) => {
                    site.home = self.home(*raw, body, &text);
                    let pages = self.no_stats(pages);
                    site.pages = self.finish_pages(pages, SortBy::Weight);
                }
                Front::Report(raw) => {
                    let year = report_years[dir.as_str()];
                    if let Some(report) = self.report(dir, year, *raw, body, &text, pages) {
                        site.reports.push(report);
                    }
                }
                Front::Section(raw) => {
                    if let Some(report_dir) =
                        report_years.keys().find(|r| dir.starts_with(&format!("{r}/")))
                    {
                        self.error(
                            Diagnostic::new(content_file(&rel), tr!("content-section-in-report"))
                                .hint(tr!(
                                    "content-section-in-report-hint",
                                    report = report_dir.as_str()
                                )),
                        );
                        continue;
                    }
                    let children: Vec<Section> = {
                        let keys: Vec<String> = built_sections
                            .keys()
                            .filter(|k| parent(k) == dir.as_str())
                            .cloned()
                            .collect();
                        keys.into_iter().filter_map(|k| built_sections.remove(&k)).collect()
                    };
                    if let Some(section) = self.section(dir, *raw, body, &text, pages, children) {
                        built_sections.insert(dir.clone(), section);
                    }
                }
                Front::Page(_) => {}
            }
        }
        if !files.sections.contains("") {
            let pages = pages_by_owner.remove("").unwrap_or_default();
            let pages = self.no_stats(pages);
            site.pages = self.finish_pages(pages, SortBy::Weight);
        }
        let mut sections: Vec<Section> = built_sections.into_values().collect();
        sections.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
        site.sections = sections;
        site.reports.sort_by_key(|r| std::cmp::Reverse(r.year));
        for pair in site.reports.windows(2) {
            if pair[0].year == pair[1].year {
                let d = Diagnostic::new(
                    content_file(&pair[1].preface.file),
                    tr!("content-year-twice", year = pair[0].year),
                )
                .hint(tr!("content-year-twice-hint"));
                self.errors.push(d);
            }
        }
        self.check_paths(&site);
        site.links = collect_links(&site);
        site.drafts = std::mem::take(&mut self.left_out);
        site
    }

    pub(super) fn check_paths(&mut self, site: &Site) {
        let mut all: Vec<(&str, &str)> = Vec::new();
        for r in &site.reports {
            all.push((&r.path, &r.preface.file));
            for c in &r.chapters {
                all.push((&c.path, &c.body.file));
            }
        }
        for s in site.all_sections() {
            all.push((&s.path, &s.body.file));
            for p in &s.pages {
                all.push((&p.path, &p.body.file));
            }
        }
        for p in &site.pages {
            all.push((&p.path, &p.body.file));
        }
        // The site's own pages, and each other language's home.
        let reserved: Vec<String> = SITE_RESERVED
            .iter()
            .map(|r| (*r).to_owned())
            .chain(self.languages.iter().skip(1).cloned())
            .collect();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (path, file) in all {
            let top = path.trim_end_matches('/');
            if reserved.iter().any(|r| r == top) {
                self.errors.push(
                    Diagnostic::new(content_file(file), tr!("content-url-reserved", path = path))
                        .hint(tr!("content-url-reserved-hint", reserved = reserved.join(", "))),
                );
            }
            if let Some(other) = seen.insert(path, file) {
                self.errors.push(
                    Diagnostic::new(
                        content_file(file),
                        tr!("content-url-twice", path = path, other = other),
                    )
                    .hint(tr!("content-url-twice-hint")),
                );
            }
        }
    }
}

pub(super) fn collect_links(site: &Site) -> BTreeMap<String, String> {
    let mut links = BTreeMap::new();
    for r in &site.reports {
        links.insert(r.preface.file.clone(), r.path.clone());
        for c in &r.chapters {
            links.insert(c.body.file.clone(), c.path.clone());
        }
    }
    for s in site.all_sections() {
        links.insert(s.body.file.clone(), s.path.clone());
        for p in &s.pages {
            links.insert(p.body.file.clone(), p.path.clone());
        }
    }
    for p in &site.pages {
        links.insert(p.body.file.clone(), p.path.clone());
    }
    links.insert("_index.md".to_owned(), String::new());
    links
}

#[cfg(test)]
mod tests {
    use super::super::loader::content_folder;
    use crate::content::load_partial;

    #[test]
    fn chapters_in_number_order_and_the_clashes_only_the_tree_shows() {
        let page = |title: &str| format!("---\ntitle: {title}\n---\n");
        let dir = content_folder(&[
            ("site.yaml", ""),
            ("content/2024/_index.md", &page("Review")),
            ("content/2024/02-b.md", &page("B")),
            ("content/2024/01-a.md", &page("A")),
            ("content/2024/03-c.md", "---\ntitle: C\nnumber: 2\n---\n"),
            ("content/tags.md", &page("Tags")),
            ("content/x/_index.md", &page("X")),
            ("content/x/a.md", &page("XA")),
            ("content/x/a/index.md", &page("XA again")),
        ]);
        let (site, errors) = load_partial(dir.path(), false, &Default::default());
        let chapters: Vec<&str> =
            site.reports[0].chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(chapters, ["A", "B", "C"]);
        let mut messages: Vec<String> =
            errors.iter().map(|d| format!("{}: {}", d.file.display(), d.message)).collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "content/2024/03-c.md: chapter number 2 is also the number of content/2024/02-b.md",
                "content/tags.md: the URL `/tags/` belongs to a page annals makes",
                "content/x/a/index.md: this page has the same URL `/x/a/` as content/x/a.md",
            ]
        );
        assert_eq!(site.links["x/a.md"], "x/a/");
    }
}
