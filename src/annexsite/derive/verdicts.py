"""The answers of the classifier that a release changes.

For every entry with thresholds, take the band edges of every parameter it uses, in the previous
release and in the new one, with a value inside each band and one beyond each end; classify
every combination under both releases, and keep the points whose verdict differs ("120 qubits,
C-NOT error 8 × 10⁻⁴: not listed → 4A906.a.2"). Works on release snapshots alone (the raw
entries they carry), so an old release's answers can always be computed again.

Questions on what the item is are taken as answered yes: the verdicts are those for an item of
the kind the entry describes. Only figures decide here.
"""

from __future__ import annotations

import math
from itertools import product

OPS = {"<": lambda m, v: m < v, "<=": lambda m, v: m <= v, ">": lambda m, v: m > v, ">=": lambda m, v: m >= v}
MAX_POINTS = 20000  # per entry: a guard, far above what a real control list needs


def _rows(snapshot: dict):
    """(annex, code, paragraph, conditions) of every threshold row of a snapshot."""
    for annex_id, doc in sorted(snapshot.items()):
        for code, e in sorted(doc["entries"].items()):
            for t in e.get("thresholds", ()):
                yield annex_id, code, t["paragraph"], [(c["parameter"], c["op"], float(c["value"])) for c in t["conditions"]]


def _integer(snapshots, parameter: str) -> bool:
    return any(p.get("type") == "integer" for s in snapshots for doc in s.values() for e in doc["entries"].values()
               for p in e.get("parameters", ()) if p["id"] == parameter)


def _candidates(edges: list[float], integer: bool) -> list[float]:
    """The edges, a value inside each band between them, and one beyond each end."""
    edges = sorted(set(edges))
    out = set(edges)
    for a, b in zip(edges, edges[1:]):
        mid = (a + b) / 2
        out.add(math.floor(mid) if integer else mid)
        if integer:
            out.add(b - 1)
    low, high = edges[0], edges[-1]
    out.add((low - 1 if integer else low / 2) if low > 0 else low - 1)
    out.add(high * 2 if high > 0 else high + 1)
    return sorted(v for v in out if not integer or v >= 0)


def label(code: str, paragraph: str) -> str:
    return code if code.endswith("." + paragraph) else f"{code}.{paragraph}"


def _verdict(rows, point: dict) -> tuple[str, ...]:
    """Every "annex/code paragraph" whose row holds at this point (rows that need other figures are left out)."""
    out = []
    for annex_id, code, paragraph, conds in rows:
        if all(p in point for p, _, _ in conds) and all(OPS[op](point[p], v) for p, op, v in conds):
            out.append(f"{annex_id}/{code}#{paragraph}")
    return tuple(out)


def verdict_changes(old: dict, new: dict) -> list[dict]:
    """The points at band edges where the verdict of an entry present in both snapshots differs,
    each with the paragraphs of those entries that matched before and after (an entry added or
    removed is in the change log already); sorted, without duplicates."""
    both = {(a, c) for a, doc in old.items() for c in doc["entries"]} & {(a, c) for a, doc in new.items() for c in doc["entries"]}
    old_rows = [r for r in _rows(old) if (r[0], r[1]) in both]
    new_rows = [r for r in _rows(new) if (r[0], r[1]) in both]
    by_entry: dict[tuple[str, str], list] = {}
    for annex_id, code, _, conds in old_rows + new_rows:
        by_entry.setdefault((annex_id, code), []).extend(conds)
    seen, out = set(), []
    for key, conds in sorted(by_entry.items()):
        if old[key[0]]["entries"][key[1]].get("thresholds") == new[key[0]]["entries"][key[1]].get("thresholds"):
            continue  # thresholds unchanged: no answer about this entry's figures changes because of it
        params = sorted({p for p, _, _ in conds})
        axes = [_candidates([v for p, _, v in conds if p == name], _integer((old, new), name)) for name in params]
        if math.prod(len(a) for a in axes) > MAX_POINTS:
            continue
        for values in product(*axes):
            point = dict(zip(params, values))
            ident = tuple(sorted(point.items()))
            if ident in seen:
                continue
            seen.add(ident)
            before, after = _verdict(old_rows, point), _verdict(new_rows, point)
            changed = {h.partition("#")[0] for h in set(before) ^ set(after)}
            if changed:
                out.append({"measured": point, "old": [h for h in before if h.partition("#")[0] in changed],
                            "new": [h for h in after if h.partition("#")[0] in changed]})
    out.sort(key=lambda c: (sorted(c["measured"]), [c["measured"][k] for k in sorted(c["measured"])]))
    return out
