# What annals's tools say, in English: `annals init` and `annals new`
# (scaffold-), `annals import` (importer-), the PDF edition (typeset-) and
# the theme strings figures are written with (stats-). Every message here
# has its translation in ../zh-CN/tools.ftl. Arguments are in braces: { $year }.

## init and new

scaffold-folder-not-empty = this folder exists and is not empty
scaffold-folder-not-empty-hint = annals init never overwrites anything: name a new folder
scaffold-not-a-year = `{ $year }` is not a year
scaffold-report-year-hint = a report is named by its year's four digits, such as `annals new report 2025`
scaffold-report-exists = this report exists already
scaffold-report-exists-hint = annals never overwrites anything; add a chapter with `annals new chapter { $year }/01-slug`
scaffold-chapter-usage = name the chapter as YEAR/NN-slug, such as `annals new chapter 2025/03-outreach`
scaffold-chapter-no-year = the chapter has no year
scaffold-chapter-no-number = `{ $name }` does not start with the chapter's number
scaffold-slug-unsafe = `{ $slug }` is not a URL-safe slug
scaffold-slug-unsafe-hint = the slug becomes the chapter's address: use a-z, 0-9 and single hyphens, such as `03-youth-work`; the title can be in any language
scaffold-slug-reserved = the slug `{ $slug }` is taken by the report's own `{ $slug }/` page
scaffold-slug-reserved-hint = choose another slug
scaffold-no-report = there is no report for { $year }
scaffold-no-report-hint = create it first with `annals new report { $year }`
scaffold-chapter-exists = this chapter exists already
scaffold-chapter-exists-hint = annals never overwrites anything: choose another number or slug
scaffold-slug-taken = this chapter has the slug `{ $slug }` already
scaffold-slug-taken-hint = two chapters of a report cannot share an address: choose another slug

## import

importer-not-a-year = `{ $year }` is not a year
importer-year-hint = name the report's year in four digits: `--year 2024`
importer-report-exists = this report exists already
importer-report-exists-hint = annals import never overwrites anything: import into another year, or move content/{ $year }/ away first
importer-cannot-read = cannot read this file: { $error }
importer-cannot-read-hint = name a file that exists, such as `annals import report.docx --year 2024`
importer-not-docx = this is not a Word document annals can read: { $reason }
importer-not-docx-hint = open it in Word (or LibreOffice) and save it again as a .docx
importer-no-chapters = no chapters found (Heading 1, or paragraphs opening with 一、 or 1.): the whole text is the preface
importer-unknown-kind = annals import reads .docx, .md, .txt and .html files
importer-kind-doc-hint = an old Word document (.doc): open it in Word or LibreOffice and save it as .docx
importer-kind-pdf-hint = a PDF keeps no paragraphs or headings to read: open it, copy the text into a .txt file, and import that
importer-kind-office-hint = open it in Word or LibreOffice and save it as .docx
importer-kind-other-hint = save it as one of these, or copy its text into a .txt file
# Why a .docx cannot be read (after importer-not-docx).
importer-docx-no-document = it has no { $part }, the part that holds a Word document's text
importer-docx-bad-xml = { $part } is not well-formed XML: { $error }
# Notes: what the import could not bring across.
importer-image-external = an image is linked to a file outside the document ({ $id }), not held in it: add it by hand
importer-image-unreadable = the image { $path } could not be read: { $error }
importer-image-data-url = an image written into the page as text could not be read: add it by hand
importer-image-in-paragraph = the image { $src } stands inside a paragraph: copy it into the report's photos/ and correct its path by hand
importer-image-on-web = the image { $src } is on the web, not beside the file: download it and add it by hand
importer-image-missing = the image { $src } could not be read ({ $error }): add it by hand
importer-number-twice = two parts are numbered { $number }: the second, “{ $title }”, is given another number
importer-image-kind = the image { $name } is of a kind browsers cannot show: save it as JPEG or PNG and add it by hand
importer-no-caption = { $path } has no caption: write one after it (`![](…) "caption"`) or an alt text

## pdf

typeset-no-fonts-folder = the fonts folder `{ $dir }` of `pdf.fonts` is not there
typeset-no-fonts-folder-hint = name a folder of .otf, .ttf or .ttc fonts, relative to the site's folder
typeset-cache-unreadable = cannot read a photo of the cache: { $error }
typeset-no-pdf-theme = the theme `{ $theme }` has no PDF edition
typeset-no-pdf-theme-hint = a theme's `pdf/report.typ` lays out the PDF; extend the built-in `default` theme to use its own
typeset-theme-unreadable = cannot read this file of the theme: { $error }
typeset-failed = typesetting the PDF edition: { $message }
typeset-theme-file-hint = this is the theme's Typst file of the PDF edition; see docs/themes.md
typeset-body-hint = the text of this file could not be typeset: lists or quotes nested very deep, say; nest them less
typeset-missing-character = no font of this computer has the character `{ $character }` (U+{ $code }), which the PDF edition must show
typeset-missing-character-hint = install a font that has it, or put one in a folder named in site.yaml (`pdf: {"{"}fonts: fonts/{"}"}`); or write the text without it
typeset-fonts-in-folder-hint = put .otf, .ttf or .ttc fonts in { $dir } (site.yaml's `pdf.fonts`), or install Noto CJK (Debian and Ubuntu: `apt-get install fonts-noto-cjk`)
typeset-fonts-hint = install Noto CJK (Debian and Ubuntu: `apt-get install fonts-noto-cjk`; Fedora: `dnf install google-noto-serif-cjk-fonts`), or name a folder of .otf, .ttf or .ttc fonts in site.yaml: `pdf: {"{"}fonts: fonts/{"}"}`
typeset-no-fonts = no fonts were found for the PDF edition
typeset-no-chinese-font = no font with Chinese characters was found for the PDF edition
typeset-bad-accent = the PDF edition cannot read the colour `{ $colour }`
typeset-bad-accent-hint = write a CSS colour such as `#9b1c1c`, `rgb(155 28 28)` or `darkred`
typeset-bad-paper = the PDF edition has no paper `{ $paper }`
typeset-bad-paper-hint = name a paper (A3, A4, A5, B4, B5, JIS-B4, JIS-B5, Letter, Legal, Ledger), optionally `landscape`, or give width and height such as `210mm 297mm`
typeset-bad-path = `{ $path }` is not a path Typst takes
typeset-not-utf8 = `{ $path }` is not valid UTF-8 text
typeset-no-main = no main file

## What a theme string for figures holds (in the hint on a missing one)

stats-holds-value-unit = {"{"}value{"}"} and {"{"}unit{"}"}
stats-holds-range = {"{"}from{"}"} and {"{"}to{"}"}
stats-holds-rate = {"{"}per{"}"} and {"{"}figure{"}"} (with its unit) or {"{"}value{"}"} (without)
stats-holds-period = {"{"}from{"}"}, {"{"}to{"}"} and {"{"}figure{"}"}
stats-holds-change = {"{"}change{"}"}
stats-holds-delta = {"{"}delta{"}"}
stats-holds-flag = true or false
