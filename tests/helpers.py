"""Helpers for tests that look at built sites."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "roots" / "minimal"

sys.path.insert(0, str(ROOT / "scripts"))
from ccl_example import copy_project  # noqa: E402  this repository's project, copied to a folder of its own
FRENCH = ROOT / "tests" / "roots" / "french"  # an overlay on MINIMAL: French published too


def copy_scenario(dest: Path, scenario: Path = MINIMAL) -> Path:
    """A private copy of a scenario project, its mkdocs.yml pointed at this repository's
    templates and theme overrides (the scenario refers to them as ../../../). A scenario without
    ``annexes/`` is an overlay on tests/roots/minimal: its files replace or add to minimal's."""
    ignore = shutil.ignore_patterns(".annexsite", "site")
    if not (scenario / "annexes").is_dir():
        shutil.copytree(MINIMAL, dest, ignore=ignore)
        shutil.copytree(scenario, dest, ignore=shutil.ignore_patterns(".annexsite", "site", "README.md"), dirs_exist_ok=True)
    else:
        shutil.copytree(scenario, dest, ignore=ignore)
    (dest / "mkdocs.yml").write_text(scenario_config(dest), encoding="utf-8")
    return dest


def scenario_config(scenario: Path) -> str:
    """A scenario's mkdocs.yml as copy_scenario writes it (pointed at this repository)."""
    return (scenario / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../", ROOT.as_posix() + "/")

# Requests a page makes by itself: scripts, styles, images, fonts, frames, CSS imports.
_REQUEST_ATTRS = re.compile(r"<(?:script|link|img|source|iframe|video|audio|embed)\b[^>]*?\b(?:src|href|srcset)=\"([^\"]+)\"", re.I)
_CSS_URL = re.compile(r"(?:@import\s+|url\()\s*['\"]?([^'\")\s]+)", re.I)


# Commands that run MkDocs: its logging handlers and plugin state belong to a process of their own.
_OWN_PROCESS = {"build", "serve"}


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """``annexsite *args`` (in ``cwd``, by default this repository): ``build`` and ``serve`` as the
    real command in a subprocess, every other command in this process through :func:`run_main`,
    which prints and exits the same (tests/test_bad_input.py compares the two)."""
    if _OWN_PROCESS.isdisjoint(args):
        return run_main(*args, cwd=cwd)
    return real_cli(*args, cwd=cwd, timeout=timeout)


def real_cli(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """``python -m annexsite *args`` in a new interpreter, as a user runs it; ``timeout`` (seconds)
    only stops a hung command (the CCL example's seven-language build needs more than the default)."""
    return subprocess.run(
        [sys.executable, "-m", "annexsite", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout
    )


def run_main(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``annexsite *args`` run in this process through ``annexsite.cli.main``, with what it prints
    and its exit code captured as :func:`run_cli` does, without paying a new interpreter's imports.

    For commands that only read and print (validate, classify, diff, i18n status, usage errors): a
    ``build`` logs through MkDocs' handlers and belongs in :func:`run_cli`. An exception that would
    end the real command with a traceback is put on ``stderr`` as one, so ``"Traceback" not in``
    assertions keep failing on it (one subprocess test, tests/test_bad_input.py, proves that the
    real entry point prints none).
    """
    from annexsite import cli

    if "-C" not in args and "--project" not in args:
        args = ("-C", str(cwd or ROOT), *args)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if not isinstance(exc.code, (int, type(None))):
                print(exc.code, file=sys.stderr)
        except Exception:  # noqa: BLE001 -- what the real command would print before dying
            traceback.print_exc(file=sys.stderr)
            code = 1
    return subprocess.CompletedProcess(["annexsite", *args], code, out.getvalue(), err.getvalue())


def external_requests(site: Path) -> list[tuple[str, str]]:
    """(file, url) for every resource a page or stylesheet would fetch from another origin."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            urls = _REQUEST_ATTRS.findall(path.read_text(encoding="utf-8"))
            urls += _CSS_URL.findall("\n".join(re.findall(r"<style[^>]*>(.*?)</style>", path.read_text(encoding="utf-8"), re.S)))
        elif path.suffix == ".css":
            urls = _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        for url in urls:
            if re.match(r"^(?:[a-z]+:)?//", url, re.I) and not url.startswith("data:"):
                found.append((str(path.relative_to(site)), url))
    return found


def pagefind_fragments(site: Path) -> list[dict]:
    """Every page as Pagefind's index holds it (``url``, ``content``, ``meta.title``): its fragment
    files are gzip, a ``pagefind_dcd`` signature, then JSON."""
    out = []
    for path in sorted(site.rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{"):]))
    return out
