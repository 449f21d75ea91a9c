//! Themes: `themes/NAME/` in the site, or one built into the binary (so
//! `annals` works in any folder). A theme has `theme.yaml`, `templates/`,
//! `static/` and `i18n/LANG.yaml`; the site's own `templates/` and
//! `static/` replace the theme's files of the same name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use serde::Deserialize;
use serde_json::{Map, Value};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, nearest};
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
    /// Template name (`chapter.html`, `partials/figure.html`) → source and
    /// the file it came from, for error messages.
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Files copied to the output root.
    pub static_files: BTreeMap<String, StaticFile>,
    /// Interface strings in the site's language.
    pub strings: Map<String, Value>,
    /// Declared options with the site's values applied.
    pub options: Map<String, Value>,
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
    fn list(&self, under: &str) -> Vec<String> {
        match self {
            Files::Disk(dir) => {
                let base = dir.join(under);
                let mut out: Vec<String> = WalkDir::new(&base)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .filter_map(|e| {
                        e.path()
                            .strip_prefix(&base)
                            .ok()
                            .map(|p| p.to_string_lossy().replace('\\', "/"))
                    })
                    .collect();
                out.sort();
                out
            }
            Files::Embedded(name) => {
                let prefix = format!("{under}/");
                let mut out: Vec<String> = embedded_files(name)
                    .filter_map(|f| f.strip_prefix(&prefix).map(str::to_owned))
                    .collect();
                out.sort();
                out
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
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("themes available: {}", known.join(", ")),
    };
    Err(blame.hint(hint))
}

fn read_text(files: &Files, rel: &str) -> Result<String, Diagnostic> {
    let bytes = files
        .read(rel)
        .ok_or_else(|| Diagnostic::new(files.display(rel), "cannot read this file"))?;
    String::from_utf8(bytes)
        .map_err(|_| Diagnostic::new(files.display(rel), "this file is not valid UTF-8 text"))
}

/// What a theme option's value is, for messages: its default's kind must
/// be the kind of the site's value. A default of `null` accepts anything.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
    }
}

/// Loads the theme `config.theme` with the site's overrides. Diagnostics
/// name files relative to `root`.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostic> {
    load_chain(root, config).map_err(|d| d.relative_to(root))
}

fn load_chain(root: &Path, config: &Config) -> Result<Theme, Diagnostic> {
    // The theme and its ancestors, child first.
    let mut chain: Vec<(String, Files, Map<String, Value>)> = Vec::new();
    let mut name = config.theme.clone();
    let mut blame =
        Diagnostic::new(config.theme_origin, format!("there is no theme `{}`", config.theme));
    loop {
        let files = locate(root, &name, blame)?;
        let text = read_text(&files, "theme.yaml")?;
        let file = files.display("theme.yaml");
        let source = Source { file: &file, text: &text, first_line: 1 };
        let raw: RawTheme = yaml::parse(&text, source)?;
        let RawTheme { name: _, description: _, version: _, extends, options } = raw;
        chain.push((name.clone(), files, options));
        let Some(parent) = extends else { break };
        if chain.iter().any(|(n, _, _)| *n == parent.value) {
            let mut names: Vec<&str> = chain.iter().map(|(n, _, _)| n.as_str()).collect();
            names.push(&parent.value);
            return Err(source
                .error_at(
                    &parent.referenced,
                    format!("themes extend each other in a loop: {}", names.join(" → ")),
                )
                .hint("one theme of the loop must stand on its own: remove its `extends:`"));
        }
        blame = source.error_at(
            &parent.referenced,
            format!("there is no theme `{}` to extend", parent.value),
        );
        name = parent.value;
    }
    // From the base theme up, each child replacing what it redefines.
    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut strings = Map::new();
    let mut options = Map::new();
    let mut strings_found = false;
    for (_, files, declared) in chain.iter().rev() {
        for rel in files.list("templates") {
            let path = format!("templates/{rel}");
            templates.insert(rel, (read_text(files, &path)?, files.display(&path)));
        }
        for rel in files.list("static") {
            static_files.insert(rel.clone(), files.static_file(&rel));
        }
        let i18n = format!("i18n/{}.yaml", config.language);
        if files.read(&i18n).is_some() {
            let text = read_text(files, &i18n)?;
            let file = files.display(&i18n);
            let map: Map<String, Value> =
                yaml::parse(&text, Source { file: &file, text: &text, first_line: 1 })?;
            strings.extend(map);
            strings_found = true;
        }
        options.extend(declared.clone());
    }
    let site_yaml =
        std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    // A message about a value of site.yaml, at its line where it is known.
    let at = |position: Option<&(usize, usize)>, d: Diagnostic| match position {
        Some(&(line, column)) => d.at(line, column).with_source(&site_yaml),
        None => d,
    };
    if !strings_found {
        let d = Diagnostic::new(
            "site.yaml",
            format!(
                "the theme `{}` has no strings for the language `{}`",
                config.theme, config.language
            ),
        )
        .hint(format!(
            "use one of the languages that ship ({}), or add i18n/{}.yaml to the theme",
            crate::config::LANGUAGES.join(", "),
            config.language
        ));
        return Err(at(config.language_position.as_ref(), d));
    }
    let at_option = |key: &str, d| at(config.theme_option_positions.get(key), d);
    for (key, value) in &config.theme_options {
        let Some(default) = options.get(key) else {
            let hint = match nearest(key, options.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if options.is_empty() => "this theme has no options".to_owned(),
                None => format!(
                    "the theme declares: {}",
                    options.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            };
            let d = Diagnostic::new(
                crate::config::CONFIG_FILE,
                format!("the theme `{}` has no option `{key}`", config.theme),
            );
            return Err(at_option(key, d).hint(hint));
        };
        let (want, got) = (kind_of(default), kind_of(value));
        if !default.is_null() && want != got {
            let d = Diagnostic::new(
                crate::config::CONFIG_FILE,
                format!("the theme option `{key}` must be {want}, not {got}"),
            );
            return Err(at_option(key, d).hint(format!("the theme's default is `{default}`")));
        }
        options.insert(key.clone(), value.clone());
    }
    // The site's own templates and static files win over the theme's.
    let site_files = Files::Disk(root.to_path_buf());
    for rel in site_files.list("templates") {
        let path = format!("templates/{rel}");
        templates.insert(rel, (read_text(&site_files, &path)?, PathBuf::from(&path)));
    }
    for rel in site_files.list("static") {
        static_files.insert(rel.clone(), site_files.static_file(&rel));
    }
    check_logo(&options, &static_files, config, &at_option)?;
    Ok(Theme { name: config.theme.clone(), templates, static_files, strings, options })
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
        format!("write it relative to static/: `logo: {trimmed}`")
    } else {
        format!("put the image at static/{trimmed} in the site folder, or leave `logo` empty")
    };
    let file = if config.theme_options.contains_key("logo") {
        crate::config::CONFIG_FILE.to_owned()
    } else {
        format!("themes/{}/theme.yaml", config.theme)
    };
    Err(at("logo", Diagnostic::new(file, format!("the logo `{logo}` is not a static file")))
        .hint(hint))
}
