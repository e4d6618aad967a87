"""Legal text split into plain runs and links to glossary terms."""

from __future__ import annotations

from dataclasses import dataclass

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
