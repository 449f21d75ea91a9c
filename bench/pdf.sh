#!/usr/bin/env bash
# PDF edition benchmark: the example report (5 chapters) with its photos
# replaced by 10 camera-sized photos (4000x3000 JPEGs, one of them
# portrait), typeset by `annals pdf 2024` cold (empty photo cache: the print
# JPEGs are made) and warm (from the cache), RUNS times each. Prints the
# median wall time, CPU time and peak memory of each, the PDF's pages and
# size; with Chromium on the PATH, also the other route to a PDF, the print
# edition printed by headless Chromium (warm, from a built site).
# Usage: bench/pdf.sh [RUNS=5]   (needs Pillow, GNU time, fonts-noto-cjk)
set -euo pipefail
runs=${1:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release -q --manifest-path "$repo/Cargo.toml"
annals=${CARGO_TARGET_DIR:-$repo/target}/release/annals
work=$(mktemp -d "${OUT_BASE:-/tmp}/annals-bench-pdf.XXXX")
trap 'rm -rf "$work"' EXIT

# The site: the example, its photos camera-sized, a tenth photo added.
mkdir -p "$work/site"
cp -r "$repo/site.yaml" "$repo/content" "$work/site/"
python3 - "$work/site" "$repo/bench" <<'EOF'
import glob, os, random, sys
site, bench = sys.argv[1], sys.argv[2]
sys.path.insert(0, bench)
from gen import photo
rng = random.Random(11)
files = sorted(glob.glob(os.path.join(site, "content/2024/**/*.jpg"), recursive=True))
for f in files:
    from PIL import Image
    w, h = Image.open(f).size
    photo(f, rng, *((4000, 3000) if w >= h else (3000, 4000)))
extra = os.path.join(site, "content/2024/photos/extra.jpg")
photo(extra, rng, 4000, 3000)
index = os.path.join(site, "content/2024/_index.md")
text = open(index, encoding="utf-8").read()
text = text.replace("photos:\n", "photos:\n  - src: photos/extra.jpg\n    caption: 一张补充的照片。\n", 1)
open(index, "w", encoding="utf-8").write(text)
print(f"{len(files) + 1} photos of 4000x3000")
EOF

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# measure NAME COMMAND...: appends "wall cpu maxrss_kib" to $work/NAME.
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$work/$name"
}
report() { # NAME LABEL
  printf '%-34s wall %6.2f s   cpu %6.2f s   peak %5.0f MB\n' "$2" \
    "$(cut -d' ' -f1 "$work/$1" | median)" "$(cut -d' ' -f2 "$work/$1" | median)" \
    "$(echo "$(cut -d' ' -f3 "$work/$1" | median) / 1024" | bc -l)"
}

export XDG_CACHE_HOME="$work/cache"
for _ in $(seq "$runs"); do
  rm -rf "$work/cache"
  measure cold "$annals" pdf 2024 --root "$work/site" --output "$work/cold.pdf"
  measure warm "$annals" pdf 2024 --root "$work/site" --output "$work/warm.pdf"
done
cmp -s "$work/cold.pdf" "$work/warm.pdf" && same="same bytes" || same="DIFFERENT bytes"
pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$work/warm.pdf")
echo "annals pdf 2024: $pages pages, $(stat -c %s "$work/warm.pdf" | awk '{ printf "%.1f MB", $1 / 1e6 }'), cold and warm runs give $same (median of $runs)"
report cold "cold (print photos made)"
report warm "warm (photos from the cache)"

if command -v chromium >/dev/null; then
  "$annals" build --root "$work/site" --output "$work/public" >/dev/null
  for _ in $(seq "$runs"); do
    measure chromium timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$work/profile" --no-pdf-header-footer \
      --print-to-pdf="$work/chromium.pdf" "file://$work/public/2024/print/index.html"
  done
  report chromium "Chromium printing /2024/print/"
fi
