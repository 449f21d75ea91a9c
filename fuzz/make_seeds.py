#!/usr/bin/env python3
"""Makes the seed corpus of each fuzz target (fuzz/seeds/TARGET/) from the
example site in content/ and the fixture sites in tests/fixtures/.

Run from anywhere: python3 fuzz/make_seeds.py. It rewrites fuzz/seeds/.
Each target's input format is described at the top of its source file.
"""

import hashlib
import pathlib
import shutil

FUZZ = pathlib.Path(__file__).resolve().parent
REPO = FUZZ.parent
SEEDS = FUZZ / "seeds"

# yaml_model: the first byte chooses the kind (its index in KINDS).
HOME, REPORT, SECTION, PAGE, PEEK, STATS, RECORDS, PHOTOS, CONFIG = range(9)
SITE_HOME, SITE_REPORT, SITE_CHAPTER, SITE_STATS, SITE_RECORDS = range(9, 14)
SITE_SECTION, SITE_PAGE = 14, 15

# markdown: the first byte chooses the page of the example site, in the
# target's order: report preface, its chapters, home, section pages, pages.
MD_PREFACE, MD_CHAPTER, MD_HOME, MD_SECTION_PAGE = 0, 1, 6, 7


def sources():
    """Every Markdown and YAML file of the example and the fixtures, as
    (path relative to content/ or the site root, bytes)."""
    sites = [REPO] + sorted(
        p.parent for p in (REPO / "tests" / "fixtures").rglob("site.yaml")
    )
    for site in sites:
        yield "site.yaml", (site / "site.yaml").read_bytes()
        content = site / "content"
        for path in sorted(content.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.suffix in (".md", ".yaml"):
                yield path.relative_to(content).as_posix(), path.read_bytes()


def front_matter(text):
    lines = text.split(b"\n")
    if lines[0].rstrip() != b"---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() == b"---":
            return b"\n".join(lines[1:i]) + b"\n", b"\n".join(lines[i + 1 :])
    return None


def role(rel):
    """What a content file is: home, report, section, chapter, page."""
    parts = rel.split("/")
    if rel == "_index.md":
        return "home"
    if parts[-1] == "_index.md":
        return "report" if len(parts) == 2 and parts[0].isdigit() else "section"
    if parts[0].isdigit() and len(parts[0]) == 4:
        return "chapter"
    return "page"


def write(target, header, data):
    out = SEEDS / target
    out.mkdir(parents=True, exist_ok=True)
    blob = bytes(header) + data
    name = hashlib.sha1(blob).hexdigest()[:16]
    (out / name).write_bytes(blob)


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    for rel, data in sources():
        if rel == "site.yaml":
            write("yaml_model", [CONFIG, 0], data)
            continue
        if rel.endswith("stats.yaml"):
            write("yaml_model", [STATS, 0], data)
            write("yaml_model", [SITE_STATS, 0], data)
            continue
        if rel.endswith("records.yaml"):
            write("yaml_model", [RECORDS, 0], data)
            write("yaml_model", [SITE_RECORDS, 0], data)
            continue
        if not rel.endswith(".md"):
            continue
        write("front_matter", [], data)
        kind = role(rel)
        split = front_matter(data)
        if split is not None:
            yaml, body = split
            memory = {"home": HOME, "report": REPORT, "section": SECTION}.get(kind, PAGE)
            write("yaml_model", [memory, 0], yaml)
            if kind in ("report", "section"):
                write("yaml_model", [PEEK, 0], yaml)
            if b"photos:" in yaml:
                photos = yaml.split(b"photos:\n", 1)[-1]
                write("yaml_model", [PHOTOS, 0], photos)
            page = {
                "home": MD_HOME,
                "report": MD_PREFACE,
                "section": MD_SECTION_PAGE,
                "chapter": MD_CHAPTER,
                "page": MD_SECTION_PAGE,
            }[kind]
            safe = 1 if b"<" in body else 0
            write("markdown", [page, safe], body)
            if safe:
                write("markdown", [page, 0], body)
        on_disk = {
            "home": SITE_HOME,
            "report": SITE_REPORT,
            "section": SITE_SECTION,
            "chapter": SITE_CHAPTER,
            "page": SITE_PAGE,
        }[kind]
        write("yaml_model", [on_disk, 1], data)
    for target in sorted(p.name for p in SEEDS.iterdir()):
        print(target, len(list((SEEDS / target).iterdir())))


if __name__ == "__main__":
    main()
