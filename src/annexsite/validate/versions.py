"""Authentic language versions: each aligned with the source language version of its annex.

A version file ``annexes/<annex>/<lang>/category-N.yaml`` gives, per entry, the heading,
paragraphs and notes in another authentic language. The alignment key of every piece of legal
text is its translation context (``<annex>/<code>/paragraph.a.1``, ``.../notes.2``), built by
the same code that builds the source entries, so any unit of legal text the model knows is
aligned (:mod:`annexsite.model.align`). Each break is reported where it is: at the version text, or,
for something the version lacks, at the nearest enclosing text of the version that exists.
"""

from __future__ import annotations

from annexsite.diagnostics import Diagnostic, Location
from annexsite.load.project import CATEGORY_FILE
from annexsite.load.yamlfile import RawDocument
from annexsite.model.align import align
from annexsite.model.build import build_entry, build_version_entries


def check_versions(raw_annex, sources_ok: bool, ok) -> list[Diagnostic]:
    """The checks of one annex's language versions. ``ok(doc)``: whether a document passed its
    schema; ``sources_ok``: whether the source files of the annex are whole (else only the
    codes are compared)."""
    problems: list[Diagnostic] = []
    annex = raw_annex.annex
    if not ok(annex):
        return problems
    a = annex.data
    sources = {d.data["category"]: d for d in raw_annex.categories if ok(d)}
    for lang, docs in sorted(raw_annex.versions.items()):
        if lang == a["source_language"]:
            problems.extend(Diagnostic(Location(d.display, 1, 1),
                                       f"{lang} is the source language of {a['id']}: its text is in "
                                       f"annexes/{raw_annex.folder}/category-N.yaml, not in a version folder")
                            for d in docs[:1])
            continue
        if lang not in a["authentic_languages"]:
            problems.extend(Diagnostic(Location(d.display, 1, 1),
                                       f"{lang} is not an authentic language of {a['id']} "
                                       f"(authentic_languages at {annex.location(('authentic_languages',))})",
                                       "a version folder holds the legal text in another authentic language")
                            for d in docs[:1])
            continue
        for doc in docs:
            if not ok(doc):
                continue
            problems.extend(_check_file(doc, lang, a, sources, raw_annex, sources_ok))
    return problems


def _check_file(doc: RawDocument, lang: str, a: dict, sources: dict, raw_annex, sources_ok: bool) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    number = doc.data["category"]
    file_number = int(CATEGORY_FILE.match(doc.path.name).group(1))
    if number != file_number:
        return [Diagnostic(doc.location(("category",)), f"category {number} does not match the file name {doc.path.name}")]
    source = sources.get(number)
    if source is None:
        if not any(d.data.get("category") == number for d in raw_annex.categories if isinstance(d.data, dict)):
            problems.append(Diagnostic(doc.location(("category",)),
                                       f"category {number} has no {a['source_language']} source file "
                                       f"annexes/{raw_annex.folder}/category-{number}.yaml"))
        return problems
    source_index = {e["code"]: i for i, e in enumerate(source.data["entries"])}
    seen: dict[str, int] = {}
    aligned: list[int] = []
    for i, e in enumerate(doc.data["entries"]):
        code = e["code"]
        if code in seen:
            problems.append(Diagnostic(doc.location(("entries", i, "code")),
                                       f"duplicate code {code} (first at line {doc.location(('entries', seen[code], 'code')).line})"))
            continue
        seen[code] = i
        if code not in source_index:
            problems.append(Diagnostic(doc.location(("entries", i, "code")),
                                       f"{code} is not in the {a['source_language']} text ({source.display})",
                                       "a version has the codes of its source category file, no more"))
        else:
            aligned.append(i)
    for code, i in source_index.items():
        if code not in seen:
            problems.append(Diagnostic(doc.location(("entries",), key=True),
                                       f"{code} of the {a['source_language']} text "
                                       f"({source.location(('entries', i, 'code'))}) is missing from this {lang} version"))
    if not sources_ok or problems:
        return problems  # the source is judged first; alignment needs both sides whole
    try:
        versions = {e.code: e for e in build_version_entries(a["id"], doc, [source])}
        for i in aligned:
            ours = build_entry(a["id"], source, source_index[doc.data["entries"][i]["code"]])
            for b in align(ours, versions[ours.code], a["source_language"], lang):
                problems.append(Diagnostic(b.location, b.message))
    except (KeyError, ValueError, TypeError, StopIteration):
        pass  # the source entry has an error of its own, reported by its checks
    return problems
