"""Change history in a test project: amending a threshold, removing an entry, renumbering one
and reordering the file each give exactly the expected change log (golden files), and the
pages that follow from it (redirects, feed, timelines, annual summary) work in a real build.

Refresh the golden files with ANNEXSITE_UPDATE_GOLDEN=1 after an intended change."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from helpers import run_cli

GOLDEN = Path(__file__).parent / "golden" / "changes"
ATOM = "{http://www.w3.org/2005/Atom}"


def _edit(project: Path, old: str, new: str, count: int = 1) -> None:
    path = project / "annexes/alpha/category-4.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _amend_threshold(project: Path) -> None:
    _edit(project, "Supporting 34 or more", "Supporting 36 or more")
    _edit(project, "value: 34}", "value: 36}")
    _edit(project, 'effective_date: "2024-09-06"\n  - code: 4D906', 'effective_date: "2024-09-06"\n    amended_dates: ["2026-03-01"]\n  - code: 4D906')


def _remove(project: Path) -> None:
    path = project / "annexes/alpha/category-4.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - code: 4D906")].replace("    related: [4D906]\n", ""), encoding="utf-8")


def _renumber(project: Path) -> None:
    _edit(project, "  - code: 4D906\n", "  - code: 4D907\n    replaces: 4D906\n")
    _edit(project, "related: [4D906]", "related: [4D907]")


def _reorder(project: Path) -> None:
    path = project / "annexes/alpha/category-4.yaml"
    text = path.read_text(encoding="utf-8")
    head, first, second = text[: text.index("  - code: 4A906")], text[text.index("  - code: 4A906"): text.index("  - code: 4D906")], text[text.index("  - code: 4D906"):]
    path.write_text(head + second.rstrip("\n") + "\n" + first, encoding="utf-8")


SCENARIOS = {"amend-threshold": _amend_threshold, "remove": _remove, "renumber": _renumber, "reorder": _reorder}


def _released(project: Path, change) -> None:
    assert run_cli("-C", str(project), "release", "2025.1", "--date", "2025-12-31").returncode == 0
    change(project)
    result = run_cli("-C", str(project), "release", "2026.1", "--date", "2026-06-30")
    assert result.returncode == 0, result.stderr


def _generate(project: Path):
    from annexsite.site.build import configured
    from annexsite.pipeline import generate

    paths, languages, min_coverage = configured(project)
    return generate(paths, languages, "", min_coverage)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_change_gives_exactly_its_change_log(minimal_project, name):
    _released(minimal_project, SCENARIOS[name])
    generated = _generate(minimal_project)
    diff = run_cli("-C", str(minimal_project), "diff", "2025.1", "2026.1")
    got = generated.rendered.files["en/changes/2026.1.md"] + "\n<!-- annexsite diff 2025.1 2026.1 -->\n" + diff.stdout
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("ANNEXSITE_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_reordering_alone_is_no_change(minimal_project):
    _released(minimal_project, _reorder)
    changes = json.loads(run_cli("-C", str(minimal_project), "diff", "2025.1", "2026.1", "--json").stdout)
    assert [changes[k] for k in ("added", "removed", "renumbered", "amended")] == [[], [], [], []]


def test_redlines_mark_words_not_lines():
    from annexsite.releases import redline

    assert redline("Supporting 34 or more qubits;", "Supporting 36 or more qubits;") == [
        ["=", "Supporting "], ["-", "34"], ["+", "36"], ["=", " or more qubits;"]]
    assert redline("", "New text") == [["+", "New text"]]


@pytest.fixture(scope="module")
def renumbered_site(tmp_path_factory) -> Path:
    from helpers import copy_scenario

    project = copy_scenario(tmp_path_factory.mktemp("renumbered") / "project")
    _released(project, _renumber)
    _edit(project, "  - code: 4D907\n    replaces: 4D906\n", "  - code: 4D908\n    replaces: 4D907\n")
    _edit(project, "related: [4D907]", "related: [4D908]")
    assert run_cli("-C", str(project), "release", "2026.2", "--date", "2026-09-30").returncode == 0
    (project / "annexes/figures.yaml").write_text(FIGURES, encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


FIGURES = """\
figures:
  - {id: licence-applications, year: 2026, annex: alpha, label: Licence applications received, value: 1250, unit: count,
     source: {citation: Test regulator annual report 2026, url: "https://example.invalid/report-2026"}}
  - {id: licence-applications, year: 2025, annex: alpha, label: Licence applications received, value: 980, unit: count,
     source: {citation: Test regulator annual report 2025}}
  - {id: processing-days, year: 2026, label: Median processing time, value: 38, unit: days,
     source: {citation: Test regulator annual report 2026}}
"""


def _redirect_target(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert match and f'<link rel="canonical" href="{match.group(1)}">' in html and f'<a href="{match.group(1)}">' in html
    return match.group(1)


def test_old_urls_of_a_renumbered_entry_redirect_to_its_current_page(renumbered_site):
    for old in ("4d906", "4d907"):  # through a chain of two renumberings
        target = _redirect_target(renumbered_site / f"alpha/{old}/index.html")
        assert target == "../4d908/"
        assert (renumbered_site / f"alpha/{old}" / target / "index.html").resolve().is_file()
    entry = (renumbered_site / "alpha/4d908/index.html").read_text(encoding="utf-8")
    assert "Renumbered from 4D906 in release 2026.1" in entry and "Renumbered from 4D907 in release 2026.2" in entry
    # the timeline reaches the text as each release had it, under the code it had then
    old_text = renumbered_site / "releases/2025.1/alpha/4d906/index.html"
    assert "The text as of release 2025.1" in old_text.read_text(encoding="utf-8")


def test_the_feed_is_atom_with_one_entry_per_release(renumbered_site):
    feed = ET.parse(renumbered_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}updated").text == "2026-09-30T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Changes in release 2026.2", "Changes in release 2026.1", "Changes in release 2025.1"]
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)
    for e in entries:
        href = e.find(f"{ATOM}link").get("href")
        assert (renumbered_site / href / "index.html").is_file(), href
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", e.find(f"{ATOM}updated").text)


def test_annual_summary_counts_the_year_and_draws_each_chart_beside_its_table(renumbered_site):
    page = (renumbered_site / "annual/2026/index.html").read_text(encoding="utf-8")
    assert "Release 2026.1" in page and "Release 2026.2" in page and "Release 2025.1" not in page
    assert page.count('<figure class="annex-chart">') == 3  # changes and two regulator figures; one language, so no coverage
    svg = ET.parse(renumbered_site / "annual/2026/changes.svg").getroot()
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "Entries changed, by control list"
    # the table beside the chart: two renumberings in 2026, and 4A906 amended twice
    row = re.search(r"<td>Alpha</td>\s*<td>Category 4: Computers</td>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r">(\d+)<", row) == ["0", "0", "2", "2"]  # 4A906 names its related entry anew
    data = json.loads((renumbered_site / "data/changes.json").read_text(encoding="utf-8"))
    assert [r["version"] for r in data["releases"]] == ["2025.1", "2026.1", "2026.2"]
    assert {(m["code"], m["to"]["entry"]) for m in data["moved"]} == {("4D906", "alpha/4D908"), ("4D907", "alpha/4D908")}


def test_a_regulators_yearly_figures_get_a_chart_and_a_table_per_figure(renumbered_site):
    page = (renumbered_site / "annual/2026/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="figures-from-the-regulators"'):]
    assert "Licence applications received (Alpha)" in section and "Median processing time" in section
    # the trend up to this year, as a table beside its chart
    assert re.search(r"<td>2025</td>\s*<td[^>]*>980</td>.*<td>2026</td>\s*<td[^>]*>1,250</td>", section, re.S)
    assert re.search(r"<td>2026</td>\s*<td[^>]*>38 days</td>", section)
    svg = ET.parse(renumbered_site / "annual/2026/figure-licence-applications-alpha.svg").getroot()
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "2025" in texts and "980" in texts and "1,250" in texts
    assert "Source: Test regulator annual report 2026" in section
    # a year with figures but no release still has its summary, and says so
    only_figures = (renumbered_site / "annual/2025/index.html").read_text(encoding="utf-8")
    assert "Release 2025.1" in only_figures and "980" in only_figures


def test_an_unreleased_renumbering_redirects_already(minimal_project):
    assert run_cli("-C", str(minimal_project), "release", "2025.1", "--date", "2025-12-31").returncode == 0
    _renumber(minimal_project)  # not released yet: the working copy says 4D907 replaces 4D906
    files = _generate(minimal_project).rendered.files
    assert 'content="0; url=../4d907/"' in files["en/alpha/4d906/index.html"]
    assert "en/alpha/4d907.md" in files and "en/alpha/4d906.md" not in files


def test_point_in_time_pages_grow_with_changes_not_with_releases(renumbered_site):
    """An entry no release changed has one page of its text; each later release's URL leads there."""
    first = renumbered_site / "releases/2025.1/beta/4a506/index.html"
    html = first.read_text(encoding="utf-8")
    assert "The text as of release 2025.1" in html
    assert "Releases 2026.1, 2026.2 kept this text unchanged." in html
    for version in ("2026.1", "2026.2"):
        later = renumbered_site / f"releases/{version}/beta/4a506/index.html"
        assert _redirect_target(later) == "../../../2025.1/beta/4a506/"
        assert (later.parent / "../../../2025.1/beta/4a506/index.html").resolve().is_file()
        assert "The text of 4A506 in release %s is the one of release 2025.1." % version in later.read_text(encoding="utf-8")
    # the entry page's history links the page that holds the text, not a redirect
    entry = (renumbered_site / "beta/4a506/index.html").read_text(encoding="utf-8")
    assert "releases/2026.1/beta/4a506/" not in entry
    full_pages = [p for p in renumbered_site.glob("releases/*/*/*/index.html") if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")]
    texts = {(p.parent.parent.name, p.parent.name) for p in full_pages}
    assert len(full_pages) < 3 * len(texts)  # not one page per entry and release
def test_a_tightened_threshold_publishes_exactly_the_answers_it_changes(minimal_project):
    _released(minimal_project, _amend_threshold)  # 4A906.a.1: 34 or more qubits -> 36 or more
    generated = _generate(minimal_project)
    data = json.loads(generated.rendered.exports["data/changes.json"])
    first, second = data["releases"]
    assert first["verdicts"] == []  # the first release changes no earlier answer
    changed = sorted((c["measured"]["physical_qubits"], c["measured"]["cnot_error_rate"]) for c in second["verdicts"])
    assert changed == [(34, 5e-05), (34, 1e-04), (35, 5e-05), (35, 1e-04)]  # the band 34-35 at every error edge
    assert all(c["old"] == ["alpha/4A906#a.1"] and c["new"] == [] for c in second["verdicts"])  # beta kept its 34
    log = generated.rendered.files["en/changes/2026.1.md"]
    assert "- C-NOT error 10⁻⁴, Physical qubits 34: [4A906.a.1](../alpha/4a906.md#a.1) (Alpha) → not listed\n" in log
    summaries = [e.find(f"{ATOM}summary").text for e in ET.fromstring(generated.rendered.files["en/feed.xml"]).iter(f"{ATOM}entry")]
    assert summaries[0].endswith("Answers of the threshold check that change: 4.")
    assert "Answers of the threshold check" not in summaries[1]
