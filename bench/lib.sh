# Shared by the benchmarks that source it (after setting $repo and $base):
# setting up, timing a command, medians.

# setup NAME: checks that Hugo is there, builds annals (sets $annals),
# makes the scratch folder $work, and removes it and the outputs under
# $base on exit.
setup() {
  command -v hugo >/dev/null || { echo "needs hugo (apt-get install hugo)" >&2; exit 1; }
  cargo build --release -q --manifest-path "$repo/Cargo.toml"
  annals=${CARGO_TARGET_DIR:-$repo/target}/release/annals
  work=$(mktemp -d "/tmp/annals-bench-$1.XXXX")
  trap 'rm -rf "$work" "$base"/annals-bench-out.*' EXIT
}

# measure FILE COMMAND...: runs COMMAND, appends "wall cpu maxrss_kib" to FILE.
measure() {
  local file=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$file"
}
# The median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# col FILE N: the median of column N of FILE.
col() { awk -v c="$2" '{ print $c }' "$1" | median; }
