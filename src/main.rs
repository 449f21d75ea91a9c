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
        Command::Build(args) => annals::build(&args.options()).map(|r| {
            println!(
                "Built {} report(s), {} pages, {} photos: {} files ({:.1} MB) in {}",
                r.reports,
                r.pages,
                r.photos,
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
