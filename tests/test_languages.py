"""The bundled site in seven languages: translated pages, right-to-left Arabic, alternates,
per-language search, locale formatting, and the translation status the site publishes."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest

from helpers import ROOT, run_cli
from i18n_helpers import read

OTHERS = ["fr", "de", "es", "zh", "ja", "ar"]
ALL = ["en", *OTHERS]


@pytest.fixture(scope="module")
def site(bundled_site):
    return bundled_site


@pytest.fixture(scope="module")
def entries(site):
    return json.loads((site / "data/entries.json").read_text(encoding="utf-8"))["entries"]


def page(site, url: str) -> str:
    return (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


def translation(lang: str, context: str) -> str:
    catalog = read(ROOT / f"locales/{lang}/LC_MESSAGES/content.po", lang)
    found = next(m for m in catalog if m.context == context)
    assert found.string and not found.fuzzy
    return found.string


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_every_entry_has_a_translated_page_in_all_seven_languages(site, entries):
    assert len(entries) == 21
    for e in entries:
        assert sorted(e["url"]) == sorted(ALL)
        for lang in OTHERS:
            markup = page(site, e["url"][lang])
            assert f'<html lang="{lang}"' in markup or f'lang="{lang}" class' in markup
            title = e["title"][lang]
            assert title and title != e["title"]["en"], (lang, e["code"])
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S).group(1)
            assert title in visible(h1)
            covers = translation(lang, f"{e['annex']}/{e['code']}/guidance.covers")
            assert covers[:40] in visible(markup), (lang, e["code"])
            # fully translated and current: no translation notice anywhere on the page
            assert "data-translation" not in markup, (lang, e["code"])


def test_arabic_pages_are_right_to_left_and_others_are_not(site):
    arabic = sorted((site / "ar").rglob("index.html"))
    assert len(arabic) > 40
    for path in arabic:
        head = path.read_text(encoding="utf-8")[:300]
        assert re.search(r'<html lang="ar"[^>]*\sdir="rtl"', head), path
    assert 'dir="rtl"' not in page(site, "/fr/us-ear-quantum/4a906/")[:300]


def test_material_interface_follows_the_page_language(site):
    # Material's own strings come from theme.language, set per language by mkdocs-static-i18n
    assert 'placeholder="検索"' in page(site, "/ja/us-ear-quantum/4a906/")
    assert 'placeholder="Rechercher"' in page(site, "/fr/us-ear-quantum/4a906/")
    assert 'placeholder="Search"' in page(site, "/us-ear-quantum/4a906/")
    # the site's own name, per language (mkdocs.yml, i18n languages[].site_name)
    assert re.search(r'class="md-header__topic">\s*<span class="md-ellipsis">\s*量子技術の輸出管理',
                     page(site, "/ja/us-ear-quantum/4a906/"))


def test_head_and_sitemap_name_every_language_and_x_default(site):
    markup = page(site, "/fr/us-ear-quantum/4a906/")
    langs = set(re.findall(r'<link rel="alternate"[^>]*hreflang="([a-z-]+)"', markup)) | set(
        re.findall(r'<link rel="alternate" hreflang="([a-z-]+)"', markup))
    assert langs == {*ALL, "x-default"}
    assert re.search(r'<link rel="alternate" hreflang="x-default" href="../../../us-ear-quantum/4a906/">', markup)
    sitemap = (site / "sitemap-fr.xml").read_text(encoding="utf-8")  # one per language (sitemap.xml: the index)
    block = re.search(r"<url>\s*<loc>/fr/us-ear-quantum/4a906/</loc>(.*?)</url>", sitemap, re.S).group(1)
    assert set(re.findall(r'hreflang="([a-z-]+)"', block)) == {*ALL, "x-default"}
    assert 'hreflang="x-default" href="/us-ear-quantum/4a906/"' in block


def test_entries_json_has_title_and_url_in_every_language(entries):
    e = next(e for e in entries if e["code"] == "4A906")
    assert e["url"]["ja"] == "/ja/us-ear-quantum/4a906/" and e["url"]["en"] == "/us-ear-quantum/4a906/"
    assert e["title"]["ja"] == translation("ja", "us-ear-quantum/4A906/title")


def test_each_language_has_its_own_search_index(site):
    # Pagefind keeps one index per <html lang>: every language indexes the same pages, none dropped
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {lang: entry["languages"][lang]["page_count"] for lang in ALL}
    assert len(set(counts.values())) == 1 and counts["en"] > 50, counts
    for lang in ALL:  # what Material's page script reads: the language and its highlighting separator
        config = json.loads((site / ("" if lang == "en" else lang) / "search/search_index.json").read_text(encoding="utf-8"))
        assert config["config"]["lang"] == [lang] and config["docs"] == []
    # what each language's search finds, and that it stays in that language: tests/test_search.py


def test_numbers_and_dates_follow_the_reader_locale(site):
    fr = page(site, "/fr/us-ear-quantum/4a906/")
    de = page(site, "/de/us-ear-quantum/4a906/")
    assert '<bdi dir="ltr">≥ 1\u202f100</bdi>' in fr and '<bdi dir="ltr">≤ 6 × 10⁻³</bdi>' in fr
    assert '<bdi dir="ltr">≥ 1.100</bdi>' in de
    assert '<bdi dir="ltr">&lt; 0,08\u00a0%</bdi>' in page(site, '/fr/us-ear-quantum/3c907/')
    assert "6 septembre 2024" in fr and "6. September 2024" in de
    # the legal text itself is left as written, in its authentic language
    assert "fewer than 2,000, 'fully controlled'" in visible(fr) or "fewer than 2,000," in visible(fr)


def test_status_page_shows_the_numbers_of_i18n_status(site):
    result = run_cli("i18n", "status", "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status == json.loads((site / "data/translations.json").read_text(encoding="utf-8"))
    markup = page(site, "/translations/")
    for lang, s in status["languages"].items():
        row = re.search(rf'<tr>\s*<td><span lang="{lang}"[^>]*>.*?</tr>', markup, re.S).group(0)
        cells = [visible(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        assert cells[1] == f"{round(s['coverage'] * 100)}%"
        assert cells[2] == f"{s['interface']['translated']} / {s['interface']['total']}"
        assert cells[3] == f"{s['content']['translated']} / {s['content']['total']}"
        assert s["published"] and (site / lang / "index.html").is_file()


def test_changing_english_guidance_marks_only_that_part_outdated(site, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", "*.mo", "tests", "benchmarks", ".annexsite", "releases"))
    before = project / "site-before"  # the same sources before the edit (no release: both are working copies)
    result = run_cli("-C", str(project), "build", "-d", str(before))
    assert result.returncode == 0, result.stderr
    yaml = project / "annexes/us-ear-quantum/category-4.yaml"
    text = yaml.read_text(encoding="utf-8")
    old = "      covers: 'Paragraph a: gate-based"
    assert text.count(old) == 1
    yaml.write_text(text.replace(old, "      covers: 'Paragraph a (see the bands below): gate-based"), encoding="utf-8")
    assert run_cli("-C", str(project), "validate").returncode == 0
    assert run_cli("-C", str(project), "i18n", "update").returncode == 0
    po = read(project / "locales/fr/LC_MESSAGES/content.po", "fr")
    assert next(m for m in po if m.context == "us-ear-quantum/4A906/guidance.covers").fuzzy
    out = project / "site"
    result = run_cli("-C", str(project), "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    fr = page(out, "/fr/us-ear-quantum/4a906/")
    assert fr.count('data-translation="outdated"') == 1
    notice = fr[fr.index('data-translation="outdated"'):]
    assert "anglais" in visible(notice[:notice.index("</div>")])  # the notice is in French
    changed = sorted(str(p.relative_to(out)) for p in (out / "fr").rglob("index.html")
                     if p.read_bytes() != (before / p.relative_to(out)).read_bytes())
    # the entry itself, and the status page that counts the outdated string
    assert changed == ["fr/translations/index.html", "fr/us-ear-quantum/4a906/index.html"]
