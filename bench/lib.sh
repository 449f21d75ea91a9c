# Shared by the benchmarks that source it: timing a command, medians.
# Needs $work (a scratch folder).

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
