"""Benchmark: build time per entry from 200 to 2,000 synthetic entries (from the CCL), English only.
Prints JSON.

    python benchmarks/growth.py [--sizes 200,2000] [--mkdocs]

For each size, the CCL example in English with its imported annex cut to (or grown to) that many
entries: below 633 every n-th ECCN is kept; above, the ECCNs are copied under unused numbers of
the same category and group (their "related" links dropped, as the copies are of nobody). Times
validate, derive and render in this process (CPU seconds); ``--mkdocs`` also runs the whole
``annexsite build`` in a child process and adds its CPU seconds. The target: the time per entry
at 2,000 at most 25 % above the time per entry at 200.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import ccl_example  # noqa: E402

from annexsite.derive import derive_site  # noqa: E402
from annexsite.localize import Language  # noqa: E402
from annexsite.pipeline import check, translation_coverage  # noqa: E402
from annexsite.render import render_site  # noqa: E402
from annexsite.site.build import configured  # noqa: E402

ANNEX = "us-ccl"


def _resize(project: Path, size: int) -> int:
    folder = project / "annexes" / ANNEX
    files = sorted(folder.glob("category-*.yaml"))
    docs = {f: yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}
    every = [(f, e) for f in files for e in docs[f]["entries"]]
    if size <= len(every):
        step = len(every) / size
        keep = {id(every[int(k * step)][1]) for k in range(size)}
        kept_codes = {e["code"] for f, e in every if id(e) in keep}
        for f in files:
            docs[f]["entries"] = [e for e in docs[f]["entries"] if id(e) in keep]
            for n in docs[f].get("notes") or []:  # a note governs kept entries only
                if n.get("governs"):
                    n["governs"] = [c for c in n["governs"] if c in kept_codes]
                    if not n["governs"]:
                        del n["governs"]
            for e in docs[f]["entries"]:
                if "related" in e:
                    e["related"] = [r for r in e["related"] if r in kept_codes]
                    if not e["related"]:
                        del e["related"]
    else:
        used = {e["code"][:5] for _, e in every}
        extra, k = size - len(every), 0
        while extra > 0:
            f, e = every[k % len(every)]
            k += 1
            prefix = e["code"][:2]
            number = next((n for n in range(1000) if f"{prefix}{n:03d}" not in used), None)
            if number is None or len(e["code"]) != 5:  # a full group, or a code with a suffix: skip
                continue
            code = f"{prefix}{number:03d}"
            used.add(code)
            copy = json.loads(json.dumps(e, default=str))
            copy["code"] = code
            copy.pop("related", None)
            docs[f]["entries"].append(copy)
            extra -= 1
    for f, doc in docs.items():
        f.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sum(len(d["entries"]) for d in docs.values())


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(work: Path, size: int, mkdocs: bool) -> dict:
    project = work / f"n{size}"
    done = ccl_example.make(project, ["en"])
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr[-2000:]}")
    entries = _resize(project, size)
    paths, _, _ = configured(project)
    out: dict = {"entries_in_ccl_annex": entries}
    t = _cpu()
    model_project = check(paths)
    out["validate_cpu_s"] = round(_cpu() - t, 2)
    t = _cpu()
    model = derive_site(model_project)
    out["derive_cpu_s"] = round(_cpu() - t, 2)
    t = _cpu()
    languages = [Language("en", "English", True)]
    coverage, translations = translation_coverage(paths, languages, project=model_project)
    rendered = render_site(model, paths["templates"], translations, coverage)
    out["render_cpu_s"] = round(_cpu() - t, 2)
    out["markdown_pages"] = len(rendered.files)
    stages = out["validate_cpu_s"] + out["derive_cpu_s"] + out["render_cpu_s"]
    out["stages_ms_per_entry"] = round(1000 * stages / entries, 2)
    if mkdocs:
        t, wall = _children_cpu(), time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "annexsite", "-C", str(project), "build"],
                               capture_output=True, text=True)
        if built.returncode != 0:
            raise SystemExit(f"build failed: {built.stderr[-2000:]}")
        out["build_cpu_s"] = round(_children_cpu() - t, 1)
        out["build_wall_s"] = round(time.perf_counter() - wall, 1)
        out["build_ms_per_entry"] = round(1000 * out["build_cpu_s"] / entries, 1)
    shutil.rmtree(project, ignore_errors=True)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--mkdocs", action="store_true", help="also time the whole build (minutes at 2,000)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="annexsite-growth-"))
    try:
        results = {str(n): measure(work, n, args.mkdocs) for n in sizes}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first, last = results[str(sizes[0])], results[str(sizes[-1])]
    growth = {"stages_ms_per_entry": round(last["stages_ms_per_entry"] / first["stages_ms_per_entry"] - 1, 3)}
    if args.mkdocs:
        growth["build_ms_per_entry"] = round(last["build_ms_per_entry"] / first["build_ms_per_entry"] - 1, 3)
    print(json.dumps({"workload": "CCL example, English only, the CCL annex resized (benchmarks/growth.py)",
                      "sizes": results, "growth_per_entry": growth, "target_growth": 0.25,
                      "note": "the bundled annexes (21 entries) are built too, beside the CCL annex"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
