#!/usr/bin/env bash
# Search benchmark: builds the generated corpus (bench/gen.py text) at each
# scale, prints the search index's size (files, total, largest, shards),
# then runs 10 queries (Chinese and English, one to eight characters) in
# headless Chromium from file:// and prints, per query, the shards and
# entry files loaded and the bytes with the page's script. With OLD_BIN (an
# annals binary from before the sharded index), also the build time of
# both, median of RUNS.
# Usage: bench/search.sh [SCALES="1000 10000"] [RUNS=3] [OLD_BIN]   (OUT_BASE=/dev/shm by default)
set -euo pipefail
scales=${1:-"1000 10000"}
runs=${2:-3}
old=${3:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
cargo build --release -q
annals=${CARGO_TARGET_DIR:-$repo/target}/release/annals
[ -d tests/browser/node_modules/playwright-core ] || npm install --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null
work=$(mktemp -d "${OUT_BASE:-/dev/shm}/annals-bench-search.XXXX")
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall() { # BIN ROOT OUT: median wall time of RUNS builds
  for _ in $(seq "$runs"); do
    rm -rf "$3"
    /usr/bin/time -f "%e" -o "$work/t" "$1" build --root "$2" --output "$3" --cache-dir "$work/cache" >/dev/null 2>&1
    cat "$work/t"
  done | median
}
for scale in $scales; do
  python3 bench/gen.py text "$work/gen-$scale" --years 10 --pages "$scale" >/dev/null
  root="$work/gen-$scale/annals"
  out="$work/out-$scale"
  new_time=$(wall "$annals" "$root" "$out")
  files=$(find "$out/search" -type f | wc -l)
  total=$(du -sb "$out/search" | cut -f1)
  largest=$(find "$out/search" -type f -printf '%s\n' | sort -n | tail -1)
  shards=$(find "$out/search/s" -type f | wc -l)
  printf '\n%s pages: build %s s; index %s files, %.1f MB, largest file %.1f KB, %s shards\n' \
    "$scale" "$new_time" "$files" "$(echo "$total / 1000000" | bc -l)" "$(echo "$largest / 1024" | bc -l)" "$shards"
  if [ -n "$old" ]; then
    old_time=$(wall "$old" "$root" "$work/old-out")
    old_index=$(stat -c %s "$work/old-out/search-index.js" 2>/dev/null || echo 0)
    printf 'before the sharded index: build %s s, search-index.js %.1f MB (loaded whole by every query); build time ratio %.3f\n' \
      "$old_time" "$(echo "$old_index / 1000000" | bc -l)" "$(echo "$new_time / $old_time" | bc -l)"
  fi
  # Queries: a page's title, pairs common and rare, one character, English.
  title=$(sed -n 's/^title: 第42篇 //p' "$root/content/$(ls "$root/content" | grep -E '^[0-9]{4}$' | sort | sed -n 4p)/p0042.md")
  node bench/search.mjs "$out" "$title" "${title:0:2}" "${title:0:4}" "政协委员" "葡萄酒新能源" "乡村振兴产业发展" "文" "report" "villages energy" "wine committee archive"
done
