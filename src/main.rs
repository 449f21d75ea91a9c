//! The `annals` command: parse the command line, call the library, print
//! what happened and exit 0 (success), 1 (errors in the site) or 2 (usage).

mod cli;
mod help;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};

use annals::serve::ServeEvent;
use annals::tr;
use annals::{CheckReport, Severity};
use cli::{Cli, Command, NewCommand};

fn main() -> ExitCode {
    ignore_file_size_signal();
    annals::messages::set_locale(annals::messages::locale_from_env());
    let mut command = help::localized(Cli::command());
    let parsed = command.try_get_matches_from_mut(std::env::args_os()).and_then(|matches| {
        if let Some(("help", help)) = matches.subcommand() {
            let path: Vec<String> =
                help.get_many("command").into_iter().flatten().cloned().collect();
            return help::print_help(&mut command, &path).map(|()| None);
        }
        Cli::from_arg_matches(&matches).map(Some)
    });
    let cli = match parsed {
        Ok(Some(cli)) => cli,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                }
                _ => eprint!("{}", help::error_text(&e)),
            }
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Build(args) => {
            annals::build_with_progress(&args.options(), &Bar::new()).map(|r| {
                println!(
                    "{}",
                    tr!(
                        "build-done",
                        reports = r.reports,
                        pages = r.pages,
                        photos = r.photos.photos,
                        processed = r.photos.processed,
                        cached = r.photos.cached,
                        files = r.files,
                        megabytes = format!("{:.1}", r.bytes as f64 / 1e6),
                        unchanged = r.unchanged,
                        output = r.output.display().to_string(),
                    )
                );
            })
        }
        Command::Serve(args) => annals::serve::run(args.options(), Arc::new(print_serve_event)),
        Command::Check { root, drafts } => {
            let mut options = annals::BuildOptions::new(root);
            options.drafts = drafts;
            let report = annals::check(&options);
            print_check(&report);
            return if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) };
        }
        Command::Stats { root, year, format, language } => {
            annals::stats(&root, year, format.into(), language.as_deref())
                .map(|text| print!("{text}"))
        }
        Command::Verify { dir } => return verify(&dir),
        Command::Init { dir } => annals::scaffold::init(&dir).map(|()| {
            let here = dir.as_os_str().is_empty() || dir == Path::new(".");
            let (created, command) = if here {
                (tr!("init-here"), "annals serve".to_owned())
            } else {
                let dir = dir.display().to_string();
                (tr!("init-in", dir = dir.as_str()), format!("cd {dir} && annals serve"))
            };
            println!("{created}\n{}\n{}", tr!("init-next", command = command), tr!("init-example"));
        }),
        Command::New { what, root } => match what {
            NewCommand::Report { year } => annals::scaffold::new_report(&root, &year).map(|rel| {
                let file = rel.display().to_string();
                println!(
                    "{}\n{}",
                    tr!("new-report", file = file),
                    tr!("new-report-next", year = year.as_str())
                );
            }),
            NewCommand::Chapter { path, number } => {
                annals::scaffold::new_chapter(&root, &path, number)
                    .map(|rel| println!("{}", tr!("new-chapter", file = rel.display().to_string())))
            }
        },
        Command::Import { file, year, root, dry_run } => {
            let options = annals::import::ImportOptions { file, year, root, dry_run };
            annals::import::import(&options).map(|imported| print_import(&imported, dry_run))
        }
        Command::Pdf { year, root, output, drafts, language } => {
            pdf(year, &root, output.as_deref(), drafts, language.as_deref())
        }
        Command::Completions { shell } => {
            let shell: clap_complete::Shell = shell.into();
            let mut command = help::localized(Cli::command());
            clap_complete::generate(shell, &mut command, "annals", &mut std::io::stdout());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "pdf")]
fn pdf(
    year: i32,
    root: &Path,
    output: Option<&Path>,
    drafts: bool,
    language: Option<&str>,
) -> Result<(), annals::Error> {
    annals::pdf(root, year, output, drafts, language).map(|w| {
        println!(
            "{}",
            tr!(
                "pdf-done",
                year = w.year,
                path = w.path.display().to_string(),
                pages = w.pages,
                megabytes = format!("{:.1}", w.bytes as f64 / 1e6),
            )
        );
    })
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: i32, _: &Path, _: Option<&Path>, _: bool, _: Option<&str>) -> Result<(), annals::Error> {
    Err(annals::pdf_missing().into())
}

/// Under a file-size limit (`ulimit -f`) the system kills a program that
/// writes past it with SIGXFSZ, mid-build; ignored, the write fails with
/// "File too large" instead, which `output` reports like any write error,
/// naming the file and leaving the previous output as it was.
#[cfg(unix)]
fn ignore_file_size_signal() {
    // SAFETY: first thing in `main`, before any thread starts; SIG_IGN
    // runs no code of ours in a signal handler.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_file_size_signal() {}

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
            self.0.set_message(tr!("processing-photos"));
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
            eprintln!("{}: {d}", tr!("label-error"));
            ExitCode::from(1)
        }
        Ok(fixity) => {
            for path in &fixity.missing {
                println!("{}", tr!("verify-missing", path = path.as_str()));
            }
            for path in &fixity.changed {
                println!("{}", tr!("verify-changed", path = path.as_str()));
            }
            for path in &fixity.extra {
                println!("{}", tr!("verify-extra", path = path.as_str()));
            }
            if fixity.is_intact() {
                println!("{}", tr!("verify-intact", count = fixity.intact));
                ExitCode::SUCCESS
            } else {
                println!(
                    "{}",
                    tr!(
                        "verify-summary",
                        intact = fixity.intact,
                        missing = fixity.missing.len(),
                        changed = fixity.changed.len(),
                        extra = fixity.extra.len(),
                    )
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
            eprintln!("{}: {o}", tr!("label-error"));
            if let Some(hint) = o.hint() {
                eprintln!("  = {}: {hint}", tr!("label-hint"));
            }
        }
    }
}

fn print_check(report: &CheckReport) {
    for (severity, d) in report.problems() {
        let label = match severity {
            Severity::Error => tr!("label-error"),
            Severity::Warning => tr!("label-warning"),
        };
        eprintln!("{label}: {d}\n");
    }
    let summary = tr!(
        "check-summary",
        errors = tr!("errors-count", count = report.errors.len()),
        warnings = tr!("warnings-count", count = report.warnings.len()),
        pages = report.pages,
        references = report.references,
    );
    if report.errors.is_empty() {
        println!("{}", tr!("check-passed", summary = summary));
    } else {
        eprintln!("{summary}");
    }
}

fn print_import(imported: &annals::import::Imported, dry_run: bool) {
    let folder = imported.folder.display();
    if dry_run {
        println!("{}", tr!("import-would-write"));
        for (path, size) in &imported.files {
            println!("  {}", tr!("import-file", path = path.display().to_string(), bytes = *size));
        }
    }
    for note in &imported.notes {
        eprintln!("{}: {note}", tr!("label-note"));
    }
    let folder = folder.to_string();
    let summary = tr!(
        "import-summary",
        dry = if dry_run { "yes" } else { "no" },
        chapters = imported.chapters,
        photos = imported.photos,
        figures = imported.figures,
        folder = folder.as_str()
    );
    println!("{summary}");
    if !dry_run {
        if imported.figures > 0 {
            println!("{}", tr!("import-figures", folder = folder.as_str()));
        }
        println!("{}", tr!("import-next"));
    }
}

fn print_serve_event(event: ServeEvent) {
    match event {
        ServeEvent::Listening { url, loopback } => {
            if !loopback {
                eprintln!(
                    "{}: {}\n  = {}: {}",
                    tr!("label-warning"),
                    tr!("serve-everywhere"),
                    tr!("label-hint"),
                    tr!("serve-everywhere-hint")
                );
            }
            println!("{}", tr!("serve-at", url = url.to_string()));
        }
        ServeEvent::Built { pages, millis, changed, .. } => {
            let millis = millis.to_string();
            if changed.is_empty() {
                println!("{}", tr!("serve-built", pages = pages, millis = millis));
            } else {
                let changed = names(&changed);
                println!(
                    "{}",
                    tr!("serve-rebuilt", pages = pages, millis = millis, changed = changed)
                );
            }
        }
        ServeEvent::Failed { errors, changed, .. } => {
            if !changed.is_empty() {
                eprintln!("{}", tr!("serve-changed", changed = names(&changed)));
            }
            eprintln!("{errors}\n{}", tr!("serve-errors-shown"));
        }
        ServeEvent::WatchFailed(e) => {
            eprintln!(
                "{}: {e}\n  = {}: {}",
                tr!("label-warning"),
                tr!("label-hint"),
                tr!("serve-watch-hint")
            );
        }
    }
}

fn names(paths: &[std::path::PathBuf]) -> String {
    let mut shown: Vec<String> = paths.iter().take(3).map(|p| p.display().to_string()).collect();
    if paths.len() > 3 {
        shown.push(tr!("and-more", count = paths.len() - 3));
    }
    shown.join(", ")
}
