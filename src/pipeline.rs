//! The one pipeline `build`, `serve` and `check` run: site.yaml → theme →
//! content → photo plan → rendered files into a `Sink` → photo files.
//! Each stage hands a finished value to the next; only the sink decides
//! where files go (the staging folder of a build, memory for `serve` and
//! `check`).
//!
//! A build and `serve` stop at the first stage with problems; `check`
//! goes on as far as it can, to list every problem of every stage at once.

use crate::config::{self, BuildOptions, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{OutputFile, Sink};
use crate::{Error, content, images, render, theme};

/// A site read: its settings, theme, content and what its photos become.
pub struct Loaded {
    pub config: Config,
    pub theme: theme::Theme,
    pub site: content::Site,
    pub photos: images::Plan,
    /// The size of each report's PDF edition made for this build, by the
    /// report's site path (`pdf: true`), for the report pages' links to it.
    pub editions: std::collections::BTreeMap<String, u64>,
}

impl Loaded {
    /// What rendering reads.
    pub fn input(&self) -> render::Input<'_> {
        render::Input {
            site: &self.site,
            config: &self.config,
            theme: &self.theme,
            photos: &self.photos,
            editions: &self.editions,
        }
    }
}

fn settings(options: &BuildOptions) -> Result<Config, Diagnostic> {
    let mut config = Config::load(&options.root)?;
    config::apply_overrides(&mut config, options)?;
    Ok(config)
}

/// The languages site.yaml gives content: its `language:` and
/// `languages:`.
pub fn languages(config: &Config) -> content::Languages {
    content::Languages {
        default: config.default_language.clone(),
        others: config.languages.iter().map(|l| l.tag.clone()).collect(),
    }
}

/// Reads the site at `options.root`; any problem is an error.
pub fn load(options: &BuildOptions) -> Result<Loaded, Error> {
    let config = settings(options)?;
    let theme = theme::load(&options.root, &config)?;
    let (site, mut problems) =
        content::load_partial(&options.root, options.drafts, &languages(&config));
    let (photos, unreadable) = images::plan(&site, &config.images);
    problems.extend(unreadable);
    if !problems.is_empty() {
        return Err(Diagnostics::sorted(problems).into());
    }
    Ok(Loaded { config, theme, site, photos, editions: Default::default() })
}

/// Reads what can be read, with every problem found: the site without the
/// parts that failed (`None` where site.yaml or the theme cannot be used).
pub fn load_partial(options: &BuildOptions) -> (Option<Loaded>, Vec<Diagnostic>) {
    let config = settings(options);
    let theme = config.as_ref().map_err(Clone::clone).and_then(|c| theme::load(&options.root, c));
    // With site.yaml in error, its languages as far as they can be read, so
    // that translations are not taken for pages of their own.
    let languages = config.as_ref().map(languages).unwrap_or_else(|_| {
        config::languages_leniently(&options.root)
            .map(|(default, others)| content::Languages { default, others })
            .unwrap_or_default()
    });
    let (site, mut problems) = content::load_partial(&options.root, options.drafts, &languages);
    let (config, theme) = match (config, theme) {
        (Ok(c), Ok(t)) => (c, t),
        (Err(d), _) | (_, Err(d)) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (photos, unreadable) = images::plan(&site, &config.images);
    problems.extend(unreadable);
    (Some(Loaded { config, theme, site, photos, editions: Default::default() }), problems)
}

/// Typesets every report's PDF edition where site.yaml asks for it
/// (`pdf: true`) into `sink`, noting their sizes for the links to them.
pub fn editions(loaded: &mut Loaded, options: &BuildOptions, sink: &dyn Sink) -> Result<(), Error> {
    if loaded.config.pdf.publish { publish_editions(loaded, options, sink) } else { Ok(()) }
}

#[cfg(feature = "pdf")]
fn publish_editions(
    loaded: &mut Loaded,
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let fonts = crate::pdf::find_fonts(&loaded.config, &options.root)?;
    let cache = images::Cache::open(&options.root, options.cache_dir.as_deref())?;
    let input = loaded.input();
    let translations = render::Translations::new(input);
    let mut editions = std::collections::BTreeMap::new();
    for input in translations.inputs(input) {
        for (path, file) in crate::pdf::editions(input, &fonts, &cache)? {
            if let crate::output::FileContent::Bytes(bytes) = &file.content {
                editions.insert(path, bytes.len() as u64);
            }
            sink.put(file)?;
        }
    }
    loaded.editions = editions;
    Ok(())
}

#[cfg(not(feature = "pdf"))]
fn publish_editions(_: &mut Loaded, _: &BuildOptions, _: &dyn Sink) -> Result<(), Error> {
    Err(crate::pdf_missing().into())
}

/// The problems typesetting the PDF editions would meet, where site.yaml
/// asks for them (for `check`, which makes nothing): each report's
/// edition then stands in `sink` as an empty file, for the links to it.
pub fn verify_editions(
    loaded: &mut Loaded,
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    if !loaded.config.pdf.publish {
        return Vec::new();
    }
    let input = loaded.input();
    let translations = render::Translations::new(input);
    let inputs = translations.inputs(input);
    #[cfg(feature = "pdf")]
    let problems = match crate::pdf::find_fonts(&loaded.config, &options.root) {
        Ok(fonts) => inputs.iter().flat_map(|input| crate::pdf::verify(*input, &fonts)).collect(),
        Err(d) => vec![d],
    };
    #[cfg(not(feature = "pdf"))]
    let problems = {
        let _ = options;
        vec![crate::pdf_missing()]
    };
    let mut editions = std::collections::BTreeMap::new();
    for report in inputs.iter().flat_map(|i| &i.site.reports).filter(|r| !r.untranslated) {
        editions.insert(report.path.clone(), 0);
        let file = OutputFile::bytes(format!("{}report.pdf", report.path), Vec::new());
        if let Err(e) = sink.put(file) {
            return vec![e.into()];
        }
    }
    loaded.editions = editions;
    problems
}

/// Renders every page and file of the site into `sink`; any problem is an
/// error.
pub fn render(loaded: &Loaded, sink: &dyn Sink) -> Result<(), Error> {
    let problems = render_partial(loaded, sink)?;
    if problems.is_empty() { Ok(()) } else { Err(Diagnostics::sorted(problems).into()) }
}

/// Renders what can be rendered into `sink` and returns the problems
/// found: a page whose Markdown has errors is still rendered around them,
/// a page whose template fails is left out. The `Err` is for a theme that
/// cannot render at all, or a sink that cannot take a file.
pub fn render_partial(loaded: &Loaded, sink: &dyn Sink) -> Result<Vec<Diagnostic>, Error> {
    render::render_to(loaded.input(), sink)
}

/// The photos a build would find damaged, found without making anything:
/// those not in the cache are decoded (for `check`).
pub fn verify_photos(loaded: &Loaded, options: &BuildOptions) -> Vec<Diagnostic> {
    let cache = images::Cache::existing(&options.root, options.cache_dir.as_deref());
    images::verify(&loaded.photos.jobs(), &loaded.config.images, cache.as_ref())
}

/// Makes the planned photo files (or takes them from the cache): the files
/// to publish, what was done, and the cache to prune once they are written.
pub fn photos(
    loaded: &Loaded,
    options: &BuildOptions,
    progress: &dyn images::Progress,
) -> Result<(Vec<OutputFile>, images::Summary, images::Cache), Error> {
    let cache = images::Cache::open(&options.root, options.cache_dir.as_deref())?;
    let config = &loaded.config.images;
    let (files, summary) = images::process(&loaded.photos.jobs(), config, &cache, progress)
        .map_err(Diagnostics::sorted)?;
    Ok((files, summary, cache))
}
