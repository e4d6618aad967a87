"""One bad-input case per file under tests/bad_input/ (format: tests/bad_input/README.md).

Each case is written into a fresh copy of tests/roots/minimal (or the root its ``# root:`` line
names) and ``annexsite validate`` is run in this process through ``annexsite.cli.main`` (what it
prints and its exit code captured; an exception becomes a traceback on stderr): it must exit 1,
print every expected ``path:line:col: message`` line, print no traceback, and leave every other file
of the project as it was. One test runs a case through the real ``python -m annexsite`` too and
checks that it prints the same, without a traceback.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "bad_input"
from helpers import MINIMAL, copy_scenario, run_main

_HEADER = re.compile(r"^#\s*(target|expect|bytes|xfail|xfail-extra|root):\s*(.*?)\s*$")
_BYTES = re.compile(r"^replace\s+(b(['\"]).*?\2)\s+with\s+(b(['\"]).*?\4)$")


@dataclass
class Case:
    name: str
    target: str
    content: bytes
    expect: list[str] = field(default_factory=list)
    xfail: str = ""  # the whole case is a known bug
    xfail_extra: str = ""  # only "nothing but the expected lines" is a known bug
    root: Path = MINIMAL  # the scenario the case is written into


def read_case(path: Path) -> Case:
    """Parse the header comments of a case file and apply its byte replacements."""
    raw = path.read_bytes()
    target, expect, xfail, xfail_extra, replacements, root = "", [], "", "", [], MINIMAL
    for line in raw.decode("utf-8").splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "target":
            target = value
        elif key == "expect":
            expect.append(value)
        elif key == "xfail":
            xfail = value
        elif key == "xfail-extra":
            xfail_extra = value
        elif key == "root":
            root = MINIMAL.parent / value
            assert root.parent == MINIMAL.parent and root.is_dir(), f"{path.name}: no scenario tests/roots/{value}"
        else:
            b = _BYTES.match(value)
            assert b, f"{path.name}: cannot read bytes directive {value!r}"
            old, new = ast.literal_eval(b.group(1)), ast.literal_eval(b.group(3))
            assert old.count(b"\n") == new.count(b"\n"), f"{path.name}: a replacement must not change line numbers"
            replacements.append((old, new))
    for old, new in replacements:
        # The directive itself contains ``old`` in the header; replace only in the body.
        head_end = raw.index(b"\n", raw.rindex(b"# bytes:")) + 1
        body = raw[head_end:]
        assert old in body, f"{path.name}: {old!r} does not occur in the case body"
        raw = raw[:head_end] + body.replace(old, new)
    assert target, f"{path.name}: no '# target:' line"
    assert expect, f"{path.name}: no '# expect:' line"
    assert ".." not in Path(target).parts and not Path(target).is_absolute(), f"{path.name}: bad target"
    return Case(path.stem, target, raw, expect, xfail, xfail_extra, root)


def all_cases(*, extra: bool = False) -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        case = read_case(path)
        reason = case.xfail or (case.xfail_extra if extra else "")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def run_validate(project: Path) -> subprocess.CompletedProcess:
    """``annexsite -C project validate`` in this process (see helpers.run_main)."""
    return run_main("-C", str(project), "validate")


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command, as a subprocess (builds, and the entry point itself)."""
    return subprocess.run(
        [sys.executable, "-m", "annexsite", "-C", str(project), *args],
        capture_output=True, text=True, timeout=120,
    )


def printed(line: str, expected: str) -> bool:
    """``line`` is ``expected``, or ``expected`` followed by a parenthesised hint or detail."""
    return line == expected or (line.startswith(expected) and line[len(expected):].startswith(" ("))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_case(project: Path, case: Case) -> None:
    path = project / case.target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.content)


@dataclass
class Outcome:
    result: subprocess.CompletedProcess
    before: dict[str, bytes]  # the project as written, before validate ran
    after: dict[str, bytes]


_outcomes: dict[str, Outcome] = {}


def validate_case(case: Case, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """Run ``validate`` on the case once per session; both tests below read the same run."""
    if case.name not in _outcomes:
        project = copy_scenario(tmp_path_factory.mktemp(case.name) / "project", case.root)
        write_case(project, case)
        before = snapshot(project)
        result = run_validate(project)
        _outcomes[case.name] = Outcome(result, before, snapshot(project))
    return _outcomes[case.name]


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("annexsite: ")]


@pytest.mark.parametrize("case", all_cases())
def test_bad_input(case: Case, tmp_path_factory):
    outcome = validate_case(case, tmp_path_factory)
    result = outcome.result

    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    assert result.stdout == "", "nothing on stdout when validation fails"
    lines = result.stderr.splitlines()
    missing = [e for e in case.expect if not any(printed(line, e) for line in lines)]
    assert not missing, f"expected lines not printed: {missing}\n--- stderr:\n{result.stderr}"
    assert lines[-1] == f"annexsite: {len(error_lines(result))} error(s)"
    # Validation only reads: the project is byte for byte what it was, and only the target differs
    # from a fresh copy of tests/roots/minimal.
    assert outcome.after == outcome.before
    original = snapshot(copy_scenario(tmp_path_factory.mktemp("pristine") / "project", case.root))
    assert {k: v for k, v in outcome.before.items() if k != case.target} == {
        k: v for k, v in original.items() if k != case.target
    }


@pytest.mark.parametrize("case", all_cases(extra=True))
def test_bad_input_reports_nothing_else(case: Case, tmp_path_factory):
    """One mistake, one message: no follow-on errors blamed on files that are correct."""
    result = validate_case(case, tmp_path_factory).result
    unexpected = [line for line in error_lines(result) if not any(printed(line, e) for e in case.expect)]
    assert not unexpected, f"printed besides the expected lines: {unexpected}"


def test_cases_are_well_formed():
    names = [p.name for p in CASES_DIR.iterdir() if p.is_file() and p.name != "README.md"]
    assert all(n.endswith(".yaml") for n in names), names
    assert len(all_cases()) >= 30


@pytest.mark.parametrize("name", ["yaml-unclosed-bracket", "bytes-invalid-utf8"])
def test_the_real_command_prints_what_the_in_process_run_prints(name: str, tmp_path_factory):
    """The cases above run through cli.main in this process; the entry point users run
    (``python -m annexsite``, a new interpreter) prints the same lines, exits 1, and no traceback."""
    case = read_case(CASES_DIR / f"{name}.yaml")
    project = copy_scenario(tmp_path_factory.mktemp(f"real-{name}") / "project", case.root)
    write_case(project, case)

    result = run_cli(project, "validate")

    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert any(printed(line, case.expect[0]) for line in result.stderr.splitlines()), result.stderr
    in_process = validate_case(case, tmp_path_factory).result
    assert (result.returncode, result.stdout, result.stderr) == (in_process.returncode, in_process.stdout, in_process.stderr)


def test_minimal_root_is_valid(minimal_project: Path):
    result = run_validate(minimal_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 2 annexes, 3 entries, 3 glossary terms")



@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> tuple[Path, Path]:
    """tests/roots/minimal built once for the module: (project, site). Copy it; do not change it."""
    project = copy_scenario(tmp_path_factory.mktemp("good") / "project")
    site = project.parent / "site"
    first = run_cli(project, "build", "-d", str(site))
    assert first.returncode == 0, first.stdout + first.stderr
    return project, site


@pytest.mark.parametrize("name", ["yaml-unclosed-bracket", "duplicate-code-in-file", "equivalent-not-declared-back"])
def test_build_on_bad_input_leaves_site_and_docs_untouched(name: str, good_build, tmp_path: Path):
    # the project and the site its good build made (built once, copied here with its generated docs)
    project, site = tmp_path / "project", tmp_path / "site"
    shutil.copytree(good_build[0], project)
    shutil.copytree(good_build[1], site)
    (site / "marker.txt").write_text("previous site", encoding="utf-8")
    site_before = snapshot(site)
    docs_before = snapshot(project / ".annexsite" / "docs")
    assert "index.html" in site_before and docs_before
    case = read_case(CASES_DIR / f"{name}.yaml")
    write_case(project, case)

    result = run_cli(project, "build", "-d", str(site))

    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    assert any(printed(line, case.expect[0]) for line in result.stderr.splitlines()), result.stderr
    assert snapshot(site) == site_before
    assert snapshot(project / ".annexsite" / "docs") == docs_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"], "no temporary folder left behind"


def test_build_on_good_input_replaces_site(minimal_project: Path, tmp_path: Path):
    """The counterpart of the test above, so that it cannot pass by never building at all."""
    project = minimal_project
    site = tmp_path / "site"
    assert run_cli(project, "build", "-d", str(site)).returncode == 0  # a site annexsite made...
    (site / "marker.txt").write_text("previous site", encoding="utf-8")

    result = run_cli(project, "build", "-d", str(site))  # ...is replaced (a folder it did not make is refused)

    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "marker.txt").exists()
    assert (site / "index.html").is_file()
    assert (site / "alpha" / "4a906" / "index.html").is_file()


def _sources(project: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(project).items() if k.startswith("annexes/") or k == "mkdocs.yml"}


@pytest.mark.parametrize("site_dir", [".", "annexes", "annexes/alpha"])
def test_build_refuses_a_site_dir_that_holds_the_sources(site_dir: str, minimal_project: Path):
    before = _sources(minimal_project)

    result = run_cli(minimal_project, "build", "-d", str(minimal_project / site_dir))

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert _sources(minimal_project) == before, "annex sources were deleted"


def test_build_refuses_a_docs_dir_that_holds_the_sources(minimal_project: Path, tmp_path: Path):
    config = minimal_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: .annexsite/docs", "docs_dir: annexes"),
                      encoding="utf-8")
    before = _sources(minimal_project)

    result = run_cli(minimal_project, "build", "-d", str(tmp_path / "site"))

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert _sources(minimal_project) == before, "annex sources were deleted"


def test_build_never_prints_a_traceback(minimal_project: Path, tmp_path: Path):
    path = minimal_project / "annexes" / "alpha" / "category-4.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('op: ">=", value: 2000}', 'op: ">=", value: 2.0e30}'), encoding="utf-8")
    site = tmp_path / "site"

    result = run_cli(minimal_project, "build", "-d", str(site))

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1)
