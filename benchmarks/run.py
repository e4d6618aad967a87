"""Benchmark: the whole US CCL (633 ECCNs) as one annex, through every stage, and MkDocs.

Times validate, render and the MkDocs build of our configuration (hierarchical navigation,
``navigation.prune``), then, in the same run and on the same Markdown, a naive configuration
(one flat navigation list, no pruning). Prints one JSON document to stdout.

    python benchmarks/run.py [--source PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from annexsite.derive import derive_site  # noqa: E402
from annexsite.localize import Language  # noqa: E402
from annexsite.pipeline import Paths, check, translation_coverage  # noqa: E402
from annexsite.render import render_site  # noqa: E402
from annexsite.write import sync_tree  # noqa: E402

OURS = {
    "site_name": "CCL benchmark",
    "docs_dir": ".annexsite/docs",
    "theme": {"name": "material", "custom_dir": str(ROOT / "site_overrides"), "font": False,
              "features": ["navigation.indexes", "navigation.prune"]},
    "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}],
    "plugins": [
        {"annexsite": {"templates": str(ROOT / "templates")}},
        "search",
        {"i18n": {"docs_structure": "folder", "languages": [{"locale": "en", "name": "English", "default": True}]}},
    ],
}


def _flat_nav(nav) -> list:
    out = []
    for item in nav:
        (title, value), = item.items()
        if isinstance(value, str):
            out.append({title: value})
        else:
            for child in value:
                if isinstance(child, str):
                    out.append({title: child})
                else:
                    out.extend(_flat_nav([child]))
    return out


def _html_stats(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in pages)
    return {"pages": len(pages), "html_bytes_total": total, "html_bytes_per_page": round(total / max(1, len(pages)))}


def _mkdocs(config_file: Path, site_dir: Path) -> float:
    cfg = load_config(str(config_file), site_dir=str(site_dir))
    start = time.perf_counter()
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=ROOT / "examples" / "us-ccl" / "us-ccl-2026-07-23.json")
    ap.add_argument("--keep", type=Path, help="keep the benchmark project in this folder")
    args = ap.parse_args()
    if not args.source.is_file():
        print(json.dumps({"error": f"source not found: {args.source}"}))
        return 1
    work = Path(tempfile.mkdtemp(prefix="annexsite-bench-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        (work / "mkdocs.yml").write_text(yaml.safe_dump(OURS, sort_keys=False))
        (work / ".annexsite" / "docs").mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        conv = subprocess.run([sys.executable, "-m", "annexsite", "-C", str(work), "import", "ccl-json", str(args.source)],
                              capture_output=True, text=True, check=True)
        convert_s = time.perf_counter() - t
        imported = next(line for line in conv.stdout.splitlines() if line.startswith("imported "))
        summary = {"entries": int(imported.split()[1])}
        paths = Paths(work, templates=str(ROOT / "templates"))
        languages = [Language("en", "English", True)]

        t = time.perf_counter()
        project = check(paths)
        validate_s = time.perf_counter() - t
        t = time.perf_counter()
        model = derive_site(project)
        coverage, translations = translation_coverage(paths, languages, project=project)
        rendered = render_site(model, paths["templates"], translations, coverage)
        render_s = time.perf_counter() - t
        t = time.perf_counter()
        sync_tree(work / ".annexsite" / "docs", rendered.files)
        write_s = time.perf_counter() - t

        ours_site = work / "site-ours"
        ours_build_s = _mkdocs(work / "mkdocs.yml", ours_site)
        ours = _html_stats(ours_site)

        # Naive: the same Markdown, no generator plugin, one flat nav, no pruning.
        naive_cfg = json.loads(json.dumps(OURS))
        naive_cfg["plugins"] = naive_cfg["plugins"][1:]
        naive_cfg["theme"]["features"] = ["navigation.indexes"]
        naive_cfg["nav"] = _flat_nav(rendered.nav["en"])
        naive_cfg["validation"] = {"nav": {"omitted_files": "ignore"}}
        (work / "mkdocs-naive.yml").write_text(yaml.safe_dump(naive_cfg, sort_keys=False, allow_unicode=True))
        naive_site = work / "site-naive"
        naive_build_s = _mkdocs(work / "mkdocs-naive.yml", naive_site)
        naive = _html_stats(naive_site)

        result = {
            "source": args.source.name,
            "entries": summary.get("entries"),
            "markdown_pages": len(rendered.files),
            "seconds": {
                "convert": round(convert_s, 3),
                "validate": round(validate_s, 3),
                "render": round(render_s, 3),
                "write": round(write_s, 3),
                "mkdocs_build_ours": round(ours_build_s, 3),
                "mkdocs_build_naive": round(naive_build_s, 3),
            },
            "ours": {**ours, "seconds_per_page": round(ours_build_s / max(1, ours["pages"]), 5)},
            "naive": {**naive, "seconds_per_page": round(naive_build_s / max(1, naive["pages"]), 5)},
            "ratio_naive_over_ours": {
                "build_seconds": round(naive_build_s / ours_build_s, 2),
                "html_bytes_per_page": round(naive["html_bytes_per_page"] / ours["html_bytes_per_page"], 2),
            },
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        }
        print(json.dumps(result, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
