//! The `annals` command: parse the command line, call the library, print
//! what happened and exit 0 (success), 1 (errors in the site) or 2 (usage).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Build(args) => annals::build_with_progress(&args.options(), &Bar::new()).map(|r| {
            println!(
                "Built {} report(s), {} pages, {} photos ({} processed, {} from the cache): {} files ({:.1} MB) in {}",
                r.reports,
                r.pages,
                r.photos.photos,
                r.photos.processed,
                r.photos.cached,
                r.files,
                r.bytes as f64 / 1e6,
                r.output.display()
            );
        }),
        Command::Stats { root, year, format } => {
            annals::stats(&root, year, format.into()).map(|text| print!("{text}"))
        }
        Command::Verify { dir } => return verify(&dir),
        Command::Init { dir } => annals::scaffold::init(&dir).map(|()| {
            println!(
                "Created a new site in {}.\nNext: cd {} && annals build",
                dir.display(),
                dir.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}

/// A progress bar for photo processing, on a terminal and when there is
/// enough to wait for.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Self {
        Bar(indicatif::ProgressBar::hidden())
    }
}

impl annals::images::Progress for Bar {
    fn start(&self, total: usize) {
        use std::io::IsTerminal;
        if total > 4 && std::io::stderr().is_terminal() {
            self.0.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.0.set_length(total as u64);
            self.0.set_style(
                indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} {eta}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            self.0.set_message("Processing photos");
        }
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn verify(dir: &std::path::Path) -> ExitCode {
    match annals::output::verify(dir) {
        Err(d) => {
            eprintln!("error: {d}");
            ExitCode::from(1)
        }
        Ok(fixity) => {
            for (what, list) in [
                ("missing", &fixity.missing),
                ("changed", &fixity.changed),
                ("extra", &fixity.extra),
            ] {
                for path in list {
                    println!("{what}: {path}");
                }
            }
            if fixity.is_intact() {
                println!("{} files intact", fixity.intact);
                ExitCode::SUCCESS
            } else {
                println!(
                    "{} intact, {} missing, {} changed, {} extra",
                    fixity.intact,
                    fixity.missing.len(),
                    fixity.changed.len(),
                    fixity.extra.len()
                );
                ExitCode::from(1)
            }
        }
    }
}

fn report(e: &annals::Error) {
    match e {
        annals::Error::Content(d) => eprintln!("{d}"),
        annals::Error::Output(o) => {
            eprintln!("error: {o}");
            if let Some(hint) = o.hint() {
                eprintln!("  = hint: {hint}");
            }
        }
    }
}
