"""The language selector requests nothing.

Material's script looks up every ``<link rel="alternate">`` of a page and fetches ``sitemap.xml``
under each (eight requests a page: a 404 under an inner page, megabytes under a language's home),
to find the same page in the other language when a reader switches. mkdocs-static-i18n already
computes each page's alternates at build time (the selector's links and the ``hreflang`` links
point at the same page in each language), so that look-up is switched off in the built bundle:
its selector is made to match no element. The ``hreflang`` links stay in every page for search
engines, and the sitemap lists every page's alternates.
"""

from __future__ import annotations

from pathlib import Path

SELECTOR = b'"link[rel=alternate]"'
NOTHING = b'"link[rel=alternate][data-annexsite-none]"'


def quiet_language_selector(site: Path) -> list[str]:
    """Switch off the sitemap look-up in Material's bundle; returns the problems (none if done).

    Exactly one occurrence of the selector is expected: if Material changes its bundle, the build
    says so rather than patching something else."""
    problems = []
    bundles = sorted((Path(site) / "assets/javascripts").glob("bundle.*.min.js"))
    if not bundles:
        return [f"{site}/assets/javascripts: no Material bundle found"]
    for bundle in bundles:
        data = bundle.read_bytes()
        if NOTHING in data:
            continue
        if data.count(SELECTOR) != 1:
            problems.append(f"{bundle}: expected one {SELECTOR.decode()} in Material's bundle, found "
                            f"{data.count(SELECTOR)}: the language selector may fetch sitemap.xml")
            continue
        bundle.write_bytes(data.replace(SELECTOR, NOTHING))
    return problems
