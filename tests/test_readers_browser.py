"""What a reader sees, in Chromium (issue 14): English text on right-to-left pages laid out left
to right, pages that make no failing request and fetch no sitemap, a 404 page that leads on in
every language, and a keyboard path where every stop is visible and shows its focus."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from browser import base_url, browser, serve  # noqa: F401 (fixtures)
from test_trust_browser import PAGES, url_of

RTL = ["ar"]  # every right-to-left language the site publishes
DIRECTIONS = """() => [...document.querySelectorAll("[lang]")].map(e => ({lang: e.getAttribute("lang"),
  dir: getComputedStyle(e).direction, tag: e.outerHTML.slice(0, 100)}))"""


@pytest.mark.parametrize("lang", RTL)
def test_every_english_element_on_right_to_left_pages_is_laid_out_left_to_right(browser, base_url, lang):
    page = browser.new_page()
    wrong, english = [], 0
    for kind, rel in {**PAGES, "404": "404.html"}.items():
        page.goto(url_of(base_url, lang, rel))
        for e in page.evaluate(DIRECTIONS):
            expected = "rtl" if e["lang"].split("-")[0] in RTL else "ltr"
            english += e["lang"] == "en"
            if e["dir"] != expected:
                wrong.append(f"{kind}: {e['tag']} computes {e['dir']}")
    page.close()
    assert english > 50  # the legal text, source-language cells and citations are there to check
    assert wrong == [], "\n".join(wrong[:20])


def test_a_title_ending_in_a_number_keeps_the_count_after_it_on_the_arabic_home(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/ar/")
    link = page.locator("article li a[href='eu-dual-use-quantum/']").first
    assert link.evaluate("a => getComputedStyle(a).unicodeBidi") == "isolate"
    # the count follows the title's last line (to its left in right-to-left text), not inside "(EU) 2021/821"
    count, last = page.evaluate("""a => { const r = document.createRange(); const t = a.nextSibling;
        const i = t.textContent.indexOf("10"); r.setStart(t, i); r.setEnd(t, i + 2);
        const c = r.getBoundingClientRect(), lines = a.getClientRects(), l = lines[lines.length - 1];
        return [{right: c.right, top: c.top}, {left: l.left, top: l.top}]; }""", link.element_handle())
    assert abs(count["top"] - last["top"]) < 10 and count["right"] <= last["left"] + 1, (count, last)
    page.close()


@pytest.mark.parametrize("lang", ["en", "ja", "ar"])
def test_pages_make_no_failing_request_and_fetch_no_sitemap(browser, base_url, lang):
    page = browser.new_page()
    bad: list[str] = []
    page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
    page.on("request", lambda r: bad.append(f"sitemap {r.url}") if "sitemap" in r.url else None)
    for rel in PAGES.values():
        page.goto(url_of(base_url, lang, rel))
        page.wait_for_load_state("networkidle")
    # switching language: the selector's links lead to the same page, no look-up needed
    page.goto(url_of(base_url, lang, PAGES["entry"]))
    page.locator(".md-select button").click()
    page.locator('a.md-select__link[hreflang="fr"]').click()
    page.wait_for_url(f"{base_url}/fr/{PAGES['entry']}")
    page.wait_for_load_state("networkidle")
    page.close()
    assert bad == []


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A server as static hosts behave: a missing address gets the site's 404.html, status 404.
    ``missing`` names paths to treat as missing although they exist."""

    missing: tuple[str, ...] = ()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if self.path.split("?")[0] in self.missing or not Path(path).exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)
        return super().send_head()


def _static_host(directory: Path, missing: tuple[str, ...]):
    return serve(directory, type("H", (_NotFoundHandler,), {"missing": missing}))


def test_404_page_leads_to_the_same_address_in_the_languages_that_have_it(browser, bundled_site):
    with _static_host(bundled_site, missing=("/fr/glossary/",)) as url:
        page = browser.new_page()
        response = page.goto(f"{url}/fr/glossary/")
        assert response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "en"
        links = dict(page.eval_on_selector_all("a[data-annexsite-home]", "l => l.map(a => [a.hreflang, a.href])"))
        assert links["de"] == f"{url}/de/glossary/" and links["en"] == f"{url}/glossary/" and links["ar"] == f"{url}/ar/glossary/"
        assert links["fr"] == f"{url}/fr/"  # missing in French: its home
        page.close()
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{url}/no/such/page/")
        links = dict(page.eval_on_selector_all("a[data-annexsite-home]", "l => l.map(a => [a.hreflang, a.href])"))
        assert links["en"] == f"{url}/" and links["ja"] == f"{url}/ja/"
        assert page.locator("link[rel=stylesheet]").count() > 0 and page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).position") != "static"  # styled at any depth
        context.close()
        page = browser.new_page()
        page.goto(f"{url}/ar/404.html")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.close()


FOCUS = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const shown = e.labels && e.labels.length && getComputedStyle(e).opacity === "0" ? e.labels[0] : e;
  const r = shown.getBoundingClientRect(), s = getComputedStyle(shown);
  return {tag: e.outerHTML.slice(0, 120), width: r.width, height: r.height, hidden: s.visibility !== "visible" || s.opacity === "0",
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    indicated: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none",
    footer: !!e.closest(".md-footer")}; }"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_tab_stop_is_visible_and_shows_its_focus(browser, base_url, lang, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url_of(base_url, lang, PAGES["entry"]))
    problems, stops = [], 0
    for i in range(400):
        page.keyboard.press("Tab")
        if i == 0:  # Material slides the skip link in when it takes focus
            page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=3000)
        page.wait_for_timeout(30)
        state = page.evaluate(FOCUS)
        if state and state["hidden"]:  # Material fades some controls in on focus (permalinks): let it finish
            page.wait_for_timeout(400)
            state = page.evaluate(FOCUS)
        if state is None or state["footer"]:
            break
        stops += 1
        if i == 0:
            assert "md-skip" in state["tag"], f"the first stop is not the skip link: {state['tag']}"
        if state["width"] < 1 or state["height"] < 1 or state["hidden"] or not state["inView"]:
            problems.append(f"not visible: {state}")
        elif not state["indicated"]:
            problems.append(f"no focus indicator: {state['tag']}")
    page.close()
    assert stops > 10
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_a_guide_offers_its_outline_not_an_unreadable_diagram(browser, base_url, lang):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(url_of(base_url, lang, "trees/quantum-computer/"))
    assert not page.locator("details.annex-diagram").is_visible()
    outline = page.locator("details.annex-outline")
    assert outline.is_visible()
    outline.locator("summary").click()
    link = outline.locator("a[href='qubits-2000/']")
    assert link.is_visible() and link.bounding_box()["x"] >= 0 and link.bounding_box()["width"] <= 375
    link.click()
    page.wait_for_url(url_of(base_url, lang, "trees/quantum-computer/qubits-2000/"))
    page.set_viewport_size({"width": 1280, "height": 900})  # a desktop has both
    page.go_back()
    assert page.locator("details.annex-diagram").is_visible() and page.locator("details.annex-outline").is_visible()
    page.close()
