"""Translation coverage per language: interface, shared content, and content per annex and entry.

The numbers come from the same lookups the pages use (:class:`Translations`), so the status
page, ``annexsite i18n status`` and what a reader sees always agree.

Publishing is decided at two levels, so that a new, untranslated annex never unpublishes
another annex's translated pages:

* a **language** is published when its interface and the content shared by every annex (the
  decision guides, the rules they cite, glossary terms used by several annexes) reach
  ``min_coverage``;
* each **annex** of a published language is shown translated when its own texts (its entries,
  its summary, the glossary terms only its legal text uses) reach ``min_coverage``; otherwise its
  pages appear in the annex's source language with a notice in the reader's language.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from babel.messages.catalog import Catalog

from annexsite.config import DEFAULT_MIN_COVERAGE
from annexsite.i18n.extract import annex_messages
from annexsite.localize.catalogs import MISSING, OUTDATED, Translations
from annexsite.model import Project, quoted_terms
from annexsite.model.align import align, legal_units
from annexsite.model.coverage import Coverage

TRANSLATED, FUZZY = "translated", "fuzzy"


def _counts(states) -> dict[str, int]:
    c = Counter(states)
    out = {TRANSLATED: c[""], FUZZY: c[OUTDATED], "missing": c[MISSING]}
    out["total"] = sum(out.values())
    return out


def _ratio(*counts: dict[str, int]) -> float:
    total = sum(c["total"] for c in counts)
    return sum(c[TRANSLATED] for c in counts) / total if total else 1.0


def _interface_state(catalog_messages, message) -> str:
    found = catalog_messages.get(message.id if isinstance(message.id, str) else message.id[0], {}).get(message.context)
    if found is None:
        return MISSING
    strings = found.string if isinstance(found.string, (list, tuple)) else [found.string]
    if not all(strings):
        return MISSING
    return OUTDATED if found.fuzzy else ""


def term_owners(project: Project) -> dict[str, str]:
    """Glossary term id -> the one annex whose legal text quotes it. Terms quoted by several
    annexes, or by none, are shared and belong to no annex."""
    users: dict[str, set[str]] = defaultdict(set)
    for annex in project.annexes:
        for entry in annex.entries:
            for text in entry.legal_texts():
                for _start, _end, inner, _double in quoted_terms(str(text)):
                    term = project.glossary.lookup(inner)
                    if term is not None:
                        users[term.id].add(annex.id)
        for definition_term in project.glossary.terms:
            if any(d.annex == annex.id for d in definition_term.definitions):
                users[definition_term.id].add(annex.id)
    return {term: next(iter(annexes)) for term, annexes in users.items() if len(annexes) == 1}


def message_owner(context: str, annex_ids: set[str], owners: dict[str, str]) -> str | None:
    """The annex a content message belongs to, or None for content every annex shares."""
    head, _, rest = context.partition("/")
    if head in annex_ids:
        return head
    if head == "glossary":
        return owners.get(rest.partition("/")[0])
    return None


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
    annex_ids = {a.id for a in project.annexes}
    owners = term_owners(project)
    owner_of = [message_owner(m.context, annex_ids, owners) for m in content]
    # the entry a message belongs to: "<annex>/<code>/<field>"
    entry_of = [m.context.split("/", 2)[1] if o and m.context.startswith(o + "/") else None
                for m, o in zip(content, owner_of)]
    languages = {}
    for tr in translations:
        code = tr.language.code
        if code == source:
            continue
        index: dict = {}
        for m in (tr.ui_catalog or ()):
            if m.id:
                index.setdefault(m.id if isinstance(m.id, str) else m.id[0], {})[m.context] = m
        ui_counts = _counts(_interface_state(index, m) for m in ui)
        states = [tr.state(m)[1] for m in content]
        by_annex: dict[str | None, list[str]] = defaultdict(list)
        by_entry: dict[tuple[str, str], list[str]] = defaultdict(list)
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for m, state, owner, entry in zip(content, states, owner_of, entry_of):
            by_annex[owner].append(state)
            if entry is not None:
                by_entry[(owner, entry)].append(state)
            head, _, rest = m.context.partition("/")
            by_prefix[head].append(state)
            if head == "tree":
                by_prefix["tree/" + rest.partition("/")[0]].append(state)
        shared = _counts(by_annex[None])
        site_ratio = _ratio(ui_counts, shared)
        published = site_ratio >= min_coverage
        annexes = {}
        for annex in project.annexes:
            counts = _counts(by_annex[annex.id])
            ratio = _ratio(counts)
            annexes[annex.id] = {
                **counts,
                "coverage": round(ratio, 4),
                "published": published and ratio >= min_coverage,
                "entries": {e.code: _counts(by_entry[(annex.id, e.code)]) for e in annex.entries},
            }
        content_counts = _counts(states)
        # legal text of an annex whose authentic version in this language is transcribed is the
        # law itself, present: it needs no informative translation
        own = {a.id for a in project.annexes if code in a.transcribed}
        own_legal = [m for m in legal if m.context.split("/", 1)[0] in own]
        other_legal = [m for m in legal if m.context.split("/", 1)[0] not in own]
        legal_states = Counter(tr.state(m)[1] for m in other_legal)
        languages[code] = {
            # the whole site's share, as before; publishing looks at the parts below
            "coverage": round(_ratio(ui_counts, content_counts), 4),
            "published": published,
            "site_coverage": round(site_ratio, 4),
            "interface": ui_counts,
            "content": content_counts,
            "shared": shared,
            "glossary": _counts(by_prefix["glossary"]),
            "trees": {t.id: _counts(by_prefix[f"tree/{t.id}"]) for t in project.trees},
            "rules": _counts(by_prefix["rules"]),
            "legal_informative": {TRANSLATED: legal_states[""], FUZZY: legal_states[OUTDATED],
                                  "total": len(other_legal)},
            "legal_authentic": {"annexes": sorted(own), "total": len(own_legal)},
            "annexes": annexes,
        }
    return Coverage({"source": source, "min_coverage": min_coverage, "languages": languages,
                     "authentic_versions": authentic_versions(project)}, owners)

