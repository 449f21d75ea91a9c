#!/usr/bin/env bash
# Runs each fuzz target of fuzz/ for a bounded time, one after the other
# (never two fuzzers at once), from its seed corpus (fuzz/seeds/TARGET/,
# committed) and the corpus earlier runs grew (fuzz/corpus/TARGET/, not
# committed). A crash, panic, timeout (10 s on one input) or memory use over
# 2 GB stops that target, leaves the input in fuzz/artifacts/TARGET/ and
# makes the script exit 1. Logs go to fuzz/target/logs/TARGET.log.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 60
#   TARGET              default: front_matter yaml_model markdown
# Environment: FUZZ_SANITIZER (default none; address for ASan),
#   CARGO_BUILD_JOBS (default 1).
set -euo pipefail
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter yaml_model markdown)
cd "$(dirname "$0")/.."

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo +nightly --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
  cargo install cargo-fuzz --locked
fi
sanitizer=${FUZZ_SANITIZER:-none}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
# Debug assertions on: integer overflow panics instead of wrapping quietly.
build_flags=(--sanitizer "$sanitizer" --debug-assertions)

mkdir -p fuzz/target/logs
failed=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  cargo +nightly fuzz build "${build_flags[@]}" "$target"
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
  [ -f "fuzz/dicts/$target.dict" ] && args+=(-dict="fuzz/dicts/$target.dict")
  echo "== $target: ${seconds}s"
  if cargo +nightly fuzz run "${build_flags[@]}" "$target" \
    "fuzz/corpus/$target" "fuzz/seeds/$target" -- "${args[@]}" \
    >"fuzz/target/logs/$target.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
      "fuzz/target/logs/$target.log" || true
    echo "   corpus: $(find "fuzz/corpus/$target" -type f | wc -l) inputs"
  else
    echo "   FAILED: see fuzz/target/logs/$target.log and fuzz/artifacts/$target/"
    tail -n 40 "fuzz/target/logs/$target.log"
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets that failed: ${failed[*]}"
  exit 1
fi
echo "no crash in: ${targets[*]}"
