"""Import the Commerce Control List, as parsed from the eCFR into JSON, as an annex.

``annexsite import ccl-json FILE`` writes::

    annexes/<annex-id>/annex.yaml
    annexes/<annex-id>/category-<n>.yaml   one per category present, with the notes that
                                           govern part of a category (Category 5, Part 2)
    annexes/glossary.yaml                  every double-quoted term not defined yet, appended

Nothing is invented: no titles, plain-language guidance or project stages (the pages say none is
written yet); an entry whose paragraphs the source does not give says so
(``paragraphs_status: not-given``); glossary terms name where the EAR defines them (15 CFR
772.1) without a definition the source does not carry. Labels are never invented either: the
only rewrite is a bare sub-item label given its parent. What could not be placed is reported.
The same input gives byte-identical files.

The input is ``us-ccl-2026-07-23.json`` (15 CFR 774 Supp. No. 1, parsed by a third party from
the eCFR): ``entries[]`` with ``eccn``, ``heading``, ``reasonForControl``, ``countryChart``,
``licenceExceptionFlags``, ``relatedControls`` and, for some categories, ``items[]``
(``paragraph``, ``kind``, ``depth``, ``text``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import yaml

from annexsite.model.terms import DOUBLE_QUOTED, term_key

ANNEX_ID = "us-ccl"
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # the whole CCL parse is 1.2 MB
# The first line of every file this importer writes: a later import may replace such files only.
MARK = "# Written by `annexsite import ccl-json`; edit the source and import again rather than by hand."
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PART_URL = "https://www.ecfr.gov/current/title-15/part-774"

CODE = re.compile(r"^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$")
LABEL = re.compile(r"^[a-z0-9]+(\.[a-z0-9]+)*$")
# A paragraph label the parser left at the start of a text item: "z.1.b Commodities that ...".
EMBEDDED_LABEL = re.compile(r"^([a-z]{1,2}(?:\.[a-z0-9]{1,3})+)\s+(\S.*)$", re.S)
# An ECCN mentioned in running text (sub-paragraph suffixes are ignored: related entries are whole ECCNs).
ECCN_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([0-9][A-E][0-9]{3})(?![0-9A-Za-z])")
# "NS applies to ...", "RS apply to ...", "RS applies “MMIC” ..." (one row says "applies" without "to").
CONTROL_ROW = re.compile(r"^([A-Z]{2,3})\s+appl(?:y|ies)\b(?:\s+to\b)?\s*(.*)$", re.S)
REASON_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{2,3})(?![A-Za-z])")

# The product groups of the list itself (15 CFR 738.2(b)): A and B are commodities.
KIND_BY_GROUP = {"A": "hardware", "B": "hardware", "C": "materials", "D": "software", "E": "technology"}
# A text item that opens the notes of a part of a category ("Category 5—Part 2, ..."): the
# parse hangs them on the entry before that part; they govern the entries that follow.
PART_OPENER = re.compile(r"^Category\s+([0-9])\s*[—–-]\s*Part\s+([0-9]+)\b")
# "Cryptography Note: ECCNs ... do not control": a note's own printed name before a colon.
NAMED_NOTE = re.compile(r"^((?:[A-Z][a-z]+\s){0,3}Note(?:\s+[0-9]+)?)\s*:\s*(\S.*)$", re.S)


class SourceError(Exception):
    """The source file is not the parsed CCL this importer reads."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.line, self.column = line, column


def annex_document(issue: str, annex_id: str = ANNEX_ID) -> dict:
    """annex.yaml: the regime, dated by the eCFR issue the list was parsed from."""
    return {
        "id": annex_id,
        "title": "US Commerce Control List (15 CFR 774, Supp. No. 1)",
        "short_title": "US CCL",
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
            f"Imported automatically from a third-party parse of the eCFR (issue date {issue}); not reviewed. "
            "Paragraphs and notes may be missing or mis-structured, and no plain-language guidance has been "
            "written. The legal text at the eCFR is authoritative; ask your export-control office before relying on it."
        ),
        "gaps": [{
            "field": "notes",
            "note": "The parsed source does not carry the General Notes, the General Technology and Software Notes "
            "or the definitions of 15 CFR 772.1; only the notes of a part of a category that the parse attached to "
            "an entry are placed at category level.",
        }],
    }


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


def build_glossary(texts: list[str], known_keys: set[str], taken: set[str]) -> list[dict]:
    """One term per distinct quoted form not in the glossary yet (as annexsite matches them), in
    first-seen spelling, naming where the EAR defines it; its definition is not in the source."""
    first: dict[str, str] = {}
    for text in texts:
        for m in DOUBLE_QUOTED.finditer(text):
            inner = m.group(1)
            key = term_key(inner)
            if key and key not in first and key not in known_keys:
                cleaned = inner.strip().rstrip(",.;:").strip()
                first[key] = cleaned or inner
    terms = []
    for key in sorted(first):
        base = _slug(key)
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        terms.append({"id": ident, "term": first[key], "defined_in": ["15 CFR 772.1"]})
    terms.sort(key=lambda t: t["id"])
    return terms


def _texts_of(entry: dict) -> list[str]:
    texts = [entry["heading"]]

    def walk_notes(notes):
        for note in notes or []:
            if note.get("text"):
                texts.append(note["text"])
            walk(note.get("paragraphs"))
            walk_notes(note.get("notes"))

    def walk(paragraphs):
        for p in paragraphs or []:
            texts.append(p["text"])
            walk(p.get("paragraphs"))
            walk_notes(p.get("notes"))

    walk(entry.get("paragraphs"))
    walk_notes(entry.get("notes"))
    return texts


# --------------------------------------------------------------------------- notes of a part


def split_part_notes(items: list[dict]) -> tuple[list[dict], list[dict], str]:
    """(the entry's own items, the items of the notes of the part that follows, that part's name).

    The parse appends the notes that open "Category 5—Part 2" to the last entry of Part 1."""
    for i, item in enumerate(items):
        if item.get("kind") == "text" and item.get("paragraph") is None and PART_OPENER.match(item.get("text") or ""):
            m = PART_OPENER.match(item["text"])
            return items[:i], items[i:], f"Category {m.group(1)}—Part {m.group(2)}"
    return items, [], ""


def _nest_bare_labels(items: list[dict]) -> list[dict]:
    """Full labels for a run of bare ones: ``a, 1, a, b, 2, b`` -> ``a, a.1, a.1.a, a.1.b, a.2, b``.
    A label that neither continues a list nor opens one below the last is left as it is."""
    stack: list[str] = []
    out = []
    for item in items:
        raw = item.get("paragraph")
        label = _normalise_label(str(raw)) if raw is not None else None
        if label is None or "." in label:
            out.append(item)
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if _successor(stack[depth]) == label:
                stack = stack[:depth] + [label]
                break
        else:
            if label in ("a", "1") and (not stack or stack[-1].isdigit() != label.isdigit()):
                stack.append(label)
            else:
                out.append(item)
                continue
        out.append({**item, "paragraph": ".".join(stack)})
    return out


def convert_part_notes(items: list[dict], part: str, stats: Counter) -> list[dict]:
    """Each unlabelled text item opens a note; the labelled items after it are that note's items,
    placed by the same rules as an entry's paragraphs (their own notes nest inside)."""
    groups: list[tuple[str, list[dict]]] = []
    for item in items:
        text = (item.get("text") or "").strip()
        if item.get("kind") == "text" and item.get("paragraph") is None:
            groups.append((text, []))
        elif groups:
            groups[-1][1].append(item)
    notes, taken = [], set()
    slug = _slug(part.replace("—", " "))
    for n, (text, group) in enumerate(groups, 1):
        note: dict = {"id": f"{slug}-note-{n}", "kind": "note"}
        named = NAMED_NOTE.match(text)
        if named:
            note["id"] = _slug(f"{part.replace('—', ' ')} {named.group(1)}")
            note["label"] = named.group(1)
            text = named.group(2).strip()
        while note["id"] in taken:
            note["id"] += "-2"
        taken.add(note["id"])
        note["text"] = text
        # inside a note, the parse's numbered "note" items are the note's own items (a.1 of Note 3),
        # printed with bare labels: give each its parent by the list's alternation (a, a.1, a.1.a)
        items = _nest_bare_labels([{**i, "kind": "item"} if i.get("kind") == "note" else i for i in group])
        paragraphs, inner = convert_items(items, stats, {"label_clashes_kept_as_notes": [], "labels_given_their_parent": []})
        if paragraphs:
            note["paragraphs"] = paragraphs
        if inner:
            note["notes"] = inner
        notes.append(note)
        stats["part_notes"] += 1
    return notes


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


# the fields of an entry the importer reads, and the JSON types the parse writes for them
_FIELDS = {"reasonForControl": (str,), "relatedControls": (str,), "countryChart": (list,),
           "licenceExceptionFlags": (dict,), "items": (list,)}
_ROW_FIELDS = {"countryChart": ("control", "countryChart"), "items": ("paragraph", "kind", "text")}


def _wrong_field(entry: dict) -> str:
    """The first field of ``entry`` whose JSON type the importer cannot read, as "field: type"
    ("" when every field it reads has the parse's shape)."""
    for name, types in _FIELDS.items():
        value = entry.get(name)
        if value is not None and not isinstance(value, types):
            return f"{name}: {type(value).__name__}"
    for key, value in (entry.get("licenceExceptionFlags") or {}).items():
        if value is not None and not isinstance(value, str):
            return f"licenceExceptionFlags.{key}: {type(value).__name__}"
    for name, keys in _ROW_FIELDS.items():
        for i, row in enumerate(entry.get(name) or []):
            if not isinstance(row, dict):
                return f"{name}[{i}]: {type(row).__name__}"
            for key in keys:
                if row.get(key) is not None and not isinstance(row[key], (str, int) if key == "paragraph" else str):
                    return f"{name}[{i}].{key}: {type(row[key]).__name__}"
    return ""


def convert(source: dict, annex_id: str = ANNEX_ID, glossary_keys: set[str] = frozenset(),
            glossary_ids: set[str] = frozenset()) -> tuple[dict, dict[int, dict], list[dict], dict]:
    """(annex, {category: document}, new glossary terms, report) from the parsed CCL.

    ``glossary_keys`` and ``glossary_ids`` are the terms (normalised) and ids the project's
    glossary has already: only other terms are added."""
    stats: Counter = Counter()
    skipped: list[str] = []
    raw_entries = source.get("entries") if isinstance(source, dict) else None
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        raise SourceError("no list of entries under 'entries'")
    issue = source.get("ecfrIssueDate")
    if not isinstance(issue, str) or not DATE.match(issue):
        raise SourceError(f"'ecfrIssueDate' is {issue!r}, not a YYYY-MM-DD date")
    try:
        date.fromisoformat(issue)
    except ValueError:
        raise SourceError(f"'ecfrIssueDate' is {issue!r}, not a real date") from None
    deep_raw = source.get("deepCategories") or []
    if not isinstance(deep_raw, list):
        raise SourceError(f"'deepCategories' is {type(deep_raw).__name__}, not a list of category digits")
    deep = sorted(str(c) for c in deep_raw)

    usable = []
    for e in raw_entries:
        code = (e.get("eccn") or "").strip() if isinstance(e.get("eccn"), str) else ""
        if not CODE.match(code) or not isinstance(e.get("heading"), str) or not e["heading"].strip():
            skipped.append(code or "<no code>")
            continue
        if wrong := _wrong_field(e):  # a field of another shape than the parse writes: keep none of it
            skipped.append(f"{code} ({wrong})")
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
    open_part: tuple[int, list[dict]] | None = None  # notes of a part, waiting for its entries
    for e in usable:
        code = e["eccn"]
        number = int(code[0])
        category = categories.setdefault(number, {"category": number, "entries": []})
        if open_part is not None and open_part[0] == number:
            for note in open_part[1]:
                note["governs"].append(code)
        entry: dict = {"code": code, "heading": e["heading"].strip(), "kind": KIND_BY_GROUP[code[1]]}
        gaps: list[dict] = []
        if isinstance(e.get("items"), list):
            items = [i for i in e["items"] if isinstance(i, dict)]
            stats["source_items"] += len(items)
            items, part_items, part = split_part_notes(items)
            if part_items:
                notes = convert_part_notes(part_items, part, stats)
                for note in notes:
                    note["governs"] = []
                category.setdefault("notes", []).extend(notes)
                open_part = (number, notes)
                glossary_texts.extend(_texts_of({"heading": "", "notes": notes}))
            events: dict[str, list[str]] = {k: [] for k in logged}
            paragraphs, notes = convert_items(items, stats, events)
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
            if not paragraphs:
                entry["paragraphs_status"] = "not-given"
                stats["entries_without_labelled_paragraphs"] += 1
        else:
            entry["paragraphs_status"] = "not-given"
            only = f" only for categories {', '.join(deep)}" if deep else " for no category"
            gaps.append({
                "field": "paragraphs",
                "note": f"The parsed source carries the item paragraphs{only}; see the legal text for this entry's items.",
            })
            stats["entries_without_items_in_source"] += 1
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
        entry["source"] = {
            "citation": f"15 CFR Part 774, Supp. No. 1, ECCN {code} (eCFR {issue})",
            "url": PART_URL,
            "grade": "B",
        }
        entry["effective_date"] = issue
        if gaps:
            entry["gaps"] = gaps
        glossary_texts.extend(_texts_of(entry))
        category["entries"].append(entry)
    for doc in categories.values():  # a part's notes govern its entries only; none left: the whole category
        for note in doc.get("notes", []):
            if not note["governs"]:
                del note["governs"]

    terms = build_glossary(glossary_texts, set(glossary_keys), set(glossary_ids))
    report = {"skipped": skipped, **dict(sorted(stats.items())), **logged}
    return annex_document(issue, annex_id), dict(sorted(categories.items())), terms, report


class ImportRefused(Exception):
    """Writing would replace files this importer did not write."""


def plan(annexes: Path, annex_id: str, annex: dict, categories: dict[int, dict], terms: list[dict],
         glossary_text: str | None) -> dict[Path, str]:
    """Every file to write, with its text: the annex's own files, and the glossary with the new
    terms appended (its existing text kept byte for byte)."""
    annex_dir = annexes / annex_id
    files = {annex_dir / "annex.yaml": _with_schema("annex", annex)}
    files.update({annex_dir / f"category-{n}.yaml": _with_schema("category", doc) for n, doc in categories.items()})
    glossary = annexes / "glossary.yaml"
    if glossary_text is None:
        files[glossary] = _with_schema("glossary", {"terms": terms}, depth=1)
    elif terms:
        body = glossary_text if glossary_text.endswith("\n") else glossary_text + "\n"
        files[glossary] = body + "".join("  " + line + "\n" for line in dump(terms).splitlines())
    return files


def _with_schema(kind: str, data: dict, depth: int = 2) -> str:
    return (f"{MARK}\n# yaml-language-server: $schema={'../' * depth}src/annexsite/schemas/{kind}.schema.json\n"
            + dump(data))


def check_owned(annexes: Path, annex_id: str, root: Path) -> None:
    """An annex folder is replaced only when this importer wrote every file in it."""
    annex_dir = annexes / annex_id
    if not annex_dir.exists() and not annex_dir.is_symlink():
        return
    if annex_dir.is_symlink() or not annex_dir.is_dir():
        raise ImportRefused(f"{annex_dir.relative_to(root).as_posix()} is not a folder this importer wrote; "
                            "choose another --annex-id")
    for path in sorted(annex_dir.rglob("*")):
        if path.is_file() and not path.read_text(encoding="utf-8", errors="replace").startswith(MARK):
            raise ImportRefused(f"{path.relative_to(root).as_posix()} was not written by `annexsite import ccl-json`: "
                                "it is left alone; choose another --annex-id or remove the folder yourself")


def write(annexes: Path, annex_id: str, files: dict[Path, str]) -> None:
    """Write every file (each atomically), then remove the annex's category files an earlier
    import wrote that this one does not."""
    annex_dir = annexes / annex_id
    annex_dir.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(path)
    for stale in annex_dir.glob("category-*.yaml"):
        if stale not in files:
            stale.unlink()


def load_source(path: Path) -> dict:
    """The parsed CCL, or SourceError naming the file and, for bad JSON, the line."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read it: {exc.strerror or exc}") from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceError(f"it is {len(raw):,} bytes; the limit is {MAX_SOURCE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"not JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, arrays nested too deep
        raise SourceError(f"not JSON this importer can read: {str(exc) or type(exc).__name__}") from None
