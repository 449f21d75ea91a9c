# What annals says on the command line, in English. Every message here has
# its translation in ../zh-CN/cli.ftl (a test keeps the two in step). Arguments
# are in braces: { $count }.

## Labels of diagnostics

label-error = error
label-warning = warning
label-hint = hint
label-note = note
errors-count = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
warnings-count = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}

## build

build-done = Built { $reports } report(s), { $pages } pages, { $photos } photos ({ $processed } processed, { $cached } from the cache): { $files } files ({ $megabytes } MB, { $unchanged } unchanged) in { $output }
processing-photos = Processing photos

## check

check-summary = { $errors }, { $warnings } ({ $pages } pages, { $references } links and images followed)
check-passed = Checked: { $summary }

## serve

serve-everywhere = listening on every network this computer is on: anyone who can reach it can read the site, drafts included
serve-everywhere-hint = leave out --bind to serve to this computer only (127.0.0.1)
serve-at = Serving the site at { $url } (Ctrl-C to stop)
serve-built = Built { $pages } pages in { $millis } ms; watching for changes
serve-rebuilt = Rebuilt { $pages } pages in { $millis } ms: { $changed }
serve-changed = Changed: { $changed }
serve-errors-shown = The browser shows these errors until they are fixed.
serve-watch-hint = pages will not reload; restart annals serve after editing
and-more = and { $count } more

## init and new

init-here = Created a new site here.
init-in = Created a new site in { $dir }.
init-next = Next: { $command }
init-example = The 2025 report is an example: delete content/2025/ when you start your own.
new-report = Created { $file } as a draft: `annals serve --drafts` shows it; delete its `draft: true` to publish it.
new-report-next = Next: annals new chapter { $year }/01-overview
new-chapter = Created { $file }.

## verify

verify-missing = missing: { $path }
verify-changed = changed: { $path }
verify-extra = extra: { $path }
verify-intact = { $count } files intact
verify-summary = { $intact } intact, { $missing } missing, { $changed } changed, { $extra } extra

## import

import-would-write = Would write (nothing is written in a dry run):
import-file = { $path } ({ $bytes } bytes)
import-summary = { $dry ->
    [yes] Would import
   *[no] Imported
} { $chapters } chapter(s), { $photos } photo(s) and { $figures } figure(s) into { $folder }/ as a draft report.
import-figures = The figures are suggestions in { $folder }/stats.suggested.yaml: move the ones you want into stats.yaml.
import-next = Next: annals serve --drafts

## pdf

pdf-done = Wrote the { $year } report's PDF edition to { $path }: { $pages } pages, { $megabytes } MB
