# What annals says while it loads a site's configuration and theme, renders,
# checks, writes and serves the site, and processes its photos, in English.
# Every message here has its translation in ../zh-CN/site.ftl. Arguments are
# in braces: { $name }.

## Shared

site-did-you-mean = did you mean `{ $name }`?

## Themes (src/theme.rs)

theme-link-loops = this symbolic link loops back to a folder above it
theme-link-loops-hint = remove the link, or point it at a file
theme-link-nowhere = this symbolic link leads nowhere
theme-link-nowhere-hint = point it at a file of the site, or remove it
theme-cannot-read = cannot read: { $error }
theme-link-outside = this symbolic link leads outside the site
theme-link-outside-hint = copy the file into the site instead of linking to it
theme-available = themes available: { $themes }
theme-cannot-read-file = cannot read this file
theme-not-utf8 = this file is not valid UTF-8 text
theme-kind-empty = empty
theme-kind-bool = true or false
theme-kind-number = a number
theme-kind-text = text
theme-kind-list = a list
theme-kind-map = a map
theme-unknown = there is no theme `{ $name }`
theme-extends-loop = themes extend each other in a loop: { $themes }
theme-extends-loop-hint = one theme of the loop must stand on its own: remove its `extends:`
theme-unknown-parent = there is no theme `{ $name }` to extend
theme-name-alias = `{ $alias }` cannot name a theme: templates write `{ $alias }/chapter.html` for the theme's own chapter.html
theme-name-alias-hint = give the theme's folder another name
theme-name-empty = the theme's name is empty
theme-name-path = `{ $name }` is not a theme name: a theme is one folder, not a path
theme-name-hint = a theme is named by its folder under themes/ (`mine` for themes/mine/), or is a built-in one (default, gazette)
theme-template-folder = this template lies in a folder named like the theme `{ $folder }`
theme-template-folder-hint = templates write `{ $folder }/X.html` for the theme's own X.html: give the folder another name
theme-no-strings = the theme `{ $theme }` has no strings for the language `{ $language }`
theme-no-strings-hint = use one of the languages that ship ({ $languages }), or add i18n/{ $language }.yaml to the theme
theme-no-options = this theme has no options
theme-options-declared = the theme declares: { $options }
theme-no-option = the theme `{ $theme }` has no option `{ $key }`
theme-option-kind = the theme option `{ $key }` must be { $want }, not { $got }
theme-option-default = the theme's default is `{ $value }`
theme-logo-relative = write it relative to static/: `logo: { $path }`
theme-logo-missing-hint = put the image at static/{ $path } in the site folder, or leave `logo` empty
theme-logo-not-static = the logo `{ $logo }` is not a static file

## The site's configuration (src/config.rs)

config-cannot-read = cannot read the site configuration: { $error }
config-not-found-hint = run annals in a site folder (one with { $file }), pass --root DIR, or create a site with `annals init DIR`
config-base-url-hint = write the full address, such as `https://example.org/reports`
config-not-language-tag = `{ $tag }` is not a language tag
config-language-tag-hint = use a BCP 47 tag such as `zh-CN` or `en`
config-language-twice = `{ $tag }` is already a language of the site
config-language-twice-hint = `languages:` lists the languages besides `language:` (here `{ $default }`), each once
config-widths = `images.widths` needs at least one width above 0
config-widths-hint = for example `widths: [480, 960, 1600]`
config-quality = `images.quality` is { $quality }, outside 1-100
config-quality-hint = 80 is a good balance of size and quality
config-base-url-scheme = base_url `{ $url }` must start with https:// or http://
config-base-url-host = base_url `{ $url }` has no host

## Rendering (src/render/)

render-unknown-photo = the photo `{ $path }` is not known
render-unknown-photo-hint = check the path
render-link-to-draft = the link `{ $link }` leads to a draft
render-link-to-draft-hint = publish that page (remove `draft: true`), build with --drafts, or remove the link
render-link-did-you-mean = did you mean `{ $path }`? (paths are relative to this file)
render-link-relative-hint = the path is relative to this file's folder; check the name
render-link-to-nothing = the link `{ $link }` leads to no page
render-unknown-shortcode = unknown shortcode `{"{{"} { $call } {"}}"}`
render-unknown-shortcode-hint = the shortcode for a figure is {"{{"} stat(key="study_sessions") {"}}"}
render-figure-outside-report = figures can only be cited inside a report
render-figure-outside-report-hint = move this text into a chapter of a report, or write the number
render-unknown-stat = no stat has the key `{ $key }` in this report
render-unknown-stat-hint = declare it in the chapter's `stats:` or in the report's stats.yaml
render-missing-template = the theme `{ $theme }` has no template `{ $name }`
render-missing-template-hint = add it to the theme's templates/ or to the site's templates/
render-template-extends-itself = template error: `{ $name }` extends itself: { $chain }
render-template-extends-itself-hint = to change blocks of the theme's own `{ $name }`, extend `{ $theme_name }`
render-template-missing-parent = template error: `{ $name }` extends `{ $parent }`, which is no template
render-while-rendering = while rendering `{ $page }`; check the names of the variables it uses
render-template-error = template error: { $message }
render-strings-lack = the theme's strings lack `{ $key }`
render-strings-lack-hint = `{ $key }` holds { $holds }; see the shipped themes' i18n files
render-table-key = key
render-table-label = label
render-table-figure = figure
render-table-group = group
render-table-chapter = chapter
render-table-previous = previous
render-table-change = change

## annals check (src/check/)

check-links-not-checked = links and anchors were not checked
check-links-not-checked-hint = a template failed to render; fix it and run `annals check` again
check-translation-stale-git = { $original } was committed { $days ->
    [0] after this translation, the same day
    [one] a day after this translation
   *[other] { $days } days after this translation
}: it may not say what the original says now
check-translation-stale = { $original } changed { $days ->
    [0] after this translation, the same day
    [one] a day after this translation
   *[other] { $days } days after this translation
}: it may not say what the original says now
check-translation-stale-hint = compare the two and bring the translation up to date with { $original }
check-cannot-read = cannot read this file: { $error }
check-cannot-read-hint = check that it exists and that you may read it
check-in-rendered-page = { $message } (in the rendered page)
check-in-rendered-page-hint = { $hint }; it comes from a template (the theme's or templates/) or a static file
check-on-other-pages = { $message } and on { $count } other pages
check-root-path = `{ $link }` starts at the server's root
check-root-path-hint = it breaks when the site lives under a sub-path or is opened from disk; write the path relative to this page
check-outside-site = `{ $link }` leads outside the site
check-outside-site-hint = link only to pages and files of the site, by a path relative to this page
check-names-folder = `{ $link }` names a folder
check-names-folder-hint = it works on a web server but not opened from disk: link to `{ $index }`
check-markdown-link-hint = link a page by its Markdown file, relative to the linking file, such as `02-events.md`
check-nothing-there-hint = nothing of the site is at `{ $target }` (a path is relative to the page's address, `{ $page }`); files to publish as they are go into `static/`
check-leads-nowhere = `{ $link }` leads to no page or file
check-anchor-did-you-mean = did you mean `#{ $id }`?
check-anchor-hint = a heading's id is its text, such as `## 活动` → `#活动`; the page's contents list shows them
check-no-anchor = `{ $link }`: the page `{ $page }` has no `#{ $id }`
check-no-alt = the image `{ $src }` has no alt text
check-no-alt-hint = describe what it shows for readers who cannot see it: alt="…" in HTML, ![what it shows](file) in Markdown
check-chapter-range = { $from } to { $to }
check-chapter-gap = chapter { $number } follows chapter { $before }: there is no chapter { $missing }
check-chapter-gap-hint = number the chapters one after another: rename the files (01-, 02-, 03-…) or correct their `number:`
check-unshown-photo = nothing shows this photo
check-unshown-photo-hint = show it in a page with ![what it shows](file.jpg "caption") or list it under `photos:`; or delete it
check-suggested-hint = a build ignores this file: move the figures you want into the report's stats.yaml (or a chapter's `stats:`), then delete it
check-suggested-one = 1 figure suggested by `annals import`, not yet in the report
check-suggested-many = { $count } figures suggested by `annals import`, not yet in the report
check-suggested = figures suggested by `annals import`, not yet in the report
check-uncited = the stat `{ $key }` is cited by no text
check-uncited-hint = cite it where the text speaks of it with {"{{"} stat(key="{ $key }") {"}}"}; a figure only for the tables gets `table_only: true`
check-no-previous-key = no report before { $year } has the key `{ $key }`
check-no-previous-key-hint = `previous_key:` names this figure's key in an earlier report; correct it, or remove it if the figure is new
check-no-unit = no unit
check-rate-per = a rate per `{ $per }`
check-total = a total
check-here-and-then = { $here } here and { $then } in { $year }
check-other-unit-hint = no change is shown; write both years in one unit (万 goes in `scale:`), or give the new figure its own key
check-rate-total-hint = no change is shown; a rate and a total of one key do not compare: give one of them its own key
check-incomparable = the figure `{ $key }` does not compare with { $place }: { $what }
check-tenfold = the figure `{ $key }` changed more than tenfold since { $year } ({ $place })
check-tenfold-hint = if that is right, nothing needs to change; if one year counts in 万 or 亿, say so with `scale:`

## Writing the output (src/output/)

output-refused = refusing to write the site into { $path }: { $reason }
output-cannot-write = cannot write { $path }: { $error }
output-cache-refused = refusing to keep the photo cache in { $path }: { $reason }
output-clash = two files would be written to the same path `{ $path }`
output-cache-refused-hint = keep the cache outside the site's content and its output, or leave --cache-dir out to use your cache folder
output-disk-full-hint = the disk is full: free some room on it, or build onto another disk with --output; the previous output was left as it was
output-file-too-large-hint = the file is larger than this system lets annals write (see `ulimit -f`); the previous output was left as it was
output-cannot-write-hint = check that the folder exists, is writable and the disk has room
output-clash-hint = a file of static/ has the same path as a page annals makes; rename or move it
output-is-site = it is the site folder or a folder above it
output-own-folder-hint = build into a folder of its own, such as `public/`
output-inside-site = it lies inside the site's `{ $folder }/` folder
output-is-home = it is your home folder
output-not-annals = it holds files annals did not write (there is no manifest-sha256.txt in it)
output-not-annals-hint = choose an empty or new folder; annals replaces the whole output folder on every build
output-is-file = it is a file, not a folder
output-is-file-hint = choose a folder
output-cache-in-output = it lies inside the output folder, which every build replaces
output-cannot-read-manifest = cannot read the manifest: { $error }
output-cannot-read-manifest-hint = verify a folder that annals built: it holds manifest-sha256.txt
output-manifest-bad-line = this line is not `SHA256  PATH`
output-manifest-bad-line-hint = the manifest was edited by hand or damaged; rebuild the site to make a new one

## annals serve (src/serve/)

serve-short-of-resources-hint = the system is short of threads or memory: close other programs and try again
serve-port-taken-hint = another program listens on port { $port }: pass another, such as `--port { $next }`, or `--port 0` for any free one
serve-bind-hint = check the address given to --bind: it must be one of this computer's
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-try-another-address = try another address or port
serve-cannot-start = cannot start the server: { $error }
serve-cannot-wait = cannot wait for Ctrl-C: { $error }
serve-cannot-serve = cannot serve: { $error }
serve-cannot-watch = cannot watch { $path }: { $error }
serve-watch-failed = watching files failed: { $error }
serve-cannot-watch-files = cannot watch files: { $error }
serve-overlay-heading = The site has { $count }: the last good build is not shown
serve-overlay-fix = Fix the files below and save: this page reloads by itself.
serve-forbidden = annals serve answers only requests addressed to this computer

## Photos (src/images/)

images-cache-unwritable = cannot write to the photo cache: { $error }
images-cannot-process = cannot process the photo `{ $photo }`: { $message }
images-cannot-process-hint = re-export the photo as a JPEG, PNG or WebP file
images-jpeg-damaged = the JPEG data is damaged ({ $error })
images-jpeg-no-size = the JPEG has no size
images-jpeg-wrong-size = the JPEG's pixels do not fill its size
images-cannot-create-cache = cannot create the photo cache: { $error }
images-cannot-create-cache-hint = give a writable folder with --cache-dir
images-cannot-read = cannot read the photo `{ $photo }`: { $error }
images-too-large-hint = scale it down (12,000 px on the long side is plenty for print) and save it again
images-unreadable-hint = use a JPEG, PNG, WebP or GIF photo; re-export the file if it is damaged
images-empty = the photo `{ $photo }` is an empty file
images-not-an-image = `{ $photo }` is not an image annals can read
images-damaged = the photo `{ $photo }` is damaged or not an image: { $error }
images-too-large = the photo `{ $photo }` is { $width }×{ $height }, { $megapixels } megapixels; annals takes photos of up to { $most } megapixels

## The library's commands (src/lib.rs)

site-cannot-write-pdf = cannot write the PDF: { $error }
site-cannot-write-pdf-hint = check that the folder exists and can be written, or pass --output FILE
site-no-language = `{ $language }` is not a language of this site
site-languages = the site's languages are { $languages }; others are added under `languages:` in site.yaml
site-pdf-untranslated = the report of { $year } has no `{ $language }` translation
site-pdf-untranslated-hint = write `_index.{ $language }.md` beside this file, and translate its chapters
site-no-pdf-feature = this annals was built without the PDF edition
site-no-pdf-feature-hint = build annals with its default features (`cargo install annals` does), or remove `pdf:` from site.yaml
site-report-is-draft = the report is a draft (`draft: true` in content/{ $file }): `--drafts` includes it
site-what-a-report-is = a report is a folder such as content/2024/ with an _index.md
site-reports = the reports of this site: { $years }
site-no-report-for = there is no report for { $year }
site-no-report = this site has no report yet
