"""Hostile input end to end: markup, scripts, event handlers and javascript: links written into the
annexes' text fields and into a translation are shown as text in every language, and no injected
script runs in a real browser, even with the site's Content-Security-Policy switched off (so it is
the escaping, not only the policy, that keeps them inert). A document over the size limit fails
cleanly and leaves the previous site in place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from browser import CHROMIUM_ARGS, chromium_or_skip, serve, type_search
from helpers import copy_scenario
from i18n_helpers import fill

# Each payload, if it were ever markup, would set window.__pwned (or open a dialog) on its own,
# without a click; the links are clicked below too.
PAYLOADS = [  # no quotes at all: in legal text, quoted words are glossary terms
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=2>",
    "<svg onload=window.__pwned=3></svg>",
    "<iframe src=javascript:parent.__pwned=4></iframe>",
    "<a href=javascript:window.__pwned=5>html link</a>",
    "[markdown link](javascript:window.__pwned=6)",
    "[ref link][x]\n\n[x]: javascript:window.__pwned=7",
    "text{ onclick=window.__pwned=8 }",
    "<details open ontoggle=alert(9)>",
]
HOSTILE = " ".join(p.replace("\n\n", " ") for p in PAYLOADS)
FR_HOSTILE = "Traduction " + HOSTILE.replace("window.__pwned", "window.__pwnedFr")


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annexsite", "-C", str(project), *args],
                          capture_output=True, text=True, timeout=600)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def poison(project: Path) -> None:
    """Hostile text in the heading, title, legal paragraph, note, guidance and examples of 4A906,
    the annex's disclaimer and a glossary explanation."""
    cat = project / "annexes/alpha/category-4.yaml"
    text = cat.read_text(encoding="utf-8")
    for old, new in [
        ("    title: Quantum computers\n", f"    title: {_yaml('Quantum computers ' + HOSTILE)}\n"),
        ('        text: "Quantum computers, as follows:"\n', f"        text: {_yaml('Quantum computers, as follows: ' + HOSTILE)}\n"),
        ("        text: Does not apply to annealers.\n", f"        text: {_yaml('Does not apply to annealers. ' + HOSTILE)}\n"),
        ("      covers: Gate-based quantum computers above the qubit bands.\n", f"      covers: {_yaml('Gate-based. ' + HOSTILE)}\n"),
        ("      examples: [A 50-qubit", f"      examples: [{_yaml(HOSTILE)}, A 50-qubit"),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    cat.write_text(text, encoding="utf-8")
    annex = project / "annexes/alpha/annex.yaml"
    annex.write_text(annex.read_text(encoding="utf-8").replace(
        "disclaimer: Fictional test data.", f"disclaimer: {_yaml('Fictional test data. ' + HOSTILE)}"), encoding="utf-8")
    glossary = project / "annexes/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "explanation: Programs.", f"explanation: {_yaml('Programs. ' + HOSTILE)}"), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from test_i18n import add_french

    project = copy_scenario(tmp_path_factory.mktemp("hostile") / "project")
    poison(project)
    add_french(project)
    # and a translator's hostile French for the guidance and the title
    fill(project / "locales/fr/LC_MESSAGES/content.po", "fr", translate=lambda text: FR_HOSTILE,
         only=lambda ctx: ctx in ("alpha/4A906/guidance.excludes", "alpha/4A906/title", "glossary/software/explanation"))
    out = project / "site"
    result = cli(project, "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


PAGES = ["", "alpha/", "alpha/4/", "alpha/4a/", "alpha/4a906/", "alpha/4d906/", "glossary/", "correlation/", "beta/4a506/"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_injected_markup_is_shown_as_text_and_never_runs(hostile_site, lang):
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    html = (hostile_site / ("" if lang == "en" else "fr/") / "alpha/4a906/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned" in html  # the source text, escaped
    if lang == "fr":
        assert "Traduction &lt;script&gt;window.__pwnedFr" in html  # the translation, escaped
    problems, dialogs = [], []
    with serve(hostile_site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(bypass_csp=True)  # prove the escaping, not the policy
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in PAGES:
            url = f"{base}/{rel}" if lang == "en" else f"{base}/fr/{rel}"
            page.goto(url)
            page.wait_for_load_state("load")
            found = page.evaluate("""() => ({
                pwned: [window.__pwned, window.__pwnedFr].filter(v => v !== undefined),
                jsLinks: [...document.querySelectorAll("a[href], area[href], iframe[src]")].map(a => a.getAttribute("href") || a.getAttribute("src"))
                  .filter(h => /^\\s*javascript:/i.test(h)),
                handlers: [...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name))
                  .map(a => `${e.tagName.toLowerCase()} ${a.name}`)),
                injected: document.querySelectorAll("article iframe, article svg[onload], article img[src='x'], article details[ontoggle]").length,
                text: document.querySelector("article").innerText,
            })""")
            if found["pwned"] or found["jsLinks"] or found["handlers"] or found["injected"]:
                problems.append(f"{url}: {found['pwned']} {found['jsLinks']} {found['handlers']} {found['injected']}")
            if rel == "alpha/4a906/":
                # the reader sees the hostile text as text
                assert "<script>window.__pwned=1</script>" in found["text"]
                assert "[markdown link](javascript:window.__pwned=6)" in found["text"]
                # clicking what looks like a link does nothing either
                for link in page.locator("article a").all():
                    href = link.get_attribute("href") or ""
                    assert not href.strip().lower().startswith("javascript:"), href
        # search: results are built in the page from the index text
        page.goto(f"{base}/" if lang == "en" else f"{base}/fr/")
        assert type_search(page, "open"), "the hostile text is searchable"  # a word of the <details open ...> payload
        page.wait_for_timeout(300)
        after_search = page.evaluate("""() => ({pwned: [window.__pwned, window.__pwnedFr].filter(v => v !== undefined),
            injected: document.querySelectorAll(".md-search-result img, .md-search-result script, .md-search-result iframe, .md-search-result svg[onload]").length})""")
        context.close()
        browser.close()
    assert problems == [], "\n".join(problems)
    assert after_search == {"pwned": [], "injected": 0}, after_search
    assert dialogs == []


def test_a_document_over_the_size_limit_fails_cleanly_and_keeps_the_site(tmp_path):
    from annexsite.load.yamlfile import MAX_BYTES

    project = copy_scenario(tmp_path / "project")
    site = tmp_path / "site"
    assert cli(project, "build", "-d", str(site)).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    huge = project / "annexes/alpha/category-3.yaml"
    huge.write_text("category: 3\ntitle: Electronics\nentries: []\n# " + "x" * MAX_BYTES + "\n", encoding="utf-8")

    result = cli(project, "build", "-d", str(site))

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "annexes/alpha/category-3.yaml:1:1: file is" in result.stderr and "the limit is" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
