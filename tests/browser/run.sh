#!/usr/bin/env bash
# Browser tests: run the built sites in headless Chromium. Search from
# file:// and over HTTP under a sub-path, and the print edition printed to
# PDF. Installs Chromium and poppler-utils with apt-get where missing.
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
annals=$repo/target/debug/annals
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
"$annals" build --root "$repo" --output "$work/example" >/dev/null || exit 1
"$annals" build --root "$repo/tests/fixtures/two-years" --output "$work/library" >/dev/null || exit 1

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

# Over HTTP, under a sub-path.
mkdir -p "$work/http/reports"
cp -r "$work/example" "$work/http/reports/annals"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/http" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break; sleep 0.1; done
search "http://127.0.0.1:$port/reports/annals/search/index.html" "葡萄酒" "../2024/counsel/index.html"
search "http://127.0.0.1:$port/reports/annals/search/index.html" "提案" "../2024/innovation/index.html"

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

echo "browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
