//! A site whose every field is full of markup (tests/fixtures/hostile, with
//! `markdown.safe: true`): each piece of author text is escaped for its
//! context, so no page has an element, attribute or URL that runs script.

use scraper::{Html, Selector};

use crate::support::{build, fixture, tree};

/// Our own scripts: the search page's, and JSON-LD (data, never run).
fn allowed_script(element: &scraper::ElementRef<'_>) -> bool {
    let v = element.value();
    v.attr("type") == Some("application/ld+json")
        || v.attr("src")
            .is_some_and(|s| s.ends_with("assets/search.js") || s.ends_with("assets/zoom.js"))
}

#[test]
fn nothing_an_author_types_runs_as_script() {
    let (_tmp, out) = build(&fixture("hostile"));
    let all = Selector::parse("*").unwrap();
    let mut problems = Vec::new();
    let mut pages = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for element in html.select(&all) {
            let name = element.value().name();
            if matches!(name, "script" | "iframe" | "object" | "embed" | "svg" | "style" | "img")
                && !(name == "script" && allowed_script(&element))
                && !(name == "img"
                    && element.value().attr("src").is_some_and(|s| s.ends_with(".webp")))
                && !(name == "style" && element.inner_html().contains("--brand"))
                && !(name == "svg"
                    && element.value().attr("class").is_some_and(|c| c.starts_with("chart ")))
            {
                problems.push(format!("{path}: <{name}> {}", element.html()));
            }
            for (attr, value) in element.value().attrs() {
                let value = value.trim().to_ascii_lowercase();
                if attr.starts_with("on")
                    || value.starts_with("javascript:")
                    || value.starts_with("data:text/html")
                {
                    problems.push(format!("{path}: {attr}=\"{value}\" on <{name}>"));
                }
            }
            if name == "script" && element.value().attr("type") == Some("application/ld+json") {
                let json = element.inner_html();
                if serde_json::from_str::<serde_json::Value>(&json).is_err() {
                    problems.push(format!("{path}: JSON-LD does not parse: {json}"));
                }
            }
        }
    }
    assert!(pages > 10);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The same text reaches feeds and the search index as data.
    roxmltree::Document::parse(&std::fs::read_to_string(out.join("atom.xml")).unwrap()).unwrap();
    for (path, bytes) in tree(&out.join("search")).into_iter().filter(|(p, _)| p.ends_with(".js")) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("</script"), "{path}: the index cannot close a script element");
    }
}

#[test]
fn the_text_is_shown_not_dropped() {
    let (_tmp, out) = build(&fixture("hostile"));
    let chapter = std::fs::read_to_string(out.join("2024/one/index.html")).unwrap();
    assert!(
        chapter.contains("&lt;script&gt;alert(\"body\")&lt;/script&gt;")
            || chapter.contains("&lt;script&gt;alert(&quot;body&quot;)"),
        "{chapter}"
    );
}
