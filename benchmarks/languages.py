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

from annexsite.localize import Language  # noqa: E402
from annexsite.pipeline import Paths, generate  # noqa: E402
from annexsite.site.build import build  # noqa: E402

COPY = ("annexes", "templates", "locales", "site_overrides", "mkdocs.yml")


def _project(work: Path, english_only: bool) -> Path:
    project = work / ("en" if english_only else "all")
    project.mkdir()
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, project / name)
    if english_only:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        head, _, tail = text.partition("      languages:\n")
        kept = tail.split("        - locale: fr", 1)[0]
        rest = tail.split("\n\n", 1)[1] if "\n\n" in tail else ""
        config.write_text(head + "      languages:\n" + kept.rstrip("\n") + "\n\n" + rest, encoding="utf-8")
        assert [l["locale"] for l in _i18n_languages(config)] == ["en"], "could not reduce mkdocs.yml to English"
    return project


def _i18n_languages(config: Path) -> list:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)
    return plugin["languages"]


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
