"""The bundled site in a real browser: switching language keeps the entry; each language's
search returns only pages in that language; no request leaves the site's origin."""

from __future__ import annotations

import json
import re

import pytest

from browser import base_url, browser, serve, type_search  # noqa: F401 (fixtures)
from helpers import ROOT
from i18n_helpers import read


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    yield page
    context.close()
    assert outside == [], f"requests to other origins: {outside}"


def content_string(lang: str, context: str) -> str:
    catalog = read(ROOT / f"locales/{lang}/LC_MESSAGES/content.po", lang)
    return next(m.string for m in catalog if m.context == context)


def test_language_switcher_keeps_the_reader_on_the_same_entry(page, base_url):
    page.goto(f"{base_url}/us-ear-quantum/4a906/")
    page.get_by_role("button", name="Select language").click()
    page.locator('a.md-select__link[hreflang="ja"]').click()
    page.wait_for_url(f"{base_url}/ja/us-ear-quantum/4a906/")
    assert content_string("ja", "us-ear-quantum/4A906/title") in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "ja"

    page.get_by_role("button", name=re.compile("言語")).click()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    page.wait_for_url(f"{base_url}/ar/us-ear-quantum/4a906/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"




def search(page, base_url: str, lang: str, query: str) -> list[str]:
    page.goto(f"{base_url}/{lang}/")
    return type_search(page, query)


def test_japanese_search_finds_a_word_of_the_guidance_and_only_japanese_pages(page, base_url):
    results = search(page, base_url, "ja", "希釈冷凍機")
    assert results, "no result"
    assert all(url.startswith(f"{base_url}/ja/") for url in results), results
    assert any("/ja/us-ear-quantum/3a904/" in url or "/ja/eu-dual-use-quantum/3a504/" in url for url in results), results


def test_chinese_search_is_segmented_and_stays_chinese(page, base_url):
    # one character a word in the index and in the query: the phrase 稀释制冷机 finds the 3A504 page
    results = search(page, base_url, "zh", "稀释制冷机")
    assert results
    assert all(url.startswith(f"{base_url}/zh/") for url in results), results
    assert any("/zh/eu-dual-use-quantum/3a504/" in url or "/zh/us-ear-quantum/3a904/" in url for url in results), results


def test_french_search_returns_french_pages_only(page, base_url):
    results = search(page, base_url, "fr", "refroidissement")
    assert results and all(url.startswith(f"{base_url}/fr/") for url in results), results


@pytest.fixture(scope="module")
def informative_site(tmp_path_factory):
    """The minimal scenario with French catalogs and one informative translation of legal text."""
    from test_i18n import add_french

    from helpers import copy_scenario, run_cli
    from i18n_helpers import fill

    project = copy_scenario(tmp_path_factory.mktemp("informative") / "project")
    add_french(project)
    fill(project / "locales/fr/LC_MESSAGES/legal.po", "fr", translate=lambda text: "Ordinateurs quantiques, comme suit :",
         only=lambda ctx: ctx == "alpha/4A906/paragraph.a")
    out = project / "site"
    result = run_cli("-C", str(project), "build", "-d", str(out))
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url


def test_informative_translation_sits_beside_the_authentic_text(browser, informative_site):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{informative_site}/fr/alpha/4a906/")
    authentic = page.locator('p.annex-para[id="a"]').bounding_box()
    informative = page.locator("p.annex-informative").bounding_box()
    assert abs(authentic["y"] - informative["y"]) < 2, (authentic, informative)  # one row, two columns
    assert informative["x"] > authentic["x"] + authentic["width"] - 1
    assert page.locator('p.annex-informative').get_attribute("lang") == "fr"
    assert page.locator('[data-translation="informative"]').count() == 1
    # a paragraph without a translation spans both columns
    lone = page.locator('p.annex-para[id="a.1"]').bounding_box()
    assert lone["width"] > authentic["width"] * 1.5
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: one column, translation below
    authentic = page.locator('p.annex-para[id="a"]').bounding_box()
    informative = page.locator("p.annex-informative").bounding_box()
    assert informative["y"] > authentic["y"]
    page.close()


def test_reader_puts_their_language_beside_the_authentic_text_by_keyboard(browser, base_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{base_url}/fr/us-ear-quantum/4a906/")
    own = page.locator(".annex-compare-own")
    legal = page.locator(".annex-compare-legal")
    assert legal.bounding_box()["y"] > own.bounding_box()["y"] + own.bounding_box()["height"] - 1  # one after the other
    toggle = page.locator("#annex-side-by-side")
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.is_checked()
    a, b = own.bounding_box(), legal.bounding_box()
    assert abs(a["y"] - b["y"]) < 2 and b["x"] >= a["x"] + a["width"], (a, b)  # side by side
    assert legal.locator("p.annex-para").first.get_attribute("lang") == "en"  # the authentic English
    assert own.locator("h2").first.inner_text().startswith("En termes simples")  # the reader's French
    page.close()


def test_tree_walks_to_an_outcome_with_javascript_off(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/trees/quantum-computer/")
    page.locator("a.annex-answer", has_text="≥ 34 and < 100").click()
    page.wait_for_url(f"{base_url}/trees/quantum-computer/qubits-34/")
    page.locator("a.annex-answer", has_text="≤ 10⁻⁴").click()
    page.wait_for_url(f"{base_url}/trees/quantum-computer/qubits-34-error-1/")
    assert page.locator(".annex-verdict").get_attribute("data-verdict") == "controlled"
    cited = page.eval_on_selector_all("article a[href*='4a906'], article a[href*='4a506']", "l => l.map(a => a.href)")
    assert any(h.endswith("/us-ear-quantum/4a906/") for h in cited) and any(h.endswith("/eu-dual-use-quantum/4a506/") for h in cited)
    assert "Guidance, not legal advice." in page.locator("article").inner_text()
    page.locator("a.annex-back").click()  # back one step, then start again
    page.wait_for_url(f"{base_url}/trees/quantum-computer/qubits-34/")
    page.locator("a.annex-restart").click()
    page.wait_for_url(f"{base_url}/trees/quantum-computer/")
    context.close()


def test_tree_walks_to_an_outcome_by_keyboard_alone(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/trees/quantum-computer/")

    def tab_to(text: str) -> None:
        for _ in range(200):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement && document.activeElement.textContent.trim()")
            if focused == text:
                return
        raise AssertionError(f"no focusable link {text!r}")

    tab_to("≥ 2,000")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/trees/quantum-computer/qubits-2000/")
    assert page.locator(".annex-verdict").get_attribute("data-verdict") == "controlled"
    page.close()


VECTORS = json.loads((ROOT / "tests/vectors/classify.json").read_text(encoding="utf-8"))


def test_browser_classifier_agrees_with_the_shared_vectors_and_the_form_works(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/classify/")
    data = json.loads(page.evaluate("fetch('../data/classify.json').then(r => r.text())"))
    for case in VECTORS["cases"]:
        got = page.evaluate("([d, m, a]) => window.annexsiteClassify(d, m, a)", [data, case["measured"], case.get("answers", {})])
        assert sorted(f"{m['annex']}/{m['code']}" for m in got["matches"]) == case["matches"], case
        assert sorted(f"{m['annex']}/{m['code']}" for m in got["possible"]) == case.get("possible", []), case
        for m in got["matches"] + got["possible"]:
            want = case.get("considered", {}).get(f"{m['annex']}/{m['code']}")
            if want:
                c = page.evaluate("([d, m]) => window.annexsiteConsidered(d, m)", [data, m])
                assert ([n["anchor"] for n in c["notes"]], [t["id"] for t in c["terms"]], c["gaps"]) == \
                    (want["notes"], want["terms"], want["gaps"]), case
    for case in VECTORS["numbers"]:
        assert page.evaluate("([t, l]) => window.annexsiteParseNumber(t, l)", [case["text"], case["lang"]]) == case["value"], case
    for case in VECTORS["invalid"]:
        value = page.evaluate("([t]) => window.annexsiteParseNumber(t, 'en')", [case["text"]])
        problem = page.evaluate("([t, v]) => window.annexsiteProblem(t, v)", [data["types"][case["parameter"]], value])
        assert problem == {"not-a-number": "nan", "not-finite": "nan"}.get(case["problem"], case["problem"]), case
    page.fill("#annex-param-physical_qubits", "34")
    page.fill("#annex-param-cnot_error_rate", "0.00005")
    page.locator('fieldset[data-quality="gate_based_quantum_computer"] input[value="yes"]').check()
    page.get_by_role("button", name="Show matching entries").click()
    links = page.eval_on_selector_all("#annex-classify-result > ul:first-of-type > li > a", "l => l.map(a => a.href)")
    assert sorted(links) == [f"{base_url}/eu-dual-use-quantum/4a506/", f"{base_url}/eu-dual-use-quantum/4a506/#a.1",
                             f"{base_url}/us-ear-quantum/4a906/", f"{base_url}/us-ear-quantum/4a906/#a.1"]
    page.close()


def test_partial_input_in_the_form_names_what_could_apply_and_what_decides(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/classify/")
    page.fill("#annex-param-cnot_error_rate", "0.01")
    page.get_by_role("button", name="Show matching entries").click()
    result = page.locator("#annex-classify-result").inner_text()
    assert "Entries that could apply: what you did not give decides." in result
    assert "paragraph a.8, if: Fully controlled, connected and working physical qubits supported ≥ 2,000" in result
    assert "cnot_error_rate" not in result  # named in words, never by its id
    page.fill("#annex-param-cnot_error_rate", "")
    page.fill("#annex-param-ambient_temperature", "0.5")
    page.get_by_role("button", name="Show matching entries").click()
    result = page.locator("#annex-classify-result").inner_text()
    assert "Entries whose thresholds" not in result and "the item is “Complementary Metal Oxide Semiconductor (CMOS) integrated circuits”" in result
    page.locator('fieldset[data-quality="cmos_integrated_circuit"] input[value="yes"]').check()
    page.get_by_role("button", name="Show matching entries").click()
    assert page.locator("#annex-classify-result ul").first.inner_text().startswith("3A501.a.15")
    page.fill("#annex-param-physical_qubits", "2.5")
    page.get_by_role("button", name="Show matching entries").click()
    assert page.locator("#annex-understood-physical_qubits").inner_text() == "A whole number is needed here (a count)."
    assert page.locator("#annex-param-physical_qubits").get_attribute("aria-invalid") == "true"
    assert page.locator("#annex-classify-result").inner_text() == "Correct the marked fields first."
    page.close()


def test_german_reader_types_a_decimal_comma_and_the_answer_is_kept_in_its_address(browser, base_url):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(f"{base_url}/de/classify/")
    assert page.evaluate("navigator.language") == "de-DE"
    page.fill("#annex-param-physical_qubits", "120")
    page.fill("#annex-param-cnot_error_rate", "0,0008")
    assert page.locator("#annex-understood-cnot_error_rate").inner_text() == "Verstanden als 0,0008 = 8 × 10⁻⁴"
    page.locator('fieldset[data-quality="gate_based_quantum_computer"] input[value="yes"]').check()
    page.locator("#annex-classify button[type=submit]").click()
    first = page.locator("#annex-classify-result ul").first.inner_text()
    assert "4A506" in first and "4A906" in first and "(a.2)" in first
    assert re.search(r"/de/classify/\?physical_qubits=120&cnot_error_rate=0\.0008&gate_based_quantum_computer=yes&(release|as_of)=",
                     page.url), page.url
    kept = context.new_page()  # the answer's address, opened later, answers again
    kept.goto(page.url)
    kept.wait_for_selector("#annex-classify-result ul")
    assert kept.locator("#annex-param-cnot_error_rate").input_value() == "0,0008"
    assert kept.locator("#annex-classify-result ul").first.inner_text() == first
    assert "Keine Rechtsberatung" in kept.locator("#annex-classify-result").inner_text() or \
        "keine Rechtsberatung" in kept.locator("#annex-classify-result").inner_text()
    for text in ("8 × 10⁻⁴", "8·10^-4", "8e-4", "0.0008"):
        page.fill("#annex-param-cnot_error_rate", text)
        assert page.locator("#annex-understood-cnot_error_rate").inner_text() == "Verstanden als 0,0008 = 8 × 10⁻⁴"
    page.fill("#annex-param-physical_qubits", "1.100")  # German grouping: eleven hundred, a whole number
    assert page.locator("#annex-understood-physical_qubits").inner_text() == "Verstanden als 1.100"
    page.fill("#annex-param-cnot_error_rate", "1,5")
    assert page.locator("#annex-understood-cnot_error_rate").inner_text() == "Der Wert darf höchstens 1 betragen."
    context.close()


def test_an_answer_address_from_an_older_release_says_the_current_thresholds_answer_differently(browser, base_url):
    page = browser.new_page()
    # release 2024.1 held only the US list: 120 qubits at 8 × 10⁻⁴ were 4A906.a.2 alone
    page.goto(f"{base_url}/classify/?physical_qubits=120&cnot_error_rate=0.0008&gate_based_quantum_computer=yes&release=2024.1")
    page.wait_for_selector(".annex-recorded")
    recorded = page.locator(".annex-recorded").inner_text()
    assert "This address was made with release 2024.1, and the current thresholds answer differently." in recorded
    assert "4A906" in recorded and "4A506" not in recorded
    assert page.locator("#annex-param-physical_qubits").input_value() == "120"
    now = page.locator("#annex-classify-result > ul").first.inner_text()
    assert "4A506" in now and "4A906" in now
    page.goto(f"{base_url}/classify/?physical_qubits=120&cnot_error_rate=0.0008&release=1999.1")
    page.wait_for_selector("#annex-classify-result ul")
    page.wait_for_function("document.getElementById('annex-classify-result').textContent.includes('1999.1')")
    assert "which this site does not hold" in page.locator("#annex-classify-result").inner_text()
    page.close()


def test_a_guide_outcome_states_the_answers_and_links_the_paragraph_that_applied(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/trees/quantum-computer/qubits-100-error-1/")
    answers = page.locator("h2:has-text('Your answers') + ul li").all_inner_texts()
    assert answers[0].endswith("≥ 100 and < 200") and answers[1].endswith("≤ 10⁻³"), answers
    links = page.locator("a[href*='#a.2']")
    assert links.count() == 2
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        target = browser.new_page()
        target.goto(links.nth(i).evaluate("a => a.href"))
        assert target.locator("[id='a.2']").count() == 1, href  # the anchor exists on the entry page
        target.close()
    backs = page.locator("a.annex-back").all_inner_texts()
    assert len(backs) == len(set(backs))
    page.goto(f"{base_url}/trees/sharing-abroad/ask-jurisdiction/")
    backs = page.locator("a.annex-back").all_inner_texts()
    assert len(backs) == 2 and len(set(backs)) == 2, backs  # two questions lead here: the links name them apart
    page.close()


def _luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _rgb(css: str, under=(255, 255, 255)):
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    alpha = parts[3] if len(parts) == 4 else 1.0
    return tuple(round(p * alpha + u * (1 - alpha)) for p, u in zip(parts[:3], under))


def test_every_form_control_has_a_visible_border_and_focus(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/classify/")
    page.wait_for_selector("#annex-classify:not([hidden])")
    controls = page.locator("#annex-classify input[type=text], #annex-classify fieldset, #annex-classify button")
    assert controls.count() >= 15
    ratios = []
    for i in range(controls.count()):
        style = controls.nth(i).evaluate(r"""el => {
            const s = getComputedStyle(el);
            let bg = 'rgba(0, 0, 0, 0)', p = el.parentElement;
            while (p && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) { bg = getComputedStyle(p).backgroundColor; p = p.parentElement; }
            return {border: s.borderTopColor, width: parseFloat(s.borderTopWidth), bg: bg.includes('rgba(0, 0, 0, 0)') ? 'rgb(255, 255, 255)' : bg,
                    label: el.labels && el.labels.length ? el.labels[0].textContent : el.textContent};
        }""")
        bg = _rgb(style["bg"])
        a, b = _luminance(_rgb(style["border"], bg)), _luminance(bg)
        ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        ratios.append(ratio)
        assert style["width"] >= 1 and ratio >= 3, (style, ratio)
        assert style["label"].strip(), style  # every control is labelled
    print(f"form controls: {len(ratios)}, border contrast min {min(ratios):.2f}:1, max {max(ratios):.2f}:1")
    field = page.locator("#annex-param-physical_qubits")
    field.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    outline = field.evaluate("el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, outline
    page.close()


def test_with_script_number_keys_choose_answers(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/trees/quantum-computer/")
    page.keyboard.press("9")  # the ninth answer: >= 2,000
    page.wait_for_url(f"{base_url}/trees/quantum-computer/qubits-2000/")
    page.close()


@pytest.mark.parametrize("lang", ["", "ar/", "zh/"])
def test_annual_summary_charts_show_without_script_beside_their_tables(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/{lang}annual/2025/")
    charts = page.locator("figure.annex-chart img")
    assert charts.count() == 2
    for i in range(2):  # the image loaded, and a data table with rows stands beside it
        img = charts.nth(i)
        assert img.evaluate("i => i.complete && i.naturalWidth > 0")
        assert img.get_attribute("alt")
        pair = img.locator("xpath=ancestor::div[contains(@class, 'annex-chart-pair')]")
        assert pair.locator("table tbody tr").count() >= 1
    context.close()


def test_change_log_redline_is_visible_and_says_what_was_struck(browser, tmp_path_factory):
    """A change log in a real browser: struck and inserted words look different and are named
    for screen readers in the page's language."""
    from test_history import _amend_threshold, _released
    from helpers import copy_scenario, run_cli

    project = copy_scenario(tmp_path_factory.mktemp("redline") / "project")
    _released(project, _amend_threshold)
    assert run_cli("-C", str(project), "build").returncode == 0
    with serve(project / "site") as url:
        page = browser.new_page()
        page.goto(f"{url}/changes/2026.1/")
        deleted, inserted = page.locator(".annex-redline del").first, page.locator(".annex-redline ins").first
        assert deleted.inner_text().endswith("34") and inserted.inner_text().endswith("36")
        assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
        assert inserted.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
        # the spoken label is in the document but not drawn
        label = deleted.locator(".annex-sr")
        assert label.text_content() == "[deleted:]" and label.bounding_box()["width"] <= 1
        page.close()
