"""The translation workflow on a scenario project: extract, update, drift check, compile, status,
and what a reader sees when a translation is missing or out of date."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import FRENCH, MINIMAL, ROOT, run_cli, scenario_config
from i18n_helpers import fill, read


def cli(project, *args):
    return run_cli("-C", str(project), *args)


def line_of(path, text) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def add_french(project) -> None:
    """A copy of tests/roots/minimal made tests/roots/french: French published (that root's
    mkdocs.yml), and its catalogs, every interface and content string translated (pseudo-French)."""
    result = cli(project, "i18n", "update", "-l", "fr")
    assert result.returncode == 0, result.stderr
    for domain in ("messages", "content"):
        fill(project / f"locales/fr/LC_MESSAGES/{domain}.po", "fr")
    config = project / "mkdocs.yml"
    assert config.read_text(encoding="utf-8") == scenario_config(MINIMAL), "add_french replaces mkdocs.yml: edit it after"
    config.write_text(scenario_config(FRENCH), encoding="utf-8")


def test_extract_records_context_and_file_line(minimal_project):
    result = cli(minimal_project, "i18n", "extract")
    assert result.returncode == 0, result.stderr
    pot = read(minimal_project / "locales/content.pot")
    yaml = minimal_project / "annexes/alpha/category-4.yaml"
    covers = pot.get("Gate-based quantum computers above the qubit bands.", context="alpha/4A906/guidance.covers")
    assert covers.locations == [("annexes/alpha/category-4.yaml", line_of(yaml, "covers: Gate-based"))]
    name = pot.get("Physical qubits", context="alpha/4A906/parameters.physical_qubits")
    assert name is not None and name.locations[0][1] == line_of(yaml, "name: Physical qubits")
    # the same English words in two entries are two messages, translatable apart
    assert pot.get("Annealers.", context="alpha/4A906/guidance.excludes") is not None
    assert pot.get("Annealers.", context="beta/4A506/guidance.excludes") is not None
    # legal text is kept apart: its translations are only informative
    assert pot.get("Does not apply to annealers.", context="alpha/4A906/note.1") is None
    legal = read(minimal_project / "locales/legal.pot")
    assert legal.get("Does not apply to annealers.", context="alpha/4A906/note.1") is not None
    ui = read(minimal_project / "locales/messages.pot")
    assert ui.get("Guidance, not legal advice.") is not None
    plural = ui.get("%(num)d entry")
    assert plural is not None and plural.id == ("%(num)d entry", "%(num)d entries")
    assert ui.get("Hardware") is not None  # a label marked N_ in the code


def test_pybabel_extract_uses_the_annexsite_method(minimal_project):
    (minimal_project / "babel.cfg").write_text("[annexsite: annexes/**.yaml]\n", encoding="utf-8")
    pybabel = [sys.executable, "-c", "from babel.messages.frontend import main; main()"]
    result = subprocess.run([*pybabel, "extract", "-F", "babel.cfg", "-o", "out.pot", "."],
                            cwd=minimal_project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pot = read(minimal_project / "out.pot")
    m = pot.get("Annealers.", context="beta/4A506/guidance.excludes")
    assert m is not None and m.locations[0][0].endswith("annexes/beta/category-4.yaml")


def test_update_is_idempotent_and_the_drift_check_sees_changed_sources(minimal_project):
    assert cli(minimal_project, "i18n", "update", "-l", "fr").returncode == 0
    assert (minimal_project / "locales/fr/LC_MESSAGES/content.po").is_file()
    again = cli(minimal_project, "i18n", "update")
    assert again.returncode == 0 and "catalogs up to date" in again.stdout
    check = cli(minimal_project, "i18n", "update", "--check")
    assert check.returncode == 0, check.stderr

    yaml = minimal_project / "annexes/alpha/category-4.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("Gate-based quantum computers above",
                                                             "Gate-based quantum computers at or above"), encoding="utf-8")
    drift = cli(minimal_project, "i18n", "update", "--check")
    assert drift.returncode == 1
    assert "locales/content.pot: out of date" in drift.stderr
    assert "locales/fr/LC_MESSAGES/content.po: out of date" in drift.stderr


def test_changed_source_makes_the_translation_fuzzy_and_the_page_says_outdated(minimal_project):
    add_french(minimal_project)
    yaml = minimal_project / "annexes/alpha/category-4.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("Gate-based quantum computers above",
                                                             "Gate-based quantum computers at or above"), encoding="utf-8")
    assert cli(minimal_project, "i18n", "update").returncode == 0
    po = read(minimal_project / "locales/fr/LC_MESSAGES/content.po", "fr")
    m = po.get("Gate-based quantum computers at or above the qubit bands.", context="alpha/4A906/guidance.covers")
    assert m.fuzzy and m.string == "«Gate-based quantum computers above the qubit bands.»"
    # the translator sees what changed: the previous source text, as msgmerge writes it
    assert ('#, fuzzy\n#| msgid "Gate-based quantum computers above the qubit bands."\nmsgctxt "alpha/4A906/guidance.covers"'
            in (minimal_project / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8"))

    # the fuzzy entry, its previous text included, survives the next update unchanged
    settled = cli(minimal_project, "i18n", "update", "--check")
    assert settled.returncode == 0, settled.stderr

    compiled = cli(minimal_project, "i18n", "compile")
    assert compiled.returncode == 0
    assert "locales/fr/LC_MESSAGES/content.po".replace(".po", ".mo") in compiled.stdout
    assert "1 fuzzy left out" in compiled.stdout
    assert (minimal_project / "locales/fr/LC_MESSAGES/content.mo").is_file()

    out = minimal_project / "site"
    result = cli(minimal_project, "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    html = (out / "fr/alpha/4a906/index.html").read_text(encoding="utf-8")
    assert html.count('data-translation="outdated"') == 1
    block = html[html.index('data-translation="outdated"'):]
    block = block[:block.index("</div>")]
    # the source text, in the source language, with the notice in the reader's language (here pseudo-French)
    assert '<span lang="en" dir="ltr">Gate-based quantum computers at or above the qubit bands.</span>' in block
    assert "«The %(language)s translation" not in block and "«The français translation" in block
    assert "«Annealers.»" in html  # the rest stays translated
    # the English page and the other French pages carry no translation notice
    assert "data-translation" not in (out / "alpha/4a906/index.html").read_text(encoding="utf-8")
    assert "data-translation" not in (out / "fr/beta/4a506/index.html").read_text(encoding="utf-8")


def test_a_missing_string_says_missing_and_status_counts_it(minimal_project):
    add_french(minimal_project)
    po = minimal_project / "locales/fr/LC_MESSAGES/content.po"
    fill(po, "fr", translate=lambda text: "", only=lambda ctx: ctx == "beta/4A506/guidance.covers")
    out = minimal_project / "site"
    result = cli(minimal_project, "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    html = (out / "fr/beta/4a506/index.html").read_text(encoding="utf-8")
    assert html.count('data-translation="missing"') == 1
    assert '<span lang="en" dir="ltr">Same as alpha.</span>' in html

    status = cli(minimal_project, "i18n", "status", "--json")
    assert status.returncode == 0, status.stderr
    fr = json.loads(status.stdout)["languages"]["fr"]
    assert fr["annexes"]["beta"]["entries"]["4A506"]["missing"] == 1
    assert fr["annexes"]["alpha"]["entries"]["4A906"] == {"translated": 7, "fuzzy": 0, "missing": 0, "total": 7}
    assert fr["interface"]["missing"] == 0
    published = json.loads((out / "data/translations.json").read_text(encoding="utf-8"))
    assert published == json.loads(status.stdout)


def test_a_language_below_the_threshold_is_not_published(minimal_project):
    add_french(minimal_project)
    for domain in ("messages", "content"):  # nothing translated: far below min_coverage
        fill(minimal_project / f"locales/fr/LC_MESSAGES/{domain}.po", "fr", translate=lambda text: "")
    out = minimal_project / "site"
    result = cli(minimal_project, "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    assert "fr: the interface and shared texts are" in result.stderr and "not published" in result.stderr
    assert not (out / "fr").exists()
    assert (out / "alpha/4a906/index.html").is_file()


def test_an_untranslated_annex_never_unpublishes_another_annexs_translated_pages(minimal_project):
    add_french(minimal_project)  # interface, shared texts and alpha translated; beta not at all
    fill(minimal_project / "locales/fr/LC_MESSAGES/content.po", "fr", translate=lambda text: "",
         only=lambda ctx: ctx.startswith("beta/"))
    out = minimal_project / "site"
    result = cli(minimal_project, "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    assert "fr: beta is 0.0% translated, below min_coverage 90%: its pages are published in its source language, marked" \
        in result.stderr
    alpha = (out / "fr/alpha/4a906/index.html").read_text(encoding="utf-8")
    assert "data-translation" not in alpha and "«Gate-based quantum computers above the qubit bands.»" in alpha
    beta = (out / "fr/beta/4a506/index.html").read_text(encoding="utf-8")
    # one notice for the page, in French (pseudo-French here), and the English text marked by language
    assert beta.count('data-translation="missing"') == 1
    assert '<span lang="en" dir="ltr">Same as alpha.</span>' in beta
    assert "«%(annex)s is not yet translated into %(language)s" not in beta  # placeholders filled
    status = json.loads(cli(minimal_project, "i18n", "status", "--json").stdout)["languages"]["fr"]
    assert status["published"] is True
    assert status["annexes"]["alpha"]["published"] is True and status["annexes"]["beta"]["published"] is False
    assert status["annexes"]["beta"]["coverage"] == 0.0


def test_a_long_changed_source_keeps_a_previous_msgid_that_gettext_tools_read(minimal_project):
    """Babel wraps a long ``#| msgid`` so that msgfmt and msgattrib reject the file; ours is one line."""
    add_french(minimal_project)
    yaml = minimal_project / "annexes/alpha/category-4.yaml"
    longer = "Gate-based quantum computers above the qubit bands, " + "and a long plain-language tail " * 6
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("Gate-based quantum computers above the qubit bands.",
                                                             longer.strip() + "."), encoding="utf-8")
    assert cli(minimal_project, "i18n", "update").returncode == 0
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("a long plain-language tail", "a longer tail", 1),
                    encoding="utf-8")
    assert cli(minimal_project, "i18n", "update").returncode == 0
    po = minimal_project / "locales/fr/LC_MESSAGES/content.po"
    for tool in (["msgfmt", "--check", "-o", "/dev/null"], ["msgattrib", "--only-fuzzy", "-o", "/dev/null"]):
        result = subprocess.run([*tool, str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert f'#| msgid "{longer.strip()}."' in po.read_text(encoding="utf-8")


def test_informative_translation_of_legal_text_is_labelled_and_shown_beside_the_authentic(minimal_project):
    add_french(minimal_project)
    fill(minimal_project / "locales/fr/LC_MESSAGES/legal.po", "fr",
         translate=lambda text: "Ne s’applique pas aux recuits.", only=lambda ctx: ctx == "alpha/4A906/paragraph.a.2")
    out = minimal_project / "site"
    assert cli(minimal_project, "build", "-d", str(out)).returncode == 0
    html = (out / "fr/alpha/4a906/index.html").read_text(encoding="utf-8")
    assert html.count('data-translation="informative"') == 1
    assert '<p class="annex-informative" data-depth="2" lang="fr" dir="ltr">Ne s’applique pas aux recuits.</p>' in html
    assert '<p class="annex-para" data-depth="2" id="a.2" lang="en" dir="ltr">' in html  # the authentic text stays, beside it
    assert 'class="annex-legal annex-parallel"' in html


@pytest.mark.parametrize("old, new, expect", [
    ('msgstr "«Home»"', 'msgstr "Accueil', "broken PO file"),
    ('msgstr "«Category %(num)d»"', 'msgstr "Catégorie %(nombre)d"', "unknown named placeholder 'nombre'"),
    ('msgstr "«Home»"', 'msgstr "Acc\u202eueil"', "bidirectional-override"),
    ('msgstr "«Home»"', 'msgstr "<img src=x onerror=alert(1)>Accueil"', "adds HTML, a link or attributes"),
    ('msgstr "«Home»"', 'msgstr "[Accueil](javascript:alert(1))"', "adds HTML, a link or attributes"),
    ('msgstr "«Home»"', 'msgstr "Accueil { onclick=\\"alert(1)\\" }"', "adds HTML, a link or attributes"),
    ('msgstr "«Home»"', 'msgstr "Accueil [x][y]\\n\\n[y]: https://evil.example"', "adds HTML, a link or attributes"),
    ('"Content-Type: text/plain; charset=utf-8\\n"', '"Content-Type: text/plain; charset=ISO-8859-1\\n"', "charset"),
    ('"Plural-Forms: nplurals=2; plural=(n > 1);\\n"', '"Plural-Forms: nplurals=2; plural=(n > 1;\\n"', "Plural-Forms"),
])
def test_broken_po_file_fails_with_its_line_and_keeps_the_site(minimal_project, old, new, expect):
    add_french(minimal_project)
    po = minimal_project / "locales/fr/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1  # the msgstr line; placeholder errors name the entry's msgid
    line -= expect.startswith(("unknown named placeholder", "adds HTML"))  # the entry's msgid line
    line = line if not old.startswith('"') else text[:text.index(old)].count("\n") + 1
    out = minimal_project / "site"
    out.mkdir()
    (out / "keep.html").write_text("previous site", encoding="utf-8")
    result = cli(minimal_project, "build", "-d", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"locales/fr/LC_MESSAGES/messages.po:{line}:" in result.stderr, result.stderr
    assert expect in result.stderr
    assert (out / "keep.html").read_text(encoding="utf-8") == "previous site"


def test_bundled_catalogs_are_current_and_pass_msgfmt_check():
    result = run_cli("i18n", "update", "--check")
    assert result.returncode == 0, result.stderr
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert check.returncode == 0, (po, check.stderr)


def test_an_untranslated_title_is_marked_under_the_heading_and_in_lists(minimal_project):
    add_french(minimal_project)
    po = minimal_project / "locales/fr/LC_MESSAGES/content.po"
    fill(po, "fr", translate=lambda text: "", only=lambda ctx: ctx == "alpha/4A906/title")
    out = minimal_project / "site"
    assert cli(minimal_project, "build", "-d", str(out)).returncode == 0
    own = (out / "fr/alpha/4a906/index.html").read_text(encoding="utf-8")
    assert '<p class="annex-fallback-note" data-translation="missing">' in own  # under the h1
    linking = (out / "fr/beta/4a506/index.html").read_text(encoding="utf-8")
    assert '<span class="annex-fallback" data-translation="missing" lang="en" dir="ltr">Quantum computers</span>' in linking


def test_duplicate_message_is_reported_at_its_line(minimal_project):
    add_french(minimal_project)
    po = minimal_project / "locales/fr/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgctxt "beta/4A506/guidance.excludes"\nmsgid "Annealers."\nmsgstr "Autre."\n', encoding="utf-8")
    line = len(text.splitlines()) + 3
    result = cli(minimal_project, "build", "-d", str(minimal_project / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"locales/fr/LC_MESSAGES/content.po:{line}:1: duplicate message 'Annealers.'" in result.stderr


def test_a_renumbered_entry_keeps_its_translations(minimal_project):
    add_french(minimal_project)
    yaml = minimal_project / "annexes/alpha/category-4.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("4D906", "4D907"), encoding="utf-8")
    assert cli(minimal_project, "validate").returncode == 0
    assert cli(minimal_project, "i18n", "update").returncode == 0
    po = read(minimal_project / "locales/fr/LC_MESSAGES/content.po", "fr")
    moved = po.get("Software.", context="alpha/4D907/guidance.covers")
    assert moved.string == "«Software.»" and not moved.fuzzy
    assert cli(minimal_project, "i18n", "update", "--check").returncode == 0


def test_markup_in_content_and_legal_translations_is_shown_as_text(minimal_project):
    add_french(minimal_project)
    hostile = '<script>alert(1)</script> [lien](javascript:alert(2)) <img src=x onerror=alert(3)> *gras*'
    fill(minimal_project / "locales/fr/LC_MESSAGES/content.po", "fr", translate=lambda text: hostile,
         only=lambda ctx: ctx == "alpha/4A906/guidance.covers")
    fill(minimal_project / "locales/fr/LC_MESSAGES/legal.po", "fr", translate=lambda text: hostile,
         only=lambda ctx: ctx == "alpha/4A906/paragraph.a")
    out = minimal_project / "site"
    assert cli(minimal_project, "build", "-d", str(out)).returncode == 0
    html = (out / "fr/alpha/4a906/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    # as text: the guidance, the page description made of it, and the informative legal translation
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; [lien](javascript:alert(2))") == 3


def test_template_plurals_and_contexts_are_extracted_and_translated(tmp_path):
    """jinja2.ext.i18n in a project's own template: pgettext and ngettext, through the catalogs."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from annexsite.i18n.extract import interface_catalog
    from annexsite.localize import Language, load_translations
    from annexsite.render.markdown import make_environment

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text(
        '{{ pgettext("month", "May") }} / {{ pgettext("permission", "May") }} / '
        '{{ ngettext("%(num)d entry", "%(num)d entries", n) }}\n', encoding="utf-8")
    pot = interface_catalog(templates, tmp_path)
    assert pot.get("May", context="month") and pot.get("May", context="permission")
    assert pot.get(("%(num)d entry", "%(num)d entries")).locations[0][0].endswith("t.md.j2")

    po = Catalog(locale="fr")
    po.add("May", "mai", context="month")
    po.add("May", "peut", context="permission")
    po.add(("%(num)d entry", "%(num)d entries"), ("%(num)d entrée", "%(num)d entrées"), flags=["python-format"])
    target = tmp_path / "locales/fr/LC_MESSAGES/messages.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as fh:
        write_po(fh, po)
    tr = load_translations(tmp_path / "locales", Language("fr", "Français"), tmp_path)
    env = make_environment(templates)
    env.install_gettext_translations(tr.ui, newstyle=True)
    out = [env.get_template("t.md.j2").render(n=n).strip() for n in (1, 3)]
    assert out == ["mai / peut / 1 entrée", "mai / peut / 3 entrées"]
