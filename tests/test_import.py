"""`annexsite import ccl-json`: the whole US Commerce Control List into annex YAML, nothing invented."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
import ccl_example  # noqa: E402

SOURCE = ccl_example.SOURCE
SHARED = ROOT.parent / "shared" / "reference" / "us-ccl-2026-07-23.json"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the files are large
MARK = "# Written by `annexsite import ccl-json`"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, str]:
    """The bundled project with the whole CCL imported (scripts/ccl_example.py)."""
    out = tmp_path_factory.mktemp("ccl-example")
    done = ccl_example.make(out)
    assert done.returncode == 0, done.stderr
    return out, done.stdout


def entries_of(project: Path):
    for path in sorted((project / "annexes/us-ccl").glob("category-*.yaml")):
        for entry in load(path)["entries"]:
            yield path, entry


def test_the_committed_source_is_the_shared_reference():
    if SHARED.is_file():
        assert SOURCE.read_bytes() == SHARED.read_bytes()


def test_import_reports_what_it_could_not_place_and_validates(imported):
    project, out = imported
    assert "imported 633 entries in 10 categories" in out
    assert "not placed as in the source: 372 entries have no paragraphs in the source" in out
    assert "kept as notes: 1A004:a, 1A004:b" in out
    assert out.rstrip().endswith("ok: the imported annex validates")
    assert run_cli("-C", str(project), "validate").returncode == 0


def test_nothing_invented(imported):
    project, _ = imported
    count = 0
    for path, entry in entries_of(project):
        count += 1
        assert not {"title", "guidance", "stages", "parameters", "thresholds"} & set(entry), (path, entry["code"])
        assert ("paragraphs" in entry) != ("paragraphs_status" in entry), entry["code"]
        assert entry.get("paragraphs_status", "not-given") == "not-given"
    assert count == 633
    glossary = load(project / "annexes/glossary.yaml")["terms"]
    bundled = load(ROOT / "annexes/glossary.yaml")["terms"]
    assert glossary[:len(bundled)] == bundled  # the project's own terms, untouched
    added = glossary[len(bundled):]
    assert len(added) > 150
    assert all(set(t) == {"id", "term", "defined_in"} and t["defined_in"] == ["15 CFR 772.1"] for t in added)
    assert (project / "annexes/glossary.yaml").read_text(encoding="utf-8").startswith(
        (ROOT / "annexes/glossary.yaml").read_text(encoding="utf-8"))


def test_the_notes_of_category_5_part_2_govern_that_part(imported):
    project, _ = imported
    doc = load(project / "annexes/us-ccl/category-5.yaml")
    notes = {n["id"]: n for n in doc["notes"]}
    crypto = notes["category-5-part-2-cryptography-note"]
    assert crypto["label"] == "Cryptography Note"
    assert crypto["text"].startswith("ECCNs 5A002, 5D002.a.1")
    a = crypto["paragraphs"][0]
    assert [p["label"] for p in a["paragraphs"]] == ["a.1", "a.2", "a.3", "a.4"]
    assert [p["label"] for p in a["paragraphs"][0]["paragraphs"]] == ["a.1.a", "a.1.b", "a.1.c", "a.1.d"]
    assert crypto["governs"][0] == "5A002" and "5A001" not in crypto["governs"] and "5E991" not in crypto["governs"]
    e5e991 = next(e for _, e in entries_of(project) if e["code"] == "5E991")
    assert "Cryptography" not in json.dumps(e5e991)  # moved, not copied


def test_a_second_import_is_byte_identical_and_adds_no_term_twice(imported, tmp_path):
    project, _ = imported
    before = snapshot(project / "annexes")
    again = run_cli("-C", str(project), "import", "ccl-json", str(SOURCE))
    assert again.returncode == 0, again.stderr
    assert "0 glossary terms added" in again.stdout
    assert snapshot(project / "annexes") == before


def test_every_written_file_is_marked_and_codes_are_quoted(imported):
    project, _ = imported
    for path in sorted((project / "annexes/us-ccl").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(MARK)
        for event in yaml.parse(text, Loader=LOADER):
            assert not isinstance(event, yaml.AliasEvent) and getattr(event, "anchor", None) is None


@pytest.fixture
def small_project(minimal_project) -> Path:
    return minimal_project


def test_a_hand_written_annex_folder_is_never_replaced(small_project):
    before = snapshot(small_project)
    result = run_cli("-C", str(small_project), "import", "ccl-json", str(SOURCE), "--annex-id", "alpha")
    assert result.returncode == 2
    assert "annexes/alpha/annex.yaml was not written by `annexsite import ccl-json`: it is left alone" in result.stderr
    assert snapshot(small_project) == before


@pytest.mark.parametrize("content, expect", [
    ('{"entries": [}', "bad.json:1:14: not JSON: Expecting value"),
    ('{"ecfrIssueDate": "2026-07-23"}', "bad.json: no list of entries under 'entries'"),
    ('{"entries": [], "ecfrIssueDate": "July"}', "'ecfrIssueDate' is 'July', not a YYYY-MM-DD date"),
    ('{"entries": [], "ecfrIssueDate": "2025-13-45"}', "'ecfrIssueDate' is '2025-13-45', not a real date"),
    ('{"entries": [], "ecfrIssueDate": "2026-07-23", "deepCategories": 5}', "'deepCategories' is int, not a list"),
    ('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}", "bad.json: not JSON this importer can read"),
    ('{"entries": [], "n": ' + "9" * 5000 + "}", "bad.json: not JSON this importer can read"),
])
def test_a_source_that_is_not_a_parsed_ccl_is_refused_with_its_location(small_project, content, expect):
    bad = small_project / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = snapshot(small_project / "annexes")
    result = run_cli("-C", str(small_project), "import", "ccl-json", str(bad))
    assert result.returncode == 1
    assert expect in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(small_project / "annexes") == before


@pytest.mark.parametrize("args, expect", [
    (["--annex-id", "../evil"], "--annex-id '../evil': use lowercase letters, digits and single hyphens"),
    (["--annex-id", "Bad"], "use lowercase letters"),
])
def test_unsafe_annex_ids_are_usage_errors(small_project, args, expect):
    result = run_cli("-C", str(small_project), "import", "ccl-json", str(SOURCE), *args)
    assert result.returncode == 2 and expect in result.stderr


def test_entries_of_another_shape_are_skipped_by_name_not_a_traceback(small_project):
    bad = small_project / "shapes.json"
    bad.write_text(json.dumps({"ecfrIssueDate": "2026-07-23", "entries": [
        {"eccn": "1A001", "heading": "Good entry."},
        {"eccn": "1A002", "heading": "Flags as a list.", "licenceExceptionFlags": ["LVS"]},
        {"eccn": "1A003", "heading": "An item text as a number.", "items": [{"text": 5}]},
        {"eccn": "1A004", "heading": "A chart as a string.", "countryChart": "NS"},
    ]}), encoding="utf-8")
    result = run_cli("-C", str(small_project), "import", "ccl-json", str(bad))
    assert result.returncode == 0, result.stderr
    assert "imported 1 entries in 1 categories" in result.stdout
    assert ("3 entries skipped (no valid code or heading, a code given twice, or a field of another shape, named in "
            "brackets): 1A002 (licenceExceptionFlags: list), 1A003 (items[0].text: int), 1A004 (countryChart: str)"
            ) in result.stdout


def test_a_folder_is_not_a_source(small_project):
    result = run_cli("-C", str(small_project), "import", "ccl-json", str(small_project))
    assert result.returncode == 2 and "not a file" in result.stderr
