"""Helpers for tests that look at built sites."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "roots" / "minimal"


def copy_scenario(dest: Path, scenario: Path = MINIMAL) -> Path:
    """A private copy of a scenario project, its mkdocs.yml pointed at this repository's
    templates and theme overrides (the scenario refers to them as ../../../)."""
    shutil.copytree(scenario, dest, ignore=shutil.ignore_patterns(".annexsite", "site"))
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", ROOT.as_posix() + "/"), encoding="utf-8")
    return dest

# Requests a page makes by itself: scripts, styles, images, fonts, frames, CSS imports.
_REQUEST_ATTRS = re.compile(r"<(?:script|link|img|source|iframe|video|audio|embed)\b[^>]*?\b(?:src|href|srcset)=\"([^\"]+)\"", re.I)
_CSS_URL = re.compile(r"(?:@import\s+|url\()\s*['\"]?([^'\")\s]+)", re.I)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annexsite", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=600
    )


def external_requests(site: Path) -> list[tuple[str, str]]:
    """(file, url) for every resource a page or stylesheet would fetch from another origin."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            urls = _REQUEST_ATTRS.findall(path.read_text(encoding="utf-8"))
            urls += _CSS_URL.findall("\n".join(re.findall(r"<style[^>]*>(.*?)</style>", path.read_text(encoding="utf-8"), re.S)))
        elif path.suffix == ".css":
            urls = _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        for url in urls:
            if re.match(r"^(?:[a-z]+:)?//", url, re.I) and not url.startswith("data:"):
                found.append((str(path.relative_to(site)), url))
    return found


def pagefind_fragments(site: Path) -> list[dict]:
    """Every page as Pagefind's index holds it (``url``, ``content``, ``meta.title``): its fragment
    files are gzip, a ``pagefind_dcd`` signature, then JSON."""
    out = []
    for path in sorted(site.rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{"):]))
    return out
