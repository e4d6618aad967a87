"""Convert the parsed US Commerce Control List into an annexsite project, for benchmarks.

Usage::

    python benchmarks/ccl_to_annex.py [--source PATH] OUTDIR

Reads ``us-ccl-2026-07-23.json`` (15 CFR 774 Supp. No. 1 parsed from the eCFR; see
``reference/README.md`` beside it) and writes::

    OUTDIR/annexes/us-ccl/annex.yaml
    OUTDIR/annexes/us-ccl/category-<n>.yaml   one per category present
    OUTDIR/annexes/glossary.yaml              every double-quoted term of the converted text

It prints a one-line JSON summary to stdout and a one-line JSON report of what was
normalised or dropped to stderr. The same input gives byte-identical files.

This is benchmark data, not guidance: the converted entries are not bundled into the site.
Only the standard library and PyYAML are used, so the script runs without annexsite installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "reference" / "us-ccl-2026-07-23.json"

ANNEX_ID = "us-ccl"
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PART_URL = "https://www.ecfr.gov/current/title-15/part-774"

CODE = re.compile(r"^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$")
LABEL = re.compile(r"^[a-z0-9]+(\.[a-z0-9]+)*$")
# The annexsite loader's pattern for double-quoted terms (annexsite.model.terms.DOUBLE_QUOTED).
DOUBLE_QUOTED = re.compile(r"[“\"]([^”\"\n]{1,80})[”\"]")
# A paragraph label the parser left at the start of a text item: "z.1.b Commodities that ...".
EMBEDDED_LABEL = re.compile(r"^([a-z]{1,2}(?:\.[a-z0-9]{1,3})+)\s+(\S.*)$", re.S)
# An ECCN mentioned in running text (sub-paragraph suffixes are ignored: related entries are whole ECCNs).
ECCN_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([0-9][A-E][0-9]{3})(?![0-9A-Za-z])")
# "NS applies to ...", "RS apply to ...", "RS applies “MMIC” ..." (one row says "applies" without "to").
CONTROL_ROW = re.compile(r"^([A-Z]{2,3})\s+appl(?:y|ies)\b(?:\s+to\b)?\s*(.*)$", re.S)
REASON_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{2,3})(?![A-Za-z])")

KIND_BY_GROUP = {"A": "hardware", "B": "hardware", "C": "materials", "D": "software", "E": "technology"}
STAGES_BY_KIND = {
    "hardware": ["prototype", "fabrication", "deployment"],
    "materials": ["fabrication"],
    "software": ["simulation", "prototype", "fabrication"],
    "technology": ["theory", "simulation", "prototype", "fabrication"],
}


class SourceError(Exception):
    """The source file is not the parsed CCL this script expects."""


def annex_document(issue: str) -> dict:
    """annex.yaml: the regime, dated by the eCFR issue the list was parsed from."""
    return {
        "id": ANNEX_ID,
        "title": "US Commerce Control List (15 CFR 774, Supp. No. 1), full list — benchmark data",
        "short_title": "US CCL (benchmark)",
        "authority": "Bureau of Industry and Security (BIS), US Department of Commerce",
        "jurisdiction": "US",
        "legal_basis": "15 CFR Part 774, Supplement No. 1",
        "source_url": PART_URL,
        "source_language": "en",
        "authentic_languages": ["en"],
        "effective_date": issue,
        "status": "in-force",
        "code_label": "ECCN",
        "disclaimer": (
            f"Benchmark data converted automatically from a third-party parse of the eCFR (issue date {issue}) "
            "to test annexsite at full scale. It is not guidance, has not been reviewed and may be incomplete "
            "or mis-structured; the legal text at the eCFR is authoritative."
        ),
    }


def term_key(term: str) -> str:
    """Same normalisation as annexsite.model.terms.term_key (kept in step by hand)."""
    return term.strip().rstrip(",.;:").strip().casefold()


# --------------------------------------------------------------------------- paragraphs and notes


def _parent(label: str) -> str:
    return label.rpartition(".")[0]


def _last(label: str) -> str:
    return label.rpartition(".")[2]


def _successor(segment: str) -> str | None:
    if segment.isdigit():
        return str(int(segment) + 1)
    if len(segment) == 1 and "a" <= segment < "z":
        return chr(ord(segment) + 1)
    return None


def _alternates(parent: str, segment: str) -> bool:
    """CCL labels alternate letters and numbers by level (a, a.1, a.1.a): may ``segment`` sit under ``parent``?"""
    return _last(parent).isdigit() != segment.isdigit()


class _Scope:
    """A place labelled items can go: the entry's paragraphs, or the numbered items of one note.

    A note opened by a labelled item (a numbered technical-note item, or an item whose label
    the entry already uses) has that label as ``root``: only labels below it belong there.
    """

    def __init__(self, siblings: list, root: str = "", intro: str = ""):
        self.siblings = siblings  # the top-level paragraph list of this scope
        self.root = root
        self.intro = intro  # text of a note opened by a text item
        self.nodes: dict[str, dict] = {}
        self.last_child: dict[str, str] = {}
        self.last_label = root

    @property
    def active(self) -> bool:
        return bool(self.nodes) or bool(self.root)

    @property
    def introduces_list(self) -> bool:
        """A note whose text ends with a colon ("1C001.a does not control:") announces items."""
        text = self.intro.rstrip()
        return text.endswith(":") and not re.fullmatch(r"(Items|List of Items Controlled)\s*:", text)

    def _parent_here(self, label: str) -> str | None:
        parent = _parent(label)
        return parent if parent in self.nodes or parent == self.root else None

    def fits(self, label: str) -> bool:
        if label in self.nodes or label == self.root:
            return False
        if self.root and not label.startswith(self.root + "."):
            return False
        return self._parent_here(label) is not None

    def expected(self, label: str) -> bool:
        """The label continues a list here: a.2 after a.1, c after b, or a first child a / 1."""
        if not self.fits(label):
            return False
        last = self.last_child.get(_parent(label))
        return _last(label) in ("a", "1") if last is None else _successor(last) == _last(label)

    def adopted(self, label: str) -> str | None:
        """Full label for a bare sub-item label the parser printed without its parent (a under 12 -> 12.a)."""
        if "." in label or not self.active:
            return None
        parent = self.last_label
        while parent:
            full = f"{parent}.{label}"
            if _alternates(parent, label) and self.expected(full):
                return full
            if parent == self.root:
                break
            parent = _parent(parent)
        return None

    def ancestor(self, label: str) -> str:
        """Nearest existing ancestor ('' for the top level) of a label whose parent is missing."""
        parts = label.split(".")
        for n in range(len(parts) - 2, 0, -1):
            candidate = ".".join(parts[:n])
            if candidate in self.nodes:
                return candidate
        return self.root

    def add(self, label: str, text: str, parent: str | None = None) -> None:
        if parent is None:
            parent = self._parent_here(label)
        node = {"label": label, "text": text}
        siblings = self.siblings if parent == self.root else self.nodes[parent].setdefault("paragraphs", [])
        siblings.append(node)
        self.nodes[label] = node
        if parent == _parent(label):  # a paragraph hung under a distant ancestor does not continue its list
            self.last_child[parent] = _last(label)
        self.last_label = label


def _normalise_label(raw: str) -> str | None:
    label = re.sub(r"\s+", "", raw).lower().strip(".")
    label = re.sub(r"\.{2,}", ".", label)
    return label if LABEL.match(label) else None


def convert_items(items: list[dict], stats: Counter, events: dict[str, list[str]]) -> tuple[list[dict], list[dict]]:
    """The entry's parsed items as (paragraphs, notes).

    The parser gives ``kind: item`` (labelled paragraphs), ``kind: note`` (numbered items of
    notes whose heading it dropped) and ``kind: text`` (unlabelled text: notes, N.B.s, and some
    text leaked from the licence sections). Items of the entry's own lists build the paragraph
    tree. A text item becomes a note; the items after it that repeat labels the entry already
    uses or that do not continue its lists (``1C001.a does not control: a. ... b. ...``) become
    that note's paragraphs. A labelled item with nowhere to go starts a note of its own, labelled
    as in the source, so no text is lost. Labels are never invented: the only rewrite is a bare
    sub-item label given its parent (``Furazans as follows: a. ...`` under 12 -> ``12.a``).
    """
    paragraphs: list[dict] = []
    notes: list[dict] = []
    main = _Scope(paragraphs)
    recent: list[_Scope] = []  # notes that may still receive items, most recently used last

    def new_note(text: str, label: str = "") -> _Scope:
        note = {"kind": "note"}
        if label:
            note["label"] = label
        note["text"] = text
        note["paragraphs"] = []
        notes.append(note)
        scope = _Scope(note["paragraphs"], root=label, intro="" if label else text)
        recent.append(scope)
        return scope

    def put(scope: _Scope, label: str, text: str, parent: str | None = None) -> None:
        scope.add(label, text, parent)
        if scope is main:
            recent.clear()
            stats["paragraphs"] += 1
        else:
            recent.remove(scope)
            recent.append(scope)
            stats["note_paragraphs"] += 1

    def place(label: str, text: str, *, is_note_item: bool) -> bool:
        newest = recent[::-1]
        fresh = [s for s in newest if not s.active and s.introduces_list]
        if newest and newest[0] in fresh and label in ("a", "1"):
            put(newest[0], label, text)
            return True
        for scope in newest:
            if scope.active and scope.expected(label):
                put(scope, label, text)
                return True
        if newest and (full := newest[0].adopted(label)):
            put(newest[0], full, text)
            stats["labels_given_their_parent"] += 1
            events["labels_given_their_parent"].append(f"{label}->{full}")
            return True
        if not is_note_item and main.expected(label):
            put(main, label, text)
            return True
        for scope in newest:
            if (scope.active or scope in fresh) and scope.fits(label):
                put(scope, label, text)
                return True
        if not is_note_item and main.fits(label):
            put(main, label, text)
            return True
        if not is_note_item and label not in main.nodes and (parent := main.ancestor(label)) is not None:
            put(main, label, text, parent)
            stats["paragraphs_under_nearest_ancestor"] += 1
            return True
        return False

    for item in items:
        text = item.get("text") or ""
        if not text.strip():
            stats["items_dropped_empty_text"] += 1
            continue
        raw_label = item.get("paragraph")
        label = None
        if raw_label is not None:
            label = _normalise_label(str(raw_label))
            if label is None:
                stats["labels_malformed_kept_as_note_text"] += 1
            elif label != raw_label:
                stats["labels_normalised"] += 1
        if label is None:
            m = EMBEDDED_LABEL.match(text)
            if m and place(m.group(1), m.group(2), is_note_item=False):
                stats["text_items_with_leading_label_made_paragraphs"] += 1
                continue
            new_note(text)
            stats["notes_from_text_items"] += 1
            continue
        is_note_item = item.get("kind") == "note"
        if place(label, text, is_note_item=is_note_item):
            continue
        new_note(text, label)
        if is_note_item:
            stats["notes_from_numbered_note_items"] += 1
        else:
            stats["items_with_clashing_label_kept_as_notes"] += 1
            events["label_clashes_kept_as_notes"].append(label)
    for note in notes:
        if not note["paragraphs"]:
            del note["paragraphs"]
    return paragraphs, notes


def missing_parents(paragraphs: list[dict]) -> list[str]:
    """Labels the tree lacks although deeper labels name them (a for a.1 placed at the top level)."""
    missing: dict[str, None] = {}

    def walk(items, parent):
        for p in items:
            parts = p["label"].split(".")
            for n in range(len(parent.split(".")) + 1 if parent else 1, len(parts)):
                missing.setdefault(".".join(parts[:n]))
            walk(p.get("paragraphs", []), p["label"])

    walk(paragraphs, "")
    return list(missing)


# --------------------------------------------------------------------------- licence metadata


def convert_reasons(entry: dict, stats: Counter) -> tuple[list[dict], list[dict]]:
    """One reason per code from the control/country-chart rows, and gaps for what does not fit."""
    by_code: dict[str, list[tuple[str, str | None]]] = {}
    gaps: list[dict] = []
    for row in entry.get("countryChart") or []:
        control = (row.get("control") or "").strip()
        chart = (row.get("countryChart") or "").strip()
        single_cell = row.get("singleCellRow") or row.get("requirementCellEmptyInSource") or chart == control
        m = CONTROL_ROW.match(control)
        if not m:
            stats["control_rows_without_reason_code"] += 1
            gaps.append({
                "field": "reasons_for_control",
                "note": "Control row with no reason code, not converted: " + control
                + ("" if single_cell or not chart else " — country chart: " + chart),
            })
            continue
        code, rest = m.group(1), m.group(2).strip()
        by_code.setdefault(code, []).append((rest or control, None if single_cell or not chart else chart))
    reasons = []
    for code, rows in by_code.items():
        reason: dict = {"code": code}
        if len(rows) == 1:
            reason["applies_to"] = rows[0][0]
            if rows[0][1]:
                reason["country_chart"] = rows[0][1]
        else:
            stats["reason_rows_merged"] += len(rows) - 1
            reason["applies_to"] = " ".join(f"({n}) {a}" for n, (a, _) in enumerate(rows, 1))
            charts = [(n, c) for n, (_, c) in enumerate(rows, 1) if c]
            if charts:
                reason["country_chart"] = " ".join(f"({n}) {c}" for n, c in charts)
        reasons.append(reason)
    listed = (entry.get("reasonForControl") or "").strip()
    missing = [c for c in dict.fromkeys(REASON_CODE.findall(listed)) if c not in by_code]
    if missing:
        stats["listed_reasons_without_rows"] += len(missing)
        gaps.append({
            "field": "reasons_for_control",
            "note": f"The source lists the reasons for control as '{listed}' but gives no control or "
            f"country-chart row for {', '.join(missing)}; see the legal text.",
        })
    return reasons, gaps


def convert_license_exceptions(flags: dict, stats: Counter) -> list[dict]:
    out = []
    for code, value in (flags or {}).items():
        text = (value or "").strip()
        if not re.match(r"^[A-Z]{3}$", code) or not text:
            stats["license_exception_flags_skipped"] += 1
            continue
        if text.rstrip(".") == "N/A":
            out.append({"code": code, "available": "no"})
        elif text.rstrip(".") == "Yes":
            out.append({"code": code, "available": "yes"})
        else:
            out.append({"code": code, "available": "conditional", "conditions": text})
    return out


def related_codes(text: str | None, own: str, known: set[str]) -> list[str]:
    found = dict.fromkeys(ECCN_IN_TEXT.findall(text or ""))
    return [c for c in found if c != own and c in known]


# --------------------------------------------------------------------------- glossary


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:56].rstrip("-") or "term"


def build_glossary(texts: list[str]) -> list[dict]:
    """One term per distinct quoted form (as annexsite matches them), in first-seen spelling."""
    first: dict[str, str] = {}
    for text in texts:
        for m in DOUBLE_QUOTED.finditer(text):
            inner = m.group(1)
            key = term_key(inner)
            if key not in first:
                cleaned = inner.strip().rstrip(",.;:").strip()
                first[key] = cleaned or inner
    terms, taken = [], set()
    for key in sorted(first):
        base = _slug(key)
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        terms.append({
            "id": ident,
            "term": first[key],
            "explanation": "Defined term of the EAR.",
            "defined_in": ["15 CFR 772.1"],
        })
    terms.sort(key=lambda t: t["id"])
    return terms


def _texts_of(entry: dict) -> list[str]:
    texts = [entry["heading"]]

    def walk(paragraphs):
        for p in paragraphs or []:
            texts.append(p["text"])
            walk(p.get("paragraphs"))

    walk(entry.get("paragraphs"))
    for note in entry.get("notes", []):
        texts.append(note["text"])
        walk(note.get("paragraphs"))
    for reason in entry.get("reasons_for_control", []):
        texts.extend(v for k, v in reason.items() if k != "code")
    texts.extend(x["conditions"] for x in entry.get("license_exceptions", []) if "conditions" in x)
    texts.extend(g["note"] for g in entry.get("gaps", []))
    return texts


# --------------------------------------------------------------------------- YAML output


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # never write anchors or aliases
        return True


def _str(dumper: yaml.SafeDumper, value: str):
    # Quote anything a YAML 1.2 reader could take for a number (1E001 is a float there) or null.
    style = '"' if value[:1] in tuple("0123456789+-.~") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                     default_flow_style=False, indent=2)


# --------------------------------------------------------------------------- main


def convert(source: dict) -> tuple[dict, dict[int, dict], dict, dict]:
    """(annex, {category: document}, glossary, report) from the parsed CCL."""
    stats: Counter = Counter()
    skipped: list[str] = []
    raw_entries = source.get("entries") if isinstance(source, dict) else None
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        raise SourceError("no list of entries under 'entries'")
    issue = source.get("ecfrIssueDate")
    if not isinstance(issue, str) or not DATE.match(issue):
        raise SourceError(f"'ecfrIssueDate' is {issue!r}, not a YYYY-MM-DD date")
    deep = sorted(str(c) for c in source.get("deepCategories") or [])

    usable = []
    for e in raw_entries:
        code = (e.get("eccn") or "").strip()
        if not CODE.match(code) or not (e.get("heading") or "").strip():
            skipped.append(code or "<no code>")
            continue
        usable.append(e)
    counts = Counter(e["eccn"] for e in usable)
    for code in sorted(c for c, n in counts.items() if n > 1):
        skipped.append(code)  # duplicates: keep none rather than guess which is right
    usable = [e for e in usable if counts[e["eccn"]] == 1]
    known = {e["eccn"] for e in usable}

    categories: dict[int, dict] = {}
    glossary_texts: list[str] = []
    logged: dict[str, list[str]] = {"label_clashes_kept_as_notes": [], "labels_given_their_parent": []}
    for e in usable:
        code = e["eccn"]
        kind = KIND_BY_GROUP[code[1]]
        entry: dict = {
            "code": code,
            "heading": e["heading"],
            "kind": kind,
            "stages": list(STAGES_BY_KIND[kind]),
        }
        gaps: list[dict] = []
        if "items" in e:
            stats["source_items"] += len(e.get("items") or [])
            events: dict[str, list[str]] = {k: [] for k in logged}
            paragraphs, notes = convert_items(e.get("items") or [], stats, events)
            for k, found in events.items():
                logged[k].extend(f"{code}:{x}" for x in found)
            if paragraphs:
                entry["paragraphs"] = paragraphs
            if missing := missing_parents(paragraphs):
                stats["entries_with_missing_parent_paragraphs"] += 1
                gaps.append({
                    "field": "paragraphs",
                    "note": f"The parsed source has no text for paragraph{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)}; the paragraphs below {'them' if len(missing) > 1 else 'it'} "
                    "are shown under the nearest paragraph that is present.",
                })
            if notes:
                entry["notes"] = notes
        else:
            only = f" only for categories {', '.join(deep)}" if deep else " for no category"
            gaps.append({
                "field": "paragraphs",
                "note": f"The parsed source carries the item paragraphs{only}; see the legal text for this entry's items.",
            })
        reasons, reason_gaps = convert_reasons(e, stats)
        gaps.extend(reason_gaps)
        if reasons:
            entry["reasons_for_control"] = reasons
        exceptions = convert_license_exceptions(e.get("licenceExceptionFlags"), stats)
        if exceptions:
            entry["license_exceptions"] = exceptions
        related = related_codes(e.get("relatedControls"), code, known)
        if related:
            entry["related"] = related
        entry["guidance"] = {"covers": "Converted benchmark entry; see the legal text.", "excludes": "Not reviewed."}
        entry["source"] = {
            "citation": f"15 CFR Part 774, Supp. No. 1, ECCN {code} (eCFR {issue})",
            "url": PART_URL,
            "grade": "B",
        }
        entry["effective_date"] = issue
        if gaps:
            entry["gaps"] = gaps
        glossary_texts.extend(_texts_of(entry))
        number = int(code[0])
        categories.setdefault(number, {"category": number, "entries": []})["entries"].append(entry)

    glossary = {"terms": build_glossary(glossary_texts)}
    report = {"skipped": skipped, **dict(sorted(stats.items())), **logged}
    return annex_document(issue), dict(sorted(categories.items())), glossary, report


def write(outdir: Path, annex: dict, categories: dict[int, dict], glossary: dict) -> None:
    annex_dir = outdir / "annexes" / ANNEX_ID
    annex_dir.mkdir(parents=True, exist_ok=True)
    files = {annex_dir / "annex.yaml": annex, outdir / "annexes" / "glossary.yaml": glossary}
    files.update({annex_dir / f"category-{n}.yaml": doc for n, doc in categories.items()})
    for stale in annex_dir.glob("category-*.yaml"):  # left over from an earlier run of this script
        if stale not in files:
            stale.unlink()
    for path, data in files.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(dump(data), encoding="utf-8", newline="\n")
        tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help=f"parsed CCL JSON (default: {DEFAULT_SOURCE})")
    parser.add_argument("outdir", type=Path, help="project folder to write annexes/ into")
    args = parser.parse_args(argv)
    try:
        source = json.loads(args.source.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"error: cannot read {args.source}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"error: {args.source} is not JSON: {exc}", file=sys.stderr)
        return 2
    try:
        annex, categories, glossary, report = convert(source)
    except SourceError as exc:
        print(f"error: {args.source}: {exc}", file=sys.stderr)
        return 1
    write(args.outdir, annex, categories, glossary)
    entries = sum(len(c["entries"]) for c in categories.values())
    summary = {"entries": entries, "categories": len(categories),
               "glossary_terms": len(glossary["terms"]), "skipped": report["skipped"]}
    print(json.dumps(summary, ensure_ascii=False))
    print(json.dumps({"report": report}, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
