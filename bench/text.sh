#!/usr/bin/env bash
# Text benchmark: annals and Hugo build the same generated corpus (years x
# pages of ~1,000 mixed Chinese/English characters) with minimal templates
# that print title and content; annals also with its full default theme
# (every page, stats, print edition, search index, feed). Each build runs
# several times in turn; prints median wall time, CPU time and peak memory,
# the annals/Hugo ratios, and the time per page at each scale.
# Usage: bench/text.sh [SCALES="1000 10000 50000"] [RUNS=3] [OUT_BASE=/dev/shm]
set -euo pipefail
scales=${1:-"1000 10000 50000"}
runs=${2:-3}
base=${3:-/dev/shm}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
setup text

printf 'output on %s, %s runs, %s cores\n' "$base" "$runs" "$(nproc)"
printf '%-8s %-16s %9s %9s %10s %11s\n' pages build "wall (s)" "cpu (s)" "peak (MiB)" "ms per page"
for pages in $scales; do
  years=10
  corpus=$work/corpus-$pages
  python3 "$repo/bench/gen.py" text "$corpus" --years "$years" --pages "$pages" >/dev/null
  out=$(mktemp -d "$base/annals-bench-out.XXXX")
  for run in $(seq "$runs"); do
    # Each build into an empty folder, after the deletion of the last one
    # has reached the disk, so no build pays for another's.
    rm -rf "$out/m" && sync
    measure "$work/$pages-annals-minimal" "$annals" build --root "$corpus/annals" --output "$out/m" --theme minimal --cache-dir "$work/cache"
    rm -rf "$out/a" && sync
    measure "$work/$pages-annals-default" "$annals" build --root "$corpus/annals" --output "$out/a" --cache-dir "$work/cache"
    rm -rf "$out/h" && sync
    measure "$work/$pages-hugo-minimal" hugo --source "$corpus/hugo" --destination "$out/h" --quiet
  done
  for b in annals-minimal hugo-minimal annals-default; do
    f=$work/$pages-$b
    printf '%-8s %-16s %9s %9s %10.0f %11.3f\n' "$pages" "$b" "$(col "$f" 1)" "$(col "$f" 2)" \
      "$(echo "$(col "$f" 3) / 1024" | bc -l)" "$(echo "$(col "$f" 1) * 1000 / $pages" | bc -l)"
  done
  printf '%-8s annals/Hugo wall: minimal %.3f, default theme %.3f; peak memory minimal %.3f\n' "$pages" \
    "$(echo "$(col "$work/$pages-annals-minimal" 1) / $(col "$work/$pages-hugo-minimal" 1)" | bc -l)" \
    "$(echo "$(col "$work/$pages-annals-default" 1) / $(col "$work/$pages-hugo-minimal" 1)" | bc -l)" \
    "$(echo "$(col "$work/$pages-annals-minimal" 3) / $(col "$work/$pages-hugo-minimal" 3)" | bc -l)"
  rm -rf "$out" "$corpus"
done
