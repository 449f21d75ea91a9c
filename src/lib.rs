//! annals: a static site generator for annual reports and the archives they
//! grow into.
//!
//! A build is a pipeline whose stages hand plain values on:
//! `config` (site.yaml) → `content` (the model) → `render` (files in
//! memory) → `output` (the only writer). `main` turns errors into messages
//! and exit codes; the library never prints.

// Diagnostics are rich (file, position, source line, hint) and only travel
// the cold path; boxing them would buy nothing measurable.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod content;
pub mod diagnostic;
pub mod images;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod stats;
pub mod theme;
pub mod yaml;

use std::path::PathBuf;

pub use config::{BuildOptions, Config};
pub use diagnostic::{Diagnostic, Diagnostics};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in what the user wrote: content, configuration, templates.
    #[error("{0}")]
    Content(#[from] Diagnostics),
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(d.into())
    }
}

/// What a build did, for `main` to report.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    pub reports: usize,
    pub pages: usize,
    pub photos: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Everything up to the files in memory: what `build` writes and `check`
/// validates.
pub fn prepare(options: &BuildOptions) -> Result<(content::Site, Vec<output::OutputFile>), Error> {
    let mut config = Config::load(&options.root)?;
    config::apply_overrides(&mut config, options)?;
    let theme = theme::load(&options.root, &config)?;
    let site = content::load(&options.root, options.drafts)?;
    let files = render::render(&site, &config, &theme)?;
    Ok((site, files))
}

/// Builds the site at `options.root` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let output = options.output_dir();
    // Refuse a dangerous output folder before doing any work.
    output::check_output_dir(&output, &options.root)?;
    let (site, files) = prepare(options)?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let photos = site.reports.iter().map(|r| r.all_photos().len()).sum();
    let summary = output::write(&output, &options.root, files)?;
    Ok(BuildReport {
        output,
        reports: site.reports.len(),
        pages,
        photos,
        files: summary.files,
        bytes: summary.bytes,
    })
}
