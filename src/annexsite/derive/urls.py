"""Every address on the site, in one place: the pages (docs-relative ``.md`` paths, per language
folder), their anchors, their directory URLs, the redirect pages and the data files.

Everything else calls these functions instead of writing a path by hand; nothing here imports
from the rest of annexsite, so every stage may use it.
"""

from __future__ import annotations

import posixpath

CHANGES = "changes"


# -- pages (docs-relative, inside a language folder) ----------------------------------------
def home_path() -> str:
    return "index.md"


def annex_path(annex_id: str) -> str:
    return f"{annex_id}/index.md"


def category_path(annex_id: str, number: int) -> str:
    return f"{annex_id}/{number}/index.md"


def group_path(annex_id: str, number: int, group: str) -> str:
    return f"{annex_id}/{number}{group.lower()}/index.md"


def entry_path(annex_id: str, code: str) -> str:
    return f"{annex_id}/{code.lower()}.md"


def versions_path(annex_id: str, code: str) -> str:
    """The authentic language versions of an entry side by side."""
    return f"{annex_id}/{code.lower()}/versions.md"


def view_path(view: str, value: str = "") -> str:
    """A page of entries by one value (``stages``/``kinds``), or the list of values."""
    return f"{view}/{value or 'index'}.md"


def stage_path(stage: str = "") -> str:
    return view_path("stages", stage)


def kind_path(kind: str = "") -> str:
    return view_path("kinds", kind)


def correlation_path() -> str:
    return "correlation.md"


def glossary_path() -> str:
    return "glossary.md"


def translations_path() -> str:
    return "translations.md"


def classify_path() -> str:
    return "classify.md"


def tree_path(tree_id: str = "", node_id: str = "") -> str:
    """A decision guide's step (its start page without ``node_id``); the list of guides without ``tree_id``."""
    if not tree_id:
        return "trees/index.md"
    return f"trees/{tree_id}/{node_id or 'index'}.md"


def tree_all_path(tree_id: str) -> str:
    return f"trees/{tree_id}/all.md"


def changes_path(version: str = "") -> str:
    """A release's change log; the list of releases without ``version``."""
    return f"{CHANGES}/{version or 'index'}.md"


def release_entry_path(version: str, annex_id: str, code: str) -> str:
    """An entry's text as release ``version`` had it."""
    return f"releases/{version}/{annex_id}/{code.lower()}.md"


def annual_path(year: int | None = None) -> str:
    return f"annual/{year}/index.md" if year else "annual/index.md"


def feed_path() -> str:
    return "feed.xml"


# -- anchors --------------------------------------------------------------------------------
def change_anchor(annex_id: str, code: str) -> str:
    """An entry's item in a change log."""
    return f"{annex_id}-{code.lower()}"


def with_anchor(path: str, anchor: str) -> str:
    return f"{path}#{anchor}" if anchor else path


# -- URLs -----------------------------------------------------------------------------------
def page_url(path: str) -> str:
    """Site-relative URL of a docs-relative page with directory URLs: "a/4a906.md" -> "a/4a906/"."""
    if not path.endswith(".md"):
        return path  # a file (feed.xml) keeps its name
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def root_of(path: str) -> str:
    """Relative prefix from a docs-relative page's folder to the docs root ("", "../", ...)."""
    return "../" * path.count("/")


def link(from_path: str, to_path: str) -> str:
    """A Markdown link from page ``from_path`` to page ``to_path`` (both docs-relative): "2024.1.md"."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def site_root_of(path: str, default_language: bool) -> str:
    """Relative prefix from a page's URL to the site root, where data/ is: one level more for a
    language in its own folder."""
    return "../" * (page_url(path).count("/") + (0 if default_language else 1))


def redirect_file(path: str) -> str:
    """The HTML file that stands at a page's URL when the page itself is gone (a redirect)."""
    return page_url(path) + "index.html"


def relative_url(from_path: str, to_path: str) -> str:
    """The URL of page ``to_path`` relative to the URL of page ``from_path`` (both docs-relative)."""
    here, there = page_url(from_path).rstrip("/") or ".", page_url(to_path).rstrip("/") or "."
    return posixpath.relpath(there, here) + "/"


def language_prefix(code: str, default: bool) -> str:
    """The folder of a language's pages under the site root: none for the default language."""
    return "" if default else f"{code}/"


def absolute_url(site_url: str, language: str, path: str) -> str:
    """A page's URL from the site root (``site_url`` or "/"); ``language``: its language prefix."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return base + language + page_url(path)


# -- data files (site-relative, shared by every language) -----------------------------------
def data_path(name: str) -> str:
    """A data file: "entries.json", "changes.json", ..."""
    return f"data/{name}"


def release_data_path(version: str) -> str:
    return data_path(f"releases/{version}.json")


def schema_data_path(kind: str) -> str:
    return data_path(f"schemas/{kind}.schema.json")
