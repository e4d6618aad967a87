"""Defects the maintainer's review found (issue 16), one test each; the structural ones (imports,
dead code, docstrings, one URL pattern, one reader of the writing direction) are in
tests/test_architecture.py, the per-command ones (exit code, YAML read once) in tests/test_commands.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from annexsite.config import Paths
from annexsite.derive.versions import LegalView, VersionCell, version_rows
from annexsite.diagnostics import ContentError
from annexsite.i18n.terms import check_terms
from annexsite.load.yamlfile import load_yaml
from annexsite.localize.language import Language, direction
from annexsite.pipeline import check
from annexsite.site import direction as site_direction
from helpers import ROOT, copy_scenario

BILINGUAL = ROOT / "tests" / "roots" / "bilingual"


def test_the_terminology_check_reports_a_broken_po_file_at_its_line(tmp_path):
    """It read PO files with Babel's lenient read_po, so a broken file was skipped in silence; it
    reads them as every other command does (read_catalog), located."""
    project = copy_scenario(tmp_path / "project")
    po = project / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgctxt "x"\nmsgid "Software"\nmsgstr "Logiciel\n\nmsgid "b"\nmsgstr "c"\n', encoding="utf-8")
    paths = Paths(project)
    with pytest.raises(ContentError) as exc:
        check_terms(paths, check(paths).glossary)
    assert [str(d).split(": broken PO file")[0] for d in exc.value.diagnostics] == ["locales/fr/LC_MESSAGES/content.po:7:1"]


def test_an_explicit_merge_tag_is_not_a_plain_key(tmp_path):
    """The loader's merge-tag test could never be reached: a ``!!merge`` key is refused first as a
    key that is not plain text (the branch is gone; "<<" written plainly is still named)."""
    path = tmp_path / "doc.yaml"
    path.write_text("a: {x: 1}\nb:\n  !!merge <<: {x: 1}\n", encoding="utf-8")
    doc, problems = load_yaml(path, "doc.yaml")
    assert doc is None and [str(p) for p in problems] == ["doc.yaml:3:3: mapping keys must be plain text"]


def test_the_writing_direction_has_one_source():
    """Language.rtl, the built pages' dir attributes (site.direction) and the versions table
    (LegalView.dir, VersionCell.dir) all answer from localize.language.direction."""
    assert site_direction.direction is direction
    assert (Language("ar", "").dir, Language("ar", "").rtl, Language("fr", "").dir) == ("rtl", True, "ltr")
    assert Language("qq", "").dir == "ltr"  # a code Babel does not know: left to right, no error
    assert LegalView("ar", (), (), ()).dir == "rtl" and LegalView("de", (), (), ()).dir == "ltr"


def test_the_versions_table_cells_take_their_direction_from_the_language():
    project = check(Paths(BILINGUAL))
    annex = next(a for a in project.annexes if a.versions)
    entry = annex.entries[0]
    languages, rows = version_rows(annex, entry, project.glossary)
    cells = [cell for row in rows for cell in row.cells]
    assert cells and all(isinstance(c, VersionCell) and c.dir == (direction(c.lang) or "ltr") for c in cells)
    assert set(languages) == {c.lang for c in cells}
