#!/usr/bin/env bash
# The authoring loop, timed: milliseconds from saving a chapter to the
# reload event that `annals serve` sends open pages, median of several
# saves, on the example site and on a generated 5,000-page site.
#
#   cargo build --release && bench/serve-loop.sh [RUNS]
#
# ANNALS=path/to/annals picks the binary (default: target/release/annals,
# or $CARGO_TARGET_DIR/release/annals). Sites are copied into a temporary
# folder: the repository is not touched. Only 127.0.0.1 is used.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
annals=${ANNALS:-${CARGO_TARGET_DIR:-target}/release/annals}
annals=$(realpath "$annals")
[ -x "$annals" ] || { echo "no binary at $annals: run cargo build --release" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }

# Waits (10 s at most) until FILE has a line matching PATTERN.
wait_for() {
    local file=$1 pattern=$2 i
    for ((i = 0; i < 1000; i++)); do
        grep -q -- "$pattern" "$file" 2>/dev/null && return 0
        sleep 0.01
    done
    echo "timed out waiting for '$pattern' in $file" >&2
    cat "$file" >&2
    return 1
}

# bench NAME ROOT CHAPTER: serve ROOT, save CHAPTER RUNS times, print the median.
bench() {
    local name=$1 root=$2 chapter=$3
    local log=$work/$name.serve events=$work/$name.events
    "$annals" serve --root "$root" --port 0 >"$log" 2>&1 &
    pids+=($!)
    wait_for "$log" "Built "
    local url
    url=$(grep -o 'http://[^ ]*' "$log" | head -1)
    # Every line of the event stream with the time it arrived.
    (curl -sN "${url}__annals/events" | while IFS= read -r line; do
        printf '%s %s\n' "$(now_us)" "$line"
    done >"$events") &
    pids+=($!)
    wait_for "$events" "data: "
    local build
    build=$(grep -o 'data: [0-9]*' "$events" | tail -1 | cut -d' ' -f2)
    local times=()
    for ((r = 1; r <= runs; r++)); do
        build=$((build + 1))
        local before
        before=$(now_us)
        printf '\nEdit %s.\n' "$r" >>"$chapter"
        wait_for "$events" "data: $build\$"
        local after
        after=$(grep " data: $build\$" "$events" | head -1 | cut -d' ' -f1)
        times+=($(((after - before) / 1000)))
        sleep 0.3
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    local median
    median=$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")
    local pages
    pages=$(grep -o 'Built [0-9]* pages' "$log" | head -1 | cut -d' ' -f2)
    local rebuild
    rebuild=$(grep -o 'Rebuilt [0-9]* pages in [0-9]* ms' "$log" | awk '{print $5}' | sort -n | sed -n "$(((runs + 1) / 2))p")
    printf '%-22s %6s pages  save→reload median %5s ms  (runs: %s; rebuild alone: median %s ms)\n' \
        "$name" "$pages" "$median" "$(echo $sorted | tr ' ' ',')" "$rebuild"
}

# The example site at the repository root.
mkdir -p "$work/example"
cp -r site.yaml content themes "$work/example/"
bench example "$work/example" "$work/example/content/2024/01-politics.md"

# A generated site: ten yearly reports of 500 chapters each.
big=$work/big
mkdir -p "$big/content"
printf 'title: Big\nlanguage: en\n' >"$big/site.yaml"
for year in $(seq 2015 2024); do
    dir=$big/content/$year
    mkdir -p "$dir"
    printf -- '---\ntitle: The year %s\n---\nPreface of %s.\n' "$year" "$year" >"$dir/_index.md"
    printf -- '- key: meetings\n  label: Meetings\n  value: %s\n  unit: times\n' "$((year - 2000))" >"$dir/stats.yaml"
    for n in $(seq -w 1 500); do
        printf -- '---\ntitle: Chapter %s of %s\nsummary: What happened.\n---\n## Work\n\nWe met {{ stat(key="meetings") }} times. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\n\n## Results\n\nUt enim ad minim veniam, quis nostrud exercitation ullamco laboris.\n' \
            "$n" "$year" >"$dir/$n-chapter-$n.md"
    done
done
bench generated-5000 "$big" "$big/content/2024/250-chapter-250.md"
