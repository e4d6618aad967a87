"""Authentic language versions of an entry: the legal text as each language gives it, and the
versions side by side, row by row, with the alignment the validator checks shown per row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annexsite.derive.text import Segment, link_terms
from annexsite.localize.language import Language
from annexsite.model import Annex, Entry, Glossary
from annexsite.validate.versions import align, legal_units


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
        return "rtl" if Language(self.lang, self.lang).rtl else "ltr"


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
    note: str  # for an item: the number of its note
    depth: int
    anchor: str
    cells: tuple[VersionCell, ...]  # in the order of VersionsPage.languages; empty segments: absent
    breaks: tuple[str, ...]  # what does not match the source language text (empty: aligned)


def versions_path(annex_id: str, code: str) -> str:
    return f"{annex_id}/{code.lower()}/versions.md"


def entry_versions(annex: Annex, entry: Entry) -> dict[str, Entry]:
    """The entry in every authentic language this site carries it in, the source first."""
    out = {annex.source_language: entry}
    for v in annex.versions:
        found = v.entry(entry.code)
        if found is not None:
            out[v.lang] = found
    return out


def _row_kind(key: str) -> tuple[str, str, str, int]:
    if key == "heading":
        return "heading", "", "", 0
    if m := re.fullmatch(r"paragraph\.([a-z0-9.]+)", key):
        return "paragraph", m.group(1), "", m.group(1).count(".") + 1
    if m := re.fullmatch(r"notes?\.(\d+)", key):
        return "note", m.group(1), "", 0
    if m := re.fullmatch(r"notes?\.(\d+)\.(?:item\.)?([a-z0-9.]+)", key):
        return "item", m.group(2), m.group(1), m.group(2).count(".") + 1
    return "other", key, "", 0


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
            VersionCell(lang, "rtl" if Language(lang, lang).rtl else "ltr",
                        link_terms(units[lang][key], glossary) if key in units[lang] else ())
            for lang in languages)
        rows.append(VersionRow(short, kind, label, note, depth, "v-" + re.sub(r"[^a-z0-9]+", "-", short),
                               cells, tuple(breaks.get(key, ()))))
    return languages, rows
