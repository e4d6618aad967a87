"""The bundled site in Chromium, in every published language, Arabic included: each page type
makes no request to another origin, breaks no rule of its Content-Security-Policy, has no axe-core
violation, fits a phone without horizontal scrolling and prints without navigation; the keyboard
reaches the main content through the skip link, with visible focus.

axe-core comes from node_modules (package.json pins it; .ci/run runs `npm ci`) and is injected
into the page by Playwright as an init script: never served by the site, and not an inline script,
which the site's own Content-Security-Policy would (rightly) block.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from browser import base_url, browser, serve, type_search  # noqa: F401 (fixtures)
from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "fr", "de", "es", "zh", "ja", "ar"]
PAGES = {
    "home": "",
    "annex": "us-ear-quantum/",
    "entry": "us-ear-quantum/4a906/",
    "correlation": "correlation/",
    "glossary": "glossary/",
    "tree": "trees/quantum-computer/",
    "tree outcome": "trees/quantum-computer/qubits-2000/",
    "change log": "changes/2025.1/",
    "annual summary": "annual/2025/",
    "entry as released": "releases/2024.1/us-ear-quantum/4a906/",
}
# Collected before any page script runs, in every frame.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""
AXE_RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
  `${v.id} (${v.impact}): ${v.help}: ` + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))"""


def axe_or_skip():
    if AXE.is_file():
        return AXE
    if os.environ.get("CI"):
        pytest.fail(f"{AXE} is missing: .ci/run runs `npm ci`")
    pytest.skip("axe-core is not installed: npm ci")


def url_of(base: str, lang: str, rel: str) -> str:
    return f"{base}/{rel}" if lang == "en" else f"{base}/{lang}/{rel}"


class Visit:
    """A browser context that records every request leaving the site's origin (and blocks it)."""

    def __init__(self, browser, base_url: str, axe: bool = True):
        self.origin = urlsplit(base_url)[:2]
        self.outside: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(CSP_LISTENER)
        if axe:
            self.context.add_init_script(path=str(axe_or_skip()))
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if urlsplit(url)[:2] == self.origin or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self):
        self.context.close()


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_is_private_accessible_and_fits_phone_and_paper(browser, base_url, lang):
    visit = Visit(browser, base_url)
    problems: list[str] = []
    checked = 0
    try:
        page = visit.context.new_page()
        for kind, rel in PAGES.items():
            url = url_of(base_url, lang, rel)
            response = page.goto(url)
            assert response and response.ok, url
            assert page.locator("html").get_attribute("lang").startswith(lang), url
            if lang == "ar":
                assert page.locator("html").get_attribute("dir") == "rtl", url
            problems += [f"{kind} {url}: axe {v}" for v in page.evaluate(AXE_RUN)]
            problems += [f"{kind} {url}: CSP {v}" for v in csp_violations(page)]
            # a phone: nothing wider than the screen
            page.set_viewport_size({"width": 375, "height": 740})
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{kind} {url}: {overflow}px of horizontal scrolling at 375px")
            page.set_viewport_size({"width": 1280, "height": 900})
            # paper: the content without the site's navigation, header, footer or search
            page.emulate_media(media="print")
            shown = page.evaluate("""() => [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]
                .filter(s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0))""")
            if shown:
                problems.append(f"{kind} {url}: printed with {shown}")
            if not page.locator(".md-content h1").is_visible():
                problems.append(f"{kind} {url}: the content is not printed")
            page.emulate_media(media="screen")
            checked += 1
    finally:
        visit.close()
    assert checked == len(PAGES)
    assert visit.outside == [], f"requests to other origins: {visit.outside}"
    assert problems == [], "\n".join(problems)


# Pages whose tables are wider than a phone: axe runs on them at 375 px too, where a table scrolls
# sideways and its scrolling region must take the keyboard (axe: scrollable-region-focusable).
PHONE_PAGES = {"translation status": "translations/", "annual summary": "annual/2025/", "entry": "us-ear-quantum/4a906/"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_wide_pages_are_accessible_at_phone_width(browser, base_url, lang):
    visit = Visit(browser, base_url)
    problems: list[str] = []
    try:
        page = visit.context.new_page()
        page.set_viewport_size({"width": 375, "height": 740})
        for kind, rel in PHONE_PAGES.items():
            url = url_of(base_url, lang, rel)
            response = page.goto(url)
            assert response and response.ok, url
            problems += [f"{kind} {url} at 375px: axe {v}" for v in page.evaluate(AXE_RUN)]
    finally:
        visit.close()
    assert visit.outside == []
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_are_accessible_and_csp_clean(browser, base_url, lang):
    visit = Visit(browser, base_url)
    try:
        page = visit.context.new_page()
        page.goto(url_of(base_url, lang, ""))
        links = type_search(page, "4A906")
        assert links, "no search result"
        prefix = url_of(base_url, lang, "")
        assert all(h.startswith(prefix) for h in links) and (lang == "en" or all(f"/{lang}/" in h for h in links)), links
        violations = page.evaluate(AXE_RUN)
        csp = csp_violations(page)
    finally:
        visit.close()
    assert visit.outside == []
    assert violations == [], "\n".join(violations)
    assert csp == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_the_main_content_through_the_skip_link_with_visible_focus(browser, base_url, lang):
    visit = Visit(browser, base_url, axe=False)
    try:
        page = visit.context.new_page()
        page.goto(url_of(base_url, lang, PAGES["entry"]))
        page.keyboard.press("Tab")
        # Material slides the skip link in when it takes focus: wait for the end of its transition
        page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=3000)
        skip = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
            return {cls: e.className, href: e.getAttribute("href"), inView: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
              && r.right <= innerWidth && r.bottom <= innerHeight, outline: s.outlineStyle, opacity: s.opacity}; }""")
        assert "md-skip" in skip["cls"].split(), skip
        assert skip["inView"] and skip["opacity"] == "1" and skip["outline"] != "none", f"the focused skip link is not visible: {skip}"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == skip["href"]
        target = page.evaluate("() => { const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
                               " return !!t && !!t.closest('.md-content'); }")
        assert target
        # the next Tab lands inside the main content, not back in the header or navigation
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.md-content')")
        assert inside, page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
        # every control reached by Tab shows where the focus is
        unseen = []
        for _ in range(25):
            state = page.evaluate("""() => { const e = document.activeElement;
                // a visually hidden checkbox shows its focus on its label
                const shown = e.labels && e.labels.length && getComputedStyle(e).opacity === "0" ? e.labels[0] : e;
                const s = getComputedStyle(shown);
                return {tag: e.outerHTML.slice(0, 120), visible: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
                  || s.boxShadow !== "none"}; }""")
            if not state["visible"]:
                unseen.append(state["tag"])
            page.keyboard.press("Tab")
        csp = csp_violations(page)
    finally:
        visit.close()
    assert unseen == [], unseen
    assert csp == [] and visit.outside == []


def test_the_content_security_policy_blocks_an_inline_script(browser, base_url):
    """The policy is enforced, not only declared: a script written into a page does not run."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    page.goto(f"{base_url}/us-ear-quantum/4a906/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = true";
        document.body.append(s); }""")
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in csp_violations(page))
    context.close()
