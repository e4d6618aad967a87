"""Every page of the bundled site is valid HTML (the Nu HTML Checker, vnu-jar from npm, run once
over all pages with the machine's Java), and every internal link and #anchor resolves."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages the checker gives for markup that Material for MkDocs (9.8.1) writes in base.html,
# outside any block a theme override can replace. Each is matched exactly, with why it is left.
MATERIAL_MARKUP = {
    # base.html: <input class="md-toggle" type="checkbox" ... autocomplete="off"> for the drawer and
    # search toggles. Deliberate in Material: without it Firefox restores a checked toggle after a
    # reload, leaving the drawer or the search open (squidfunk/mkdocs-material, base.html).
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
}


def java_or_skip() -> str:
    java = shutil.which("java")
    if java and VNU.is_file():
        return java
    if os.environ.get("CI"):
        pytest.fail("java or node_modules/vnu-jar is missing: .ci/run installs both")
    pytest.skip("needs java and `npm ci` (vnu-jar)")


def test_every_page_is_valid_html(bundled_site: Path):
    java = java_or_skip()
    pages = sorted(str(p) for p in bundled_site.rglob("*.html"))
    assert len(pages) > 1000
    # one JVM for every page; -Xss: deep Material navigation trees need a larger parser stack
    result = subprocess.run([java, "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=900)
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("message") not in MATERIAL_MARKUP]
    shown = [f"{Path(unquote(urlsplit(m.get('url', '')).path)).relative_to(bundled_site)}:{m.get('lastLine')}: "
             f"{m['message']}" for m in errors[:30]]
    assert errors == [], f"{len(errors)} HTML errors, first ones:\n" + "\n".join(shown)
    # the filter is not hiding everything: Material's known markup is there and reported
    assert any(m.get("message") in MATERIAL_MARKUP for m in report["messages"])


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(a[attr])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> tuple[list[str], int, int]:
    """(every broken internal link or anchor, links checked, anchors checked) under ``site``."""
    site = site.resolve()
    parsed: dict[Path, _Links] = {}

    def page(path: Path) -> _Links:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    broken, checked, anchors = [], 0, 0
    for source in sorted(site.rglob("*.html")):
        for link in page(source).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                assert parts.scheme in ("http", "https", "mailto", "data"), f"{source}: {link}"
                continue  # another site: not crawled (no request leaves the site)
            path = unquote(parts.path)
            if path.startswith("/"):
                target = site / path.lstrip("/")
            elif path:
                target = source.parent / path
            else:
                target = source
            target = Path(os.path.normpath(target))
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            checked += 1
            where = f"{source.relative_to(site)}: {link}"
            if site not in target.parents and target != site:
                broken.append(f"{where} (outside the site)")
            elif not target.is_file():
                broken.append(f"{where} (no {target.relative_to(site)})")
            elif parts.fragment and target.suffix == ".html":
                anchors += 1
                if unquote(parts.fragment) not in page(target).ids:
                    broken.append(f"{where} (no #{parts.fragment} in {target.relative_to(site)})")
    return broken, checked, anchors


def test_every_internal_link_and_anchor_resolves(bundled_site: Path):
    broken, checked, anchors = broken_links(bundled_site)
    assert checked > 10000 and anchors > 1000, (checked, anchors)
    assert broken == [], f"{len(broken)} broken links, first ones:\n" + "\n".join(broken[:30])


def test_the_crawl_sees_a_missing_page_and_a_missing_anchor(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h1 id="top">x</h1><a href="a/#here">ok</a><a href="#top">ok</a>', encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<p id="here"><a href="../#gone">x</a><a href="../b/">y</a>', encoding="utf-8")
    broken, checked, anchors = broken_links(tmp_path)
    assert (checked, anchors) == (4, 3)
    assert broken == ["a/index.html: ../#gone (no #gone in index.html)", "a/index.html: ../b/ (no b/index.html)"]
