"""Decision trees generated from the annexes: they change whenever an entry or threshold does.

- ``quantum-computer``: "Is my quantum computer controlled?", from the physical-qubit and C-NOT
  error bands of every entry that uses them; each outcome is what :func:`classify` says for a
  value inside the chosen bands.
- ``which-entry``: "Which entry covers my item?", from kind to category to the candidate entries,
  each outcome naming the entry in every annex that controls it, with its equivalents.
"""

from __future__ import annotations

import math

from annexsite.derive.classify import classify
from annexsite.derive.text import entry_label
from annexsite.model import Answer, Cite, Condition, Project, Tree, TreeNode
from annexsite.model.objects import ANSWER_WORDS, ENTRY_KINDS, KIND_LABELS, N_

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
            # one answer per entry and its equivalents, in the order of the first annex naming it
            classes, seen = [], set()
            for e in sorted((x for x in of_kind if x.category == number), key=lambda x: (x.annex, x.code)):
                if (e.annex, e.code) in seen:
                    continue
                group = [e] + [project.entry(q.annex, q.code) for q in e.equivalents if project.entry(q.annex, q.code)]
                seen.update((g.annex, g.code) for g in group)
                classes.append(group)
            entry_answers = []
            for group in classes:
                first = group[0]
                base = f"{kind}-{number}-{first.annex}-{first.code.lower().replace('.', '-')}"
                params, quals = [], []
                for g in group:
                    params += [p.id for p in g.parameters if p.id not in params
                               and any(c.parameter == p.id for t in g.thresholds for c in t.conditions)]
                    for q in (q for t in g.thresholds for q in t.requires):
                        if all(q.id != x.id for x in quals):  # one question per quality, however many rows need it
                            quals.append(q)
                entry_answers.append(Answer(entry_label(first), _quality_steps(project, group, base, quals, params, {}, nodes)))
            none = f"{kind}-{number}-none"
            nodes.append(TreeNode(
                none, verdict="not-listed", title=N_("Not one of these entries"),
                text=N_("None of the entries on this site describes your item. It may still be controlled by "
                        "another entry of the control lists, which this site does not cover: ask your "
                        "export-control office.")))
            entry_answers.append(Answer(N_("None of these"), none))
            question = f"{kind}-{number}"
            nodes.append(TreeNode(question, question=N_("Which of these describes your item best?"),
                                  answers=tuple(entry_answers)))
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


def _inside(conds: tuple[Condition, ...]) -> float:
    """A value that meets every condition of a range (its lower end when it has one)."""
    lows = [c for c in conds if c.op in (">", ">=")]
    highs = [c for c in conds if c.op in ("<", "<=")]
    if lows:
        low = max(lows, key=lambda c: c.value)
        value = low.value if low.op == ">=" else low.value + max(abs(low.value) * 1e-6, 1e-12)
    else:
        high = min(highs, key=lambda c: c.value)
        value = high.value if high.op == "<=" else high.value - max(abs(high.value) * 1e-6, 1e-12)
    return value


def _outside(node_id: str) -> TreeNode:
    return TreeNode(node_id, verdict="not-listed", title=N_("Outside the thresholds of these entries"),
                    text=N_("With the values you chose, the thresholds of these entries are not met. Other "
                            "entries, end-use rules and sanctions can still apply."))


def _quality_steps(project: Project, group, node_id: str, quals: list, params: list[str], answers: dict, nodes: list) -> str:
    """Questions on what the item is (yes / no / don't know), quoted from the legal text, then the
    questions on its figures. "Don't know" leaves the question open: the outcome says it could apply."""
    if not quals:
        return _parameter_steps(project, group, node_id, params, {}, nodes, answers)
    q, rest = quals[0], quals[1:]
    choices = []
    for suffix, label, value in (("yes", ANSWER_WORDS["Yes"], True), ("no", ANSWER_WORDS["No"], False),
                                 ("unknown", N_("I don't know"), None)):
        chosen = {**answers, q.id: value} if value is not None else answers
        choices.append(Answer(label, _quality_steps(project, group, f"{node_id}-{suffix}", rest, params, chosen, nodes)))
    rows = [f"{g.code}.{t.paragraph}" if not g.code.endswith(t.paragraph) else g.code
            for g in group for t in g.thresholds if any(x.id == q.id for x in t.requires)]
    nodes.append(TreeNode(node_id, question=N_("Is your item described by these words of the legal text?"),
                          quote=q.text, help=", ".join(rows), answers=tuple(choices)))
    return node_id


def _parameter_steps(project: Project, group, node_id: str, params: list[str], chosen: dict, nodes: list,
                     answers: dict | None = None) -> str:
    """Questions on the parameters of an entry and its equivalents, one range per threshold row;
    each outcome is what :func:`classify` says for a value inside the ranges chosen."""
    answers = answers or {}
    keys = {(g.annex, g.code) for g in group}
    if not params:
        possible = []
        if chosen or answers:
            found, could = classify(project, chosen, answers)
            hits = [(m.annex, m.code, m.paragraphs) for m in found if (m.annex, m.code) in keys]
            possible = [(m.annex, m.code, m.paragraphs) for m in could if (m.annex, m.code) in keys]
        else:  # no thresholds: the description decides
            hits = [(g.annex, g.code, ()) for g in group]
        if hits:
            nodes.append(TreeNode(
                node_id, verdict="controlled", title=N_("These entries cover items of this description"),
                text=N_("If your item matches the legal text of these entries, including any thresholds, it is "
                        "controlled under each list named. Open an entry to compare your item with its text."),
                cites=tuple(Cite(entry=f"{annex}/{code}", paragraphs=rows) for annex, code, rows in hits)))
        elif possible:
            nodes.append(TreeNode(
                node_id, verdict="ask-office", title=N_("These entries could apply: what the item is decides"),
                text=N_("Your figures are within the thresholds of these entries, but you did not say whether the "
                        "item is what their legal text describes. Read the paragraph of each entry below; if it "
                        "describes your item, the item is controlled. If you cannot tell, ask your export-control "
                        "office."),
                cites=tuple(Cite(entry=f"{annex}/{code}", paragraphs=rows) for annex, code, rows in possible)))
        else:
            nodes.append(_outside(node_id))
        return node_id
    parameter, rest = params[0], params[1:]
    ranges: list[tuple[Condition, ...]] = []
    for g in group:
        for t in g.thresholds:
            if not all(c.holds(chosen[c.parameter]) for c in t.conditions if c.parameter in chosen):
                continue
            if any(answers.get(q.id) is False for q in t.requires):
                continue
            conds = tuple(c for c in t.conditions if c.parameter == parameter)
            if conds and conds not in ranges:
                ranges.append(conds)
    if not ranges:
        return _parameter_steps(project, group, node_id, rest, chosen, nodes, answers)
    declared = next(p for g in group for p in g.parameters if p.id == parameter)
    choices = []
    for k, conds in enumerate(ranges, 1):
        child = _parameter_steps(project, group, f"{node_id}-{k}", rest, {**chosen, parameter: _inside(conds)}, nodes, answers)
        choices.append(Answer("", child, conds, declared.unit))
    nodes.append(_outside(f"{node_id}-{len(ranges) + 1}"))
    choices.append(Answer(N_("None of these ranges"), nodes[-1].id))
    nodes.append(TreeNode(node_id, question=declared.name,
                          help=N_("Choose the range that contains your item's value. The ranges are those of the "
                                  "thresholds of these entries; read the entry for how the value is measured."),
                          answers=tuple(choices)))
    return node_id


def _category_title(project: Project, number: int):
    for annex in project.annexes:
        for c in annex.categories:
            if c.number == number and c.title:
                return c.title
    return str(number)  # a category file without a title: its number


def generated_trees(project: Project) -> tuple[Tree, ...]:
    return tuple(t for t in (which_entry(project), quantum_computer(project)) if t is not None)
