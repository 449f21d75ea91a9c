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
}

impl Loaded {
    /// What rendering reads.
    pub fn input(&self) -> render::Input<'_> {
        render::Input {
            site: &self.site,
            config: &self.config,
            theme: &self.theme,
            photos: &self.photos,
        }
    }
}

fn settings(options: &BuildOptions) -> Result<Config, Diagnostic> {
    let mut config = Config::load(&options.root)?;
    config::apply_overrides(&mut config, options)?;
    Ok(config)
}

/// Reads the site at `options.root`; any problem is an error.
pub fn load(options: &BuildOptions) -> Result<Loaded, Error> {
    let config = settings(options)?;
    let theme = theme::load(&options.root, &config)?;
    let (site, mut problems) = content::load_partial(&options.root, options.drafts);
    let (photos, unreadable) = images::plan(&site, &config.images);
    problems.extend(unreadable);
    if !problems.is_empty() {
        return Err(Diagnostics::sorted(problems).into());
    }
    Ok(Loaded { config, theme, site, photos })
}

/// Reads what can be read, with every problem found: the site without the
/// parts that failed (`None` where site.yaml or the theme cannot be used).
pub fn load_partial(options: &BuildOptions) -> (Option<Loaded>, Vec<Diagnostic>) {
    let config = settings(options);
    let theme = config.as_ref().map_err(Clone::clone).and_then(|c| theme::load(&options.root, c));
    let (site, mut problems) = content::load_partial(&options.root, options.drafts);
    let (config, theme) = match (config, theme) {
        (Ok(c), Ok(t)) => (c, t),
        (Err(d), _) | (_, Err(d)) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (photos, unreadable) = images::plan(&site, &config.images);
    problems.extend(unreadable);
    (Some(Loaded { config, theme, site, photos }), problems)
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
