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

import re

from annexsite.localize.language import direction

# A start tag, its attributes quoted or not; comments, doctypes and end tags are not start tags.
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*(/?)>")
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_DIR = re.compile(r"\sdir\s*=", re.I)
# Raw-text elements: what they hold is not markup.
_RAW = re.compile(r"(<(script|style|textarea)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)


def _mark(match: re.Match) -> str:
    attrs = match.group(2)
    lang = _LANG.search(attrs)
    if lang is None or _DIR.search(attrs):
        return match.group(0)
    way = direction(next(g for g in lang.groups() if g is not None))
    if way is None:
        return match.group(0)
    return f'<{match.group(1)}{attrs} dir="{way}"{match.group(3)}>'


def mark_directions(html: str) -> str:
    """The page with ``dir`` beside every ``lang`` that lacks one (see the module's docstring)."""
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(3))
        return f"{m.group(1)}\x00{len(kept) - 1}\x00{m.group(4)}"

    shielded = _RAW.sub(keep, html)
    marked = _START_TAG.sub(_mark, shielded)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], marked)
