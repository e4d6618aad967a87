"""Authentic language versions of an entry: the legal text as each language gives it, and the
versions side by side, row by row, with the alignment the validator checks shown per row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annexsite.derive.text import Segment, link_terms
from annexsite.localize.language import direction
from annexsite.model import Annex, Entry, Glossary
from annexsite.model.keys import key_parts
from annexsite.model.align import align, legal_units
from annexsite.model.objects import N_


@dataclass(frozen=True)
class LegalView:
    """The legal text of one entry in one authentic language, as the entry page shows it."""

    lang: str
    heading: tuple[Segment, ...]
    paragraphs: tuple  # ParagraphView
    notes: tuple  # NoteView
    # the source texts whose informative translations may be shown beside: none for a version,
    # which is authentic itself
    heading_source: str = ""
    sources: tuple[str, ...] = ()

    @property
    def dir(self) -> str:
        return direction(self.lang) or "ltr"


@dataclass(frozen=True)
class VersionCell:
    lang: str
    dir: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class VersionRow:
    key: str  # the alignment key (translation context without "<annex>/<code>/")
    kind: str  # heading | paragraph | note | item | other
    label: str  # the paragraph label, note number or item label; the key for "other"
    note: str  # for an item: the number of its note; for a note: the paragraph it sits in
    depth: int
    anchor: str
    cells: tuple[VersionCell, ...]  # in the order of VersionsPage.languages; empty segments: absent
    breaks: tuple[str, ...]  # what does not match the source language text (empty: aligned)

    # how the row is named: an interface label formatted with ``key=title_key``, then the
    # paragraph a note is in ("to paragraph b"), or an item's label after its note's number
    @property
    def title(self) -> str:
        return _ROW_TITLES[self.kind]

    @property
    def title_key(self) -> str:
        return self.note if self.kind == "item" else self.label

    @property
    def to_paragraph(self) -> str:
        return self.note if self.kind == "note" else ""

    @property
    def item(self) -> str:
        return self.label if self.kind == "item" else ""


_ROW_TITLES = {"heading": N_("Heading of the legal text"), "paragraph": N_("Paragraph %(key)s"),
               "note": N_("Note %(key)s"), "item": N_("Note %(key)s")}


def entry_versions(annex: Annex, entry: Entry) -> dict[str, Entry]:
    """The entry in every authentic language this site carries it in, the source first."""
    out = {annex.source_language: entry}
    for v in annex.versions:
        found = v.entry(entry.code)
        if found is not None:
            out[v.lang] = found
    return out


def _row_kind(key: str) -> tuple[str, str, str, int]:
    """(kind, label, context, depth) of a row: a note's label is its number as a reader counts it
    (1 › 2 for a note in a note) and its context the paragraph it sits in; an item's context is
    its note's number."""
    parts = key_parts(key)
    kind, label = parts[-1]
    paragraph = next((lab for k, lab in parts if k == "paragraph"), "")
    notes = " › ".join(lab for k, lab in parts if k == "note")
    if kind == "heading":
        return "heading", "", "", 0
    if kind == "paragraph":
        return "paragraph", label, "", label.count(".") + 1
    if kind == "note":
        return "note", notes, paragraph, paragraph.count(".") + 1 if paragraph else 0
    return "item", label, notes, label.count(".") + 1


def version_rows(annex: Annex, entry: Entry, glossary: Glossary) -> tuple[list[str], list[VersionRow]]:
    """(languages, rows): every unit of legal text in the source's order, one cell per language."""
    versions = entry_versions(annex, entry)
    languages = list(versions)
    units = {lang: legal_units(e) for lang, e in versions.items()}
    breaks: dict[str, list[str]] = {}
    for lang, e in versions.items():
        if lang != annex.source_language:
            for b in align(entry, e, annex.source_language, lang):
                breaks.setdefault(b.context, []).append(f"{lang}: {b.message}")
    keys = list(units[annex.source_language])
    for lang in languages[1:]:
        keys += [k for k in units[lang] if k not in keys]
    prefix = f"{annex.id}/{entry.code}/"
    rows = []
    for key in keys:
        short = key[len(prefix):] if key.startswith(prefix) else key
        kind, label, note, depth = _row_kind(short)
        cells = tuple(
            VersionCell(lang, direction(lang) or "ltr",
                        link_terms(units[lang][key], glossary) if key in units[lang] else ())
            for lang in languages)
        rows.append(VersionRow(short, kind, label, note, depth, "v-" + re.sub(r"[^a-z0-9]+", "-", short),
                               cells, tuple(breaks.get(key, ()))))
    return languages, rows
