# What annals says about the content folder (content/: Markdown files, their
# front matter, stats.yaml, records.yaml, photos) and about YAML, in English.
# Every message here has its translation in ../zh-CN/content.ftl.

## YAML (src/yaml.rs)

yaml-unknown-key = unknown key `{ $key }`
yaml-did-you-mean = did you mean `{ $near }`?
yaml-known-keys = known keys here: { $keys }; { $own }
yaml-extra-goes-under = fields of your own go under `extra:`
yaml-no-extra-here = there is no `extra:` here for fields of your own
yaml-missing-key = missing required key `{ $key }`
yaml-missing-key-hint = add a line `{ $key }: ...`
yaml-highlight-hint = `highlight: true` makes a key figure; `highlight: 1`, `2`, `3`… also gives its place among them
yaml-whole-number-hint = a whole number is expected here, and this one is too large (or negative where it may not be)
yaml-limits-hint = YAML nested more than 64 levels deep, or of more than a few million items, is refused: a record needs two or three levels
yaml-tabs-hint = YAML indents with spaces, not tabs
yaml-one-of = one of: { $choices }
yaml-full-width-colon = a full-width colon `：` stands where YAML needs `:` followed by a space
yaml-full-width-space = a full-width space (U+3000) stands where YAML needs ASCII spaces for indentation
yaml-parser-says = { $detail }

## The content folder and its files

content-folder-unreadable = cannot read the content folder: { $error }
content-folder-hint = a site keeps its Markdown and YAML in `content/`; `annals init DIR` creates one
content-link-loop = this symbolic link loops back to a folder above it
content-link-loop-hint = remove the link or point it at a folder outside its own ancestors
content-unreadable = cannot read: { $error }
content-name-not-unicode = this file name is not valid Unicode
content-name-not-unicode-hint = rename it
content-link-outside = this symbolic link leads outside `content/`
content-link-outside-hint = copy the file into `content/` instead of linking to it
content-index-and-bundle = this folder has both `_index.md` and `index.md`
content-index-and-bundle-hint = `_index.md` makes a folder a section, `index.md` makes it a page: keep one
content-file-unreadable = cannot read this file: { $error }
content-not-utf8 = this file is not valid UTF-8 text
content-not-utf8-hint = save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)
content-not-utf8-save = save it as UTF-8

## Front matter

content-no-front-matter = this file has no front matter
content-front-matter-not-first = front matter starts with `---` on the very first line: move it up, with nothing (not even a blank line) before it
content-front-matter-missing-hint = start the file with a line `---`, then `title: ...`, then another `---` line
content-front-matter-unclosed = the front matter opened on line 1 is never closed
content-front-matter-unclosed-hint = add a line `---` after the last front matter key, before the text
# What a value should be, after the parser's "expected": `value:`,
# `highlight:`, a date.
content-expect-number = a number such as 14 or 2.5, or a range such as [5, 10]
content-expect-highlight = `true`, or the figure's place among the key figures: 1, 2, 3…
content-expect-date = a date such as 2024-05-01, 2024-05 or 2024

## Dates and titles

content-date-invalid = `{ $text }` is not a date
content-date-no-month = `{ $text }` has no month { $month }
content-date-no-day = `{ $text }` has no day { $day }
content-date-hint = write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2024-05-01
content-title-empty = the title is empty
content-title-empty-hint = write the title readers see on the page and in the table of contents or the chronicle, such as `title: 第一章 思想建设`
content-no-chapter-slug = no chapter has the slug `{ $slug }`
content-report-chapters = the chapters of this report are: { $chapters }

## Pages, reports and sections

content-bad-slug = `{ $slug }` cannot be a slug
content-bad-slug-hint = a slug is one URL segment: no `/`, `?`, `#`, `%` or spaces
content-no-slug = cannot make a URL from the name `{ $name }`
content-no-slug-hint = set `slug:` in the front matter
content-chapter-slug-reserved = the chapter slug `{ $slug }` is taken by the report's own { $slug } page
content-chapter-slug-reserved-hint = set another `slug:`; reserved in a report: { $reserved }
content-report-stats = a report's figures do not go in its `_index.md`
content-report-stats-hint = put them in content/{ $dir }/stats.yaml, or in the `stats:` of the chapter they belong to
content-paginate-zero = `paginate_by` must be at least 1
content-paginate-zero-hint = 50 is the default
content-chapter-number-twice = chapter number { $number } is also the number of content/{ $other }
content-chapter-number-twice-hint = give each chapter its own `number:` (or file name prefix)
content-page-stats = a page outside a report cannot declare `stats`
content-page-stats-hint = stats belong to reports: move them into a chapter of a year's report
content-page-in-bundle = a Markdown file inside a page bundle is not a page
content-page-in-bundle-hint = a folder with `index.md` is one page; move this file next to the folder, or merge it into `index.md`
content-section-in-report = a section inside a report is not supported
content-section-in-report-hint = chapters of report `{ $report }` are its pages: rename this `_index.md` to `index.md` to make the folder a chapter
content-year-twice = two reports for the year { $year }
content-year-twice-hint = each year has one report: merge them or correct `year:`
content-url-reserved = the URL `/{ $path }` belongs to a page annals makes
content-url-reserved-hint = rename it or set another `slug:`; reserved at the top level: { $reserved }
content-url-twice = this page has the same URL `/{ $path }` as content/{ $other }
content-url-twice-hint = give one of them another `slug:` or file name

## Photos

content-image-no-alt = the photo `{ $src }` has neither alt text nor a caption
content-image-no-alt-hint = describe it for readers who cannot see it: ![what the photo shows](file.jpg "caption")
content-photo-no-alt = the photo `{ $src }` has neither `alt` nor `caption`
content-photo-no-alt-hint = add `alt:` describing what the photo shows, or a `caption:`
content-photo-not-local = the photo `{ $src }` is not a file of this site
content-photo-not-local-hint = photos are files inside `content/`, given by a path relative to the page
content-photo-outside = the photo `{ $src }` lies outside `content/`
content-photo-outside-hint = keep photos inside `content/`, next to the page or in the report's folder
content-photo-folder = the photo `{ $src }` is a folder
content-photo-folder-hint = name a file
content-photo-link-outside = the photo `{ $src }` leads outside `content/` through a symbolic link
content-photo-link-outside-hint = copy the photo into `content/` instead of linking to it
content-photo-missing = the photo `{ $src }` does not exist
content-photo-missing-hint = looked for { $path }; check the file name and its folder
content-photo-missing-hint-two = looked for { $first } and { $second }; check the file name and its folder

## The chronicle (records.yaml)

content-records-list-hint = records.yaml is a list of events, each starting with `- date: 2024-05-01`
content-event-approx = the event “{ $title }” has `approx:` but no `participants:`
content-event-approx-hint = `approx:` says how exact the number of participants is: add `participants:`, or remove `approx:`
content-event-end-days = `end: { $end }` goes with days, and this event has { $date } to { $end }
content-event-end-days-hint = an event that spans days has `date:` and `end:` both as YYYY-MM-DD
content-event-end-early = the event ends on { $end }, not after it begins on { $date }
content-event-end-early-hint = `end:` is the last day of an event that spans days; a one-day event needs only `date:`
content-event-year = this event of { $date } is not in the report's year { $year }
content-event-year-hint = correct the date, or move the event to the records.yaml of { $year }

## Figures (stats.yaml and the `stats:` of chapters)

content-stats-list-hint = stats.yaml is a list of figures, each starting with `- key: name`
content-stat-key-twice = the stat key `{ $key }` is used twice in this report
content-stat-key-twice-hint = it is first declared at { $file }:{ $line }; keys are unique within a report
content-stat-period = `{ $period }` is not a span of years
content-stat-period-hint = write the years the figure covers, first and last: `period: 2019-2023`
content-stat-scale-twice = the stat `{ $key }` has `scale: { $scale }` and its unit `{ $unit }` says so again
content-stat-scale-twice-hint = write `unit: { $rest }` beside `scale:`, or drop `scale:` and keep `unit: { $unit }`
content-stat-scale-translated = the `{ $language }` unit `{ $unit }` counts in 万 or 亿, but the unit the figure's number is read from does not
content-stat-scale-translated-hint = the default language's unit (`{ $default }`) says whether `value:` counts in 万 or 亿: write it there too (`万元`), or set `scale: 万`, and keep the other languages' units plain (`en: yuan`)
content-filter-fields = events can be filtered on: { $fields }
content-filter-unknown = events have no field `{ $field }` to filter on
content-stat-value-and-derived = the stat `{ $key }` has both a `value` and a derivation
content-stat-value-and-derived-hint = keep `value:` for a typed figure, or `count:`/`sum:` to compute it from the chronicle, not both
content-stat-count-and-sum = the stat `{ $key }` has both `count` and `sum`
content-stat-count-and-sum-hint = choose one
content-stat-where-count = `where` goes with `sum`; `count` takes its filter itself
content-stat-where-count-hint = write `count: {"{"}kind: visit{"}"}`
content-stat-sum-field = events have no number `{ $field }` to sum
content-stat-sum-field-hint = `sum: participants` is the number events carry
content-stat-where-alone = `where` without `sum`
content-stat-where-alone-hint = add `sum: participants`, or remove `where:`
content-stat-where-value-hint = `where:` filters the events a `sum:` adds up
content-stat-no-value = the stat `{ $key }` has no value
content-stat-no-value-hint = add `value: 14`, or derive it from the chronicle with `count: {"{"}kind: ...{"}"}` or `sum: participants`
content-stat-key-chars = the stat key `{ $key }` may only use a-z, 0-9 and _
content-stat-key-chars-hint = for example `study_sessions`
# $field is `value` or `participants`.
content-number-write-fields = write it as { $fields }
content-number-write-approx = write `{ $field }: { $number }` and `approx: { $approx }`
content-number-write = write `{ $field }: { $number }`
content-number-not-range = `{ $field }:` is one number: the lower one, with `approx: over`
content-number-digits = write it in digits, such as 14 or 2.5
content-not-a-number = the { $field } `{ $text }` is not a number
content-range-down = the range [{ $from }, { $to }] does not go up
content-range-down-hint = a range is written lowest first: `value: [5, 10]`
content-list-range-hint = a range has two numbers, lowest first: `value: [5, 10]`
content-list-one-hint = write one number; `approx: over` says it is more
content-list-value = `{ $field }:` is a list of { $count } here

## Languages: text by language and translations
content-expect-text = a text, or a text for each language such as {"{"}zh-CN: 集中学习, en: Study sessions{"}"}
content-text-language-unknown = `{ $language }` is not a language of this site
content-text-language-unknown-hint = the site's languages are { $languages }; add another under `languages:` in site.yaml
content-text-fallback = no `{ $language }` text here: the `{ $default }` text is shown in { $language } pages
content-text-fallback-hint = add `{ $language }: …` to this map
content-text-no-default = this text has no `{ $default }` version, the site's default language
content-text-no-default-hint = add `{ $default }: …` to the map
content-translation-shared-key = `{ $key }` is shared by every language and belongs in the original
content-translation-shared-key-hint = set `{ $key }` in the file this one translates; a translation gives the text a reader sees (title, summary, tags, the body)
content-translation-unknown-language = this file is named as a translation into `{ $language }`, which is not a language of the site: it is published as a page of its own
content-translation-unknown-language-hint = add `{ $language }` under `languages:` in site.yaml, or rename the file
content-translation-orphan = this translation has no original: `content/{ $original }` does not exist
content-translation-orphan-hint = a translation sits beside its original with the language before `.md` (`01-politics.en.md` beside `01-politics.md`); rename it, or write the original
content-translation-default-language = this file is named as a translation into `{ $language }`, the site's own language: it is published as a page of its own
content-translation-default-language-hint = the original (the name without the language) is the site's own text; rename this file or merge the two
