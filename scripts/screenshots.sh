#!/usr/bin/env bash
# Builds a site and takes headless Chromium screenshots of a few pages at
# desktop (1280px) and phone (375px) widths, from file://, into OUT.
# Usage: scripts/screenshots.sh [SITE_ROOT] [OUT] [PAGE...]
set -euo pipefail
root=${1:-.}
out=${2:-target/screenshots}
shift 2 || true
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(index.html 2024/index.html 2024/politics/index.html 2024/counsel/index.html 2024/stats/index.html)
public=$(mktemp -d)/public
cargo run -q --release -- build --root "$root" --output "$public" >/dev/null
mkdir -p "$out"
for page in "${pages[@]}"; do
  name=$(echo "$page" | sed 's|/index.html||; s|index.html|home|; s|/|-|g')
  for width in 1280 375; do
    height=$([ "$width" = 1280 ] && echo 2000 || echo 2400)
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile" --hide-scrollbars --virtual-time-budget=5000 --force-device-scale-factor=1 \
      --window-size="$width,$height" --screenshot="$out/$name-$width.png" \
      "file://$public/$page" >/dev/null 2>&1
    rm -rf "$profile"
  done
done
ls "$out"
