"""Threshold tables for one entry, and side-by-side comparison of equivalent entries."""

from __future__ import annotations

from dataclasses import dataclass

from annexsite.model import Condition, Entry, Parameter


@dataclass(frozen=True)
class ThresholdRow:
    paragraph: str
    cells: tuple[tuple[Condition, ...], ...]  # one cell per column; empty = no condition
    note: str = ""


@dataclass(frozen=True)
class ThresholdTable:
    columns: tuple[Parameter, ...]
    rows: tuple[ThresholdRow, ...]

    def __bool__(self) -> bool:
        return bool(self.rows)


def threshold_table(entry: Entry) -> ThresholdTable:
    used = [p for p in entry.parameters if any(c.parameter == p.id for t in entry.thresholds for c in t.conditions)]
    rows = tuple(
        ThresholdRow(
            t.paragraph,
            tuple(tuple(c for c in t.conditions if c.parameter == p.id) for p in used),
            t.note,
        )
        for t in entry.thresholds
    )
    return ThresholdTable(tuple(used), rows)


@dataclass(frozen=True)
class ComparedRow:
    left: ThresholdRow | None
    right: ThresholdRow | None
    same: bool


@dataclass(frozen=True)
class Comparison:
    left: object  # LinkView
    right: object
    scope: str
    columns: tuple[Parameter, ...]  # parameters both entries use
    rows: tuple[ComparedRow, ...]
    left_only: tuple[Parameter, ...]
    right_only: tuple[Parameter, ...]

    @property
    def identical(self) -> bool:
        return bool(self.rows) and all(r.same for r in self.rows) and not self.left_only and not self.right_only


def _restrict(table: ThresholdTable, ids: list[str]) -> list[ThresholdRow]:
    index = [i for i, p in enumerate(table.columns) if p.id in ids]
    return [ThresholdRow(r.paragraph, tuple(r.cells[i] for i in index), r.note) for r in table.rows]


def compare_pair(left_link, left: Entry, right_link, right: Entry, scope: str) -> Comparison:
    lt, rt = threshold_table(left), threshold_table(right)
    lids = [p.id for p in lt.columns]
    rids = [p.id for p in rt.columns]
    shared = [i for i in lids if i in rids]
    columns = tuple(p for p in lt.columns if p.id in shared)
    lrows, rrows = _restrict(lt, shared), _restrict(rt, shared)
    rows = []
    for i in range(max(len(lrows), len(rrows))):
        a = lrows[i] if i < len(lrows) else None
        b = rrows[i] if i < len(rrows) else None
        same = a is not None and b is not None and a.cells == b.cells
        rows.append(ComparedRow(a, b, same))
    return Comparison(
        left_link, right_link, scope, columns, tuple(rows),
        tuple(p for p in lt.columns if p.id not in shared),
        tuple(p for p in rt.columns if p.id not in shared),
    )
