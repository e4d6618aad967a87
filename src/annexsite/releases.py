"""Releases: canonical, immutable snapshots of the annexes, and semantic diffs between them.

``releases/<VERSION>.json`` holds what was in force on the release date (annexes and entries
whose effective date is on or before it), canonical JSON, and the SHA-256 of that content. A
release is never overwritten; a snapshot edited afterwards fails every build, naming its file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from annexsite.diagnostics import ContentError, Diagnostic, Location, relpath
from annexsite.load import RawProject
from annexsite.model.objects import CHANGE_KINDS

FOLDER = "releases"
# YEAR.N with N written once (2025.1, not 2025.01, which would sort beside it); \Z: "$" would let
# "2025.9\n" through
VERSION = re.compile(r"^[0-9]{4}\.(?:0|[1-9][0-9]*)\Z")


class ReleaseError(Exception):
    """A release that cannot be made (a usage error, not a content error)."""


@dataclass(frozen=True)
class Release:
    version: str
    date: date
    annexes: dict  # annex id -> {"annex": fields, "entries": {code: entry}}
    path: Path
    translations: dict = field(default_factory=dict)  # language -> coverage when released


def _canonical(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def snapshot(raw: RawProject, on: date) -> dict:
    """The annexes as they stood on ``on``: keyed by annex id and control code, so that the order
    of files and entries is no part of a release."""
    out = {}
    for ra in raw.annexes:
        annex = {k: v for k, v in ra.annex.data.items() if k != "$schema"}
        if date.fromisoformat(annex["effective_date"]) > on:
            continue
        entries = {}
        for doc in ra.categories:
            for e in doc.data["entries"]:
                if date.fromisoformat(e["effective_date"]) <= on:
                    entries[e["code"]] = _stored(e)
        out[annex["id"]] = {"annex": annex, "entries": entries}
    return out


def _stored(entry: dict) -> dict:
    """An entry as a snapshot holds it. ``paragraphs_status: in-heading`` is what an entry without
    paragraphs always meant, and snapshots made before the key existed leave it out: it is left
    out here too, so that the same content makes the same snapshot whatever its age."""
    if entry.get("paragraphs_status") == "in-heading" and not entry.get("paragraphs"):
        return {k: v for k, v in entry.items() if k != "paragraphs_status"}
    return entry


def write_release(root: Path, raw: RawProject, version: str, on: date, translations: dict | None = None) -> Path:
    """``translations``: the coverage per language at this moment (language -> counts)."""
    if not VERSION.match(version):
        raise ReleaseError(f"version {version!r} is not YEAR.N, e.g. 2025.1")
    path = Path(root) / FOLDER / f"{version}.json"
    if path.exists():
        raise ReleaseError(f"release {version} exists ({relpath(path, root)}); releases are never overwritten")
    content = {"version": version, "date": on.isoformat(), "annexes": snapshot(raw, on),
               "translations": translations or {}}
    doc = {"sha256": hashlib.sha256(_canonical(content)).hexdigest(), **content}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _reason(exc: Exception) -> str:
    return f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)


def _check_shape(version, annexes) -> None:
    """What the site reads from a snapshot: a hash that matches proves who wrote it, not that it is
    well formed (a snapshot edited and re-hashed by hand)."""
    if not isinstance(version, str) or not VERSION.match(version):
        raise ValueError(f"version {version!r} is not YEAR.N")
    if not isinstance(annexes, dict):
        raise TypeError("'annexes' is not a mapping")
    for annex_id, annex in annexes.items():
        if not isinstance(annex, dict) or not isinstance(annex.get("annex"), dict) or not isinstance(annex.get("entries"), dict):
            raise TypeError(f"annex {annex_id!r} is not a mapping of 'annex' and 'entries'")
        date.fromisoformat(str(annex["annex"]["effective_date"]))
        for code, entry in annex["entries"].items():
            if not isinstance(entry, dict) or entry.get("code") != code:
                raise TypeError(f"entry {code!r} of annex {annex_id!r} is not an entry with that code")
            if not isinstance(entry.get("heading"), str):
                raise TypeError(f"entry {code!r} of annex {annex_id!r} has no heading")
            date.fromisoformat(str(entry["effective_date"]))


def load_releases(root: Path) -> list[Release]:
    """Every release, oldest first; a file that is broken or no longer matches its hash is an error."""
    folder = Path(root) / FOLDER
    releases, problems = [], []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        shown = relpath(path, root)
        if not VERSION.match(path.stem):
            problems.append(Diagnostic(Location(shown), f"release snapshot {path.name} is not named VERSION.json",
                                       "releases are written by `annexsite release YEAR.N`, e.g. releases/2025.1.json"))
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            problems.append(Diagnostic(Location(shown, exc.lineno, exc.colno),
                                       f"release snapshot is not valid JSON: {exc.msg}", "restore it from version control"))
            continue
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(Diagnostic(Location(shown), f"release snapshot cannot be read: {exc}"))
            continue
        try:
            content = {k: v for k, v in doc.items() if k != "sha256"}
            ok = hashlib.sha256(_canonical(content)).hexdigest() == doc["sha256"]
            version, on, annexes = doc["version"], date.fromisoformat(doc["date"]), doc["annexes"]
            _check_shape(version, annexes)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.append(Diagnostic(Location(shown), f"release snapshot cannot be read: {_reason(exc)}"))
            continue
        if not ok:
            problems.append(Diagnostic(Location(shown), "release snapshot no longer matches its SHA-256: it was edited after release",
                                       "restore it from version control; make a new release for new content"))
            continue
        if path.stem != version:
            problems.append(Diagnostic(Location(shown), f"release file names version {version!r}"))
            continue
        releases.append(Release(version, on, annexes, path, doc.get("translations") or {}))
    if problems:
        raise ContentError(problems)
    return sorted(releases, key=lambda r: (r.date, [int(p) for p in r.version.split(".")]))


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def redline(old: str, new: str) -> list[list[str]]:
    """Word-level redline: ``[op, text]`` runs, op one of "=", "-", "+"."""
    import difflib

    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    runs: list[list[str]] = []

    def put(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1][1] += text
        else:
            runs.append([op, text])

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            put("=", "".join(a[i1:i2]))
        else:
            put("-", "".join(a[i1:i2]))
            put("+", "".join(b[j1:j2]))
    return runs


def _flat_paragraphs(items, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for p in items or ():
        out[prefix + p["label"]] = p["text"]
        out.update(_flat_paragraphs(p.get("paragraphs"), prefix))
    return out


def _walk_paragraphs(items):
    for p in items or ():
        yield p
        yield from _walk_paragraphs(p.get("paragraphs"))


def _note_texts(notes, parent: str, out: dict[str, str]) -> None:
    for i, n in enumerate(notes or (), 1):
        key = f"{parent}.note.{i}" if parent else f"note.{i}"
        out[key] = n.get("text", "")  # "" for a note that is only a list
        for p in _walk_paragraphs(n.get("paragraphs")):
            out[f"{key}.item.{p['label']}"] = p["text"]
            _note_texts(p.get("notes"), f"{key}.item.{p['label']}", out)
        _note_texts(n.get("notes"), key, out)


def _notes(entry: dict) -> dict[str, str]:
    """Every note text of an entry, keyed by the note's stable key (the model's and the anchors'):
    note.1, note.1.item.b, paragraph.a.note.1, note.1.note.2. Snapshots of any age read alike."""
    out: dict[str, str] = {}
    _note_texts(entry.get("notes"), "", out)
    for p in _walk_paragraphs(entry.get("paragraphs")):
        _note_texts(p.get("notes"), f"paragraph.{p['label']}", out)
    return out


def _condition(c: dict) -> str:
    return f"{c['parameter']} {c['op']} {c['value']:g}" if isinstance(c["value"], (int, float)) else f"{c['parameter']} {c['op']} {c['value']}"


def _thresholds(entry: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for t in entry.get("thresholds") or ():
        out.setdefault(t["paragraph"], []).extend(t["conditions"])
    return out


# fields compared part by part; every other field is compared as a whole value
_TEXTS = ("heading", "title")
_PARTS = {"paragraphs", "notes", "thresholds", "guidance", "code", "replaces"}


def _keyed(kind: str, old: dict, new: dict, change) -> list[dict]:
    out = []
    for key in sorted(set(old) | set(new), key=_label_order):
        if key not in old:
            out.append({"field": kind, "key": key, "change": "added", "new": new[key]})
        elif key not in new:
            out.append({"field": kind, "key": key, "change": "removed", "old": old[key]})
        elif _canonical(old[key]) != _canonical(new[key]):
            out.append({"field": kind, "key": key, "change": "amended", **change(old[key], new[key])})
    return out


def _label_order(label: str):
    """a.2 before a.10: numbers compare as numbers."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in label.split(".")]


def _text_change(old: str, new: str) -> dict:
    return {"old": old, "new": new, "redline": redline(old, new)}


def _threshold_change(old: list[dict], new: list[dict]) -> dict:
    return {"old": old, "new": new}


def entry_changes(before: dict, after: dict) -> list[dict]:
    """What changed in one entry, keyed by field and paragraph: texts with a word-level redline,
    thresholds old -> new by paragraph, other fields as whole values."""
    changes: list[dict] = []
    for key in _TEXTS:
        old, new = before.get(key), after.get(key)
        if old != new:
            if old and new:
                changes.append({"field": key, "change": "amended", **_text_change(old, new)})
            else:
                changes.append({"field": key, "change": "added" if new else "removed", "old": old, "new": new})
    old_g, new_g = before.get("guidance") or {}, after.get("guidance") or {}
    for key in ("covers", "excludes"):
        if old_g.get(key) != new_g.get(key):
            changes.append({"field": f"guidance.{key}", "change": "amended", **_text_change(old_g.get(key, ""), new_g.get(key, ""))})
    if old_g.get("examples") != new_g.get("examples"):
        changes.append({"field": "guidance.examples", "change": "amended", "old": old_g.get("examples"), "new": new_g.get("examples")})
    changes += _keyed("paragraph", _flat_paragraphs(before.get("paragraphs")), _flat_paragraphs(after.get("paragraphs")), _text_change)
    changes += _keyed("note", _notes(before), _notes(after), _text_change)
    changes += _keyed("threshold", _thresholds(before), _thresholds(after), _threshold_change)
    for key in sorted((set(before) | set(after)) - _PARTS - set(_TEXTS)):
        if _canonical(before.get(key)) != _canonical(after.get(key)):
            changes.append({"field": key, "change": "amended", "old": before.get(key), "new": after.get(key)})
    return changes


def diff(old: dict, new: dict) -> dict:
    """Entries added, removed, renumbered and amended, keyed by annex, control code and paragraph.
    An entry that declares ``replaces: OLD`` while OLD is gone is renumbered, not added and
    removed. Reordering changes nothing."""
    added, removed, amended, renumbered = [], [], [], []
    for annex_id in sorted(set(old) | set(new)):
        before = old.get(annex_id, {}).get("entries", {})
        after = new.get(annex_id, {}).get("entries", {})
        moves = {e["replaces"]: code for code, e in after.items()
                 if e.get("replaces") in before and e["replaces"] not in after and code not in before}
        for code in sorted(set(after) - set(before) - set(moves.values())):
            added.append({"annex": annex_id, "code": code, "title": _title(after[code])})
        for code in sorted(set(before) - set(after) - set(moves)):
            removed.append({"annex": annex_id, "code": code, "title": _title(before[code])})
        for was, code in sorted(moves.items()):
            changes = entry_changes(before[was], after[code])
            renumbered.append({"annex": annex_id, "code": code, "old_code": was, "title": _title(after[code]),
                               "fields": sorted({c["field"] for c in changes}), "changes": changes})
        for code in sorted(set(before) & set(after)):
            changes = entry_changes(before[code], after[code])
            if changes:
                amended.append({"annex": annex_id, "code": code, "title": _title(after[code]),
                                "fields": sorted({c["field"] for c in changes}), "changes": changes})
    return {"added": added, "removed": removed, "renumbered": renumbered, "amended": amended}


def _title(entry: dict) -> str:
    return entry.get("title") or entry["heading"]


def _change_label(c: dict) -> str:
    if c["field"] == "note":
        return c["key"]  # note.1, paragraph.a.note.1: the key says what it is
    return f"{c['field']} {c['key']}" if "key" in c else c["field"]


def _runs_text(runs, markdown: bool) -> str:
    if markdown:
        from annexsite.render.escape import md_inline
        tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
        return "".join(tags[op].format(md_inline(text)) for op, text in runs)
    return "".join(text if op == "=" else f"[{op}{text}{op}]" for op, text in runs)


def _value_text(value) -> str:
    if isinstance(value, list) and value and all(isinstance(v, dict) and "op" in v for v in value):
        return ", ".join(_condition(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if not isinstance(value, str) else value


def change_lines(c: dict, markdown: bool = False) -> str:
    """One change to one entry, as a line of text (``[-old-][+new+]``) or Markdown (<del>/<ins>)."""
    from annexsite.render.escape import md_inline
    what = _change_label(c)
    if "redline" in c:
        return f"{what}: {_runs_text(c['redline'], markdown)}"
    value = (lambda v: md_inline(_value_text(v))) if markdown else _value_text
    if c["change"] == "added":
        return f"{what} added: {value(c['new'])}"
    if c["change"] == "removed":
        return f"{what} removed: {value(c['old'])}"
    return f"{what}: {value(c['old'])} -> {value(c['new'])}"


def format_diff(changes: dict, old: str, new: str, markdown: bool = False) -> str:
    """The diff as plain text (the default) or Markdown."""
    from annexsite.render.escape import md_inline
    counts = ", ".join(f"{len(changes[k])} {k}" for k in CHANGE_KINDS)
    out = [f"# Changes from {old} to {new}", "", counts, ""] if markdown else [f"{old} -> {new}: {counts}"]
    for key, sign, heading in (("added", "+", "Added"), ("removed", "-", "Removed"),
                               ("renumbered", ">", "Renumbered"), ("amended", "~", "Amended")):
        if markdown and changes[key]:
            out += [f"## {heading}", ""]
        for c in changes[key]:
            code = f"{c['old_code']} -> {c['code']}" if "old_code" in c else c["code"]
            out.append(f"- {c['annex']} {code}: {md_inline(c['title'])}" if markdown else f"{sign} {c['annex']} {code}: {c['title']}")
            for change in c.get("changes", ()):
                out.append(("    - " if markdown else "    ") + change_lines(change, markdown))
        if markdown and changes[key]:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
