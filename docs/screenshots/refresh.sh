#!/usr/bin/env bash
# Refreshes docs/screenshots/: every page kind of the example site in both
# themes, each as one sheet of four views (1280 px and 375 px wide, light
# and dark), taken in headless Chromium from file://. Needs what the
# browser tests need (tests/browser/run.sh installs it).
# Usage: docs/screenshots/refresh.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
cargo build -q
annals=${CARGO_TARGET_DIR:-$repo/target}/debug/annals
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for theme in default gazette; do
  "$annals" build --root "$repo" --theme "$theme" --output "$work/$theme" >/dev/null
done
[ -d tests/browser/node_modules/playwright-core ] || npm install --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null
NODE_PATH=tests/browser/node_modules node docs/screenshots/refresh.mjs "$work" docs/screenshots
