//! The Markdown renderer on bodies written for it.

use super::*;
use crate::content::{Origin, Stat};
use crate::images::Planned;

fn style() -> FigureStyle {
    crate::stats::testing::style("zh-CN")
}

fn photo(path: &str) -> Photo {
    Photo {
        file: path.into(),
        path: path.into(),
        src: path.into(),
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
                src: p.src.clone(),
                origin: Origin::default(),
                width: 1600,
                height: 1067,
                variants: crate::images::variants(&p.path, 1600, 1067, &config),
                original: None,
            };
            (p.path.clone(), planned)
        })
        .collect();
    let report = crate::stats::testing::report(
        2024,
        vec![Stat {
            key: "study_sessions".into(),
            label: "集中学习".into(),
            ..crate::stats::testing::stat("14", "次")
        }],
    );
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
        stats: Some((&report, "2024/stats/")),
        style: &style,
        credit_by: "摄影：{credit}",
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
    assert!(
        html.contains("<span class=\"zoom-view\"><img src=\"../../2024/photos/x-1600.webp\" alt=\"选手\" loading=\"lazy\""),
        "opens at full size: {html}"
    );
    assert!(
        html.contains("<figcaption>开幕式 <span class=\"credit\">摄影 张三</span></figcaption>"),
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
    let r = run("## 坚持党的全面领导\n\n## 坚持党的全面领导\n\n## Hello, World!\n", false).unwrap();
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["坚持党的全面领导", "坚持党的全面领导-1", "hello-world"]);
    assert!(r.html.contains("<h2 id=\"坚持党的全面领导-1\">"), "{}", r.html);
}

#[test]
fn stat_shortcode_prints_the_figure_linked() {
    let html = run("集中学习{{ stat(key=\"study_sessions\") }}，成效明显\n", false).unwrap().html;
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
    assert!(rendered.headings.iter().all(|h| seen.insert(h.id.clone())), "{:?}", rendered.headings);
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
    let html = run("[a](javascript:alert(1)) [b]( JavaScript:x) ![c](data:text/html,x)\n", true)
        .unwrap()
        .html;
    assert!(!html.to_ascii_lowercase().contains("javascript") && !html.contains("data:"), "{html}");
    let trusted = run("[a](javascript:void(0))\n", false).unwrap().html;
    assert!(trusted.contains("javascript:void(0)"), "trusted authors keep theirs: {trusted}");
}

#[test]
fn safe_mode_drops_heading_attributes() {
    let text = "## Title {#t .wide onclick=alert(1) style=\"x\"}\n";
    let html = run(text, true).unwrap().html;
    assert_eq!(html, "<h2 id=\"t\" class=\"wide\">Title</h2>\n");
    let trusted = run(text, false).unwrap().html;
    assert!(trusted.contains(" onclick=\"alert(1)\""), "trusted authors keep theirs: {trusted}");
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

#[test]
fn chinese_lines_of_a_paragraph_join_without_a_space() {
    let html = run("落到实处，\n并创新方式。\n**重点**\n工作\n\nword\nword 中文\nEnglish\n", false)
        .unwrap()
        .html;
    assert!(html.contains("<p>落到实处，并创新方式。<strong>重点</strong>工作</p>"), "{html}");
    assert!(
        html.contains("<p>word\nword 中文\nEnglish</p>"),
        "Latin words keep their space: {html}"
    );
}
