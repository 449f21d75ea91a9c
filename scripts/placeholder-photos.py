#!/usr/bin/env python3
"""Generate the placeholder photos of the example report.

The example content under content/2024/ retells a real newspaper review, but
its photos are not the original ones: they are these generated placeholders.
Each image is a soft diagonal two-colour gradient with a few large
translucent shapes and the word PLACEHOLDER plus a short English name in a
corner.  The output is deterministic (fixed seeds, no metadata).

Usage: python3 scripts/placeholder-photos.py   (from the repository root,
or from anywhere: paths are resolved against this script's parent folder)
Requires Pillow.
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

LANDSCAPE = (1600, 1067)
PORTRAIT = (1067, 1600)

# (path under content/, short English name, size, colour from, colour to, seed)
PHOTOS = [
    ("2024/photos/anniversary.jpg", "anniversary", LANDSCAPE,
     (150, 62, 58), (214, 176, 104), 1),
    ("2024/photos/qidong-visit.jpg", "qidong visit", LANDSCAPE,
     (201, 160, 72), (94, 128, 112), 2),
    ("2024/photos/food-safety.jpg", "food safety", LANDSCAPE,
     (62, 112, 118), (196, 200, 190), 3),
    ("2024/04-counsel/proposal-inspection.jpg", "proposal inspection",
     LANDSCAPE, (96, 104, 118), (176, 120, 100), 4),
    ("2024/04-counsel/liuquan-contact-point.jpg", "liuquan contact point",
     LANDSCAPE, (84, 130, 104), (222, 204, 150), 5),
    ("2024/04-counsel/ecommerce-consultation.jpg", "e-commerce consultation",
     LANDSCAPE, (46, 88, 110), (200, 142, 90), 6),
    ("2024/04-counsel/winery-survey.jpg", "winery survey", LANDSCAPE,
     (112, 46, 64), (190, 168, 150), 7),
    ("2024/04-counsel/wine-reception-room.jpg", "wine reception room",
     LANDSCAPE, (128, 70, 88), (92, 132, 136), 8),
    ("2024/05-building/training-class.jpg", "training class", PORTRAIT,
     (70, 80, 96), (204, 170, 110), 9),
]

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def font(size):
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def gradient(size, c0, c1):
    """Diagonal gradient from the top-left (c0) to the bottom-right (c1)."""
    w, h = size
    # Build it small and scale up: smooth, fast and deterministic.
    sw, sh = 64, max(2, round(64 * h / w))
    small = Image.new("RGB", (sw, sh))
    px = small.load()
    for y in range(sh):
        for x in range(sw):
            t = (x / (sw - 1) + y / (sh - 1)) / 2
            t = t * t * (3 - 2 * t)  # smoothstep: softer ends
            px[x, y] = mix(c0, c1, t)
    return small.resize(size, Image.BICUBIC)


def shapes(img, seed, c0, c1):
    rng = random.Random(seed)
    w, h = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    light = mix(c1, (255, 255, 255), 0.55)
    dark = mix(c0, (0, 0, 0), 0.25)
    for i in range(5):
        colour = light if i % 2 == 0 else dark
        alpha = rng.randint(34, 64)
        kind = rng.choice(["circle", "circle", "rect", "triangle"])
        cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
        r = rng.uniform(0.16, 0.34) * min(w, h)
        fill = colour + (alpha,)
        if kind == "circle":
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        elif kind == "rect":
            draw.rectangle((cx - r * 1.3, cy - r * 0.7, cx + r * 1.3,
                            cy + r * 0.7), fill=fill)
        else:
            draw.polygon([(cx, cy - r), (cx + r * 1.1, cy + r * 0.8),
                          (cx - r * 1.1, cy + r * 0.8)], fill=fill)
    return Image.alpha_composite(img.convert("RGBA"), layer)


def label(img, name):
    w, h = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    big = font(round(min(w, h) * 0.052))
    small = font(round(min(w, h) * 0.03))
    margin = round(min(w, h) * 0.05)
    x, y = margin, h - margin
    # Bottom-left corner: name below, PLACEHOLDER above it.
    nb = draw.textbbox((0, 0), name, font=small)
    pb = draw.textbbox((0, 0), "PLACEHOLDER", font=big)
    ny = y - (nb[3] - nb[1]) - nb[1]
    py = ny - round(margin * 0.35) - (pb[3] - pb[1]) - pb[1]
    shadow = (0, 0, 0, 70)
    draw.text((x + 2, py + 2), "PLACEHOLDER", font=big, fill=shadow)
    draw.text((x + 2, ny + 2), name, font=small, fill=shadow)
    draw.text((x, py), "PLACEHOLDER", font=big, fill=(255, 255, 255, 235))
    draw.text((x, ny), name, font=small, fill=(255, 255, 255, 215))
    return Image.alpha_composite(img, layer)


def main():
    for rel, name, size, c0, c1, seed in PHOTOS:
        img = gradient(size, c0, c1)
        img = shapes(img, seed, c0, c1)
        img = label(img, name).convert("RGB")
        out = CONTENT / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        # No exif/icc passed: metadata-free baseline JPEG.
        img.save(out, "JPEG", quality=82, progressive=False, optimize=True)
        print(f"wrote {out.relative_to(ROOT)} {size[0]}x{size[1]} "
              f"{out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
