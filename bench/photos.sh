#!/usr/bin/env bash
# Photo benchmark: annals and Hugo resize the same 3000x2000 photos to 480,
# 960 and 1600 px JPEG at quality 75, cold (empty caches) and warm (a second
# build over the same output), several runs each in turn. Prints the median
# wall time, CPU time (user+sys) and peak memory, and annals/Hugo ratios.
# Usage: bench/photos.sh [PHOTOS=200] [RUNS=3] [WORK=/tmp/annals-bench-photos]
set -euo pipefail
photos=${1:-200}
runs=${2:-3}
work=${3:-/tmp/annals-bench-photos}
repo=$(cd "$(dirname "$0")/.." && pwd)
command -v hugo >/dev/null || { echo "needs hugo (apt-get install hugo)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

cargo build --release -q --manifest-path "$repo/Cargo.toml"
annals=${CARGO_TARGET_DIR:-$repo/target}/release/annals
python3 "$repo/bench/gen.py" photos "$work" --photos "$photos" >/dev/null

# measure NAME COMMAND...: appends "wall cpu maxrss_kib" to $work/NAME.
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$work/$name"
}

rm -f "$work"/{annals-cold,annals-warm,hugo-cold,hugo-warm}
for run in $(seq "$runs"); do
  rm -rf "$work/out-annals" "$work/cache-annals"
  measure annals-cold "$annals" build --root "$work/annals" --output "$work/out-annals" --cache-dir "$work/cache-annals"
  measure annals-warm "$annals" build --root "$work/annals" --output "$work/out-annals" --cache-dir "$work/cache-annals"
  rm -rf "$work/out-hugo" "$work/cache-hugo" "$work/hugo/resources"
  measure hugo-cold hugo --source "$work/hugo" --destination "$work/out-hugo" --cacheDir "$work/cache-hugo" --quiet
  measure hugo-warm hugo --source "$work/hugo" --destination "$work/out-hugo" --cacheDir "$work/cache-hugo" --quiet
  echo "run $run of $runs done" >&2
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$work/$1" | median; }

variants=$(find "$work/out-annals" -name '*-480.jpg' -o -name '*-960.jpg' -o -name '*-1600.jpg' | wc -l)
printf 'photos: %s of 3000x2000 -> 3 widths (JPEG q75), %s runs, %s cores; annals made %s files\n' "$photos" "$runs" "$(nproc)" "$variants"
printf '%-12s %10s %10s %12s\n' build "wall (s)" "cpu (s)" "peak (MiB)"
for b in annals-cold hugo-cold annals-warm hugo-warm; do
  printf '%-12s %10s %10s %12.0f\n' "$b" "$(col $b 1)" "$(col $b 2)" "$(echo "$(col $b 3) / 1024" | bc -l)"
done
ratio() { echo "scale=3; $(col "annals-$1" "$2") / $(col "hugo-$1" "$2")" | bc -l; }
printf 'annals/Hugo wall: cold %s, warm %s; peak memory cold %s\n' "$(ratio cold 1)" "$(ratio warm 1)" "$(ratio cold 3)"
printf 'annals warm/cold wall: %s\n' "$(echo "scale=3; $(col annals-warm 1) / $(col annals-cold 1)" | bc -l)"
