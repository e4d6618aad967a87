"""Make the CCL example project: the bundled site plus the whole US Commerce Control List.

    python scripts/ccl_example.py OUTDIR [--languages en,fr,...]

Copies this repository's project (annexes, templates, locales, releases, site_overrides,
mkdocs.yml) into OUTDIR, then runs ``annexsite import ccl-json`` on
``examples/us-ccl/us-ccl-2026-07-23.json`` (the eCFR parse from ``shared/reference``). The result
is generated, never committed: build it with ``annexsite -C OUTDIR build``.
``--languages`` keeps only those site languages (the first is the default), for benchmarks.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "us-ccl" / "us-ccl-2026-07-23.json"
PARTS = ("annexes", "templates", "locales", "releases", "site_overrides", "mkdocs.yml")


def copy_project(out: Path, languages: list[str] | None = None) -> Path:
    """This repository's project in ``out``; ``languages``: keep only these site languages."""
    out.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, out / part, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy2(src, out / part)
    if languages:
        config = out / "mkdocs.yml"
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        i18n = next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)
        i18n["languages"] = [l for l in i18n["languages"] if l["locale"] in languages]
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def make(out: Path, languages: list[str] | None = None) -> subprocess.CompletedProcess:
    """The CCL example: this project, with the whole CCL imported."""
    copy_project(out, languages)
    return subprocess.run([sys.executable, "-m", "annexsite", "-C", str(out), "import", "ccl-json", str(SOURCE)],
                          capture_output=True, text=True, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--languages", default="", help="comma-separated site languages to keep")
    args = parser.parse_args()
    done = make(args.outdir, [l for l in args.languages.split(",") if l] or None)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
