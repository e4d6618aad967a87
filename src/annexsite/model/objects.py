"""The content model: immutable value objects. Built only by :mod:`annexsite.model.build`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from annexsite.diagnostics import Location
from annexsite.model.terms import term_key


class Ui(str):
    """An interface string: translated through the interface catalog (``messages``)."""

    __slots__ = ()


def N_(message: str) -> Ui:
    """Mark an interface string for extraction; it is translated where it is shown."""
    return Ui(message)


class UiInContext(Ui):
    """An interface string whose translation depends on where it is used (msgctxt)."""

    def __new__(cls, message: str, context: str):
        self = super().__new__(cls, message)
        self.context = context
        return self

    def __reduce__(self):
        return (UiInContext, (str(self), self.context))


def NC_(context: str, message: str) -> UiInContext:
    """N_ with a translation context: "Yes" as an answer is not "Yes" as "available"."""
    return UiInContext(message, context)


class Msg(str):
    """A text of the annexes with its translation context and where it was written.

    ``domain`` is ``content`` for our own words (titles, guidance, parameter names, glossary
    explanations), which every language translates, or ``legal`` for the legal text, whose
    translations are only ever informative. ``context`` is stable across edits of the text:
    ``<annex>/<code>/<field>`` (or ``glossary/<term>/<field>``), so two identical English
    strings in different entries can be translated differently.
    """

    def __new__(cls, text: str, context: str, domain: str = "content", origin: Location | None = None):
        self = super().__new__(cls, text)
        self.context, self.domain, self.origin = context, domain, origin
        return self

    def __reduce__(self):
        return (Msg, (str(self), self.context, self.domain, self.origin))


ENTRY_KINDS = ("hardware", "materials", "software", "technology")
STAGES = ("theory", "simulation", "prototype", "fabrication", "deployment")
KIND_LABELS = {"hardware": N_("Hardware"), "materials": N_("Materials"), "software": N_("Software"),
               "technology": N_("Technology")}
STAGE_LABELS = {"theory": N_("Theory"), "simulation": N_("Simulation"), "prototype": N_("Prototype"),
                "fabrication": N_("Fabrication"), "deployment": N_("Deployment")}
GROUPS = {
    "A": N_("Systems, equipment and components"),
    "B": N_("Test, inspection and production equipment"),
    "C": N_("Materials"),
    "D": N_("Software"),
    "E": N_("Technology"),
}


@dataclass(frozen=True)
class Gap:
    field: str
    note: str


@dataclass(frozen=True)
class Paragraph:
    label: str
    text: str
    children: tuple["Paragraph", ...] = ()
    notes: tuple["Note", ...] = ()  # notes the law places inside this paragraph
    key: str = ""  # stable key: paragraph.<label>, or <note-key>.item.<label> for a note's item

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def legal_texts(self):
        """Its text, its sub-paragraphs', then the notes the law puts in it (read where it ends)."""
        yield self.text
        for child in self.children:
            yield from child.legal_texts()
        for n in self.notes:
            yield from n.legal_texts()


@dataclass(frozen=True)
class Note:
    """A note, N.B. or technical note where the law puts it: in an entry, a paragraph, another
    note, or governing a whole category, product group or annex (``id``, ``group``, ``governs``)."""

    kind: str
    text: str  # "" for a note that is only a list of items
    label: str = ""
    applies_to: str = ""
    items: tuple[Paragraph, ...] = ()  # labels local to the note
    notes: tuple["Note", ...] = ()  # notes nested inside this one
    key: str = ""  # stable key: note.<n>, paragraph.<label>.note.<n>, <parent>.note.<n>; a governing note's id
    id: str = ""  # governing notes only: the slug, unique in the annex
    group: str = ""  # governing notes only: the product group (A-E) it governs
    governs: tuple[str, ...] = ()  # governing notes only: the codes it governs (empty: all in its scope)

    def governs_entry(self, entry: "Entry") -> bool:
        """A governing note's reach over an entry of its scope: its product group, its codes."""
        return (not self.group or self.group == entry.group) and (not self.governs or entry.code in self.governs)

    def legal_texts(self):
        if self.text:
            yield self.text
        for item in self.items:
            yield from item.legal_texts()
        for n in self.notes:
            yield from n.legal_texts()


@dataclass(frozen=True)
class Reason:
    code: str
    applies_to: str
    country_chart: str = ""


@dataclass(frozen=True)
class LicenseException:
    code: str
    available: str  # yes | no | conditional
    conditions: str = ""


@dataclass(frozen=True)
class Parameter:
    id: str
    name: str
    unit: str
    type: str = "number"  # integer | number: what a reader may enter
    minimum: float | None = None  # inclusive bounds of a meaningful value
    maximum: float | None = None

    def problem(self, value: float) -> str:
        """Why ``value`` cannot be a value of this parameter ("" when it can)."""
        import math

        if not math.isfinite(value):
            return "not-finite"
        if self.type == "integer" and value != int(value):
            return "integer"
        if self.minimum is not None and value < self.minimum:
            return "minimum"
        if self.maximum is not None and value > self.maximum:
            return "maximum"
        return ""


@dataclass(frozen=True)
class Condition:
    parameter: str
    op: str
    value: float

    def holds(self, measured: float) -> bool:
        return {
            "<": measured < self.value,
            "<=": measured <= self.value,
            ">": measured > self.value,
            ">=": measured >= self.value,
        }[self.op]


@dataclass(frozen=True)
class Quality:
    """A condition on what the item is, quoted verbatim from the legal text of the row's
    paragraph: asked as a yes / no / don't know question."""
    id: str
    text: str


@dataclass(frozen=True)
class Threshold:
    paragraph: str
    conditions: tuple[Condition, ...]
    note: str = ""
    requires: tuple[Quality, ...] = ()


@dataclass(frozen=True)
class Equivalent:
    annex: str
    code: str
    scope: str = "full"
    note: str = ""


@dataclass(frozen=True)
class Guidance:
    covers: str
    excludes: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    citation: str
    url: str = ""
    grade: str = ""


@dataclass(frozen=True)
class Entry:
    annex: str
    code: str
    heading: str
    title: str  # our short title (a Msg), or "" when none is written: derive cuts a short label from the heading
    kind: str
    stages: tuple[str, ...]  # may be empty: not judged yet
    guidance: Guidance | None  # None: no plain-language guidance written yet
    source: Source
    effective_date: date
    paragraphs: tuple[Paragraph, ...] = ()
    notes: tuple[Note, ...] = ()
    reasons: tuple[Reason, ...] = ()
    license_exceptions: tuple[LicenseException, ...] = ()
    related: tuple[str, ...] = ()
    equivalents: tuple[Equivalent, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    amended_dates: tuple[date, ...] = ()
    gaps: tuple[Gap, ...] = ()
    replaces: str = ""  # the code this entry had before it was renumbered
    paragraphs_status: str = ""  # "" with paragraphs; in-heading | not-given without

    @property
    def category(self) -> int:
        return int(self.code[0])

    @property
    def group(self) -> str:
        return self.code[1]

    @property
    def slug(self) -> str:
        return self.code.lower()

    def all_paragraphs(self):
        for p in self.paragraphs:
            yield from p.walk()

    def legal_texts(self):
        """Every piece of legal text: heading, paragraphs, notes (wherever they sit) and their items."""
        yield self.heading
        for p in self.paragraphs:
            yield from p.legal_texts()
        for n in self.notes:
            yield from n.legal_texts()

    def parameter(self, pid: str) -> Parameter | None:
        return next((p for p in self.parameters if p.id == pid), None)


@dataclass(frozen=True)
class Category:
    number: int
    title: str
    entries: tuple[Entry, ...]
    notes: tuple[Note, ...] = ()  # governing notes of the category or of one of its groups


@dataclass(frozen=True)
class LegalVersion:
    """The legal text of an annex in another of its authentic languages. Its entries have the
    heading, paragraphs and notes of that language, with the same translation contexts (the
    alignment keys) as the source; every other field is the source entry's."""

    lang: str
    categories: tuple[int, ...]  # the categories transcribed in this language
    entries: tuple[Entry, ...]

    def entry(self, code: str) -> Entry | None:
        return next((e for e in self.entries if e.code == code), None)


@dataclass(frozen=True)
class Annex:
    id: str
    title: str
    short_title: str
    authority: str
    jurisdiction: str
    legal_basis: str
    source_url: str
    source_language: str
    authentic_languages: tuple[str, ...]
    effective_date: date
    status: str
    disclaimer: str
    code_label: str
    summary: str = ""
    gaps: tuple[Gap, ...] = ()
    categories: tuple[Category, ...] = ()
    notes: tuple[Note, ...] = ()  # governing notes of the whole annex
    # the other authentic language versions transcribed (annexes/<annex-id>/<lang>/): sources, not
    # translations, so no catalog extracts them
    versions: tuple[LegalVersion, ...] = field(default=(), metadata={"extract": False})

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for c in self.categories for e in c.entries)

    @cached_property
    def _by_code(self) -> dict[str, Entry]:  # entry() is asked thousands of times on a whole list
        out: dict[str, Entry] = {}
        for e in self.entries:
            out.setdefault(e.code, e)
        return out

    @property
    def transcribed(self) -> tuple[str, ...]:
        """The authentic languages whose legal text this site carries: the source's and the versions'."""
        return (self.source_language, *(v.lang for v in self.versions))

    def entry(self, code: str) -> Entry | None:
        return self._by_code.get(code)


@dataclass(frozen=True)
class GlossaryDefinition:
    annex: str
    text: str
    source: str


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    explanation: str  # our words, or "" when only a definition or where it is defined is given
    aliases: tuple[str, ...] = ()
    definitions: tuple[GlossaryDefinition, ...] = ()
    defined_in: tuple[str, ...] = ()
    # approved renderings per language, as the official texts in that language write the term
    renderings: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def rendering(self, lang: str) -> tuple[str, ...]:
        return next((r for code, r in self.renderings if code == lang), ())


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...] = ()

    @cached_property
    def _forms(self) -> dict[str, GlossaryTerm]:
        return {term_key(form): t for t in reversed(self.terms) for form in (t.term, *t.aliases)}

    def lookup(self, quoted: str) -> GlossaryTerm | None:
        return self._forms.get(term_key(quoted))


@dataclass(frozen=True)
class Range:
    """The range of one parameter that a threshold row sets, named as its entry names the parameter."""
    name: str
    conditions: tuple[Condition, ...]
    unit: str = ""


@dataclass(frozen=True)
class Cite:
    entry: str = ""  # "<annex-id>/<code>"
    rule: str = ""
    paragraphs: tuple[str, ...] = ()  # the threshold rows that applied (generated outcomes)
    # a candidate of the generated "which entry" guide: the entry's label heading its group of
    # equivalents, and what one threshold row needs (words of the legal text, ranges of figures)
    heading: str = ""
    requires: tuple[str, ...] = ()
    ranges: tuple[Range, ...] = ()


@dataclass(frozen=True)
class Answer:
    label: str  # Msg (authored) or Ui; empty when ``conditions`` describe the answer
    next: str
    conditions: tuple[Condition, ...] = ()  # a generated answer: a range of a parameter
    unit: str = ""


@dataclass(frozen=True)
class TreeNode:
    id: str
    question: str = ""  # a question node: question, help, answers
    help: str = ""
    answers: tuple[Answer, ...] = ()
    verdict: str = ""  # an outcome node: verdict, title, text, next steps
    title: str = ""
    text: str = ""
    next_steps: tuple[str, ...] = ()
    cites: tuple[Cite, ...] = ()
    quote: str = ""  # a question on what the item is: the words of the legal text it asks about

    @property
    def is_outcome(self) -> bool:
        return bool(self.verdict)


@dataclass(frozen=True)
class Tree:
    id: str
    title: str
    summary: str
    start: str
    nodes: tuple[TreeNode, ...]
    generated: bool = False  # derived from the annexes, never edited by hand

    @cached_property
    def _index(self) -> dict[str, TreeNode]:
        return {n.id: n for n in self.nodes}

    def node(self, node_id: str) -> TreeNode:
        return self._index[node_id]

    def parents(self, node_id: str) -> tuple[TreeNode, ...]:
        return tuple(n for n in self.nodes if any(a.next == node_id for a in n.answers))

    def paths(self) -> list[tuple[tuple[TreeNode, Answer], ...]]:
        """Every path from the start to an outcome, as (question, answer chosen) steps."""
        out = []

        def walk(node: TreeNode, steps: tuple):
            if node.is_outcome:
                out.append(steps)
                return
            for answer in node.answers:
                walk(self.node(answer.next), steps + ((node, answer),))

        walk(self.node(self.start), ())
        return out


@dataclass(frozen=True)
class Rule:
    id: str
    citation: str
    title: str
    url: str = ""
    grade: str = ""


@dataclass(frozen=True)
class Figure:
    """A figure a regulator published for a calendar year (licence applications, processing days)."""

    id: str
    year: int
    label: str  # a Msg
    value: float
    unit: str  # count | days | percent
    citation: str
    url: str = ""
    annex: str = ""


@dataclass(frozen=True)
class Project:
    annexes: tuple[Annex, ...]
    glossary: Glossary
    trees: tuple[Tree, ...] = ()
    rules: tuple[Rule, ...] = ()
    figures: tuple[Figure, ...] = ()

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def annex(self, annex_id: str) -> Annex | None:
        return next((a for a in self.annexes if a.id == annex_id), None)

    def entry(self, annex_id: str, code: str) -> Entry | None:
        annex = self.annex(annex_id)
        return annex.entry(code) if annex else None


STATUS_LABELS = {"in-force": N_("In force"), "proposed": N_("Proposed"), "superseded": N_("Superseded")}
NOTE_LABELS = {
    "note": N_("Note"), "technical-note": N_("Technical note"), "decontrol-note": N_("Decontrol note"),
    "nb": N_("N.B."), "related-controls": N_("Related controls"), "special-reporting": N_("Special reporting"),
    "general-note": N_("General note"), "definition": N_("Definition"),
}
AVAILABILITY_LABELS = {"yes": N_("Yes"), "no": N_("No (N/A)"), "conditional": N_("With conditions")}
# "Yes" and "No" answers are interface words, translated once, not once per question
ANSWER_WORDS = {"Yes": NC_("answer", "Yes"), "No": NC_("answer", "No")}
# the note at the top of each page of an offline archive (site/offline.py), translated by render
NO_SEARCH = N_("This offline copy has no search. Use Find in page in your browser, or search the site online.")

VERDICT_LABELS = {
    "not-subject": N_("Not subject to these controls"),
    "not-listed": N_("Not listed in these entries"),
    "controlled": N_("Controlled"),
    "licence-may-be-needed": N_("A licence may be needed"),
    "ask-office": N_("Ask your export-control office"),
    "candidates": N_("Compare your item with these entries"),  # the generated "which entry" guide
}
GRADE_LABELS = {
    "A": N_("verbatim from an official copy"),
    "B": N_("verbatim from a parsed copy of the official text; parser artefacts are possible"),
    "C": N_("from a secondary summary; check the official text"),
}
# what a release did to an entry, in the order change logs and counts list them
CHANGE_KINDS = ("added", "removed", "renumbered", "amended")
# units written after no number: a count of qubits, a pure number ("1")
UNITLESS = frozenset({"1", "qubit"})


def unit_shown(unit: str) -> str:
    """The unit as printed after a value or a parameter's name: "" for a count or a pure number."""
    return "" if unit in UNITLESS else unit


# what changed in an entry, as the change log and the annual summaries name it
CHANGE_LABELS = {
    "added": N_("Added"), "removed": N_("Removed"), "renumbered": N_("Renumbered"), "amended": N_("Amended"),
    "heading": N_("Heading of the legal text"), "title": N_("Title"),
    "guidance.covers": N_("In plain words: what it covers"), "guidance.excludes": N_("In plain words: what it does not cover"),
    "guidance.examples": N_("In plain words: examples"),
    "paragraph": N_("Paragraph %(key)s"), "note": N_("Note %(key)s"), "threshold": N_("Thresholds of paragraph %(key)s"),
    "kind": N_("Kind"), "stages": N_("Project stages"), "related": N_("Related entries"),
    "equivalents": N_("Equivalents in other control lists"), "source": N_("Source"),
    "effective_date": N_("Effective date"), "amended_dates": N_("Amendment dates"), "parameters": N_("Parameters"),
    "reasons_for_control": N_("Reasons for control"), "license_exceptions": N_("Licence exceptions"),
    "gaps": N_("Not in our sources"),
    "note_in_paragraph": N_("Note %(key)s in paragraph %(paragraph)s"),
    "paragraphs_status": N_("Paragraphs given by the source"),
}
LABELS = {
    "change_labels": CHANGE_LABELS,
    "stage_labels": STAGE_LABELS, "kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS,
    "note_labels": NOTE_LABELS, "availability_labels": AVAILABILITY_LABELS, "grade_labels": GRADE_LABELS,
    "verdict_labels": VERDICT_LABELS,
}
