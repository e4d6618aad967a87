"""A real MkDocs build of the minimal scenario, looked at as a reader would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import copy_scenario, external_requests, run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_scenario(tmp_path_factory.mktemp("proj") / "minimal")
    site = project / "out"
    result = run_cli("-C", str(project), "build", "-d", str(site))
    assert result.returncode == 0, result.stderr
    return project, site


def test_stable_lowercase_urls(built):
    _, site = built
    for rel in ["alpha/4a906/index.html", "alpha/4d906/index.html", "beta/4a506/index.html", "alpha/index.html",
                "alpha/4/index.html", "alpha/4a/index.html", "correlation/index.html", "glossary/index.html",
                "stages/prototype/index.html", "kinds/hardware/index.html", "index.html"]:
        assert (site / rel).is_file(), rel


def test_entry_page_has_anchors_thresholds_and_links(built):
    _, site = built
    html = (site / "alpha/4a906/index.html").read_text()
    assert 'id="a.1"' in html and 'id="a.2"' in html
    assert '<bdi dir="ltr">≥ 34</bdi> and <bdi dir="ltr">&lt; 100</bdi>' in html and '≤ 10⁻⁴' in html and '≥ 2,000' in html
    assert 'href="../../beta/4a506/"' in html
    assert 'href="../../glossary/#physical-qubit"' in html
    assert "Guidance, not legal advice." in html and "Current as of" in html
    back = (site / "beta/4a506/index.html").read_text()
    assert 'href="../../alpha/4a906/"' in back


def test_entries_json_lists_every_entry_with_existing_urls(built):
    _, site = built
    data = json.loads((site / "data/entries.json").read_text())
    codes = sorted((e["annex"], e["code"]) for e in data["entries"])
    assert codes == [("alpha", "4A906"), ("alpha", "4D906"), ("beta", "4A506")]
    for e in data["entries"]:
        assert set(e["title"]) == set(e["url"]) == {"en"}
        assert (site / e["url"]["en"].lstrip("/") / "index.html").is_file()


def test_no_request_to_another_origin(built):
    _, site = built
    assert external_requests(site) == []


def test_navigation_is_hierarchical_and_pruned(built):
    _, site = built
    home = (site / "index.html").read_text()
    entry = (site / "alpha/4a906/index.html").read_text()
    # pruned: the home page does not carry links to every entry page in its nav
    assert "4d906/" not in home.split('class="md-content"')[0]
    assert "4a906/" in entry or 'href="./"' in entry


def test_regenerate_after_edit_and_old_site_survives_errors(built):
    project, site = built
    marker = (site / "index.html").read_bytes()
    cat = project / "annexes/alpha/category-4.yaml"
    original = cat.read_text()
    cat.write_text(original.replace("kind: software", "kind: gadget"))
    try:
        result = run_cli("-C", str(project), "build", "-d", str(site))
        assert result.returncode == 1
        assert "annexes/alpha/category-4.yaml:" in result.stderr and "'gadget' is not allowed" in result.stderr
        assert "Traceback" not in result.stderr
        assert (site / "index.html").read_bytes() == marker
    finally:
        cat.write_text(original)


@pytest.mark.parametrize("broken, message", [
    ("{% for x in 3 %}{{ x }}{% endfor %}", "template error while rendering index.md: 'int' object is not iterable"),
    ("{{ no_such_value }}", "template error while rendering index.md: 'no_such_value' is undefined"),
    ("{{ 1 + }}", "template error while rendering index.md: unexpected 'end of print statement'"),
])
def test_a_broken_template_is_reported_at_its_line_and_the_site_is_kept(minimal_project, broken, message):
    import shutil

    from helpers import ROOT

    shutil.copytree(ROOT / "templates", minimal_project / "templates")
    home = minimal_project / "templates/home.md.j2"
    lines = home.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(5, broken + "\n")
    home.write_text("".join(lines), encoding="utf-8")
    config = minimal_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"templates: {ROOT.as_posix()}/templates", "templates: templates"),
                      encoding="utf-8")
    out = minimal_project / "site"
    out.mkdir()
    (out / "keep.html").write_text("previous", encoding="utf-8")
    result = run_cli("-C", str(minimal_project), "build", "-d", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "templates/home.md.j2:6:" in result.stderr and message in result.stderr, result.stderr
    assert (out / "keep.html").read_text(encoding="utf-8") == "previous"
