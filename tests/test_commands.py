"""What every command has in common: the exit code of a broken mkdocs.yml, and each YAML file of
the annexes read once per command. The commands run in-process through ``cli.main``."""

from __future__ import annotations

from collections import Counter

import pytest

import annexsite.load.project as load_project_module
from annexsite import cli
from helpers import copy_scenario

# every command that reads mkdocs.yml, with arguments that would otherwise succeed
CONFIGURED = [
    ["build"],
    ["classify", "physical_qubits=120"],
    ["release", "2025.1", "--date", "2025-01-01"],
    ["diff", "2025.1", "working"],
    ["i18n", "extract"],
    ["i18n", "update", "--check"],
    ["i18n", "compile"],
    ["i18n", "status"],
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_scenario(tmp_path_factory.mktemp("commands") / "project")


@pytest.mark.parametrize("broken, says", [
    ("site_name: [unclosed\n", "mkdocs.yml"),  # not YAML
    ("site_name: No plugin\nplugins: [search]\n", "the 'annexsite' plugin is not listed under plugins"),
])
@pytest.mark.parametrize("args", CONFIGURED, ids=" ".join)
def test_a_broken_mkdocs_config_is_a_content_error_for_every_command(tmp_path, capsys, args, broken, says):
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text(broken, encoding="utf-8")
    assert cli.main(["-C", str(root), *args]) == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert err.startswith("annexsite: error: ") and says in err and "Traceback" not in err


@pytest.fixture
def reads(monkeypatch):
    """Every YAML file the loader parses, counted."""
    counted: Counter = Counter()
    real = load_project_module.load_yaml

    def counting(path, display):
        counted[display] += 1
        return real(path, display)

    monkeypatch.setattr(load_project_module, "load_yaml", counting)
    return counted


@pytest.mark.parametrize("args", [
    ["validate"],
    ["classify", "physical_qubits=120"],
    ["release", "2025.1", "--date", "2025-01-01"],
    ["diff", "2025.1", "working"],
    ["i18n", "extract"],
    ["i18n", "update", "--check"],
    ["i18n", "status"],
    ["build"],
], ids=" ".join)
def test_each_yaml_file_is_parsed_once_per_command(project, reads, capsys, args):
    status = cli.main(["-C", str(project), *args])
    out = capsys.readouterr()
    assert status in (0, 1) and "Traceback" not in out.err, out.err  # update --check may find drift
    expected = {"annexes/glossary.yaml", "annexes/alpha/annex.yaml", "annexes/alpha/category-4.yaml",
                "annexes/beta/annex.yaml", "annexes/beta/category-4.yaml"}
    assert set(reads) == expected, reads
    assert {name: n for name, n in reads.items() if n != 1} == {}
