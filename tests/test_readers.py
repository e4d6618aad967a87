"""What a reader sees, in every script (issue 14), in the built files: each element in another
language carries that language's direction, text kept in the source language is marked, lists
are punctuated as the language punctuates them, charts mirror for right-to-left, the language
selector needs no sitemap, a 404 page per language, and the terminology of the translations."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, copy_scenario, run_cli
from i18n_helpers import read

from annexsite.localize import Formatter
from annexsite.site.alternates import quiet_language_selector
from annexsite.site.direction import mark_directions


def page(site: Path, url: str) -> str:
    return (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


def start_tags_with_lang(markup: str) -> list[str]:
    return re.findall(r"<[a-zA-Z][^<>]*\slang=\"[^\"]+\"[^<>]*>", markup)


def test_every_lang_gets_the_direction_of_its_language_and_a_dir_set_by_hand_stays():
    out = mark_directions('<html lang="ar" class="no-js"><p class="annex-para" lang="en">a.1. text</p>'
                          '<span lang="ar">عربي</span><bdi lang="en" dir="rtl">x</bdi><a hreflang="fr" href="/fr/">f</a>'
                          '<script>var s = \'<p lang="en">\';</script><span lang="xx-unknown">?</span>')
    assert out.startswith('<html lang="ar" class="no-js" dir="rtl">')
    assert '<p class="annex-para" lang="en" dir="ltr">' in out
    assert '<span lang="ar" dir="rtl">' in out
    assert '<bdi lang="en" dir="rtl">' in out  # set by hand: kept
    assert '<a hreflang="fr" href="/fr/">' in out  # hreflang is not lang
    assert "<script>var s = '<p lang=\"en\">';</script>" in out  # script text is not markup
    assert '<span lang="xx-unknown">' in out


def test_built_pages_give_every_language_its_direction(bundled_site):
    for url in ("/ar/us-ear-quantum/4a906/", "/ar/", "/ar/glossary/", "/ja/us-ear-quantum/4a906/", "/us-ear-quantum/4a906/",
                "/translations/"):
        markup = page(bundled_site, url)
        for tag in start_tags_with_lang(markup):
            code = re.search(r'\slang="([^"]+)"', tag).group(1)
            expected = "rtl" if code.startswith("ar") else "ltr"
            assert f'dir="{expected}"' in tag, (url, tag)
    markup = page(bundled_site, "/ar/us-ear-quantum/4a906/")
    assert re.search(r'<p class="annex-para"[^>]*id="a"[^>]*lang="en" dir="ltr"', markup)
    assert re.search(r'<html lang="ar"[^>]*dir="rtl"', markup)


@pytest.mark.parametrize("lang", ["fr", "ja", "ar"])
def test_reasons_for_control_and_licence_exceptions_in_english_say_so(bundled_site, lang):
    markup = page(bundled_site, f"/{lang}/us-ear-quantum/4a906/")
    for english in ("Worldwide control. See § 742.4(a)(5)", "AT Column 1.", "LVS", "IEC"):
        assert re.search(rf'<td><span lang="en" dir="ltr">{re.escape(english)}', markup), (lang, english)
    assert re.search(r'<li>[^<]*<span lang="en" dir="ltr">15 CFR', markup), "the citation is marked English"
    english = page(bundled_site, "/us-ear-quantum/4a906/")
    assert "<td>LVS</td>" in english  # on English pages nothing to mark


def test_lists_use_the_separator_of_the_language():
    assert [Formatter(code).separator for code in ("en", "fr", "zh", "ja", "ar")] == [", ", ", ", "、", "、", "، "]
    assert Formatter("ar").join(["4A906", "4D906"]) == "4A906، 4D906"


def test_built_lists_use_the_separator_of_the_language(bundled_site):
    ar = page(bundled_site, "/ar/us-ear-quantum/4a906/")
    ja = page(bundled_site, "/ja/us-ear-quantum/4a906/")
    matters = lambda markup: re.search(r"<li><strong>[^<]*</strong>\s*(<a href=\"../../stages/.*?)</li>", markup, re.S).group(1)
    assert "</a>، <a" in matters(ar) and ", <a" not in matters(ar)
    assert "</a>、<a" in matters(ja)
    home = page(bundled_site, "/ar/")
    assert re.search(r"</a>: 10 بنود، ", home), "the Arabic home joins the count and the date with an Arabic comma"


def test_charts_mirror_for_right_to_left_and_keep_their_labels_whole():
    from annexsite.derive.changes import Chart
    from annexsite.render.charts import WIDTH, bar_chart

    label = "ضوابط التصدير على المواد ذات الاستخدام المزدوج في الاتحاد الأوروبي"
    chart = Chart(path="x.svg", title="العنوان", series=("أضيف",), rows=((label, (10,)), ("US EAR", (4,))), percent=False)
    svg = bar_chart(chart, str, str, str, rtl=True, lang="ar")
    assert 'lang="ar"' in svg and 'direction="rtl"' in svg
    shown = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
    assert all(word in shown.split() for word in label.split()), shown  # wrapped, not cut
    labels = re.findall(r'<(?:tspan|text) x="([\d.]+)" y="[\d.]+"(?: text-anchor="start")?(?: fill="#212121")?>(?:[^<\d]*[^\W\d][^<]*)<', svg)
    assert len(labels) >= 4 and all(float(x) == WIDTH for x in labels)  # the title and the labels at the right edge
    bars = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)]
    assert all(x + w <= WIDTH - 200 for x, w in bars)  # bars grow leftwards from the labels
    ltr = bar_chart(chart, str, str, str)
    assert 'direction="rtl"' not in ltr and all(x == "0" for x in re.findall(r'<tspan x="([\d.]+)"', ltr))
    assert '<text x="0" y="' in ltr and ">US EAR</text>" in ltr  # a one-line label stays one text element


def test_the_language_selector_fetches_no_sitemap(bundled_site, tmp_path):
    bundle = next((bundled_site / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert '"link[rel=alternate]"' not in bundle and '"link[rel=alternate][data-annexsite-none]"' in bundle
    # a Material whose bundle changed is reported, not patched blindly
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/bundle.0.min.js").write_text("function x(){}", encoding="utf-8")
    assert "expected one" in quiet_language_selector(tmp_path)[0]
    # the hreflang links stay in every page for search engines
    assert 'hreflang="ja"' in page(bundled_site, "/ar/us-ear-quantum/4a906/")


def test_sitemap_addresses_are_absolute_with_site_url_and_a_warning_without(tmp_path):
    project = copy_scenario(tmp_path / "project")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert "warning: site_url is not set in mkdocs.yml" in result.stderr
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://example.org/controls/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert "site_url is not set" not in result.stderr
    index = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]*)</loc>", index) == ["https://example.org/controls/sitemap-en.xml"]
    sitemap = (project / "site/sitemap-en.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs and all(loc.startswith("https://example.org/controls/") for loc in locs), locs[:3]


def test_a_404_page_per_language(bundled_site):
    root = (bundled_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en"', root) and "<title>Page not found - " in root
    arabic = (bundled_site / "ar/404.html").read_text(encoding="utf-8")
    title = next(m.string for m in read(ROOT / "locales/ar/LC_MESSAGES/messages.po", "ar") if m.id == "Page not found")
    assert re.search(r'<html lang="ar"[^>]*dir="rtl"', arabic) and f"<title>{title} - " in arabic
    for code in ("en", "fr", "de", "es", "zh", "ja", "ar"):
        home = "/" if code == "en" else f"/{code}/"
        assert re.search(rf'<a href="{home}" hreflang="{code}" lang="{code}"', arabic), code
    # the header's language selector leads to each language's home, not to some other page's alternates
    assert re.findall(r'<a href="([^"]*)" hreflang="ja" class="md-select__link">', arabic) == ["/ja/"]


def _project_copy(dest: Path) -> Path:
    for name in ("annexes", "locales", "templates", "site_overrides", "releases"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def test_terminology_of_the_bundled_translations_passes_and_a_reintroduced_error_is_flagged(tmp_path):
    from annexsite.i18n.terms import check_terms
    from annexsite.pipeline import Paths, check

    paths = Paths(ROOT)
    assert [str(d) for d in check_terms(paths, check(paths).glossary)] == []

    project = _project_copy(tmp_path / "project")
    po = project / "locales/zh/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    assert "持续超过 48 小时" in text
    po.write_text(text.replace("持续超过 48 小时", "持续 48 小时以上", 1), encoding="utf-8")
    line = next(i for i, l in enumerate(po.read_text(encoding="utf-8").splitlines(), 1) if "48 小时以上" in l)
    es = project / "locales/es/LC_MESSAGES/content.po"
    es.write_text(es.read_text(encoding="utf-8").replace("sobre productos cuánticos", "sobre tecnología cuántica", 1), encoding="utf-8")
    result = run_cli("-C", str(project), "i18n", "update", "--check")
    assert result.returncode == 1, result.stderr
    zh = [l for l in result.stderr.splitlines() if l.startswith("locales/zh/LC_MESSAGES/content.po:")]
    assert len(zh) == 1 and 'says "more than 48" but the zh translation says "以上"' in zh[0], result.stderr
    assert int(zh[0].split(":")[1]) <= line  # the message's first line, at or before the changed text
    assert re.search(r'locales/es/LC_MESSAGES/content.po:\d+:1: the es translation uses "tecnología"', result.stderr)


def test_a_decision_guide_has_an_outline_a_reader_can_follow_at_any_width(bundled_site):
    import html as html_module

    from annexsite.pipeline import Paths, check
    from annexsite.derive.trees import generated_trees

    tree = next(t for t in generated_trees(check(Paths(ROOT))) if t.id == "quantum-computer")
    for lang in ("", "ar/"):
        markup = page(bundled_site, f"/{lang}trees/quantum-computer/")
        outline = re.search(r'<details class="annex-outline">(.*?)</details>', markup, re.S)
        assert outline, lang
        hrefs = set(re.findall(r'<a href="([^"]+)"', outline.group(1)))
        assert hrefs == {"./"} | {f"{n.id}/" for n in tree.nodes if n.id != tree.start}, lang  # every step, linked
        assert '<bdi dir="ltr">' in outline.group(1)  # the thresholds of the answers, isolated
    assert "≥ 2,000" in html_module.unescape(re.search(r'<details class="annex-outline">(.*?)</details>',
                                                        page(bundled_site, "/trees/quantum-computer/"), re.S).group(1))
