"""Shared fixtures: the minimal scenario project, as a path, a fresh copy, and its model."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MINIMAL, copy_scenario, run_cli


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
    out = tmp_path_factory.mktemp("bundled") / "site"
    result = run_cli("build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out
