//! The pages annals makes, one kind at a time: `Page` lists every page of
//! a site, and each kind has one function that gives its template and
//! variables. A new kind of page is a variant here, a function below, and
//! (for a report's page) a `ReportPage` in the content model.

use super::figures;
use super::html;
use super::markdown::{self, Rendered};
use super::search::SearchDoc;
use super::views::{self, ChapterLink, PageView, PhotoView, SectionView};
use super::{PrintChapter, Renderer, Vars, meta, unshown, urls, with_captions};
use crate::content::{self, Report, ReportPage, Section};
use crate::diagnostic::Diagnostic;

/// One output page.
pub(super) enum Page<'a> {
    Home,
    NotFound,
    Report(usize),
    Chapter(usize, usize),
    /// One of a report's own pages.
    Of(usize, ReportPage),
    /// `/stats/`: every key across the years.
    SiteStats,
    /// A listing page of a plain section (1-based).
    Section(&'a Section, usize),
    /// A page of a plain section, or directly under `content/`.
    Plain(&'a content::Page, Option<&'a Section>),
    Tags,
    Tag(usize),
    Search,
}

/// A page ready to render: where it goes, with which template and
/// variables, and what search learns from it.
pub(super) struct PageContext {
    pub path: String,
    pub template: &'static str,
    pub vars: Vars,
    pub doc: Option<SearchDoc>,
}

impl PageContext {
    fn new(path: String, template: &'static str, vars: Vars) -> Self {
        PageContext { path, template, vars, doc: None }
    }

    fn searched(mut self, doc: Option<SearchDoc>) -> Self {
        self.doc = doc;
        self
    }
}

impl<'a> Renderer<'a> {
    /// Every page of the site.
    /// Every page of the site in the renderer's language (in a
    /// translation's, the pages that have a translation, and the site's
    /// own pages: home, figures, tags, search), in the order the sitemap
    /// lists them.
    pub(super) fn pages(&self) -> Vec<Page<'a>> {
        let site = self.site;
        let mut pages = vec![Page::Home];
        if self.prefix.is_empty() {
            pages.push(Page::NotFound);
        }
        for (i, r) in site.reports.iter().enumerate() {
            if !r.untranslated {
                pages.push(Page::Report(i));
                pages.extend(ReportPage::ALL.map(|p| Page::Of(i, p)));
            }
            let chapters = r.chapters.iter().enumerate().filter(|(_, c)| !c.untranslated);
            pages.extend(chapters.map(|(c, _)| Page::Chapter(i, c)));
        }
        for s in site.all_sections() {
            if !s.untranslated {
                let listings = s.pages.len().div_ceil(s.paginate_by).max(1);
                pages.extend((1..=listings).map(|n| Page::Section(s, n)));
            }
            let translated = s.pages.iter().filter(|p| !p.untranslated);
            pages.extend(translated.map(|p| Page::Plain(p, Some(s))));
        }
        let translated = site.pages.iter().filter(|p| !p.untranslated);
        pages.extend(translated.map(|p| Page::Plain(p, None)));
        if !site.reports.is_empty() {
            pages.push(Page::SiteStats);
        }
        pages.push(Page::Tags);
        pages.extend((0..self.tags.len()).map(Page::Tag));
        if self.config.search {
            pages.push(Page::Search);
        }
        pages
    }

    /// A page's site path, as its context gives it, without making it.
    pub(super) fn path_of(&self, page: &Page<'a>) -> String {
        let site = self.site;
        match *page {
            Page::Home => self.prefix.clone(),
            Page::NotFound => "404.html".to_owned(),
            Page::Report(i) => site.reports[i].path.clone(),
            Page::Chapter(i, c) => site.reports[i].chapters[c].path.clone(),
            Page::Of(i, kind) => site.reports[i].page_path(kind),
            Page::SiteStats => format!("{}stats/", self.prefix),
            Page::Section(section, number) => section_path(section, number),
            Page::Plain(page, _) => page.path.clone(),
            Page::Tags => format!("{}tags/", self.prefix),
            Page::Tag(i) => format!("{}tags/{}/", self.prefix, self.tags[i].slug),
            Page::Search => format!("{}search/", self.prefix),
        }
    }

    /// The pages the sitemap lists, of those `pages` gives: each with the
    /// day it last changed where known (a chapter without a date: its
    /// report's). Not the 404 page, the search page, a tag's page or a
    /// section's further listings.
    pub(super) fn sitemap_pages(&self) -> Vec<(String, Option<String>)> {
        let site = self.site;
        let day = |date: Option<content::Date>| date.map(|d| d.first_day());
        self.pages()
            .iter()
            .filter_map(|page| {
                let lastmod = match *page {
                    Page::NotFound | Page::Search | Page::Tag(_) => return None,
                    Page::Section(_, number) if number > 1 => return None,
                    Page::Report(i) | Page::Of(i, _) => day(site.reports[i].date),
                    Page::Chapter(i, c) => {
                        let report = &site.reports[i];
                        day(report.chapters[c].date).or(day(report.date))
                    }
                    Page::Plain(p, _) => day(p.date),
                    Page::Home | Page::SiteStats | Page::Section(..) | Page::Tags => None,
                };
                Some((self.path_of(page), lastmod))
            })
            .collect()
    }

    /// The template and variables of a page; problems in its Markdown go
    /// to `errors`.
    pub(super) fn context(&self, page: &Page<'a>, errors: &mut Vec<Diagnostic>) -> PageContext {
        match *page {
            Page::Home => self.home(errors),
            Page::NotFound => self.not_found(),
            Page::Report(i) => self.report(i, errors),
            Page::Chapter(i, c) => self.chapter(i, c, errors),
            Page::Of(i, ReportPage::Stats) => self.stats(i),
            Page::Of(i, ReportPage::Chronicle) => self.chronicle(i),
            Page::Of(i, ReportPage::Print) => self.print(i),
            Page::Of(i, ReportPage::Photos) => self.photos(i),
            Page::SiteStats => self.site_stats(),
            Page::Section(section, number) => self.section(section, number, errors),
            Page::Plain(page, section) => self.page(page, section, errors),
            Page::Tags => self.tags(),
            Page::Tag(i) => self.tag(i),
            Page::Search => {
                let path = self.path_of(page);
                let mut cx = self.base_context(&path, "search", &self.t("search"));
                cx.insert("search_index", &self.prefix);
                PageContext::new(path, "search.html", cx)
            }
        }
    }

    fn home(&self, errors: &mut Vec<Diagnostic>) -> PageContext {
        let home = &self.site.home;
        let path = self.prefix.clone();
        let rendered = self.body(&home.body, &urls::root_of(&path), &home.photos, None, errors);
        let title = home.title.clone().unwrap_or_else(|| self.config.title.clone());
        let mut cx = self.base_context(&path, "home", &title);
        cx.insert("home", &views::HomeView::new(home, self.photos));
        cx.insert("content", &rendered.html);
        let search = format!("{}search/", self.prefix);
        cx.insert("search_url", &self.config.search.then(|| urls::page("", &search)));
        PageContext::new(path, "home.html", cx)
    }

    fn not_found(&self) -> PageContext {
        let mut cx = self.base_context("", "404", &self.t("not_found"));
        // A server shows this page at any depth: resolve links from the
        // site root where the site's address is known.
        cx.insert("base_href", &self.config.base_url.as_ref().map(|b| format!("{b}/")));
        cx.insert("canonical", &None::<()>);
        // Its switcher leads to each language's home page; it has no
        // alternates of its own.
        cx.insert("hreflang", &Vec::<()>::new());
        PageContext::new("404.html".to_owned(), "404.html", cx)
    }

    fn report(&self, i: usize, errors: &mut Vec<Diagnostic>) -> PageContext {
        let report = &self.site.reports[i];
        let root = urls::root_of(&report.path);
        let rendered = self.body(&report.preface, &root, &report.photos, Some(report), errors);
        let mut cx = self.base_context(&report.path, "report", &report.title);
        self.describe(
            &mut cx,
            report.summary.as_deref(),
            report.cover.as_ref(),
            meta::report(self.config, report, self.photos),
        );
        cx.insert_value("report", self.reports[i].clone());
        cx.insert("content", &rendered.html);
        cx.insert("toc", &rendered.headings);
        let photos = unshown(&report.photos, &rendered, report.cover.as_ref(), self.photos);
        let text = with_captions(&rendered.html, &photos);
        let doc = self.doc(&report.title, &report.path, Some(report.year), "report", text);
        cx.insert("photos", &photos);
        PageContext::new(report.path.clone(), "report.html", cx).searched(doc)
    }

    fn chapter(&self, i: usize, c: usize, errors: &mut Vec<Diagnostic>) -> PageContext {
        let report = &self.site.reports[i];
        let chapter = &report.chapters[c];
        let body = &self.chapters[i][c];
        errors.extend(body.errors.iter().cloned());
        let rendered = &body.rendered;
        let mut cx = self.base_context(&chapter.path, "chapter", &chapter.title);
        self.describe(
            &mut cx,
            chapter.summary.as_deref(),
            chapter.photos.first(),
            meta::chapter(self.config, report, chapter, self.photos),
        );
        cx.insert_value("report", self.reports[i].clone());
        cx.insert("chapter", &PageView::new(chapter, &self.prefix));
        cx.insert("content", &rendered.html);
        cx.insert("toc", &rendered.headings);
        let photos = unshown(&chapter.photos, rendered, None, self.photos);
        let text = with_captions(&rendered.html, &photos);
        let doc = self.doc(&chapter.title, &chapter.path, Some(report.year), "chapter", text);
        cx.insert("photos", &photos);
        cx.insert("figures", &self.chapter_figures(report, chapter));
        cx.insert("prev", &c.checked_sub(1).map(|p| ChapterLink::new(&report.chapters[p])));
        cx.insert("next", &report.chapters.get(c + 1).map(ChapterLink::new));
        PageContext::new(chapter.path.clone(), "chapter.html", cx).searched(doc)
    }

    /// The context every page of a report's own starts from: its path,
    /// title (`统计 · 2024年度工作回顾`) and the report.
    fn report_page(&self, i: usize, page: ReportPage, kind: &str) -> (String, String, Vars) {
        let report = &self.site.reports[i];
        let path = report.page_path(page);
        let title = match page {
            ReportPage::Print => report.title.clone(),
            _ => format!("{} · {}", self.t(kind), report.title),
        };
        let mut cx = self.base_context(&path, page.slug(), &title);
        cx.insert_value("report", self.reports[i].clone());
        (path, title, cx)
    }

    fn stats(&self, i: usize) -> PageContext {
        let report = &self.site.reports[i];
        let (path, title, mut cx) = self.report_page(i, ReportPage::Stats, "statistics");
        let groups = self.figure_groups(report);
        let text: Vec<String> = groups
            .iter()
            .flat_map(|g| &g.figures)
            .map(|f| format!("{} {}", f.label, f.text))
            .collect();
        let doc = self.doc(&title, &path, Some(report.year), "statistics", text.join(" "));
        cx.insert("groups", &groups);
        cx.insert("json_url", &urls::file("", &format!("{}stats.json", report.path)));
        cx.insert("csv_url", &urls::file("", &format!("{}stats.csv", report.path)));
        PageContext::new(path, "stats.html", cx).searched(doc)
    }

    fn chronicle(&self, i: usize) -> PageContext {
        let report = &self.site.reports[i];
        let (path, title, mut cx) = self.report_page(i, ReportPage::Chronicle, "chronicle");
        let text: Vec<String> = report
            .chronicle
            .iter()
            .map(|e| {
                [Some(e.title.as_str()), e.place.as_deref(), e.summary.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let doc = (!text.is_empty())
            .then(|| self.doc(&title, &path, Some(report.year), "chronicle", text.join(" ")))
            .flatten();
        cx.insert(
            "months",
            &views::chronicle(report, &self.theme.strings, &self.style, self.photos),
        );
        PageContext::new(path, "chronicle.html", cx).searched(doc)
    }

    fn print(&self, i: usize) -> PageContext {
        let report = &self.site.reports[i];
        let (path, _, mut cx) = self.report_page(i, ReportPage::Print, "print");
        let root = urls::root_of(&path);
        // The report page has said what is wrong with the preface.
        let preface =
            self.body(&report.preface, &root, &report.photos, Some(report), &mut Vec::new());
        // Chapters sit as deep as this page: their bodies as the chapter
        // pages rendered them, ids made unique per chapter.
        let chapters: Vec<PrintChapter> = report
            .chapters
            .iter()
            .zip(&self.chapters[i])
            .filter(|(chapter, _)| !chapter.untranslated)
            .map(|(chapter, body)| PrintChapter {
                chapter: PageView::new(chapter, &self.prefix),
                anchor: format!("chapter-{}", chapter.slug),
                photos: unshown(&chapter.photos, &body.rendered, None, self.photos),
                content: markdown::with_id_prefix(
                    &body.rendered.html,
                    &format!("{}-", chapter.slug),
                ),
                figures: self.chapter_figures(report, chapter),
            })
            .collect();
        cx.insert("content", &markdown::with_id_prefix(&preface.html, "preface-"));
        let photos = unshown(&report.photos, &preface, report.cover.as_ref(), self.photos);
        cx.insert("photos", &photos);
        cx.insert("chapters", &chapters);
        cx.insert("groups", &self.figure_groups(report));
        cx.insert(
            "months",
            &views::chronicle(report, &self.theme.strings, &self.style, self.photos),
        );
        PageContext::new(path, "print.html", cx)
    }

    fn photos(&self, i: usize) -> PageContext {
        let report = &self.site.reports[i];
        let (path, title, mut cx) = self.report_page(i, ReportPage::Photos, "photos");
        let title_of = |path: &str| {
            report.chapters.iter().find(|c| c.path == path).map_or(&report.title, |c| &c.title)
        };
        let photos: Vec<PhotoView> = report
            .all_photos()
            .into_iter()
            .map(|p| PhotoView {
                page_title: Some(title_of(&p.page).clone()),
                ..PhotoView::new(p, self.photos)
            })
            .collect();
        let captions: Vec<&str> = photos.iter().filter_map(|p| p.caption.as_deref()).collect();
        let doc = (!captions.is_empty())
            .then(|| self.doc(&title, &path, Some(report.year), "photos", captions.join(" ")))
            .flatten();
        cx.insert("photos", &photos);
        PageContext::new(path, "photos.html", cx).searched(doc)
    }

    /// What search finds besides pages: each figure (linked to its row of
    /// the stats page), chronicle event (to its month) and photo caption
    /// (to the photo on the report's photos page).
    pub(super) fn search_items(&self) -> Vec<SearchDoc> {
        let mut out = Vec::new();
        let strings = &self.theme.strings;
        for report in self.site.reports.iter().filter(|r| !r.untranslated) {
            let year = Some(report.year);
            let stats = urls::page("", &report.page_path(ReportPage::Stats));
            for g in self.figure_groups(report) {
                for f in &g.figures {
                    let text = [g.name.as_deref(), f.note.as_deref()].into_iter().flatten();
                    out.push(SearchDoc {
                        t: format!("{} {}", f.label, f.text),
                        u: format!("{stats}#{}", f.anchor),
                        y: year,
                        k: self.t("search_kind_figure"),
                        b: text.collect::<Vec<_>>().join(" "),
                        item: true,
                    });
                }
            }
            let chronicle = urls::page("", &report.page_path(ReportPage::Chronicle));
            for m in views::chronicle(report, strings, &self.style, self.photos) {
                for e in &m.events {
                    let text =
                        [e.place.as_deref(), e.participants.as_deref(), e.summary.as_deref()];
                    out.push(SearchDoc {
                        t: e.title.clone(),
                        u: format!("{chronicle}#{}", m.anchor),
                        y: year,
                        k: self.t("search_kind_event"),
                        b: std::iter::once(e.date.to_string().as_str())
                            .chain(text.into_iter().flatten())
                            .collect::<Vec<_>>()
                            .join(" "),
                        item: true,
                    });
                }
            }
            let gallery = urls::page("", &report.page_path(ReportPage::Photos));
            for p in report.all_photos() {
                let Some(caption) = &p.caption else { continue };
                let text = [p.place.as_deref(), p.credit.as_deref()].into_iter().flatten();
                out.push(SearchDoc {
                    t: caption.clone(),
                    u: format!("{gallery}#{}", views::photo_anchor(p)),
                    y: year,
                    k: self.t("search_kind_photo"),
                    b: text.collect::<Vec<_>>().join(" "),
                    item: true,
                });
            }
        }
        out
    }

    fn site_stats(&self) -> PageContext {
        let path = self.path_of(&Page::SiteStats);
        let mut cx = self.base_context(&path, "site_stats", &self.t("statistics_across_years"));
        let (years, series) = figures::series_views(&self.site.reports, &self.style);
        cx.insert("years", &years);
        cx.insert("series", &series);
        PageContext::new(path, "site_stats.html", cx)
    }

    fn section(
        &self,
        section: &Section,
        number: usize,
        errors: &mut Vec<Diagnostic>,
    ) -> PageContext {
        let path = section_path(section, number);
        let root = urls::root_of(&path);
        let rendered = self.body(&section.body, &root, &section.photos, None, errors);
        let mut cx = self.base_context(&path, "section", &section.title);
        if let Some(s) = &section.summary {
            cx.insert("description", s);
        }
        let doc = (number == 1)
            .then(|| {
                let text = html::text(&rendered.html);
                self.doc(&section.title, &path, None, "section", text)
            })
            .flatten();
        cx.insert("section", &SectionView::new(section, number));
        cx.insert("content", &rendered.html);
        PageContext::new(path, "section.html", cx).searched(doc)
    }

    fn page(
        &self,
        page: &content::Page,
        section: Option<&Section>,
        errors: &mut Vec<Diagnostic>,
    ) -> PageContext {
        let root = urls::root_of(&page.path);
        let rendered = self.body(&page.body, &root, &page.photos, None, errors);
        let mut cx = self.base_context(&page.path, "page", &page.title);
        self.describe(
            &mut cx,
            page.summary.as_deref(),
            page.photos.first(),
            meta::page(self.config, page, self.photos),
        );
        cx.insert("page", &PageView::new(page, &self.prefix));
        cx.insert("section", &section.map(SectionView::link));
        cx.insert("content", &rendered.html);
        cx.insert("toc", &rendered.headings);
        let photos = unshown(&page.photos, &rendered, None, self.photos);
        let doc = self.doc(
            &page.title,
            &page.path,
            page.date.map(|d| d.year),
            "page",
            archival_text(page, &rendered, &photos),
        );
        cx.insert("photos", &photos);
        PageContext::new(page.path.clone(), "page.html", cx).searched(doc)
    }

    fn tags(&self) -> PageContext {
        let path = self.path_of(&Page::Tags);
        let mut cx = self.base_context(&path, "tags", &self.t("tags"));
        cx.insert("tags", &self.tags);
        PageContext::new(path, "tags.html", cx)
    }

    fn tag(&self, i: usize) -> PageContext {
        let tag = &self.tags[i];
        let path = self.path_of(&Page::Tag(i));
        let title = format!("{} · {}", self.t("tags"), tag.name);
        let mut cx = self.base_context(&path, "tag", &title);
        cx.insert("tag", tag);
        PageContext::new(path, "tag.html", cx)
    }

    fn figure_groups(&self, report: &Report) -> Vec<figures::FigureGroup> {
        figures::figure_groups(report, &self.site.reports, &self.style, &self.t("other_figures"))
    }
}

/// What search learns from a plain page: its text, its photos' captions
/// and its archival description.
fn archival_text(page: &content::Page, rendered: &Rendered, photos: &[PhotoView]) -> String {
    let a = &page.archival;
    let mut text = with_captions(&rendered.html, photos);
    for field in
        [&a.creator, &a.source, &a.place, &a.rights].into_iter().flatten().chain(&a.subjects)
    {
        text.push(' ');
        text.push_str(field);
    }
    text
}

/// The site path of listing page `number` (1-based) of a section.
fn section_path(section: &Section, number: usize) -> String {
    if number == 1 { section.path.clone() } else { format!("{}page/{number}/", section.path) }
}
