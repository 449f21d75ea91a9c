//! The `annals` command: parse the command line, call the library, print
//! what happened and exit 0 (success), 1 (errors in the site) or 2 (usage).

mod cli;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory, Parser};

use annals::serve::ServeEvent;
use annals::{CheckReport, Severity};
use cli::{Cli, Command, NewCommand};

fn main() -> ExitCode {
    ignore_file_size_signal();
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
                "Built {} report(s), {} pages, {} photos ({} processed, {} from the cache): {} files ({:.1} MB, {} unchanged) in {}",
                r.reports,
                r.pages,
                r.photos.photos,
                r.photos.processed,
                r.photos.cached,
                r.files,
                r.bytes as f64 / 1e6,
                r.unchanged,
                r.output.display()
            );
        }),
        Command::Serve(args) => annals::serve::run(args.options(), Arc::new(print_serve_event)),
        Command::Check { root, drafts } => {
            let mut options = annals::BuildOptions::new(root);
            options.drafts = drafts;
            let report = annals::check(&options);
            print_check(&report);
            return if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
        }
        Command::Stats { root, year, format } => {
            annals::stats(&root, year, format.into()).map(|text| print!("{text}"))
        }
        Command::Verify { dir } => return verify(&dir),
        Command::Init { dir } => annals::scaffold::init(&dir).map(|()| {
            let here = dir.as_os_str().is_empty() || dir == Path::new(".");
            let next = if here {
                "annals serve".to_owned()
            } else {
                format!("cd {} && annals serve", dir.display())
            };
            let place = if here { "here".to_owned() } else { format!("in {}", dir.display()) };
            println!(
                "Created a new site {place}.\nNext: {next}\nThe 2025 report is an example: delete content/2025/ when you start your own."
            );
        }),
        Command::New { what, root } => match what {
            NewCommand::Report { year } => annals::scaffold::new_report(&root, &year).map(|rel| {
                println!(
                    "Created {} as a draft: `annals serve --drafts` shows it; delete its `draft: true` to publish it.\nNext: annals new chapter {year}/01-overview",
                    rel.display()
                );
            }),
            NewCommand::Chapter { path, number } => annals::scaffold::new_chapter(&root, &path, number)
                .map(|rel| println!("Created {}.", rel.display())),
        },
        Command::Import { file, year, root, dry_run } => {
            let options = annals::import::ImportOptions { file, year, root, dry_run };
            annals::import::import(&options).map(|imported| print_import(&imported, dry_run))
        }
        Command::Pdf { year, root, output, drafts } => pdf(year, &root, output.as_deref(), drafts),
        Command::Completions { shell } => {
            let shell: clap_complete::Shell = shell.into();
            clap_complete::generate(shell, &mut Cli::command(), "annals", &mut std::io::stdout());
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
fn pdf(year: i32, root: &Path, output: Option<&Path>, drafts: bool) -> Result<(), annals::Error> {
    annals::pdf(root, year, output, drafts).map(|w| {
        println!(
            "Wrote the {} report's PDF edition to {}: {} pages, {:.1} MB",
            w.year,
            w.path.display(),
            w.pages,
            w.bytes as f64 / 1e6
        );
    })
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: i32, _: &Path, _: Option<&Path>, _: bool) -> Result<(), annals::Error> {
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

fn print_check(report: &CheckReport) {
    for (severity, d) in report.problems() {
        let label = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        eprintln!("{label}: {d}\n");
    }
    let plural = |n: usize, word: &str| {
        if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
    };
    let summary = format!(
        "{}, {} ({} pages, {} links and images followed)",
        plural(report.errors.len(), "error"),
        plural(report.warnings.len(), "warning"),
        report.pages,
        report.references
    );
    if report.errors.is_empty() {
        println!("Checked: {summary}");
    } else {
        eprintln!("{summary}");
    }
}

fn print_import(imported: &annals::import::Imported, dry_run: bool) {
    let folder = imported.folder.display();
    if dry_run {
        println!("Would write (nothing is written in a dry run):");
        for (path, size) in &imported.files {
            println!("  {} ({} bytes)", path.display(), size);
        }
    }
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb} {} chapter(s), {} photo(s) and {} figure(s) into {folder}/ as a draft report.",
        imported.chapters, imported.photos, imported.figures
    );
    if !dry_run {
        if imported.figures > 0 {
            println!(
                "The figures are suggestions in {folder}/stats.suggested.yaml: move the ones you want into stats.yaml."
            );
        }
        println!("Next: annals serve --drafts");
    }
}

fn print_serve_event(event: ServeEvent) {
    match event {
        ServeEvent::Listening { url, loopback } => {
            if !loopback {
                eprintln!(
                    "warning: listening on every network this computer is on: anyone who can reach it can read the site, drafts included\n  = hint: leave out --bind to serve to this computer only (127.0.0.1)"
                );
            }
            println!("Serving the site at {url} (Ctrl-C to stop)");
        }
        ServeEvent::Built { pages, millis, changed, .. } => {
            if changed.is_empty() {
                println!("Built {pages} pages in {millis} ms; watching for changes");
            } else {
                println!("Rebuilt {pages} pages in {millis} ms: {}", names(&changed));
            }
        }
        ServeEvent::Failed { errors, changed, .. } => {
            if !changed.is_empty() {
                eprintln!("Changed: {}", names(&changed));
            }
            eprintln!("{errors}\nThe browser shows these errors until they are fixed.");
        }
        ServeEvent::WatchFailed(e) => {
            eprintln!(
                "warning: {e}\n  = hint: pages will not reload; restart annals serve after editing"
            );
        }
    }
}

fn names(paths: &[std::path::PathBuf]) -> String {
    let mut shown: Vec<String> = paths.iter().take(3).map(|p| p.display().to_string()).collect();
    if paths.len() > 3 {
        shown.push(format!("and {} more", paths.len() - 3));
    }
    shown.join(", ")
}
