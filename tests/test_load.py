"""Stage 1, load: YAML files to plain values with a line mark for every value and key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annexsite.load import load_project, load_yaml
from annexsite.load.yamlfile import MAX_BYTES, MAX_DEPTH


def load_text(tmp_path: Path, text: str | bytes, name: str = "doc.yaml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path, name)


def load_ok(tmp_path: Path, text: str):
    doc, problems = load_text(tmp_path, text)
    assert problems == [], [str(p) for p in problems]
    return doc


def only_problem(tmp_path: Path, text: str | bytes) -> str:
    doc, problems = load_text(tmp_path, text)
    assert doc is None
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


# -- line marks ------------------------------------------------------------------------------

NESTED = """\
category: 4
entries:
  - code: 4A906
    paragraphs:
      - label: a
        text: "Quantum computers:"
        paragraphs:
          - {label: a.1, text: Supporting 34}
    parameters: [{id: q, unit: "1"}]
"""


def test_marks_point_to_nested_values(tmp_path):
    doc = load_ok(tmp_path, NESTED)
    assert doc.marks[()] == (1, 1)
    assert doc.marks[("category",)] == (1, 11)
    assert doc.marks[("entries",)] == (3, 3)
    assert doc.marks[("entries", 0)] == (3, 5)
    assert doc.marks[("entries", 0, "code")] == (3, 11)
    assert doc.marks[("entries", 0, "paragraphs", 0, "label")] == (5, 16)
    assert doc.marks[("entries", 0, "paragraphs", 0, "text")] == (6, 15)
    assert doc.marks[("entries", 0, "paragraphs", 0, "paragraphs", 0, "text")] == (8, 32)
    assert doc.marks[("entries", 0, "parameters", 0, "unit")] == (9, 32)


def test_marks_point_to_keys(tmp_path):
    doc = load_ok(tmp_path, NESTED)
    assert doc.key_marks[("entries",)] == (2, 1)
    assert doc.key_marks[("entries", 0, "code")] == (3, 5)
    assert doc.key_marks[("entries", 0, "paragraphs", 0, "text")] == (6, 9)
    assert doc.key_marks[("entries", 0, "paragraphs", 0, "paragraphs", 0, "text")] == (8, 26)


def test_location_names_file_line_and_column(tmp_path):
    doc = load_ok(tmp_path, NESTED)
    assert str(doc.location(("entries", 0, "code"))) == "doc.yaml:3:11"
    assert str(doc.location(("entries", 0, "code"), key=True)) == "doc.yaml:3:5"
    # A path that does not exist falls back to the nearest enclosing value.
    assert str(doc.location(("entries", 0, "heading"))) == "doc.yaml:3:5"
    assert str(doc.location(("entries", 0, "heading"), key=True)) == "doc.yaml:3:5"
    assert str(doc.location(("nothing", 3))) == "doc.yaml:1:1"


def test_get_walks_the_data(tmp_path):
    doc = load_ok(tmp_path, NESTED)
    assert doc.get(("entries", 0, "paragraphs", 0, "label")) == "a"
    assert doc.get(("entries", 5, "code"), "none") == "none"
    assert doc.get(("category", "x")) is None


# -- scalars ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "written, value",
    [
        ("yes", "yes"), ("no", "no"), ("NO", "NO"), ("on", "on"), ("Off", "Off"), ("y", "y"), ("N", "N"),
        ("true", True), ("False", False),
        ("null", None), ("~", None), ("", None),
        ("2024-09-06", "2024-09-06"), ('"2024-09-06"', "2024-09-06"), ("2024-02-30", "2024-02-30"),
        ("4E906", "4E906"), ("4A906", "4A906"), ("3A501.a.15", "3A501.a.15"), ("0E001", "0E001"),
        ("1.0e-4", 1.0e-4), ("1e-4", 1e-4), ("1E+4", 1e4), ("1.5", 1.5), ("0.08", 0.08), (".5", 0.5),
        ("34", 34), ("-3", -3), ("2000", 2000),
        # Not numbers in YAML 1.2 or not here: sexagesimal, octal, hex, leading zeros, infinities.
        ("1:30", "1:30"), ("0o17", "0o17"), ("0x1F", "0x1F"), ("010", "010"), (".inf", ".inf"), (".nan", ".nan"),
        # No dot and no signed exponent: text, so that codes like 4E906 never turn into numbers.
        ("1e4", "1e4"),
    ],
)
def test_scalar_types(tmp_path, written, value):
    doc = load_ok(tmp_path, f"v: {written}\n")
    got = doc.data["v"]
    assert got == value and type(got) is type(value)


def test_keys_stay_text(tmp_path):
    doc = load_ok(tmp_path, "yes: 1\n4: 2\nnull: 3\n")
    assert doc.data == {"yes": 1, "4": 2, "null": 3}


def test_byte_order_mark_is_accepted(tmp_path):
    doc, problems = load_text(tmp_path, b"\xef\xbb\xbfid: alpha\ntitle: x\n")
    assert problems == []
    assert doc.data == {"id": "alpha", "title": "x"}
    assert doc.marks[("title",)] == (2, 8)


# -- refused -------------------------------------------------------------------------------

def test_alias_is_refused(tmp_path):
    message = only_problem(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert message == "doc.yaml:2:4: YAML aliases (*name) are not allowed in annex files"


@pytest.mark.parametrize(
    "text, where",
    [
        ("a: !!python/object/apply:os.system [echo hi]\n", "doc.yaml:1:4"),
        ("a: !!python/name:os.system ''\n", "doc.yaml:1:4"),
        ("a: !custom x\n", "doc.yaml:1:4"),
        ("a: !!binary aGk=\n", "doc.yaml:1:4"),
        ("a: !!set {x, y}\n", "doc.yaml:1:4"),
        ("a:\n  b: !!timestamp 2024-09-06\n", "doc.yaml:2:6"),
    ],
)
def test_tags_are_refused(tmp_path, text, where):
    message = only_problem(tmp_path, text)
    assert message.startswith(f"{where}: YAML tag '")
    assert "is not allowed" in message


def test_standard_tags_on_plain_values_are_allowed(tmp_path):
    assert load_ok(tmp_path, "a: !!str 4\n").data == {"a": "4"}


def test_duplicate_keys_are_refused_everywhere(tmp_path):
    doc, problems = load_text(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert doc is None
    assert [str(p) for p in problems] == [
        "doc.yaml:4:3: duplicate key 'c' (first defined at line 3)",
        "doc.yaml:5:1: duplicate key 'a' (first defined at line 1)",
    ]


def test_merge_key_is_refused(tmp_path):
    message = only_problem(tmp_path, "a: {x: 1}\nb:\n  <<: {x: 1}\n")
    assert message == "doc.yaml:3:3: YAML merge keys (<<) are not allowed"


def test_complex_key_is_refused(tmp_path):
    message = only_problem(tmp_path, "? [a, b]\n: 1\n")
    assert message == "doc.yaml:1:3: mapping keys must be plain text"


@pytest.mark.parametrize("text", ["", "\n\n   \n", "# only a comment\n# and another\n"])
def test_empty_file(tmp_path, text):
    assert only_problem(tmp_path, text) == "doc.yaml:1:1: file is empty"


def test_malformed_yaml_names_line_and_column(tmp_path):
    message = only_problem(tmp_path, "a: [1, 2\nb: 3\n")
    assert message.startswith("doc.yaml:2:2: malformed YAML: ")


def test_tab_indentation_gets_a_hint(tmp_path):
    message = only_problem(tmp_path, "a:\n\tb: 1\n")
    assert message.startswith("doc.yaml:2:1: malformed YAML: ")
    assert message.endswith("(hint: indent with spaces, not tabs)")


def test_two_documents_are_refused(tmp_path):
    message = only_problem(tmp_path, "a: 1\n---\nb: 2\n")
    assert message.startswith("doc.yaml:2:1: malformed YAML")


def test_invalid_utf8_names_its_byte(tmp_path):
    message = only_problem(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert message == "doc.yaml:2:7: invalid UTF-8 (byte 0xe9) (hint: save the file as UTF-8)"


def test_invalid_utf8_column_counts_characters(tmp_path):
    message = only_problem(tmp_path, "b: “é” x".encode("utf-8") + b"\xe9\n")
    assert message.startswith("doc.yaml:1:9: invalid UTF-8")


def test_bidirectional_control_is_refused(tmp_path):
    message = only_problem(tmp_path, "a: 1\nb: abc\u202edef\n")
    assert message.startswith("doc.yaml:2:7: bidirectional control character U+202E is not allowed")


def test_escaped_control_character_is_refused(tmp_path):
    message = only_problem(tmp_path, 'a: 1\nb: "x\\x07y"\n')
    assert message == "doc.yaml:2:4: control character U+0007 is not allowed in text"


@pytest.mark.parametrize("char", ["\x07", "\x00", "\x1b"])
def test_raw_control_character_is_a_diagnostic(tmp_path, char):
    doc, problems = load_text(tmp_path, f"a: 1\nb: xy{char}z\n")
    assert doc is None
    assert [str(p.location) for p in problems] == ["doc.yaml:2:6"]


def test_deep_nesting_is_refused(tmp_path):
    message = only_problem(tmp_path, "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert f"nested deeper than {MAX_DEPTH} levels" in message


def test_huge_file_is_refused(tmp_path):
    message = only_problem(tmp_path, b"a: " + b"x" * MAX_BYTES + b"\n")
    assert message.startswith("doc.yaml: file is") or message.startswith("doc.yaml:1:1: file is")
    assert "the limit is" in message


# -- the project layout ----------------------------------------------------------------------

def test_minimal_project_loads(minimal_root):
    raw = load_project(minimal_root)
    assert raw.diagnostics == []
    assert [(kind, doc.display) for kind, doc in raw.documents()] == [
        ("glossary", "annexes/glossary.yaml"),
        ("annex", "annexes/alpha/annex.yaml"),
        ("category", "annexes/alpha/category-4.yaml"),
        ("annex", "annexes/beta/annex.yaml"),
        ("category", "annexes/beta/category-4.yaml"),
    ]
    assert [a.folder for a in raw.annexes] == ["alpha", "beta"]
    alpha = raw.annexes[0].categories[0]
    assert alpha.get(("entries", 0, "code")) == "4A906"
    assert alpha.get(("entries", 0, "thresholds", 0, "conditions", 2, "value")) == 1.0e-4
    assert str(alpha.location(("entries", 1, "code"))) == "annexes/alpha/category-4.yaml:43:11"


def test_unexpected_files_and_folders_are_reported(minimal_project):
    base = minimal_project / "annexes"
    (base / "notes.yaml").write_text("a: 1\n")
    (base / "README.md").write_text("not YAML: ignored\n")
    (base / ".hidden.yaml").write_text("a: [\n")  # dotfiles are not ours
    (base / "Bad_Name").mkdir()
    (base / "gamma").mkdir()
    (base / "alpha" / "category-10.yaml").write_text("a: 1\n")
    (base / "alpha" / "category-5.yml").write_text("a: 1\n")
    (base / "alpha" / "drafts").mkdir()
    (base / "alpha" / ".category-7.yaml").write_text("a: [\n")

    raw = load_project(minimal_project)

    assert sorted(str(d) for d in raw.diagnostics) == [
        "annexes/Bad_Name: annex folder name 'Bad_Name' is not a lowercase slug (hint: use letters, digits and hyphens: us-ear-quantum)",
        "annexes/alpha/category-10.yaml:1:1: unexpected file (hint: entries live in category-N.yaml (N = 0-9))",
        "annexes/alpha/category-5.yml:1:1: unexpected file (hint: entries live in category-N.yaml (N = 0-9))",
        "annexes/alpha/drafts: unexpected file (hint: entries live in category-N.yaml (N = 0-9))",
        "annexes/gamma/annex.yaml: annex folder has no annex.yaml",
        "annexes/notes.yaml: unexpected file (hint: annex files live in annexes/<annex-id>/; the glossary is annexes/glossary.yaml; yearly figures are annexes/figures.yaml)",
    ]
    # The good files are still loaded, so their own errors can be reported in the same run.
    assert [a.folder for a in raw.annexes] == ["alpha", "beta", "gamma"]
    assert raw.glossary is not None


def test_missing_annexes_folder(tmp_path):
    raw = load_project(tmp_path)
    assert [str(d) for d in raw.diagnostics] == ["annexes: no annexes folder (hint: run annexsite in the project folder)"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_linked_annex_folder_is_refused(minimal_project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (minimal_project / "annexes" / "delta").symlink_to(outside, target_is_directory=True)
    raw = load_project(minimal_project)
    assert [str(d) for d in raw.diagnostics] == ["annexes/delta: annex folders must be real folders, not links"]


def test_a_broken_file_does_not_stop_the_others(minimal_project):
    (minimal_project / "annexes" / "alpha" / "category-3.yaml").write_text("category: [\n")
    raw = load_project(minimal_project)
    assert len(raw.diagnostics) == 1
    assert str(raw.diagnostics[0]).startswith("annexes/alpha/category-3.yaml:2:1: malformed YAML")
    assert [c.display for c in raw.annexes[0].categories] == ["annexes/alpha/category-4.yaml"]
