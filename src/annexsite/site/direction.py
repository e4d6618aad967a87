"""Writing direction from the language (:func:`annexsite.localize.language.direction`) for every
built page.

Templates mark text whose language differs from the page's with ``lang`` (the authentic legal text,
a fallback to the source language, a language's own name). A ``lang`` alone does not set the
direction: English legal text on an Arabic page would be laid out right to left (".computers",
"(.Supplement No. 1"). After MkDocs renders a page, every element carrying ``lang`` and no ``dir``
gets the direction of that language (``<html>`` included), so a template never repeats it and
cannot forget it. An element with ``dir`` set by hand keeps it.
"""

from __future__ import annotations

from annexsite.localize.language import direction
from annexsite.site.markup import Tag, retag, shield, start_tags, unshield


def mark(tags: list[Tag]) -> None:
    """Give each start tag that carries ``lang`` and no ``dir`` the direction of its language
    (the edit is made by :func:`annexsite.site.markup.retag`)."""
    for tag in tags:
        if tag.has("lang") and "lang" in tag.attrs and "dir" not in tag.attrs:
            way = direction(tag.attrs["lang"])
            if way is not None:
                tag.put["dir"] = way


def mark_directions(html: str) -> str:
    """The page with ``dir`` beside every ``lang`` that lacks one (see the module's docstring)."""
    text, kept = shield(html)
    tags = start_tags(text, frozenset(), having="lang")
    mark(tags)
    return unshield(retag(text, tags), kept)
