"""Benchmark: the bundled site built in all seven languages against English alone, in one run.

Both builds use the repository's own annexes, templates and catalogs, through the same path as
`annexsite build` (generate, then MkDocs with mkdocs-static-i18n); the English-only build keeps
only the default language in the i18n plugin. Each build runs ``--repeat`` times, alternating,
and the median is reported. Prints one JSON document.

    python benchmarks/languages.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from annexsite.localize import Language  # noqa: E402
from annexsite.pipeline import Paths, generate  # noqa: E402
from annexsite.site.build import build  # noqa: E402
from ccl_example import copy_project  # noqa: E402

def _project(work: Path, english_only: bool) -> Path:
    return copy_project(work / ("en" if english_only else "all"), ["en"] if english_only else None)


def _i18n_languages(config: Path) -> list:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    return next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]


def _time_build(project: Path) -> tuple[float, int]:
    out = project / "site"
    start = time.perf_counter()
    build(project / "mkdocs.yml", out)
    seconds = time.perf_counter() - start
    return seconds, sum(1 for _ in out.rglob("*.html"))


def _time_generate(project: Path, languages: list[Language]) -> float:
    start = time.perf_counter()
    generate(Paths(project), languages, "", 0.0)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    logging.getLogger("jieba").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="annexsite-langs-"))
    try:
        projects = {"en": _project(work, True), "all": _project(work, False)}
        langs = {"en": [Language("en", "English", True)],
                 "all": [Language(l["locale"], l["name"], bool(l.get("default"))) for l in _i18n_languages(projects["all"] / "mkdocs.yml")]}
        build_s = {"en": [], "all": []}
        generate_s = {"en": [], "all": []}
        pages = {}
        for _ in range(args.repeat):
            for key in ("en", "all"):
                seconds, pages[key] = _time_build(projects[key])
                build_s[key].append(seconds)
                generate_s[key].append(_time_generate(projects[key], langs[key]))
        med = {k: statistics.median(v) for k, v in build_s.items()}
        gen = {k: statistics.median(v) for k, v in generate_s.items()}
        print(json.dumps({
            "languages": {"en": 1, "all": len(langs["all"])},
            "html_pages": pages,
            "repeat": args.repeat,
            "build_seconds_median": {k: round(v, 2) for k, v in med.items()},
            "build_seconds_runs": {k: [round(x, 2) for x in v] for k, v in build_s.items()},
            "generate_seconds_median": {k: round(v, 3) for k, v in gen.items()},
            "ratio_all_over_en": {"build": round(med["all"] / med["en"], 2), "generate": round(gen["all"] / gen["en"], 2),
                                  "html_pages": round(pages["all"] / pages["en"], 2)},
            "seconds_per_html_page": {k: round(med[k] / pages[k], 4) for k in med},
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        }, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
