//! Themes: `themes/NAME/` in the site, or one built into the binary (so
//! `annals` works in any folder). A theme has `theme.yaml`, `templates/`,
//! `static/` and `i18n/LANG.yaml`, and may extend another theme by name;
//! the site's own `templates/` and `static/` replace the theme's files of
//! the same name.
//!
//! Templates get the names Tera knows them by here, so that a theme holds
//! only what it changes: `NAME/X` is theme NAME's own `X`
//! (`default/chapter.html`); `X` is the site's `templates/X`, else the
//! nearest theme's of the chain (Tera's fallback prefixes, from `chain`);
//! `theme/X` is the nearest theme's, whatever the site overrides. So a
//! template that extends `default/chapter.html` overrides its blocks, and
//! the `base.html` that one extends is the nearest `base.html`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use serde::Deserialize;
use serde_json::{Map, Value};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, nearest};
use crate::tr;
use crate::yaml::{self, Source, Spanned};

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

#[derive(RustEmbed)]
#[folder = "themes/gazette/"]
struct GazetteTheme;

/// Themes built into the binary. A site's own `themes/NAME/` of the same
/// name wins over a built-in one.
pub const BUILT_IN: [&str; 2] = ["default", "gazette"];

/// The folder templates name the theme in use by: `theme/chapter.html` is
/// the theme's own `chapter.html` (or its parent's), not the site's.
pub const ALIAS: &str = "theme";

/// Templates of annals' own files that a chain of themes may lack (a
/// theme that extends none, a site's copy of an older `default`): the
/// built-in `default` theme's are used then.
const ALWAYS_THERE: [&str; 3] = ["sitemap.xml", "atom.xml", "robots.txt"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // name, description, version: read by people, checked by serde.
struct RawTheme {
    name: String,
    description: Option<String>,
    version: Option<String>,
    extends: Option<Spanned<String>>,
    #[serde(default)]
    options: Map<String, Value>,
}

/// A theme ready to render with.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    /// The theme and the themes it extends, the theme first:
    /// `["gazette", "default"]`.
    pub chain: Vec<String>,
    /// Every template by the name Tera knows it by (see the module's
    /// comment): `gazette/chapter.html`, `chapter.html`, `theme/chapter.html`.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Files copied to the output root.
    pub static_files: BTreeMap<String, StaticFile>,
    /// Interface strings in the language being rendered.
    pub strings: Map<String, Value>,
    /// The interface strings of each of the site's other languages, by
    /// tag (see `in_language`).
    pub other_strings: BTreeMap<String, Map<String, Value>>,
    /// Declared options with the site's values applied.
    pub options: Map<String, Value>,
    /// The Typst files of the PDF edition by their path in Typst's file
    /// system: each theme's `pdf/X` as `/themes/NAME/X`, and the nearest
    /// one (the site's own `pdf/X` before any theme's) as `/theme/X`.
    pub pdf: BTreeMap<String, ThemeFile>,
}

/// A file of a theme, read only when it is needed (a site's `pdf/` folder
/// may hold more than Typst files), and where it came from (for messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    content: StaticFile,
    /// Relative to the site root where it lies inside it.
    pub file: PathBuf,
}

impl ThemeFile {
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match &self.content {
            StaticFile::Embedded(bytes) => Ok(bytes.clone()),
            StaticFile::Disk(path) => std::fs::read(path),
        }
    }
}

/// A template's text and the file it came from, for messages.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub text: String,
    /// Relative to the site root where it lies inside it:
    /// `themes/mine/templates/chapter.html`, `templates/chapter.html`.
    pub file: PathBuf,
}

#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(Vec<u8>),
    Disk(PathBuf),
}

/// Where a theme's files come from.
enum Files {
    Disk(PathBuf),
    /// A built-in theme, by name.
    Embedded(&'static str),
}

/// The files of a built-in theme, by path relative to its folder.
fn embedded_files(name: &str) -> Box<dyn Iterator<Item = std::borrow::Cow<'static, str>>> {
    match name {
        "gazette" => Box::new(GazetteTheme::iter()),
        _ => Box::new(DefaultTheme::iter()),
    }
}

fn embedded_file(name: &str, rel: &str) -> Option<Vec<u8>> {
    match name {
        "gazette" => GazetteTheme::get(rel),
        _ => DefaultTheme::get(rel),
    }
    .map(|f| f.data.into_owned())
}

impl Files {
    /// The files under `under`, relative to it. Symbolic links are followed
    /// where they stay inside the site at `root`; one that leads outside it
    /// or nowhere, or a folder that cannot be read, is an error naming it,
    /// never a file left out without a word.
    fn list(&self, under: &str, root: &Path) -> Result<Vec<String>, Diagnostic> {
        match self {
            Files::Disk(dir) => {
                let base = dir.join(under);
                if !base.is_dir() {
                    return Ok(Vec::new());
                }
                let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
                let named = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let mut out = Vec::new();
                for entry in WalkDir::new(&base).follow_links(true).sort_by_file_name() {
                    let entry = entry.map_err(|e| {
                        let file = named(e.path().unwrap_or(&base));
                        if e.loop_ancestor().is_some() {
                            Diagnostic::new(file, tr!("theme-link-loops"))
                                .hint(tr!("theme-link-loops-hint"))
                        } else if e.path().is_some_and(|p| p.is_symlink() && !p.exists()) {
                            Diagnostic::new(file, tr!("theme-link-nowhere"))
                                .hint(tr!("theme-link-nowhere-hint"))
                        } else {
                            Diagnostic::new(file, tr!("theme-cannot-read", error = e.to_string()))
                        }
                    })?;
                    if entry.path_is_symlink()
                        && !entry
                            .path()
                            .canonicalize()
                            .is_ok_and(|target| target.starts_with(&site))
                    {
                        return Err(Diagnostic::new(
                            named(entry.path()),
                            tr!("theme-link-outside"),
                        )
                        .hint(tr!("theme-link-outside-hint")));
                    }
                    if entry.file_type().is_file()
                        && let Ok(rel) = entry.path().strip_prefix(&base)
                    {
                        out.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
                out.sort();
                Ok(out)
            }
            Files::Embedded(name) => {
                let prefix = format!("{under}/");
                let mut out: Vec<String> = embedded_files(name)
                    .filter_map(|f| f.strip_prefix(&prefix).map(str::to_owned))
                    .collect();
                out.sort();
                Ok(out)
            }
        }
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        match self {
            Files::Disk(dir) => std::fs::read(dir.join(rel)).ok(),
            Files::Embedded(name) => embedded_file(name, rel),
        }
    }

    fn display(&self, rel: &str) -> PathBuf {
        match self {
            Files::Disk(dir) => dir.join(rel),
            Files::Embedded(name) => Path::new(&format!("(built-in theme {name})")).join(rel),
        }
    }

    fn static_file(&self, rel: &str) -> StaticFile {
        match self {
            Files::Disk(dir) => StaticFile::Disk(dir.join("static").join(rel)),
            Files::Embedded(_) => {
                StaticFile::Embedded(self.read(&format!("static/{rel}")).unwrap_or_default())
            }
        }
    }
}

/// Finds the theme `name`: the site's `themes/NAME/`, else a built-in one.
/// `blame` is the diagnostic to extend when there is none.
fn locate(root: &Path, name: &str, blame: Diagnostic) -> Result<Files, Diagnostic> {
    let dir = root.join("themes").join(name);
    if dir.join("theme.yaml").is_file() {
        return Ok(Files::Disk(dir));
    }
    if let Some(built_in) = BUILT_IN.iter().find(|b| **b == name) {
        return Ok(Files::Embedded(built_in));
    }
    let mut known: Vec<String> = BUILT_IN.iter().map(|s| s.to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
        known.extend(
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("theme.yaml").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    known.sort();
    known.dedup();
    let hint = match nearest(name, known.iter().map(String::as_str)) {
        Some(near) => tr!("site-did-you-mean", name = near),
        None => tr!("theme-available", themes = known.join(", ")),
    };
    Err(blame.hint(hint))
}

fn read_text(files: &Files, rel: &str) -> Result<String, Diagnostic> {
    let bytes = files
        .read(rel)
        .ok_or_else(|| Diagnostic::new(files.display(rel), tr!("theme-cannot-read-file")))?;
    String::from_utf8(bytes).map_err(|_| Diagnostic::new(files.display(rel), tr!("theme-not-utf8")))
}

/// What a theme option's value is: its default's kind must be the kind of
/// the site's value. A default of `null` accepts anything.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    Bool,
    Number,
    Text,
    List,
    Map,
}

fn kind_of(value: &Value) -> Kind {
    match value {
        Value::Null => Kind::Empty,
        Value::Bool(_) => Kind::Bool,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::Text,
        Value::Array(_) => Kind::List,
        Value::Object(_) => Kind::Map,
    }
}

/// A kind, for messages.
fn kind_name(kind: Kind) -> String {
    match kind {
        Kind::Empty => tr!("theme-kind-empty"),
        Kind::Bool => tr!("theme-kind-bool"),
        Kind::Number => tr!("theme-kind-number"),
        Kind::Text => tr!("theme-kind-text"),
        Kind::List => tr!("theme-kind-list"),
        Kind::Map => tr!("theme-kind-map"),
    }
}

/// A theme of the chain: its name, its files and the options it declares.
struct Link {
    name: String,
    files: Files,
    options: Map<String, Value>,
}

/// Loads the theme `config.theme` with the site's overrides. Diagnostics
/// name files relative to `root`.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostic> {
    load_chain(root, config).map_err(|d| d.relative_to(root))
}

fn load_chain(root: &Path, config: &Config) -> Result<Theme, Diagnostic> {
    let chain = resolve(root, config)?;
    let templates = templates(root, &chain)?;
    let mut other_strings = BTreeMap::new();
    for language in &config.languages {
        let translated = strings(&chain, root, &config.for_language(&language.tag))?;
        other_strings.insert(language.tag.clone(), translated);
    }
    let strings = strings(&chain, root, config)?;
    let options = options(&chain, root, config)?;
    // From the base theme up, each child replacing what it redefines, and
    // the site's own files over all.
    let mut static_files = BTreeMap::new();
    let site = Files::Disk(root.to_path_buf());
    for files in chain.iter().rev().map(|link| &link.files).chain([&site]) {
        for rel in files.list("static", root)? {
            static_files.insert(rel.clone(), files.static_file(&rel));
        }
    }
    check_logo(&options, &static_files, config, &|key, d| at_option(root, config, key, d))?;
    let pdf = pdf_files(root, &chain)?;
    Ok(Theme {
        name: config.theme.clone(),
        chain: chain.into_iter().map(|link| link.name).collect(),
        templates,
        static_files,
        strings,
        other_strings,
        options,
        pdf,
    })
}

impl Theme {
    /// The theme with the interface strings of `tag`, one of the site's
    /// other languages (the same theme where it is not one).
    pub fn in_language(&self, tag: &str) -> Theme {
        let mut theme = self.clone();
        if let Some(strings) = self.other_strings.get(tag) {
            theme.strings = strings.clone();
        }
        theme
    }
}

/// The Typst files of the PDF edition (see `Theme::pdf`).
fn pdf_files(root: &Path, chain: &[Link]) -> Result<BTreeMap<String, ThemeFile>, Diagnostic> {
    let file = |files: &Files, rel: &str| {
        let path = format!("pdf/{rel}");
        let content = match files {
            Files::Disk(dir) => StaticFile::Disk(dir.join(&path)),
            Files::Embedded(_) => StaticFile::Embedded(files.read(&path).unwrap_or_default()),
        };
        let shown = files.display(&path);
        let shown = shown.strip_prefix(root).map(Path::to_path_buf).unwrap_or(shown);
        ThemeFile { content, file: shown }
    };
    let mut out = BTreeMap::new();
    let site = Files::Disk(root.to_path_buf());
    for rel in site.list("pdf", root)? {
        out.insert(format!("/{ALIAS}/{rel}"), file(&site, &rel));
    }
    for link in chain {
        for rel in link.files.list("pdf", root)? {
            let f = file(&link.files, &rel);
            out.entry(format!("/{ALIAS}/{rel}")).or_insert_with(|| f.clone());
            out.insert(format!("/themes/{}/{rel}", link.name), f);
        }
    }
    Ok(out)
}

/// The theme `config.theme` and the themes it extends, the theme first.
fn resolve(root: &Path, config: &Config) -> Result<Vec<Link>, Diagnostic> {
    if let Some((message, hint)) = name_problem(&config.theme) {
        let d = Diagnostic::new(config.theme_origin, message).hint(hint);
        return Err(at_site_yaml(root, config.theme_position, d));
    }
    let mut chain: Vec<Link> = Vec::new();
    let mut name = config.theme.clone();
    let mut blame = at_site_yaml(
        root,
        config.theme_position,
        Diagnostic::new(config.theme_origin, tr!("theme-unknown", name = config.theme.as_str())),
    );
    loop {
        let files = locate(root, &name, blame)?;
        let text = read_text(&files, "theme.yaml")?;
        let file = files.display("theme.yaml");
        let source = Source { file: &file, text: &text, first_line: 1 };
        let raw: RawTheme = yaml::parse(&text, source)?;
        let RawTheme { name: _, description: _, version: _, extends, options } = raw;
        chain.push(Link { name: name.clone(), files, options });
        let Some(parent) = extends else { return Ok(chain) };
        if let Some((message, hint)) = name_problem(&parent.value) {
            return Err(source.error_at(&parent.referenced, message).hint(hint));
        }
        if chain.iter().any(|link| link.name == parent.value) {
            let mut names: Vec<&str> = chain.iter().map(|link| link.name.as_str()).collect();
            names.push(&parent.value);
            return Err(source
                .error_at(&parent.referenced, tr!("theme-extends-loop", themes = names.join(" → ")))
                .hint(tr!("theme-extends-loop-hint")));
        }
        blame = source.error_at(
            &parent.referenced,
            tr!("theme-unknown-parent", name = parent.value.as_str()),
        );
        name = parent.value;
    }
}

/// Why `name` (from `theme:`, `--theme` or `extends:`) names no theme, if
/// it does not: a message and a hint. A theme is one folder of `themes/`,
/// never a path that could lead out of the site.
fn name_problem(name: &str) -> Option<(String, String)> {
    if name == ALIAS {
        let message = tr!("theme-name-alias", alias = ALIAS);
        return Some((message, tr!("theme-name-alias-hint")));
    }
    let message = if name.is_empty() {
        tr!("theme-name-empty")
    } else if name == "." || name == ".." || name.contains(['/', '\\', ':']) {
        tr!("theme-name-path", name = name)
    } else {
        return None;
    };
    Some((message, tr!("theme-name-hint")))
}

/// Every template by its name for Tera (see the module's comment): each
/// theme's as `NAME/X`, the site's as `X`, the nearest theme's again as
/// `theme/X`, and the built-in `default`'s `ALWAYS_THERE` ones where no
/// theme of the chain nor the site has them.
fn templates(root: &Path, chain: &[Link]) -> Result<BTreeMap<String, TemplateSource>, Diagnostic> {
    let taken: Vec<&str> = chain.iter().map(|link| link.name.as_str()).chain([ALIAS]).collect();
    let mut templates = BTreeMap::new();
    let mut aliases = BTreeMap::new();
    for link in chain {
        for rel in link.files.list("templates", root)? {
            let source = template_source(root, &link.files, &rel, &taken)?;
            let name = format!("{}/{rel}", link.name);
            // The chain runs from the theme up: the first one is the nearest.
            aliases.entry(format!("{ALIAS}/{rel}")).or_insert_with(|| TemplateSource {
                text: format!("{{% extends \"{name}\" %}}"),
                file: source.file.clone(),
            });
            templates.insert(name, source);
        }
    }
    let site = Files::Disk(root.to_path_buf());
    for rel in site.list("templates", root)? {
        let source = template_source(root, &site, &rel, &taken)?;
        templates.insert(rel, source);
    }
    for name in ALWAYS_THERE {
        let alias = format!("{ALIAS}/{name}");
        if !templates.contains_key(name) && !aliases.contains_key(&alias) {
            let built_in = Files::Embedded("default");
            templates.insert(name.to_owned(), template_source(root, &built_in, name, &taken)?);
        }
    }
    templates.extend(aliases);
    Ok(templates)
}

/// The template `templates/REL` of `files`. Its first folder may not be
/// named like a theme of the chain or `theme`: `default/…` and `theme/…`
/// name the templates of themes.
fn template_source(
    root: &Path,
    files: &Files,
    rel: &str,
    taken: &[&str],
) -> Result<TemplateSource, Diagnostic> {
    let path = format!("templates/{rel}");
    let file = files.display(&path);
    if let Some((folder, _)) = rel.split_once('/')
        && taken.contains(&folder)
    {
        return Err(Diagnostic::new(file, tr!("theme-template-folder", folder = folder))
            .hint(tr!("theme-template-folder-hint", folder = folder)));
    }
    let text = read_text(files, &path)?;
    let file = file.strip_prefix(root).map(Path::to_path_buf).unwrap_or(file);
    Ok(TemplateSource { text, file })
}

/// The interface strings in the site's language, key by key from the base
/// theme up.
fn strings(chain: &[Link], root: &Path, config: &Config) -> Result<Map<String, Value>, Diagnostic> {
    let mut strings = Map::new();
    let mut found = false;
    let i18n = format!("i18n/{}.yaml", config.language);
    for files in chain.iter().rev().map(|link| &link.files) {
        if files.read(&i18n).is_none() {
            continue;
        }
        let text = read_text(files, &i18n)?;
        let file = files.display(&i18n);
        let map: Map<String, Value> =
            yaml::parse(&text, Source { file: &file, text: &text, first_line: 1 })?;
        strings.extend(map);
        found = true;
    }
    if found {
        figure_strings_of_the_default_theme(&mut strings, &i18n);
        return Ok(strings);
    }
    let d = Diagnostic::new(
        crate::config::CONFIG_FILE,
        tr!("theme-no-strings", theme = config.theme.as_str(), language = config.language.as_str()),
    )
    .hint(tr!(
        "theme-no-strings-hint",
        languages = crate::config::LANGUAGES.join(", "),
        language = config.language.as_str()
    ));
    Err(at_site_yaml(root, config.language_position, d))
}

/// The strings annals formats figures with, where a theme that does not
/// extend the default one lacks them (it was written before they existed):
/// the default theme's for the language, so its figures still read right.
fn figure_strings_of_the_default_theme(strings: &mut Map<String, Value>, i18n: &str) {
    let keys = crate::stats::PATTERNS.iter().map(|(key, _)| *key).chain(["participants_unit"]);
    if keys.clone().all(|key| strings.contains_key(key)) {
        return;
    }
    let Some(text) = embedded_file("default", i18n).and_then(|b| String::from_utf8(b).ok()) else {
        return;
    };
    let source = Source { file: Path::new(i18n), text: &text, first_line: 1 };
    let Ok(default) = yaml::parse::<Map<String, Value>>(&text, source) else {
        return;
    };
    for key in keys {
        if let (false, Some(value)) = (strings.contains_key(key), default.get(key)) {
            strings.insert(key.to_owned(), value.clone());
        }
    }
}

/// The options the chain declares, each with the site's value where it
/// sets one: an option no theme declares, or a value of another kind than
/// the default, is an error at its line of site.yaml.
fn options(chain: &[Link], root: &Path, config: &Config) -> Result<Map<String, Value>, Diagnostic> {
    let mut options = Map::new();
    for link in chain.iter().rev() {
        options.extend(link.options.clone());
    }
    for (key, value) in &config.theme_options {
        let Some(default) = options.get(key) else {
            let hint = match nearest(key, options.keys().map(String::as_str)) {
                Some(near) => tr!("site-did-you-mean", name = near),
                None if options.is_empty() => tr!("theme-no-options"),
                None => tr!(
                    "theme-options-declared",
                    options = options.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            };
            let d = Diagnostic::new(
                crate::config::CONFIG_FILE,
                tr!("theme-no-option", theme = config.theme.as_str(), key = key.as_str()),
            );
            return Err(at_option(root, config, key, d).hint(hint));
        };
        let (want, got) = (kind_of(default), kind_of(value));
        if !default.is_null() && want != got {
            let d = Diagnostic::new(
                crate::config::CONFIG_FILE,
                tr!(
                    "theme-option-kind",
                    key = key.as_str(),
                    want = kind_name(want),
                    got = kind_name(got)
                ),
            );
            let hint = tr!("theme-option-default", value = default.to_string());
            return Err(at_option(root, config, key, d).hint(hint));
        }
        options.insert(key.clone(), value.clone());
    }
    Ok(options)
}

/// A message about a value of site.yaml, at its position with the line
/// shown where the position is known.
fn at_site_yaml(root: &Path, position: Option<(usize, usize)>, d: Diagnostic) -> Diagnostic {
    let Some((line, column)) = position else { return d };
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    d.at(line, column).with_source(&text)
}

/// A message about the site's value of the theme option `key`.
fn at_option(root: &Path, config: &Config, key: &str, d: Diagnostic) -> Diagnostic {
    at_site_yaml(root, config.theme_option_positions.get(key).copied(), d)
}

/// The `logo` option, where a theme declares one, names a file of the
/// static files (the theme's or the site's), written relative to `static/`.
fn check_logo(
    options: &Map<String, Value>,
    static_files: &BTreeMap<String, StaticFile>,
    config: &Config,
    at: &dyn Fn(&str, Diagnostic) -> Diagnostic,
) -> Result<(), Diagnostic> {
    let Some(Value::String(logo)) = options.get("logo") else { return Ok(()) };
    if logo.is_empty() || static_files.contains_key(logo.as_str()) {
        return Ok(());
    }
    let trimmed = logo.trim_start_matches('/').trim_start_matches("static/");
    let hint = if static_files.contains_key(trimmed) {
        tr!("theme-logo-relative", path = trimmed)
    } else {
        tr!("theme-logo-missing-hint", path = trimmed)
    };
    let file = if config.theme_options.contains_key("logo") {
        crate::config::CONFIG_FILE.to_owned()
    } else {
        format!("themes/{}/theme.yaml", config.theme)
    };
    Err(at("logo", Diagnostic::new(file, tr!("theme-logo-not-static", logo = logo.as_str())))
        .hint(hint))
}
