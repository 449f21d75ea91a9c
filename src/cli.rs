//! The command line, as clap derive structs. Parsing only: no disk access.

use std::net::IpAddr;
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
    /// Serve the site on this computer, rebuilding and reloading open pages on every change
    ///
    /// The site is built in memory: nothing is written, `public/` is left
    /// as it is. While the site has an error, every page shows it.
    Serve(ServeArgs),
    /// Check everything a build checks, plus every link, #anchor, image and alt text; writes nothing
    ///
    /// Errors: what would fail a build; internal links and #anchors that
    /// lead nowhere; images that are missing or have no alt text.
    /// Warnings: stats declared but never cited by a {{ stat() }} in any
    /// Markdown text (the stats pages show every stat, so that does not
    /// count as a use), photos in content/ that no page shows, links
    /// that would not work when the site is opened from disk, and figures
    /// `annals import` suggested (stats.suggested.yaml) not yet moved; in
    /// a site in several languages, language maps missing a language,
    /// translations with no original and translations older than their
    /// original.
    /// Exit status: 0 without errors (warnings allowed), 1 with errors.
    Check {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check pages and reports marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Print a report's figures, to check them before publishing
    Stats {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The report's year (default: the newest)
        #[arg(long)]
        year: Option<i32>,
        /// How to print them: a table, CSV or JSON
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// As one of the site's other languages writes them (`languages:` of site.yaml), such as en
        #[arg(long)]
        language: Option<String>,
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
    /// Start a new report or chapter from a template; never overwrites
    New {
        #[command(subcommand)]
        what: NewCommand,
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
    /// Typeset a report as an A4 PDF/A-2b: cover, contents with page numbers, a bookmark per chapter, photos, figures and the chronicle
    ///
    /// Made by annals itself with Typst, no browser needed, from the same
    /// content as the site and laid out by the theme's pdf/report.typ.
    /// Needs fonts with Chinese characters for a Chinese report (Noto CJK:
    /// `apt-get install fonts-noto-cjk`), or `pdf: {fonts: DIR}` in
    /// site.yaml. `pdf: true` there publishes YEAR/report.pdf with every
    /// build.
    Pdf {
        /// The report's year, such as 2024
        year: i32,
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the PDF: a file, or a folder to write YEAR.pdf in [default: YEAR.pdf in the current folder]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include drafts (a report or chapters marked `draft: true`), to proofread them
        #[arg(long)]
        drafts: bool,
        /// The edition in one of the site's other languages (`languages:` of site.yaml), such as en [default: the site's language]
        #[arg(long)]
        language: Option<String>,
    },
    /// Turn an existing report (Word .docx, .md, .txt or .html) into a draft report; never overwrites
    ///
    /// Writes content/YEAR/: `_index.md` (title, subtitle, byline and the
    /// lead as preface), a chapter file for each top-level part (Word's
    /// Heading 1, or paragraphs opening with 一、 （一） 1. 第一部分), each
    /// numbered as the document numbers it, the images under photos/ with
    /// the captions that follow them, and every figure found in the text
    /// (14次, 10余件, 近26万元) in stats.suggested.yaml, which builds ignore.
    /// Stops, writing nothing, if content/YEAR/ exists.
    Import {
        /// The document: .docx, .md, .txt or .html
        file: PathBuf,
        /// The report's year, such as 2024
        #[arg(long)]
        year: String,
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print what it would write, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print a shell's completion script, e.g. `annals completions bash > ~/.local/share/bash-completion/completions/annals`
    Completions {
        /// The shell: bash, zsh or fish
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// A report: content/YEAR/_index.md
    Report {
        /// Four digits, such as 2025
        year: String,
    },
    /// A chapter of an existing report: content/YEAR/NN-slug.md
    Chapter {
        /// YEAR/NN-slug, such as 2025/03-outreach (slug: a-z, 0-9 and -)
        path: String,
        /// Also write `number: NN` in the front matter, so the chapter keeps
        /// its number when the file is renamed (by default the number is the
        /// file name's)
        #[arg(long)]
        number: bool,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl From<Shell> for clap_complete::Shell {
    fn from(s: Shell) -> Self {
        match s {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        }
    }
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The site folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; anything but a loopback address shares the site with your network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port to listen on (0: any free port)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include pages and reports marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Use this theme instead of site.yaml's
    #[arg(long)]
    pub theme: Option<String>,
}

impl ServeArgs {
    pub fn options(&self) -> annals::serve::ServeOptions {
        let mut build = annals::BuildOptions::new(&self.root);
        build.drafts = self.drafts;
        build.theme = self.theme.clone();
        annals::serve::ServeOptions { build, bind: self.bind, port: self.port }
    }
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
