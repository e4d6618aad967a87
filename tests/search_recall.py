"""Search recall, measured in the browser: queries built from a built site's own data, run
through the site's own search worker, each expecting its page in the top five.

Used by tests/test_search_recall.py (the bundled site, every language) and by
benchmarks/search.py (the CCL example, Pagefind against Material's lunr). The queries are
derived, never listed by hand:

- each entry's title in the language (from ``data/entries.json``) and its control code, both
  expecting the entry's page;
- in Chinese and Japanese, each title written without spaces and with a space wherever the
  script changes (量子コンピュータ and 量子 コンピュータ); in Arabic, each title without its
  diacritics (harakat, shadda, sukun);
- each term of the glossary page (its headings), bare and in curly quotes (“qubit”), expecting
  the glossary page.

The runner talks to the worker the page's configuration names, in the messages Material's
search box sends it, so the same runner measures Material's lunr worker and annexsite's
Pagefind worker alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

TOP = 5
_HEADING = re.compile(r'<h2 id="[^"]*">(.*?)(?:<a class="headerlink".*?)?</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SNAPSHOT = re.compile(r"/releases/[^/]+/[^/]+/[^/]+/")


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x3040 <= o <= 0x30ff or 0xff66 <= o <= 0xff9f:
        return "kana"
    if 0x3400 <= o <= 0x9fff:
        return "han"
    if ch.isspace():
        return "space"
    return "other"


def spaced(text: str) -> str:
    """A CJK text with a space wherever the script changes (kanji, kana, Latin and digits)."""
    out = []
    for i, ch in enumerate(text):
        if i and _script(ch) != _script(text[i - 1]) and "space" not in (_script(ch), _script(text[i - 1])):
            out.append(" ")
        out.append(ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def unspaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plain_arabic(text: str) -> str:
    return _ARABIC_MARKS.sub("", text)


@dataclass(frozen=True)
class Query:
    text: str
    expect: str  # the page's path from the site root, e.g. /ja/us-ear-quantum/4a906/
    kind: str


def glossary_terms(site: Path, lang: str, default: str = "en") -> list[str]:
    page = site / ("" if lang == default else lang) / "glossary" / "index.html"
    if not page.is_file():
        return []
    html = page.read_text(encoding="utf-8")
    terms = [unescape(_TAG.sub("", m.group(1))).strip() for m in _HEADING.finditer(html)]
    return [t for t in terms if t]


def queries(site: Path, lang: str, default: str = "en", entries: int | None = None) -> list[Query]:
    """The recall queries of one language; ``entries`` keeps every n-th entry only (for a large list)."""
    data = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))["entries"]
    if entries:
        step = max(1, len(data) // entries)
        data = data[::step][:entries]
    out: list[Query] = []
    for e in data:
        url, title = e["url"].get(lang), e["title"].get(lang)
        if not url:
            continue
        out.append(Query(e["code"], url, "code"))
        if title:
            out.append(Query(title, url, "title"))
            if lang in ("zh", "ja"):
                for variant, kind in ((unspaced(title), "title without spaces"), (spaced(title), "title spaced by script")):
                    if variant != title:
                        out.append(Query(variant, url, kind))
            if lang == "ar" and plain_arabic(title) != title:
                out.append(Query(plain_arabic(title), url, "title without diacritics"))
    glossary = "/glossary/" if lang == default else f"/{lang}/glossary/"
    for term in glossary_terms(site, lang, default):
        out.append(Query(term, glossary, "glossary term"))
        out.append(Query(f"\u201c{term}\u201d", glossary, "glossary term in curly quotes"))
        if lang in ("zh", "ja") and spaced(term) != term:
            out.append(Query(spaced(term), glossary, "glossary term spaced by script"))
        if lang == "ar" and plain_arabic(term) != term:
            out.append(Query(plain_arabic(term), glossary, "glossary term without diacritics"))
    return out


# In the page: start the worker the page's configuration names, set it up with the index the
# page would fetch, and send each query as Material's search box does, one at a time.
_RUN = """async ([queries, workerUrl, indexUrl]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  const index = await (await fetch(new URL(indexUrl || "search/search_index.json", base))).json();
  const worker = new Worker(new URL(workerUrl || config.search, location.href));
  const next = type => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer from the search worker")), 30000);
    worker.onmessage = ev => { if (ev.data.type === type) { clearTimeout(timer); resolve(ev.data); } };
    worker.onerror = ev => { clearTimeout(timer); reject(new Error(`search worker: ${ev.message}`)); };
  });
  const ready = next(1);
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await ready;
  const out = [];
  for (const q of queries) {
    const answer = next(3);
    worker.postMessage({type: 2, data: q});
    const result = await answer;
    out.push(result.data.items.map(group => {
      const u = new URL(group[0].location, base);
      return u.pathname;
    }));
  }
  worker.terminate();
  return out;
}"""


def run(page, base_url: str, lang: str, qs: list[Query], default: str = "en",
        worker: str | None = None, index: str | None = None) -> list[list[str]]:
    """Each query's result pages (paths from the site root, best first). ``worker`` and
    ``index`` (URLs from the site root and from the language's base) replace the ones the
    page names, to measure another engine on the same pages."""
    page.goto(f"{base_url}/" if lang == default else f"{base_url}/{lang}/")
    return page.evaluate(_RUN, [[q.text for q in qs], f"{base_url}/{worker}" if worker else None, index])


def misses(qs: list[Query], results: list[list[str]], top: int = TOP) -> list[str]:
    """What a reader would miss: a page not in the top ``top``, or a release snapshot above it."""
    problems = []
    for q, found in zip(qs, results):
        pages = list(dict.fromkeys(found))  # a page once, at its best place
        if q.expect not in pages[:top]:
            problems.append(f"{q.kind} {q.text!r}: {q.expect} not in the top {top}: {pages[:top]}")
            continue
        above = [p for p in pages[: pages.index(q.expect)] if _SNAPSHOT.search(p)]
        if above:
            problems.append(f"{q.kind} {q.text!r}: release snapshots above the current page: {above}")
    return problems
