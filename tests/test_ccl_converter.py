"""The CCL benchmark converter (benchmarks/ccl_to_annex.py) writes a valid, reproducible annex project."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "benchmarks" / "ccl_to_annex.py"
# The schemas ship as package data; early checkouts kept them in a top-level schemas/ folder.
SCHEMAS = next((d for d in (REPO_ROOT / "src" / "annexsite" / "schemas", REPO_ROOT / "schemas")
                if (d / "category.schema.json").is_file()), REPO_ROOT / "src" / "annexsite" / "schemas")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the files are large
# Same default as the script: the shared folder is a sibling of the repository root.
SOURCE = REPO_ROOT.parent / "shared" / "reference" / "us-ccl-2026-07-23.json"

pytestmark = pytest.mark.skipif(
    not SOURCE.is_file(),
    reason=f"reference data {SOURCE} is absent (it lives outside the repository, beside it in shared/reference/)",
)


def run_converter(outdir: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--source", str(SOURCE), str(outdir)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, f"expected a one-line JSON summary, got: {done.stdout!r}"
    return json.loads(lines[0])


def snapshot(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}


def validators() -> dict[str, Draft202012Validator]:
    schemas = {kind: json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
               for kind in ("annex", "category", "glossary")}
    # category.schema.json refers to "annex.schema.json#/$defs/gaps", resolved against its own $id.
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return {kind: Draft202012Validator(s, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for kind, s in schemas.items()}


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> tuple[Path, dict]:
    outdir = tmp_path_factory.mktemp("ccl")
    return outdir, run_converter(outdir)


@pytest.fixture(scope="module")
def documents(converted) -> list[tuple[str, Path, object]]:
    """(kind, path, data) for every file written, parsed once."""
    outdir, _ = converted
    annexes = outdir / "annexes"
    files = [("glossary", annexes / "glossary.yaml"), ("annex", annexes / "us-ccl" / "annex.yaml")]
    files += [("category", p) for p in sorted((annexes / "us-ccl").glob("category-*.yaml"))]
    assert sorted(p for _, p in files) == sorted(annexes.rglob("*.yaml")), "unexpected files written"
    return [(kind, path, load(path)) for kind, path in files]


def test_summary_counts_are_sane(converted, documents):
    _, summary = converted
    assert set(summary) == {"entries", "categories", "glossary_terms", "skipped"}
    assert summary["entries"] > 600
    assert 1 <= summary["categories"] <= 10
    assert summary["glossary_terms"] > 100
    assert isinstance(summary["skipped"], list)
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    assert summary["entries"] + len(summary["skipped"]) == len(source["entries"])
    categories = [data for kind, _, data in documents if kind == "category"]
    assert len(categories) == summary["categories"]
    glossary = next(data for kind, _, data in documents if kind == "glossary")
    assert len(glossary["terms"]) == summary["glossary_terms"]
    assert sum(len(c["entries"]) for c in categories) == summary["entries"]


def test_two_runs_are_byte_identical(converted, tmp_path):
    outdir, summary = converted
    assert run_converter(tmp_path) == summary
    assert snapshot(tmp_path) == snapshot(outdir)


def test_every_file_validates_against_its_schema(documents):
    check = validators()
    problems = []
    for kind, path, data in documents:
        for error in check[kind].iter_errors(data):
            problems.append(f"{path.name}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} problems)"


def test_output_has_no_yaml_anchors_or_aliases(documents):
    for _, path, _ in documents:
        for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=LOADER):
            assert not isinstance(event, yaml.AliasEvent), f"{path.name}: alias at {event.start_mark}"
            assert getattr(event, "anchor", None) is None, f"{path.name}: anchor at {event.start_mark}"


def test_every_quoted_term_is_in_the_glossary_and_every_code_is_quoted(documents):
    """What the annexsite loader checks: quoted spans resolve, and codes survive a YAML 1.2 reader."""
    quoted = re.compile(r"[“\"]([^”\"\n]{1,80})[”\"]")

    def key(term: str) -> str:
        return term.strip().rstrip(",.;:").strip().casefold()

    glossary = next(data for kind, _, data in documents if kind == "glossary")
    known = {key(t["term"]) for t in glossary["terms"]}
    missing = set()
    for kind, path, data in documents:
        if kind != "category":
            continue
        text = path.read_text(encoding="utf-8")
        bare_code = re.search(r"^\s*(?:- )?(?:[a-z_]+: )?[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*$", text, re.M)
        assert bare_code is None, f"{path.name}: unquoted code {bare_code.group(0).strip()!r} (1E001 is a float in YAML 1.2)"
        for entry in data["entries"]:
            texts = [entry["heading"]]
            stack = list(entry.get("paragraphs", [])) + list(entry.get("notes", []))
            while stack:
                item = stack.pop()
                texts.append(item["text"])
                stack.extend(item.get("paragraphs", []))
            for t in texts:
                missing.update(m.group(1) for m in quoted.finditer(t) if key(m.group(1)) not in known)
    assert not missing, sorted(missing)[:20]
