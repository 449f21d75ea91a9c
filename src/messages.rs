//! What annals says, in the user's language: message catalogues in Project
//! Fluent's format (`i18n/en/*.ftl`, `i18n/zh-CN/*.ftl`, compiled in), and the
//! locale read from the environment as gettext reads it (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG`; the first one set decides): Chinese where it
//! names Chinese (`zh_CN.UTF-8`, `zh_TW`), English otherwise. The library
//! speaks English until `main` sets the locale, so its tests read English.
//!
//! `tr!("build-done", pages = 12)` is the message `build-done` with its
//! arguments; a test keeps every key in both catalogues.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    English,
    Chinese,
}

static LOCALE: OnceLock<Locale> = OnceLock::new();

/// Sets the locale messages are given in, once (`main` does, first thing).
pub fn set_locale(locale: Locale) {
    let _ = LOCALE.set(locale);
}

/// The locale messages are given in.
pub fn locale() -> Locale {
    *LOCALE.get().unwrap_or(&Locale::English)
}

/// The locale the environment asks for.
pub fn locale_from_env() -> Locale {
    locale_of(|name| std::env::var(name).ok())
}

/// The locale the variables `var` gives name, gettext's way.
fn locale_of(var: impl Fn(&str) -> Option<String>) -> Locale {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()));
    match set {
        Some(value) if value.to_ascii_lowercase().starts_with("zh") => Locale::Chinese,
        _ => Locale::English,
    }
}

/// The catalogues: `i18n/LOCALE/AREA.ftl`, one file for each part of the
/// program (`cli.ftl`, `content.ftl`…) in each locale; and the help of the
/// commands and options in Chinese, `zh-CN/commands.ftl` (in English it is
/// the doc comments of the command line's definition).
#[derive(rust_embed::RustEmbed)]
#[folder = "i18n/"]
struct Catalogues;

/// The locales, as their folders are named.
pub const LOCALES: [&str; 2] = ["en", "zh-CN"];

/// Every catalogue file of `locale` (`en`, `zh-CN`): its name and text.
pub fn catalogues(locale: &str) -> Vec<(String, String)> {
    let prefix = format!("{locale}/");
    let mut files: Vec<(String, String)> = Catalogues::iter()
        .filter_map(|name| {
            let file = Catalogues::get(&name)?;
            let text = String::from_utf8(file.data.into_owned()).ok()?;
            Some((name.strip_prefix(&prefix)?.to_owned(), text))
        })
        .collect();
    files.sort();
    files
}

/// Each locale's catalogue, parsed once.
fn bundle(locale: Locale) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| {
        LOCALES.map(|tag| {
            let id: unic_langid::LanguageIdentifier = tag.parse().expect("a valid tag");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Terminals show Unicode's isolation marks as boxes.
            bundle.set_use_isolating(false);
            for (name, text) in catalogues(tag) {
                let resource = FluentResource::try_new(text)
                    .unwrap_or_else(|(_, errors)| panic!("i18n/{tag}/{name}: {errors:?}"));
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|e| panic!("i18n/{tag}/{name}: {e:?}"));
            }
            bundle
        })
    });
    match locale {
        Locale::English => &bundles[0],
        Locale::Chinese => &bundles[1],
    }
}

/// The message `key` with `args`, in the current locale; its key where no
/// catalogue has it (a test makes sure they all do).
pub fn text(key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    text_in(locale(), key, args)
}

/// Whether the current locale's catalogue has the message `key` (for
/// texts only some locales give, such as the commands' help in Chinese).
pub fn has(key: &str) -> bool {
    bundle(locale()).has_message(key)
}

/// The message `key` with `args` in `locale`.
pub fn text_in(locale: Locale, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = bundle(locale);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// `tr!("key", name = value, …)`: the message in the user's language.
#[macro_export]
macro_rules! tr {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text($key, &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_decides_as_gettext_does() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(locale_of(env(&[("LANG", "zh_CN.UTF-8")])), Locale::Chinese);
        assert_eq!(locale_of(env(&[("LANG", "C.UTF-8")])), Locale::English);
        assert_eq!(
            locale_of(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
            Locale::English
        );
        assert_eq!(
            locale_of(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")])),
            Locale::Chinese
        );
        assert_eq!(locale_of(env(&[])), Locale::English);
    }

    #[test]
    fn messages_take_their_arguments_and_plurals() {
        let one = text_in(Locale::English, "errors-count", &[("count", FluentValue::from(1))]);
        let two = text_in(Locale::English, "errors-count", &[("count", FluentValue::from(2))]);
        assert_eq!((one.as_str(), two.as_str()), ("1 error", "2 errors"));
        assert_eq!(
            text_in(Locale::Chinese, "errors-count", &[("count", FluentValue::from(2))]),
            "2 个错误"
        );
    }
}
