"""Legal text split into plain runs and links to glossary terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from annexsite.model import Glossary, quoted_terms


@dataclass(frozen=True)
class Segment:
    text: str
    term: str = ""  # glossary term id when this run is a quoted defined term


def link_terms(text: str, glossary: Glossary) -> tuple[Segment, ...]:
    """Split ``text`` so that every quoted term found in the glossary becomes its own segment."""
    out: list[Segment] = []
    pos = 0
    for start, end, inner, _double in quoted_terms(text):
        term = glossary.lookup(inner)
        if term is None:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], term.id))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return tuple(out)


SHORT_LABEL_LIMIT = 60
# a heading's lead-in to its list: "..., as follows:", "... the following:", "... any of the following:"
_TAIL = re.compile(r"[\s,;:]*(?:(?:having|with|containing)\s+(?:any|all|either|both|one\s+or\s+more)\s+(?:of\s+)?the\s+"
                   r"following(?:\s+\w+)?|as\s+follows|"
                   r"(?:any\s+of\s+)?the\s+following(?:\s+\w+)?)\s*[:.;,]?\s*$", re.I)
_SEE = re.compile(r"\s*\(see [^()]*\)\s*[.:;]?\s*$|\s*\(see list of items controlled\)", re.I)
_TRAILING = " \t\n,;:.–—-("


def short_label(heading: str, limit: int = SHORT_LABEL_LIMIT) -> str:
    """A navigation label cut from a legal heading: its "as follows:" and "(see List of Items
    Controlled)" tails dropped, then cut at a word boundary before ``limit`` characters, with an
    ellipsis; never mid-word."""
    return _short_label(str(heading), limit)


@lru_cache(maxsize=8192)  # every page that links an entry asks again (20,000 times on a whole list)
def _short_label(heading: str, limit: int) -> str:
    text = " ".join(heading.split())
    text = _TAIL.sub("", _SEE.sub("", text)).rstrip(_TRAILING) or text
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    if space <= 0:  # one long word: keep it whole rather than cut it
        space = text.find(" ", limit)
        if space < 0:
            return text
    return text[:space].rstrip(_TRAILING) + "…"


def entry_label(entry) -> str:
    """What navigation, breadcrumbs, lists and page titles call an entry: its title when one is
    written (a Msg, translated), else a short label cut from its heading (legal text, as is)."""
    return entry.title or short_label(entry.heading)


def note_anchor(key: str) -> str:
    """The HTML id of a note or a note's item, from its stable key. Paragraph labels never hold a
    dash, so a note's anchor never equals a paragraph's: note.1 -> note-1, note.1.item.b ->
    note-1-b, paragraph.a.note.2 -> a-note-2, <id>.note.1 -> <id>-note-1; an entry's own
    paragraph.a.1 -> a.1."""
    if key.startswith("paragraph."):
        key = key[len("paragraph."):]
    elif key.startswith("note."):
        key = "note-" + key[len("note."):]
    return key.replace(".note.", "-note-").replace(".item.", "-")
