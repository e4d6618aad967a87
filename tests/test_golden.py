"""Golden Markdown for the bundled annexes and the structure scenario (tests/roots/structure):
the generated docs tree, file by file; a few bundled pages in French (a translated language, not
the annexes' source language); the navigation MkDocs is given, per language; and the JSON exports
(data/*.json) of tests/roots/minimal.

Refresh both after an intended change with one command, then review the diff:

    ANNEXSITE_UPDATE_GOLDEN=1 bash scripts/dev.sh test tests/test_golden.py
"""

from __future__ import annotations

import json
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


# -- a translated language, the navigation, the exports ---------------------------------------------
GOLDEN_FR = Path(__file__).parent / "golden" / "translated"
# an entry of each bundled annex, a category page and the home page, as a French reader gets them
FR_PAGES = ["fr/index.md", "fr/us-ear-quantum/4a906.md", "fr/eu-dual-use-quantum/3a501.a.15.md",
            "fr/us-ear-quantum/3a/index.md"]
GOLDEN_NAV = Path(__file__).parent / "golden" / "nav"
GOLDEN_EXPORTS = Path(__file__).parent / "golden" / "exports" / "minimal"


@pytest.fixture(scope="module")
def rendered_fr():
    """The bundled annexes rendered in English and French (French catalogs as bundled)."""
    return generate(Paths(ROOT), [Language("en", "English", True), Language("fr", "Français")]).rendered


def _refresh_or_compare(files: dict[str, str], golden: Path) -> None:
    """Every file of ``files`` against ``golden/<rel>``, and no golden file without its page."""
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        for rel, text in files.items():
            path = golden / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        pytest.skip("golden files refreshed")
    expected = sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file())
    assert sorted(files) == expected, "files added or removed; refresh the golden files if intended"
    for rel, text in sorted(files.items()):
        assert text == (golden / rel).read_text(encoding="utf-8"), f"{rel} differs from its golden file"


def test_golden_french_pages_match(rendered_fr):
    """French pages of the bundled site: interface strings, content translations, and the notices
    on what is untranslated or only informative, as the French reader sees them."""
    missing = [rel for rel in FR_PAGES if rel not in rendered_fr.files]
    assert not missing, f"French pages not rendered: {missing}"
    _refresh_or_compare({rel: rendered_fr.files[rel] for rel in FR_PAGES}, GOLDEN_FR)


def test_golden_navigation_matches(rendered_fr):
    """The navigation annexsite gives MkDocs (mkdocs.yml ``nav`` and mkdocs-static-i18n's per
    language ``nav``) for English and French, as JSON."""
    assert set(rendered_fr.nav) == {"en", "fr"}
    files = {f"{lang}.json": json.dumps(nav, ensure_ascii=False, indent=1) + "\n" for lang, nav in rendered_fr.nav.items()}
    _refresh_or_compare(files, GOLDEN_NAV)


def test_golden_json_exports_match(minimal_root):
    """data/*.json as the minimal scenario publishes them (the schemas and releases under data/ are
    copies of files in the repository, not compared here)."""
    paths = Paths(minimal_root, templates=str(ROOT / "templates"), locales=str(ROOT / "locales"))
    exports = generate(paths, [Language("en", "English", True)]).rendered.exports
    files = {rel: data.decode("utf-8") for rel, data in exports.items() if rel.count("/") == 1 and rel.endswith(".json")}
    assert {"data/entries.json", "data/classify.json", "data/translations.json"} <= set(files)
    for rel, text in files.items():
        json.loads(text)  # each is JSON a program can read
    _refresh_or_compare(files, GOLDEN_EXPORTS)
