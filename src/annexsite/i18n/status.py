"""Translation coverage per language: interface, content per annex and per entry, legal text.

The numbers come from the same lookups the pages use (:class:`Translations`), so the status
page, ``annexsite i18n status`` and what a reader sees always agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from annexsite.i18n.extract import annex_messages
from annexsite.localize.catalogs import MISSING, OUTDATED, Translations
from annexsite.model import Project
from annexsite.validate.versions import align, legal_units

TRANSLATED, FUZZY = "translated", "fuzzy"
DEFAULT_MIN_COVERAGE = 0.9


def _counts(states) -> dict[str, int]:
    c = Counter(states)
    out = {TRANSLATED: c[""], FUZZY: c[OUTDATED], "missing": c[MISSING]}
    out["total"] = sum(out.values())
    return out


def _interface_state(tr: Translations, catalog_messages, message) -> str:
    found = catalog_messages.get(message.id if isinstance(message.id, str) else message.id[0], {}).get(message.context)
    if found is None:
        return MISSING
    strings = found.string if isinstance(found.string, (list, tuple)) else [found.string]
    if not all(strings):
        return MISSING
    return OUTDATED if found.fuzzy else ""


@dataclass
class Coverage:
    data: dict

    def language(self, code: str) -> dict:
        return self.data["languages"][code]

    def published(self, code: str) -> bool:
        return self.data["languages"].get(code, {}).get("published", True)


def authentic_versions(project: Project) -> dict:
    """Per annex: its source language, its authentic languages, which are transcribed here, and
    whether each transcribed version is aligned with the source (codes, labels, notes, numbers)."""
    out = {}
    for annex in project.annexes:
        versions = {}
        for v in annex.versions:
            breaks = [b for e in v.entries if (s := annex.entry(e.code)) is not None
                      for b in align(s, e, annex.source_language, v.lang)]
            versions[v.lang] = {"categories": list(v.categories), "entries": len(v.entries),
                                "legal_texts": sum(len(legal_units(e)) for e in v.entries),
                                "aligned": not breaks, "breaks": len(breaks)}
        out[annex.id] = {"source": annex.source_language, "authentic": list(annex.authentic_languages),
                         "entries": len(annex.entries), "transcribed": [annex.source_language, *versions],
                         "versions": versions}
    return out


def coverage(project: Project, template: Catalog, translations: list[Translations], source: str,
             min_coverage: float = DEFAULT_MIN_COVERAGE) -> Coverage:
    msgs = annex_messages(project)
    content = [m for m in msgs if m.domain == "content"]
    legal = [m for m in msgs if m.domain == "legal"]
    ui = [m for m in template if m.id]
    languages = {}
    for tr in translations:
        code = tr.language.code
        if code == source:
            continue
        po = tr.ui_catalog
        index: dict = {}
        for m in (po or ()):
            if m.id:
                index.setdefault(m.id if isinstance(m.id, str) else m.id[0], {})[m.context] = m
        ui_counts = _counts(_interface_state(tr, index, m) for m in ui)
        states = {id(m): tr.state(m)[1] for m in content}
        annexes = {}
        for annex in project.annexes:
            entries = {}
            for e in annex.entries:
                prefix = f"{annex.id}/{e.code}/"
                entries[e.code] = _counts(states[id(m)] for m in content if m.context.startswith(prefix))
            annexes[annex.id] = {**_counts(states[id(m)] for m in content if m.context.startswith(annex.id + "/")),
                                 "entries": entries}
        glossary = _counts(states[id(m)] for m in content if m.context.startswith("glossary/"))
        trees = {t.id: _counts(states[id(m)] for m in content if m.context.startswith(f"tree/{t.id}/"))
                 for t in project.trees}
        rules = _counts(states[id(m)] for m in content if m.context.startswith("rules/"))
        content_counts = _counts(states.values())
        # legal text of an annex whose authentic version in this language is transcribed is the
        # law itself, present: it needs no informative translation
        own = {a.id for a in project.annexes if code in a.transcribed}
        own_legal = [m for m in legal if m.context.split("/", 1)[0] in own]
        legal = [m for m in legal if m.context.split("/", 1)[0] not in own]
        legal_states = Counter(tr.state(m)[1] for m in legal)
        done = ui_counts[TRANSLATED] + content_counts[TRANSLATED]
        total = ui_counts["total"] + content_counts["total"]
        ratio = done / total if total else 1.0
        languages[code] = {
            "coverage": round(ratio, 4),
            "published": ratio >= min_coverage,
            "interface": ui_counts,
            "content": content_counts,
            "glossary": glossary,
            "trees": trees,
            "rules": rules,
            "legal_informative": {TRANSLATED: legal_states[""], FUZZY: legal_states[OUTDATED],
                                  "total": len(legal)},
            "legal_authentic": {"annexes": sorted(own), "total": len(own_legal)},
            "annexes": annexes,
        }
    return Coverage({"source": source, "min_coverage": min_coverage, "languages": languages,
                     "authentic_versions": authentic_versions(project)})

