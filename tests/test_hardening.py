"""Hostile and careless input to the commands (issue 11): refused with a clear message and the
right exit code, never a traceback, and nothing already written lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_cli


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The command on ``project``: a build in a subprocess, anything else in-process (helpers.run_cli)."""
    return run_cli("-C", str(project), *args)


def refused(result: subprocess.CompletedProcess, code: int, message: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == code, output
    assert message in result.stderr, result.stderr


@pytest.mark.parametrize("value, message", [
    ("nan", "'physical_qubits=nan': 'nan' is not a number"),
    ("inf", "'physical_qubits=inf': 'inf' is not a number"),
    ("1e999", "'physical_qubits=1e999': '1e999' is not a finite number"),
    ("-5", "'physical_qubits=-5': physical_qubits is at least 0, not -5"),
    ("2.5", "'physical_qubits=2.5': physical_qubits is a whole number (a count), not 2.5"),
])
def test_classify_refuses_values_that_are_no_measurement(minimal_project, value, message):
    for annex in ("alpha", "beta"):  # the annexes declare what a qubit count is
        path = minimal_project / f"annexes/{annex}/category-4.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "{id: physical_qubits, name: Physical qubits, unit: qubit}",
            "{id: physical_qubits, name: Physical qubits, unit: qubit, type: integer, minimum: 0}"), encoding="utf-8")
    refused(cli(minimal_project, "classify", f"physical_qubits={value}"), 2, message)


def test_classify_refuses_a_parameter_given_twice(minimal_project):
    refused(cli(minimal_project, "classify", "physical_qubits=50", "physical_qubits=60"), 2,
            "annexsite: error: 'physical_qubits=60': physical_qubits is given twice")


def test_classify_still_answers_a_plain_question(minimal_project):
    result = cli(minimal_project, "classify", "physical_qubits=50", "cnot_error_rate=0")
    assert result.returncode == 0, result.stderr
    assert "4A906" in result.stdout


@pytest.mark.parametrize("date", ["20251201", "2025-W49-1", "2025-12-1"])
def test_release_refuses_a_date_that_is_not_year_month_day(minimal_project, date):
    refused(cli(minimal_project, "release", "2025.9", "--date", date), 2, f"--date {date!r} is not YYYY-MM-DD")
    assert not (minimal_project / "releases").exists()


def test_release_refuses_a_version_with_a_line_break(minimal_project):
    refused(cli(minimal_project, "release", "2025.9\n", "--date", "2025-12-01"), 2,
            "version '2025.9\\n' is not YEAR.N")
    assert not (minimal_project / "releases").exists()


@pytest.mark.parametrize("version, date, message", [
    ("2025.01", "2025-12-01", "version '2025.01' is not YEAR.N"),  # would sort beside 2025.1
    ("2025.9", "2025-02-30", "--date '2025-02-30' is not a date of the calendar"),
])
def test_release_refuses_a_padded_version_and_an_impossible_date(minimal_project, version, date, message):
    refused(cli(minimal_project, "release", version, "--date", date), 2, message)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("folder", ["src", "site_overrides", "releases", "templates", "locales"])
def test_build_refuses_to_write_the_site_into_a_project_folder(minimal_project, folder):
    target = minimal_project / folder
    target.mkdir(exist_ok=True)
    (target / "keep.txt").write_text("the project's own file", encoding="utf-8")
    before = snapshot(minimal_project)

    result = cli(minimal_project, "build", "-d", str(target))

    refused(result, 1, "it would overwrite the project's sources")
    assert snapshot(minimal_project) == before


def test_build_refuses_a_site_folder_holding_files_it_did_not_make(minimal_project, tmp_path):
    other = tmp_path / "someone-else"
    other.mkdir()
    (other / "thesis.tex").write_text("years of work", encoding="utf-8")

    result = cli(minimal_project, "build", "-d", str(other))

    refused(result, 1, "holds files annexsite did not make")
    assert sorted(p.name for p in other.iterdir()) == ["thesis.tex"]


@pytest.mark.parametrize("docs_dir", ["releases", "../outside"])
def test_build_refuses_a_docs_dir_on_releases_or_someone_elses_folder(minimal_project, tmp_path, docs_dir):
    (minimal_project / "releases").mkdir()
    (minimal_project / "releases" / "notes.md").write_text("kept", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text("kept", encoding="utf-8")
    config = minimal_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: .annexsite/docs", f"docs_dir: {docs_dir}"),
                      encoding="utf-8")

    result = cli(minimal_project, "build", "-d", str(tmp_path / "site"))

    output = result.stdout + result.stderr
    assert "Traceback" not in output and result.returncode == 1, output
    assert "docs_dir" in result.stderr
    assert (minimal_project / "releases" / "notes.md").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in outside.iterdir()) == ["notes.md"]
    assert not (tmp_path / "site").exists()


def test_a_second_build_replaces_the_site_the_first_made(minimal_project, tmp_path):
    site = tmp_path / "site"
    assert cli(minimal_project, "build", "-d", str(site)).returncode == 0
    (site / "stale.html").write_text("old", encoding="utf-8")

    result = cli(minimal_project, "build", "-d", str(site))

    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()


def test_leftovers_of_a_killed_build_are_removed_by_the_next(minimal_project, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has exited: its folders are leftovers
    left = [tmp_path / f".site.new-{pid}-abc123", tmp_path / f".site.old-{pid}"]
    for path in left:
        (path / "assets").mkdir(parents=True)
        (path / "index.html").write_text("half a site", encoding="utf-8")
    unrelated = tmp_path / ".site.notes"
    unrelated.mkdir()

    result = cli(minimal_project, "build", "-d", str(tmp_path / "site"))

    assert result.returncode == 0, result.stderr
    assert not any(p.exists() for p in left)
    assert unrelated.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.notes", "project", "site"]


def test_a_full_disk_is_reported_and_the_previous_site_kept(minimal_project, tmp_path, monkeypatch, capsys):
    import errno

    from annexsite import cli as annexsite_cli
    from annexsite.site import postprocess

    site = tmp_path / "site"
    assert annexsite_cli.main(["-C", str(minimal_project), "build", "-d", str(site)]) == 0
    before = snapshot(site)

    def full(folder, job):
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "data" / "SHA256SUMS"))

    assert postprocess.STEPS[-1] is postprocess.write_manifest
    monkeypatch.setattr(postprocess, "STEPS", postprocess.STEPS[:-1] + (full,))
    capsys.readouterr()
    code = annexsite_cli.main(["-C", str(minimal_project), "build", "-d", str(site)])

    err = capsys.readouterr().err
    assert code == 1, err
    assert "cannot write " in err and "SHA256SUMS: No space left on device;" in err and "is unchanged" in err
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"], "the half-built site is removed"


def test_a_folder_it_cannot_write_is_reported_without_a_traceback(minimal_project, tmp_path, monkeypatch, capsys):
    from annexsite import cli as annexsite_cli
    from annexsite.site import build as site_build

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(site_build.tempfile, "mkdtemp", read_only)  # as a read-only parent folder does
    code = annexsite_cli.main(["-C", str(minimal_project), "build", "-d", str(tmp_path / "site")])

    err = capsys.readouterr().err
    assert code == 1, err
    assert f"annexsite: error: cannot write {tmp_path}: Permission denied;" in err


def test_a_percent_sign_in_an_interface_translation_is_located(minimal_project, tmp_path):
    from babel.messages.pofile import read_po, write_po

    from test_i18n import add_french

    add_french(minimal_project)
    po = minimal_project / "locales/fr/LC_MESSAGES/messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    catalog["Thresholds"].string = "Seuils à 100 %"
    with po.open("wb") as fh:
        write_po(fh, catalog, width=100)
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1) if text == 'msgid "Thresholds"')

    result = cli(minimal_project, "build", "-d", str(tmp_path / "site"))

    refused(result, 1, f"locales/fr/LC_MESSAGES/messages.po:{line}:1: translation of 'Thresholds': "
                       "a % that is not a %(name)s field (hint: write a percent sign as %%)")
    assert not (tmp_path / "site").exists()


def _released(project: Path) -> Path:
    result = cli(project, "release", "2025.1", "--date", "2025-12-01")
    assert result.returncode == 0, result.stderr
    return project / "releases" / "2025.1.json"


def test_a_snapshot_not_named_by_its_version_fails_validate(minimal_project):
    path = _released(minimal_project)
    path.rename(path.with_name("latest.json"))
    refused(cli(minimal_project, "validate"), 1, "releases/latest.json: release snapshot latest.json is not named VERSION.json")


def test_a_truncated_snapshot_fails_validate_at_its_line(minimal_project):
    path = _released(minimal_project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:40]), encoding="utf-8")
    refused(cli(minimal_project, "validate"), 1, "releases/2025.1.json:41:1: release snapshot is not valid JSON:")


def test_a_rehashed_snapshot_with_a_malformed_entry_is_refused_by_validate_and_build(minimal_project, tmp_path):
    import hashlib
    import json

    path = _released(minimal_project)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["annexes"]["alpha"]["entries"]["4A906"]["heading"] = ["not", "text"]
    content = {k: v for k, v in doc.items() if k != "sha256"}
    doc["sha256"] = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False,
                                              separators=(",", ":")).encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    message = "releases/2025.1.json: release snapshot cannot be read: entry '4A906' of annex 'alpha' has no heading"
    refused(cli(minimal_project, "validate"), 1, message)
    refused(cli(minimal_project, "build", "-d", str(tmp_path / "site")), 1, message)


def test_an_annex_file_linked_to_a_file_outside_the_project_is_refused(minimal_project, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    glossary = minimal_project / "annexes/glossary.yaml"
    outside.write_bytes(glossary.read_bytes())
    glossary.unlink()
    glossary.symlink_to(outside)
    refused(cli(minimal_project, "validate"), 1, "annexes/glossary.yaml: annex files must be real files, not links")


def test_a_tree_whose_answers_rejoin_into_too_many_paths_is_refused_at_its_start(minimal_project):
    lines = ["id: rejoin", "title: Many paths", "summary: Twelve questions whose answers both lead on.",
             "start: q0", "nodes:"]
    for i in range(12):  # 2^12 = 4,096 paths, each listed on the all-paths page
        after = f"q{i + 1}" if i < 11 else "done"
        lines += [f"  - id: q{i}", f"    question: Question {i}?", "    answers:",
                  f"      - {{label: 'Yes', next: {after}}}", f"      - {{label: 'No', next: {after}}}"]
    lines += ["  - id: done", "    verdict: ask-office", "    title: Ask", "    text: Ask your office.",
              "    next_steps: [Ask.]"]
    trees = minimal_project / "annexes" / "trees"
    trees.mkdir()
    (trees / "rejoin.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    refused(cli(minimal_project, "validate"), 1,
            "annexes/trees/rejoin.yaml:4:8: the tree has 4,096 paths from its start to an outcome; the limit is 1,000")


def test_a_release_dated_after_today_is_shown_as_upcoming_never_as_current(minimal_project, tmp_path):
    result = cli(minimal_project, "release", "2025.1", "--date", "2099-12-31")
    assert result.returncode == 0, result.stderr
    assert "release 2025.1 is dated 2099-12-31, after today: the site shows it as upcoming" in result.stdout
    site = tmp_path / "site"
    build = cli(minimal_project, "build", "-d", str(site))
    assert build.returncode == 0, build.stderr

    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Release 2025.1 is upcoming: in force from December 31, 2099." in home
    assert "Current as of release" not in home
    assert "2099" not in home.split("is upcoming")[0]  # nothing before the upcoming notice names it


def test_plain_mkdocs_build_refuses_a_site_dir_on_the_sources(minimal_project):
    (minimal_project / "src").mkdir()
    (minimal_project / "src" / "module.py").write_text("print('kept')\n", encoding="utf-8")
    config = minimal_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: src\n", encoding="utf-8")
    (minimal_project / ".annexsite" / "docs").mkdir(parents=True)  # MkDocs wants it to exist

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
                            capture_output=True, text=True, timeout=600, cwd=minimal_project)

    assert result.returncode != 0, result.stdout + result.stderr
    assert "site_dir" in result.stderr and "it would overwrite the project's sources" in result.stderr
    assert (minimal_project / "src" / "module.py").read_text(encoding="utf-8") == "print('kept')\n"


def test_a_tree_deeper_than_the_limit_is_refused_before_any_page_recurses_into_it(minimal_project):
    lines = ["id: chain", "title: Long chain", "summary: A chain of questions.", "start: q0", "nodes:"]
    for i in range(201):  # 202 paths (each "No" ends), 201 questions deep: a RecursionError in the diagram
        after = f"q{i + 1}" if i < 200 else "done"
        lines += [f"  - id: q{i}", f"    question: Question {i}?", "    answers:",
                  f"      - {{label: 'Yes', next: {after}}}", "      - {label: 'No', next: done}"]
    lines += ["  - id: done", "    verdict: ask-office", "    title: Ask", "    text: Ask your office."]
    trees = minimal_project / "annexes" / "trees"
    trees.mkdir()
    (trees / "chain.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    refused(cli(minimal_project, "validate"), 1,
            "annexes/trees/chain.yaml:4:8: the tree's longest path asks 201 questions; the limit is 200")


def test_a_swap_that_fails_half_way_puts_the_previous_site_back(tmp_path, monkeypatch):
    import errno
    import os

    from annexsite import write

    site, new = tmp_path / "site", tmp_path / ".site.new-1"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    new.mkdir()
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # the new site cannot be moved in
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(write.os, "replace", replace)
    with pytest.raises(OSError):
        write.swap_dir(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
