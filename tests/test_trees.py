"""Decision trees: every path of every tree and its outcome, the classifier against shared
vectors, and bad trees failing validation at their file:line."""

from __future__ import annotations

import json
import os
import re

import pytest

from annexsite.derive.classify import classify
from annexsite.derive.trees import generated_trees
from annexsite.pipeline import Paths, check
from helpers import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden" / "trees"
UPDATE = os.environ.get("ANNEXSITE_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def project():
    return check(Paths(ROOT))


@pytest.fixture(scope="module")
def trees(project):
    return {t.id: t for t in (*project.trees, *generated_trees(project))}


def answer_text(answer) -> str:
    if answer.conditions:
        return " and ".join(f"{c.op} {c.value:g}" for c in answer.conditions)
    return str(answer.label)


def listing(tree) -> str:
    """Every path as its answers, then the outcome: verdict, node and what it cites."""
    lines = []
    for steps in tree.paths():
        outcome = tree.node(steps[-1][1].next)
        if outcome.verdict == "candidates":  # one line per threshold row: what it needs
            lines.append(" / ".join(answer_text(a) for _, a in steps) + f" => {outcome.verdict} [{outcome.id}]")
            for c in outcome.cites:
                needs = [f"“{q}”" for q in c.requires]
                needs += [f"{r.name} {answer_text(r)}" for r in c.ranges]
                rows = "".join(f" ({p})" for p in c.paragraphs)
                lines.append(f"    {c.heading} | {c.entry}{rows}: {'; '.join(needs) or 'the description decides'}")
            continue
        cites = ", ".join(c.entry or f"rule:{c.rule}" for c in outcome.cites)
        lines.append(" / ".join(answer_text(a) for _, a in steps) + f" => {outcome.verdict} [{outcome.id}] {cites}".rstrip())
    return "\n".join(lines) + "\n"


def test_every_path_of_every_tree_ends_in_its_expected_outcome(trees):
    assert {"which-entry", "quantum-computer"} <= set(trees)
    for tree_id, tree in sorted(trees.items()):
        golden = GOLDEN / f"{tree_id}.txt"
        text = listing(tree)
        if UPDATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
            continue
        assert text == golden.read_text(encoding="utf-8"), f"paths of {tree_id} changed; refresh tests/golden/trees if intended"


def test_generated_trees_are_sound(trees):
    for tree in (t for t in trees.values() if t.generated):
        ids = [n.id for n in tree.nodes]
        assert len(ids) == len(set(ids)), tree.id
        reached = {tree.start} | {a.next for n in tree.nodes for a in n.answers}
        assert reached == set(ids), tree.id  # every node reachable, every answer lands on a node
        assert all(n.is_outcome or len(n.answers) >= 2 for n in tree.nodes), tree.id


def test_quantum_computer_outcomes_agree_with_the_classifier(project, trees):
    tree = trees["quantum-computer"]
    for steps in tree.paths():
        measured = {}
        for _, answer in steps:
            for c in answer.conditions:  # a value inside the chosen range
                if c.op in (">=", "<="):
                    measured[c.parameter] = c.value
                elif c.parameter not in measured:
                    measured[c.parameter] = c.value * 2 if c.op == ">" else c.value - 1
        outcome = tree.node(steps[-1][1].next)
        # the guide is for gate-based and measurement-based machines, as its summary says
        matches, _ = classify(project, measured, {"gate_based_quantum_computer": True})
        assert sorted(c.entry for c in outcome.cites) == sorted(f"{m.annex}/{m.code}" for m in matches), measured
        assert outcome.verdict == ("controlled" if matches else "not-listed")
    assert len(tree.paths()) == 16  # < 34; seven bands x (within / above the C-NOT limit); >= 2,000


def test_which_entry_names_every_entry_with_its_equivalents(project, trees):
    outcomes = [n for n in trees["which-entry"].nodes if n.is_outcome]
    assert {n.verdict for n in outcomes} == {"candidates"}  # never "no entry matches"
    cited = [c.entry for n in outcomes for c in n.cites]
    every = [f"{a.id}/{e.code}" for a in project.annexes for e in a.entries]
    assert set(cited) == set(every)  # every entry reachable (a partial equivalent may appear twice)
    quantum = next(n for n in outcomes if "us-ear-quantum/4A906" in [c.entry for c in n.cites])
    assert sorted({c.entry for c in quantum.cites}) == ["eu-dual-use-quantum/4A506", "us-ear-quantum/4A906"]


def test_which_entry_lists_every_threshold_row_where_the_entry_is(project, trees):
    """Each row of each entry is on the page of the entry's kind, category and group, with the words
    and ranges it needs; an item inside them is what the classifier calls controlled by that row."""
    tree = trees["which-entry"]
    for annex in project.annexes:
        for e in annex.entries:
            page = tree.node(f"{e.kind}-{e.category}{e.group.lower()}")
            rows = [c for c in page.cites if c.entry == f"{annex.id}/{e.code}"]
            rows = [c for k, c in enumerate(rows) if c.paragraphs not in [r.paragraphs for r in rows[:k]]]  # a partial
            # equivalent of two entries is listed under both
            if not e.thresholds:
                assert [c.paragraphs for c in rows] == [()], e.code
                continue
            assert [c.paragraphs for c in rows] == [(t.paragraph,) for t in e.thresholds], e.code
            for c, t in zip(rows, e.thresholds):
                assert c.requires == tuple(q.text for q in t.requires)
                assert tuple(x for r in c.ranges for x in r.conditions) == t.conditions
                measured = {}
                for r in c.ranges:
                    low = [x for x in r.conditions if x.op in (">", ">=")]
                    high = [x for x in r.conditions if x.op in ("<", "<=")]
                    measured[r.conditions[0].parameter] = (
                        (low[0].value if low[0].op == ">=" else low[0].value * 1.001 + 1e-9) if low
                        else (high[0].value if high[0].op == "<=" else high[0].value * 0.999 - 1e-9))
                matches, _ = classify(project, measured, {q.id: True for q in t.requires})
                assert any(m.code == e.code and t.paragraph in m.paragraphs for m in matches), (e.code, t.paragraph)


def test_which_entry_grows_with_categories_and_groups_not_entries(project, trees):
    entries = [e for a in project.annexes for e in a.entries]
    groups = {(e.kind, e.category, e.group) for e in entries}
    categories = {(k, c) for k, c, _ in groups}
    kinds = {k for k, _ in categories}
    expected = 1 + len(groups)  # the start and one page per kind, category and group
    expected += sum(1 for k in kinds if len({c for kk, c in categories if kk == k}) > 1)
    expected += sum(1 for k, c in categories if len({g for kk, cc, g in groups if (kk, cc) == (k, c)}) > 1)
    assert len(trees["which-entry"].nodes) == expected < len(entries)


VECTORS = json.loads((ROOT / "tests/vectors/classify.json").read_text(encoding="utf-8"))


def test_classify_cli_matches_the_shared_vectors():
    for case in VECTORS["cases"]:
        args = [f"{k}={v}" for k, v in case["measured"].items()]
        args += [f"{k}={'yes' if v else 'no'}" for k, v in case.get("answers", {}).items()]
        result = run_cli("classify", *args, "--json")
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        assert sorted(f"{m['annex']}/{m['code']}" for m in out["matches"]) == case["matches"], case
        assert sorted(f"{m['annex']}/{m['code']}" for m in out["possible"]) == case.get("possible", []), case
        rows = {f"{m['annex']}/{m['code']}": m for m in out["matches"] + out["possible"]}
        for key, want in case.get("considered", {}).items():
            got = rows[key]
            assert [n["anchor"] for n in got["notes"]] == want["notes"], case
            assert [t["id"] for t in got["terms"]] == want["terms"], case
            assert got["gaps"] == want["gaps"], case


@pytest.mark.parametrize("case", VECTORS["numbers"], ids=lambda c: f"{c['lang']}:{c['text']}")
def test_numbers_are_read_as_the_reader_writes_them(case):
    from annexsite.derive.numbers import parse_number

    assert parse_number(case["text"], case["lang"]) == case["value"]


def test_classify_cli_refuses_values_outside_the_declared_type_and_range(project):
    from annexsite.derive.classify import declared, parse_value

    known = declared(project)
    for case in VECTORS["invalid"]:
        assert parse_value(known[case["parameter"]], case["text"]) == (None, case["problem"]), case
        result = run_cli("classify", f"{case['parameter']}={case['text']}")
        assert result.returncode == 2 and "Traceback" not in result.stderr, case
        assert result.stderr.startswith(f"annexsite: error: '{case['parameter']}={case['text']}': "), result.stderr
    assert "physical_qubits is a whole number (a count), not 2.5" in run_cli("classify", "physical_qubits=2.5").stderr
    assert "cnot_error_rate is at least 0, not -1" in run_cli("classify", "cnot_error_rate=-1").stderr
    assert "cnot_error_rate is at most 1, not 1.5" in run_cli("classify", "cnot_error_rate=1.5").stderr
    twice = run_cli("classify", "physical_qubits=3", "physical_qubits=4")
    assert twice.returncode == 2 and "physical_qubits is given twice" in twice.stderr
    unsure = run_cli("classify", "cmos_integrated_circuit=maybe")
    assert unsure.returncode == 2 and "answer yes or no" in unsure.stderr


def test_partial_input_names_what_would_decide_instead_of_nothing_matches():
    alone = run_cli("classify", "cnot_error_rate=0.01")
    assert alone.returncode == 0 and "No entry matches these figures." not in alone.stdout
    assert "Could apply: US EAR: 4A906" in alone.stdout and "Could apply: EU dual-use: 4A506" in alone.stdout
    assert "paragraph a.8 if: Fully controlled, connected and working physical qubits supported ≥ 2000" in alone.stdout
    assert "Not checked (you gave none of their figures or answers): " in alone.stdout and "3A901" in alone.stdout
    cold = json.loads(run_cli("classify", "ambient_temperature=0.5", "--json").stdout)
    assert cold["matches"] == []  # a CMOS chip only if it is one: the question is still open
    us = next(m for m in cold["possible"] if m["code"] == "3A901")
    assert us["open"][0] == {"paragraph": "a", "decides": [
        "the item is: \u201cComplementary Metal Oxide Semiconductor (CMOS) integrated circuits\u201d (cmos_integrated_circuit=yes)"]}
    cmos = run_cli("classify", "ambient_temperature=0.5", "cmos_integrated_circuit=yes")
    assert "US EAR: 3A901 Cryogenic CMOS chips and parametric signal amplifiers (paragraph a)" in cmos.stdout


def test_classify_cli_names_both_quantum_computer_entries():
    yes = run_cli("classify", "physical_qubits=34", "cnot_error_rate=0.00005")
    assert yes.returncode == 0 and "4A906" in yes.stdout and "4A506" in yes.stdout
    no = run_cli("classify", "physical_qubits=33", "cnot_error_rate=0.00005")
    assert no.returncode == 0 and "4A906" not in no.stdout and "No entry matches these figures." in no.stdout
    bad = run_cli("classify", "qubits=34")
    assert bad.returncode == 2 and "physical_qubits" in bad.stderr and "Traceback" not in bad.stderr


GOOD = """\
id: t
title: A test guide
summary: Tests.
start: first
nodes:
  - id: first
    question: Is it a quantum computer?
    answers:
      - {label: "Yes", next: covered}
      - {label: "No", next: free}
  - id: covered
    verdict: controlled
    title: Covered
    text: See the entry.
    cites: [{entry: alpha/4A906}]
  - id: free
    verdict: not-listed
    title: Not listed
    text: Not on the list.
"""


@pytest.mark.parametrize("change, line_text, message", [
    (lambda t: t + "  - {id: orphan, verdict: ask-office, title: Orphan, text: Never reached.}\n",
     "id: orphan", "node 'orphan' cannot be reached from the start 'first'"),
    (lambda t: t.replace("{label: \"No\", next: free}", "{label: \"No\", next: first}"),
     'label: "No", next: first', "answer 'No' leads back to 'first': the tree has a cycle"),
    (lambda t: t.replace("next: free}", "next: nowhere}"),
     "next: nowhere", "answer 'No' leads to 'nowhere', which is not a node of this tree"),
    (lambda t: t.replace("alpha/4A906", "alpha/4A999"), "alpha/4A999", "cited entry alpha/4A999 does not exist"),
    (lambda t: t.replace("cites: [{entry: alpha/4A906}]", "cites: [{rule: ear-734-8}]"), "rule: ear-734-8",
     "cited rule 'ear-734-8'"),
    (lambda t: t.replace("id: free", "id: all").replace("next: free", "next: all"), "id: all", "node id 'all' is reserved"),
])
def test_bad_tree_fails_validation_at_its_line(minimal_project, change, line_text, message):
    trees = minimal_project / "annexes" / "trees"
    trees.mkdir()
    text = change(GOOD)
    (trees / "t.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if line_text in l)
    result = run_cli("-C", str(minimal_project), "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"annexes/trees/t\.yaml:{line}:\d+: {re.escape(message)}", result.stderr), result.stderr


def test_good_tree_validates(minimal_project):
    trees = minimal_project / "annexes" / "trees"
    trees.mkdir()
    (trees / "t.yaml").write_text(GOOD, encoding="utf-8")
    result = run_cli("-C", str(minimal_project), "validate")
    assert result.returncode == 0, result.stderr


def test_every_outcome_cites_its_entries_or_rules_and_back_links_differ(trees):
    for tree in trees.values():
        for node in tree.nodes:
            if node.is_outcome and node.verdict != "not-listed":
                assert node.cites, (tree.id, node.id)  # every verdict but "not on these lists" says what it rests on
            questions = [str(p.question) for p in tree.parents(node.id)]
            assert len(questions) == len(set(questions)), (tree.id, node.id, questions)  # "Back: ..." links differ


def test_guides_assert_only_what_the_references_support(trees):
    for tree_id in ("subject-to-controls", "sharing-abroad"):
        tree = trees[tree_id]
        published = tree.node("published")
        # 15 CFR 734.7's current text is a gap in ../shared/reference: the in-between cases go to the office
        assert "is not published" not in published.help and "are not published" not in published.help
        assert "was not captured on this site" in published.help
        gap = tree.node(next(a.next for a in published.answers if str(a.label).startswith("Not sure")))
        assert gap.verdict == "ask-office" and {c.rule for c in gap.cites} >= {"ear-published", "ear-publicly-available"}
        assert "not captured" in gap.text
    which = trees["subject-to-controls"].node("which-rules")
    assert "Choose US rules if your lab is in the United States." not in which.help and "reexports" in which.help


def test_generated_outcomes_restate_the_answers_and_the_paragraph_that_applied(trees):
    for tree in (t for t in trees.values() if t.generated):
        ends = [steps[-1][1].next for steps in tree.paths()]
        assert len(ends) == len(set(ends)), tree.id  # one path per outcome: its page can restate the answers
    a2 = trees["quantum-computer"].node("qubits-100-error-1")
    assert sorted((c.entry, c.paragraphs) for c in a2.cites) == [
        ("eu-dual-use-quantum/4A506", ("a.2",)), ("us-ear-quantum/4A906", ("a.2",))]
