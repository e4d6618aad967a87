"""Which pages the site has, what each shows, and how they are arranged in the navigation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from annexsite.derive.changes import ChangePages
from annexsite.derive.history import History
from annexsite.derive.compare import ThresholdTable, compare_pair, threshold_table
from annexsite.derive.text import Segment, entry_label, link_terms, note_anchor
from annexsite.derive.trees import generated_trees
from annexsite.derive.versions import LegalView, entry_versions, version_rows, versions_path
from annexsite.model import Annex, Entry, Project
from annexsite.model.objects import Category, Note
from annexsite.model.objects import ANSWER_WORDS, GROUPS, KIND_LABELS, KINDS, STAGE_LABELS, STAGES, N_


@dataclass(frozen=True)
class NavItem:
    """A navigation node: a page (``path``) and/or a section with children."""

    title: str  # Ui (interface), Msg (content) or plain text; translated when rendered
    path: str = ""
    children: tuple["NavItem", ...] = ()
    prefix: str = ""  # shown before the title untranslated: a control code, "4A"


@dataclass(frozen=True)
class Page:
    path: str  # relative to the language folder, e.g. "us-ear-quantum/4a906.md"
    template: str
    title: str
    data: dict[str, Any] = field(default_factory=dict)
    prefix: str = ""  # shown before the (translated) title: a control code

    @property
    def root(self) -> str:
        """Relative prefix from this page's folder to the docs root ("", "../", ...)."""
        return "../" * self.path.count("/")

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. "us-ear-quantum/4a906/"."""
        stem = self.path[: -len(".md")]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"


@dataclass(frozen=True)
class ParagraphView:
    label: str
    depth: int
    segments: tuple[Segment, ...]
    source: str = ""  # the legal text itself (a Msg), for its informative translations
    anchor: str = ""  # the HTML id: the label for an entry's paragraph, note-1-b for a note's item
    notes: tuple["NoteView", ...] = ()  # notes that close this row: those of the paragraph ending here


@dataclass(frozen=True)
class NoteView:
    kind: str
    label: str
    applies_to: str
    segments: tuple[Segment, ...]  # empty for a note that is only a list
    items: tuple[ParagraphView, ...]
    source: str = ""
    anchor: str = ""
    notes: tuple["NoteView", ...] = ()  # notes nested in this one
    depth: int = 0  # the depth of the paragraph the note sits in (0: entry or category level)
    governs: tuple[str, ...] = ()  # governing notes: the codes named, when not all in scope
    governs_links: tuple["LinkView", ...] = ()

    def legal_texts(self):
        """The note's own text, its items' and its nested notes' (Msgs), for informative translations."""
        if self.source:
            yield self.source
        for p in self.items:
            yield p.source
            for n in p.notes:
                yield from n.legal_texts()
        for n in self.notes:
            yield from n.legal_texts()


@dataclass(frozen=True)
class GoverningLink:
    """A category, group or annex note linked from an entry it governs."""

    label: str  # as printed ("Cryptography Note"), or "" for the kind's interface label
    kind: str
    path: str  # docs-relative page the note is on
    anchor: str
    scope: str  # annex | category | group
    scope_code: str = ""  # "5", "5A"


@dataclass(frozen=True)
class LinkView:
    code: str
    title: str
    path: str  # docs-relative .md path of the target
    annex_title: str = ""
    scope: str = ""
    note: str = ""


@dataclass(frozen=True)
class AsOf:
    """What the content is current as of. Until releases exist, the latest date in the data."""

    release: str
    date: date
    upcoming: tuple[str, date] | None = None  # the next release, dated after the build: not yet in force


@dataclass
class SiteModel:
    project: Project
    pages: list[Page]
    nav: tuple[NavItem, ...]
    as_of: AsOf
    trees: tuple = ()  # authored and generated decision trees
    history: History = field(default_factory=History)
    charts: list = field(default_factory=list)  # static SVG charts of the annual summaries
    moved: dict = field(default_factory=dict)  # (annex, old code) -> where its page leads now
    # release URLs of an entry's text that an earlier release already had: (path, the page it leads to)
    aliases: list = field(default_factory=list)

    def page(self, path: str) -> Page:
        return next(p for p in self.pages if p.path == path)


def annex_path(annex: Annex) -> str:
    return f"{annex.id}/index.md"


def category_path(annex: Annex, number: int) -> str:
    return f"{annex.id}/{number}/index.md"


def group_path(annex: Annex, number: int, group: str) -> str:
    return f"{annex.id}/{number}{group.lower()}/index.md"


def entry_path(annex_id: str, code: str) -> str:
    return f"{annex_id}/{code.lower()}.md"


def _paragraphs(items, glossary, depth=1) -> list[ParagraphView]:
    out: list[ParagraphView] = []
    for p in items:
        out.append(ParagraphView(p.label, depth, link_terms(p.text, glossary), p.text,
                                 p.label if p.key.startswith("paragraph.") else note_anchor(p.key)))
        out.extend(_paragraphs(p.children, glossary, depth + 1))
        if p.notes:  # the law puts them in the paragraph: shown where it ends, after its sub-paragraphs
            out[-1] = replace(out[-1], notes=out[-1].notes + tuple(_note_view(n, glossary, depth) for n in p.notes))
    return out


def _note_view(n: Note, glossary, depth: int = 0, links=()) -> NoteView:
    return NoteView(n.kind, n.label, n.applies_to, link_terms(n.text, glossary) if n.text else (),
                    tuple(_paragraphs(n.items, glossary, depth + 1)), n.text, note_anchor(n.key),
                    tuple(_note_view(x, glossary, depth + 1) for x in n.notes), depth, n.governs, tuple(links))


def governing(annex: Annex, entry: Entry) -> list[GoverningLink]:
    """The annex, category and group notes that govern ``entry``, where each is shown."""
    out = []

    def applies(n: Note) -> bool:
        return (not n.group or n.group == entry.group) and (not n.governs or entry.code in n.governs)

    for n in annex.notes:
        if applies(n):
            out.append(GoverningLink(n.label, n.kind, annex_path(annex), note_anchor(n.key), "annex"))
    cat = next(c for c in annex.categories if c.number == entry.category)
    for n in cat.notes:
        if applies(n):
            if n.group:
                out.append(GoverningLink(n.label, n.kind, group_path(annex, cat.number, n.group), note_anchor(n.key), "group",
                                         f"{cat.number}{n.group}"))
            else:
                out.append(GoverningLink(n.label, n.kind, category_path(annex, cat.number), note_anchor(n.key), "category",
                                         str(cat.number)))
    return out


def _governing_views(project: Project, annex: Annex, notes) -> list[NoteView]:
    return [_note_view(n, project.glossary, links=[_entry_link(project, annex.entry(c)) for c in n.governs])
            for n in notes]

def _unsourced_paragraph(p: ParagraphView) -> ParagraphView:
    return replace(p, source="", notes=tuple(_unsourced_note(n) for n in p.notes))


def _unsourced_note(n: NoteView) -> NoteView:
    return replace(n, source="", items=tuple(_unsourced_paragraph(p) for p in n.items),
                   notes=tuple(_unsourced_note(x) for x in n.notes))


def _legal_view(lang: str, entry: Entry, g, source: bool) -> LegalView:
    """An entry's legal text in one authentic language; ``source``: the annex's source language,
    whose texts may have informative translations beside them (a version is authentic itself)."""
    notes = [_note_view(n, g) for n in entry.notes]
    paragraphs = _paragraphs(entry.paragraphs, g)
    if not source:
        paragraphs = [_unsourced_paragraph(p) for p in paragraphs]
        notes = [_unsourced_note(n) for n in notes]
    return LegalView(lang, link_terms(entry.heading, g), tuple(paragraphs), tuple(notes),
                     entry.heading if source else "", tuple(entry.legal_texts()) if source else ())


def _entry_page(project: Project, annex: Annex, entry: Entry, as_of: AsOf, changes: ChangePages) -> Page:
    g = project.glossary
    related = []
    for code in entry.related:
        target = annex.entry(code)
        related.append(LinkView(code, entry_label(target), entry_path(annex.id, code)))
    equivalents = []
    for q in entry.equivalents:
        other_annex = project.annex(q.annex)
        other = other_annex.entry(q.code)
        equivalents.append(
            LinkView(q.code, entry_label(other), entry_path(q.annex, q.code), other_annex.short_title, q.scope, q.note)
        )
    legal = {lang: _legal_view(lang, e, g, lang == annex.source_language)
             for lang, e in entry_versions(annex, entry).items()}
    source = legal[annex.source_language]
    data = {
        "annex": annex,
        "entry": entry,
        "label": entry_label(entry),
        "governing": governing(annex, entry),
        "heading": source.heading,
        "paragraphs": list(source.paragraphs),
        "notes": list(source.notes),
        "legal_versions": legal,  # language -> LegalView; the reader's language picks one (localize)
        "versions_link": versions_path(annex.id, entry.code) if len(legal) > 1 else "",
        "official_url": entry.source.url or annex.source_url,
        "thresholds": threshold_table(entry),
        "related": related,
        "equivalents": equivalents,
        "group_name": GROUPS[entry.group],
        "category_title": next(c.title for c in annex.categories if c.number == entry.category),
        "annex_link": annex_path(annex),
        "category_link": category_path(annex, entry.category),
        "group_link": group_path(annex, entry.category, entry.group),
        "as_of": as_of,
        "authentic": annex.source_language in annex.authentic_languages,
        "timeline": changes.timeline(annex.id, entry.code),
    }
    return Page(entry_path(annex.id, entry.code), "entry.md.j2", entry_label(entry), data, prefix=entry.code)


def _versions_page(project: Project, annex: Annex, entry: Entry, as_of: AsOf, pages: list[Page]) -> None:
    """The entry's authentic language versions side by side, when the site carries more than one."""
    languages, rows = version_rows(annex, entry, project.glossary)
    if len(languages) < 2:
        return
    pages.append(Page(versions_path(annex.id, entry.code), "versions.md.j2", N_("Authentic language versions"),
                      prefix=entry.code, data={
        "annex": annex, "entry": entry, "version_languages": languages, "rows": rows,
        "aligned": not any(r.breaks for r in rows), "entry_link": entry_path(annex.id, entry.code),
        "missing": [lang for lang in annex.authentic_languages if lang not in languages],
        "official_url": entry.source.url or annex.source_url, "as_of": as_of}))


def _entry_link(project: Project, entry: Entry) -> LinkView:
    annex = project.annex(entry.annex)
    return LinkView(entry.code, entry_label(entry), entry_path(entry.annex, entry.code), annex.short_title)


def _as_of(project: Project) -> AsOf:
    dates = [a.effective_date for a in project.annexes]
    dates += [e.effective_date for a in project.annexes for e in a.entries]
    dates += [d for a in project.annexes for e in a.entries for d in e.amended_dates]
    return AsOf(release="", date=max(dates) if dates else date(1970, 1, 1))


def derive_site(project: Project, release: tuple[str, date] | None = None, history: History | None = None,
                upcoming: tuple[str, date] | None = None) -> SiteModel:
    """``release``: (version, date) of the release in force that the content equals, if it equals one;
    ``history``: what the releases changed, for change logs, timelines and annual summaries;
    ``upcoming``: (version, date) of a release dated after the build, shown as upcoming."""
    as_of = AsOf(*release) if release else _as_of(project)
    if upcoming:
        as_of = AsOf(as_of.release, as_of.date, upcoming)
    changes = ChangePages(project, history or History())
    pages: list[Page] = []
    nav: list[NavItem] = [NavItem(N_("Home"), "index.md")]
    all_entries = [e for a in project.annexes for e in a.entries]

    for annex in project.annexes:
        cat_nav = []
        categories = []
        for cat in annex.categories:
            groups = []
            group_nav = []
            for letter in sorted({e.group for e in cat.entries}):
                entries = [e for e in cat.entries if e.group == letter]
                links = [_entry_link(project, e) for e in entries]
                gpath = group_path(annex, cat.number, letter)
                groups.append({"letter": letter, "name": GROUPS[letter], "path": gpath, "entries": links})
                pages.append(
                    Page(gpath, "group.md.j2", GROUPS[letter], prefix=f"{cat.number}{letter}", data=
                         {"annex": annex, "category": cat, "letter": letter, "name": GROUPS[letter],
                          "entries": links, "annex_link": annex_path(annex),
                          "category_link": category_path(annex, cat.number), "as_of": as_of,
                          "notes": _governing_views(project, annex, (n for n in cat.notes if n.group == letter))})
                )
                group_nav.append(
                    NavItem(GROUPS[letter], gpath,
                            tuple(NavItem(entry_label(e), entry_path(annex.id, e.code), prefix=e.code) for e in entries),
                            prefix=f"{cat.number}{letter}")
                )
                for e in entries:
                    pages.append(_entry_page(project, annex, e, as_of, changes))
                    if annex.versions:
                        _versions_page(project, annex, e, as_of, pages)
            cpath = category_path(annex, cat.number)
            categories.append({"number": cat.number, "title": cat.title, "path": cpath, "groups": groups,
                               "count": len(cat.entries)})
            pages.append(
                Page(cpath, "category.md.j2", cat.title, prefix=str(cat.number), data={"annex": annex, "category": cat, "groups": groups, "annex_link": annex_path(annex), "as_of": as_of,
                                                                                      "notes": _governing_views(project, annex, (n for n in cat.notes if not n.group))})
            )
            cat_nav.append(NavItem(cat.title, cpath, tuple(group_nav), prefix=str(cat.number)))
        pages.append(
            Page(annex_path(annex), "annex.md.j2", annex.title,
                 {"annex": annex, "categories": categories, "count": len(annex.entries), "as_of": as_of,
                  "notes": _governing_views(project, annex, annex.notes)})
        )
        nav.append(NavItem(annex.short_title, annex_path(annex), tuple(cat_nav)))

    # Correlation: every entry beside its equivalents, thresholds compared.
    pairs = []
    seen: set[frozenset] = set()
    for annex in project.annexes:
        for e in annex.entries:
            for q in e.equivalents:
                key = frozenset({(annex.id, e.code), (q.annex, q.code)})
                if key in seen:
                    continue
                seen.add(key)
                other = project.entry(q.annex, q.code)
                pairs.append(compare_pair(_entry_link(project, e), e, _entry_link(project, other), other, q.scope))
    pages.append(Page("correlation.md", "correlation.md.j2", N_("Correlation"), {"pairs": pairs, "as_of": as_of,
                                                                          "annexes": project.annexes}))

    def view(kind: str, key: str, values, matches, title: str, labels: dict) -> NavItem:
        children = []
        summary = []
        for v in values:
            matching = [e for e in all_entries if matches(e, v)]
            path = f"{kind}/{v}.md"
            by_annex = [
                {"annex": a, "entries": [_entry_link(project, e) for e in matching if e.annex == a.id]}
                for a in project.annexes
            ]
            pages.append(Page(path, f"{key}.md.j2", labels[v], data={"value": v, "label": labels[v], "by_annex": by_annex, "count": len(matching), "as_of": as_of,
                                                             "annexes": project.annexes}))
            children.append(NavItem(labels[v], path))
            summary.append({"value": v, "label": labels[v], "path": path, "count": len(matching)})
        pages.append(Page(f"{kind}/index.md", f"{key}s.md.j2", title, {"values": summary, "as_of": as_of, "annexes": project.annexes}))
        return NavItem(title, f"{kind}/index.md", tuple(children))

    nav.append(NavItem(N_("Correlation"), "correlation.md"))
    nav.append(view("stages", "stage", STAGES, lambda e, v: v in e.stages, N_("By project stage"), STAGE_LABELS))
    nav.append(view("kinds", "kind", KINDS, lambda e, v: e.kind == v, N_("By kind"), KIND_LABELS))

    term_users: dict[str, list[LinkView]] = {t.id: [] for t in project.glossary.terms}
    for e in all_entries:
        ids = {s.term for t in e.legal_texts() for s in link_terms(t, project.glossary) if s.term}
        for tid in ids:
            term_users.setdefault(tid, []).append(_entry_link(project, e))
    terms = sorted(project.glossary.terms, key=lambda t: t.term.casefold().strip("'\"“”‘’"))
    pages.append(Page("glossary.md", "glossary.md.j2", N_("Glossary"),
                      {"terms": terms, "users": term_users, "annexes": {a.id: a for a in project.annexes}, "as_of": as_of}))
    nav.append(NavItem(N_("Glossary"), "glossary.md"))

    pages.append(Page("index.md", "home.md.j2", N_("Home"),
                      {"annexes": [{"annex": a, "count": len(a.entries), "path": annex_path(a)} for a in project.annexes],
                       "stages": STAGES, "kinds": KINDS, "as_of": as_of, "news": changes.news()}))
    trees = (*project.trees, *generated_trees(project))
    if trees:
        nav.append(_tree_pages(project, trees, pages, as_of))
    if changes.history.steps or project.figures:
        nav.append(changes.pages(pages, as_of))
    pages.append(Page("translations.md", "translations.md.j2", N_("Translation status"),
                      {"as_of": as_of, "annexes": project.annexes, "trees": project.trees}))
    nav.append(NavItem(N_("Translation status"), "translations.md"))
    pages.sort(key=lambda p: p.path)
    return SiteModel(project=project, pages=pages, nav=tuple(nav), as_of=as_of, trees=trees,
                     history=changes.history, charts=changes.charts, moved=changes.moved,
                     aliases=changes.aliases)


def tree_path(tree_id: str, node_id: str = "") -> str:
    return f"trees/{tree_id}/{node_id or 'index'}.md"


def _cites(project: Project, cites) -> list[dict]:
    out = []
    for c in cites:
        if c.entry:
            annex_id, _, code = c.entry.partition("/")
            annex, entry = project.annex(annex_id), project.entry(annex_id, code)
            out.append({"entry": LinkView(code, entry_label(entry), entry_path(annex_id, code), annex.short_title),
                        "paragraphs": c.paragraphs, "heading": c.heading, "requires": c.requires, "ranges": c.ranges})
        else:
            out.append({"rule": project.rule(c.rule)})
    return out


def _tree_pages(project: Project, trees, pages: list[Page], as_of: AsOf) -> NavItem:
    """One page per step (its own URL, so a shared link reopens it), the tree's start page, and a
    printable page of every path; the steps stay out of the navigation."""
    annexes = project.annexes
    for tree in trees:
        reached: dict[str, list] = {}  # an outcome reached by one path only can restate its answers
        for steps in tree.paths():
            if steps:
                reached.setdefault(steps[-1][1].next, []).append(steps)
        for node in tree.nodes:
            if node.id == tree.start:
                continue
            ways = reached.get(node.id, [])
            pages.append(Page(tree_path(tree.id, node.id), "tree-node.md.j2", node.title or node.question,
                              {"tree": tree, "node": node, "parents": tree.parents(node.id), "start": False,
                               "steps": ways[0] if len(ways) == 1 else (),
                               "cites": _cites(project, node.cites), "as_of": as_of, "annexes": annexes}))
        start = tree.node(tree.start)
        pages.append(Page(tree_path(tree.id), "tree-node.md.j2", tree.title,
                          {"tree": tree, "node": start, "parents": (), "start": True, "steps": (),
                           "cites": _cites(project, start.cites), "as_of": as_of, "annexes": annexes}))
        paths = [{"steps": steps, "outcome": tree.node(steps[-1][1].next) if steps else start} for steps in tree.paths()]
        for p in paths:
            p["cites"] = _cites(project, p["outcome"].cites)
        pages.append(Page(f"trees/{tree.id}/all.md", "tree-all.md.j2", N_("All paths"), prefix="",
                          data={"tree": tree, "paths": paths, "as_of": as_of, "annexes": annexes}))
    pages.append(Page("trees/index.md", "trees.md.j2", N_("Decision guides"),
                      {"trees": trees, "as_of": as_of, "annexes": annexes}))
    # the classifier as a form: every parameter a threshold uses, named as its first entry names it
    fields, seen = [], set()
    for annex in project.annexes:
        for e in annex.entries:
            for p in e.parameters:
                if p.id not in seen and any(c.parameter == p.id for t in e.thresholds for c in t.conditions):
                    seen.add(p.id)
                    fields.append(p)
    # the questions on what the item is: one per quality id, with the rows that ask it
    from annexsite.derive.classify import qualities

    questions = [{"id": qid, "text": rows[0][3].text,
                  "rows": [f"{code}.{paragraph}" if not code.endswith(paragraph) else code for _, code, paragraph, _ in rows]}
                 for qid, rows in qualities(project).items()]
    pages.append(Page("classify.md", "classify.md.j2", N_("Check figures against the thresholds"),
                      {"fields": fields, "questions": questions, "as_of": as_of, "annexes": annexes,
                       "choices": (("yes", ANSWER_WORDS["Yes"]), ("no", ANSWER_WORDS["No"]), ("", N_("I don't know")))}))
    return NavItem(N_("Decision guides"), "trees/index.md",
                   (*(NavItem(t.title, tree_path(t.id)) for t in trees),
                    NavItem(N_("Check figures against the thresholds"), "classify.md")))
