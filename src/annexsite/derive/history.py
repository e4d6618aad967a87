"""The history of the annexes, computed from the release snapshots alone: what each release
changed, each entry's timeline, where the pages of renumbered and removed entries now lead,
and what each calendar year brought."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from annexsite.derive.verdicts import verdict_changes
from annexsite.model.objects import CHANGE_KINDS
from annexsite.releases import Release, diff


@dataclass(frozen=True)
class Step:
    """One release and what it changed since the one before it (the first: everything added)."""

    version: str
    date: date
    previous: str
    changes: dict
    annexes: dict  # the snapshot
    translations: dict
    verdicts: tuple = ()  # answers of the classifier this release changed (derive/verdicts.py)

    def count(self, kind: str, annex: str = "", category: int | None = None) -> int:
        return sum(1 for c in self.changes[kind]
                   if (not annex or c["annex"] == annex) and (category is None or int(c["code"][0]) == category))

    @property
    def total(self) -> int:
        return sum(len(self.changes[k]) for k in CHANGE_KINDS)


@dataclass(frozen=True)
class Event:
    version: str
    date: date
    change: str  # added | amended | renumbered
    code: str  # the entry's code in that release
    old_code: str = ""
    fields: tuple[str, ...] = ()


@dataclass
class History:
    steps: list[Step] = field(default_factory=list)

    @classmethod
    def of(cls, releases: list[Release]) -> "History":
        steps, before, previous = [], {}, ""
        for r in releases:
            verdicts = tuple(verdict_changes(before, r.annexes)) if previous else ()
            steps.append(Step(r.version, r.date, previous, diff(before, r.annexes), r.annexes, r.translations, verdicts))
            before, previous = r.annexes, r.version
        return cls(steps)

    @property
    def latest(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    def step(self, version: str) -> Step:
        return next(s for s in self.steps if s.version == version)

    def timeline(self, annex: str, code: str) -> list[Event]:
        """Added, renumbered and amended events of the entry now at ``code``, oldest first,
        following renumbering back to its first code."""
        events, codes = [], {code}
        for step in reversed(self.steps):
            for kind in ("amended", "renumbered", "added"):
                for c in step.changes[kind]:
                    if c["annex"] == annex and c["code"] in codes:
                        events.append(Event(step.version, step.date, kind, c["code"], c.get("old_code", ""),
                                            tuple(c.get("fields", ()))))
                        if kind == "renumbered":
                            codes.add(c["old_code"])
        return events[::-1]

    def versions_of(self, annex: str, code: str) -> list[Step]:
        """The releases whose snapshot holds ``code`` in ``annex``."""
        return [s for s in self.steps if code in s.annexes.get(annex, {}).get("entries", {})]

    def moved(self, current: set[tuple[str, str]], renamed: dict[tuple[str, str], str] | None = None
              ) -> dict[tuple[str, str], tuple[str, str, str]]:
        """Every (annex, code) some release had that the annexes no longer have, with where its
        page leads now: ("entry", annex, code) through renumbering (released, or ``renamed`` in
        the working copy: (annex, old code) -> new code), or ("release", version, code) for its
        last released text."""
        successor: dict[tuple[str, str], str] = dict(renamed or {})
        for step in self.steps:
            for c in step.changes["renumbered"]:
                successor[(c["annex"], c["old_code"])] = c["code"]
        out = {}
        for step in self.steps:
            for annex, doc in step.annexes.items():
                for code in doc["entries"]:
                    key = (annex, code)
                    if key in current:
                        continue
                    seen, now = {code}, successor.get(key)
                    while now and (annex, now) not in current and (annex, now) in successor and now not in seen:
                        seen.add(now)
                        now = successor[(annex, now)]
                    if now and (annex, now) in current:
                        out[key] = ("entry", annex, now)
                    else:
                        last = self.versions_of(annex, code)[-1]
                        out[key] = ("release", last.version, code)
        return out

    def years(self) -> list[int]:
        return sorted({s.date.year for s in self.steps})

    def text_versions(self) -> dict[tuple[str, str, str], str]:
        """(version, annex, code) -> the release whose page shows that text: the first release
        that held the entry exactly so. Point-in-time pages grow with changes, not with releases."""
        out: dict[tuple[str, str, str], str] = {}
        last: dict[tuple[str, str], tuple[str, dict]] = {}
        for step in self.steps:
            for annex, doc in step.annexes.items():
                for code, raw in doc["entries"].items():
                    held = last.get((annex, code))
                    if held is not None and held[1] == raw:
                        out[(step.version, annex, code)] = held[0]
                    else:
                        out[(step.version, annex, code)] = step.version
                        last[(annex, code)] = (step.version, raw)
        return out

    def of_year(self, year: int) -> list[Step]:
        return [s for s in self.steps if s.date.year == year]
