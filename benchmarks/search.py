"""Benchmark: search on the CCL example (bundled annexes + the whole US CCL, seven languages),
Material's lunr against Pagefind, in one run. Prints JSON.

    python benchmarks/search.py [--site BUILT_SITE] [--entries N]

Builds the CCL example once (or takes a site already built with ``--site``), then, on the
same built pages:

- index time: Material's lunr indexer (its ``SearchIndex``, as its search plugin runs it, one
  index per language as annexsite used to split it) and annexsite's Pagefind indexer
  (``annexsite.site.search.Indexer``: the articles kept, Pagefind run);
- bytes a reader's first search transfers, per language: every request the search makes from
  a fresh browser (worker, engine, index or chunks, fragments), counted as the files' sizes
  (what a server without compression sends; Pagefind's files are compressed already, lunr's
  JSON is also given gzipped);
- recall, per language: the queries of tests/search_recall.py (titles and codes of a sample of
  ``--entries`` entries, glossary terms bare and quoted, CJK and Arabic variants), each
  expecting its page in the top five, through each engine's own worker.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import ccl_example  # noqa: E402
import search_recall  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

LANGUAGES = ["en", "fr", "de", "es", "zh", "ja", "ar"]
LUNR_INDEX = "search/lunr_index.json"  # written beside each language's pages, for this benchmark only


def _pages(site: Path):
    """(url, dest, html) of every built page."""
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "data/", "pagefind/", "search/")):
            continue
        yield rel[: -len("index.html")], rel, path.read_text(encoding="utf-8")


def _lang_of(url: str) -> str:
    first = url.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else "en"


def index_pagefind(site: Path) -> dict:
    from annexsite.site.search import Indexer

    start = time.perf_counter()
    indexer = Indexer()
    for url, dest, html in _pages(site):
        indexer.add(html, url, dest)
    kept = indexer.pages
    stats = indexer.build(site)
    return {"seconds": round(time.perf_counter() - start, 2), "pagefind_seconds": stats["seconds"],
            "records": kept, "bytes": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())}


def index_lunr(site: Path) -> dict:
    """Material's lunr index of the same pages, one per language, as annexsite split it before
    Pagefind (Material's per-language lunr settings, jieba's Chinese segmentation)."""
    import jinja2
    from material.plugins.search.plugin import SearchIndex

    from annexsite.site.search import indexed

    material = Path(__import__("material").__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(material)))

    def setting(code: str, key: str) -> str:  # as Material: a key the language leaves out is English's
        return str(env.get_template(f"partials/languages/{code}.html").module.t(key)) or setting("en", key)

    article = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
    start = time.perf_counter()
    indexes = {code: SearchIndex() for code in LANGUAGES}
    for url, _, html in _pages(site):
        if not indexed(url):
            continue  # the same pages as Pagefind's: no release snapshots, no guide steps
        m = article.search(html)
        if not m:
            continue
        code = _lang_of(url)
        local = url[len(code) + 1:] if code != "en" else url
        page = SimpleNamespace(meta={}, content=m.group(1), toc=[], url=local, title="")
        indexes[code].add_entry_from_context(page)
    sizes, gzipped = {}, {}
    for code, index in indexes.items():
        docs = index.entries
        if code != "zh":
            docs = [dict(d, title=d["title"].replace("\u200b", ""), text=d["text"].replace("\u200b", "")) for d in docs]
        config = {"lang": [setting(code, "search.config.lang")], "separator": setting(code, "search.config.separator"),
                  "pipeline": [p for p in re.split(r"\s*,\s*", setting(code, "search.config.pipeline")) if p],
                  # Material's search plugin's default fields
                  "fields": {"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}}}
        data = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        out = site / ("" if code == "en" else code) / LUNR_INDEX
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        sizes[code], gzipped[code] = len(data), len(gzip.compress(data, 6))
    return {"seconds": round(time.perf_counter() - start, 2), "index_bytes": sizes, "index_bytes_gzip": gzipped}


def _material_worker(site: Path) -> str:
    return next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).relative_to(site).as_posix()


def prepare(site: Path, languages=LANGUAGES) -> None:
    """The search files of this checkout in the site (a site built by an older checkout, given
    with --site, is measured with today's worker): the worker, and each language's
    search/search_index.json as annexsite writes it (configuration only)."""
    import jinja2

    from annexsite.localize import Language
    from annexsite.site.search import write_search_configs

    for name in ("annexsite-search-worker.js", "annexsite-search.js"):
        shutil.copyfile(ROOT / "site_overrides" / "assets" / name, site / "assets" / name)
    material = Path(__import__("material").__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(material)))
    config = SimpleNamespace(site_dir=str(site), theme=SimpleNamespace(get_env=lambda: env))
    write_search_configs(config, [Language(code, code, code == "en") for code in languages])


def measure_browser(site: Path, entries: int, languages=LANGUAGES, engines_wanted=("lunr", "pagefind")) -> dict:
    from playwright.sync_api import sync_playwright

    engines = {"lunr": {"worker": _material_worker(site), "index": LUNR_INDEX},
               "pagefind": {"worker": "assets/annexsite-search-worker.js", "index": None}}
    engines = {k: v for k, v in engines.items() if k in engines_wanted}
    out = {name: {"first_query_bytes": {}, "recall": {}} for name in engines}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for lang in languages:
            qs = search_recall.queries(site, lang, entries=entries)
            for name, engine in engines.items():
                # bytes: a fresh browser, one query (the first title), every request it makes
                context = browser.new_context()
                page = context.new_page()
                requested: list[str] = []
                page.on("request", lambda r: requested.append(r.url))
                page.goto(f"{base}/" if lang == "en" else f"{base}/{lang}/")
                page.wait_for_load_state("networkidle")
                requested.clear()
                first = next(q for q in qs if q.kind == "title")
                search_recall.run(page, base, lang, [first], worker=engine["worker"], index=engine["index"])
                paths = {urlsplit(u).path.lstrip("/") for u in requested if u.startswith(base)}
                # run() reloads the page: the page and its theme are not the search's
                searched = sorted(p for p in paths if re.search(r"(^|/|annexsite-)(search|pagefind|lunr)[/._-]", p)
                                  and not p.endswith((".css", ".html")) and (site / p).is_file())
                out[name]["first_query_bytes"][lang] = sum((site / p).stat().st_size for p in searched)
                out[name].setdefault("first_query_files", {})[lang] = len(searched)
                out[name].setdefault("first_query_by_kind", {})[lang] = kinds = {}
                for p in searched:  # engine, wasm, meta, index chunks, fragments
                    kind = p.rsplit(".", 1)[-1] if "/pagefind/" in f"/{p}" else "worker"
                    kinds[kind] = kinds.get(kind, 0) + (site / p).stat().st_size
                context.close()
                # recall
                context = browser.new_context()
                page = context.new_page()
                results = search_recall.run(page, base, lang, qs, worker=engine["worker"], index=engine["index"])
                missed = search_recall.misses(qs, results)
                out[name]["recall"][lang] = {"queries": len(qs), "found_in_top_5": len(qs) - len(missed),
                                             "share": round((len(qs) - len(missed)) / len(qs), 3),
                                             "missed_examples": missed[:3]}
                context.close()
        browser.close()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a CCL example already built (else build one)")
    parser.add_argument("--entries", type=int, default=40, help="entries sampled per language for recall")
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help="comma-separated languages the site has (default: all seven)")
    parser.add_argument("--pagefind-only", action="store_true", help="skip Material's lunr (its index and queries)")
    args = parser.parse_args(argv)
    result: dict = {"workload": "CCL example (bundled annexes + whole US CCL), seven languages"}
    tmp = None
    site = args.site
    if site is None:
        tmp = Path(tempfile.mkdtemp(prefix="annexsite-search-bench-"))
        made = ccl_example.make(tmp / "project")
        if made.returncode != 0:
            print(made.stderr, file=sys.stderr)
            return 1
        start = time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "annexsite", "-C", str(tmp / "project"), "build"],
                               capture_output=True, text=True)
        result["build_seconds"] = round(time.perf_counter() - start, 1)
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return 1
        site = tmp / "project" / "site"
    result["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    languages = [code for code in args.languages.split(",") if code]
    engines = ("pagefind",) if args.pagefind_only else ("lunr", "pagefind")
    prepare(site, languages)
    if "lunr" in engines:
        result["lunr"] = index_lunr(site)
    result["pagefind"] = index_pagefind(site)
    browser = measure_browser(site, args.entries, languages, engines)
    for name in engines:
        result[name].update(browser[name])
        bytes_ = result[name]["first_query_bytes"]
        result[name]["first_query_bytes_max"] = max(bytes_.values())
    result["target_first_query_bytes"] = 300_000
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
