//! The PDF edition: `annals pdf YEAR` and `pdf: true`, read back with
//! lopdf: page size, fonts, contents against the real pages, bookmarks,
//! PDF/A metadata, photos, figures and the same bytes on a second run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Object};

use crate::support::{TestSite, fixture, read};

/// The binary, its photo cache in `cache` (not the user's).
fn annals(cache: &Path) -> Command {
    let mut c = crate::support::annals();
    c.env("XDG_CACHE_HOME", cache);
    c
}

/// `annals pdf YEAR` on the site at `root`, written to `out`.
fn typeset(root: &Path, year: &str, out: &Path) -> Output {
    let cache = out.parent().unwrap().join("cache");
    annals(&cache)
        .args(["pdf", year, "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

fn succeeded(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A PDF read back.
struct Pdf {
    doc: Document,
}

impl Pdf {
    fn open(path: &Path) -> Pdf {
        Pdf { doc: Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())) }
    }

    fn pages(&self) -> u32 {
        self.doc.get_pages().len() as u32
    }

    /// The text of page `n` (from 1), its spaces and line breaks removed,
    /// so that a Chinese title is found whatever the line breaking.
    fn text(&self, n: u32) -> String {
        let text = self.doc.extract_text(&[n]).unwrap_or_default();
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// The first page whose text holds `needle` (spaces removed).
    fn page_of(&self, needle: &str, from: u32) -> Option<u32> {
        let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        (from..=self.pages()).find(|&n| self.text(n).contains(&needle))
    }

    /// Bookmarks: (level, title, page).
    fn bookmarks(&self) -> Vec<(usize, String, usize)> {
        let toc = self.doc.get_toc().expect("the PDF has bookmarks");
        toc.toc.into_iter().map(|t| (t.level, t.title, t.page)).collect()
    }

    /// Every page's size in points.
    fn sizes(&self) -> Vec<(f32, f32)> {
        self.doc
            .get_pages()
            .values()
            .map(|&id| {
                let page = self.doc.get_dictionary(id).unwrap();
                let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
                let n =
                    |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
                (n(&b[2]) - n(&b[0]), n(&b[3]) - n(&b[1]))
            })
            .collect()
    }

    /// The names of the embedded fonts (`ABCDEF+NotoSerifCJKsc-Regular`).
    fn embedded_fonts(&self) -> Vec<String> {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
            .filter(|d| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k)))
            .map(|d| {
                String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).into_owned()
            })
            .collect()
    }

    /// The XMP metadata of the document.
    fn xmp(&self) -> String {
        let catalog = self.doc.catalog().unwrap();
        let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
        let stream = self.doc.get_object(id).unwrap().as_stream().unwrap();
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// How many images the pages draw.
    fn images(&self) -> usize {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
            .count()
    }
}

fn two_years() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2024.pdf");
    succeeded(&typeset(&fixture("two-years"), "2024", &out));
    (dir, out)
}

#[test]
fn a_report_is_typeset_as_an_a4_pdf_a_with_its_chapters_in_order() {
    let (_dir, path) = two_years();
    let pdf = Pdf::open(&path);
    assert!(pdf.pages() >= 6, "cover, contents, preface, 3 chapters: {} pages", pdf.pages());
    for (w, h) in pdf.sizes() {
        assert!((w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5, "A4: {w}×{h}");
    }
    // The cover: organisation, title, subtitle, year.
    let cover = pdf.text(1);
    for words in ["清河县图书馆年报", "2024年度报告", "书香清河", "2024"] {
        assert!(cover.contains(words), "{words} on the cover: {cover}");
    }
    // Chapters in number order, each opening a page of its own, after the
    // preface; the contents list each with the page it really starts on.
    // (A chapter's page opens with its label and title: 第2部分阅读推广.)
    let chapters = ["第1部分馆藏建设", "第2部分阅读推广", "第3部分走进乡村"];
    let contents = pdf.page_of("目录", 1).expect("a contents page");
    let mut last = contents;
    for title in chapters {
        let page = pdf.page_of(title, contents + 1).unwrap_or_else(|| panic!("{title} in the PDF"));
        assert!(page > last, "{title} starts on page {page}, after page {last}");
        let listed = pdf.text(contents);
        let after = listed.split(title).nth(1).unwrap_or_else(|| panic!("{title} in the contents"));
        let number: String = after
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        assert_eq!(number, page.to_string(), "the contents' page of {title}");
        // The page number printed on that page is the page's own.
        assert!(pdf.text(page).ends_with(&page.to_string()), "page {page}: {}", pdf.text(page));
        last = page;
    }
    // The report's title runs at the head of every page after the cover.
    for n in 2..=pdf.pages() {
        assert!(pdf.text(n).starts_with("2024年度报告"), "page {n}: {}", pdf.text(n));
    }
    assert!(!pdf.text(1).ends_with('1'), "no page number on the cover");
}

#[test]
fn each_chapter_has_one_bookmark_in_number_order() {
    let (_dir, path) = two_years();
    let pdf = Pdf::open(&path);
    let bookmarks = pdf.bookmarks();
    let titles: Vec<&str> = bookmarks.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(titles, ["馆藏建设", "阅读推广", "走进乡村"], "{bookmarks:?}");
    for (n, (level, title, page)) in bookmarks.iter().enumerate() {
        assert_eq!(*level, 1);
        let heading = format!("第{}部分{title}", n + 1);
        assert_eq!(pdf.page_of(&heading, 3), Some(*page as u32), "{title}'s bookmark");
    }
}

#[test]
fn fonts_are_embedded_subsets_and_the_metadata_is_pdf_a_2b() {
    let (_dir, path) = two_years();
    let pdf = Pdf::open(&path);
    let fonts = pdf.embedded_fonts();
    assert!(!fonts.is_empty());
    for font in &fonts {
        assert!(font.len() > 7 && font.as_bytes()[6] == b'+', "a subset: {font}");
    }
    assert!(fonts.iter().any(|f| f.contains("CJK")), "{fonts:?}");
    let xmp = pdf.xmp();
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{xmp}");
    assert!(xmp.contains("2024年度报告") && xmp.contains("李明"), "title and author: {xmp}");
    assert!(xmp.contains("2025-01-15"), "the report's date: {xmp}");
    let catalog = pdf.doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert!(lang.starts_with(b"zh"), "{}", String::from_utf8_lossy(lang));
}

#[test]
fn photos_figures_and_the_chronicle_are_printed_as_the_site_shows_them() {
    let (_dir, path) = two_years();
    let pdf = Pdf::open(&path);
    let all: String = (1..=pdf.pages()).map(|n| pdf.text(n)).collect();
    // Figures as the site writes them: 余 and 近 kept.
    let (site_dir, out) = crate::support::build(&fixture("two-years"));
    let stats = read(&out, "2024/stats/index.html");
    for figure in ["10余次", "近26万元"] {
        assert!(stats.contains(figure), "{figure} on the stats page");
        assert!(all.contains(figure), "{figure} in the PDF");
    }
    drop(site_dir);
    // Captions and credits of the photos, the cover's too.
    for caption in ["新馆开放日", "新书架二楼摄影王芳", "本报告图片由清河县图书馆提供"]
    {
        assert!(all.contains(caption), "{caption} in the PDF");
    }
    assert!(pdf.images() >= 3, "{} images", pdf.images());
    // The chronicle.
    assert!(all.contains("大事记"));
}

#[test]
fn a_second_run_gives_the_same_bytes() {
    let (dir, first) = two_years();
    let second = dir.path().join("again.pdf");
    succeeded(&typeset(&fixture("two-years"), "2024", &second));
    assert!(std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap());
}

#[test]
fn a_year_without_a_report_exits_1_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2019.pdf");
    let out = typeset(&fixture("two-years"), "2019", &path);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no report for 2019") && stderr.contains("2024, 2023"), "{stderr}");
    assert!(!path.exists());
}

#[test]
fn without_chinese_fonts_it_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    // A fontconfig that knows no fonts at all.
    let empty = dir.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            empty.display()
        ),
    )
    .unwrap();
    let path = dir.path().join("2024.pdf");
    std::fs::write(&path, b"the previous edition").unwrap();
    let out = annals(&dir.path().join("cache"))
        .env("FONTCONFIG_FILE", &conf)
        .env("HOME", dir.path())
        .args(["pdf", "2024", "--root"])
        .arg(fixture("two-years"))
        .arg("--output")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fonts-noto-cjk") && stderr.contains("pdf: {fonts:"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), b"the previous edition");
}

#[test]
fn pdf_true_publishes_and_links_each_report_s_edition() {
    let site = TestSite::new();
    site.file("site.yaml", "title: 测试\npdf: true\n")
        .file("content/2024/_index.md", "---\ntitle: 二〇二四年报\n---\n前言。\n")
        .file("content/2024/01-one.md", "---\ntitle: 第一章\n---\n正文。\n");
    let report = site.build().unwrap();
    let out = site.root().join("public");
    let pdf = Pdf::open(&out.join("2024/report.pdf"));
    assert!(pdf.page_of("第一章", 3).is_some());
    let page = read(&out, "2024/index.html");
    let size = std::fs::metadata(out.join("2024/report.pdf")).unwrap().len();
    assert!(page.contains("href=\"../2024/report.pdf\""), "the report page links it: {page}");
    assert!(page.contains(&format!("{} KB", size.div_ceil(1000))), "with its size");
    assert!(report.files > 0);
    // `check` finds the link good.
    let checked = annals::check(&site.options());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
}

#[test]
fn text_written_like_typst_code_is_printed_as_it_is() {
    let site = TestSite::new();
    site.file("site.yaml", "title: 测试\n").file(
        "content/2024/01-one.md",
        concat!(
            "---\ntitle: '#set page(width: 1cm) $x$'\n---\n",
            "#import \"/etc/passwd\": * and $1 + 1$ and *bold* _it_ <label> @ref // not a comment\n\n",
            "= not a heading\n\n",
            "- a list *item*\n- `#code()`\n\n",
            "| 项目 | 数值 |\n|---|---:|\n| 集中学习 | 14次 |\n\n",
            "A note[^1] and **strong** text.\n\n[^1]: The note's text.\n\n",
            "```\n#let x = 1\n```\n",
        ),
    );
    let pdf = typeset_site(&site).unwrap_or_else(|o| panic!("{o:?}"));
    let all: String = (1..=pdf.pages()).map(|n| pdf.text(n)).collect();
    for text in [
        "#setpage(width:1cm)$x$",
        // Markdown's emphasis stays emphasis; `<label>` is an HTML tag to it.
        "#import\"/etc/passwd\":*and$1+1$andboldit@ref//notacomment",
        "=notaheading",
        "alistitem",
        "#code()",
        "集中学习14次",
        "Anote1andstrongtext",
        "Thenote'stext",
        "#letx=1",
    ] {
        assert!(all.contains(text), "{text} in {all}");
    }
    assert!(pdf.sizes().iter().all(|(w, _)| (w - 595.28).abs() < 0.5), "the page stays A4");
}

#[test]
fn a_theme_s_typst_error_names_its_file_line_and_column() {
    let site = TestSite::new();
    site.file("pdf/report.typ", "#let report(data, preface: [], chapters: ()) = {\n  [#data.nothing]\n}\n#let photo(p) = []\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    let out = typeset(site.root(), "2024", &path);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: pdf/report.typ:2:"), "{stderr}");
    assert!(stderr.contains("nothing"), "{stderr}");
    assert!(!path.exists());
}

/// `annals pdf 2024` on `site` into a temporary folder: the PDF read back,
/// or the command's output where it failed.
fn typeset_site(site: &TestSite) -> Result<Pdf, Output> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    let out = typeset(site.root(), "2024", &path);
    if out.status.code() == Some(0) { Ok(Pdf::open(&path)) } else { Err(out) }
}

fn all_text(pdf: &Pdf) -> String {
    (1..=pdf.pages()).map(|n| pdf.text(n)).collect::<String>().replace('\u{200b}', "")
}

#[test]
fn hidden_html_stays_hidden_and_footnotes_are_each_printed_once() {
    let site = TestSite::new();
    site.file(
        "content/2024/01-one.md",
        concat!(
            "---\ntitle: 一\n---\n",
            "正文。\n\n<!--\n编辑备注：勿发布\n-->\n\n<script>\nconsole.log(\"脚本\");\n</script>\n\n",
            "内联<script>alert(\"内联脚本\")</script>文字。\n\n",
            "甲[^A]，乙[^b]，再引甲[^a]。\n\n",
            "[^a]: 注甲，内有注[^c]。\n[^b]: 注乙。\n[^c]: 注丙。\n",
        ),
    );
    let text = all_text(&typeset_site(&site).unwrap_or_else(|o| panic!("{o:?}")));
    for hidden in ["编辑备注", "勿发布", "console", "脚本", "-->"] {
        assert!(!text.contains(hidden), "{hidden} printed: {text}");
    }
    assert!(text.contains("内联文字"), "{text}");
    for note in ["注甲，内有注", "注乙。", "注丙。"] {
        assert_eq!(text.matches(note).count(), 1, "{note} once: {text}");
    }
}

#[test]
fn two_photos_named_alike_and_a_chronicle_event_s_photo_are_printed() {
    let site = TestSite::new();
    let png = include_bytes!("../fixtures/two-years/content/2024/photos/reading-room.png");
    let jpg = include_bytes!("../fixtures/two-years/content/2024/20-collections/shelf.jpg");
    site.bytes("content/2024/photos/a.png", png)
        .bytes("content/2024/photos/a.jpg", jpg)
        .bytes(
            "content/2024/photos/event.jpg",
            include_bytes!("../fixtures/two-years/content/2024/photos/cover.jpg"),
        )
        .file(
            "content/2024/01-one.md",
            "---\ntitle: 一\n---\n![甲](../2024/photos/a.png \"图甲\")\n\n![乙](../2024/photos/a.jpg \"图乙\")\n",
        )
        .file(
            "content/2024/records.yaml",
            "- date: 2024-06-03\n  end: 2024-06-07\n  title: 读书周\n  photos:\n    - src: photos/event.jpg\n      caption: 读书周现场\n      place: 南门广场\n",
        );
    let pdf = typeset_site(&site).unwrap_or_else(|o| panic!("{o:?}"));
    let text = all_text(&pdf);
    // A caption with its place, as the site's caption has it.
    for words in ["图甲", "图乙", "读书周现场南门广场", "6月3日—6月7日"] {
        assert!(text.contains(words), "{words}: {text}");
    }
    assert_eq!(pdf.images(), 3, "a.png, a.jpg and the event's photo");
}

#[test]
fn a_character_no_font_has_is_named_with_its_place() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\npdf: true\n").file(
        "content/2024/01-one.md",
        "---\ntitle: 一\n---\n正文。\n\n私用区字符\u{E000}在此。\n",
    );
    let out = typeset_site(&site).err().expect("refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: content/2024/01-one.md:6:6:"), "{stderr}");
    assert!(stderr.contains("U+E000") && stderr.contains("pdf: {fonts:"), "{stderr}");
    // `check` finds it as a build would.
    let errors = annals::check(&site.options()).errors;
    assert!(errors.iter().any(|d| d.message.contains("U+E000")), "{errors:?}");
}

#[test]
fn the_theme_s_accent_and_paper_reach_the_pdf_or_name_their_place() {
    let site = TestSite::new();
    site.file(
        "site.yaml",
        "title: T\ntheme: gazette\ntheme_options:\n  accent: darkred\n  paper: A3 landscape\n",
    );
    let pdf = typeset_site(&site).unwrap_or_else(|o| panic!("{o:?}"));
    for (w, h) in pdf.sizes() {
        assert!((w - 1190.55).abs() < 0.5 && (h - 841.89).abs() < 0.5, "A3 landscape: {w}×{h}");
    }
    site.file("site.yaml", "title: T\ntheme: gazette\ntheme_options:\n  paper: 12 furlongs\n");
    let out = typeset_site(&site).err().expect("refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: site.yaml:4:10: the PDF edition has no paper"), "{stderr}");
}

#[test]
fn a_draft_report_is_typeset_with_drafts_and_a_folder_takes_year_pdf() {
    let site = TestSite::new();
    site.file("content/2025/_index.md", "---\ntitle: 草稿\ndraft: true\n---\n前言。\n");
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let run = |extra: &[&str]| {
        annals(&cache)
            .args(["pdf", "2025", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--drafts` includes it"));
    succeeded(&run(&["--drafts"]));
    assert!(Pdf::open(&dir.path().join("2025.pdf")).page_of("草稿", 1).is_some());
}

/// The two-language fixture: `annals pdf YEAR --language en` typesets the
/// English report (its translated chapters), and `pdf: true` publishes an
/// edition per language, each linked from its report's pages.
#[test]
fn each_language_has_its_edition() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for (rel, bytes) in crate::support::tree(&fixture("languages")) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let cache = dir.path().join("cache");
    let pdf = |args: &[&str]| {
        annals(&cache)
            .current_dir(dir.path())
            .args(["pdf", "--root"])
            .arg(&root)
            .args(args)
            .output()
            .unwrap()
    };
    let out = pdf(&["2024", "--language", "en"]);
    succeeded(&out);
    let english = Pdf::open(&dir.path().join("2024.en.pdf"));
    let all: String = (1..=english.pages()).map(|n| english.text(n)).collect();
    for text in ["TheYear2024inReview", "Studysessions", "nearly260,000yuan", "Plenarysession"] {
        assert!(all.contains(text), "`{text}` not in the English edition: {all}");
    }
    assert!(!all.contains("提交提案"), "an untranslated chapter is in the English edition");
    // A language the site does not have; a report with no translation.
    let out = pdf(&["2024", "--language", "fr"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`fr` is not a language of this site"));
    let out = pdf(&["2023", "--language", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the report of 2023 has no `en` translation"), "{stderr}");

    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(root.join("site.yaml"), format!("{config}pdf: true\n")).unwrap();
    let public = dir.path().join("public");
    let out = annals(&cache)
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    succeeded(&out);
    for (edition, page) in [
        ("2024/report.pdf", "2024/index.html"),
        ("en/2024/report.pdf", "en/2024/index.html"),
        ("2023/report.pdf", "2023/index.html"),
    ] {
        assert!(public.join(edition).is_file(), "{edition} missing");
        assert!(read(&public, page).contains("report.pdf\" type=\"application/pdf\""), "{page}");
    }
    assert!(!public.join("en/2023/report.pdf").exists());
    let published = Pdf::open(&public.join("en/2024/report.pdf"));
    assert!(published.page_of("The Year 2024 in Review", 1).is_some());
}
