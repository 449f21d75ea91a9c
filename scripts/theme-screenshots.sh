#!/usr/bin/env bash
# Builds the example site with each built-in theme and takes headless
# Chromium screenshots of its home, report, chapter and statistics pages
# (and the photo page, where the build has one) at 1280 px and 375 px, from
# file://. Saves small PNGs into docs/screenshots/ as THEME-PAGE-WIDTH.png:
# the 1280 px ones scaled to 640 px wide, all reduced to 256 colours, so
# each stays well under 200 KB. Needs chromium and python3 with Pillow.
#
# Usage: scripts/theme-screenshots.sh [THEME...]   (default: default gazette)
# ANNALS=path/to/annals skips building annals with cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
themes=("$@")
[ ${#themes[@]} -gt 0 ] || themes=(default gazette)
out=$repo/docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${ANNALS:-}" ]; then
  cargo build -q --release
  ANNALS=${CARGO_TARGET_DIR:-$repo/target}/release/annals
fi

# page name → path in the built site
pages=(home:index.html report:2024/index.html chapter:2024/counsel/index.html stats:2024/stats/index.html photos:2024/photos/index.html)

shoot() { # URL WIDTH HEIGHT PNG
  local profile
  profile=$(mktemp -d "$work/profile.XXXX")
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --virtual-time-budget=5000 \
    --force-device-scale-factor=1 --window-size="$2,$3" --screenshot="$4" "$1" >/dev/null 2>&1
  rm -rf "$profile"
}

for theme in "${themes[@]}"; do
  site=$work/$theme
  "$ANNALS" build --root "$repo" --theme "$theme" --output "$site" >/dev/null
  # Headless Chromium takes the picture before images decoded off the main
  # thread are painted, and may not fetch lazy ones: this copy of the site,
  # only for pictures, loads them the plain way.
  find "$site" -name '*.html' -exec sed -i 's/ decoding="async"//g; s/ loading="lazy"//g' {} +
  for entry in "${pages[@]}"; do
    name=${entry%%:*}
    page=${entry#*:}
    [ -f "$site/$page" ] || { echo "skip $theme $name: no $page"; continue; }
    shoot "file://$site/$page" 1280 1600 "$work/$theme-$name-1280.png"
    shoot "file://$site/$page" 375 1100 "$work/$theme-$name-375.png"
  done
done

python3 - "$work" "$out" <<'EOF'
import pathlib, sys
from PIL import Image
work, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for png in sorted(work.glob("*.png")):
    im = Image.open(png).convert("RGB")
    if im.width > 640:
        im = im.resize((640, round(im.height * 640 / im.width)), Image.Resampling.LANCZOS)
    im = im.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    target = out / png.name
    im.save(target, optimize=True)
    print(f"{target.relative_to(out.parent.parent)}  {im.width}x{im.height}  {target.stat().st_size // 1024} KB")
EOF
