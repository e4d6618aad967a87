"""A real browser for tests: Playwright driving Debian's Chromium over a loopback server.

Never a browser downloaded by Playwright (`playwright install` is not used): the Chromium of
the system, /usr/bin/chromium, with its sandbox and background networking off.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ANNEXSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


def chromium_or_skip() -> str:
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, handler_class: type = None):
    """Serve a built site on 127.0.0.1 (a free port) while the block runs; yields the base URL.
    ``handler_class``: a SimpleHTTPRequestHandler of the caller's (default: one that logs nothing)."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def type_search(page, query: str, tries: int = 30) -> list[str]:
    """Type ``query`` into Material's search box and return the result links.

    Material searches on key events: Chinese and Japanese arrive whole from an input method, as
    fill() inserts them, and the key that follows runs the query. The index loads in a worker
    after the page, so a query sent before it is ready is sent again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("input.md-search__input")
    box.click()
    for _ in range(tries):
        box.fill(query)
        box.press("End")
        try:
            page.wait_for_selector("a.md-search-result__link", state="attached", timeout=1000)
            break
        except PlaywrightTimeout:
            continue
    return page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests of one module."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(bundled_site):
    """The bundled site served on loopback."""
    with serve(bundled_site) as url:
        yield url
