"""Pages about change, from the release history: a change log per release (by annex and
category), the list of releases, the text of each entry as each release had it, annual
summaries, and where the pages of renumbered and removed entries lead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from annexsite.derive.history import KINDS, History, Step
from annexsite.derive.text import entry_label, short_label
from annexsite.model import Condition, Project
from annexsite.model.keys import key_parts
from annexsite.model.objects import CHANGE_LABELS, N_, Msg

CHANGES = "changes"


def changes_path(version: str = "") -> str:
    return f"{CHANGES}/{version or 'index'}.md"


def anchor(annex: str, code: str) -> str:
    return f"{annex}-{code.lower()}"


def release_entry_path(version: str, annex: str, code: str) -> str:
    return f"releases/{version}/{annex}/{code.lower()}.md"


def annual_path(year: int | None = None) -> str:
    return f"annual/{year}/index.md" if year else "annual/index.md"


@dataclass(frozen=True)
class ThresholdRow:
    name: str  # the parameter's name (a Msg)
    unit: str
    old: tuple[Condition, ...]
    new: tuple[Condition, ...]


@dataclass(frozen=True)
class ChangeView:
    """One change to one entry, ready to print: a redline, an old -> new value, or threshold rows."""

    label: str  # a Ui label, formatted with key (and paragraph)
    key: str
    change: str  # added | removed | amended
    runs: tuple = ()  # (op, text) for texts: "=", "-", "+"
    old: str = ""
    new: str = ""
    rows: tuple[ThresholdRow, ...] = ()
    paragraph: str = ""  # a note inside a paragraph: the paragraph's label


@dataclass(frozen=True)
class ItemView:
    change: str  # added | removed | renumbered | amended
    annex: str
    code: str
    title: str
    path: str  # docs-relative page to link: the entry now, or its text as released
    anchor: str
    old_code: str = ""
    changes: tuple[ChangeView, ...] = ()


def _plain(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return ""  # a structured value: the log says it changed, the entry page shows it


def _conditions(raw) -> tuple[Condition, ...]:
    return tuple(Condition(c["parameter"], c["op"], float(c["value"])) for c in raw or ())


def _threshold_rows(annex: str, code: str, c: dict, entries: tuple[dict, dict]) -> tuple[ThresholdRow, ...]:
    params: dict[str, dict] = {}
    for e in entries:
        for p in e.get("parameters", ()):
            params.setdefault(p["id"], p)
    old, new = _conditions(c.get("old")), _conditions(c.get("new"))
    rows = []
    for pid in dict.fromkeys(x.parameter for x in (*old, *new)):
        before = tuple(x for x in old if x.parameter == pid)
        after = tuple(x for x in new if x.parameter == pid)
        if before != after:
            p = params.get(pid, {"name": pid, "unit": "1"})
            rows.append(ThresholdRow(Msg(p["name"], f"{annex}/{code}/parameters.{pid}"), p["unit"], before, after))
    return tuple(rows)


def note_key_display(key: str) -> tuple[str, str]:
    """(paragraph label, note number as a reader counts it) of a note's stable key: note.1 -> ("", "1"),
    note.1.item.b -> ("", "1.b"), note.1.note.2 -> ("", "1 › 2"), paragraph.a.note.1 -> ("a", "1")."""
    parts = key_parts(key)
    paragraph = next((label for kind, label in parts if kind == "paragraph"), "")
    number = " › ".join(label for kind, label in parts if kind == "note")
    items = [label for kind, label in parts if kind == "item"]
    return paragraph, ".".join([number, *items[-1:]])


def change_views(annex: str, code: str, changes: list[dict], entries: tuple[dict, dict]) -> tuple[ChangeView, ...]:
    out = []
    for c in changes:
        label = CHANGE_LABELS.get(c["field"], N_("Other fields"))
        common = dict(label=label, key=c.get("key", ""), change=c["change"])
        if c["field"] == "note":
            paragraph, key = note_key_display(c["key"])
            common.update(key=key, paragraph=paragraph, label=CHANGE_LABELS["note_in_paragraph"] if paragraph else label)
        if c["field"] == "threshold":
            out.append(ChangeView(**common, rows=_threshold_rows(annex, code, c, entries)))
        elif "redline" in c:
            out.append(ChangeView(**common, runs=tuple(tuple(r) for r in c["redline"])))
        else:
            out.append(ChangeView(**common, old=_plain(c.get("old")), new=_plain(c.get("new"))))
    return tuple(out)


@dataclass(frozen=True)
class ReleaseAlias:
    """The URL of an entry's text as of ``version``, which is the text of release ``first``."""

    code: str
    version: str
    first: str
    path: str  # docs-relative, as release_entry_path gives it
    target: str


class ChangePages:
    """Builds the pages about change; knows the current project to link what still exists."""

    def __init__(self, project: Project, history: History):
        self.project, self.history = project, history
        self.current = {(a.id, e.code) for a in project.annexes for e in a.entries}
        renamed = {(a.id, e.replaces): e.code for a in project.annexes for e in a.entries if e.replaces}
        self.canonical = history.text_versions()
        self.moved = {key: (("release", self.canonical.get((to[1], key[0], to[2]), to[1]), to[2]) if to[0] == "release" else to)
                      for key, to in history.moved(self.current, renamed).items()}
        self.charts: list[Chart] = []
        # release URLs of an entry whose text an earlier release already had
        self.aliases: list[ReleaseAlias] = []
        self.same_in: dict[tuple[str, str, str], list[str]] = {}  # the later releases that kept a text
        for (version, annex, code), shown in self.canonical.items():
            if shown != version:
                self.same_in.setdefault((shown, annex, code), []).append(version)

    def text_path(self, version: str, annex: str, code: str) -> str:
        """The page of an entry's text as of ``version``: one page per distinct text."""
        return release_entry_path(self.canonical.get((version, annex, code), version), annex, code)

    def title(self, annex: str, code: str, raw: dict) -> str:
        entry = self.project.entry(annex, code)
        if entry is not None:
            return entry_label(entry)
        if raw.get("title"):
            return Msg(raw["title"], f"{annex}/{code}/title")
        return short_label(raw["heading"])  # no title of ours: a label cut from the legal heading

    def link(self, annex: str, code: str, version: str) -> str:
        """The page for ``code``: the entry now if it exists, else its text as of ``version``."""
        from annexsite.derive.pages import entry_path

        if (annex, code) in self.current:
            return entry_path(annex, code)
        return self.text_path(version, annex, code)

    def verdicts(self, step: Step) -> list[dict]:
        """The answers of the classifier this release changed, ready to print: the figures (named
        as the entries name them now), and the entry paragraphs that matched before and after."""
        from annexsite.derive.classify import declared
        from annexsite.derive.pages import entry_path
        from annexsite.derive.verdicts import label

        params = declared(self.project)

        def side(hits):
            out = []
            for hit in hits:
                ident, _, paragraph = hit.partition("#")
                annex, _, code = ident.partition("/")
                out.append({"label": label(code, paragraph), "annex": annex,
                            "path": f"{entry_path(annex, code)}#{paragraph}" if (annex, code) in self.current else ""})
            return out

        return [{"measured": [(params[k].name if k in params else k, v, params[k].unit if k in params else "1")
                              for k, v in sorted(c["measured"].items())],
                 "old": side(c["old"]), "new": side(c["new"])} for c in step.verdicts]

    def items(self, step: Step) -> list[ItemView]:
        before = self.history.step(step.previous).annexes if step.previous else {}
        out = []
        for kind in KINDS:
            for c in step.changes[kind]:
                annex, code = c["annex"], c["code"]
                raw_new = step.annexes.get(annex, {}).get("entries", {}).get(code)
                old_code = c.get("old_code", code)
                raw_old = before.get(annex, {}).get("entries", {}).get(old_code)
                raw = raw_new or raw_old
                version = step.version if raw_new else step.previous
                views = change_views(annex, code, c.get("changes", []), (raw_new or {}, raw_old or {}))
                out.append(ItemView(kind, annex, code, self.title(annex, code, raw), self.link(annex, code, version),
                                    anchor(annex, code), c.get("old_code", ""), views))
        return out

    def grouped(self, step: Step) -> list[dict]:
        """Items by annex, then category: [{annex, title, categories: [{number, title, items}]}]."""
        items = self.items(step)
        out = []
        for annex_id in dict.fromkeys(sorted(i.annex for i in items)):
            annex = self.project.annex(annex_id)
            raw_annex = step.annexes.get(annex_id, {}).get("annex") or {}
            title = annex.short_title if annex else raw_annex.get("short_title") or raw_annex.get("title", annex_id)
            cats = []
            for number in sorted({int(i.code[0]) for i in items if i.annex == annex_id}):
                cat = next((c for c in annex.categories if c.number == number), None) if annex else None
                cats.append({"number": number, "title": cat.title if cat else "",
                             "items": [i for i in items if i.annex == annex_id and int(i.code[0]) == number]})
            out.append({"annex": annex_id, "title": title, "categories": cats})
        return out

    def summary(self, steps: list[Step]) -> list[dict]:
        """Counts per annex and category over ``steps``: rows of {annex, title, category, added, ...}."""
        rows: dict[tuple, dict] = {}
        for step in steps:
            for group in self.grouped(step):
                for cat in group["categories"]:
                    row = rows.setdefault((group["annex"], cat["number"]), {
                        "annex": group["annex"], "annex_title": group["title"], "category": cat["number"],
                        "category_title": cat["title"], **{k: 0 for k in KINDS}})
                    for item in cat["items"]:
                        row[item.change] += 1
        return [rows[k] for k in sorted(rows)]

    def threshold_changes(self, steps: list[Step]) -> list[dict]:
        out = []
        for step in steps:
            for item in self.items(step):
                for v in item.changes:
                    if v.rows:
                        out.append({"step": step, "item": item, "change": v})
        return out

    # -- the pages -------------------------------------------------------------
    def timeline(self, annex: str, code: str) -> list[dict]:
        """The entry page's history: each event with its change log and the text as then released."""
        out = []
        for ev in self.history.timeline(annex, code):
            out.append({"event": ev, "log": changes_path(ev.version) + "#" + anchor(annex, ev.code),
                        "text": self.text_path(ev.version, annex, ev.code)})
        return out

    def news(self) -> dict | None:
        """What's new: the latest release, its counts and its first changed entries."""
        step = self.history.latest
        if step is None:
            return None
        items = self.items(step)
        return {"step": step, "counts": {k: step.count(k) for k in KINDS}, "items": items[:8],
                "more": max(0, len(items) - 8), "path": changes_path(step.version)}

    def pages(self, pages: list, as_of) -> "NavItem":
        from annexsite.derive.pages import NavItem, Page

        annexes = self.project.annexes
        steps = self.history.steps
        children = []
        for step in reversed(steps):
            path = changes_path(step.version)
            pages.append(Page(path, "changelog.md.j2", N_("Changes"), prefix=step.version,
                              data={"step": step, "groups": self.grouped(step), "as_of": as_of, "annexes": annexes,
                                    "verdicts": self.verdicts(step),
                                    "annex_titles": {**{i: d["annex"].get("short_title") or i for i, d in step.annexes.items()},
                                                     **{a.id: a.short_title for a in annexes}},
                                    "counts": {k: step.count(k) for k in KINDS}}))
            children.append(NavItem("", path, prefix=step.version))
            for annex_id, doc in step.annexes.items():
                for code, raw in doc["entries"].items():
                    shown_in = self.canonical.get((step.version, annex_id, code), step.version)
                    if shown_in == step.version:
                        pages.append(self._release_entry(step, annex_id, code, raw, as_of))
                    else:
                        self.aliases.append(ReleaseAlias(code, step.version, shown_in,
                                                         release_entry_path(step.version, annex_id, code),
                                                         release_entry_path(shown_in, annex_id, code)))
        years = []
        for year in reversed(self.years()):
            pages.append(self._annual(year, as_of))
            years.append(NavItem("", annual_path(year), prefix=str(year)))
        pages.append(Page(annual_path(), "annuals.md.j2", N_("Annual summaries"),
                          {"years": [(y, annual_path(y), self.history.of_year(y)) for y in reversed(self.years())],
                           "as_of": as_of, "annexes": annexes}))
        pages.append(Page(changes_path(), "changes.md.j2", N_("Changes"),
                          {"steps": [(s, changes_path(s.version), {k: s.count(k) for k in KINDS}) for s in reversed(steps)],
                           "as_of": as_of, "annexes": annexes}))
        return NavItem(N_("Changes"), changes_path(),
                       (*children, NavItem(N_("Annual summaries"), annual_path(), tuple(years))))

    def _release_entry(self, step: Step, annex_id: str, code: str, raw: dict, as_of):
        from annexsite.derive.pages import Page, entry_path

        now = self.moved.get((annex_id, code))
        if (annex_id, code) in self.current:
            current = entry_path(annex_id, code)
        elif now and now[0] == "entry":
            current = entry_path(now[1], now[2])
        else:
            current = ""
        annex_raw = step.annexes[annex_id]["annex"]
        same_in = self.same_in.get((step.version, annex_id, code), [])
        return Page(release_entry_path(step.version, annex_id, code), "release-entry.md.j2", self.title(annex_id, code, raw),
                    prefix=code, data={"step": step, "code": code, "raw": raw, "annex_raw": annex_raw,
                                       "same_in": same_in,
                                       "annex": self.project.annex(annex_id), "current": current,
                                       "effective": date.fromisoformat(raw["effective_date"]),
                                       "paragraphs": _flat_view(raw.get("paragraphs")),
                                       "notes": _raw_notes(raw),
                                       "not_given": raw.get("paragraphs_status") == "not-given",
                                       "official_url": (raw.get("source") or {}).get("url") or annex_raw.get("source_url", ""),
                                       "as_of": as_of, "annexes": [a for a in self.project.annexes if a.id == annex_id]})

    def years(self) -> list[int]:
        return sorted(set(self.history.years()) | {f.year for f in self.project.figures})

    def _annual(self, year: int, as_of):
        from annexsite.derive.pages import Page

        steps = self.history.of_year(year)
        rows = self.summary(steps)
        base = annual_path(year)[: -len("index.md")]
        charts: dict[str, Chart] = {}
        if rows:
            by_annex: dict[str, dict] = {}
            for r in rows:
                a = by_annex.setdefault(r["annex"], {"label": r["annex_title"], **{k: 0 for k in KINDS}})
                for k in KINDS:
                    a[k] += r[k]
            charts["changes"] = Chart(base + "changes.svg", N_("Entries changed, by control list"),
                                      tuple(CHANGE_LABELS[k] for k in KINDS),
                                      tuple((a["label"], tuple(a[k] for k in KINDS)) for a in by_annex.values()))
        last = steps[-1] if steps else None
        coverage = [(code, c["coverage"]) for code, c in sorted(last.translations.items())] if last else []
        if coverage:
            charts["coverage"] = Chart(base + "coverage.svg", N_("Translated texts per language"), (N_("Translated"),),
                                       tuple((LanguageName(code), (share,)) for code, share in coverage), percent=True)
        figures = []
        for f in (f for f in self.project.figures if f.year == year):
            annex = self.project.annex(f.annex) if f.annex else None
            trend = [g for g in self.project.figures if (g.id, g.annex) == (f.id, f.annex) and g.year <= year]
            name = f"figure-{f.id}{'-' + f.annex if f.annex else ''}"
            charts[name] = Chart(f"{base}{name}.svg", f.label, (f.label,),
                                 tuple((str(g.year), (g.value,)) for g in trend), percent=f.unit == "percent")
            figures.append({"figure": f, "annex": annex, "chart": charts[name], "trend": trend})
        self.charts.extend(charts.values())
        return Page(annual_path(year), "annual.md.j2", N_("Annual summary"), prefix=str(year),
                    data={"year": year, "steps": [(s, changes_path(s.version), {k: s.count(k) for k in KINDS}) for s in steps],
                          "rows": rows, "totals": {k: sum(r[k] for r in rows) for k in KINDS},
                          "thresholds": self.threshold_changes(steps), "year_coverage": coverage, "coverage_release": last,
                          "charts": charts, "figures": figures, "as_of": as_of, "annexes": self.project.annexes})


class LanguageName(str):
    """A language code shown as the language's name in the reader's language."""


@dataclass(frozen=True)
class Chart:
    """A static bar chart: one group of bars per row, one bar per series; its data table is
    printed beside it on the page."""

    path: str  # docs-relative, in every language folder
    title: str
    series: tuple
    rows: tuple  # (label, (value per series))
    percent: bool = False


def _raw_notes(raw: dict) -> list[dict]:
    """Every note of an entry as released, flat: its own notes, then those inside its paragraphs
    (shown "to paragraph x"); nested notes follow their parent one level deeper. Snapshots made
    before notes could nest hold only the first kind."""
    out: list[dict] = []

    def walk(notes, applies_to: str, depth: int):
        for n in notes or ():
            out.append({"kind": n["kind"], "label": n.get("label", ""), "applies_to": n.get("applies_to", applies_to),
                        "text": n.get("text", ""), "items": _flat_view(n.get("paragraphs")), "depth": depth})
            for item in _walk_raw(n.get("paragraphs")):
                walk(item.get("notes"), "", depth + 1)
            walk(n.get("notes"), "", depth + 1)

    walk(raw.get("notes"), "", 0)
    for p in _walk_raw(raw.get("paragraphs")):
        walk(p.get("notes"), p["label"], 0)
    return out


def _walk_raw(items):
    for p in items or ():
        yield p
        yield from _walk_raw(p.get("paragraphs"))


def _flat_view(items, depth: int = 1) -> list[dict]:
    out = []
    for p in items or ():
        out.append({"label": p["label"], "text": p["text"], "depth": depth})
        out.extend(_flat_view(p.get("paragraphs"), depth + 1))
    return out
