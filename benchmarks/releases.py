"""Benchmark: point-in-time pages grow with changes, not with entries x releases. Prints JSON.

    python benchmarks/releases.py [--releases 10]

Copies this project (the bundled annexes and their releases) into a temporary folder, then cuts
``--releases`` synthetic releases, amending one entry (its title) before each, and derives the
site (no MkDocs run): an entry's text as of a release is one page per distinct version, and
every other release holding that version redirects to it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import ccl_example  # noqa: E402

from annexsite.derive import derive_site  # noqa: E402
from annexsite.derive.history import History  # noqa: E402
from annexsite.releases import load_releases  # noqa: E402
from annexsite.pipeline import check, make_release  # noqa: E402
from annexsite.site.build import configured  # noqa: E402

TITLE = re.compile(r"^(    title: )(.+)$", re.M)


def _amend(project: Path, k: int) -> str:
    """Amend the title of the k-th entry (in file order, round the list): returns which."""
    files = sorted((project / "annexes").glob("*/category-*.yaml"))
    titles = [(f, m) for f in files for m in TITLE.finditer(f.read_text(encoding="utf-8"))]
    path, m = titles[k % len(titles)]
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:m.start()] + f"{m.group(1)}{m.group(2)} (synthetic amendment {k + 1})" + text[m.end():],
                    encoding="utf-8")
    return f"{path.parent.name}:{m.group(2)}"


def _pages(root: Path) -> dict:
    paths, _, _ = configured(root)
    releases = load_releases(paths.root)
    model = derive_site(check(paths), None, History.of(releases))
    snapshots = [p for p in model.pages if p.template == "release-entry.md.j2"]
    return {"release_entry_pages": len(snapshots), "aliases": len(getattr(model, "aliases", ()) or ())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="annexsite-releases-"))
    try:
        project = ccl_example.copy_project(work / "project", ["en"])
        paths, languages, min_coverage = configured(project)
        before = len(list((project / "releases").glob("*.json")))
        start = _pages(project)
        held = 0
        amended = []
        for k in range(args.releases):
            amended.append(_amend(project, k))
            paths, languages, min_coverage = configured(project)
            release = make_release(paths, languages, min_coverage, f"2030.{k + 1}", date(2026, 1 + k, 1))
            doc = json.loads(release.read_text(encoding="utf-8"))
            held += sum(len(a.get("entries", {})) for a in doc.get("annexes", {}).values())
            if k == 0:  # the first also records whatever changed since the project's last release
                first = _pages(project)
        end = _pages(project)
        print(json.dumps({
            "workload": f"bundled annexes, {before} releases, then {args.releases} synthetic releases each amending one entry",
            "releases": before + args.releases,
            "entries_held_by_the_synthetic_releases": held,
            "release_entry_pages": {"before": start["release_entry_pages"], "after": end["release_entry_pages"],
                                    "added": end["release_entry_pages"] - start["release_entry_pages"]},
            "after_the_first_synthetic_release": first["release_entry_pages"],
            "added_by_the_other_releases": end["release_entry_pages"] - first["release_entry_pages"],
            "amendments_in_the_other_releases": len(amended) - 1,
            "redirects_to_a_shared_version": end["aliases"],
            "baseline_one_page_per_entry_and_release": start["release_entry_pages"] + held,
            "target": "added_by_the_other_releases == amendments_in_the_other_releases (one page per distinct "
                      "version; the first synthetic release also records what changed since the last real one)",
        }, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
