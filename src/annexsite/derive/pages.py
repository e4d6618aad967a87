"""Which pages the site has, what each shows, and how they are arranged in the navigation.

Each kind of page has its data class here (or in derive/changes.py for the pages about change):
its fields are what its template receives, decided here; the template only loops and formats."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from annexsite.derive.changes import ChangePages, News, TimelineItem
from annexsite.derive.classify import quality_note, qualities
from annexsite.derive.compare import Comparison, ThresholdTable, compare_pair, threshold_table
from annexsite.derive.history import History
from annexsite.derive.text import entry_label, link_terms, note_anchor
from annexsite.derive.trees import generated_trees
from annexsite.derive.urls import (annex_path, category_path, classify_path, correlation_path, entry_path, glossary_path,
                                   group_path, home_path, kind_path, stage_path, translations_path, tree_all_path,
                                   link, tree_path, versions_path, view_path)
from annexsite.derive.urls import changes_path, feed_path, page_url, with_anchor
from annexsite.derive.versions import LegalView, VersionRow, entry_versions, version_rows
from annexsite.derive.views import AsOf, GoverningLink, LinkView, NavItem, NoteView, Page, PageData, ParagraphView
from annexsite.model import Annex, Entry, GlossaryTerm, Project
from annexsite.model.objects import (ANSWER_WORDS, ENTRY_KINDS, GROUPS, KIND_LABELS, STAGE_LABELS, STAGES, N_, Category,
                                     Note, Tree, TreeNode, unit_shown)

__all__ = ["AsOf", "NavItem", "Page", "SiteModel", "derive_site", "entry_path", "governing"]


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


# -- the data of each kind of page -------------------------------------------------------------
@dataclass(frozen=True)
class ValueLink:
    """A stage or kind with its page and how many entries it has."""

    value: str
    label: str
    path: str
    count: int


@dataclass(frozen=True)
class EntryPage(PageData):
    TEMPLATE = "entry.md.j2"
    annex: Annex
    entry: Entry
    label: str
    governing: tuple[GoverningLink, ...]
    legal_versions: dict[str, LegalView]  # language -> LegalView; the reader's language picks one (localize)
    versions_link: str  # "" when the site carries one authentic version
    official_url: str
    thresholds: ThresholdTable | None
    related: tuple[LinkView, ...]
    equivalents: tuple[LinkView, ...]
    group_name: str
    category_title: str
    annex_link: str
    category_link: str
    group_link: str
    kind_link: str
    stage_links: tuple[tuple[str, str], ...]  # (stage, page)
    correlation_link: str
    as_of: AsOf
    timeline: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class VersionsPage(PageData):
    TEMPLATE = "versions.md.j2"
    annex: Annex
    entry: Entry
    version_languages: tuple[str, ...]
    rows: tuple[VersionRow, ...]
    aligned: bool
    entry_link: str
    missing: tuple[str, ...]  # authentic languages not transcribed
    official_url: str
    as_of: AsOf


@dataclass(frozen=True)
class GroupView:
    letter: str
    name: str
    path: str
    entries: tuple[LinkView, ...]


@dataclass(frozen=True)
class CategoryView:
    number: int
    title: str
    path: str
    groups: tuple[GroupView, ...]
    count: int


@dataclass(frozen=True)
class GroupPage(PageData):
    TEMPLATE = "group.md.j2"
    annex: Annex
    category: Category
    letter: str
    name: str
    entries: tuple[LinkView, ...]
    annex_link: str
    category_link: str
    as_of: AsOf
    notes: tuple[NoteView, ...]


@dataclass(frozen=True)
class CategoryPage(PageData):
    TEMPLATE = "category.md.j2"
    annex: Annex
    category: Category
    groups: tuple[GroupView, ...]
    annex_link: str
    as_of: AsOf
    notes: tuple[NoteView, ...]


@dataclass(frozen=True)
class AnnexPage(PageData):
    TEMPLATE = "annex.md.j2"
    annex: Annex
    categories: tuple[CategoryView, ...]
    count: int
    as_of: AsOf
    notes: tuple[NoteView, ...]


@dataclass(frozen=True)
class CorrelationPage(PageData):
    TEMPLATE = "correlation.md.j2"
    pairs: tuple[Comparison, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class AnnexEntries:
    annex: Annex
    entries: tuple[LinkView, ...]


@dataclass(frozen=True)
class ValuePage(PageData):
    """The entries of one stage or one kind."""

    value: str
    label: str
    by_annex: tuple[AnnexEntries, ...]
    count: int
    index_link: str
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class StagePage(ValuePage):
    TEMPLATE = "stage.md.j2"


@dataclass(frozen=True)
class KindPage(ValuePage):
    TEMPLATE = "kind.md.j2"


@dataclass(frozen=True)
class ValuesPage(PageData):
    values: tuple[ValueLink, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class StagesPage(ValuesPage):
    TEMPLATE = "stages.md.j2"


@dataclass(frozen=True)
class KindsPage(ValuesPage):
    TEMPLATE = "kinds.md.j2"


@dataclass(frozen=True)
class GlossaryPage(PageData):
    TEMPLATE = "glossary.md.j2"
    terms: tuple[GlossaryTerm, ...]
    users: dict[str, list[LinkView]]  # term id -> the entries whose legal text uses it
    annexes: dict[str, Annex]
    as_of: AsOf


@dataclass(frozen=True)
class AnnexLink:
    annex: Annex
    count: int
    path: str


@dataclass(frozen=True)
class HomePage(PageData):
    TEMPLATE = "home.md.j2"
    annexes: tuple[AnnexLink, ...]
    stages: tuple[str, ...]
    kinds: tuple[str, ...]
    as_of: AsOf
    news: News | None
    changes_link: str
    feed_link: str
    correlation_link: str
    stages_link: str
    kinds_link: str
    glossary_link: str


@dataclass(frozen=True)
class TranslationsPage(PageData):
    TEMPLATE = "translations.md.j2"
    as_of: AsOf
    annexes: tuple[Annex, ...]
    trees: tuple[Tree, ...]
    entry_links: dict[tuple[str, str], str]  # (annex, code) -> the entry's page
    tree_links: dict[str, str]  # tree id -> the guide's start page


@dataclass(frozen=True)
class CiteView:
    """What a guide's step cites: an entry (with the paragraphs) or a rule."""

    entry: LinkView | None = None
    paragraphs: tuple[str, ...] = ()
    rule: object = None
    gaps: bool = False  # the entry has text our sources did not capture: the answer says so
    heading: str = ""  # the which-entry guide's candidates: the group heading above this entry
    requires: tuple[str, ...] = ()  # ... the words of the legal text its rows require of the item
    ranges: tuple = ()  # ... and the ranges of figures (model Range) its rows need


@dataclass(frozen=True)
class TreeWay:
    """One of several paths to a step: the answers chosen (question id:answer index), and the steps."""

    nodes: str
    steps: tuple


@dataclass(frozen=True)
class TreeNodePage(PageData):
    TEMPLATE = "tree-node.md.j2"
    tree: Tree
    node: TreeNode
    parents: tuple
    start: bool
    steps: tuple
    cites: tuple[CiteView, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]
    ways: tuple[TreeWay, ...] = ()  # reached by several paths: each of them


@dataclass(frozen=True)
class TreePath:
    steps: tuple
    outcome: TreeNode
    cites: tuple[CiteView, ...]


@dataclass(frozen=True)
class TreeAllPage(PageData):
    TEMPLATE = "tree-all.md.j2"
    tree: Tree
    paths: tuple[TreePath, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class TreesPage(PageData):
    TEMPLATE = "trees.md.j2"
    trees: tuple[Tree, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]


@dataclass(frozen=True)
class ClassifyField:
    """A parameter of the threshold check's form, named as its first entry names it."""

    id: str
    name: str
    unit: str
    shown_unit: str  # the unit printed after the name: "" for a count or a pure number
    type: str
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class ClassifyQuestion:
    """A question on what the item is: one per quality, with the entry rows that ask it."""

    id: str
    text: str
    rows: tuple[str, ...]
    note: QuestionNote | None = None  # the question is quoted from this note


@dataclass(frozen=True)
class QuestionNote:
    code: str
    href: str  # site-relative URL of the note's anchor


@dataclass(frozen=True)
class ClassifyPage(PageData):
    TEMPLATE = "classify.md.j2"
    fields: tuple[ClassifyField, ...]
    questions: tuple[ClassifyQuestion, ...]
    as_of: AsOf
    annexes: tuple[Annex, ...]
    choices: tuple[tuple[str, str], ...]


# -- building them -----------------------------------------------------------------------------
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


def governing(annex: Annex, entry: Entry) -> tuple[GoverningLink, ...]:
    """The annex, category and group notes that govern ``entry``, where each is shown."""
    out = []

    for n in annex.notes:
        if n.governs_entry(entry):
            out.append(GoverningLink(n.label, n.kind, annex_path(annex.id), note_anchor(n.key), "annex",
                                     scope_title=annex.short_title))
    cat = next(c for c in annex.categories if c.number == entry.category)
    for n in cat.notes:
        if n.governs_entry(entry):
            if n.group:
                out.append(GoverningLink(n.label, n.kind, group_path(annex.id, cat.number, n.group), note_anchor(n.key), "group",
                                         f"{cat.number}{n.group}", GROUPS[n.group], N_("%(code)s: %(title)s")))
            else:
                out.append(GoverningLink(n.label, n.kind, category_path(annex.id, cat.number), note_anchor(n.key), "category",
                                         str(cat.number), cat.title, N_("Category %(num)d"), cat.number))
    return tuple(out)


def _governing_views(project: Project, annex: Annex, notes) -> tuple[NoteView, ...]:
    return tuple(_note_view(n, project.glossary, links=[_entry_link(project, annex.entry(c)) for c in n.governs])
                 for n in notes)

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
    related = tuple(LinkView(code, entry_label(annex.entry(code)), entry_path(annex.id, code)) for code in entry.related)
    equivalents = []
    for q in entry.equivalents:
        other_annex = project.annex(q.annex)
        other = other_annex.entry(q.code)
        equivalents.append(
            LinkView(q.code, entry_label(other), entry_path(q.annex, q.code), other_annex.short_title, q.scope, q.note)
        )
    legal = {lang: _legal_view(lang, e, g, lang == annex.source_language)
             for lang, e in entry_versions(annex, entry).items()}
    data = EntryPage(
        annex=annex,
        entry=entry,
        label=entry_label(entry),
        governing=governing(annex, entry),
        legal_versions=legal,
        versions_link=versions_path(annex.id, entry.code) if len(legal) > 1 else "",
        official_url=entry.source.url or annex.source_url,
        thresholds=threshold_table(entry),
        related=related,
        equivalents=tuple(equivalents),
        group_name=GROUPS[entry.group],
        category_title=next(c.title for c in annex.categories if c.number == entry.category),
        annex_link=annex_path(annex.id),
        category_link=category_path(annex.id, entry.category),
        group_link=group_path(annex.id, entry.category, entry.group),
        kind_link=kind_path(entry.kind),
        stage_links=tuple((s, stage_path(s)) for s in entry.stages),
        correlation_link=correlation_path(),
        as_of=as_of,
        timeline=changes.timeline(annex.id, entry.code),
    )
    return Page(entry_path(annex.id, entry.code), entry_label(entry), data, prefix=entry.code)


def _versions_page(project: Project, annex: Annex, entry: Entry, as_of: AsOf) -> Page | None:
    """The entry's authentic language versions side by side, when the site carries more than one."""
    languages, rows = version_rows(annex, entry, project.glossary)
    if len(languages) < 2:
        return None
    return Page(versions_path(annex.id, entry.code), N_("Authentic language versions"), prefix=entry.code, data=VersionsPage(
        annex=annex, entry=entry, version_languages=tuple(languages), rows=tuple(rows),
        aligned=not any(r.breaks for r in rows), entry_link=entry_path(annex.id, entry.code),
        missing=tuple(lang for lang in annex.authentic_languages if lang not in languages),
        official_url=entry.source.url or annex.source_url, as_of=as_of))


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
    nav: list[NavItem] = [NavItem(N_("Home"), home_path())]
    all_entries = [e for a in project.annexes for e in a.entries]
    annexes = tuple(project.annexes)

    for annex in project.annexes:
        cat_nav = []
        categories = []
        for cat in annex.categories:
            groups = []
            group_nav = []
            for letter in sorted({e.group for e in cat.entries}):
                entries = [e for e in cat.entries if e.group == letter]
                links = tuple(_entry_link(project, e) for e in entries)
                gpath = group_path(annex.id, cat.number, letter)
                groups.append(GroupView(letter, GROUPS[letter], gpath, links))
                pages.append(Page(gpath, GROUPS[letter], prefix=f"{cat.number}{letter}", data=GroupPage(
                    annex=annex, category=cat, letter=letter, name=GROUPS[letter], entries=links,
                    annex_link=annex_path(annex.id), category_link=category_path(annex.id, cat.number), as_of=as_of,
                    notes=_governing_views(project, annex, (n for n in cat.notes if n.group == letter)))))
                group_nav.append(
                    NavItem(GROUPS[letter], gpath,
                            tuple(NavItem(entry_label(e), entry_path(annex.id, e.code), prefix=e.code) for e in entries),
                            prefix=f"{cat.number}{letter}")
                )
                for e in entries:
                    pages.append(_entry_page(project, annex, e, as_of, changes))
                    versions = _versions_page(project, annex, e, as_of) if annex.versions else None
                    if versions:
                        pages.append(versions)
            cpath = category_path(annex.id, cat.number)
            categories.append(CategoryView(cat.number, cat.title, cpath, tuple(groups), len(cat.entries)))
            pages.append(Page(cpath, cat.title, prefix=str(cat.number), data=CategoryPage(
                annex=annex, category=cat, groups=tuple(groups), annex_link=annex_path(annex.id), as_of=as_of,
                notes=_governing_views(project, annex, (n for n in cat.notes if not n.group)))))
            cat_nav.append(NavItem(cat.title, cpath, tuple(group_nav), prefix=str(cat.number)))
        pages.append(Page(annex_path(annex.id), annex.title, AnnexPage(
            annex=annex, categories=tuple(categories), count=len(annex.entries), as_of=as_of,
            notes=_governing_views(project, annex, annex.notes))))
        nav.append(NavItem(annex.short_title, annex_path(annex.id), tuple(cat_nav)))

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
    pages.append(Page(correlation_path(), N_("Correlation"), CorrelationPage(tuple(pairs), as_of, annexes)))

    def view(view_name: str, values, matches, title: str, labels: dict, page_kind, index_kind) -> NavItem:
        children = []
        summary = []
        for v in values:
            matching = [e for e in all_entries if matches(e, v)]
            path = view_path(view_name, v)
            by_annex = tuple(AnnexEntries(a, tuple(_entry_link(project, e) for e in matching if e.annex == a.id))
                             for a in project.annexes)
            pages.append(Page(path, labels[v], page_kind(v, labels[v], by_annex, len(matching), link(path, view_path(view_name)),
                                                         as_of, annexes)))
            children.append(NavItem(labels[v], path))
            summary.append(ValueLink(v, labels[v], path, len(matching)))
        pages.append(Page(view_path(view_name), title, index_kind(tuple(summary), as_of, annexes)))
        return NavItem(title, view_path(view_name), tuple(children))

    nav.append(NavItem(N_("Correlation"), correlation_path()))
    nav.append(view("stages", STAGES, lambda e, v: v in e.stages, N_("By project stage"), STAGE_LABELS,
                    StagePage, StagesPage))
    nav.append(view("kinds", ENTRY_KINDS, lambda e, v: e.kind == v, N_("By kind"), KIND_LABELS, KindPage, KindsPage))

    term_users: dict[str, list[LinkView]] = {t.id: [] for t in project.glossary.terms}
    for e in all_entries:
        ids = {s.term for t in e.legal_texts() for s in link_terms(t, project.glossary) if s.term}
        for tid in ids:
            term_users.setdefault(tid, []).append(_entry_link(project, e))
    terms = sorted(project.glossary.terms, key=lambda t: t.term.casefold().strip("'\"“”‘’"))
    pages.append(Page(glossary_path(), N_("Glossary"),
                      GlossaryPage(tuple(terms), term_users, {a.id: a for a in project.annexes}, as_of)))
    nav.append(NavItem(N_("Glossary"), glossary_path()))

    pages.append(Page(home_path(), N_("Home"), HomePage(
        annexes=tuple(AnnexLink(a, len(a.entries), annex_path(a.id)) for a in project.annexes),
        stages=STAGES, kinds=ENTRY_KINDS, as_of=as_of, news=changes.news(), changes_link=changes_path(),
        feed_link=feed_path(), correlation_link=correlation_path(), stages_link=stage_path(), kinds_link=kind_path(),
        glossary_link=glossary_path())))
    trees = (*project.trees, *generated_trees(project))
    if trees:
        tree_pages, tree_nav = _tree_pages(project, trees, as_of)
        pages.extend(tree_pages)
        nav.append(tree_nav)
    if changes.history.steps or project.figures:
        change_pages, change_nav = changes.pages(as_of)
        pages.extend(change_pages)
        nav.append(change_nav)
    pages.append(Page(translations_path(), N_("Translation status"), TranslationsPage(
        as_of, annexes, tuple(project.trees),
        {(a.id, e.code): entry_path(a.id, e.code) for a in project.annexes for e in a.entries},
        {t.id: tree_path(t.id) for t in project.trees})))
    nav.append(NavItem(N_("Translation status"), translations_path()))
    pages.sort(key=lambda p: p.path)
    return SiteModel(project=project, pages=pages, nav=tuple(nav), as_of=as_of, trees=trees,
                     history=changes.history, charts=changes.charts, moved=changes.moved,
                     aliases=changes.aliases)


def _cites(project: Project, cites) -> tuple[CiteView, ...]:
    out = []
    for c in cites:
        if c.entry:
            annex_id, _, code = c.entry.partition("/")
            annex, entry = project.annex(annex_id), project.entry(annex_id, code)
            out.append(CiteView(LinkView(code, entry_label(entry), entry_path(annex_id, code), annex.short_title),
                                tuple(c.paragraphs), gaps=bool(entry.gaps), heading=c.heading, requires=tuple(c.requires),
                                ranges=tuple(c.ranges)))
        else:
            out.append(CiteView(rule=project.rule(c.rule)))
    return tuple(out)


def _tree_pages(project: Project, trees, as_of: AsOf) -> tuple[list[Page], NavItem]:
    """One page per step (its own URL, so a shared link reopens it), the tree's start page, and a
    printable page of every path; the steps stay out of the navigation."""
    annexes = tuple(project.annexes)
    pages: list[Page] = []
    for tree in trees:
        reached: dict[str, list] = {}  # an outcome reached by one path only can restate its answers
        for steps in tree.paths():
            if steps:
                reached.setdefault(steps[-1][1].next, []).append(steps)
        for node in tree.nodes:
            if node.id == tree.start:
                continue
            ways = reached.get(node.id, [])
            pages.append(Page(tree_path(tree.id, node.id), node.title or node.question, TreeNodePage(
                tree, node, tuple(tree.parents(node.id)), False, tuple(ways[0]) if len(ways) == 1 else (),
                _cites(project, node.cites), as_of, annexes,
                # reached by several paths: each, so the reader finds the answers they gave
                tuple(TreeWay(" ".join(f"{q.id}:{next(i for i, x in enumerate(q.answers) if x is a)}" for q, a in w), tuple(w))
                      for w in ways) if len(ways) > 1 else ())))
        start = tree.node(tree.start)
        pages.append(Page(tree_path(tree.id), tree.title, TreeNodePage(
            tree, start, (), True, (), _cites(project, start.cites), as_of, annexes)))
        paths = []
        for steps in tree.paths():
            outcome = tree.node(steps[-1][1].next) if steps else start
            paths.append(TreePath(tuple(steps), outcome, _cites(project, outcome.cites)))
        pages.append(Page(tree_all_path(tree.id), N_("All paths"), TreeAllPage(tree, tuple(paths), as_of, annexes)))
    pages.append(Page(tree_path(), N_("Decision guides"), TreesPage(tuple(trees), as_of, annexes)))
    # the classifier as a form: every parameter a threshold uses, named as its first entry names it
    fields: list[ClassifyField] = []
    seen = set()
    for annex in project.annexes:
        for e in annex.entries:
            for p in e.parameters:
                if p.id not in seen and any(c.parameter == p.id for t in e.thresholds for c in t.conditions):
                    seen.add(p.id)
                    fields.append(ClassifyField(p.id, p.name, p.unit, unit_shown(p.unit), p.type, p.minimum, p.maximum))
    # the questions on what the item is: one per quality id, with the rows that ask it
    questions = []
    for qid, rows in qualities(project).items():
        annex_id, code, paragraph, q = rows[0]
        note = quality_note(project.entry(annex_id, code), paragraph, q)  # quoted from a note: cite it
        questions.append(ClassifyQuestion(
            qid, q.text, tuple(f"{c}.{p}" if not c.endswith(p) else c for _, c, p, _ in rows),
            QuestionNote(code, with_anchor(page_url(entry_path(annex_id, code)), note_anchor(note.key))) if note else None))
    pages.append(Page(classify_path(), N_("Check figures against the thresholds"), ClassifyPage(
        tuple(fields), tuple(questions), as_of, annexes,
        (("yes", ANSWER_WORDS["Yes"]), ("no", ANSWER_WORDS["No"]), ("", N_("I don't know"))))))
    return pages, NavItem(N_("Decision guides"), tree_path(),
                          (*(NavItem(t.title, tree_path(t.id)) for t in trees),
                           NavItem(N_("Check figures against the thresholds"), classify_path())))
