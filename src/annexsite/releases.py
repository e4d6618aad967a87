"""Releases: canonical, immutable snapshots of the annexes, and semantic diffs between them.

``releases/<VERSION>.json`` holds what was in force on the release date (annexes and entries
whose effective date is on or before it), canonical JSON, and the SHA-256 of that content. A
release is never overwritten; a snapshot edited afterwards fails every build, naming its file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from annexsite.diagnostics import ContentError, Diagnostic, Location, relpath
from annexsite.load import RawProject

FOLDER = "releases"
VERSION = re.compile(r"^[0-9]{4}\.[0-9]+$")


class ReleaseError(Exception):
    """A release that cannot be made (a usage error, not a content error)."""


@dataclass(frozen=True)
class Release:
    version: str
    date: date
    annexes: dict  # annex id -> {"annex": fields, "entries": {code: entry}}
    path: Path


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
                    entries[e["code"]] = e
        out[annex["id"]] = {"annex": annex, "entries": entries}
    return out


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


def load_releases(root: Path) -> list[Release]:
    """Every release, oldest first; a file that is broken or no longer matches its hash is an error."""
    folder = Path(root) / FOLDER
    releases, problems = [], []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        shown = relpath(path, root)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            content = {k: v for k, v in doc.items() if k != "sha256"}
            ok = hashlib.sha256(_canonical(content)).hexdigest() == doc["sha256"]
            version, on, annexes = doc["version"], date.fromisoformat(doc["date"]), doc["annexes"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            problems.append(Diagnostic(Location(shown), f"release snapshot cannot be read: {exc}"))
            continue
        if not ok:
            problems.append(Diagnostic(Location(shown), "release snapshot no longer matches its SHA-256: it was edited after release",
                                       "restore it from version control; make a new release for new content"))
            continue
        if path.stem != version:
            problems.append(Diagnostic(Location(shown), f"release file names version {version!r}"))
            continue
        releases.append(Release(version, on, annexes, path))
    if problems:
        raise ContentError(problems)
    return sorted(releases, key=lambda r: (r.date, [int(p) for p in r.version.split(".")]))


def diff(old: dict, new: dict) -> dict:
    """Entries added, removed and amended (which fields, old and new), keyed by annex and code.
    Reordering changes nothing."""
    added, removed, amended = [], [], []
    for annex_id in sorted(set(old) | set(new)):
        before = old.get(annex_id, {}).get("entries", {})
        after = new.get(annex_id, {}).get("entries", {})
        for code in sorted(set(after) - set(before)):
            added.append({"annex": annex_id, "code": code, "title": after[code].get("title") or after[code]["heading"]})
        for code in sorted(set(before) - set(after)):
            removed.append({"annex": annex_id, "code": code, "title": before[code].get("title") or before[code]["heading"]})
        for code in sorted(set(before) & set(after)):
            fields = {k: {"old": before[code].get(k), "new": after[code].get(k)}
                      for k in sorted(set(before[code]) | set(after[code]))
                      if _canonical(before[code].get(k)) != _canonical(after[code].get(k))}
            if fields:
                amended.append({"annex": annex_id, "code": code, "fields": fields})
    return {"added": added, "removed": removed, "amended": amended}
