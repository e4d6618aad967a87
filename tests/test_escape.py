"""The one escaping policy (annexsite.render.escape): each output context escapes once, nothing is
left visible to a reader, and a built site shows awkward text, URLs and translations as written."""

from __future__ import annotations

import html
from html.parser import HTMLParser
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from annexsite.render.escape import MdText, html_attr, md_inline, url
from helpers import copy_scenario


def test_url_is_percent_encoded_so_it_cannot_leave_a_link():
    assert url("https://example.org/a\"><b id=pwned>x</b>") == "https://example.org/a%22%3E%3Cb%20id=pwned%3Ex%3C/b%3E"
    assert url("https://example.org/(x) y`\\'") == "https://example.org/%28x%29%20y%60%5C%27"
    assert url("https://example.org/ü?a=1&b=%20") == "https://example.org/%C3%BC?a=1&amp;b=%20"  # %XX kept
    assert url("https://example.org/&lt;") == "https://example.org/&amp;lt;"  # not a "<"
    assert url("https://example.org/100%") == "https://example.org/100%25"


def test_markdown_text_escapes_once_and_uses_no_visible_backslash_for_tilde_or_equals():
    out = md_inline("= Quantum ~1 K & <i>x</i> \"q\"")
    assert out == "&#61; Quantum ~1 K &amp; &lt;i&gt;x&lt;/i&gt; &quot;q&quot;"
    assert md_inline(out) is out  # never escaped twice
    assert isinstance(out, MdText) and html_attr(out) == html.escape("= Quantum ~1 K & <i>x</i> \"q\"")


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annexsite", "-C", str(project), *args],
                          capture_output=True, text=True, timeout=600)


TITLE = "Quantum computers ~1 K & <i>x</i> = test"
NOTE = "= Does not apply ~ to annealers."
ANNEX = "Alpha & <i>list</i>"
FR_THRESHOLDS = 'Seuils" onmouseover="window.__pwned=1" x="'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from test_i18n import add_french

    project = copy_scenario(tmp_path_factory.mktemp("escape") / "project")
    cat = project / "annexes/alpha/category-4.yaml"
    text = cat.read_text(encoding="utf-8")
    text = text.replace("    title: Quantum computers\n", f'    title: "{TITLE}"\n', 1)
    text = text.replace("        text: Does not apply to annealers.\n", f'        text: "{NOTE}"\n', 1)
    cat.write_text(text, encoding="utf-8")
    annex = project / "annexes/alpha/annex.yaml"
    annex.write_text(annex.read_text(encoding="utf-8").replace("title: Alpha test list", f'title: "{ANNEX}"'),
                     encoding="utf-8")
    add_french(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("navigation.prune]", "navigation.prune, navigation.footer]"),
                      encoding="utf-8")
    po = project / "locales/fr/LC_MESSAGES/messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    catalog["Thresholds"].string = FR_THRESHOLDS  # untrusted translator text inside an attribute
    with po.open("wb") as fh:
        write_po(fh, catalog, width=100)
    out = project / "site"
    result = cli(project, "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _attributes(page: str) -> list[str]:
    names: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.extend(name for name, _ in attrs)

    Parser().feed(page)
    return names


def _text(page: str) -> str:
    """What a reader sees: tags removed, references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_titles_and_text_read_as_written_without_backslashes(site):
    page = (site / "alpha/4a906/index.html").read_text(encoding="utf-8")
    seen = _text(page)
    assert f"4A906: {TITLE}" in seen
    assert NOTE in seen
    assert "\\~" not in seen and "\\=" not in seen and "&#61;" not in seen
    assert "<i>x</i>" not in page  # shown, never markup


def test_material_footer_does_not_escape_titles_twice(site):
    labels = re.findall(r'md-footer__link[^>]*aria-label="([^"]*)"', "".join(
        p.read_text(encoding="utf-8") for p in site.rglob("*.html")))
    assert any(ANNEX in html.unescape(label) for label in labels), labels
    assert not any("&amp;amp;" in label or "&amp;lt;" in label for label in labels), labels


def test_translator_text_in_an_attribute_adds_no_attribute(site):
    page = (site / "fr/alpha/4a906/index.html").read_text(encoding="utf-8")
    assert "onmouseover" in page  # the translation is on the page...
    assert not [a for a in _attributes(page) if a.startswith("on")]  # ...as text of an attribute, never one
    assert f'aria-label="{html.escape(FR_THRESHOLDS)}"' in page
