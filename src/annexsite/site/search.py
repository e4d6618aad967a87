"""Search: one Pagefind index per language, loaded in chunks, behind Material's search box.

Material's own search ships the whole lunr index (4.8 MB per language on the CCL example) to a
reader's first search, and its Japanese and Chinese segmentation differ between build and query
(see the README's search comparison). annexsite keeps Material's search box and result list and
answers them from Pagefind instead:

- Material's search plugin indexes nothing (every page is excluded, its documented
  ``search: exclude`` setting); each language gets a ``<lang>/search/search_index.json`` that holds
  only the configuration Material's page script reads (the separator it highlights with);
- :class:`Indexer` keeps each page's article as MkDocs writes it, except the texts of entries as
  older releases had them (``releases/<version>/...``: a search finds the current entry, whose
  timeline links the older texts) and the steps inside decision guides (the guide's first page
  is found); Chinese and Japanese one character a word (:func:`spaced_cjk`);
- Pagefind indexes those articles into ``pagefind/``: it splits the index by each page's
  ``<html lang>``, so a reader's results are in their language only, and a query fetches only
  the chunks it needs;
- ``assets/annexsite-search-worker.js`` speaks Material's search-worker protocol (Material
  documents a custom worker as the way to plug in another engine) and queries Pagefind.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUTPUT = "pagefind"
# the article Material renders each page's content into
_ARTICLE = '<article class="md-content__inner md-typeset">'
_LANG = r"^(?:[a-z]{2,3}(?:[-_][A-Za-z]+)?/)?"
# a text of an entry as an older release had it: <lang>/releases/<version>/<annex>/<code>/
_SNAPSHOT = re.compile(_LANG + r"releases/[^/]+/[^/]+/[^/]+/")
# a step of a decision guide, <lang>/trees/<guide>/<step>/: reached through the guide's answers
# (the guide's first page, trees/<guide>/, is indexed), never a search result of its own
_STEP = re.compile(_LANG + r"trees/[^/]+/[^/]+/")
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# pages whose every <h2> is a result of its own (the glossary: one result per defined term)
_BY_SECTION = ("glossary/",)
_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)(?:<a class=\"headerlink\".*?)?</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
# what Pagefind leaves out of an indexed article: permalink marks, the page's own feedback
_EXCLUDE = [".headerlink", ".md-source-file"]


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its own output."""


def indexed(url: str) -> bool:
    """Whether a page (its URL relative to the site) is in the search index: not a release
    snapshot, not a step inside a decision guide."""
    url = url.lstrip("/")
    return not (_SNAPSHOT.match(url) or _STEP.match(url))


def exclude_from_lunr(page) -> None:
    """Material's search plugin skips the page (its documented front matter ``search: exclude``)."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def _theme_string(config, code: str, key: str) -> str:
    """A string of Material's language partial for ``code`` (English's if that language has
    none), read through the theme's public Jinja environment."""
    env = config.theme.get_env()
    for name in (code, code.split("-")[0].split("_")[0], "en"):
        try:
            value = str(env.get_template(f"partials/languages/{name}.html").module.t(key))
        except Exception:  # no partial for that language: try the next
            continue
        if value:  # a key the language leaves out renders empty: English's, as Material does
            return value
    return ""


def write_search_configs(config, languages) -> dict[str, Path]:
    """Each language's ``search/search_index.json``: no documents (Pagefind holds them), only the
    configuration Material's page script reads to highlight a result's words on arrival."""
    site = Path(config.site_dir)
    written = {}
    for lang in languages:
        out = site / ("" if lang.default else lang.code) / "search" / "search_index.json"
        index = {"config": {"lang": [lang.code], "separator": _theme_string(config, lang.code, "search.config.separator"),
                            "pipeline": []}, "docs": []}
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written[lang.code] = out
    return written


def pagefind_command() -> list[str]:
    """Pagefind's binary as the pinned ``pagefind[bin]`` package installs it."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]

        return [str(get_executable())]
    except ImportError:
        return [sys.executable, "-m", "pagefind"]


# Chinese and Japanese: Han, kana and their punctuation-free neighbours, one character a word
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CJK_CHAR = re.compile(f"([{_CJK}])")
_TEXT = re.compile(r"(<[^>]*>)")
_LANG_ATTR = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
_TITLE = re.compile(r"<title>.*?</title>", re.S)


def spaced_cjk(html: str) -> str:
    """Every Chinese or Japanese character of the text (not of the tags) as a word of its own.

    Pagefind's Chinese and Japanese segmentation differs between the index (Lindera, in its
    extended build) and the query (the browser's Intl.Segmenter), so a compound found in a
    title could find nothing (Pagefind issue 1237). Indexing each character as a word, and
    querying the same way as a phrase (see annexsite-search-worker.js), makes both sides split
    alike: 量子コンピュータ and 量子 コンピュータ find the same pages."""
    parts = _TEXT.split(html)
    for i in range(0, len(parts), 2):  # even parts are text, odd parts are tags
        if _CJK_CHAR.search(parts[i]):
            parts[i] = re.sub(r"[ ]{2,}", " ", _CJK_CHAR.sub(r" \1 ", parts[i]))
    return "".join(parts)


def _sections(article: str):
    """(anchor, heading, body, heading tag) of each <h2> section of an article."""
    found = list(_H2.finditer(article))
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(article)
        yield m.group(1), m.group(2), article[m.end():end], m.group(0)


class Indexer:
    """Collects each indexed page's article while MkDocs writes the site, then runs Pagefind.

    Only the article is kept (in a temporary tree with the site's layout, so Pagefind's URLs
    are the site's), never the navigation around it: the index holds what a page says, and
    Pagefind reads a fraction of the bytes. The served pages are left as they are."""

    def __init__(self):
        self.folder: Path | None = None
        self.pages = 0

    def add(self, html: str, url: str, dest: str) -> bool:
        """Keep the page for the index (``dest``: its file, relative to the site); False if it is
        left out (:func:`indexed`) or has no article."""
        if not indexed(url):
            return False
        start = html.find(_ARTICLE)
        end = html.find("</article>", start)
        if start < 0 or end < 0:
            return False
        lang = _LANG_ATTR.search(html)
        code = lang.group(1) if lang else "en"
        article = html[start + len(_ARTICLE):end]
        if code.split("-")[0].split("_")[0] in ("zh", "ja"):
            article = spaced_cjk(article)
        head = f'<!doctype html><html lang="{code}"><head><meta charset="utf-8"></head><body>'
        if any(url.lstrip("/").endswith(part) for part in _BY_SECTION):
            # each term its own result, where it is defined: <page>/~<id>/, which the search
            # worker links as <page>#<id>
            h1 = _H1.search(article)
            title = escape(_TAG.sub("", unescape(h1.group(1))).replace(",", " ").strip(), quote=True) if h1 else ""
            sections = list(_sections(article))
            intro = article[:article.find(sections[0][3])] if sections else article
            self._write(dest, f"{head}<article data-pagefind-body>{intro}</article></body></html>")
            for anchor, heading, body, _ in sections:
                self._write(f"{dest.rsplit('/', 1)[0]}/~{anchor}/index.html",
                            f'{head}<article data-pagefind-body data-pagefind-meta="page:{title}" data-pagefind-filter="annexsite:term">'
                            f"<h1>{heading}</h1>"
                            f"{body}</article></body></html>")
            return True
        self._write(dest, f"{head}<article data-pagefind-body>{article}</article></body></html>")
        return True

    def _write(self, dest: str, page: str) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="annexsite-search-"))
        out = self.folder / dest
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
        self.pages += 1

    def discard(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder, self.pages = None, 0

    def build(self, site_dir: Path) -> dict:
        """Run Pagefind over the pages kept into ``<site>/pagefind``; returns the pages and
        languages indexed and the seconds Pagefind took."""
        site = Path(site_dir)
        shutil.rmtree(site / OUTPUT, ignore_errors=True)
        if self.folder is None:
            return {"pages": 0, "languages": 0, "seconds": 0.0}
        try:
            stats = run_pagefind(self.folder, site / OUTPUT)
        finally:
            self.discard()
        for name in _UNUSED:  # Pagefind's own search interfaces: Material's box is the one
            (site / OUTPUT / name).unlink(missing_ok=True)
        entry = site / OUTPUT / "pagefind-entry.json"
        if entry.is_file():  # Pagefind lists the languages in no fixed order: the same site, the same bytes
            data = json.loads(entry.read_text(encoding="utf-8"))
            data["languages"] = dict(sorted(data.get("languages", {}).items()))
            entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return stats


def run_pagefind(source: Path, output: Path) -> dict:
    cmd = pagefind_command() + ["--site", str(source), "--output-path", str(output),
                                "--exclude-selectors", ",".join(_EXCLUDE)]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}):\n{result.stdout}{result.stderr}".rstrip())
    pages = re.search(r"Indexed (\d+) pages", result.stdout)
    langs = re.search(r"Indexed (\d+) languages?", result.stdout)
    return {"pages": int(pages.group(1)) if pages else 0, "languages": int(langs.group(1)) if langs else 0,
            "seconds": round(seconds, 2)}
