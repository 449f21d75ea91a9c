# The command line's own words, used where the locale is not English (the
# English help is clap's, from the doc comments of src/cli.rs); kept here so
# both catalogues hold the same messages.
help-usage = Usage:
help-heading-commands = Commands
help-heading-options = Options
help-heading-arguments = Arguments
help-flag-help = Print help
help-flag-version = Print version
help-subcommand = Print this message or the help of the given command
help-subcommand-command = The command whose help to print
help-error-unknown-argument = unexpected argument `{ $arg }`
help-error-unknown-command = unrecognized command `{ $command }`
help-error-invalid-value = invalid value `{ $value }` for `{ $arg }`
help-error-missing = the required argument `{ $arg }` was not given
help-error-missing-command = a command is needed
help-error-conflict = `{ $arg }` cannot be used with `{ $other }`
help-error-values = wrong number of values for `{ $arg }`
help-error-valid = possible values: { $values }
help-error-more = For more information, try `--help`.
help-default = [default: { $value }]
help-possible-values = [possible values: { $values }]
