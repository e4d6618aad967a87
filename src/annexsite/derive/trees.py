"""Decision trees generated from the annexes: they change whenever an entry or threshold does.

- ``quantum-computer``: "Is my quantum computer controlled?", from the physical-qubit and C-NOT
  error bands of every entry that uses them; each outcome is what :func:`classify` says for a
  value inside the chosen bands.
- ``which-entry``: "Which entry covers my item?", from kind to category and group to one page of
  candidate entries, each with its equivalents and what each of its threshold rows needs.
"""

from __future__ import annotations

from annexsite.derive.classify import classify
from annexsite.derive.text import entry_label
from annexsite.model import Answer, Cite, Condition, Project, Tree, TreeNode
from annexsite.model.objects import ENTRY_KINDS, GROUPS, KIND_LABELS, N_, Range

QUBITS, ERROR = "physical_qubits", "cnot_error_rate"


def _bounds(project: Project, parameter: str, rows=None) -> list[float]:
    values = set()
    for annex in project.annexes:
        for e in annex.entries:
            for t in e.thresholds:
                if rows is not None and (annex.id, e.code, t.paragraph) not in rows:
                    continue
                values.update(c.value for c in t.conditions if c.parameter == parameter)
    return sorted(values)


def _rows(project: Project, measured: dict[str, float]) -> set:
    """Rows whose conditions on the measured parameters hold (whatever else they need)."""
    out = set()
    for annex in project.annexes:
        for e in annex.entries:
            for t in e.thresholds:
                named = [c for c in t.conditions if c.parameter in measured]
                if named and all(c.holds(measured[c.parameter]) for c in named):
                    out.add((annex.id, e.code, t.paragraph))
    return out


def _scope(project: Project) -> dict[str, bool]:
    """The questions on what the item is that the qubit rows ask (gate-based, not annealing),
    answered yes: this guide is for the machines its summary names; the summary says what the
    lists say, and do not say, about the others."""
    return {q.id: True for a in project.annexes for e in a.entries for t in e.thresholds
            if any(c.parameter == QUBITS for c in t.conditions) for q in t.requires}


def _outcome(project: Project, node_id: str, measured: dict[str, float]) -> TreeNode:
    matches, _ = classify(project, measured, _scope(project))
    if matches:
        return TreeNode(node_id, verdict="controlled", title=N_("Controlled"),
                        text=N_("The thresholds of the entries below cover a machine with these figures. An export "
                                "needs a licence or a licence exception: read each entry's legal text and ask your "
                                "export-control office."),
                        cites=tuple(Cite(entry=f"{m.annex}/{m.code}", paragraphs=m.paragraphs) for m in matches))
    return TreeNode(node_id, verdict="not-listed", title=N_("Not covered by the quantum computer entries"),
                    text=N_("These figures are outside the thresholds of the quantum computer entries of every list "
                            "on this site. Other entries, end-use rules and sanctions can still apply."))


def quantum_computer(project: Project) -> Tree | None:
    qubit_bounds = _bounds(project, QUBITS)
    if not qubit_bounds:
        return None
    nodes: list[TreeNode] = []
    answers = []
    # cells of the qubit axis: below the first bound, then [b_i, b_i+1), then from the last bound
    cells = [(None, qubit_bounds[0])] + list(zip(qubit_bounds, qubit_bounds[1:])) + [(qubit_bounds[-1], None)]
    for low, high in cells:
        conds = tuple(c for c in (Condition(QUBITS, ">=", low) if low is not None else None,
                                  Condition(QUBITS, "<", high) if high is not None else None) if c)
        qubits = low if low is not None else max(high - 1, 0)
        name = f"qubits-{int(qubits)}"
        rows = _rows(project, {QUBITS: qubits})
        error_bounds = _bounds(project, ERROR, rows)
        if not error_bounds:
            nodes.append(_outcome(project, name, {QUBITS: qubits}))
        else:
            error_answers = []
            edges = [None] + error_bounds
            for k, upper in enumerate(error_bounds + [None]):
                lower = edges[k]
                econds = tuple(c for c in (Condition(ERROR, ">", lower) if lower is not None else None,
                                           Condition(ERROR, "<=", upper) if upper is not None else None) if c)
                error = upper if upper is not None else lower * 2
                leaf = f"{name}-error-{k + 1}"
                nodes.append(_outcome(project, leaf, {QUBITS: qubits, ERROR: error}))
                error_answers.append(Answer("", leaf, econds, "1"))
            nodes.append(TreeNode(name, question=N_("What is its average C-NOT error?"),
                                  help=N_("The average physical gate error of its two-qubit C-NOT gates between "
                                          "nearest neighbours, as the entries define 'C-NOT error'."),
                                  answers=tuple(error_answers)))
        answers.append(Answer("", name, conds, "qubit"))
    start = TreeNode("qubits", question=N_("How many fully controlled, connected and working physical qubits does it support?"),
                     help=N_("Count them as the entries define 'physical qubits': two-level systems that can be "
                             "calibrated, initialised, gated and read out, and between any pair of which two-qubit "
                             "gates can be performed."),
                     answers=tuple(answers))
    return Tree("quantum-computer", N_("Is my quantum computer controlled?"),
                N_("Two questions about a gate-based or measurement-based quantum computer: the physical qubits it "
                   "supports and its C-NOT error. The answer comes from the thresholds of the quantum computer "
                   "entries of every control list on this site. A note of the US entry 4A906 says it does not "
                   "apply to adiabatic (annealing) quantum computers; whether the EU entry 4A506 has the same "
                   "note was not captured in our sources. For an annealer, ask your export-control office."),
                "qubits", (start, *nodes), generated=True)


def which_entry(project: Project) -> Tree | None:
    """Kind, then category, then group of entries (each question asked only when there is a
    choice), then one page per category and group listing its candidate entries with their
    equivalents and, for each threshold row, the words of the legal text and the ranges of figures
    it needs. The guide grows with categories and groups, not with entries; it never says that no
    entry matches an item the entries on this site could cover."""
    entries = [e for a in project.annexes for e in a.entries]
    if not entries:
        return None
    nodes: list[TreeNode] = []
    kind_answers = []
    for kind in ENTRY_KINDS:
        of_kind = [e for e in entries if e.kind == kind]
        if not of_kind:
            continue
        category_answers = []
        for number in sorted({e.category for e in of_kind}):
            group_answers = []
            for letter in sorted({e.group for e in of_kind if e.category == number}):
                node_id = f"{kind}-{number}{letter.lower()}"
                members = [e for e in of_kind if e.category == number and e.group == letter]
                nodes.append(_candidates(project, node_id, members))
                group_answers.append(Answer(GROUPS[letter], node_id))
            if len(group_answers) == 1:  # one group only: straight to its entries
                category_answers.append(Answer(_category_title(project, number), group_answers[0].next))
                continue
            question = f"{kind}-{number}"
            nodes.append(TreeNode(question, question=N_("Which group of entries is it in?"),
                                  answers=tuple(group_answers)))
            category_answers.append(Answer(_category_title(project, number), question))
        if len(category_answers) == 1:  # one area only: straight to its entries
            kind_answers.append(Answer(KIND_LABELS[kind], category_answers[0].next))
            continue
        nodes.append(TreeNode(kind, question=N_("Which area of technology is it?"), answers=tuple(category_answers)))
        kind_answers.append(Answer(KIND_LABELS[kind], kind))
    start = TreeNode("kind", question=N_("What kind of item is it?"),
                     help=N_("Hardware is equipment, devices and their parts; materials are substances such as "
                             "isotopically enriched silicon; software is programs; technology is the information "
                             "needed to develop, produce or use an item."),
                     answers=tuple(kind_answers))
    return Tree("which-entry", N_("Which entry covers my item?"),
                N_("From the kind of item to the entries that may cover it, in every control list on this site, "
                   "with their equivalents. The entry pages then give the legal text and thresholds."),
                "kind", (start, *nodes), generated=True)


def _candidates(project: Project, node_id: str, members) -> TreeNode:
    """The entries of one category and group, each with its equivalents in other lists, and what
    each threshold row needs: every outcome the legal text allows is on this one page."""
    cites, seen = [], set()
    for e in sorted(members, key=lambda x: (x.annex, x.code)):
        if (e.annex, e.code) in seen:
            continue
        group = [e] + [project.entry(q.annex, q.code) for q in e.equivalents if project.entry(q.annex, q.code)]
        seen.update((g.annex, g.code) for g in group)
        heading = entry_label(e)
        for g in group:
            names = {p.id: p for p in g.parameters}
            if not g.thresholds:  # no thresholds: the description decides
                cites.append(Cite(entry=f"{g.annex}/{g.code}", heading=heading))
            for t in g.thresholds:
                ranges = []
                for parameter in dict.fromkeys(c.parameter for c in t.conditions):
                    declared = names.get(parameter)
                    ranges.append(Range(declared.name if declared else parameter,
                                        tuple(c for c in t.conditions if c.parameter == parameter),
                                        declared.unit if declared else ""))
                cites.append(Cite(entry=f"{g.annex}/{g.code}", paragraphs=(t.paragraph,), heading=heading,
                                  requires=tuple(q.text for q in t.requires), ranges=tuple(ranges)))
    return TreeNode(
        node_id, verdict="candidates", title=N_("Entries that may cover your item"),
        text=N_("An entry below covers your item if the item is what its legal text describes and, where a "
                "paragraph is followed by quoted words or ranges of figures, the item is described by those words "
                "and its figures are within those ranges. Entries under one heading are equivalents in different "
                "control lists. Open an entry to compare your item with its whole text. If none of them describes "
                "your item, it may still be controlled by another entry of the control lists, which this site "
                "does not cover: ask your export-control office."),
        cites=tuple(cites))


def _category_title(project: Project, number: int):
    for annex in project.annexes:
        for c in annex.categories:
            if c.number == number and c.title:
                return c.title
    return str(number)  # a category file without a title: its number


def generated_trees(project: Project) -> tuple[Tree, ...]:
    return tuple(t for t in (which_entry(project), quantum_computer(project)) if t is not None)
