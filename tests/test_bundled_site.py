"""The bundled site, built for real from the repository's own annexes."""

from __future__ import annotations

import json
import re

import pytest

from helpers import ROOT, external_requests, run_cli

US = ["3A901", "3A904", "3B904", "3C907", "3C908", "3C909", "3D901", "3E901", "4A906", "4D906", "4E906"]
EU = ["3A501.a.15", "3A501.b.13", "3A504", "3B504", "3C507", "3C508", "3C509", "4A506", "4D001.b.3", "4E001.b.3"]


@pytest.fixture(scope="module")
def site(bundled_site):
    return bundled_site


def test_validate_bundled_exits_zero():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert "2 annexes, 21 entries" in result.stdout


def test_entries_json_lists_all_21_and_every_url_exists(site):
    data = json.loads((site / "data/entries.json").read_text(encoding="utf-8"))
    got = sorted((e["annex"], e["code"]) for e in data["entries"])
    assert got == sorted([("us-ear-quantum", c) for c in US] + [("eu-dual-use-quantum", c) for c in EU])
    for e in data["entries"]:
        for lang, url in e["url"].items():
            assert url == url.lower()
            assert (site / url.lstrip("/") / "index.html").is_file(), (lang, url)
        assert e["title"]["en"]


def test_4a906_shows_bands_and_links_to_4a506_and_back(site):
    html = (site / "us-ear-quantum/4a906/index.html").read_text(encoding="utf-8")
    table = html[html.index('id="thresholds"'):html.index('id="legal-text"')]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 9  # header + bands a.1 .. a.8
    assert '<bdi dir="ltr">≥ 34</bdi> and <bdi dir="ltr">&lt; 100</bdi>' in rows[1] and '≤ 10⁻⁴' in rows[1]
    assert '<bdi dir="ltr">≥ 1,100</bdi> and <bdi dir="ltr">&lt; 2,000</bdi>' in rows[7] and '≤ 6 × 10⁻³' in rows[7]
    assert "≥ 2,000" in rows[8]
    assert 'href="../../eu-dual-use-quantum/4a506/"' in html
    assert 'id="a.1"' in html
    back = (site / "eu-dual-use-quantum/4a506/index.html").read_text(encoding="utf-8")
    assert 'href="../../us-ear-quantum/4a906/"' in back


def test_every_page_says_guidance_current_as_of_and_source(site):
    others = ("fr", "de", "es", "zh", "ja", "ar")  # the translated notice: tests/test_languages.py
    for page in sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in others):
        html = page.read_text(encoding="utf-8")
        redirect = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        if redirect:  # a release that kept an entry's text leads to the page of that text
            assert (page.parent / redirect.group(1) / "index.html").resolve().is_file(), page
            continue
        assert "Guidance, not legal advice." in html, page
        if page.relative_to(site).parts[0] == "releases":  # an entry as an older release had it
            assert "The text as of release" in html and "Official source:" in html, page
        else:
            assert "Current as of" in html, page


def test_no_built_page_references_another_origin(site):
    assert external_requests(site) == []


def test_glossary_links_resolve(site):
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', glossary))
    for page in (site / "us-ear-quantum").rglob("index.html"):
        for anchor in re.findall(r'href="[./]*glossary/#([^"]+)"', page.read_text(encoding="utf-8")):
            assert anchor in ids, (page, anchor)
