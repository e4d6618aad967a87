"""Importers: official or parsed control lists in, annex YAML out (before ``load``).

Each importer writes YAML files of the project's own schema and nothing else; the pipeline
then loads and validates them like hand-written ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annexsite.diagnostics import ContentError, Diagnostic, Location, relpath
from annexsite.importers import ccl_json
from annexsite.importers.ccl_json import ImportRefused
from annexsite.load.yamlfile import load_yaml
from annexsite.model.terms import term_key

FORMATS = ("ccl-json",)


@dataclass
class Imported:
    files: list[Path]
    entries: int
    categories: int
    terms_added: int
    report: dict = field(default_factory=dict)

    def unplaced(self) -> list[str]:
        """What the importer could not place as the source meant it, one line each."""
        r, out = self.report, []
        if r.get("skipped"):
            out.append(f"{len(r['skipped'])} entries skipped (no valid code or heading, a code given twice, or a field of another shape, named in brackets): "
                       + ", ".join(r["skipped"]))
        if r.get("entries_without_items_in_source"):
            out.append(f"{r['entries_without_items_in_source']} entries have no paragraphs in the source: "
                       "marked paragraphs_status: not-given")
        if r.get("entries_without_labelled_paragraphs"):
            out.append(f"{r['entries_without_labelled_paragraphs']} entries have items but no labelled paragraph: "
                       "marked paragraphs_status: not-given, their text kept as notes")
        if r.get("label_clashes_kept_as_notes"):
            out.append(f"{len(r['label_clashes_kept_as_notes'])} labelled items repeat a label the entry already uses "
                       "and were kept as notes: " + ", ".join(r["label_clashes_kept_as_notes"]))
        if r.get("entries_with_missing_parent_paragraphs"):
            out.append(f"{r['entries_with_missing_parent_paragraphs']} entries lack a parent paragraph in the source: "
                       "their sub-paragraphs sit under the nearest one present (a gap note says so)")
        if r.get("control_rows_without_reason_code"):
            out.append(f"{r['control_rows_without_reason_code']} control rows name no reason code: kept as gap notes")
        if r.get("license_exception_flags_skipped"):
            out.append(f"{r['license_exception_flags_skipped']} licence-exception flags were empty or unnamed: left out")
        if r.get("items_dropped_empty_text"):
            out.append(f"{r['items_dropped_empty_text']} items had no text: left out")
        return out


def _existing_glossary(path: Path, root: Path) -> tuple[str | None, set[str], set[str]]:
    """The glossary's text, the terms it has (normalised, aliases too) and its ids; read by the
    project's own YAML loader, so a broken glossary is reported at its line."""
    if not path.exists():
        return None, set(), set()
    doc, problems = load_yaml(path, relpath(path, root))
    if doc is None:
        raise ContentError(problems)
    data = doc.data
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list) or list(data)[-1] != "terms":
        raise ContentError([Diagnostic(Location(relpath(path, root), 1, 1),
                                       "the glossary must end with its 'terms:' list for new terms to be appended")])
    keys, ids = set(), set()
    for t in terms:
        if isinstance(t, dict):
            ids.add(str(t.get("id", "")))
            for form in [t.get("term", "")] + list(t.get("aliases") or []):
                keys.add(term_key(str(form)))
    return path.read_text(encoding="utf-8"), keys, ids


def import_list(fmt: str, source: Path, root: Path, annexes: str = "annexes",
                annex_id: str = ccl_json.ANNEX_ID) -> Imported:
    """Convert ``source`` and write it into the project at ``root``. Raises ContentError for a
    source that cannot be read (with its line), ImportRefused for files it may not replace."""
    if fmt != "ccl-json":
        raise ValueError(fmt)
    shown = str(source)
    folder = root / annexes
    glossary_text, keys, ids = _existing_glossary(folder / "glossary.yaml", root)
    try:
        data = ccl_json.load_source(source)
        annex, categories, terms, report = ccl_json.convert(data, annex_id, keys, ids)
    except ccl_json.SourceError as exc:
        raise ContentError([Diagnostic(Location(shown, exc.line, exc.column), str(exc))]) from None
    ccl_json.check_owned(folder, annex_id, root)
    files = ccl_json.plan(folder, annex_id, annex, categories, terms, glossary_text)
    ccl_json.write(folder, annex_id, files)
    entries = sum(len(c["entries"]) for c in categories.values())
    return Imported(sorted(files), entries, len(categories), len(terms), report)
