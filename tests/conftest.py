"""Shared fixtures: the minimal scenario project, as a path, a fresh copy, and its model; and the
``fast`` / ``build`` / ``browser`` markers, set from what each test uses so that a new test gets the
right one without thought."""

from __future__ import annotations

import functools
import inspect
import re
from pathlib import Path

import pytest

from helpers import MINIMAL, copy_project, copy_scenario, run_cli


@pytest.fixture(scope="session")
def minimal_root() -> Path:
    """tests/roots/minimal itself: read it, never write to it."""
    return MINIMAL


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A private copy of tests/roots/minimal (sources only, no generated docs) at tmp_path/project."""
    return copy_scenario(tmp_path / "project")


@pytest.fixture(scope="session")
def minimal_model():
    """The validated model of tests/roots/minimal."""
    from annexsite.pipeline import Paths, check

    return check(Paths(MINIMAL))


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The repository's own site, all seven languages, built once for the whole run."""
    # Built from a copy: with several test processes (-n 2) two builds of this repository would
    # share its generated .annexsite/ folder.
    project = copy_project(tmp_path_factory.mktemp("bundled-project"))
    out = tmp_path_factory.mktemp("bundled") / "site"
    result = run_cli("-C", str(project), "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


# -- markers ---------------------------------------------------------------------------------------
# ``browser``: the test uses the ``browser`` fixture (Chromium). ``build``: the test, a fixture it
# uses, or a function of its module that it calls builds a site: it passes the ``build`` command to
# the CLI, calls a ``build(...)`` function, or runs MkDocs. Everything else is ``fast``. A test the
# scan misreads can say so itself with @pytest.mark.build; a ``fast`` test that turns out slow is
# named at the end of the run (see pytest_terminal_summary).
_BUILDS = re.compile(r"""["'](?:build|serve)["']|\bbuild\(|\bmkdocs\b|\bserve\(|\bbundled_site\b""")
_FAST_LIMIT = 5.0  # seconds; a fast test slower than this is reported


@functools.lru_cache(maxsize=None)
def _source(obj) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):
        return ""


def _builds(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    if function is None:
        return False
    sources = [_source(function)]
    # fixtures (the whole closure the test requests), then same-module functions the test calls
    for defs in item._fixtureinfo.name2fixturedefs.values():
        sources += [_source(d.func) for d in defs if not d.func.__module__.startswith(("_pytest", "pytest"))]
    module = inspect.getmodule(function)
    called = set(re.findall(r"\b([A-Za-z_]\w*)\(", "\n".join(sources)))
    for name in called:
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper is not function and helper.__module__ == module.__name__:
            sources.append(_source(helper))
    return any(_BUILDS.search(s) for s in sources)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("build") is None and _builds(item):
            item.add_marker(pytest.mark.build)
        if item.get_closest_marker("build") is None and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.fast)
    # The longest file first (its module build alone takes minutes): on two processes the other
    # one runs everything else meanwhile, instead of waiting for it at the end. Same order in
    # every process, as pytest-xdist requires.
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in LONGEST_FIRST)


LONGEST_FIRST = {"tests/test_ccl_example.py"}


_slow_fast: list[tuple[str, float]] = []


def pytest_runtest_logreport(report):
    if report.when == "call" and "fast" in report.keywords and report.duration > _FAST_LIMIT:
        _slow_fast.append((report.nodeid, report.duration))


def pytest_terminal_summary(terminalreporter):
    if _slow_fast:
        terminalreporter.section("fast tests slower than %.0f s (mark them build?)" % _FAST_LIMIT)
        for nodeid, seconds in _slow_fast:
            terminalreporter.write_line(f"{seconds:6.1f}s {nodeid}")
