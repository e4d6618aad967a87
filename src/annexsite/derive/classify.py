"""Which entries a set of measured values and answers falls under, from the thresholds of every annex.

Three-valued, row by row: a threshold row is *met* when every condition holds and every quality
(what the item is) was answered yes; *not met* when one condition fails or one quality was
answered no; otherwise it *could be met*, and the conditions and questions still open are what
would decide. An entry matches when one of its rows is met; it could match when none is met and
one could be. Partial input therefore never reads as "nothing matches" while a row is still open.

The same rules run in the browser (site_overrides/assets/annexsite-classify.js) on the data
exported as ``data/classify.json``; tests/vectors/classify.json holds the cases both must agree on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from annexsite.derive.numbers import parse_number
from annexsite.derive.text import note_anchor, short_label
from annexsite.derive.urls import annex_path, category_path, group_path, page_url
from annexsite.model import Condition, Parameter, Project, Quality, quoted_terms

YES_WORDS, NO_WORDS = ("yes", "y", "true"), ("no", "n", "false")


@dataclass(frozen=True)
class Open:
    """A row that could be met: what is still unknown and would decide."""
    paragraph: str
    conditions: tuple[Condition, ...]  # conditions on figures not given
    qualities: tuple[Quality, ...]  # questions not answered


@dataclass(frozen=True)
class Match:
    annex: str
    code: str
    paragraphs: tuple[str, ...]  # the threshold rows that hold (or could hold)
    needs: tuple[str, ...] = ()  # parameters and questions still unknown (a possible match)
    open: tuple[Open, ...] = ()  # per row, what would decide (a possible match)


# notes that point elsewhere (related controls, reporting duties) say nothing on whether a row applies
NOT_CONSIDERED = ("related-controls", "special-reporting")
EXCERPT = 90


@dataclass(frozen=True)
class NoteRef:
    """A note of the entry that applies to a threshold row: read with it, it may include or exclude the item."""
    anchor: str  # its id on the entry page
    kind: str
    label: str  # the law's own label ("Note 2"), or "" when only its kind names it
    applies_to: str  # the paragraph it is attached to, "" for the whole entry
    excerpt: str  # its first words, legal text as written
    page: str = ""  # a note governing the annex, category or group: the site-relative URL of its page


def governing_notes(annex, entry) -> tuple[NoteRef, ...]:
    """The notes of the annex, the entry's category and its product group that govern the entry
    (the EU Cryptography Note, the General Technology Note): read with every row of it."""
    category = next(c for c in annex.categories if c.number == entry.category)
    found = [(n, annex_path(annex.id)) for n in annex.notes]
    found += [(n, group_path(annex.id, category.number, n.group) if n.group else category_path(annex.id, category.number))
              for n in category.notes]
    return tuple(NoteRef(note_anchor(n.key), n.kind, n.label, "", _excerpt(n), page_url(path))
                 for n, path in found if n.governs_entry(entry) and n.kind not in NOT_CONSIDERED)


def _excerpt(n) -> str:
    return short_label(n.text or next((i.text for i in n.items), ""), EXCERPT)


@dataclass(frozen=True)
class TermRef:
    """A defined term quoted in the legal text of a row: its glossary id and the words quoted."""
    id: str
    quoted: str


@dataclass(frozen=True)
class Considered:
    """What an answer rests on besides the thresholds: the notes of the rows, the definitions of
    the terms they quote, and the parts of the entry our sources did not capture."""
    notes: tuple[NoteRef, ...] = ()
    terms: tuple[TermRef, ...] = ()
    gaps: tuple[str, ...] = ()  # the fields of the entry with a gap (notes, paragraphs, ...)


def _chain(paragraph: str) -> list[str]:
    """a.1.b -> [a.1.b, a.1, a]: the row's paragraph and the paragraphs above it."""
    out = []
    while paragraph:
        out.append(paragraph)
        paragraph = paragraph.rpartition(".")[0]
    return out


def row_notes(entry, paragraph: str) -> tuple[NoteRef, ...]:
    """The notes that apply to one row: the entry's notes for the whole entry or for the row's
    paragraph or one above it, and the notes the law places inside those paragraphs."""
    chain = _chain(paragraph)
    found = [n for n in entry.notes if not n.applies_to or n.applies_to in chain]
    found += [n for p in entry.all_paragraphs() if p.label in chain for n in p.notes]
    return tuple(NoteRef(note_anchor(n.key), n.kind, n.label, n.applies_to, _excerpt(n))
                 for n in found if n.kind not in NOT_CONSIDERED)


def row_terms(entry, paragraph: str, glossary) -> tuple[TermRef, ...]:
    """The glossary terms quoted in the heading and the legal text of the row's paragraphs."""
    chain = set(_chain(paragraph))
    texts = [entry.heading] + [p.text for p in entry.all_paragraphs() if p.label in chain]
    out: dict[str, TermRef] = {}
    for text in texts:
        for _, _, inner, _ in quoted_terms(text):
            term = glossary.lookup(inner)
            if term is not None and term.id not in out:
                out[term.id] = TermRef(term.id, inner.strip().rstrip(",.;:").strip())
    return tuple(out.values())


def quality_note(entry, paragraph: str, quality: Quality):
    """The note a quality is quoted from, when the row's paragraphs do not hold its words."""
    chain = set(_chain(paragraph))
    if any(quality.text in p.text for p in entry.all_paragraphs() if p.label in chain):
        return None
    return next((n for n in entry.notes if (not n.applies_to or n.applies_to in chain) and quality.text in n.text), None)


def considered(project: Project, annex: str, code: str, paragraphs) -> Considered:
    """The notes, definitions and gaps of the rows an answer names (met or open), in order, once each."""
    entry = project.entry(annex, code)
    notes: dict[tuple[str, str], NoteRef] = {}
    terms: dict[str, TermRef] = {}
    governing = governing_notes(project.annex(annex), entry) if paragraphs else ()
    for paragraph in paragraphs:
        for n in (*governing, *row_notes(entry, paragraph)):
            notes.setdefault((n.page, n.anchor), n)
        for t in row_terms(entry, paragraph, project.glossary):
            terms.setdefault(t.id, t)
    return Considered(tuple(notes.values()), tuple(terms.values()), tuple(dict.fromkeys(g.field for g in entry.gaps)))


def parameters(project: Project) -> dict[str, str]:
    """Every parameter id used by a threshold, with its unit."""
    return {p.id: p.unit for p in declared(project).values()}


def declared(project: Project) -> dict[str, Parameter]:
    """Every parameter used by a threshold, as its first entry declares it (type, range, name)."""
    out: dict[str, Parameter] = {}
    for annex in project.annexes:
        for e in annex.entries:
            for p in e.parameters:
                if any(c.parameter == p.id for t in e.thresholds for c in t.conditions):
                    out.setdefault(p.id, p)
    return out


def qualities(project: Project) -> dict[str, list[tuple[str, str, str, Quality]]]:
    """Every quality question, with the (annex, code, paragraph) rows that ask it."""
    out: dict[str, list] = {}
    for annex in project.annexes:
        for e in annex.entries:
            for t in e.thresholds:
                for q in t.requires:
                    out.setdefault(q.id, []).append((annex.id, e.code, t.paragraph, q))
    return out


def row_state(t, measured: dict[str, float], answers: dict[str, bool]) -> tuple[str, Open | None]:
    """("met" | "open" | "not", what is open) for one threshold row."""
    unknown_c, unknown_q = [], []
    for c in t.conditions:
        if c.parameter not in measured:
            unknown_c.append(c)
        elif not c.holds(measured[c.parameter]):
            return "not", None
    for q in t.requires:
        if q.id not in answers:
            unknown_q.append(q)
        elif not answers[q.id]:
            return "not", None
    if unknown_c or unknown_q:
        return "open", Open(t.paragraph, tuple(unknown_c), tuple(unknown_q))
    return "met", None


def _checked(e, measured, answers) -> bool:
    """Whether the input says anything about this entry (a figure or an answer it uses)."""
    return any(c.parameter in measured for t in e.thresholds for c in t.conditions) or \
        any(q.id in answers for t in e.thresholds for q in t.requires)


def classify(project: Project, measured: dict[str, float],
             answers: dict[str, bool] | None = None) -> tuple[list[Match], list[Match]]:
    """(entries one of whose rows is met, entries none of whose rows is met but one could be).
    Entries the input says nothing about are in :func:`unchecked`, not here."""
    answers = answers or {}
    matches, possible = [], []
    for annex in project.annexes:
        for e in annex.entries:
            if not e.thresholds or not _checked(e, measured, answers):
                continue
            held, open_ = [], []
            for t in e.thresholds:
                state, what = row_state(t, measured, answers)
                if state == "met":
                    held.append(t.paragraph)
                elif state == "open":
                    open_.append(what)
            if held:
                matches.append(Match(annex.id, e.code, tuple(held)))
            elif open_:
                needs = sorted({c.parameter for o in open_ for c in o.conditions} | {q.id for o in open_ for q in o.qualities})
                possible.append(Match(annex.id, e.code, tuple(o.paragraph for o in open_), tuple(needs), tuple(open_)))
    return matches, possible


def unchecked(project: Project, measured: dict[str, float], answers: dict[str, bool] | None = None) -> list[tuple[str, str]]:
    """Entries with thresholds that the input says nothing about: not checked, not cleared."""
    answers = answers or {}
    return [(annex.id, e.code) for annex in project.annexes for e in annex.entries
            if e.thresholds and not _checked(e, measured, answers)]


def parse_value(parameter: Parameter, raw: str) -> tuple[float | None, str]:
    """(value, "") or (None, why) for a value typed on the command line (English conventions: 0.0008, 8e-4, 8 × 10⁻⁴)."""
    value = parse_number(raw, "en")
    if value is None:
        return None, "not-a-number"
    problem = parameter.problem(value)
    return (None, problem) if problem else (value, "")


def parse_answer(raw: str) -> bool | None:
    word = raw.strip().lower()
    return True if word in YES_WORDS else False if word in NO_WORDS else None


def export(project: Project, release: str = "", as_of: str = "") -> dict:
    """What the browser needs to classify: every parameter's type and range, every entry's rows,
    and the release (or, unreleased, the date) they are current as of, which answer links record."""
    entries = []
    for annex in project.annexes:
        for e in annex.entries:
            if e.thresholds:
                entries.append({
                    "annex": annex.id, "code": e.code, "lang": annex.source_language,
                    "rows": [{"paragraph": t.paragraph,
                              "conditions": [{"parameter": c.parameter, "op": c.op, "value": c.value} for c in t.conditions],
                              **({"requires": [{"id": q.id, "text": q.text} for q in t.requires]} if t.requires else {}),
                              "notes": [asdict(n) for n in (*governing_notes(annex, e), *row_notes(e, t.paragraph))],
                              "terms": [asdict(x) for x in row_terms(e, t.paragraph, project.glossary)]}
                             for t in e.thresholds],
                    **({"gaps": list(dict.fromkeys(g.field for g in e.gaps))} if e.gaps else {}),
                })
    params = declared(project)
    return {"release": release, "as_of": as_of,
            "parameters": {p.id: p.unit for p in params.values()},
            "types": {p.id: {"type": p.type, "minimum": p.minimum, "maximum": p.maximum} for p in params.values()},
            "qualities": sorted(qualities(project)),
            "entries": entries}
