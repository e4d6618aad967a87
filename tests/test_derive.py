"""Stage 4, derive: view-models built from the model of tests/roots/minimal."""

from __future__ import annotations

from pathlib import Path

import pytest

from annexsite.derive import derive_site, link_terms
from annexsite.derive.compare import compare_pair, threshold_table
from annexsite.model import Condition, Glossary, GlossaryTerm
from annexsite.load.yamlfile import RawDocument
from annexsite.model.build import build_entry


@pytest.fixture(scope="module")
def site(minimal_model):
    return derive_site(minimal_model)


def entry(minimal_model, annex, code):
    found = minimal_model.entry(annex, code)
    assert found is not None
    return found


def codes(links) -> list[str]:
    return [link.code for link in links]


def small_entry(code: str, parameters, thresholds) -> object:
    entry = {
        "code": code, "heading": "Test.", "kind": "hardware", "stages": ["theory"],
        "guidance": {"covers": "x", "excludes": "y"}, "source": {"citation": "c"}, "effective_date": "2024-01-01",
        "paragraphs": [{"label": "a", "text": "A."}, {"label": "b", "text": "B."}],
        "parameters": [{"id": p, "name": p.title(), "unit": "1"} for p in parameters],
        "thresholds": thresholds,
    }
    return build_entry("test", RawDocument(Path("category-4.yaml"), "category-4.yaml", {"entries": [entry]}), 0)


# -- threshold tables ---------------------------------------------------------------------------

def test_threshold_table_of_alpha_4a906(minimal_model):
    table = threshold_table(entry(minimal_model, "alpha", "4A906"))
    assert [(p.id, p.name, p.unit) for p in table.columns] == [
        ("physical_qubits", "Physical qubits", "qubit"),
        ("cnot_error_rate", "C-NOT error", "1"),
    ]
    assert [row.paragraph for row in table.rows] == ["a.1", "a.2"]
    a1, a2 = table.rows
    assert a1.cells == (
        (Condition("physical_qubits", ">=", 34.0), Condition("physical_qubits", "<", 100.0)),
        (Condition("cnot_error_rate", "<=", 1.0e-4),),
    )
    assert a1.note == ""
    assert a2.cells == ((Condition("physical_qubits", ">=", 2000.0),), ())
    assert a2.note == "no error-rate condition"
    assert table


def test_entry_without_thresholds_has_an_empty_table(minimal_model):
    table = threshold_table(entry(minimal_model, "alpha", "4D906"))
    assert not table
    assert table.columns == () and table.rows == ()


def test_threshold_columns_follow_declaration_and_skip_unused_parameters():
    e = small_entry("4A001", ["speed", "unused", "power"], [
        {"paragraph": "a", "conditions": [{"parameter": "power", "op": ">", "value": 1}]},
        {"paragraph": "b", "conditions": [{"parameter": "speed", "op": "<", "value": 2}]},
    ])
    table = threshold_table(e)
    assert [p.id for p in table.columns] == ["speed", "power"]
    assert [r.cells for r in table.rows] == [
        ((), (Condition("power", ">", 1.0),)),
        ((Condition("speed", "<", 2.0),), ()),
    ]


def test_compare_pair_marks_differing_bands_and_one_sided_parameters():
    left = small_entry("4A001", ["speed", "power"], [
        {"paragraph": "a", "conditions": [{"parameter": "speed", "op": ">=", "value": 10},
                                          {"parameter": "power", "op": "<", "value": 5}]},
        {"paragraph": "b", "conditions": [{"parameter": "speed", "op": ">=", "value": 20}]},
    ])
    right = small_entry("4A501", ["speed"], [
        {"paragraph": "a", "conditions": [{"parameter": "speed", "op": ">=", "value": 10}]},
        {"paragraph": "b", "conditions": [{"parameter": "speed", "op": ">=", "value": 25}]},
    ])
    c = compare_pair("L", left, "R", right, "partial")
    assert [p.id for p in c.columns] == ["speed"]
    assert [p.id for p in c.left_only] == ["power"] and c.right_only == ()
    assert [r.same for r in c.rows] == [True, False]
    assert not c.identical


# -- correlation ------------------------------------------------------------------------------

def test_each_correlation_pair_appears_once(site):
    pairs = site.page("correlation.md").data.pairs
    # 4A906 lists 4A506 and 4A506 lists 4A906 back: one pair, not two.
    assert [(p.left.code, p.right.code) for p in pairs] == [("4A906", "4A506")]
    (pair,) = pairs
    assert pair.identical
    assert pair.scope == "full"
    assert [p.id for p in pair.columns] == ["physical_qubits", "cnot_error_rate"]
    assert (pair.left.path, pair.right.path) == ("alpha/4a906.md", "beta/4a506.md")


# -- stage and kind pages ---------------------------------------------------------------------

def by_annex(site, path) -> dict[str, list[str]]:
    page = site.page(path)
    return {group.annex.id: codes(group.entries) for group in page.data.by_annex}


@pytest.mark.parametrize(
    "path, expected",
    [
        ("stages/theory.md", {"alpha": [], "beta": []}),
        ("stages/simulation.md", {"alpha": ["4D906"], "beta": []}),
        ("stages/prototype.md", {"alpha": ["4A906"], "beta": ["4A506"]}),
        ("stages/fabrication.md", {"alpha": [], "beta": []}),
        ("stages/deployment.md", {"alpha": ["4A906"], "beta": ["4A506"]}),
        ("kinds/hardware.md", {"alpha": ["4A906"], "beta": ["4A506"]}),
        ("kinds/materials.md", {"alpha": [], "beta": []}),
        ("kinds/software.md", {"alpha": ["4D906"], "beta": []}),
        ("kinds/technology.md", {"alpha": [], "beta": []}),
    ],
)
def test_stage_and_kind_pages_list_the_right_entries(site, path, expected):
    assert by_annex(site, path) == expected
    assert site.page(path).data.count == sum(len(v) for v in expected.values())


def test_stage_and_kind_indexes_count_entries(site):
    stages = {v.value: v.count for v in site.page("stages/index.md").data.values}
    kinds = {v.value: v.count for v in site.page("kinds/index.md").data.values}
    assert stages == {"theory": 0, "simulation": 1, "prototype": 2, "fabrication": 0, "deployment": 2}
    assert kinds == {"hardware": 2, "materials": 0, "software": 1, "technology": 0}
    assert list(stages) == ["theory", "simulation", "prototype", "fabrication", "deployment"]


def test_pages_have_unique_paths_and_entry_urls(site):
    paths = [p.path for p in site.pages]
    assert len(paths) == len(set(paths))
    assert paths == sorted(paths)
    assert {"alpha/4a906.md", "alpha/4d906.md", "beta/4a506.md", "alpha/index.md", "alpha/4/index.md",
            "alpha/4a/index.md", "glossary.md", "correlation.md", "index.md"} <= set(paths)
    assert site.page("alpha/4a906.md").url == "alpha/4a906/"
    assert site.page("alpha/4/index.md").url == "alpha/4/"
    assert site.page("index.md").url == ""


def test_entry_page_links_related_and_equivalents(site):
    data = site.page("alpha/4a906.md").data
    assert codes(data.related) == ["4D906"]
    assert [(q.code, q.path, q.annex_title) for q in data.equivalents] == [("4A506", "beta/4a506.md", "Beta")]
    assert [p.label for p in data.legal_versions["en"].paragraphs] == ["a", "a.1", "a.2"]
    assert [p.depth for p in data.legal_versions["en"].paragraphs] == [1, 2, 2]


def test_glossary_page_lists_the_entries_using_each_term(site):
    users = site.page("glossary.md").data.users
    assert {k: codes(v) for k, v in users.items()} == {
        "electronic-assembly": ["4A906"],
        "software": ["4D906"],
        "physical-qubit": ["4A906", "4A506"],
    }


def test_as_of_is_the_latest_date_in_the_data(site):
    assert str(site.as_of.date) == "2025-11-15"


# -- glossary links in legal text ---------------------------------------------------------------

GLOSSARY = Glossary((
    GlossaryTerm("physical-qubit", "physical qubit", "A qubit.", aliases=("physical qubits",)),
    GlossaryTerm("electronic-assembly", "electronic assembly", "Parts.", aliases=("electronic assemblies",)),
    GlossaryTerm("software", "software", "Programs."),
))


def test_link_terms_splits_known_quoted_terms():
    text = "Supporting 34 'physical qubits' and “electronic assemblies,” with \"Software\"."
    segments = link_terms(text, GLOSSARY)
    assert [(s.text, s.term) for s in segments] == [
        ("Supporting 34 ", ""),
        ("'physical qubits'", "physical-qubit"),
        (" and ", ""),
        ("“electronic assemblies,”", "electronic-assembly"),
        (" with ", ""),
        ('"Software"', "software"),
        (".", ""),
    ]


def test_link_terms_leaves_unknown_quoted_terms_as_text():
    text = "A 'C-NOT error' below “threshold”; also 'physical qubits'."
    segments = link_terms(text, GLOSSARY)
    assert "".join(s.text for s in segments) == text
    assert [s.term for s in segments if s.term] == ["physical-qubit"]
    assert segments[0] == type(segments[0])("A 'C-NOT error' below “threshold”; also ")


def test_link_terms_ignores_apostrophes():
    text = "The operator's equipment isn't 'physical qubits'."
    segments = link_terms(text, GLOSSARY)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.term) for s in segments if s.term] == [("'physical qubits'", "physical-qubit")]


def test_link_terms_without_quotes_is_one_segment():
    assert [(s.text, s.term) for s in link_terms("Plain text.", GLOSSARY)] == [("Plain text.", "")]
    assert link_terms("", GLOSSARY) == ()
