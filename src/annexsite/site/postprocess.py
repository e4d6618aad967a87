"""Everything annexsite does to the site after MkDocs renders it, in one place and one order.

The engine (MkDocs 1.6 or ProperDocs, Material, mkdocs-static-i18n) renders each page and the
shared assets; annexsite then

- finishes each page as MkDocs writes it (:func:`finish_page`): the writing direction of every
  element in a language, and three fixes to Material's markup that used to be copies of its
  partials (see :func:`fix_material_markup`). Each is an edit of a start tag found by a tokenizer
  and chosen by its attributes, never a search-and-replace of a string Material happens to write;
- finishes the folder once every language is built (:func:`finish_site`), in the order of
  :data:`STEPS`: each step may read what the steps before it wrote, and the manifest comes last
  because it covers every file.

Nothing here needs the engine's objects: a step reads the folder and a :class:`Finish` of plain
data the plugin collected during the build.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable

from annexsite.site.alternates import quiet_language_selector
from annexsite.site.direction import mark
from annexsite.site.markup import Tag, inner_end, retag, shield, start_tags, unshield
from annexsite.site.offline import write_archives

MANIFEST = "data/SHA256SUMS"
SITEMAP = "sitemap.xml"  # the sitemap index, at the site root, where search engines look first


def sitemap_name(code: str) -> str:
    """The sitemap of one language's pages, at the site root beside the index."""
    return f"sitemap-{code}.xml"


# -- pages -------------------------------------------------------------------------------------

_TEXTLESS = re.compile(r"^(?:\s|<[^>]*>)*$")  # markup with no text: tags and white space only
_FIXED = frozenset({"label", "div", "input", "nav", "a"})  # the elements fix_material_markup looks at


def fix_material_markup(html: str, directions: bool = False) -> str:
    """Material 9.8's markup, made valid and accessible where its partials are not:

    - a ``<label for>`` naming no element of the page loses ``for`` (the table of contents' title
      names the ``__toc`` toggle, which the navigation renders only for pages it lists that are not
      a section's index page; Nu HTML Checker: "for must refer to a form control");
    - the search dialog (``div.md-search[role=dialog]``) is named as Material names its options (axe:
      aria-dialog-name), and its results area is no tab stop of its own (``tabindex="0"`` on a box
      that is zero pixels high while closed; the result links in it take the focus);
    - a section's ``<nav>`` that ``aria-labelledby`` names by a toggle label holding only an icon
      (or by no element: Material omits the label of a section with one child) is named by the
      section's index link instead, which gets the id ``<toggle>_link`` (axe: landmark-unique).

    Each fix is chosen by the attributes Material writes; markup that does not match is left as
    it is (tests/test_engine_boundary.py checks each still applies to the pinned Material)."""
    text, kept = shield(html)
    found = start_tags(text, _FIXED, having="lang" if directions else None)
    if directions:  # annexsite.site.direction.mark_directions, in the same pass
        mark(found)
    tags = [t for t in found if t.name in _FIXED]
    labels = {}  # id -> label, for the section fix
    search_name = None  # "Search" as Material names the dialog's options (lang.t("search"))
    for tag in tags:
        if tag.name == "label" and tag.has("id"):
            labels[tag.attrs.get("id")] = tag
        elif tag.name == "nav" and tag.has("md-search__options"):
            search_name = tag.attrs.get("aria-label")
    index_links: dict[str, Tag] = {}  # a section's toggle id -> the section's index link
    for i, tag in enumerate(tags):
        if tag.name == "label":
            if tag.has("for") and not _has_id(text, tag.attrs.get("for", "")):
                tag.drop.add("for")
        elif tag.name == "div":
            if not tag.has("md-search"):
                continue
            if tag.attrs.get("role") == "dialog" and "md-search" in tag.classes:
                if search_name and not ({"aria-label", "aria-labelledby"} & tag.attrs.keys()):
                    tag.put["aria-label"] = search_name
            elif "md-search__scrollwrap" in tag.classes and tag.attrs.get("tabindex") == "0":
                tag.put["tabindex"] = "-1"
        elif tag.name == "input":
            if tag.has("md-nav__toggle") and "md-nav__toggle" in tag.classes and "id" in tag.attrs and i + 2 < len(tags):
                box, link = tags[i + 1], tags[i + 2]
                if (box.name == "div" and box.has("md-nav__container") and "md-nav__container" in box.classes
                        and link.name == "a" and "md-nav__link" in link.classes):
                    index_links[tag.attrs["id"]] = link
        elif tag.name == "nav" and tag.has("_label") and tag.attrs.get("aria-labelledby", "").endswith("_label"):
            toggle = tag.attrs["aria-labelledby"][: -len("_label")]
            link = index_links.get(toggle)
            if link is None or not _names_nothing(text, labels.get(f"{toggle}_label")):
                continue
            if "id" not in link.attrs:
                link.put.setdefault("id", f"{toggle}_link")
            tag.put["aria-labelledby"] = link.attrs.get("id") or link.put["id"]
    return unshield(retag(text, found), kept)


def _has_id(text: str, name: str) -> bool:
    """Whether an element of the page has the id (as Material and annexsite write ids: quoted)."""
    return bool(name) and (f' id="{name}"' in text or f" id='{name}'" in text)


def _names_nothing(text: str, label: Tag | None) -> bool:
    """Whether a label (None: missing) gives no accessible name: no text up to its end tag."""
    if label is None:
        return True
    end = inner_end(text, label)
    return end >= 0 and bool(_TEXTLESS.match(text[label.match.end():end])) and not label.attrs.get("aria-label")


def finish_page(html: str) -> str:
    """A page as MkDocs rendered it, finished: Material's markup fixed, and every element in a
    language given that language's direction (annexsite.site.direction), in one pass."""
    return fix_material_markup(html, directions=True)


# -- the folder --------------------------------------------------------------------------------


@dataclass
class Finish:
    """What the folder steps need from the build, as plain data."""

    languages: list  # annexsite.localize.Language, default first
    site_url: str = ""  # mkdocs.yml's; empty: addresses in the sitemaps are site-root paths
    not_found_pages: dict[str, str] = field(default_factory=dict)  # language -> its rendered 404 page
    sitemaps: dict[str, str] = field(default_factory=dict)  # language -> its rendered sitemap.xml
    exports: dict[str, bytes] = field(default_factory=dict)  # path in the site -> bytes
    write_search_configs: Callable[[], object] | None = None
    build_search_index: Callable[[Path], dict] | None = None
    no_search: dict[str, str] = field(default_factory=dict)  # language -> the offline note
    problems: list[str] = field(default_factory=list)  # what the steps warn about
    search_index: dict = field(default_factory=dict)  # what the search index step reports


def write_not_found(site: Path, job: Finish) -> None:
    """``404.html`` in the default language (what a server shows for any missing address) and
    ``<lang>/404.html`` in each other language (for servers configured per language): MkDocs
    writes one 404 page per language build, each over the last."""
    for lang in job.languages:
        page = job.not_found_pages.get(lang.code)
        if page is not None:
            path = site / ("404.html" if lang.default else f"{lang.code}/404.html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")


def write_sitemaps(site: Path, job: Finish) -> None:
    """One sitemap per language at the site root (``sitemap-<lang>.xml``, as the theme's
    ``sitemap.xml`` template rendered it in that language's build) and ``sitemap.xml``, the index
    naming them (absolute addresses when site_url is set, else site-root paths, as in the
    sitemaps themselves). MkDocs writes each language's sitemap.xml over the last: the index
    replaces it, and no language tree holds a copy."""
    entries = []
    for lang in job.languages:
        rendered = job.sitemaps.get(lang.code)
        if rendered is None:
            continue
        (site / sitemap_name(lang.code)).write_text(rendered, encoding="utf-8")
        entries.append(f"  <sitemap>\n    <loc>{escape((job.site_url or '/') + sitemap_name(lang.code))}</loc>\n  </sitemap>\n")
    if not entries:
        return
    index = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
             + "".join(entries) + "</sitemapindex>\n").encode("utf-8")
    (site / SITEMAP).write_bytes(index)
    # as MkDocs writes sitemap.xml.gz: dated by SOURCE_DATE_EPOCH (set for the build), so the same
    # site gives the same bytes
    gz_path = site / (SITEMAP + ".gz")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    with open(gz_path, "wb") as fh, gzip.GzipFile(fileobj=fh, filename=str(gz_path), mode="wb", mtime=epoch) as gz:
        gz.write(index)


def write_search_configs(site: Path, job: Finish) -> None:
    if job.write_search_configs is not None:
        job.write_search_configs()


def write_exports(site: Path, job: Finish) -> None:
    """The JSON exports and data files the generator made (entries, releases, change logs)."""
    for rel, data in sorted(job.exports.items()):
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def quiet_selector(site: Path, job: Finish) -> None:
    job.problems += quiet_language_selector(site)


def build_search_index(site: Path, job: Finish) -> None:
    """Pagefind over the pages kept during the build; before the archives, which leave it out."""
    if job.build_search_index is not None:
        job.search_index = job.build_search_index(site)


def write_offline_archives(site: Path, job: Finish) -> None:
    write_archives(site, job.languages, job.no_search)


def write_manifest(site: Path, job: Finish | None = None) -> Path:
    """``data/SHA256SUMS``: the SHA-256 of every published file but itself, one
    ``<hex>  <path>`` line each in path order, as `sha256sum` writes them (check a copy with
    ``cd site && sha256sum -c data/SHA256SUMS``)."""
    out = site / MANIFEST
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p != out):
        rel = path.relative_to(site).as_posix()
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(lines), encoding="utf-8", newline="\n")
    return out


# The order matters: the archives hold the 404 pages, the exports and the sitemap-free trees and
# leave the search index out; the manifest covers every file, the archives included.
STEPS: tuple[Callable[[Path, Finish], object], ...] = (
    write_not_found,
    write_sitemaps,
    write_search_configs,
    write_exports,
    quiet_selector,
    build_search_index,
    write_offline_archives,
    write_manifest,
)


def finish_site(site: Path, job: Finish) -> Finish:
    """Run :data:`STEPS` over the built folder, in order; returns ``job`` with what they report."""
    for step in STEPS:
        step(Path(site), job)
    return job
