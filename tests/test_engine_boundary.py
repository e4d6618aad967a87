"""The boundary to the engine (issue 16): what annexsite takes from Material 9.8.1,
mkdocs-static-i18n 1.3.1 and MkDocs 1.6, checked against the pinned packages, and the same project
built by ProperDocs (the maintained MkDocs 1.x fork) into the same site.

Each test fails when the pinned upstream changes what annexsite relies on, so that an upgrade is
reviewed instead of silently breaking the site."""

from __future__ import annotations

import gzip
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, copy_scenario, run_cli

import material
import mkdocs_static_i18n

import annexsite.site.search as search_module
from annexsite.site.offline import offline_html
from annexsite.site.postprocess import STEPS, fix_material_markup, write_manifest

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "site_overrides"
BILINGUAL = ROOT / "tests" / "roots" / "bilingual"

# Every file of site_overrides/ that shadows a Material template: the SHA-256 of the pinned
# upstream file it replaces, and why it must stay. A new Material changes a hash: review the
# override against the new upstream file, then record the new hash.
SHADOWED = {
    # block overrides (Material's documented way): they extend the upstream page and override blocks
    "main.html": ("9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
                  "blocks: Content-Security-Policy, x-default alternate, search script"),
    "404.html": ("80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
                 "blocks: the 404 page's title, text and language list per language"),
    # Material's inline scripts, loaded from files instead (no inline script under the policy)
    "partials/javascripts/base.html": ("d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
                                       "assets/annexsite-material-base.js"),
    "partials/javascripts/content.html": ("3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
                                          "assets/annexsite-material-content.js"),
    "partials/javascripts/palette.html": ("8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
                                          "assets/annexsite-material-palette.js"),
}

# Each upstream inline script and the file that carries it, with the one intended change.
SCRIPTS = {
    "partials/javascripts/base.html": ("assets/annexsite-material-base.js",
                                       [('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.scope")]),
    "partials/javascripts/content.html": ("assets/annexsite-material-content.js", []),
    "partials/javascripts/palette.html": ("assets/annexsite-material-palette.js", []),
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_override_that_shadows_a_material_template_is_recorded_with_its_upstream():
    shadowing = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html")
                       if (MATERIAL / p.relative_to(OVERRIDES)).is_file())
    assert shadowing == sorted(SHADOWED), "a new copy of a Material partial: prefer a block or a finishing step"
    # no copy of a whole partial remains: the ones that were (toc, search, nav-item) are now edits
    # of the built pages (annexsite.site.postprocess.fix_material_markup)
    for name in ("partials/toc.html", "partials/search.html", "partials/nav-item.html"):
        assert not (OVERRIDES / name).exists()
    for name, (pinned, why) in SHADOWED.items():
        assert _sha256(MATERIAL / name) == pinned, f"Material's {name} changed: review the override ({why}), then record its hash"


@pytest.mark.parametrize("partial", sorted(SCRIPTS))
def test_each_material_inline_script_is_served_verbatim_but_for_its_recorded_change(partial):
    asset, changes = SCRIPTS[partial]
    upstream = re.findall(r"<script>(.*?)</script>", (MATERIAL / partial).read_text(encoding="utf-8"), re.S)
    ours = (OVERRIDES / asset).read_text(encoding="utf-8")
    assert upstream
    for script in upstream:
        for old, new in changes:
            assert script.count(old) == 1, (partial, old)
            script = script.replace(old, new)
        assert script in ours, f"{partial}: Material's script changed; update {asset}"
    # the override loads the asset instead of the inline script
    assert "<script>" not in (OVERRIDES / partial).read_text(encoding="utf-8")


def test_mkdocs_static_i18n_offers_what_the_plugin_relies_on():
    """The options, attributes and event order documented in annexsite/site/plugin.py."""
    from mkdocs_static_i18n.config import I18nPluginLanguage
    from mkdocs_static_i18n.plugin import I18n

    from annexsite.site.plugin import AnnexsitePlugin

    assert mkdocs_static_i18n.__file__
    options = dict(I18nPluginLanguage._schema)
    assert {"locale", "name", "default", "build", "nav", "site_name"} <= options.keys()
    plugin = I18n()
    assert plugin.current_language is None and plugin.building is False
    assert I18n.on_config.mkdocs_priority == -100  # after annexsite's on_config (priority 0) sets nav and build
    assert I18n.on_post_build.mkdocs_priority == -100 > AnnexsitePlugin.on_post_build.mkdocs_priority
    reconfigure = Path(mkdocs_static_i18n.__file__).with_name("reconfigure.py").read_text(encoding="utf-8")
    assert "lang.build is True" in reconfigure  # build: False leaves a language out
    source = Path(mkdocs_static_i18n.__file__).with_name("plugin.py").read_text(encoding="utf-8")
    for name in ('context["i18n_alternates"]', 'context["i18n_current_language"]', 'context["i18n_page_locale"]'):
        assert name in source, name


def test_material_markup_fixes():
    page = ('<input class="md-toggle" type="checkbox" id="__search">'
            '<div class="md-search" data-md-component="search" role="dialog"><label class="md-search__overlay" for="__search"></label>'
            '<input type="text" class="md-search__input" name="query" aria-label="Rechercher" placeholder="Rechercher">'
            '<nav class="md-search__options" aria-label="Recherche"></nav>'
            '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix></div></div>'
            '<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>Contents</label>'
            '<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_2" checked>'
            '<div class="md-nav__link md-nav__container"><a href="./" class="md-nav__link md-nav__link--active"><span>Gamma</span></a>'
            '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex=""><span class="md-nav__icon md-icon"></span></label></div>'
            '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="true"></nav>'
            '<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_3">'
            '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0"><span>Stages</span></label>'
            '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label"></nav>'
            "<script>var s = '<label for=\"__toc\">';</script>")
    out = fix_material_markup(page)
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Recherche">' in out
    assert '<div class="md-search__scrollwrap" tabindex="-1" data-md-scrollfix>' in out
    assert '<label class="md-nav__title"><span' in out  # no #__toc on the page
    assert '<label class="md-search__overlay" for="__search">' in out  # #__search exists
    assert '<a href="./" class="md-nav__link md-nav__link--active" id="__nav_2_link">' in out
    assert 'aria-labelledby="__nav_2_link"' in out
    assert 'aria-labelledby="__nav_3_label"' in out  # a label with text keeps naming its section
    assert "<script>var s = '<label for=\"__toc\">';</script>" in out  # script text is not markup
    assert fix_material_markup(out) == out


def test_offline_note_goes_into_the_article_and_the_search_dialog():
    page = ('<div class="md-search-result__meta">\n  Initializing search\n</div>'
            '<article class="md-content__inner md-typeset"><h1>T</h1></article><a href="../x/">x</a>')
    out = offline_html(page, "No search <offline>")
    assert '<div class="md-search-result__meta">No search &lt;offline&gt;</div>' in out
    assert ('<article class="md-content__inner md-typeset"><p class="annexsite-offline-note" role="note">'
            "No search &lt;offline&gt;</p><h1>T</h1>") in out
    assert '<a href="../x/index.html">' in out


def test_the_finishing_steps_run_in_order_and_the_manifest_comes_last():
    names = [step.__name__ for step in STEPS]
    assert names.index("write_not_found") < names.index("write_offline_archives")
    assert names.index("write_sitemaps") < names.index("write_offline_archives")
    assert names.index("build_search_index") < names.index("write_offline_archives")
    assert STEPS[-1] is write_manifest


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    """tests/roots/bilingual built by `annexsite build` (MkDocs 1.6)."""
    project = copy_scenario(tmp_path_factory.mktemp("engine") / "project", BILINGUAL)
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project


def test_built_pages_name_every_control_and_landmark(bilingual):
    for path in sorted((bilingual / "site").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "md-search" not in html:
            continue  # redirect pages
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        assert set(re.findall(r'<label[^>]*\sfor="([^"]+)"', html)) <= ids, path
        assert re.search(r'<div class="md-search"[^>]*role="dialog"[^>]*aria-label="[^"]+"', html), path
        assert 'class="md-search__scrollwrap" tabindex="-1"' in html, path
        for named in re.findall(r'aria-labelledby="([^"]+)"', html):
            assert named in ids, (path, named)


def test_one_sitemap_per_language_and_an_index_at_the_root(bilingual):
    site = bilingual / "site"
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", index) == ["/sitemap-en.xml", "/sitemap-fr.xml"]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    assert not list(site.glob("*/sitemap.xml*")), "no language tree holds a copy"
    en = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap-en.xml").read_text(encoding="utf-8"))
    fr = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap-fr.xml").read_text(encoding="utf-8"))
    assert en and not any(loc.startswith("/fr/") for loc in en)
    assert fr and all(loc.startswith("/fr/") for loc in fr) and len(fr) == len(en)
    block = re.search(r"<url>\s*<loc>/fr/gamma/4a801/</loc>(.*?)</url>", (site / "sitemap-fr.xml").read_text(encoding="utf-8"), re.S)
    assert set(re.findall(r'hreflang="([a-z-]+)"', block.group(1))) == {"en", "fr", "x-default"}
    for loc in en + fr:
        assert (site / loc.lstrip("/") / "index.html").is_file(), loc
    # the 404 pages' language lists lead to each language's home from any depth
    for page in ("404.html", "fr/404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<a href="/" hreflang="en" lang="en" data-annexsite-home="" dir="ltr">English</a>' in html, page
        assert '<a href="/fr/" hreflang="fr" lang="fr" data-annexsite-home="fr/" dir="ltr">Français</a>' in html, page
        assert "{base}" not in html


def test_properdocs_builds_the_same_site(bilingual, tmp_path):
    """ProperDocs 1.6.7 (installed with the test packages) builds the project with the same
    plugins and theme into the same pages: a move off MkDocs 1.6 is a dependency change. The
    only difference is the generator each page names (and so the manifest and archives)."""
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "-d", str(out)],
                            cwd=bilingual, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    site = bilingual / "site"
    ours = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert ours == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    generator = re.compile(r'\s*<meta name="generator" content="[^"]*">')
    assert 'content="mkdocs-ProperDocs 1.6.7' in (out / "index.html").read_text(encoding="utf-8")
    for rel in ours:
        if rel.startswith(("data/offline/", "pagefind/")) or rel == "data/SHA256SUMS":
            continue
        a, b = (out / rel).read_bytes(), (site / rel).read_bytes()
        if rel.endswith(".html"):
            a, b = generator.sub("", a.decode("utf-8")), generator.sub("", b.decode("utf-8"))
        assert a == b, rel


def test_the_search_configuration_takes_materials_strings_through_its_public_template_macro(bilingual):
    """Each language's search/search_index.json carries Material's highlighting separator, read
    through the language partial's ``t`` macro (what Material's own templates call as
    ``lang.t``), not through Material's private ``_translate``; French has none of its own and
    gets English's, as Material does."""
    import json

    en_partial = (MATERIAL / "partials/languages/en.html").read_text(encoding="utf-8")
    assert "{% macro t(key) %}" in en_partial
    separator = json.loads(re.search(r'"search\.config\.separator": ("[^\n]*"),', en_partial).group(1))
    site = bilingual / "site"
    for tree in (site, site / "fr"):
        config = json.loads((tree / "search/search_index.json").read_text(encoding="utf-8"))["config"]
        assert config["separator"] == separator and config["separator"], tree
    assert "_translate" not in Path(search_module.__file__).read_text(encoding="utf-8")
