"""Pages about change, from the release history: a change log per release (by annex and
category), the list of releases, the text of each entry as each release had it, annual
summaries, and where the pages of renumbered and removed entries lead."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from annexsite.derive.classify import declared
from annexsite.derive.history import Event, History, Step
from annexsite.derive.text import Segment, entry_label, note_anchor, short_label
from annexsite.derive.urls import (annual_path, change_anchor, changes_path, data_path, entry_path, feed_path, release_data_path,
                                   link, release_entry_path, with_anchor)
from annexsite.derive.verdicts import label as verdict_label
from annexsite.derive.views import AsOf, NavItem, NoteView, Page, PageData, ParagraphView
from annexsite.model import Annex, Condition, Project
from annexsite.model.keys import key_parts
from annexsite.model.objects import CHANGE_KINDS, CHANGE_LABELS, N_, Figure, Msg

# how many entries a release (or a year) added, removed, renumbered and amended, in that order
Counts = tuple[tuple[str, int], ...]


def step_counts(step: Step) -> Counts:
    return tuple((k, step.count(k)) for k in CHANGE_KINDS)


@dataclass(frozen=True)
class ConditionChange:
    """A parameter whose threshold conditions a release changed: old -> new."""

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
    rows: tuple[ConditionChange, ...] = ()
    paragraph: str = ""  # a note inside a paragraph: the paragraph's label

    # what the log prints of a value: the old one unless added, the new one unless removed
    @property
    def shows_old(self) -> bool:
        return self.change != "added"

    @property
    def shows_new(self) -> bool:
        return self.change != "removed"

    @property
    def kind_label(self) -> str:
        """The kind of change printed after the label, or "" for an amendment (the usual case)."""
        return "" if self.change == "amended" else CHANGE_LABELS[self.change]


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


def _threshold_rows(annex: str, code: str, c: dict, entries: tuple[dict, dict]) -> tuple[ConditionChange, ...]:
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
            rows.append(ConditionChange(Msg(p["name"], f"{annex}/{code}/parameters.{pid}"), p["unit"], before, after))
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


@dataclass(frozen=True)
class VerdictHit:
    """An entry paragraph the threshold check answered, linked while the entry exists."""

    label: str
    annex: str
    path: str  # "" for an entry no longer in the list


@dataclass(frozen=True)
class VerdictChange:
    measured: tuple[tuple[str, float, str], ...]  # (parameter name, value, unit)
    old: tuple[VerdictHit, ...]
    new: tuple[VerdictHit, ...]


@dataclass(frozen=True)
class ChangeCategory:
    number: int
    title: str  # "" for a category the annexes no longer have
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ChangeGroup:
    """The items of one annex in a change log, by category."""

    annex: str
    title: str
    categories: tuple[ChangeCategory, ...]


@dataclass(frozen=True)
class SummaryRow:
    """What the releases of a year changed in one category of one annex."""

    annex: str
    annex_title: str
    category: int
    category_title: str
    counts: Counts


@dataclass(frozen=True)
class ThresholdChange:
    step: Step
    item: ItemView
    change: ChangeView


@dataclass(frozen=True)
class TimelineItem:
    """An event of an entry's history, with its change log and the text as then released."""

    event: Event
    log: str
    text: str

    @property
    def label(self) -> str:
        """What the event was, an interface label taking ``version``, ``date`` and ``code`` (the
        code it was renumbered from)."""
        return _EVENT_LABELS[self.event.change]


_EVENT_LABELS = {"added": N_("Added in release %(version)s, %(date)s"),
                 "renumbered": N_("Renumbered from %(code)s in release %(version)s, %(date)s"),
                 "amended": N_("Amended in release %(version)s, %(date)s")}


@dataclass(frozen=True)
class News:
    """What's new: the latest release, its counts and its first changed entries."""

    step: Step
    counts: Counts
    items: tuple[ItemView, ...]
    more: int
    path: str


@dataclass(frozen=True)
class StepLink:
    step: Step
    path: str
    counts: Counts


@dataclass(frozen=True)
class YearLink:
    year: int
    path: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class FigureView:
    figure: Figure
    annex: Annex | None
    chart: "Chart"
    trend: tuple[Figure, ...]


@dataclass(frozen=True)
class ChangeLogPage(PageData):
    TEMPLATE = "changelog.md.j2"
    step: Step
    previous_link: str  # the previous release's change log, "" for the first
    groups: tuple[ChangeGroup, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]
    verdicts: tuple[VerdictChange, ...]
    annex_titles: dict[str, str]
    counts: Counts
    index_link: str  # the list of releases
    feed_link: str


@dataclass(frozen=True)
class ReleaseEntryPage(PageData):
    """An entry's text as a release had it (its snapshot), printed as the entry page prints it."""

    TEMPLATE = "release-entry.md.j2"
    step: Step
    code: str
    source_language: str
    annex_title: str
    source_url: str
    citation: str
    heading: tuple[Segment, ...]
    paragraphs: tuple[ParagraphView, ...]
    notes: tuple[NoteView, ...]
    same_in: tuple[str, ...]  # the later releases that kept this text
    current: str  # the entry's page now, "" if it is no longer in the list
    changes_link: str
    data_link: str  # site-relative
    effective: date
    not_given: bool
    official_url: str
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class AnnualPage(PageData):
    TEMPLATE = "annual.md.j2"
    year: int
    steps: tuple[StepLink, ...]
    rows: tuple[SummaryRow, ...]
    totals: Counts
    thresholds: tuple[ThresholdChange, ...]
    year_coverage: tuple[tuple[str, float], ...]
    coverage_release: Step | None
    charts: dict[str, "Chart"]
    figures: tuple[FigureView, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class AnnualsPage(PageData):
    TEMPLATE = "annuals.md.j2"
    years: tuple[YearLink, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class ChangesPage(PageData):
    TEMPLATE = "changes.md.j2"
    steps: tuple[StepLink, ...]
    annual_link: str
    feed_link: str
    data_link: str  # site-relative
    as_of: AsOf
    annexes: tuple[Annex, ...]


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
        if (annex, code) in self.current:
            return entry_path(annex, code)
        return self.text_path(version, annex, code)

    def verdicts(self, step: Step) -> tuple[VerdictChange, ...]:
        """The answers of the classifier this release changed, ready to print: the figures (named
        as the entries name them now), and the entry paragraphs that matched before and after."""
        params = declared(self.project)

        def side(hits) -> tuple[VerdictHit, ...]:
            out = []
            for hit in hits:
                ident, _, paragraph = hit.partition("#")
                annex, _, code = ident.partition("/")
                out.append(VerdictHit(verdict_label(code, paragraph), annex,
                                      with_anchor(entry_path(annex, code), paragraph) if (annex, code) in self.current else ""))
            return tuple(out)

        return tuple(VerdictChange(tuple((params[k].name if k in params else k, v, params[k].unit if k in params else "1")
                                         for k, v in sorted(c["measured"].items())),
                                   side(c["old"]), side(c["new"])) for c in step.verdicts)

    def items(self, step: Step) -> list[ItemView]:
        before = self.history.step(step.previous).annexes if step.previous else {}
        out = []
        for kind in CHANGE_KINDS:
            for c in step.changes[kind]:
                annex, code = c["annex"], c["code"]
                raw_new = step.annexes.get(annex, {}).get("entries", {}).get(code)
                old_code = c.get("old_code", code)
                raw_old = before.get(annex, {}).get("entries", {}).get(old_code)
                raw = raw_new or raw_old
                version = step.version if raw_new else step.previous
                views = change_views(annex, code, c.get("changes", []), (raw_new or {}, raw_old or {}))
                out.append(ItemView(kind, annex, code, self.title(annex, code, raw), self.link(annex, code, version),
                                    change_anchor(annex, code), c.get("old_code", ""), views))
        return out

    def grouped(self, step: Step) -> tuple[ChangeGroup, ...]:
        """Items by annex, then category."""
        items = self.items(step)
        out = []
        for annex_id in dict.fromkeys(sorted(i.annex for i in items)):
            annex = self.project.annex(annex_id)
            raw_annex = step.annexes.get(annex_id, {}).get("annex") or {}
            title = annex.short_title if annex else raw_annex.get("short_title") or raw_annex.get("title", annex_id)
            cats = []
            for number in sorted({int(i.code[0]) for i in items if i.annex == annex_id}):
                cat = next((c for c in annex.categories if c.number == number), None) if annex else None
                cats.append(ChangeCategory(number, cat.title if cat else "",
                                           tuple(i for i in items if i.annex == annex_id and int(i.code[0]) == number)))
            out.append(ChangeGroup(annex_id, title, tuple(cats)))
        return tuple(out)

    def summary(self, steps: list[Step]) -> tuple[SummaryRow, ...]:
        """Counts per annex and category over ``steps``."""
        rows: dict[tuple, tuple[str, str, str, dict[str, int]]] = {}
        for step in steps:
            for group in self.grouped(step):
                for cat in group.categories:
                    row = rows.setdefault((group.annex, cat.number),
                                          (group.annex, group.title, cat.title, {k: 0 for k in CHANGE_KINDS}))
                    for item in cat.items:
                        row[3][item.change] += 1
        return tuple(SummaryRow(annex, annex_title, number, category_title, tuple(counts.items()))
                     for (_, number), (annex, annex_title, category_title, counts) in sorted(rows.items()))

    def threshold_changes(self, steps: list[Step]) -> tuple[ThresholdChange, ...]:
        return tuple(ThresholdChange(step, item, v) for step in steps for item in self.items(step)
                     for v in item.changes if v.rows)

    # -- the pages -------------------------------------------------------------
    def timeline(self, annex: str, code: str) -> tuple[TimelineItem, ...]:
        """The entry page's history: each event with its change log and the text as then released."""
        return tuple(TimelineItem(ev, with_anchor(changes_path(ev.version), change_anchor(annex, ev.code)),
                                  self.text_path(ev.version, annex, ev.code))
                     for ev in self.history.timeline(annex, code))

    def news(self) -> News | None:
        """What's new: the latest release, its counts and its first changed entries."""
        step = self.history.latest
        if step is None:
            return None
        items = self.items(step)
        return News(step, step_counts(step), tuple(items[:8]), max(0, len(items) - 8), changes_path(step.version))

    def pages(self, as_of: AsOf) -> tuple[list[Page], NavItem]:
        """The change logs, the texts as released, the annual summaries and their lists; and
        the navigation section that leads to them."""
        annexes = tuple(self.project.annexes)
        steps = self.history.steps
        pages: list[Page] = []
        children = []
        for step in reversed(steps):
            path = changes_path(step.version)
            pages.append(Page(path, N_("Changes"), prefix=step.version, data=ChangeLogPage(
                step=step, previous_link=link(path, changes_path(step.previous)) if step.previous else "",
                groups=self.grouped(step), as_of=as_of, annexes=annexes, verdicts=self.verdicts(step),
                annex_titles={**{i: d["annex"].get("short_title") or i for i, d in step.annexes.items()},
                              **{a.id: a.short_title for a in annexes}},
                counts=step_counts(step), index_link=link(path, changes_path()), feed_link=feed_path())))
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
        pages.append(Page(annual_path(), N_("Annual summaries"), AnnualsPage(
            tuple(YearLink(y, annual_path(y), tuple(self.history.of_year(y))) for y in reversed(self.years())),
            as_of, annexes)))
        pages.append(Page(changes_path(), N_("Changes"), ChangesPage(
            tuple(StepLink(s, changes_path(s.version), step_counts(s)) for s in reversed(steps)),
            annual_path(), feed_path(), data_path("changes.json"), as_of, annexes)))
        return pages, NavItem(N_("Changes"), changes_path(),
                              (*children, NavItem(N_("Annual summaries"), annual_path(), tuple(years))))

    def _release_entry(self, step: Step, annex_id: str, code: str, raw: dict, as_of: AsOf) -> Page:
        now = self.moved.get((annex_id, code))
        if (annex_id, code) in self.current:
            current = entry_path(annex_id, code)
        elif now and now[0] == "entry":
            current = entry_path(now[1], now[2])
        else:
            current = ""
        annex_raw = step.annexes[annex_id]["annex"]
        return Page(release_entry_path(step.version, annex_id, code), self.title(annex_id, code, raw), prefix=code,
                    data=ReleaseEntryPage(
                        step=step, code=code, source_language=annex_raw["source_language"],
                        annex_title=annex_raw.get("short_title") or annex_raw["title"],
                        source_url=annex_raw.get("source_url", ""), citation=(raw.get("source") or {}).get("citation", ""),
                        heading=(Segment(raw["heading"]),),
                        paragraphs=tuple(_released_paragraphs(raw.get("paragraphs"))),
                        notes=_released_notes(raw.get("notes")),
                        same_in=tuple(self.same_in.get((step.version, annex_id, code), ())),
                        current=current, changes_link=changes_path(step.version),
                        data_link=release_data_path(step.version),
                        effective=date.fromisoformat(raw["effective_date"]),
                        not_given=raw.get("paragraphs_status") == "not-given",
                        official_url=(raw.get("source") or {}).get("url") or annex_raw.get("source_url", ""),
                        as_of=as_of, annexes=tuple(a for a in self.project.annexes if a.id == annex_id)))

    def years(self) -> list[int]:
        return sorted(set(self.history.years()) | {f.year for f in self.project.figures})

    def _annual(self, year: int, as_of: AsOf) -> Page:
        steps = self.history.of_year(year)
        rows = self.summary(steps)
        base = annual_path(year)[: -len("index.md")]
        charts: dict[str, Chart] = {}
        if rows:
            by_annex: dict[str, tuple[str, dict[str, int]]] = {}
            for r in rows:
                counts = by_annex.setdefault(r.annex, (r.annex_title, {k: 0 for k in CHANGE_KINDS}))[1]
                for k, n in r.counts:
                    counts[k] += n
            charts["changes"] = Chart(base + "changes.svg", N_("Entries changed, by control list"),
                                      tuple(CHANGE_LABELS[k] for k in CHANGE_KINDS),
                                      tuple((label, tuple(counts.values())) for label, counts in by_annex.values()))
        last = steps[-1] if steps else None
        coverage = tuple((code, c["coverage"]) for code, c in sorted(last.translations.items())) if last else ()
        if coverage:
            charts["coverage"] = Chart(base + "coverage.svg", N_("Translated texts per language"), (N_("Translated"),),
                                       tuple((LanguageName(code), (share,)) for code, share in coverage), percent=True)
        figures = []
        for f in (f for f in self.project.figures if f.year == year):
            annex = self.project.annex(f.annex) if f.annex else None
            trend = tuple(g for g in self.project.figures if (g.id, g.annex) == (f.id, f.annex) and g.year <= year)
            name = f"figure-{f.id}{'-' + f.annex if f.annex else ''}"
            charts[name] = Chart(f"{base}{name}.svg", f.label, (f.label,),
                                 tuple((str(g.year), (g.value,)) for g in trend), percent=f.unit == "percent")
            figures.append(FigureView(f, annex, charts[name], trend))
        self.charts.extend(charts.values())
        totals = tuple((k, sum(n for r in rows for kind, n in r.counts if kind == k)) for k in CHANGE_KINDS)
        return Page(annual_path(year), N_("Annual summary"), prefix=str(year), data=AnnualPage(
            year=year, steps=tuple(StepLink(s, changes_path(s.version), step_counts(s)) for s in steps),
            rows=rows, totals=totals, thresholds=self.threshold_changes(steps), year_coverage=coverage,
            coverage_release=last, charts=charts, figures=tuple(figures), as_of=as_of,
            annexes=tuple(self.project.annexes)))


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


# -- an entry's text as a release had it, in the views the entry page prints ---------------------
# The keys and anchors are those of the model (note.1, paragraph.a.note.1, note.1.item.b), so a
# link to a note of the entry now leads to the same note in the text as released.
def _released_paragraphs(items, parent: str = "", depth: int = 1) -> list[ParagraphView]:
    """``parent``: "" for the entry's own paragraphs, a note's key for its items."""
    out: list[ParagraphView] = []
    for p in items or ():
        key = f"{parent}.item.{p['label']}" if parent else f"paragraph.{p['label']}"
        out.append(ParagraphView(p["label"], depth, (Segment(p["text"]),), anchor=note_anchor(key)))
        out.extend(_released_paragraphs(p.get("paragraphs"), parent, depth + 1))
        if p.get("notes"):  # shown where the paragraph ends, after its sub-paragraphs, as on the entry page
            out[-1] = replace(out[-1], notes=out[-1].notes + _released_notes(p["notes"], key, depth))
    return out


def _released_notes(notes, parent: str = "", depth: int = 0) -> tuple[NoteView, ...]:
    out = []
    for i, n in enumerate(notes or (), 1):
        key = f"{parent}.note.{i}" if parent else f"note.{i}"
        text = n.get("text", "")
        out.append(NoteView(n["kind"], n.get("label", ""), n.get("applies_to", ""), (Segment(text),) if text else (),
                            tuple(_released_paragraphs(n.get("paragraphs"), key, depth + 1)), anchor=note_anchor(key),
                            notes=_released_notes(n.get("notes"), key, depth + 1), depth=depth))
    return tuple(out)
