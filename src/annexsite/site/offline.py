"""One archive per language, ``data/offline/<lang>.zip``, that reads from disk without a server.

The archive holds the language's pages and the shared assets in the site's own layout, so every
relative link keeps working; what only a web server does, serving ``folder/`` as
``folder/index.html``, is written into the links (``../4a906/`` becomes ``../4a906/index.html``).
Search needs a server (the index is fetched), so the archive leaves the index out, and each of
its pages says so in the reader's language, above the content (:data:`annexsite.model.objects.NO_SEARCH`, translated by the render stage).
Entries are sorted and dated by SOURCE_DATE_EPOCH (set for the build, see the plugin): the same
site gives the same bytes.
"""

from __future__ import annotations

import os
import re
import time
import zipfile
from html import escape
from pathlib import Path

from annexsite.site.markup import inner_end, shield, splice, start_tags, unshield

OFFLINE_DIR = "data/offline"
# shared by every language's archive: the assets and the data pages link to (releases, change
# logs, entries), but not the archives themselves; left out: the search index, sitemaps
_SHARED = ("assets/", "data/")
_LEFT_OUT = ("search/", "pagefind/", "sitemap.xml", "sitemap.xml.gz", "sitemap-")  # sitemap-<lang>.xml
_HREF = re.compile(r'(<(?:a|link)\b[^>]*?\bhref=")([^"]*)(")', re.I)


def _local(url: str) -> str:
    """A relative link to a folder, pointed at the folder's index.html; any other link unchanged."""
    if not url or url.startswith(("#", "/")) or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
        return url
    path, hash_, fragment = url.partition("#")
    path, query, rest = path.partition("?")
    if path.endswith("/") or path.rsplit("/", 1)[-1] in (".", ".."):
        path = "index.html" if path in ("./", ".") else path.rstrip("/") + "/index.html"
        return path + query + rest + hash_ + fragment
    return url


def offline_html(html: str, no_search: str = "") -> str:
    """The page with links that work from disk; ``no_search``, when given, is said above the
    content and in the search dialog (instead of Material's "Initializing search")."""
    html = _HREF.sub(lambda m: m.group(1) + _local(m.group(2)) + m.group(3), html)
    if not no_search:
        return html
    # Material hides its search box where it cannot start a worker (file://): say so where the
    # reader looks, above the content (the page's article), and in the search dialog should a
    # browser show it (instead of the result area's "Initializing search")
    text, kept = shield(html)
    tags = start_tags(text)
    edits = []
    article = next((t for t in tags if t.name == "article" and "md-content__inner" in t.classes), None)
    if article is not None:
        at = article.match.end()
        edits.append((at, at, f'<p class="annexsite-offline-note" role="note">{escape(no_search)}</p>'))
    meta = next((t for t in tags if t.name == "div" and "md-search-result__meta" in t.classes), None)
    end = inner_end(text, meta) if meta is not None else -1
    if end >= 0 and "<" not in text[meta.match.end():end]:  # its text only
        edits.append((meta.match.end(), end, escape(no_search)))
    return unshield(splice(text, edits), kept)


def _date_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # zip dates start in 1980
    return time.gmtime(max(epoch, 315532800))[:6]


def write_archives(site: Path, languages, no_search: dict[str, str] | None = None) -> dict[str, Path]:
    """Write ``data/offline/<code>.zip`` for each language; returns them by language code.
    ``no_search`` gives :data:`annexsite.model.objects.NO_SEARCH` in each language (by code)."""
    site = Path(site)
    others = [f"{lang.code}/" for lang in languages if not lang.default]
    stamp = _date_time()
    out_dir = site / OFFLINE_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    for lang in languages:
        prefix = "" if lang.default else f"{lang.code}/"
        out = out_dir / f"{lang.code}.zip"
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for rel in files:
                mine = rel.startswith(prefix) and not rel.startswith(tuple(o for o in others if o != prefix))
                if rel.startswith(OFFLINE_DIR + "/"):
                    mine = False
                elif rel.startswith(_SHARED):
                    mine = True
                elif rel.startswith(_LEFT_OUT) or rel[len(prefix):].startswith(_LEFT_OUT):
                    mine = False
                if not mine:
                    continue
                data = (site / rel).read_bytes()
                if rel.endswith(".html"):
                    data = offline_html(data.decode("utf-8"), (no_search or {}).get(lang.code, "")).encode("utf-8")
                info = zipfile.ZipInfo(rel, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        written[lang.code] = out
    return written
