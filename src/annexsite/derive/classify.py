"""Which entries a set of measured values falls under, from the thresholds of every annex.

The same rules run in the browser (site_overrides/assets/annexsite-classify.js) on the data
exported as ``data/classify.json``; tests/vectors/classify.json holds the cases both must agree on.
"""

from __future__ import annotations

from dataclasses import dataclass

from annexsite.model import Project


@dataclass(frozen=True)
class Match:
    annex: str
    code: str
    paragraphs: tuple[str, ...]  # the threshold rows that hold
    needs: tuple[str, ...] = ()  # parameters still unknown (a possible match)


def parameters(project: Project) -> dict[str, str]:
    """Every parameter id used by a threshold, with its unit."""
    out = {}
    for annex in project.annexes:
        for e in annex.entries:
            for p in e.parameters:
                if any(c.parameter == p.id for t in e.thresholds for c in t.conditions):
                    out.setdefault(p.id, p.unit)
    return out


def classify(project: Project, measured: dict[str, float]) -> tuple[list[Match], list[Match]]:
    """(entries whose every condition of some row holds, entries that could match once the
    missing parameters are known). A row counts only if it names a measured parameter."""
    matches, possible = [], []
    for annex in project.annexes:
        for e in annex.entries:
            held, open_ = [], {}
            for t in e.thresholds:
                named = [c for c in t.conditions if c.parameter in measured]
                if not named or not all(c.holds(measured[c.parameter]) for c in named):
                    continue
                missing = sorted({c.parameter for c in t.conditions if c.parameter not in measured})
                if missing:
                    open_[t.paragraph] = missing
                else:
                    held.append(t.paragraph)
            if held:
                matches.append(Match(annex.id, e.code, tuple(held)))
            elif open_:
                needs = tuple(sorted({p for ps in open_.values() for p in ps}))
                possible.append(Match(annex.id, e.code, tuple(open_), needs))
    return matches, possible


def export(project: Project) -> dict:
    """What the browser needs to classify: every entry's threshold rows."""
    entries = []
    for annex in project.annexes:
        for e in annex.entries:
            if e.thresholds:
                entries.append({
                    "annex": annex.id, "code": e.code,
                    "rows": [{"paragraph": t.paragraph,
                              "conditions": [{"parameter": c.parameter, "op": c.op, "value": c.value} for c in t.conditions]}
                             for t in e.thresholds],
                })
    return {"parameters": parameters(project), "entries": entries}
