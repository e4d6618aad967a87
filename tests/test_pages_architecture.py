"""The page data's shape: every page hands its template one typed data class, built in derive;
URLs come from derive/urls.py; each vocabulary is defined once; templates do not restate it."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

import annexsite
from annexsite.derive import derive_site
from annexsite.derive.history import History
from annexsite.derive.views import PageData
from annexsite.model.objects import CHANGE_KINDS, UNITLESS
from annexsite.localize import Language
from annexsite.pipeline import Paths, check, generate
from annexsite.releases import load_releases

SRC = Path(annexsite.__file__).parent
TEMPLATES = SRC.parent.parent / "templates"


def _imports(path: Path) -> tuple[set[str], list[int]]:
    """(annexsite modules imported at module level, lines of imports inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            top.add(node.module)
        elif isinstance(node, ast.Import):
            top.update(a.name for a in node.names)
    nested = [n.lineno for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return top, nested


@pytest.mark.parametrize("module", ["pages", "changes", "urls", "views"])
def test_page_modules_import_at_module_level_only(module):
    _, nested = _imports(SRC / "derive" / f"{module}.py")
    assert not nested, f"derive/{module}.py imports inside a function at lines {nested}"


def test_changes_does_not_import_pages_and_urls_imports_nothing_of_annexsite():
    changes, _ = _imports(SRC / "derive" / "changes.py")
    assert "annexsite.derive.pages" not in changes
    urls, _ = _imports(SRC / "derive" / "urls.py")
    assert not {m for m in urls if m.startswith("annexsite")}


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site():
    """The bundled project with its releases: every kind of page, the pages about change too."""
    return derive_site(check(Paths(ROOT)), history=History.of(load_releases(ROOT)))


def test_every_page_hands_its_template_a_typed_data_class(site):
    templates = {page.template for page in site.pages}
    assert {"entry.md.j2", "release-entry.md.j2", "changelog.md.j2", "annual.md.j2", "classify.md.j2"} <= templates
    for page in site.pages:
        assert isinstance(page.data, PageData) and dataclasses.is_dataclass(page.data), page.path
        assert type(page.data).__dataclass_params__.frozen, page.path
        assert (TEMPLATES / page.template).is_file(), (page.path, page.template)


def test_templates_do_not_restate_the_vocabulary():
    """The change kinds and the units printed without a unit are data handed to templates."""
    kinds = re.compile(r"\(\s*" + r"\s*,\s*".join(f'"{k}"' for k in CHANGE_KINDS) + r"\s*\)")
    unitless = re.compile("|".join(rf'"{u}"\s*,' for u in sorted(UNITLESS)))
    for t in TEMPLATES.glob("*.j2"):
        text = t.read_text(encoding="utf-8")
        assert not kinds.search(text), f"{t.name} lists the change kinds itself"
        assert not unitless.search(text), f"{t.name} lists the unitless units itself"


def test_templates_do_not_build_entry_or_release_urls():
    """Entry, stage, kind, change-log and data URLs come from derive/urls.py, not from templates."""
    built = re.compile(r"\}\}\.md|(?:kinds|stages|changes|releases|data)/\{\{")
    for t in TEMPLATES.glob("*.j2"):
        if t.name.startswith("tree") or t.name == "_outline.md.j2":
            continue  # a decision guide's steps link to each other by their ids, in one folder
        for i, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1):
            assert not built.search(line), f"{t.name}:{i} builds a URL by hand"


def test_the_text_as_released_prints_like_the_entry_page():
    """The text as a release had it goes through the entry page's macros: each paragraph and note
    has the anchor it has on the entry page, and a note to a paragraph links it."""
    files = generate(Paths(ROOT), [Language("en", "English", True)]).rendered.files
    released = files["en/releases/2024.1/us-ear-quantum/4a906.md"]
    current = files["en/us-ear-quantum/4a906.md"]
    ids = re.findall(r' id="([^"]+)"', released)
    assert len(ids) == len(set(ids))
    assert {"a", "a.1", "b", "c", "note-1", "note-5-1"} <= set(ids)
    assert set(ids) <= set(re.findall(r' id="([^"]+)"', current))  # the same text: the same anchors
    assert "[**Note**](#note-3){ .annex-label } (to paragraph [b](#b))" in released
