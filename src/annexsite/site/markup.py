"""Editing built HTML by its start tags: a tokenizer for the finishing steps (annexsite.site.postprocess,
the offline archives), so that an edit is chosen by an element's name and attributes, never by
searching for a string a theme happens to write.

A start tag is found with its attributes quoted or not; comments, doctypes and end tags are not
start tags, and what ``<script>``, ``<style>`` and ``<textarea>`` hold is shielded first (it is
not markup). An edit rewrites only the start tags it changes; every other byte is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*(/?)>")
_ATTR = re.compile(r"""\s+([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_RAW = re.compile(r"(<(script|style|textarea)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
_SHIELDED = re.compile(r"\x00(\d+)\x00")


@dataclass
class Tag:
    """One start tag: its name (lower case), attributes (names lower case, values as written,
    unescaped no further; parsed when first asked for), where it is; ``put`` and ``drop`` are the
    edits :func:`retag` makes."""

    name: str
    match: re.Match
    put: dict[str, str] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, match: re.Match) -> "Tag":
        return cls(match.group(1).lower(), match, {}, set())

    @cached_property
    def attrs(self) -> dict[str, str]:
        return _attrs(self.match.group(2))

    def has(self, text: str) -> bool:
        """Whether the tag's attributes hold ``text`` anywhere: a cheap test before :attr:`attrs`."""
        return text in self.match.group(2)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def edited(self) -> bool:
        return bool(self.put or self.drop)

    def text(self) -> str:
        pending = dict(self.put)
        out = [f"<{self.match.group(1)}"]
        for a in _ATTR.finditer(self.match.group(2)):
            name = a.group(1).lower()
            if name in self.drop:
                continue
            if name in pending:
                out.append(f' {a.group(1)}="{escape(pending.pop(name), quote=True)}"')
            else:
                out.append(a.group(0))
        out += [f' {k}="{escape(v, quote=True)}"' for k, v in pending.items()]
        return "".join(out) + ("/>" if self.match.group(3) else ">")


def shield(html: str) -> tuple[str, list[str]]:
    """The page with the text of raw-text elements set aside (see :func:`unshield`)."""
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(3))
        return f"{m.group(1)}\x00{len(kept) - 1}\x00{m.group(4)}"

    return _RAW.sub(keep, html), kept


def unshield(text: str, kept: list[str]) -> str:
    return _SHIELDED.sub(lambda m: kept[int(m.group(1))], text)


def start_tags(text: str, names: frozenset[str] | None = None, having: str | None = None) -> list[Tag]:
    """Every start tag of a shielded page in order; with ``names``, only those so named or (with
    ``having``) whose attributes hold that text (a page has thousands of tags: building an
    object for each costs more than finding them)."""
    if names is None:
        return [Tag.of(m) for m in _START_TAG.finditer(text)]
    return [Tag.of(m) for m in _START_TAG.finditer(text)
            if m.group(1).lower() in names or (having is not None and having in m.group(2))]


def _attrs(raw: str) -> dict[str, str]:
    return {a.group(1).lower(): next((g for g in a.groups()[1:] if g is not None), "") for a in _ATTR.finditer(raw)}


def retag(text: str, tags: list[Tag]) -> str:
    """The shielded page with each edited tag rewritten (``tags`` from :func:`start_tags`)."""
    out, last = [], 0
    for tag in tags:
        if tag.edited:
            out += [text[last:tag.match.start()], tag.text()]
            last = tag.match.end()
    out.append(text[last:])
    return "".join(out)


def inner_end(text: str, tag: Tag) -> int:
    """Where the content of an element without nested elements of its own name ends (the start
    of its end tag), or -1."""
    return text.find(f"</{tag.match.group(1)}", tag.match.end())


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each ``(start, end, new)`` span replaced; spans must not overlap."""
    out, last = [], 0
    for start, end, new in sorted(edits):
        out += [text[last:start], new]
        last = end
    out.append(text[last:])
    return "".join(out)
