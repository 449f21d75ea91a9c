#!/usr/bin/env bash
# Languages benchmark: the text corpus (bench/gen.py text) built in one
# language, then with an English translation beside every page (gen.py
# translate), by annals (minimal theme and full default theme) and Hugo
# (minimal layouts, its multilingual mode). Prints median wall time, CPU
# time and peak memory of each build, and what the second language costs.
# Usage: bench/languages.sh [SCALES="1000 10000"] [RUNS=3] [OUT_BASE=/dev/shm]
set -euo pipefail
scales=${1:-"1000 10000"}
runs=${2:-3}
base=${3:-/dev/shm}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
setup languages

printf 'output on %s, %s runs, %s cores\n' "$base" "$runs" "$(nproc)"
printf '%-8s %-10s %-16s %9s %9s %10s %7s\n' pages languages build "wall (s)" "cpu (s)" "peak (MiB)" files
for pages in $scales; do
  for languages in 1 2; do
    corpus=$work/corpus-$pages-$languages
    python3 "$repo/bench/gen.py" text "$corpus" --years 10 --pages "$pages" >/dev/null
    [ "$languages" = 2 ] && python3 "$repo/bench/gen.py" translate "$corpus" >/dev/null
    out=$(mktemp -d "$base/annals-bench-out.XXXX")
    for run in $(seq "$runs"); do
      rm -rf "$out/m" && sync
      measure "$work/$pages-$languages-annals-minimal" "$annals" build --root "$corpus/annals" --output "$out/m" --theme minimal --cache-dir "$work/cache"
      rm -rf "$out/a" && sync
      measure "$work/$pages-$languages-annals-default" "$annals" build --root "$corpus/annals" --output "$out/a" --cache-dir "$work/cache"
      rm -rf "$out/h" && sync
      measure "$work/$pages-$languages-hugo-minimal" hugo --source "$corpus/hugo" --destination "$out/h" --quiet
    done
    for b in annals-minimal annals-default hugo-minimal; do
      f=$work/$pages-$languages-$b
      case $b in annals-minimal) dir=m ;; annals-default) dir=a ;; *) dir=h ;; esac
      printf '%-8s %-10s %-16s %9s %9s %10.0f %7s\n' "$pages" "$languages" "$b" "$(col "$f" 1)" "$(col "$f" 2)" \
        "$(echo "$(col "$f" 3) / 1024" | bc -l)" "$(find "$out/$dir" -type f | wc -l)"
    done
    rm -rf "$out"
  done
done
