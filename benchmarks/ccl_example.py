"""Benchmark: the CCL example (bundled annexes + the whole US CCL) in seven languages against
English alone, in one run: build time, peak memory, HTML pages and site size. Prints JSON.

    python benchmarks/ccl_example.py

Each build runs in its own process (``annexsite build``) so that its peak memory is its own.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import ccl_example  # noqa: E402


# measured on this project's main before issue 15's work, one run each, on a loaded 2-core machine
# (the seconds say little there; the CPU seconds and the counts are what to compare)
BASELINE = {
    "english_alone": {"seconds": 156, "cpu_seconds": 64.8, "html_pages": 1774, "bytes": 65_064_738, "peak_rss_mb": 153,
                      "which_entry_guide": {"html_pages": 903, "bytes": 16_247_435}},
    "seven_languages": {"seconds": 1356, "html_pages": 12412, "bytes": 586_000_000, "peak_rss_mb": 765},
}


def _size(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    guide = [p for p in files if "/trees/which-entry/" in p.as_posix()]  # every language's copy
    return {"html_pages": len(html), "files": len(files),
            "bytes": sum(p.stat().st_size for p in files), "html_bytes": sum(p.stat().st_size for p in html),
            "which_entry_guide": {"html_pages": sum(p.suffix == ".html" for p in guide),
                                  "bytes": sum(p.stat().st_size for p in guide)}}


def _build(project: Path) -> dict:
    start = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", "import resource, sys; from annexsite.cli import main; code = main(sys.argv[1:]); "
         "print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)",
         "-C", str(project), "build"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and Pagefind, whatever the load
    cpu_seconds = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr[-2000:]}")
    rss = next(int(l.split()[1]) for l in done.stderr.splitlines() if l.startswith("maxrss_kb"))
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 1), "peak_rss_mb": round(rss / 1024),
            **_size(project / "site")}


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="annexsite-ccl-"))
    try:
        results = {}
        for key, languages in (("en", ["en"]), ("seven", None)):
            project = work / key
            done = ccl_example.make(project, languages)
            if done.returncode != 0:
                raise SystemExit(f"import failed: {done.stderr[-2000:]}")
            results[key] = _build(project)
        en, seven = results["en"], results["seven"]
        print(json.dumps({
            "workload": "bundled annexes + whole US CCL (633 ECCNs), scripts/ccl_example.py",
            "english_alone": en,
            "seven_languages": seven,
            "ratio_seven_over_english": {k: round(seven[k] / en[k], 2) for k in ("seconds", "peak_rss_mb", "html_pages", "bytes")},
            "ms_per_html_page": {"english_alone": round(1000 * en["seconds"] / en["html_pages"], 1),
                                 "seven_languages": round(1000 * seven["seconds"] / seven["html_pages"], 1)},
            "baseline": BASELINE,
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        }, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
