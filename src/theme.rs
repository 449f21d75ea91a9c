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
use crate::yaml::{self, Source};

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// Themes built into the binary.
pub const BUILT_IN: [&str; 1] = ["default"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // name, description, version: read by people, checked by serde.
struct RawTheme {
    name: String,
    description: Option<String>,
    version: Option<String>,
    extends: Option<String>,
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
    Embedded,
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
            Files::Embedded => {
                let prefix = format!("{under}/");
                let mut out: Vec<String> = DefaultTheme::iter()
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
            Files::Embedded => DefaultTheme::get(rel).map(|f| f.data.into_owned()),
        }
    }

    fn display(&self, rel: &str) -> PathBuf {
        match self {
            Files::Disk(dir) => dir.join(rel),
            Files::Embedded => Path::new("(built-in theme)").join(rel),
        }
    }

    fn static_file(&self, rel: &str) -> StaticFile {
        match self {
            Files::Disk(dir) => StaticFile::Disk(dir.join("static").join(rel)),
            Files::Embedded => {
                StaticFile::Embedded(self.read(&format!("static/{rel}")).unwrap_or_default())
            }
        }
    }
}

fn locate(root: &Path, name: &str, origin: &str) -> Result<Files, Diagnostic> {
    let dir = root.join("themes").join(name);
    if dir.join("theme.yaml").is_file() {
        return Ok(Files::Disk(dir));
    }
    if name == "default" {
        return Ok(Files::Embedded);
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
    Err(Diagnostic::new(origin, format!("there is no theme `{name}`")).hint(hint))
}

fn read_text(files: &Files, rel: &str) -> Result<String, Diagnostic> {
    let bytes = files
        .read(rel)
        .ok_or_else(|| Diagnostic::new(files.display(rel), "cannot read this file"))?;
    String::from_utf8(bytes)
        .map_err(|_| Diagnostic::new(files.display(rel), "this file is not valid UTF-8 text"))
}

/// Loads the theme `config.theme` with the site's overrides.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostic> {
    let mut chain = Vec::new();
    let mut name = config.theme.clone();
    loop {
        let files = locate(root, &name, config.theme_origin)?;
        let text = read_text(&files, "theme.yaml")?;
        let file = files.display("theme.yaml");
        let raw: RawTheme = yaml::parse(&text, Source { file: &file, text: &text, first_line: 1 })?;
        let RawTheme { name: _, description: _, version: _, extends, options } = raw;
        chain.push((files, options));
        match extends {
            Some(parent) if chain.len() < 8 => name = parent,
            Some(_) => {
                return Err(Diagnostic::new(file, "themes extend each other in a loop")
                    .hint("check `extends:`"));
            }
            None => break,
        }
    }
    // From the base theme up, each child replacing what it redefines.
    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut strings = Map::new();
    let mut options = Map::new();
    let mut strings_found = false;
    for (files, declared) in chain.iter().rev() {
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
    if !strings_found {
        return Err(Diagnostic::new(
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
        )));
    }
    for (key, value) in &config.theme_options {
        if !options.contains_key(key) {
            let hint = match nearest(key, options.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the theme declares: {}",
                    options.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(Diagnostic::new(
                "site.yaml",
                format!("the theme `{}` has no option `{key}`", config.theme),
            )
            .hint(hint));
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
    Ok(Theme { name: config.theme.clone(), templates, static_files, strings, options })
}
