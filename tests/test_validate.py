"""Stage 2, validate: every error of a project at once, each with file:line:col, sorted."""

from __future__ import annotations

from pathlib import Path

import pytest

from annexsite.diagnostics import ContentError, Diagnostic, Location
from annexsite.load import load_project
from annexsite.validate import validate_project
from annexsite.validate.schema import check_schema


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(d) for d in validate_project(load_project(root))]


def test_minimal_project_is_valid(minimal_root):
    assert validate_project(load_project(minimal_root)) == []


def test_independent_errors_are_all_reported_sorted_by_file_and_line(minimal_project):
    annexes = minimal_project / "annexes"
    # Six unrelated mistakes in five files, found by different stages: load, schema, cross-field.
    edit(annexes / "glossary.yaml", "{annex: alpha, text:", "{annex: gamma, text:")
    edit(annexes / "beta" / "category-4.yaml", '{id: cnot_error_rate, name: C-NOT error, unit: "1"}',
         '{id: cnot_error_rate, name: C-NOT error, unit: "%"}')
    edit(annexes / "alpha" / "category-4.yaml", "    related: [4A906]\n", "    related: [4A906, 4A999]\n")
    edit(annexes / "alpha" / "category-4.yaml", "      - paragraph: a.2\n", "      - paragraph: a.9\n")
    edit(annexes / "alpha" / "annex.yaml", 'effective_date: "2024-09-06"', 'effective_date: "2024-02-30"')
    edit(annexes / "beta" / "annex.yaml", "status: in-force", "status: in force")
    # (an unreadable file suspends "unknown reference" checks into its own annex only)
    (annexes / "beta" / "category-3.yaml").write_text("category: [3\n", encoding="utf-8")

    found = validate_project(load_project(minimal_project))

    assert [str(d.location) for d in found] == [
        "annexes/alpha/annex.yaml:10:17",
        "annexes/alpha/category-4.yaml:30:20",
        "annexes/alpha/category-4.yaml:47:22",
        "annexes/beta/annex.yaml:11:9",
        "annexes/beta/category-3.yaml:2:1",
        "annexes/beta/category-4.yaml:19:56",
        "annexes/glossary.yaml:15:17",
    ]
    messages = [d.message for d in found]
    assert messages[0] == "'2024-02-30' is not a valid date"
    assert messages[1] == "4A906: threshold names unknown paragraph 'a.9'"
    assert messages[2] == "4D906: related entry 4A999 does not exist in annex alpha"
    assert messages[3] == "status: 'in force' is not allowed"
    assert messages[4].startswith("malformed YAML: ")
    assert messages[5].startswith("4A506: parameter cnot_error_rate is in '%' here but in '1' at annexes/alpha/category-4.yaml:23:")
    assert messages[6] == "definition cites unknown annex 'gamma'"
    assert found == sorted(found)


def test_lines_sort_as_numbers_not_text(minimal_project):
    path = minimal_project / "annexes" / "alpha" / "category-4.yaml"
    edit(path, "    kind: software\n", "    kind: gadget\n")  # line 45
    edit(path, "    kind: hardware\n", "    kind: gizmo\n")  # line 7
    lines = [d.location.line for d in validate_project(load_project(minimal_project))
             if d.location.path.endswith("alpha/category-4.yaml")]
    assert lines == [7, 45]


def test_content_error_prints_sorted_path_line_col_lines():
    b = Diagnostic(Location("annexes/b.yaml", 2, 3), "second")
    a = Diagnostic(Location("annexes/a.yaml", 10, 1), "first", "a hint")
    error = ContentError([b, a])
    assert error.diagnostics == [a, b]
    assert str(error) == "annexes/a.yaml:10:1: first (hint: a hint)\nannexes/b.yaml:2:3: second"
    assert str(Diagnostic(Location("annexes/x.yaml"), "no line")) == "annexes/x.yaml: no line"


def test_each_problem_is_reported_once(minimal_project):
    edit(minimal_project / "annexes" / "alpha" / "category-4.yaml", "    related: [4A906]\n", "    related: [4A999]\n")
    found = problems(minimal_project)
    assert len(found) == len(set(found)) == 1


def test_broken_glossary_does_not_flag_every_quoted_term(minimal_project):
    """With an invalid glossary the term check is skipped instead of reporting every term as unknown."""
    edit(minimal_project / "annexes" / "glossary.yaml", "    term: software\n", "")
    assert problems(minimal_project) == ["annexes/glossary.yaml:7:5: terms[1]: missing required key 'term'"]


def test_quoted_terms_are_checked_in_paragraphs_and_notes(minimal_project):
    path = minimal_project / "annexes" / "alpha" / "category-4.yaml"
    edit(path, 'text: "Quantum computers, as follows:"', 'text: "Quantum “computers”, as follows:"')
    edit(path, "text: Does not apply to annealers.", "text: Does not apply to “annealers”.")
    assert [p.split(" (hint")[0] for p in problems(minimal_project)] == [
        "annexes/alpha/category-4.yaml:11:15: 4A906: quoted term “computers” is not in the glossary",
        "annexes/alpha/category-4.yaml:20:15: 4A906: quoted term “annealers” is not in the glossary",
    ]


def test_single_quoted_terms_need_no_glossary_entry(minimal_project):
    # 'C-NOT error' in 4A906 is defined by the entry itself, not in the glossary.
    assert "'C-NOT error'" in (minimal_project / "annexes" / "alpha" / "category-4.yaml").read_text(encoding="utf-8")
    assert problems(minimal_project) == []


def test_schema_messages_name_the_field_and_point_at_it(minimal_project):
    path = minimal_project / "annexes" / "alpha" / "category-4.yaml"
    edit(path, "stages: [prototype, deployment]", "stages: [prototype, prototype]")
    edit(path, "      excludes: Annealers.\n", "      excludes: Annealers.\n      see_also: 4A506\n")
    edit(path, "    source: {citation: Test citation 4D906}\n", "")
    doc = load_project(minimal_project).annexes[0].categories[0]
    assert [str(d) for d in check_schema("category", doc)] == [
        "annexes/alpha/category-4.yaml:40:7: entries[0].guidance: unknown key 'see_also' "
        "(hint: allowed keys: covers, examples, excludes)",
        "annexes/alpha/category-4.yaml:8:13: entries[0].stages: list has repeated items",
        "annexes/alpha/category-4.yaml:44:5: entries[1]: missing required key 'source'",
    ]


def test_infinite_threshold_value_is_reported(minimal_project):
    path = minimal_project / "annexes" / "alpha" / "category-4.yaml"
    edit(path, '{parameter: physical_qubits, op: ">=", value: 2000}', '{parameter: physical_qubits, op: ">=", value: 1.0e400}')
    found = validate_project(load_project(minimal_project))
    assert [str(d.location) for d in found] == ["annexes/alpha/category-4.yaml:32:59"], [str(d) for d in found]
