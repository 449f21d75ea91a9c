//! `site.yaml`: the serde shape (`RawConfig`) and the validated `Config` with
//! every default filled in. The conversion destructures every raw field
//! without `..`, so a new key does not compile until it is handled here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::tr;
use crate::yaml::{self, Location, Source, Spanned};

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    languages: Option<BTreeMap<String, Spanned<RawLanguage>>>,
    theme: Option<Spanned<String>>,
    description: Option<String>,
    author: Option<String>,
    copyright: Option<String>,
    footer: Option<Footer>,
    images: Option<RawImages>,
    markdown: Option<RawMarkdown>,
    search: Option<bool>,
    feed: Option<bool>,
    pdf: Option<RawPdf>,
    theme_options: Option<BTreeMap<String, Spanned<Value>>>,
    extra: Option<Map<String, Value>>,
}

/// `pdf: true`, or `pdf: {publish: true, fonts: DIR}`.
enum RawPdf {
    Publish(bool),
    Settings(RawPdfSettings),
}

impl<'de> Deserialize<'de> for RawPdf {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawPdf;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true`, `false` or a map such as `{publish: true, fonts: fonts/}`")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawPdf, E> {
                Ok(RawPdf::Publish(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawPdf, A::Error> {
                let d = serde::de::value::MapAccessDeserializer::new(map);
                RawPdfSettings::deserialize(d).map(RawPdf::Settings)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPdfSettings {
    publish: Option<bool>,
    fonts: Option<PathBuf>,
}

/// The PDF edition's settings.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PdfConfig {
    /// Every build publishes `/YEAR/report.pdf`.
    pub publish: bool,
    /// A folder of fonts (relative to the site root) to use before the
    /// system's.
    pub fonts: Option<PathBuf>,
}

/// One more language of the site: `languages: {en: {title: …}}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    author: Option<String>,
    copyright: Option<String>,
    footer: Option<Footer>,
}

/// A language the site publishes in besides its default one, under
/// `/TAG/`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    /// The BCP 47 tag in its usual case: `en`, `zh-TW`.
    pub tag: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub copyright: Option<String>,
    /// The footer's words in the language, each where given.
    pub footer: Footer,
    /// Where it stands in site.yaml (line, column).
    #[serde(skip)]
    pub position: Option<(usize, usize)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    widths: Option<Spanned<Vec<u32>>>,
    format: Option<ImageFormat>,
    quality: Option<Spanned<u8>>,
    originals: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    safe: Option<bool>,
}

/// What the footer of every page says of the site's publisher, as Chinese
/// public-sector and institutional sites must (主办单位, ICP备案号,
/// 政府网站标识码) and any site may (contact, licence).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// 主办单位: the body that publishes the site.
    pub organisation: Option<String>,
    /// ICP备案号, linked to the registry's site.
    pub icp: Option<String>,
    /// 政府网站标识码.
    pub site_id: Option<String>,
    pub contact: Option<String>,
    pub licence: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Webp,
    Jpeg,
}

impl Footer {
    /// This footer with the fields `other` gives in their place.
    fn translated(&self, other: &Footer) -> Footer {
        let pick = |own: &Option<String>, theirs: &Option<String>| theirs.clone().or(own.clone());
        let Footer { organisation, icp, site_id, contact, licence } = other;
        Footer {
            organisation: pick(&self.organisation, organisation),
            icp: pick(&self.icp, icp),
            site_id: pick(&self.site_id, site_id),
            contact: pick(&self.contact, contact),
            licence: pick(&self.licence, licence),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ImageConfig {
    pub widths: Vec<u32>,
    pub format: ImageFormat,
    pub quality: u8,
    pub originals: bool,
}

/// The validated site configuration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Config {
    pub title: String,
    /// Without a trailing slash; `None` where the site has no host yet.
    pub base_url: Option<String>,
    /// The language pages are rendered in: the default one, or one of
    /// `languages` in a translation's `Config` (`for_language`).
    pub language: String,
    /// The site's own language, whose pages are at the root.
    pub default_language: String,
    /// The other languages, each under `/TAG/`, by tag.
    pub languages: Vec<Language>,
    pub theme: String,
    /// Where `theme` was chosen, for messages: `site.yaml` or `--theme`.
    #[serde(skip)]
    pub theme_origin: &'static str,
    /// Where `theme:` stands in site.yaml (line, column), if it is there and
    /// `--theme` did not replace it.
    #[serde(skip)]
    pub theme_position: Option<(usize, usize)>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub copyright: Option<String>,
    pub footer: Footer,
    pub images: ImageConfig,
    pub markdown_safe: bool,
    pub search: bool,
    pub feed: bool,
    pub pdf: PdfConfig,
    pub theme_options: Map<String, Value>,
    /// Where each theme option's value stands in site.yaml (line, column),
    /// for the theme's messages about it.
    #[serde(skip)]
    pub theme_option_positions: BTreeMap<String, (usize, usize)>,
    /// Where `language:` stands in site.yaml (line, column), if it is there.
    #[serde(skip)]
    pub language_position: Option<(usize, usize)>,
    pub extra: Map<String, Value>,
}

/// Languages whose interface strings ship with the default theme.
pub const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

impl Config {
    /// Reads and validates `ROOT/site.yaml`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let d = Diagnostic::new(CONFIG_FILE, tr!("config-cannot-read", error = e.to_string()));
            if e.kind() == std::io::ErrorKind::NotFound {
                d.hint(tr!("config-not-found-hint", file = CONFIG_FILE))
            } else {
                d
            }
        })?;
        Config::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let source = Source { file: Path::new(CONFIG_FILE), text, first_line: 1 };
        let raw: RawConfig = yaml::parse(text, source)?;
        Config::from_raw(raw, source)
    }

    fn from_raw(raw: RawConfig, source: Source<'_>) -> Result<Config, Diagnostic> {
        let RawConfig {
            title,
            base_url,
            language,
            languages,
            theme,
            description,
            author,
            copyright,
            footer,
            images,
            markdown,
            search,
            feed,
            pdf,
            theme_options,
            extra,
        } = raw;
        let base_url = match base_url {
            None => None,
            Some(url) => Some(validate_base_url(&url.value).map_err(|m| {
                source.error_at(&url.referenced, m).hint(tr!("config-base-url-hint"))
            })?),
        };
        let language_position = language.as_ref().and_then(|l| position(&l.referenced));
        let theme_position = theme.as_ref().and_then(|t| position(&t.referenced));
        let language = match language {
            None => "zh-CN".to_owned(),
            Some(lang) => {
                if !is_language_tag(&lang.value) {
                    return Err(source
                        .error_at(
                            &lang.referenced,
                            tr!("config-not-language-tag", tag = lang.value.as_str()),
                        )
                        .hint(tr!("config-language-tag-hint")));
                }
                canonical_language(&lang.value)
            }
        };
        let languages = other_languages(languages.unwrap_or_default(), &language, source)?;
        let images = match images {
            None => ImageConfig {
                widths: vec![480, 960, 1600],
                format: ImageFormat::Webp,
                quality: 80,
                originals: false,
            },
            Some(RawImages { widths, format, quality, originals }) => {
                let widths = match widths {
                    None => vec![480, 960, 1600],
                    Some(w) => {
                        if w.value.is_empty() || w.value.contains(&0) {
                            return Err(source
                                .error_at(&w.referenced, tr!("config-widths"))
                                .hint(tr!("config-widths-hint")));
                        }
                        let mut v = w.value;
                        v.sort_unstable();
                        v.dedup();
                        v
                    }
                };
                let quality = match quality {
                    None => 80,
                    Some(q) if (1..=100).contains(&q.value) => q.value,
                    Some(q) => {
                        return Err(source
                            .error_at(&q.referenced, tr!("config-quality", quality = q.value))
                            .hint(tr!("config-quality-hint")));
                    }
                };
                ImageConfig {
                    widths,
                    format: format.unwrap_or(ImageFormat::Webp),
                    quality,
                    originals: originals.unwrap_or(false),
                }
            }
        };
        let markdown_safe = markdown.and_then(|RawMarkdown { safe }| safe).unwrap_or(false);
        let mut theme_option_positions = BTreeMap::new();
        let theme_options: Map<String, Value> = theme_options
            .unwrap_or_default()
            .into_iter()
            .map(|(key, value)| {
                if let Some(at) = position(&value.referenced) {
                    theme_option_positions.insert(key.clone(), at);
                }
                (key, value.value)
            })
            .collect();
        Ok(Config {
            title,
            base_url,
            default_language: language.clone(),
            language,
            languages,
            theme: theme.map_or_else(|| "default".to_owned(), |t| t.value),
            theme_origin: CONFIG_FILE,
            theme_position,
            description,
            author,
            copyright,
            footer: footer.unwrap_or_default(),
            images,
            markdown_safe,
            search: search.unwrap_or(true),
            feed: feed.unwrap_or(true),
            pdf: match pdf {
                None => PdfConfig::default(),
                Some(RawPdf::Publish(publish)) => PdfConfig { publish, fonts: None },
                Some(RawPdf::Settings(RawPdfSettings { publish, fonts })) => {
                    PdfConfig { publish: publish.unwrap_or(false), fonts }
                }
            },
            theme_options,
            theme_option_positions,
            language_position,
            extra: extra.unwrap_or_default(),
        })
    }

    /// Every language of the site, the default one first.
    pub fn all_languages(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.default_language.as_str())
            .chain(self.languages.iter().map(|l| l.tag.as_str()))
    }

    /// The site as one of its languages shows it: that language's title,
    /// description, author, copyright and footer where `languages:` gives
    /// them (the default language's otherwise; no description).
    pub fn for_language(&self, tag: &str) -> Config {
        let mut config = self.clone();
        config.language = tag.to_owned();
        if let Some(l) = self.languages.iter().find(|l| l.tag == tag) {
            config.title = l.title.clone().unwrap_or(config.title);
            config.description = l.description.clone();
            config.author = l.author.clone().or(config.author);
            config.copyright = l.copyright.clone().or(config.copyright);
            config.footer = config.footer.translated(&l.footer);
            config.language_position = l.position;
        }
        config
    }

    /// The site path prefix of a language's pages: `` for the default
    /// language, `en/` for English.
    pub fn language_prefix(&self, tag: &str) -> String {
        if tag == self.default_language { String::new() } else { format!("{tag}/") }
    }

    /// The absolute URL of a site path (`2024/politics/`), where a base URL
    /// is known.
    pub fn absolute_url(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}/{path}"))
    }
}

fn validate_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| tr!("config-base-url-scheme", url = url))?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err(tr!("config-base-url-host", url = url));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The languages site.yaml names (`language:`, then the keys of
/// `languages:` that are language tags), read leniently: for loading the
/// content in its languages while an error elsewhere in site.yaml is
/// reported. `None` where even that cannot be read.
pub fn languages_leniently(root: &Path) -> Option<(String, Vec<String>)> {
    #[derive(Deserialize)]
    struct Peek {
        language: Option<String>,
        languages: Option<BTreeMap<String, serde::de::IgnoredAny>>,
    }
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let source = Source { file: Path::new(CONFIG_FILE), text: &text, first_line: 1 };
    let peek: Peek = yaml::parse(&text, source).ok()?;
    let default = peek
        .language
        .filter(|l| is_language_tag(l))
        .map_or("zh-CN".into(), |l| canonical_language(&l));
    let others = peek.languages.unwrap_or_default().into_keys();
    let others = others.filter(|l| is_language_tag(l)).map(|l| canonical_language(&l));
    Some((default.clone(), others.filter(|l| *l != default).collect()))
}

/// `languages:` checked: each a language tag, none the default language
/// or another's twin in a different case.
fn other_languages(
    raw: BTreeMap<String, Spanned<RawLanguage>>,
    default: &str,
    source: Source<'_>,
) -> Result<Vec<Language>, Diagnostic> {
    let mut languages: Vec<Language> = Vec::new();
    for (tag, settings) in raw {
        if !is_language_tag(&tag) {
            return Err(source
                .error_at(&settings.referenced, tr!("config-not-language-tag", tag = tag.as_str()))
                .hint(tr!("config-language-tag-hint")));
        }
        let tag = canonical_language(&tag);
        if tag == default || languages.iter().any(|l| l.tag == tag) {
            return Err(source
                .error_at(&settings.referenced, tr!("config-language-twice", tag = tag.as_str()))
                .hint(tr!("config-language-twice-hint", default = default)));
        }
        let RawLanguage { title, description, author, copyright, footer } = settings.value;
        let position = position(&settings.referenced);
        let footer = footer.unwrap_or_default();
        languages.push(Language { tag, title, description, author, copyright, footer, position });
    }
    Ok(languages)
}

/// A value's (line, column) in site.yaml, where the parser knows it.
fn position(at: &Location) -> Option<(usize, usize)> {
    (at.line() > 0).then(|| (at.line() as usize, at.column().max(1) as usize))
}

/// A BCP 47 tag in its usual case (`zh-CN`, `en`, `zh-Hant-TW`), so the
/// theme's `i18n/zh-CN.yaml` is found whatever case the user typed.
fn canonical_language(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 2) if part.chars().all(|c| c.is_ascii_alphabetic()) => part.to_ascii_uppercase(),
            (_, 4) if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                part[..1].to_ascii_uppercase() + &part[1..].to_ascii_lowercase()
            }
            _ => part.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// What the command line asks of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `ROOT/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub theme: Option<String>,
    pub cache_dir: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            theme: None,
            cache_dir: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// Applies command-line overrides to the loaded configuration.
pub fn apply_overrides(config: &mut Config, options: &BuildOptions) -> Result<(), Diagnostic> {
    if let Some(url) = &options.base_url {
        config.base_url =
            Some(validate_base_url(url).map_err(|m| Diagnostic::new("--base-url", m))?);
    }
    if let Some(theme) = &options.theme {
        config.theme = theme.clone();
        config.theme_origin = "--theme";
        config.theme_position = None;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let c = Config::parse("title: T\n").unwrap();
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.theme, "default");
        assert_eq!(c.images.widths, [480, 960, 1600]);
        assert_eq!(c.images.format, ImageFormat::Webp);
        assert_eq!(c.images.quality, 80);
        assert!(c.search && c.feed && !c.markdown_safe);
    }

    #[test]
    fn unknown_key_names_nearest() {
        let d = Config::parse("title: T\nbase_ulr: https://x.org\n").unwrap_err();
        assert_eq!(d.file, Path::new("site.yaml"));
        assert_eq!(d.line, Some(2));
        assert_eq!(d.hint.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn nested_unknown_key() {
        let d = Config::parse("title: T\nimages:\n  qualty: 70\n").unwrap_err();
        assert_eq!(d.line, Some(3));
        assert_eq!(d.hint.as_deref(), Some("did you mean `quality`?"));
    }

    #[test]
    fn base_url_is_validated_and_trimmed() {
        let c = Config::parse("title: T\nbase_url: https://example.org/r/\n").unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://example.org/r"));
        let d = Config::parse("title: T\nbase_url: example.org\n").unwrap_err();
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn language_tags_take_their_usual_case() {
        assert_eq!(Config::parse("title: T\nlanguage: ZH-cn\n").unwrap().language, "zh-CN");
        assert_eq!(Config::parse("title: T\nlanguage: EN\n").unwrap().language, "en");
        assert_eq!(canonical_language("zh-hant-tw"), "zh-Hant-TW");
        let d = Config::parse("title: T\nlanguage: zh_CN\n").unwrap_err();
        assert_eq!(d.hint.as_deref(), Some("use a BCP 47 tag such as `zh-CN` or `en`"));
    }

    #[test]
    fn quality_out_of_range() {
        let d = Config::parse("title: T\nimages:\n  quality: 0\n").unwrap_err();
        assert!(d.message.contains("outside 1-100"), "{}", d.message);
    }
}
