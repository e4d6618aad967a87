"""Builds a reader can trust: the same inputs give the same bytes, dates come from the content
(or SOURCE_DATE_EPOCH), never from the clock; a failed build leaves the previous site in place;
data/SHA256SUMS lists every published file with its SHA-256."""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, copy_scenario


def build(project: Path | None, out: Path, **env: str) -> subprocess.CompletedProcess:
    """``annexsite build`` in a fresh process (its own hash seed), with ``env`` added."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environ.update(env)
    where = ["-C", str(project)] if project else []
    return subprocess.run([sys.executable, "-m", "annexsite", *where, "build", "-d", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=environ, timeout=600)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def gzip_mtime(path: Path) -> int:
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


def midnight(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_scenario(tmp_path_factory.mktemp("repro") / "project")


@pytest.fixture(scope="module")
def first(project, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("first") / "site"
    result = build(project, out, PYTHONHASHSEED="1")
    assert result.returncode == 0, result.stderr
    return out


def test_two_clean_builds_are_byte_identical(project, first, tmp_path):
    # another folder, another hash seed (set and dict orders), another moment
    second = tmp_path / "elsewhere" / "site"
    result = build(project, second, PYTHONHASHSEED="2")
    assert result.returncode == 0, result.stderr
    a, b = tree(first), tree(second)
    assert len(a) > 50
    assert differences(a, b) == []


def test_dates_come_from_the_content_not_the_clock(first):
    # the latest date in tests/roots/minimal (no releases there) is beta's effective date
    assert gzip_mtime(first / "sitemap.xml.gz") == midnight(date(2025, 11, 15))
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()) == (first / "sitemap.xml").read_bytes()
    assert "2025-11-15" not in (first / "sitemap.xml").read_text(encoding="utf-8")  # no lastmod at all
    today = str(date.today().year) + "-"
    for rel, data in tree(first).items():
        if rel.endswith((".html", ".json", ".xml")):
            assert today + date.today().strftime("%m-%d") not in data.decode("utf-8", "replace"), rel


def test_source_date_epoch_wins(project, tmp_path):
    epoch = midnight(date(2030, 1, 2))
    out = tmp_path / "site"
    result = build(project, out, SOURCE_DATE_EPOCH=str(epoch))
    assert result.returncode == 0, result.stderr
    assert gzip_mtime(out / "sitemap.xml.gz") == epoch


def test_manifest_lists_every_published_file_with_its_sha256(first):
    manifest = first / "data" / "SHA256SUMS"
    listed = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        listed[rel] = digest
    on_disk = {rel: hashlib.sha256(data).hexdigest() for rel, data in tree(first).items() if rel != "data/SHA256SUMS"}
    assert listed == on_disk
    assert "index.html" in listed and "sitemap.xml.gz" in listed and "data/entries.json" in listed


def test_manifest_checks_with_sha256sum_and_sees_tampering(first, tmp_path):
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(first), str(copy)], check=True)
    ok = subprocess.run(["sha256sum", "--quiet", "-c", "data/SHA256SUMS"], cwd=copy, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    page = copy / "alpha" / "4a906" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<script>evil()</script></body>"))
    bad = subprocess.run(["sha256sum", "--quiet", "-c", "data/SHA256SUMS"], cwd=copy, capture_output=True, text=True)
    assert bad.returncode == 1 and "alpha/4a906/index.html: FAILED" in bad.stdout


def test_a_failed_mkdocs_build_leaves_the_previous_site_in_place(project, tmp_path):
    """Content is valid, MkDocs itself fails (strict mode: a listed template is missing) after it
    began writing into its temporary folder: the previous site stays, no temporary folder stays."""
    failing = copy_scenario(tmp_path / "failing")
    config = failing / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_templates: [no-such-template.html]\n", encoding="utf-8")
    site = tmp_path / "out" / "site"
    good = build(project, site)
    assert good.returncode == 0, good.stderr
    before = tree(site)

    result = build(failing, site)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "unchanged" in result.stderr
    assert tree(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "no temporary folder left behind"


def test_two_bundled_builds_are_byte_identical(bundled_site, tmp_path):
    """The whole seven-language site, built again in another process and folder."""
    again = tmp_path / "site"
    result = build(copy_project(tmp_path / "project"), again, PYTHONHASHSEED="12345")
    assert result.returncode == 0, result.stderr
    a, b = tree(bundled_site), tree(again)
    assert len(a) > 500
    assert differences(a, b) == []
    assert gzip_mtime(again / "sitemap.xml.gz") != midnight(date.today())


def test_each_language_has_an_offline_archive_whose_links_resolve_on_disk(bundled_site, tmp_path):
    import zipfile

    from test_html_links import broken_links

    archives = sorted(p.name for p in (bundled_site / "data/offline").iterdir())
    assert archives == sorted(f"{code}.zip" for code in ["en", "fr", "de", "es", "zh", "ja", "ar"])
    for code in ["en", "ar"]:
        out = tmp_path / code
        with zipfile.ZipFile(bundled_site / f"data/offline/{code}.zip") as zf:
            names = zf.namelist()
            zf.extractall(out)
        root = out if code == "en" else out / code
        assert (root / "us-ear-quantum/4a906/index.html").is_file()
        assert not any(n.startswith(("fr/", "data/offline/")) or "/search/" in n or n.startswith("search/") for n in names), code
        assert "data/changes.json" in names and "data/releases/2025.1.json" in names  # what the pages link to
        if code == "ar":
            assert not (out / "us-ear-quantum").exists()  # the default language's pages stay out
        broken, checked, _ = broken_links(out)
        # only links to the other languages' pages (language switcher, hreflang) leave the archive
        langs = ("fr/", "de/", "es/", "zh/", "ja/", "ar/")
        missing = [b.rsplit(" (no ", 1)[-1].rstrip(")") for b in broken]
        inside = [m for m, b in zip(missing, broken) if " in " in m or ((not m.startswith(langs)) if code == "en" else m.startswith(code + "/"))]
        assert checked > 1000 and inside == [], inside[:20]
        assert len(broken) < checked / 4


def test_an_offline_page_reads_and_navigates_from_disk(bundled_site, tmp_path):
    import zipfile

    from browser import CHROMIUM_ARGS, chromium_or_skip

    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with zipfile.ZipFile(bundled_site / "data/offline/ar.zip") as zf:
        zf.extractall(tmp_path)
    start = (tmp_path / "ar/us-ear-quantum/4a906/index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        elsewhere = []
        page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto(start)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "4A906" in page.locator("h1").inner_text()
        # the theme's stylesheet and script work from disk: the header is styled, the script ran
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("!document.documentElement.classList.contains('no-js')")
        page.locator("article a[href$='4a506/index.html']").first.click()
        page.wait_for_url("**/ar/eu-dual-use-quantum/4a506/index.html")
        assert "4A506" in page.locator("h1").inner_text()
        page.locator(".md-header a.md-logo").click()  # the home page, from its folder link
        page.wait_for_url("**/ar/index.html")
        browser.close()
    assert elsewhere == []
