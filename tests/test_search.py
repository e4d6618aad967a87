"""Search on the bundled site, as a reader meets it: in every language, the site's own titles,
codes and defined terms find their page in the top five (tests/search_recall.py builds the
queries from the built site's data); results stay in the reader's language; release snapshots
never show; a first search fetches a few hundred kilobytes, not an index; the offline archives
say they have no search."""

from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import urlsplit

import pytest

import search_recall
from browser import base_url, browser, type_search  # noqa: F401 (fixtures)
from helpers import ROOT
from i18n_helpers import read

from annexsite.model.objects import NO_SEARCH
from annexsite.site.search import indexed, spaced_cjk

LANGUAGES = ["en", "fr", "de", "es", "zh", "ja", "ar"]
FIRST_SEARCH_BUDGET = 300_000  # bytes, the target of the scale issue (measured on the CCL example in benchmarks/search.py)


def home(base: str, lang: str) -> str:
    return f"{base}/" if lang == "en" else f"{base}/{lang}/"


def test_snapshots_and_guide_steps_stay_out_of_the_index():
    assert indexed("us-ear-quantum/4a906/") and indexed("ja/us-ear-quantum/4a906/")
    assert indexed("trees/quantum-computer/") and indexed("releases/") and indexed("ja/releases/2024.1/")
    assert not indexed("releases/2024.1/us-ear-quantum/4a906/")
    assert not indexed("ar/releases/2024.1/us-ear-quantum/4a906/")
    assert not indexed("trees/quantum-computer/qubits-33/") and not indexed("zh/trees/which-entry/all/")


def test_chinese_and_japanese_are_indexed_one_character_a_word_in_text_not_tags():
    html = '<h1 id="x">量子コンピュータ</h1><p title="量子">4A906 の量子ビット</p>'
    assert spaced_cjk(html) == '<h1 id="x"> 量 子 コ ン ピ ュ ー タ </h1><p title="量子">4A906 の 量 子 ビ ッ ト </p>'


def test_material_lunr_index_is_empty_and_each_language_keeps_its_highlighting(bundled_site):
    for lang in LANGUAGES:
        index = json.loads((bundled_site / ("" if lang == "en" else lang) / "search/search_index.json").read_text("utf-8"))
        assert index["docs"] == [] and index["config"]["lang"] == [lang]
        assert index["config"]["separator"], lang
    ja = json.loads((bundled_site / "ja/search/search_index.json").read_text("utf-8"))
    assert "、" in ja["config"]["separator"]
    entry = json.loads((bundled_site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGUAGES)
    assert not (bundled_site / "pagefind/pagefind-ui.js").exists()  # Material's search box is the interface


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sites_own_words_find_their_page_in_the_top_five(browser, base_url, bundled_site, lang):
    queries = search_recall.queries(bundled_site, lang)
    kinds = {q.kind for q in queries}
    assert len(queries) >= 40, len(queries)
    assert {"code", "title", "glossary term", "glossary term in curly quotes"} <= kinds
    if lang in ("zh", "ja"):
        assert {"title without spaces", "title spaced by script"} & kinds or "glossary term spaced by script" in kinds
    if lang == "ar":
        assert any("without diacritics" in k for k in kinds)
    context = browser.new_context()
    try:
        results = search_recall.run(context.new_page(), base_url, lang, queries)
    finally:
        context.close()
    assert search_recall.misses(queries, results) == []
    everything = {p for found in results for p in found}
    mine = "/" if lang == "en" else f"/{lang}/"
    others = tuple(f"/{o}/" for o in LANGUAGES if o not in ("en", lang))
    assert all(p.startswith(mine) and not p.startswith(others) for p in everything), sorted(everything)[:10]
    assert not [p for p in everything if re.search(r"/releases/[^/]+/[^/]+/[^/]+/", p)]


# collected before any page script runs (as in test_trust_browser.py)
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.mark.parametrize("lang", ["en", "ja", "ar"])
def test_a_first_search_fetches_chunks_of_its_own_language_only(browser, base_url, bundled_site, lang):
    """Through Material's search box, under the page's Content-Security-Policy, from the site only."""
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    try:
        page.goto(home(base_url, lang))
        page.wait_for_load_state("networkidle")
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        links = type_search(page, "4A906")
        assert any("4a906" in link for link in links), links
        assert all(link.startswith(home(base_url, lang)) for link in links), links
        violations = page.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert violations == []
    assert all(u.startswith((base_url, "data:")) for u in fetched), fetched
    fetched = [urlsplit(u).path for u in fetched]
    index_files = [p for p in fetched if p.startswith("/pagefind/")]
    assert any(p.endswith(".pf_meta") for p in index_files)
    assert all(f".{lang}_" in p for p in index_files if p.endswith(".pf_meta")), index_files
    assert not any(p.endswith("search_index.json") for p in fetched)  # loaded with the page, and tiny
    size = sum((bundled_site / p.lstrip("/")).stat().st_size for p in set(fetched) if (bundled_site / p.lstrip("/")).is_file())
    assert size < FIRST_SEARCH_BUDGET, size


def test_an_offline_archive_says_in_its_language_that_it_has_no_search(browser, bundled_site, tmp_path):
    catalog = read(ROOT / "locales/ja/LC_MESSAGES/messages.po", "ja")
    note = catalog.get(str(NO_SEARCH)).string
    assert note and note != str(NO_SEARCH)
    with zipfile.ZipFile(bundled_site / "data/offline/ja.zip") as zf:
        assert not [n for n in zf.namelist() if n.startswith("pagefind/")]
        zf.extractall(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((tmp_path / "ja/us-ear-quantum/4a906/index.html").as_uri())
        shown = page.locator("article .annexsite-offline-note").inner_text()  # visible, above the content
        search_visible = page.locator(".md-search__input").is_visible()
        meta = page.locator(".md-search-result__meta").text_content()
    finally:
        context.close()
    assert not search_visible or meta.strip() == note  # a search box, if shown, says it too
    assert shown.strip() == note
