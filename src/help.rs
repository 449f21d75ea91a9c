//! The command line in the user's language. The English help is the doc
//! comments of `cli.rs` (one source for rustdoc and `--help`); under a
//! Chinese locale every command's and option's help, the headings, the
//! help and version flags and clap's usage errors come from
//! `i18n/zh-CN/help.ftl`, by ids made from the command's path:
//! `help-build` (the command), `help-build-details` (its long help),
//! `help-build-root` (its option `--root`), `help-new-report-year`.

use annals::messages::{self, Locale};
use annals::tr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// `cmd` with its help in the user's language.
pub fn localized(cmd: Command) -> Command {
    match messages::locale() {
        Locale::English => cmd,
        Locale::Chinese => {
            let cmd = cmd
                .disable_version_flag(true)
                .arg(
                    Arg::new("version")
                        .short('V')
                        .long("version")
                        .action(ArgAction::Version)
                        .help(tr!("help-flag-version")),
                )
                .disable_help_subcommand(true)
                .subcommand(
                    Command::new("help").about(tr!("help-subcommand")).arg(
                        Arg::new("command")
                            .num_args(..)
                            .value_name("COMMAND")
                            .help(tr!("help-subcommand-command")),
                    ),
                );
            localize(cmd, "help")
        }
    }
}

/// The help text `id` of the catalogues, where there is one.
fn text(id: &str) -> Option<String> {
    messages::has(id).then(|| messages::text(id, &[]))
}

fn localize(mut cmd: Command, id: &str) -> Command {
    if let Some(about) = text(id) {
        // `--help` shows the summary and the details, `-h` the summary.
        if let Some(details) = text(&format!("{id}-details")) {
            cmd = cmd.long_about(format!("{about}\n\n{details}"));
        }
        cmd = cmd.about(about);
    }
    let args: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for arg in args {
        let help = text(&format!("{id}-{arg}"));
        cmd = cmd.mut_arg(&arg, |a| {
            let heading = if a.is_positional() {
                tr!("help-heading-arguments")
            } else {
                tr!("help-heading-options")
            };
            let mut a = a.help_heading(heading);
            // clap's `[default: …]` and `[possible values: …]`, in Chinese.
            let mut notes = Vec::new();
            if a.get_action().takes_values() {
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if !defaults.is_empty() {
                    notes.push(tr!("help-default", value = defaults.join(", ")));
                    a = a.hide_default_value(true);
                }
                let values: Vec<String> =
                    a.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
                if !values.is_empty() {
                    notes.push(tr!("help-possible-values", values = values.join("、")));
                    a = a.hide_possible_values(true);
                }
            }
            match help {
                Some(h) if notes.is_empty() => a.help(h),
                Some(h) => a.help(format!("{h} {}", notes.join(" "))),
                None => a,
            }
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(tr!("help-flag-help"))
                .help_heading(tr!("help-heading-options")),
        )
        .subcommand_help_heading(tr!("help-heading-commands"))
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            tr!("help-usage")
        ));
    let subcommands: Vec<String> =
        cmd.get_subcommands().map(|s| s.get_name().to_owned()).filter(|n| n != "help").collect();
    for sub in subcommands {
        let sub_id = format!("{id}-{sub}");
        cmd = cmd.mut_subcommand(&sub, |s| localize(s, &sub_id));
    }
    cmd
}

/// A usage error as the user's language says it: clap's own words in
/// English; in Chinese, what went wrong, the suggestion clap found, the
/// usage and where to read more.
pub fn error_text(e: &clap::Error) -> String {
    if messages::locale() == Locale::English {
        return e.render().to_string();
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(s)) => Some(s.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => tr!("help-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => tr!(
            "help-error-unknown-command",
            command = context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => tr!("help-error-invalid-value", arg = arg, value = value),
        ErrorKind::ValueValidation => tr!("help-error-invalid-value", arg = arg, value = value),
        ErrorKind::MissingRequiredArgument => tr!("help-error-missing", arg = arg),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tr!("help-error-missing-command")
        }
        ErrorKind::ArgumentConflict => tr!(
            "help-error-conflict",
            arg = arg,
            other = context(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            tr!("help-error-values", arg = arg)
        }
        _ => return e.render().to_string(),
    };
    let mut out = format!("{}: {message}\n", tr!("label-error"));
    let suggested =
        context(ContextKind::SuggestedArg).or_else(|| context(ContextKind::SuggestedSubcommand));
    if let Some(s) = suggested {
        out.push_str(&format!(
            "  = {}: {}\n",
            tr!("label-hint"),
            tr!("yaml-did-you-mean", near = s)
        ));
    }
    if let Some(valid) = context(ContextKind::ValidValue) {
        out.push_str(&format!(
            "  = {}: {}\n",
            tr!("label-hint"),
            tr!("help-error-valid", values = valid)
        ));
    }
    // The usage line of the command at fault, where clap gives one.
    let rendered = e.render().to_string();
    if let Some(usage) = rendered.lines().find_map(|l| l.strip_prefix("Usage: ")) {
        out.push_str(&format!("\n{} {usage}\n", tr!("help-usage")));
    }
    out.push_str(&format!("\n{}\n", tr!("help-error-more")));
    out
}

/// `annals help COMMAND…`: the help of that command, in the user's
/// language (under a Chinese locale, where clap's own `help` command is
/// replaced so its text can be translated).
pub fn print_help(cmd: &mut Command, path: &[String]) -> Result<(), clap::Error> {
    // Built, each command knows its full name (`annals pdf`) for its usage.
    cmd.build();
    let mut target = cmd;
    for name in path {
        match target.find_subcommand_mut(name) {
            Some(sub) => target = sub,
            None => {
                return Err(clap::Error::raw(
                    ErrorKind::InvalidSubcommand,
                    tr!("help-error-unknown-command", command = name.as_str()),
                ));
            }
        }
    }
    target.print_long_help().map_err(clap::Error::from)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use clap::CommandFactory;

    /// The ids of the help the command line has: each command's, its long
    /// help's, each option's.
    fn ids(cmd: &clap::Command, id: &str, out: &mut BTreeSet<String>) {
        if cmd.get_about().is_some() {
            out.insert(id.to_owned());
        }
        if cmd.get_long_about().is_some() {
            out.insert(format!("{id}-details"));
        }
        for arg in cmd.get_arguments().filter(|a| a.get_help().is_some()) {
            out.insert(format!("{id}-{}", arg.get_id()));
        }
        for sub in cmd.get_subcommands() {
            ids(sub, &format!("{id}-{}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_option_has_its_chinese_help_and_no_other() {
        let mut expected = BTreeSet::new();
        ids(&crate::cli::Cli::command(), "help", &mut expected);
        let (_, ftl) = annals::messages::catalogues("zh-CN")
            .into_iter()
            .find(|(name, _)| name == "commands.ftl")
            .expect("i18n/zh-CN/commands.ftl");
        let written: BTreeSet<String> = ftl
            .lines()
            .filter(|l| l.starts_with("help"))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.to_owned()))
            .collect();
        assert_eq!(written, expected, "i18n/zh-CN/commands.ftl and src/cli.rs disagree");
        assert!(expected.len() > 40, "{expected:?}");
    }
}
