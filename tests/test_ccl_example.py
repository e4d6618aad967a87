"""The CCL example: the bundled annexes and the whole US CCL (633 ECCNs, imported by
`annexsite import ccl-json`) built together in all seven languages.

What a regulator's whole list must not do to the site: unpublish the translated annexes, invent
text, or lose the notes that govern a part of a category."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from helpers import ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
import ccl_example  # noqa: E402

LANGUAGES = ("en", "fr", "de", "es", "zh", "ja", "ar")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, str]:
    project = tmp_path_factory.mktemp("ccl-example")
    done = ccl_example.make(project)
    assert done.returncode == 0, done.stderr
    result = run_cli("-C", str(project), "build", timeout=2400)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site", result.stderr


def page(site: Path, lang: str, path: str) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def test_every_language_is_published_and_the_ccl_is_marked_not_unpublished(example):
    site, log = example
    assert "not published" not in log
    for lang in LANGUAGES[1:]:
        assert (f"annexsite: {lang}: us-ccl is 0.0% translated, below min_coverage 90%: its pages are published "
                "in its source language, marked") in log
    entries = json.loads((site / "data/entries.json").read_text(encoding="utf-8"))
    assert entries["languages"] == list(LANGUAGES)
    assert sum(e["annex"] == "us-ccl" for e in entries["entries"]) == 633


def test_every_bundled_page_is_still_translated_in_every_language(example):
    site, _ = example
    entries = json.loads((site / "data/entries.json").read_text(encoding="utf-8"))["entries"]
    bundled = [e for e in entries if e["annex"] in ("us-ear-quantum", "eu-dual-use-quantum")]
    assert len(bundled) == 21
    for e in bundled:
        for lang in LANGUAGES:
            html = (site / e["url"][lang].strip("/") / "index.html").read_text(encoding="utf-8")
            assert 'data-translation="missing"' not in html, (lang, e["code"])
            assert 'data-translation="outdated"' not in html, (lang, e["code"])
        assert e["title"]["fr"] != e["title"]["en"]


def test_ccl_pages_appear_in_english_in_every_language_with_one_notice(example):
    site, _ = example
    for lang in LANGUAGES[1:]:
        html = page(site, lang, "us-ccl/5a002")
        assert html.count('data-translation="missing"') == 1, lang
        assert 'lang="en"' in html
    assert 'data-translation' not in page(site, "en", "us-ccl/5a002")
    fr = page(site, "fr", "us-ccl/5a002")
    assert "US CCL n’est pas encore traduit en français" in fr


def test_nothing_invented_on_the_ccl_pages(example):
    site, _ = example
    html = page(site, "en", "us-ccl/5a002")
    assert "No plain-language guidance is written for this entry yet." in html
    assert "Matters at" not in html  # no project stages were given
    not_given = page(site, "en", "us-ccl/0a002")
    assert "The source we transcribe from does not give the paragraphs of this entry." in not_given
    assert "contained in the heading" not in not_given


def test_the_cryptography_note_is_placed_on_category_5_and_linked_from_the_entries_it_governs(example):
    site, _ = example
    category = page(site, "en", "us-ccl/5")
    assert 'id="category-5-part-2-cryptography-note"' in category
    assert "ECCNs 5A002, 5D002.a.1, .b, .c.1, z.1, z.5, and z.6, do not control items as follows:" in category
    for code in ("5a002", "5d002", "5e002"):
        html = page(site, "en", f"us-ccl/{code}")
        assert "Notes that govern this entry" in html
        assert "5/#category-5-part-2-cryptography-note" in html, code
    assert "category-5-part-2-cryptography-note" not in page(site, "en", "us-ccl/5a001")


def test_navigation_uses_short_labels(example):
    site, _ = example
    html = page(site, "en", "us-ccl/3a003")
    labels = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', html, re.S)
    assert labels, "no navigation labels found"
    longest = max(len(re.sub(r"<[^>]+>", "", label)) for label in labels)
    assert longest <= 80, longest
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert len(title) < 140
