#!/usr/bin/env python3
"""Deterministic benchmark corpus: the same content as an annals site and a
Hugo site (Hugo reads the same YAML front matter and _index.md sections).

  bench/gen.py text   OUT --years 10 --pages 1000   text pages
  bench/gen.py photos OUT --photos 200               3000x2000 photos

Each writes OUT/annals and OUT/hugo. Text pages are ~1,000 mixed
Chinese/English characters with headings, a list, a table and links; a
report per year with stats and a chronicle. Photos are photo-like JPEGs
(gradients, shapes and grain, so they compress like photos) shared by both
sites through hard links; needs Pillow for photos."""

import argparse
import os
import random
import shutil

HAN = "政协委员履职协商议政建言献策调研视察提案办理民主监督凝聚共识团结联谊文史资料乡村振兴产业发展葡萄酒新能源电商教育卫生文化"
WORDS = "report committee proposal survey village industry wine energy education culture archive review figure".split()


def text_body(rng, n, links):
    parts = [f"## {''.join(rng.choice(HAN) for _ in range(6))}\n"]
    for p in range(4):
        zh = "".join(rng.choice(HAN) for _ in range(150))
        en = " ".join(rng.choice(WORDS) for _ in range(12))
        parts.append(f"{zh[:80]}，{en}。{zh[80:]}。\n")
        if p == 1:
            parts.append("\n".join(f"- {''.join(rng.choice(HAN) for _ in range(12))} {rng.randint(1, 99)}" for _ in range(4)) + "\n")
        if p == 2:
            parts.append("| 项目 | 数量 |\n|---|---|\n" + "\n".join(f"| {''.join(rng.choice(HAN) for _ in range(5))} | {rng.randint(1, 500)} |" for _ in range(3)) + "\n")
    for target, title in links:
        parts.append(f"参见[{title}]({target})。\n")
    return "\n".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


MINIMAL_TEMPLATES = [
    "base.html", "home.html", "report.html", "chapter.html", "stats.html", "site_stats.html",
    "chronicle.html", "print.html", "photos.html", "section.html", "page.html", "tags.html",
    "tag.html", "search.html", "404.html", "partials/figure.html",
]


def minimal_theme(root):
    """A theme whose every page prints its title and content, like the Hugo
    site's layouts."""
    theme = os.path.join(root, "themes", "minimal")
    write(os.path.join(theme, "theme.yaml"), "name: minimal\ndescription: title and content\nversion: 1.0.0\n")
    write(os.path.join(theme, "i18n", "zh-CN.yaml"),
          'figure_plain: "{value}{unit}"\nfigure_over: "{value}余{unit}"\nfigure_nearly: "近{value}{unit}"\nfigure_about: "约{value}{unit}"\n')
    page = "<!DOCTYPE html><html><head><title>{{ page_title }}</title></head><body><h1>{{ page_title }}</h1>{{ content | default(value='') | safe }}</body></html>\n"
    for name in MINIMAL_TEMPLATES:
        write(os.path.join(theme, "templates", name), "" if name.startswith("partials/") else page)


def gen_text(out, years, pages):
    rng = random.Random(42)
    per_year = max(1, pages // years)
    for flavour in ("annals", "hugo"):
        root = os.path.join(out, flavour)
        shutil.rmtree(root, ignore_errors=True)
        if flavour == "annals":
            write(os.path.join(root, "site.yaml"), "title: Benchmark\nbase_url: https://example.org\nlanguage: zh-CN\n")
            minimal_theme(root)
        else:
            write(os.path.join(root, "config.yaml"), "title: Benchmark\nbaseURL: https://example.org/\nlanguageCode: zh-CN\ndisableKinds: [taxonomy, term, RSS, sitemap]\n")
            layouts = os.path.join(root, "layouts", "_default")
            write(os.path.join(layouts, "single.html"), "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
            write(os.path.join(layouts, "list.html"), "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n")
        rng.seed(42)
        for y in range(years):
            year = 2015 + y
            write(os.path.join(root, "content", str(year), "_index.md"), f"---\ntitle: {year}年度报告\n---\n{text_body(rng, 1, [])}")
            stats = "".join(f"- key: k{i}\n  label: {''.join(rng.choice(HAN) for _ in range(4))}\n  value: {rng.randint(1, 300)}\n  unit: 次\n  group: g{i % 4}\n" for i in range(30))
            events = "".join(f"- date: {year}-{rng.randint(1, 12):02d}\n  title: {''.join(rng.choice(HAN) for _ in range(8))}\n  kind: visit\n  participants: {rng.randint(5, 80)}\n" for _ in range(20))
            if flavour == "annals":
                write(os.path.join(root, "content", str(year), "stats.yaml"), stats)
                write(os.path.join(root, "content", str(year), "records.yaml"), events)
            for n in range(1, per_year + 1):
                links = [(f"p{n + 1:04d}.md", "下一篇")] if n < per_year else []
                if flavour == "hugo":
                    links = [(f"/{year}/p{n + 1:04d}/", "下一篇")] if n < per_year else []
                body = text_body(rng, n, links)
                write(os.path.join(root, "content", str(year), f"p{n:04d}.md"), f"---\ntitle: 第{n}篇 {''.join(rng.choice(HAN) for _ in range(8))}\nweight: {n}\n---\n{body}")
    print(f"wrote {years} years x {per_year} pages to {out}/annals and {out}/hugo")


def translate(out):
    """Makes the text corpus of `out` a site in two languages: an English
    translation (`.en.md`) beside every Markdown file, for annals and Hugo
    alike, and the second language in both configurations."""
    for flavour in ("annals", "hugo"):
        root = os.path.join(out, flavour)
        for folder, _, files in os.walk(os.path.join(root, "content")):
            for name in files:
                if not name.endswith(".md") or name.endswith(".en.md"):
                    continue
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    text = f.read()
                _, front, body = text.split("---\n", 2)
                title = next(l for l in front.splitlines() if l.startswith("title:"))[len("title:"):].strip()
                # A translation's front matter gives its text only.
                write(os.path.join(folder, name[:-3] + ".en.md"), f"---\ntitle: English {title}\n---\n{body}")
        if flavour == "annals":
            with open(os.path.join(root, "site.yaml"), "a", encoding="utf-8") as f:
                f.write("languages:\n  en:\n    title: Benchmark in English\n")
            theme = os.path.join(root, "themes", "minimal", "i18n")
            shutil.copy(os.path.join(theme, "zh-CN.yaml"), os.path.join(theme, "en.yaml"))
        else:
            with open(os.path.join(root, "config.yaml"), "a", encoding="utf-8") as f:
                f.write("defaultContentLanguage: zh\nlanguages:\n  zh:\n    weight: 1\n  en:\n    weight: 2\n    title: Benchmark in English\n")
    print(f"translated every page of {out}/annals and {out}/hugo into English")


def photo(path, rng, width=3000, height=2000):
    from PIL import Image, ImageDraw, ImageFilter
    c1 = tuple(rng.randint(40, 220) for _ in range(3))
    c2 = tuple(rng.randint(40, 220) for _ in range(3))
    grad = Image.linear_gradient("L").resize((width, height)).rotate(rng.randint(0, 359), expand=False)
    img = Image.composite(Image.new("RGB", (width, height), c1), Image.new("RGB", (width, height), c2), grad)
    draw = ImageDraw.Draw(img)
    for _ in range(25):
        x, y = rng.randint(0, width), rng.randint(0, height)
        r = rng.randint(40, 500)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r // 2), fill=colour) if rng.random() < 0.5 else draw.rectangle((x - r, y - r // 3, x + r, y + r), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    img = Image.blend(img, noise, 0.12)
    img.save(path, "JPEG", quality=88)


def gen_photos(out, count):
    rng = random.Random(7)
    shared = os.path.join(out, "originals")
    os.makedirs(shared, exist_ok=True)
    names = []
    for i in range(count):
        name = f"p{i:04d}.jpg"
        if not os.path.exists(os.path.join(shared, name)):
            photo(os.path.join(shared, name), rng)
        else:
            rng.random()
        names.append(name)
    for flavour in ("annals", "hugo"):
        root = os.path.join(out, flavour)
        shutil.rmtree(root, ignore_errors=True)
        bundle = os.path.join(root, "content", "2024", "01-gallery") if flavour == "annals" else os.path.join(root, "content", "gallery")
        os.makedirs(bundle)
        for name in names:
            os.link(os.path.join(shared, name), os.path.join(bundle, name))
        if flavour == "annals":
            write(os.path.join(root, "site.yaml"), "title: Photos\nimages:\n  format: jpeg\n  quality: 75\n  widths: [480, 960, 1600]\nsearch: false\nfeed: false\n")
            write(os.path.join(root, "content", "2024", "_index.md"), "---\ntitle: 2024\n---\n")
            fm = "".join(f"  - src: {n}\n    alt: photo {n}\n" for n in names)
            write(os.path.join(bundle, "index.md"), f"---\ntitle: Gallery\nphotos:\n{fm}---\n")
        else:
            write(os.path.join(root, "config.yaml"), "title: Photos\nbaseURL: https://example.org/\ndisableKinds: [taxonomy, term, RSS, sitemap]\nimaging:\n  quality: 75\n  resampleFilter: lanczos\n")
            write(os.path.join(bundle, "index.md"), "---\ntitle: Gallery\n---\n")
            layouts = os.path.join(root, "layouts", "_default")
            write(os.path.join(layouts, "single.html"),
                  "<!DOCTYPE html><html><body><h1>{{ .Title }}</h1>{{ range .Resources.ByType \"image\" }}"
                  "{{ $a := .Resize \"480x jpg q75\" }}{{ $b := .Resize \"960x jpg q75\" }}{{ $c := .Resize \"1600x jpg q75\" }}"
                  "<img src=\"{{ $b.RelPermalink }}\" srcset=\"{{ $a.RelPermalink }} 480w, {{ $b.RelPermalink }} 960w, {{ $c.RelPermalink }} 1600w\" width=\"{{ $b.Width }}\" height=\"{{ $b.Height }}\" alt=\"\">"
                  "{{ end }}</body></html>\n")
            write(os.path.join(layouts, "list.html"), "<!DOCTYPE html><html><body>{{ .Content }}</body></html>\n")
    print(f"wrote {count} photos of 3000x2000 to {out}/annals and {out}/hugo")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="kind", required=True)
    t = sub.add_parser("text")
    t.add_argument("out")
    t.add_argument("--years", type=int, default=10)
    t.add_argument("--pages", type=int, default=1000, help="pages in all")
    tr = sub.add_parser("translate", help="add an English translation beside every page of a text corpus")
    tr.add_argument("out")
    p = sub.add_parser("photos")
    p.add_argument("out")
    p.add_argument("--photos", type=int, default=200)
    args = ap.parse_args()
    if args.kind == "text":
        gen_text(args.out, args.years, args.pages)
    elif args.kind == "translate":
        translate(args.out)
    else:
        gen_photos(args.out, args.photos)


if __name__ == "__main__":
    main()
