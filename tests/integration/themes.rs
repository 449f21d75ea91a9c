//! Themes: a theme of a site's own that extends `default`, the built-in
//! `gazette`, theme.yaml and theme_options checks, and the theme guide
//! (docs/themes.md) held to the variables templates really get.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use annals::BuildOptions;
use serde_json::Value;

use crate::support::{TestSite, crawl, fixture, read, repo_root, tree};

/// Builds `root` with `theme` into a new temporary folder.
fn build_with(root: &Path, theme: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut options = BuildOptions::new(root);
    options.output = Some(out.clone());
    options.theme = Some(theme.to_owned());
    if let Err(e) = annals::build(&options) {
        panic!("build of {} with {theme} failed:\n{e}", root.display());
    }
    (tmp, out)
}

#[test]
fn a_theme_extending_default_replaces_one_template_and_one_option() {
    let (_tmp, out) = crate::support::build(&fixture("themed"));
    crawl(&out);
    let chapter = read(&out, "2024/one/index.html");
    // Its own chapter.html, with the site's value of its own option…
    assert!(chapter.contains("<p class=\"banner\">Special edition</p>"), "{chapter}");
    assert!(!chapter.contains("class=\"chapter-head\""));
    // …inside default's base.html, with the accent it declares instead of
    // default's.
    assert!(chapter.contains("--brand: #1f4e79;"), "{chapter}");
    assert!(chapter.contains("class=\"masthead\""));
    // Every other page is default's, and obeys the inherited option the
    // site turned off.
    let report = read(&out, "2024/index.html");
    assert!(report.contains("class=\"report-hero\""));
    assert!(!report.contains("class=\"key-figures\""));
    // English strings come from default.
    assert!(report.contains(">Contents</h2>"), "{report}");
    assert!(out.join("assets/annals.css").is_file());
}

#[test]
fn a_theme_extending_a_missing_theme_is_an_error_in_its_theme_yaml() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: child\n");
    site.file("themes/child/theme.yaml", "name: child\nextends: defualt\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("themes/child/theme.yaml"));
    assert_eq!(e.line, Some(2));
    assert_eq!(e.message, "there is no theme `defualt` to extend");
    assert_eq!(e.hint.as_deref(), Some("did you mean `default`?"));
}

#[test]
fn themes_extending_each_other_in_a_loop_are_an_error() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: left\n");
    site.file("themes/left/theme.yaml", "name: left\nextends: right\n");
    site.file("themes/right/theme.yaml", "name: right\nextends: left\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("themes/right/theme.yaml"));
    assert_eq!(e.line, Some(2));
    assert_eq!(e.message, "themes extend each other in a loop: left → right → left");
}

#[test]
fn a_theme_may_not_extend_itself() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: mine\n");
    site.file("themes/mine/theme.yaml", "name: mine\nextends: mine\n");
    assert_eq!(site.error().message, "themes extend each other in a loop: mine → mine");
}

/// What every message about a theme name that is no folder name hints.
const NAME_HINT: &str = "a theme is named by its folder under themes/ (`mine` for themes/mine/), or is a built-in one (default, gazette)";

#[test]
fn a_theme_name_that_is_a_path_is_an_error_at_its_line_and_column() {
    let site = TestSite::new();
    for name in ["../../elsewhere", "a/b", "..", ".", "/etc", "\"\"", "'a\\b'", "C:x"] {
        site.file("site.yaml", &format!("title: T\ntheme: {name}\n"));
        let e = site.error();
        assert_eq!(e.file, Path::new("site.yaml"), "{name}");
        assert_eq!((e.line, e.column), (Some(2), Some(8)), "{name}: {e}");
        assert_eq!(e.hint.as_deref(), Some(NAME_HINT), "{name}");
    }
    site.file("site.yaml", "title: T\ntheme: child\n");
    site.file("themes/child/theme.yaml", "name: child\nextends: ../../default\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("themes/child/theme.yaml"));
    assert_eq!((e.line, e.column), (Some(2), Some(10)));
    assert_eq!(e.message, "`../../default` is not a theme name: a theme is one folder, not a path");
    assert_eq!(e.hint.as_deref(), Some(NAME_HINT));
    // `theme/…` names the theme in use's templates: no theme has that name.
    site.file("themes/child/theme.yaml", "name: child\nextends: theme\n");
    assert!(site.error().message.starts_with("`theme` cannot name a theme"));
}

#[test]
fn a_theme_outside_the_site_stops_the_command_with_exit_1_at_its_position() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: ../../elsewhere\n");
    let run = |args: &[&str]| {
        let out =
            crate::support::annals().args(args).arg("--root").arg(site.root()).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    for command in ["build", "check"] {
        let (code, stderr) = run(&[command]);
        assert_eq!(code, Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("error: site.yaml:2:8: `../../elsewhere` is not a theme name"),
            "{stderr}"
        );
        assert!(stderr.contains(NAME_HINT), "{stderr}");
    }
    site.file("site.yaml", "title: T\n");
    let (code, stderr) = run(&["build", "--theme", "../default"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error: --theme: `../default` is not a theme name"), "{stderr}");
}

#[test]
fn an_unknown_key_in_theme_yaml_names_the_nearest() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: mine\n");
    site.file("themes/mine/theme.yaml", "name: mine\nextend: default\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("themes/mine/theme.yaml"));
    assert_eq!(e.line, Some(2));
    assert_eq!(e.message, "unknown key `extend`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `extends`?"));
}

#[test]
fn a_theme_option_of_the_wrong_type_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme_options:\n  show_key_figures: \"no\"\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("site.yaml"));
    assert_eq!(e.line, Some(3));
    assert_eq!(e.message, "the theme option `show_key_figures` must be true or false, not text");
    assert_eq!(e.hint.as_deref(), Some("the theme's default is `true`"));
    site.file("site.yaml", "title: T\ntheme_options:\n  accent: 12\n");
    assert_eq!(site.error().message, "the theme option `accent` must be text, not a number");
}

#[test]
fn an_unknown_theme_option_names_the_nearest() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: gazette\ntheme_options:\n  papr: A4\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("site.yaml"));
    assert_eq!(e.line, Some(4));
    assert_eq!(e.message, "the theme `gazette` has no option `papr`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `paper`?"));
}

#[test]
fn theme_options_reach_the_templates() {
    let site = TestSite::new();
    site.file(
        "site.yaml",
        "title: T\ntheme: gazette\ntheme_options:\n  accent: \"#004488\"\n  paper: A4\n",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    assert!(read(&out, "index.html").contains("--brand: #004488;"));
    assert!(read(&out, "2024/print/index.html").contains("@page { size: A4; }"));
}

#[test]
fn the_logo_option_shows_a_static_file_in_the_masthead() {
    for theme in ["default", "gazette"] {
        let site = TestSite::new();
        site.file(
            "site.yaml",
            &format!("title: T\ntheme: {theme}\ntheme_options:\n  logo: images/logo.png\n"),
        );
        site.bytes("static/images/logo.png", b"\x89PNG");
        site.build().unwrap();
        let out = site.root().join("public");
        let chapter = read(&out, "2024/one/index.html");
        assert!(chapter.contains("src=\"../../images/logo.png\""), "{theme}: {chapter}");
        crawl(&out);
        // Without the logo option, no image in the masthead.
        site.file("site.yaml", &format!("title: T\ntheme: {theme}\n"));
        site.build().unwrap();
        assert!(!read(&out, "index.html").contains("logo"), "{theme}");
    }
}

#[test]
fn a_logo_that_is_no_static_file_is_an_error() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme_options:\n  logo: /images/logo.png\n");
    site.bytes("static/images/logo.png", b"\x89PNG");
    let e = site.error();
    assert_eq!(e.file, Path::new("site.yaml"));
    assert_eq!(e.line, Some(3));
    assert_eq!(e.message, "the logo `/images/logo.png` is not a static file");
    assert_eq!(e.hint.as_deref(), Some("write it relative to static/: `logo: images/logo.png`"));
    site.file("site.yaml", "title: T\ntheme_options:\n  logo: logo.svg\n");
    assert_eq!(
        site.error().hint.as_deref(),
        Some("put the image at static/logo.svg in the site folder, or leave `logo` empty")
    );
}

#[test]
fn gazette_is_built_in_and_a_site_theme_of_that_name_wins() {
    // Built in: a site without themes/ builds with it.
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: gazette\n");
    site.build().unwrap();
    let out = site.root().join("public");
    assert!(read(&out, "index.html").contains("assets/gazette.css"));
    assert!(out.join("assets/gazette.css").is_file());
    // The site's own themes/gazette/ is used instead.
    site.file("themes/gazette/theme.yaml", "name: gazette\nextends: default\n");
    site.file(
        "themes/gazette/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>my own gazette</p>{% endblock main %}",
    );
    site.build().unwrap();
    assert!(read(&out, "404.html").contains("my own gazette"));
    assert!(!read(&out, "index.html").contains("gazette.css"));
}

#[test]
fn site_templates_and_static_files_override_gazette() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: gazette\n");
    site.file(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Custom missing page</p>{% endblock main %}",
    );
    site.file("static/assets/gazette.css", "body { color: red }");
    site.build().unwrap();
    let out = site.root().join("public");
    let missing = read(&out, "404.html");
    assert!(missing.contains("Custom missing page"));
    assert!(missing.contains("class=\"nameplate\""), "gazette's base.html");
    assert_eq!(read(&out, "assets/gazette.css"), "body { color: red }");
}

#[test]
fn a_site_template_overrides_one_block_of_whichever_theme_it_uses() {
    let site = TestSite::new();
    site.file(
        "templates/base.html",
        "{% extends \"theme/base.html\" %}{% block title %}Ours: {{ page_title }}{% endblock title %}",
    );
    for (theme, masthead) in [("default", "class=\"brand\""), ("gazette", "class=\"nameplate\"")] {
        site.file("site.yaml", &format!("title: T\ntheme: {theme}\n"));
        site.build().unwrap();
        let chapter = read(&site.root().join("public"), "2024/one/index.html");
        assert!(chapter.contains("<title>Ours: One</title>"), "{theme}: {chapter}");
        // Everything else is the theme's.
        assert!(chapter.contains(masthead), "{theme}: {chapter}");
    }
}

#[test]
fn a_child_theme_changes_one_block_and_its_parents_pages_take_its_base() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: mine\n");
    site.file("themes/mine/theme.yaml", "name: mine\nextends: default\n");
    site.file(
        "themes/mine/templates/base.html",
        "{% extends \"default/base.html\" %}{% block head %}<meta name=\"mine\">{% endblock head %}",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    // default's chapter.html and 404.html extend `base.html`: mine's.
    for page in ["2024/one/index.html", "404.html"] {
        let html = read(&out, page);
        assert!(html.contains("<meta name=\"mine\">"), "{page}: {html}");
        assert!(html.contains("class=\"masthead\""), "{page}: default's other blocks");
    }
    assert!(read(&out, "2024/one/index.html").contains("class=\"chapter-head\""));
}

#[test]
fn a_theme_extending_gazette_changes_one_block_and_keeps_both_parents_rest() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: mine\n");
    site.file("themes/mine/theme.yaml", "name: mine\nextends: gazette\n");
    site.file(
        "themes/mine/templates/base.html",
        "{% extends \"gazette/base.html\" %}{% block body_class %}mine {{ super() }}{% endblock body_class %}",
    );
    site.file(
        "themes/mine/templates/chapter.html",
        "{% extends \"gazette/chapter.html\" %}{% block page_head %}<h1 class=\"mine\">{{ chapter.title }}</h1>{% endblock page_head %}",
    );
    site.build().unwrap();
    let chapter = read(&site.root().join("public"), "2024/one/index.html");
    for (what, html) in [
        ("mine's head", "<h1 class=\"mine\">One</h1>"),
        (
            "mine's body class around gazette's and default's",
            "<body class=\"mine gazette kind-chapter\">",
        ),
        ("gazette's masthead", "class=\"nameplate\""),
        ("gazette's article and body", "<article class=\"story\">"),
        ("gazette's prose, in one column for a short text", "<div class=\"prose\">"),
        ("default's chapter navigation", "class=\"prev-next\""),
    ] {
        assert!(chapter.contains(html), "{what}: {chapter}");
    }
    assert!(!chapter.contains("class=\"page-head\""), "gazette's head is replaced: {chapter}");
}

#[test]
fn a_template_error_in_a_child_theme_or_a_site_override_names_its_file_and_line() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: mine\n");
    site.file("themes/mine/theme.yaml", "name: mine\nextends: default\n");
    let child = "themes/mine/templates/chapter.html";
    site.file(child, "{% extends \"default/chapter.html\" %}\n{% block main %}\n{{ chapter.title }\n{% endblock main %}\n");
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line), (Path::new(child), Some(3)), "{e}");
    // A block that no parent has, at its name.
    site.file(
        child,
        "{% extends \"default/chapter.html\" %}\n{% block mian %}{% endblock mian %}\n",
    );
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line, e.column), (Path::new(child), Some(2), Some(10)), "{e}");
    assert_eq!(e.message, "template error: Block `mian` is not defined in any parent template");
    // A parent that is no template.
    site.file(child, "{% extends \"default/chapter.htm\" %}\n");
    let e = site.error();
    assert_eq!(e.file, Path::new(child));
    assert_eq!(e.hint.as_deref(), Some("did you mean `default/chapter.html`?"));
    // A site's template that extends its own name means the theme's.
    site.file(child, "{% extends \"default/chapter.html\" %}\n");
    site.file("templates/chapter.html", "{% extends \"chapter.html\" %}\n");
    let e = site.error();
    assert_eq!(e.file, Path::new("templates/chapter.html"));
    assert_eq!(
        e.hint.as_deref(),
        Some("to change blocks of the theme's own `chapter.html`, extend `theme/chapter.html`")
    );
    site.file("templates/chapter.html", "{% extends \"theme/chapter.html\" %}\n{% block main %}{{ chapter.nope }}{% endblock main %}\n");
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line), (Path::new("templates/chapter.html"), Some(2)), "{e}");
}

#[test]
fn a_theme_that_extends_none_must_have_every_page_template() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\ntheme: bare\n");
    site.file("themes/bare/theme.yaml", "name: bare\n");
    site.file("themes/bare/i18n/zh-CN.yaml", "figure_plain: \"{value}{unit}\"\n");
    site.file("themes/bare/templates/base.html", "{% block main %}{% endblock main %}");
    let e = site.error();
    assert_eq!(e.message, "the theme `bare` has no template `home.html`");
    // A folder of templates/ named like a theme of the chain would hide it.
    site.file("site.yaml", "title: T\ntheme: gazette\n");
    site.file("templates/default/chapter.html", "");
    let e = site.error();
    assert_eq!(e.file, Path::new("templates/default/chapter.html"));
    assert_eq!(e.message, "this template lies in a folder named like the theme `default`");
}

#[test]
fn the_sitemap_feed_and_robots_templates_escape_what_they_print() {
    let site = TestSite::new();
    site.file(
        "site.yaml",
        "title: T & 'Co'\nbase_url: https://example.org/a&b\ndescription: \"it's <b>\"\n",
    );
    site.file(
        "content/2024/_index.md",
        "---\ntitle: \"Tom's & Jerry's\"\nauthor: \"O'Neil <&> Co\"\n---\nPreface.\n",
    );
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\nslug: \"o'neil&co\"\ndate: 2024-05-06\n---\n",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    let sitemap = read(&out, "sitemap.xml");
    assert!(
        sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains(
            "  <url>\n    <loc>https://example.org/a&amp;b/2024/o&#39;neil&amp;co/</loc>\n    <lastmod>2024-05-06</lastmod>\n  </url>\n"
        ),
        "{sitemap}"
    );
    let feed = read(&out, "atom.xml");
    for line in [
        "  <title>T &amp; &#39;Co&#39;</title>\n  <subtitle>it&#39;s &lt;b&gt;</subtitle>\n",
        "    <title>Tom&#39;s &amp; Jerry&#39;s</title>\n    <link href=\"https://example.org/a&amp;b/2024/\"/>\n",
        "    <updated>2024-12-31T00:00:00Z</updated>\n    <author><name>O&#39;Neil &lt;&amp;&gt; Co</name></author>\n  </entry>\n",
    ] {
        assert!(feed.contains(line), "{line}\n{feed}");
    }
    for xml in [&sitemap, &feed] {
        roxmltree::Document::parse(xml).unwrap();
    }
    // Text, not XML: as it is.
    assert_eq!(
        read(&out, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/a&b/sitemap.xml\n"
    );
}

#[test]
fn a_site_or_a_theme_replaces_the_sitemap_feed_and_robots_templates() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nbase_url: https://example.org\ntheme: mine\n");
    site.file("themes/mine/theme.yaml", "name: mine\nextends: gazette\n");
    site.file(
        "themes/mine/templates/sitemap.xml",
        "{% for entry in entries %}{{ entry.loc }}{% if entry.lastmod %} {{ entry.lastmod }}{% endif %}\n{% endfor %}",
    );
    site.file(
        "templates/robots.txt",
        "User-agent: *\nDisallow: /print/\n{% if sitemap_url %}Sitemap: {{ sitemap_url }}\n{% endif %}",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.starts_with("https://example.org/\nhttps://example.org/2024/\n"), "{sitemap}");
    assert_eq!(
        read(&out, "robots.txt"),
        "User-agent: *\nDisallow: /print/\nSitemap: https://example.org/sitemap.xml\n"
    );
    // The feed is default's, through gazette.
    assert!(read(&out, "atom.xml").contains("<generator>annals</generator>"));
    // An error in one names its file and line.
    site.file("templates/robots.txt", "User-agent: *\n{{ sitemap_ulr }}\n");
    let e = site.error();
    assert_eq!((e.file.as_path(), e.line), (Path::new("templates/robots.txt"), Some(2)), "{e}");
    assert_eq!(
        e.hint.as_deref(),
        Some("while rendering `robots.txt`; check the names of the variables it uses")
    );
}

#[test]
fn a_theme_without_the_sitemap_feed_and_robots_templates_gets_the_built_in_ones() {
    // A site's copy of default made before these were templates.
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nbase_url: https://example.org\n");
    let default = repo_root().join("themes/default");
    for file in walkdir::WalkDir::new(&default).into_iter().map(Result::unwrap) {
        let rel = file.path().strip_prefix(&default).unwrap().to_string_lossy().into_owned();
        let machine_read = ["templates/sitemap.xml", "templates/atom.xml", "templates/robots.txt"];
        if file.file_type().is_file() && !machine_read.contains(&rel.as_str()) {
            site.bytes(&format!("themes/default/{rel}"), &std::fs::read(file.path()).unwrap());
        }
    }
    site.build().unwrap();
    let out = site.root().join("public");
    assert!(read(&out, "sitemap.xml").contains("<loc>https://example.org/2024/one/</loc>"));
    assert!(read(&out, "atom.xml").contains("<id>https://example.org/2024/</id>"));
    assert!(read(&out, "robots.txt").ends_with("Sitemap: https://example.org/sitemap.xml\n"));
}

#[test]
fn gazette_builds_the_example_site_with_every_reference_resolving_twice_alike() {
    let (_a, first) = build_with(&repo_root(), "gazette");
    assert!(crawl(&first) > 200);
    let (_b, second) = build_with(&repo_root(), "gazette");
    assert!(tree(&first) == tree(&second), "two builds differ");
    let report = read(&first, "2024/index.html");
    assert!(report.contains("class=\"nameplate\""));
    assert!(report.contains("履职尽责担使命 凝心聚力谱新篇"));
    // Key figures in a data box, the number set apart from its unit.
    assert!(report.contains("<span class=\"figure-value\"><b>300</b>余人次</span>"), "{report}");
    // Figures in the text still read as the article writes them.
    let counsel = read(&first, "2024/counsel/index.html");
    assert!(counsel.contains(">300余人次</a>"));
    // Search keeps the element ids assets/search.js looks for.
    let search = read(&first, "search/index.html");
    for id in ["id=\"q\"", "id=\"search-status\"", "id=\"search-results\""] {
        assert!(search.contains(id), "{id}");
    }
    assert!(search.contains("assets/search.js"));
    // The broadsheet keeps an anchor for every chapter of its contents.
    let print = read(&first, "2024/print/index.html");
    assert!(print.contains("@page { size: A4; }"));
    assert!(print.contains("id=\"chapter-counsel\""));
}

#[test]
fn gazette_builds_the_two_year_fixture_with_every_reference_resolving_twice_alike() {
    let (_a, first) = build_with(&fixture("two-years"), "gazette");
    assert!(crawl(&first) > 100);
    let (_b, second) = build_with(&fixture("two-years"), "gazette");
    assert!(tree(&first) == tree(&second), "two builds differ");
    let home = read(&first, "index.html");
    // The newest report leads, the older one is listed under it.
    let (lead, earlier) = (home.find("lead-story").unwrap(), home.find("back-issues").unwrap());
    assert!(lead < earlier);
    assert!(read(&first, "stats/index.html").contains("across-years"));
}

#[test]
fn gazette_speaks_english_too() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nlanguage: en\ntheme: gazette\n");
    site.file(
        "content/2024/records.yaml",
        "- date: 2024-03-05\n  title: A visit\n- date: 2024-04\n  title: A survey\n",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    let report = read(&out, "2024/index.html");
    assert!(report.contains("<html lang=\"en\">"));
    assert!(report.contains("In this report"), "{report}");
    assert!(report.contains("Part 1"));
    let chronicle = read(&out, "2024/chronicle/index.html");
    assert!(chronicle.contains("<time datetime=\"2024-03-05\">5 March</time>"), "{chronicle}");
    assert!(chronicle.contains("<time datetime=\"2024-04\">April</time>"), "{chronicle}");
}

// The guide. docs/themes.md documents, in tables whose first column holds
// a name in backticks, the variables of every template (`### \`X.html\``,
// `### \`sitemap.xml\``; `### Variables of every template`, and `###
// Variables of every page` for the `.html` ones) and the fields of every
// view type (`### \`TypeName\``), each with its type in the second column.
// The test renders real sites, without writing them, and compares.

/// What docs/themes.md says.
struct Guide {
    /// Variables every template gets.
    common: BTreeMap<String, String>,
    /// Variables every page template (`….html`) gets too.
    page: BTreeMap<String, String>,
    /// Template → its own variables → type.
    templates: BTreeMap<String, BTreeMap<String, String>>,
    /// View type → field → type.
    types: BTreeMap<String, BTreeMap<String, String>>,
}

fn read_guide() -> Guide {
    let text = std::fs::read_to_string(repo_root().join("docs/themes.md")).unwrap();
    let mut guide = Guide {
        common: BTreeMap::new(),
        page: BTreeMap::new(),
        templates: BTreeMap::new(),
        types: BTreeMap::new(),
    };
    // Which table the rows below belong to.
    enum Target {
        None,
        Common,
        Page,
        Template(String),
        Type(String),
    }
    let mut target = Target::None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            let name = heading.trim().trim_matches('`');
            target = if heading == "Variables of every template" {
                Target::Common
            } else if heading == "Variables of every page" {
                Target::Page
            } else if heading.starts_with('`') && name.contains('.') {
                // A template may have no variables of its own: no rows.
                guide.templates.entry(name.to_owned()).or_default();
                Target::Template(name.to_owned())
            } else if heading.starts_with('`') && name.starts_with(char::is_uppercase) {
                Target::Type(name.to_owned())
            } else {
                Target::None
            };
            continue;
        }
        if line.starts_with("## ") {
            target = Target::None;
            continue;
        }
        let Some(row) = line.strip_prefix("| `") else { continue };
        let cells: Vec<&str> = row.split(" | ").collect();
        let table = match &target {
            Target::None => continue,
            Target::Common => &mut guide.common,
            Target::Page => &mut guide.page,
            Target::Template(t) => guide.templates.entry(t.clone()).or_default(),
            Target::Type(t) => guide.types.entry(t.clone()).or_default(),
        };
        let name = cells[0].trim_end_matches('`').to_owned();
        let ty = strip_links(cells.get(1).copied().unwrap_or("").trim());
        assert!(table.insert(name.clone(), ty).is_none(), "`{name}` documented twice");
    }
    guide
}

/// `list of [Figure](#figure)` → `list of Figure`.
fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find("](").map(|i| open + i).unwrap();
        out.push_str(&rest[open + 1..close]);
        let end = rest[close..].find(')').map(|i| close + i).unwrap();
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace('`', "")
}

/// Each disagreement once, with the first place it was seen.
#[derive(Default)]
struct Problems(BTreeMap<String, String>);

impl Problems {
    fn add(&mut self, message: String, at: &str) {
        self.0.entry(message).or_insert_with(|| at.to_owned());
    }
}

/// Checks `value` against the documented type `ty`; records problems and
/// the view types seen with a value.
fn check(
    guide: &Guide,
    value: &Value,
    ty: &str,
    at: &str,
    seen: &mut BTreeSet<String>,
    problems: &mut Problems,
) {
    if let Some(item) = ty.strip_prefix("list of ") {
        match value.as_array() {
            Some(items) => {
                for (i, v) in items.iter().enumerate() {
                    check(guide, v, item, &format!("{at}[{i}]"), seen, problems);
                }
            }
            None => {
                problems.add(format!("documented as `{ty}`, is {value}"), at);
            }
        }
        return;
    }
    if let Some(inner) = ty.strip_suffix(" or none") {
        if !value.is_null() {
            check(guide, value, inner, at, seen, problems);
        }
        return;
    }
    let ok = match ty {
        "string" | "html" | "date" => value.is_string(),
        "url" => value.as_str().is_some_and(|s| !s.starts_with('/') && !s.contains("://")),
        "absolute url" => value.as_str().is_some_and(|s| s.starts_with("http")),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "bool" => value.is_boolean(),
        "map" => value.is_object(),
        name => {
            let Some(fields) = guide.types.get(name) else {
                problems.add(format!("the type `{ty}` is documented nowhere"), at);
                return;
            };
            let Some(object) = value.as_object() else {
                problems.add(format!("documented as `{ty}`, is {value}"), at);
                return;
            };
            seen.insert(name.to_owned());
            for key in object.keys() {
                if !fields.contains_key(key) {
                    problems.add(format!("{name}: field `{key}` is not documented"), at);
                }
            }
            for (field, field_ty) in fields {
                match object.get(field) {
                    Some(v) => check(guide, v, field_ty, &format!("{at}.{field}"), seen, problems),
                    None => {
                        problems
                            .add(format!("{name}: documented field `{field}` is not there"), at);
                    }
                }
            }
            true
        }
    };
    if !ok {
        problems.add(format!("documented as `{ty}`, is {value}"), at);
    }
}

#[test]
fn the_theme_guide_documents_every_template_variable_and_view_field() {
    let guide = read_guide();
    assert!(guide.page.contains_key("root") && guide.common.contains_key("config"));
    assert!(guide.types.contains_key("ReportView"));
    // Sites that together hold every view type with a value: the example,
    // the two-year library (changes against last year, archival pages), and
    // a small one with a paginated section, photos on the home page and a
    // PDF edition.
    let paginated = TestSite::new();
    // Its report pages link a PDF edition.
    paginated.file("site.yaml", "title: Test\npdf: true\n");
    paginated.file("content/notes/_index.md", "---\ntitle: Notes\npaginate_by: 1\n---\n");
    paginated.file("content/notes/a.md", "---\ntitle: A\n---\n");
    paginated.file("content/notes/b.md", "---\ntitle: B\n---\n");
    paginated.file(
        "content/_index.md",
        "---\ntitle: Home\nphotos:\n  - src: p.png\n    alt: A photo\n---\n",
    );
    paginated.bytes(
        "content/p.png",
        include_bytes!("../fixtures/two-years/content/2024/photos/reading-room.png"),
    );
    let roots = [repo_root(), fixture("two-years"), paginated.root().to_path_buf()];
    let mut seen_types = BTreeSet::new();
    let mut seen_templates = BTreeSet::new();
    let mut problems = Problems::default();
    for root in &roots {
        let contexts = annals::template_contexts(&BuildOptions::new(root))
            .unwrap_or_else(|e| panic!("{}: {e}", root.display()));
        for page in contexts {
            let template = page.template;
            seen_templates.insert(template.to_owned());
            let Some(own) = guide.templates.get(template) else {
                problems.add(format!("{template} has no `### `{template}`` table"), &page.path);
                continue;
            };
            let is_page = template.ends_with(".html");
            let no_page_variables = BTreeMap::new();
            let every = if is_page { &guide.page } else { &no_page_variables };
            for (name, value) in &page.variables {
                let at = format!("{template} `{name}`");
                match own.get(name).or_else(|| guide.common.get(name)).or_else(|| every.get(name)) {
                    Some(ty) => check(&guide, value, ty, &at, &mut seen_types, &mut problems),
                    None => {
                        problems.add(
                            format!("{template}: variable `{name}` is not documented"),
                            &page.path,
                        );
                    }
                }
            }
            for name in own.keys().chain(guide.common.keys()).chain(every.keys()) {
                if !page.variables.contains_key(name) {
                    problems.add(
                        format!("{template}: documented variable `{name}` is not there"),
                        &page.path,
                    );
                }
            }
        }
    }
    for t in guide.templates.keys() {
        if !seen_templates.contains(t) {
            problems.add(format!("{t} is documented but no test site renders it"), "");
        }
    }
    for t in guide.types.keys() {
        if !seen_types.contains(t) {
            let message = format!("{t} is documented but no test site gives it a value");
            problems.add(message, "add one to the test");
        }
    }
    let list: Vec<String> = problems.0.iter().map(|(m, at)| format!("{m} ({at})")).collect();
    assert!(
        list.is_empty(),
        "docs/themes.md and the templates' variables disagree:\n{}",
        list.join("\n")
    );
}

/// A theme of its own, written before figures had ranges and 万 (it has
/// only the four `figure_*` strings), still builds, and writes figures as
/// the default theme does for its language.
#[test]
fn a_theme_of_its_own_without_the_newer_figure_strings_still_writes_figures() {
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nlanguage: zh-CN\ntheme: plain\n")
        .file("themes/plain/theme.yaml", "name: plain\n")
        .file(
            "themes/plain/i18n/zh-CN.yaml",
            "figure_plain: \"{value}{unit}\"\nfigure_over: \"{value}余{unit}\"\nfigure_nearly: \"近{value}{unit}\"\nfigure_about: \"约{value}{unit}\"\n",
        )
        .file(
            "content/2024/01-one.md",
            "---\ntitle: One\nstats:\n  - key: visits\n    label: 走访\n    value: 2.83\n    scale: 万\n    unit: 人次\n    approx: over\n  - key: sites\n    label: 联系点\n    value: [5, 10]\n    unit: 个\n---\n{{ stat(key=\"visits\") }} {{ stat(key=\"sites\") }}\n",
        );
    let page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>{{ page_title }}</title></head><body><h1>{{ page_title }}</h1>{{ content | default(value='') | safe }}</body></html>\n";
    for name in [
        "base.html",
        "home.html",
        "report.html",
        "chapter.html",
        "stats.html",
        "site_stats.html",
        "chronicle.html",
        "print.html",
        "photos.html",
        "section.html",
        "page.html",
        "tags.html",
        "tag.html",
        "search.html",
        "404.html",
    ] {
        site.file(&format!("themes/plain/templates/{name}"), page);
    }
    site.file("themes/plain/templates/partials/figure.html", "");
    site.build().unwrap();
    let chapter = read(&site.root().join("public"), "2024/one/index.html");
    assert!(chapter.contains(">2.83万余人次</a> <a"), "{chapter}");
    assert!(chapter.contains(">5—10个</a>"), "{chapter}");
}

/// The publisher's facts in every page's footer, and chapters numbered in
/// one style everywhere, in both themes.
#[test]
fn footer_facts_and_chapter_numerals_in_both_themes() {
    for theme in ["default", "gazette"] {
        let site = TestSite::new();
        site.file(
            "site.yaml",
            &format!("title: T\ntheme: {theme}\nfooter:\n  organisation: 某某区政协办公室\n  icp: 宁ICP备00000000号\n  site_id: \"6403000001\"\ntheme_options:\n  chapter_numerals: chinese\n"),
        );
        site.file("content/2024/03-three.md", "---\ntitle: Three\n---\nBody.\n");
        site.build().unwrap();
        let out = site.root().join("public");
        for page in ["index.html", "2024/index.html", "2024/one/index.html", "404.html"] {
            let html = read(&out, page);
            assert!(html.contains("<li>主办单位：某某区政协办公室</li>"), "{theme} {page}");
            assert!(html.contains("<li>网站标识码：6403000001</li>"), "{theme} {page}");
            assert!(html.contains(">宁ICP备00000000号</a>"), "{theme} {page}");
        }
        let chapter = read(&out, "2024/three/index.html");
        assert!(chapter.contains(">第三部分<"), "{theme}: {chapter}");
        let print = read(&out, "2024/print/index.html");
        assert!(print.contains(">三</span>"), "{theme}: the contents number as the labels do");
    }
    let site = TestSite::new();
    site.file("site.yaml", "title: T\nfooter:\n  organization: X\n");
    let e = site.error();
    assert_eq!((e.line, e.message.as_str()), (Some(3), "unknown key `organization`"));
    assert_eq!(e.hint.as_deref(), Some("did you mean `organisation`?"));
}
