"""Authentic language versions: the bilingual scenario (tests/roots/bilingual), built for real.

The synthetic annex gamma is authentic in English (its source) and French (transcribed in
annexes/gamma/fr/). A reader of either language reads that language's text as the law, unmarked;
each entry offers the other version side by side. The alignment breaks have bad-input cases
(tests/bad_input/version-*.yaml); the number reading is tested here.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, copy_scenario, pagefind_fragments, run_cli

from annexsite.localize import Language
from annexsite.pipeline import Paths, generate
from annexsite.model.align import numbers

BILINGUAL = ROOT / "tests" / "roots" / "bilingual"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The command on ``project``: a build in a subprocess, anything else in-process (helpers.run_cli)."""
    return run_cli("-C", str(project), *args)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_scenario(tmp_path_factory.mktemp("bilingual") / "project", BILINGUAL)
    out = project.parent / "site"
    result = run(project, "build", "-d", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def legal_block(html: str) -> str:
    start = html.index('<div class="annex-compare-legal">')
    return html[start:html.index("</article>", start)]


def test_french_reader_reads_the_french_authentic_text_unmarked(site):
    html = page(site, "fr/gamma/4a801")
    legal = legal_block(html)
    assert '<p class="annex-heading" lang="fr" dir="ltr">Gadgets d\'essai synthétiques, comme suit.</p>' in legal
    assert re.search(r'<p class="annex-para" data-depth="2" id="a\.1" lang="fr" dir="ltr">.*?</a> Prenant en charge 34 cellules', legal)
    assert '<span lang="fr" dir="ltr">Aux fins du 4A801, une cellule d\'essai est comptée comme suit :</span>' in legal
    assert "Supporting 34" not in legal, "the English text is not on the French page's legal block"
    # no translation mark anywhere on the legal text
    assert "data-translation" not in legal
    assert "annex-informative" not in legal and "annex-authentic-note" not in legal
    assert "informative" not in legal.lower()
    # no legal text in English (the citation of the source may be, marked as such)
    assert not re.search(r'class="annex-(?:para|heading)"[^>]*lang="en"', legal)
    assert not re.search(r'<span lang="en"[^>]*>(?!Synthetic test citation)', legal)


def test_english_reader_reads_the_english_text_unmarked(site):
    legal = legal_block(page(site, "gamma/4a801"))
    assert '<p class="annex-heading" lang="en" dir="ltr">Synthetic test widgets, as follows.</p>' in legal
    assert "Supporting 34 or more test cells;" in legal
    assert "Prenant" not in legal
    assert "data-translation" not in legal and "annex-authentic-note" not in legal
    assert 'lang="fr"' not in legal


@pytest.mark.parametrize("lang,prefix,other", [("en", "", "French"), ("fr", "fr/", "anglais")])
def test_each_entry_page_offers_the_other_version_side_by_side(site, lang, prefix, other):
    html = page(site, f"{prefix}gamma/4a801")
    link = re.search(r'<p class="annex-versions-link"><a href="([^"]+)">', html)
    assert link and link.group(1) == "versions/", html[:200]
    versions = page(site, f"{prefix}gamma/4a801/versions")
    cells = re.findall(r'<div class="annex-versions-cell" dir="(\w+)" lang="(\w+)">', versions)
    # one row per unit of legal text: heading, a, a.1, a.2, b, two notes and two note items
    assert len(cells) == 2 * 9, cells
    assert cells[0] == ("ltr", lang), "the reader's own version comes first"
    assert {c[1] for c in cells} == {"en", "fr"}
    assert "Supporting 34 or more test cells;" in versions and "Prenant en charge 34 cellules d'essai ou plus ;" in versions
    assert versions.count('data-aligned="yes"') == 9 + 1  # every row, and the page's status line
    assert 'data-aligned="no"' not in versions
    assert other in versions


def test_french_search_index_holds_the_french_authentic_text(site):
    """Pagefind's fragment of the French entry page (its text as the index returns it)."""
    text = " ".join(doc["content"] for doc in pagefind_fragments(site / "pagefind")
                    if doc["url"].rstrip("/").endswith("/fr/gamma/4a801"))
    text = re.sub(r"\s+", " ", text)
    assert "Prenant en charge 34 cellules d'essai ou plus" in text
    assert re.sub(r"\s+", " ", "Gadgets d'essai contenant 2 000 cellules d'essai") in text
    assert "Supporting 34 or more" not in text


def test_versions_pages_stay_out_of_the_navigation(site):
    html = page(site, "fr/gamma/4a801")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    assert "versions/" not in nav


def test_status_reports_authentic_versions_per_annex(tmp_path):
    project = copy_scenario(tmp_path / "project", BILINGUAL)
    result = run(project, "i18n", "status")
    assert result.returncode == 0, result.stderr
    assert "  gamma: source en; other versions transcribed: fr (2/2 entries, aligned)" in result.stdout
    data = json.loads(run(project, "i18n", "status", "--json").stdout)
    assert data["authentic_versions"]["gamma"]["versions"]["fr"]["aligned"] is True
    fr = data["languages"]["fr"]
    # the French legal text is present as law, not counted as a missing informative translation
    assert fr["legal_informative"]["total"] == 0
    assert fr["legal_authentic"] == {"annexes": ["gamma"], "total": 10}


@pytest.fixture(scope="module")
def bundled_fr():
    return generate(Paths(ROOT), [Language("en", "English", True), Language("fr", "Français")]).rendered.files


def test_bundled_eu_page_says_honestly_which_versions_are_transcribed(bundled_fr):
    fr = bundled_fr["fr/eu-dual-use-quantum/4a506.md"]
    assert "ce site n’a pas transcrit sa version en français et affiche la version en anglais" in fr
    assert "[Lire la version en français à la source officielle.](https://" in fr
    assert "n’en reproduit que" not in fr  # the former, false sentence
    en = bundled_fr["en/eu-dual-use-quantum/4a506.md"]
    assert "- Authentic versions on this site: EN\n" in en
    assert "annex-versions-link" not in en, "no other version is transcribed, so none is offered"
    assert not any(path.endswith("/versions.md") for path in bundled_fr)


def test_us_page_for_a_french_reader_keeps_todays_behaviour(bundled_fr):
    fr = bundled_fr["fr/us-ear-quantum/4a906.md"]
    assert "Le texte juridique est affiché en\u00a0anglais, la langue dans laquelle il fait foi." in fr
    assert '<p class="annex-heading" lang="en"' in fr


@pytest.mark.parametrize("en,fr", [
    ("2,000 or more", "2 000 ou plus"),
    ("2,000 or more", "2\u202f000 ou plus"),
    ("1.5 GHz", "1,5 GHz"),
    ("1.50 GHz", "1,5\u00a0GHz"),
    ("10 % or less at 4 K", "10 % ou moins à 4 K"),
    ("less than or equal to 10⁻⁴", "inférieur ou égal à 10-4"),
])
def test_numbers_read_alike_across_decimal_marks_and_grouping(en, fr):
    assert numbers(en, "en") == numbers(fr, "fr")


@pytest.mark.parametrize("en,other,lang", [
    ("34 or more", "43 ou plus", "fr"),
    ("1.5 GHz", "1,5 MHz", "fr"),
    ("2,000", "2,000", "fr"),  # in French this is two thousandths, not two thousand
    ("2,000", "2.000,5", "de"),
])
def test_numbers_that_differ_are_told_apart(en, other, lang):
    assert numbers(en, "en") != numbers(other, lang)


def test_the_source_language_is_per_annex(tmp_path):
    """An annex written in French needs no French translation, whatever the other annexes are
    written in; an English annex still does."""
    from annexsite.localize import MISSING, load_translations
    from annexsite.model.objects import Msg

    fr = load_translations(tmp_path, Language("fr", "Français"), tmp_path, "en", {"gamma": "fr", "alpha": "en"})
    own = Msg("Gadgets d'essai", "gamma/4A801/title")
    other = Msg("Test widgets", "alpha/4A906/title")
    assert fr.state(own) == ("", "") and fr.text(own).state == "" and fr.text(own).lang == "fr"
    assert fr.state(other)[1] == MISSING and fr.text(other).lang == "en"
    en = load_translations(tmp_path, Language("en", "English", True), tmp_path, "en", {"gamma": "fr", "alpha": "en"})
    assert not en.source, "English must translate the French annex"
    assert en.state(own)[1] == MISSING and en.state(other) == ("", "")


def test_a_version_folder_holds_category_files_only(tmp_path):
    project = copy_scenario(tmp_path / "project", BILINGUAL)
    (project / "annexes" / "gamma" / "fr" / "notes.yaml").write_text("x: 1\n", encoding="utf-8")
    result = run(project, "validate")
    assert result.returncode == 1
    assert "annexes/gamma/fr/notes.yaml: unexpected file (hint: a language version holds category-N.yaml files only)" \
        in result.stderr.splitlines()


def test_a_version_of_the_source_language_is_an_error(tmp_path):
    project = copy_scenario(tmp_path / "project", BILINGUAL)
    (project / "annexes" / "gamma" / "fr").rename(project / "annexes" / "gamma" / "en")
    result = run(project, "validate")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "annexes/gamma/en/category-4.yaml:1:1: en is the source language of gamma: its text is in "
        "annexes/gamma/category-N.yaml, not in a version folder")
