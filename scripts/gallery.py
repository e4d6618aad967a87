"""A review gallery: every page type in every language, on a desktop and on a phone, as
screenshots in one folder with an index page, so a person can look at the whole site in minutes.

    bash scripts/dev.sh gallery [OUT] [--site DIR] [--lang CODE ...]

Builds the site into a temporary folder (or uses --site DIR, already built), serves it on
loopback and drives Debian's Chromium (/usr/bin/chromium, or ANNEXSITE_CHROMIUM) through
Playwright; nothing is downloaded. OUT defaults to gallery/ (not committed). Install the Noto
fonts (Debian fonts-noto-cjk, fonts-noto-core) for real Chinese, Japanese and Arabic glyphs.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' browser: Debian's Chromium, its flags, a loopback server
from browser import CHROMIUM, CHROMIUM_ARGS as ARGS, serve  # noqa: E402

PAGES = {  # page type -> address under each language's root
    "home": "",
    "annex": "us-ear-quantum/",
    "category": "us-ear-quantum/4/",
    "entry": "us-ear-quantum/4a906/",
    "entry (EU)": "eu-dual-use-quantum/4a506/",
    "correlation": "correlation/",
    "glossary": "glossary/",
    "classifier": "classify/",
    "decision guide": "trees/quantum-computer/",
    "guide outcome": "trees/quantum-computer/qubits-2000/",
    "change log": "changes/2025.1/",
    "annual summary": "annual/2025/",
    "translation status": "translations/",
    "entry as released": "releases/2024.1/us-ear-quantum/4a906/",
    "not found": "404.html",
}
SIZES = {"desktop": (1280, 900), "phone": (375, 740)}
RTL = {"ar", "fa", "he", "ur"}


def languages(site: Path) -> list[str]:
    found = ["en"] if (site / "index.html").is_file() else []
    return found + sorted(p.name for p in site.iterdir() if p.is_dir() and len(p.name) <= 5 and (p / "index.html").is_file()
                          and p.name not in ("assets", "data", "search"))


def shoot(site: Path, out: Path, langs: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    shots: dict[tuple[str, str, str], str] = {}
    problems: list[str] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for lang in langs:
                for kind, rel in PAGES.items():
                    url = f"{base}/{rel}" if lang == "en" else f"{base}/{lang}/{rel}"
                    response = page.goto(url)
                    if response is None or not response.ok:
                        problems.append(f"{url}: {response.status if response else 'no response'}")
                        continue
                    page.wait_for_load_state("networkidle")
                    name = f"{lang}/{kind.replace(' ', '-').replace('(', '').replace(')', '')}-{size}.png"
                    (out / name).parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(out / name), full_page=True)
                    shots[(kind, lang, size)] = name
            page.close()
        browser.close()
    write_index(out, langs, shots)
    for problem in problems:
        print(f"gallery: {problem}", file=sys.stderr)
    print(f"{len(shots)} screenshots: {out / 'index.html'}")
    return 1 if problems else 0


def write_index(out: Path, langs: list[str], shots: dict) -> None:
    rows = []
    for kind in PAGES:
        cells = []
        for lang in langs:
            figs = "".join(
                f'<a href="{html.escape(shots[(kind, lang, size)])}"><img src="{html.escape(shots[(kind, lang, size)])}" '
                f'alt="{html.escape(kind)}, {lang}, {size}" loading="lazy" class="{size}"></a>'
                for size in SIZES if (kind, lang, size) in shots)
            cells.append(f"<td>{figs}</td>")
        rows.append(f"<tr><th scope=\"row\">{html.escape(kind)}</th>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col" lang="{lang}" dir="{"rtl" if lang in RTL else "ltr"}">{lang}</th>' for lang in langs)
    (out / "index.html").write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>annexsite review gallery</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 4px; vertical-align: top; }}
img {{ display: inline-block; margin: 2px; border: 1px solid #999; object-fit: cover; object-position: top; }}
img.desktop {{ width: 160px; height: 120px; }} img.phone {{ width: 60px; height: 120px; }}
</style></head><body>
<h1>Review gallery</h1>
<p>Every page type in every language, on a desktop ({SIZES['desktop'][0]} px) and a phone ({SIZES['phone'][0]} px).
Select an image for the full page.</p>
<table><thead><tr><th>page</th>{head}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
""", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "gallery"), help="folder for the screenshots (default: gallery/)")
    parser.add_argument("--site", help="an already built site folder (default: build one now)")
    parser.add_argument("--lang", action="append", help="only these languages (repeat); default: every published one")
    args = parser.parse_args(argv)
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        print(f"gallery: no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="annexsite-gallery-") as tmp:
        site = Path(args.site).resolve() if args.site else Path(tmp) / "site"
        if not args.site:
            build = subprocess.run([sys.executable, "-m", "annexsite", "-C", str(ROOT), "build", "-d", str(site)])
            if build.returncode != 0:
                return build.returncode
        langs = args.lang or languages(site)
        return shoot(site, out, langs)


if __name__ == "__main__":
    sys.exit(main())
