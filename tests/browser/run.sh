#!/usr/bin/env bash
# Browser tests: run the built sites in headless Chromium (and the PDF
# edition through poppler). Search from
# file:// and over HTTP under a sub-path, the print edition printed to PDF
# (A4, contents numbered once), and every page of both themes checked by
# pages.mjs (console errors, failed requests, images, overflow at 375 px;
# at 375 and 1280 px in light and dark: axe-core accessibility, filters
# and crops on photos, figures split from their units; the chapter list
# on a phone) and by the Nu HTML Checker. Installs Chromium and poppler-utils with apt-get
# and the npm packages of package.json where missing; needs Java 17+.
# Usage: tests/browser/run.sh   (from anywhere; builds with cargo)
# Checks use here-strings, not `echo | grep -q`: with pipefail, grep -q
# closing the pipe early would fail the echo.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need chromium || ! need pdfinfo; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-noto-cjk >/dev/null
  else
    echo "chromium and poppler-utils are needed: apt-get install chromium poppler-utils fonts-noto-cjk" >&2
    exit 1
  fi
fi

cargo build -q || exit 1
annals=${CARGO_TARGET_DIR:-$repo/target}/debug/annals
work=$(mktemp -d)
trap 'kill $server ${server2:-} 2>/dev/null; rm -rf "$work"' EXIT
"$annals" build --root "$repo" --output "$work/example" >/dev/null || exit 1
"$annals" build --root "$repo/tests/fixtures/two-years" --output "$work/library" >/dev/null || exit 1
"$annals" build --root "$repo" --theme gazette --output "$work/gazette" >/dev/null || exit 1
"$annals" build --root "$repo/tests/fixtures/two-years" --theme gazette --output "$work/gazette-library" >/dev/null || exit 1
"$annals" build --root "$repo/tests/fixtures/figures" --output "$work/figures" >/dev/null || exit 1
"$annals" build --root "$repo/tests/fixtures/figures" --theme gazette --output "$work/gazette-figures" >/dev/null || exit 1

passed=0
failed=0
check() { # NAME CONDITION-EXIT-STATUS
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}

chrome() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXX")
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --virtual-time-budget=5000 "$@" 2>/dev/null
}

# search URL QUERY EXPECTED-HREF...: the results name every expected page.
search() {
  local url=$1 query=$2
  shift 2
  local dom
  dom=$(chrome --dump-dom "$url?q=$query")
  local ok=0
  grep -q '<li class="search-result">' <<<"$dom" || ok=1
  for href in "$@"; do
    grep -q "<h2><a href=\"$href\">" <<<"$dom" || { ok=1; echo "  missing $href for $query"; }
  done
  check "search '$query' at $url" $ok
}

# From disk.
search "file://$work/example/search/index.html" "葡萄酒" "../2024/counsel/index.html" "../2024/innovation/index.html"
search "file://$work/example/search/index.html" "提案" "../2024/innovation/index.html" "../2024/counsel/index.html"
search "file://$work/example/search/index.html" "annals" "../about/index.html"
search "file://$work/library/search/index.html" "读书会" "../2024/chronicle/index.html"
search "file://$work/library/search/index.html" "CC" "../archive/old-library/index.html"

# The gazette theme's search page, from disk.
search "file://$work/gazette/search/index.html" "葡萄酒" "../2024/counsel/index.html" "../2024/innovation/index.html"
search "file://$work/gazette-library/search/index.html" "读书会" "../2024/chronicle/index.html"

# Over HTTP, under a sub-path.
mkdir -p "$work/http/reports"
cp -r "$work/example" "$work/http/reports/annals"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/http" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break; sleep 0.1; done
search "http://127.0.0.1:$port/reports/annals/search/index.html" "葡萄酒" "../2024/counsel/index.html"
search "http://127.0.0.1:$port/reports/annals/search/index.html" "提案" "../2024/innovation/index.html"

if [ ! -d tests/browser/node_modules/playwright-core ]; then
  npm install --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null || exit 1
fi

# Search at scale: a 10,000-page site (bench/gen.py), the two-year
# fixture's figures, events and captions, the year filter, the keyboard
# (search.mjs), from disk and over HTTP.
python3 bench/gen.py text "$work/gen" --years 10 --pages 10000 >/dev/null && mv "$work/gen/annals" "$work/large-src"
"$annals" build --root "$work/large-src" --output "$work/large" >/dev/null || exit 1
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port2" --bind 127.0.0.1 --directory "$work" >/dev/null 2>&1 &
server2=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port2/')" 2>/dev/null && break; sleep 0.1; done
node tests/browser/search.mjs "$work" "http://127.0.0.1:$port2"
check "search at scale, figures, events, captions, years and keys (search.mjs)" $?
kill $server2 2>/dev/null

# A query with nothing to find says so.
dom=$(chrome --dump-dom "file://$work/example/search/index.html?q=zzzzqqq")
grep -q "没有找到相关内容" <<<"$dom"; check "search with no results says so" $?

# The print edition prints to PDF with every chapter, as selectable text.
chrome --no-pdf-header-footer --print-to-pdf="$work/print.pdf" "file://$work/example/2024/print/index.html" >/dev/null
pages=$(pdfinfo "$work/print.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 8 ]; check "print edition is ${pages:-0} A4 pages (at least 8)" $?
text=$(pdftotext "$work/print.pdf" - 2>/dev/null)
ok=0
for title in "旗帜鲜明讲政治" "议政建言助推发展" "政协履职亮点纷呈" "汇集合力履职为民" "强基固本提能砺为" "数据统计" "大事记"; do
  grep -q "$title" <<<"$text" || { ok=1; echo "  $title not in the PDF text"; }
done
check "print edition PDF holds every chapter as text" $ok
size=$(pdfinfo "$work/print.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5}')
[ "$size" = "595.92x842.88" ] || [ "$size" = "595.276x841.89" ] || [ "$size" = "594.96x841.92" ]; check "print edition is A4 ($size)" $?

# The contents list numbers each chapter once: its own number, no list
# number before it.
grep -Eq "^(1|一) “初心”护“核心”" <<<"$text" && ! grep -Eq "^[0-9]+\. *(1|一) " <<<"$text"; check "print contents number each chapter once" $?
# The gazette print edition: A4 by default (its `paper` option), every
# chapter as text.
chrome --no-pdf-header-footer --print-to-pdf="$work/gazette.pdf" "file://$work/gazette/2024/print/index.html" >/dev/null
size=$(pdfinfo "$work/gazette.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5}')
[ "$size" = "595.92x842.88" ] || [ "$size" = "595.276x841.89" ] || [ "$size" = "594.96x841.92" ]; check "gazette print edition is A4 ($size)" $?
text=$(pdftotext "$work/gazette.pdf" - 2>/dev/null)
ok=0
for title in "旗帜鲜明讲政治" "议政建言助推发展" "政协履职亮点纷呈" "汇集合力履职为民" "强基固本提能砺为" "数据统计" "大事记"; do
  grep -q "$title" <<<"$text" || { ok=1; echo "  $title not in the gazette PDF text"; }
done
check "gazette print edition PDF holds every chapter as text" $ok

# The typeset PDF edition: `annals pdf` with no browser on the PATH, the
# example report in both themes: A4, fonts embedded, PDF/A-2b, every
# chapter as text; its cover and first chapter rendered to PNG (poppler)
# into target/browser-screenshots/pdf/ to be looked at, and not blank.
pdfshots=${CARGO_TARGET_DIR:-$repo/target}/browser-screenshots/pdf
mkdir -p "$pdfshots" "$work/no-browser" "$work/gazette-site"
ln -s "$repo/content" "$work/gazette-site/content"
{ cat "$repo/site.yaml"; echo "theme: gazette"; } >"$work/gazette-site/site.yaml"
for theme in default gazette; do
  root=$repo
  [ "$theme" = gazette ] && root=$work/gazette-site
  pdf=$work/edition-$theme.pdf
  env PATH="$work/no-browser" XDG_CACHE_HOME="$work/cache" "$annals" pdf 2024 --root "$root" --output "$pdf" >/dev/null
  check "$theme: annals pdf writes the PDF edition with no browser on the PATH" $?
  info=$(pdfinfo "$pdf" 2>/dev/null)
  grep -q "^Page size: *595.276 x 841.89 pts (A4)" <<<"$info"; check "$theme: the PDF edition is A4" $?
  ! pdffonts "$pdf" 2>/dev/null | tail -n +3 | awk '{ print $(NF-4) }' | grep -qv yes; check "$theme: the PDF edition embeds every font" $?
  pdfinfo -meta "$pdf" 2>/dev/null | grep -q "<pdfaid:part>2</pdfaid:part>"; check "$theme: the PDF edition is PDF/A-2" $?
  text=$(pdftotext "$pdf" - 2>/dev/null | tr -d ' ')
  ok=0
  for title in "旗帜鲜明讲政治" "议政建言助推发展" "政协履职亮点纷呈" "汇集合力履职为民" "强基固本提能砺为" "数据统计" "大事记" "10余件" "近26万元"; do
    grep -q "$title" <<<"$text" || { ok=1; echo "  $title not in the PDF edition"; }
  done
  check "$theme: the PDF edition holds every chapter and its figures as text" $ok
  chapter=$(for n in $(seq 1 30); do pdftotext -f "$n" -l "$n" "$pdf" - 2>/dev/null | grep -qx "第一部分" && { echo "$n"; break; }; done)
  ok=0
  for page in 1 "${chapter:-0}"; do
    name=cover
    [ "$page" = 1 ] || name=chapter
    pdftoppm -r 60 -png -singlefile -f "$page" -l "$page" "$pdf" "$pdfshots/$theme-$name" || ok=1
    # How much of the page is inked, from a grey rendering (no image
    # library needed).
    pdftoppm -r 20 -gray -singlefile -f "$page" -l "$page" "$pdf" "$work/ink" || ok=1
    python3 - "$work/ink.pgm" <<'PY' || { ok=1; echo "  $theme: page $page of the PDF edition is blank"; }
import sys
data = open(sys.argv[1], "rb").read()
fields = data.split(maxsplit=4)  # P5, width, height, maxval, pixels
pixels = fields[4][: int(fields[1]) * int(fields[2])]
sys.exit(0 if sum(1 for p in pixels if p < 200) / len(pixels) > 0.02 else 1)
PY
  done
  check "$theme: the PDF edition's cover and first chapter render to PNG, not blank" $?
done

# No page is wider than a phone (360 px) or scrolls sideways at 1920 px.
# Headless Chromium lays out no narrower than 500 px, so each page is
# measured in an iframe of the width; a copy of the page gets a script
# that tells the frame's parent, once loaded, how much wider than the
# frame the document is.
probe='<script>addEventListener("load",function(){var d=document.documentElement;parent.postMessage(String(d.scrollWidth-d.clientWidth),"*")})</script>'
for site in example gazette gazette-library; do
  cp -r "$work/$site" "$work/$site-probe"
  for width in 360 1920; do
    ok=0
    for page in index.html 2024/index.html 2024/counsel/index.html 2024/politics/index.html 2024/stats/index.html 2024/photos/index.html \
        2024/chronicle/index.html 2024/print/index.html stats/index.html search/index.html tags/index.html \
        archive/index.html about/index.html; do
      [ -f "$work/$site/$page" ] || continue
      sed "s|</body>|$probe</body>|" "$work/$site/$page" >"$work/$site-probe/$page"
      cat >"$work/frame.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe style="border:0" width="$width" height="900" src="file://$work/$site-probe/$page"></iframe>
<script>addEventListener("message", function (e) { document.body.setAttribute("data-overflow", e.data); });</script>
</body></html>
EOF
      over=$(chrome --hide-scrollbars --window-size="$((width + 100)),1000" --dump-dom "file://$work/frame.html" | sed -n 's/.*data-overflow="\([0-9-]*\)".*/\1/p')
      [ "${over:-x}" = 0 ] || { ok=1; echo "  $site/$page at $width px: ${over:-no answer} px too wide"; }
    done
    check "$site: no horizontal overflow at $width px" $ok
  done
done

# Every page of both themes: the real browser and the validators.
shots=${CARGO_TARGET_DIR:-$repo/target}/browser-screenshots
for site in example gazette library gazette-library figures gazette-figures; do
  node tests/browser/pages.mjs "$work/$site" "$shots/$site" >"$work/pages.txt" 2>&1
  status=$?
  tail -n 20 "$work/pages.txt"
  check "$site: every page loads clean, images decode, fits 375 px; light and dark at 375 and 1280 px: no serious accessibility problem, no filtered or cropped photo, no figure split from its unit" $status
done
# A photo opens larger and closes again, with and without JavaScript.
node tests/browser/zoom.mjs "$work/example/2024/counsel/index.html"
check "a photo opens larger when clicked and closes again, with and without JavaScript" $?
node tests/browser/zoom.mjs "$work/gazette/2024/photos/index.html"
check "gazette: a photo of the gallery opens larger and closes again" $?
# Its CSS parser predates color-mix(), :has() and text-spacing-trim, which
# the 404 page's inlined stylesheet uses: CSS is checked by the browser.
java -jar tests/browser/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html --filterpattern "CSS: .*" \
  "$work/example" "$work/gazette" "$work/library" "$work/gazette-library" "$work/figures" "$work/gazette-figures" 2>&1 | head -40
check "every page of both themes passes the Nu HTML Checker" "${PIPESTATUS[0]}"

echo "browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
