"""Golden Markdown for the bundled annexes and the structure scenario (tests/roots/structure):
the generated docs tree, file by file.

Refresh both after an intended change with one command, then review the diff:

    ANNEXSITE_UPDATE_GOLDEN=1 bash scripts/dev.sh test tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from annexsite.localize import Language
from annexsite.pipeline import Paths, generate

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "bundled"
STRUCTURE = ROOT / "tests" / "roots" / "structure"
UPDATE = os.environ.get("ANNEXSITE_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def rendered():
    return generate(Paths(ROOT), [Language("en", "English", True)]).rendered


def test_golden_tree_matches(rendered):
    _compare(rendered, GOLDEN)


def test_structure_golden_tree_matches():
    """The structure scenario's pages: notes in paragraphs and notes, category and group notes,
    paragraphs_status, an untitled entry without guidance (its legal text is synthetic)."""
    paths = Paths(STRUCTURE, templates=str(ROOT / "templates"), locales=str(ROOT / "locales"))
    _compare(generate(paths, [Language("en", "English", True)]).rendered, GOLDEN.parent / "structure")


def _compare(rendered, golden: Path):
    GOLDEN = golden
    files = {rel: text for rel, text in rendered.files.items()}
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in files.items():
            path = GOLDEN / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        pytest.skip("golden files refreshed")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(expected), "pages added or removed; refresh the golden files if intended"
    for rel, text in sorted(files.items()):
        assert text == (GOLDEN / rel).read_text(encoding="utf-8"), f"{rel} differs from its golden file"


BILINGUAL = ROOT / "tests" / "roots" / "bilingual"
GOLDEN_BILINGUAL = Path(__file__).parent / "golden" / "bilingual"
# one entry and its versions page, as a reader of each authentic language sees them
BILINGUAL_PAGES = ["en/gamma/4a801.md", "fr/gamma/4a801.md", "en/gamma/4a801/versions.md", "fr/gamma/4a801/versions.md"]


def test_golden_bilingual_pages_match():
    paths = Paths(BILINGUAL, templates="../../../templates", locales="../../../locales")
    files = generate(paths, [Language("en", "English", True), Language("fr", "Français")]).rendered.files
    if UPDATE:
        shutil.rmtree(GOLDEN_BILINGUAL, ignore_errors=True)
        for rel in BILINGUAL_PAGES:
            path = GOLDEN_BILINGUAL / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[rel], encoding="utf-8")
        pytest.skip("golden files refreshed")
    for rel in BILINGUAL_PAGES:
        assert files[rel] == (GOLDEN_BILINGUAL / rel).read_text(encoding="utf-8"), f"{rel} differs from its golden file"
