"""Answers people can check: the classifier's answer names the notes, exclusions and definitions
it rests on, each a link to its anchor; a guide outcome reached by several paths restates the
answers of the path the reader took (and, without script, lists every path honestly)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag

from browser import base_url, browser  # noqa: F401 (fixtures)
from helpers import ROOT

from annexsite.pipeline import Paths, check


def links_resolve(page, base_url: str, selector: str) -> list[str]:
    """Every same-site link under ``selector``: its page answers 200 and holds the anchor it names."""
    hrefs = page.eval_on_selector_all(selector + " a[href]", "l => l.map(a => a.href)")
    assert hrefs, selector
    for href in hrefs:
        if not href.startswith(base_url):
            continue
        url, fragment = urldefrag(href)
        response = page.request.get(url)
        assert response.status == 200, href
        if fragment:
            assert f'id="{unquote(fragment)}"' in response.text(), href
    return hrefs


def test_the_answer_names_the_notes_and_definitions_it_rests_on_each_linked_to_its_anchor(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/classify/")
    # the question is quoted from the US note, and cites it
    quoted = links_resolve(page, base_url, 'fieldset[data-quality="gate_based_quantum_computer"]')
    assert quoted == [f"{base_url}/us-ear-quantum/4a906/#note-1"]
    page.fill("#annex-param-physical_qubits", "120")
    page.fill("#annex-param-cnot_error_rate", "0.0008")
    page.get_by_role("button", name="Show matching entries").click()
    result = page.locator("#annex-classify-result")
    text = result.inner_text()
    # figures alone: the US note (gate-based, not annealing) is still open, so 4A906 only could apply
    assert "the item is “circuit model (or gate-based) and one-way (or measurement-based) quantum computers”" in text
    # the EU note on annealers was not captured: the answer says so instead of guessing
    eu = result.locator("li", has=page.locator('a[href$="/eu-dual-use-quantum/4a506/"]')).first
    assert "Part of this entry was not captured by our sources, and it could change this answer: " \
           "ask your export-control office." in eu.inner_text()
    page.locator('fieldset[data-quality="gate_based_quantum_computer"] input[value="yes"]').check()
    page.get_by_role("button", name="Show matching entries").click()
    met = result.locator("> ul").first
    us = met.locator("> li", has=page.locator('a[href$="/us-ear-quantum/4a906/"]'))
    us_text = us.inner_text()
    assert "Notes and exclusions to read with it: Note" in us_text and "Definitions used: ‘electronic assemblies’" in us_text
    hrefs = links_resolve(page, base_url, "#annex-classify-result .annex-considered")
    assert f"{base_url}/us-ear-quantum/4a906/#note-1" in hrefs  # the note that excludes annealers
    assert f"{base_url}/glossary/#physical-qubit" in hrefs and f"{base_url}/eu-dual-use-quantum/4a506/#gaps" in hrefs
    assert "gate_based_quantum_computer=yes" in page.url  # the answer's address keeps the answer given
    kept = browser.new_page()
    kept.goto(page.url)
    kept.wait_for_selector("#annex-classify-result .annex-considered")
    assert kept.locator("#annex-classify-result > ul").first.inner_text() == met.inner_text()
    kept.close()
    page.goto(f"{base_url}/ja/classify/?physical_qubits=120&cnot_error_rate=0.0008&gate_based_quantum_computer=yes")
    page.wait_for_selector("#annex-classify-result .annex-considered")
    ja = page.locator("#annex-classify-result").inner_text()
    assert "併せて読むべき注及び除外：" in ja and "使用した定義：" in ja
    assert f"{base_url}/ja/glossary/#physical-qubit" in links_resolve(page, base_url, "#annex-classify-result .annex-considered")
    page.close()


def _several_paths():
    """A path of an authored guide to an outcome that other paths reach too."""
    project = check(Paths(ROOT))
    tree = next(t for t in project.trees if t.id == "subject-to-controls")
    reached: dict[str, list] = {}
    for steps in tree.paths():
        reached.setdefault(steps[-1][1].next, []).append(steps)
    outcome, ways = next((k, v) for k, v in reached.items() if len(v) >= 3)
    return tree, outcome, ways


def test_an_outcome_reached_by_several_paths_restates_the_answers_of_the_path_taken(browser, base_url):
    tree, outcome, ways = _several_paths()
    pages = [" ".join(q.id for q, _ in w) for w in ways]
    way = next((w for w, p in zip(ways, pages) if pages.count(p) > 1), ways[-1])
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/trees/{tree.id}/")
    for question, answer in way:  # the reader clicks the answers of one path
        page.locator("a.annex-answer").nth(list(question.answers).index(answer)).click()
        page.wait_for_url(f"**/trees/{tree.id}/{answer.next}/")
    shown = page.locator(".annex-way:visible")
    assert shown.count() == 1
    assert shown.get_attribute("data-nodes") == " ".join(f"{q.id}:{list(q.answers).index(a)}" for q, a in way)
    assert page.locator(".annex-ways-intro").inner_text() == "You answered:"
    listed = shown.locator("li")
    assert listed.count() == len(way)
    for k, (question, answer) in enumerate(way):
        assert str(question.question)[:30] in listed.nth(k).inner_text()
    links_resolve(page, base_url, "article")  # every cited rule and entry, and the guide's own links
    context.close()
    # without script, every path that leads here is listed, none is claimed as the reader's
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(f"{base_url}/trees/{tree.id}/{outcome}/")
    assert page.locator(".annex-way").count() == len(ways)
    assert page.locator(".annex-ways-intro").inner_text().startswith("Several paths lead to this outcome.")
    assert page.locator(".annex-way-name").first.inner_text() == "Path 1"
    plain.close()


def test_the_which_entry_guide_shows_the_gate_based_words_and_an_annealer_sees_the_eu_gap(browser, base_url):
    """The guide's page of candidates for computers (group 4A) quotes the words of the US note a
    machine must meet (gate-based, not annealing) under each 4A906 row, and says under each 4A506
    row that the EU note was not captured: ask your export-control office."""
    page = browser.new_page()
    page.goto(f"{base_url}/trees/which-entry/hardware-4a/")
    body = page.locator("article").inner_text()
    us = body[body.index("4A906"):]
    assert "circuit model (or gate-based) and one-way (or measurement-based) quantum computers" in us
    eu = body[body.index("4A506"):body.index("4A906")]
    assert "circuit model (or gate-based)" not in eu  # the EU note is a gap: nothing is quoted from it
    assert "ask your export-control office" in eu and "What is missing" in eu
    links_resolve(page, base_url, "article")
    page.close()


def test_a_threshold_condition_stays_on_one_line_on_a_right_to_left_phone(browser, base_url):
    """"≥ 34" broken at its space put the sign at the end of one Arabic line and 34 at the start of
    the next; each condition is one unit, on the guide's ranges and in the threshold table."""
    page = browser.new_page(viewport={"width": 375, "height": 900})
    for path in ("ar/trees/which-entry/hardware-4a/", "ar/eu-dual-use-quantum/4a506/", "ja/us-ear-quantum/4a906/"):
        page.goto(f"{base_url}/{path}")
        lines = page.eval_on_selector_all('article bdi[dir="ltr"]', "els => els.map(e => [e.textContent, e.getClientRects().length])")
        assert lines, path
        assert [text for text, rects in lines if rects != 1] == [], path
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, path
    page.close()
