//! The command line, as clap derive structs. Parsing only: no disk access.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "annals",
    version,
    about = "Build annual reports and their archive as a static site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (default: ROOT/public)
    Build(BuildArgs),
    /// Print a report's figures, to check them before publishing
    Stats {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The report's year (default: the newest)
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check a published copy of a site against its manifest-sha256.txt
    Verify {
        /// The published folder
        dir: PathBuf,
    },
    /// Create a new site that builds at once
    Init {
        /// The folder to create (must not exist or be empty)
        dir: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The site folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// The absolute URL the site will live at, overriding site.yaml
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages and reports marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Use this theme instead of site.yaml's
    #[arg(long)]
    pub theme: Option<String>,
    /// Where processed photos are cached
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
}

impl BuildArgs {
    pub fn options(&self) -> annals::BuildOptions {
        annals::BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            theme: self.theme.clone(),
            cache_dir: self.cache_dir.clone(),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Format {
    Table,
    Csv,
    Json,
}

impl From<Format> for annals::StatsFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => annals::StatsFormat::Table,
            Format::Csv => annals::StatsFormat::Csv,
            Format::Json => annals::StatsFormat::Json,
        }
    }
}
