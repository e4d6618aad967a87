"""The ``annexsite i18n`` actions: argument handling and printing only."""

from __future__ import annotations

import json
import sys

from annexsite.config import Paths
from annexsite.diagnostics import relpath
from annexsite.i18n import workflow
from annexsite.i18n.terms import check_terms
from annexsite.model import Project
from annexsite.pipeline import check as load_checked, translation_coverage
from annexsite.site.build import SiteError, configured

EXIT_CONTENT, EXIT_USAGE = 1, 2  # as annexsite.cli: a broken mkdocs.yml is content, a bad argument usage


def run(args, paths: Paths) -> int:
    action = args.i18n_command
    try:
        paths, languages, min_coverage = configured(paths.root, args.config_file)
    except SiteError as exc:
        print(f"annexsite: error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    if action == "extract":
        return _report(workflow.extract(paths), paths, check=False)
    if action == "update":
        project = load_checked(paths)  # read once: the templates and the terminology check share it
        try:
            changes = workflow.update(paths, args.locale, project)
        except ValueError as exc:
            print(f"annexsite: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        status = _report(changes, paths, check=args.check)
        return max(status, _terminology(paths, project, check=args.check))
    if action == "compile":
        for c in workflow.compile_catalogs(paths):
            extra = f"; {c.fuzzy} fuzzy left out (pages show the source text, marked outdated)" if c.fuzzy else ""
            print(f"{relpath(c.path, paths.root)}: {c.translated} translated{extra}")
        return 0
    if action == "status":
        cov = translation_coverage(paths, languages, min_coverage)[0]
        if args.json:
            print(json.dumps(cov.data, ensure_ascii=False, indent=2))
        else:
            print(_table(cov.data))
        return 0
    return EXIT_USAGE


def _report(changes: workflow.Changes, paths: Paths, check: bool) -> int:
    names = sorted(relpath(p, paths.root) for p in changes.files)
    if check:
        for name in names:
            print(f"{name}: out of date with the sources", file=sys.stderr)
        if names:
            print("annexsite: catalogs out of date; run `annexsite i18n update` and commit the result", file=sys.stderr)
            return 1
        print("catalogs up to date")
        return 0
    changes.write()
    for name in names:
        print(f"wrote {name}")
    if not names:
        print("catalogs up to date")
    return 0


def _terminology(paths: Paths, project: Project, check: bool) -> int:
    """Translations that lack a defined term's approved rendering, or bound a figure the other way
    (annexsite.i18n.terms): reported by every update, an error with --check."""
    found = check_terms(paths, project.glossary)
    for diagnostic in found:
        print(diagnostic, file=sys.stderr)
    if found:
        print(f"annexsite: {len(found)} terminology problem(s) in the translations", file=sys.stderr)
    return 1 if found and check else 0


def _table(data: dict) -> str:
    rows = [f"{'language':<9}{'coverage':>9}  {'interface t/f/m':>16}  {'content t/f/m':>15}  published"]
    for code, lang in data["languages"].items():
        ui, ct = lang["interface"], lang["content"]
        rows.append(f"{code:<9}{lang['coverage'] * 100:>8.1f}%  "
                    f"{ui['translated']:>6}/{ui['fuzzy']}/{ui['missing']:<6}  "
                    f"{ct['translated']:>6}/{ct['fuzzy']}/{ct['missing']:<6}  {'yes' if lang['published'] else 'no'}")
        for annex, a in lang["annexes"].items():
            shown = "translated" if a["published"] else "shown in its source language"
            rows.append(f"  {annex}: {a['coverage'] * 100:.1f}% ({a['translated']}/{a['fuzzy']}/{a['missing']}), {shown}")
            for code_, e in a["entries"].items():
                if e["fuzzy"] or e["missing"]:
                    rows.append(f"    {code_}: {e['fuzzy']} fuzzy, {e['missing']} missing")
    rows.append(f"(t/f/m = translated/fuzzy/missing; a language whose interface and shared texts are below "
                f"{data['min_coverage'] * 100:.0f}% is not published; an annex below it is shown in its source language)")
    rows.append("authentic language versions of the legal text:")
    for annex, a in data.get("authentic_versions", {}).items():
        versions = ", ".join(f"{lang} ({v['entries']}/{a['entries']} entries, "
                             f"{'aligned' if v['aligned'] else str(v['breaks']) + ' breaks'})"
                             for lang, v in a["versions"].items())
        missing = [lang for lang in a["authentic"] if lang not in a["transcribed"]]
        rows.append(f"  {annex}: source {a['source']}; other versions transcribed: {versions or 'none'}"
                    + (f"; not transcribed: {', '.join(missing)}" if missing else ""))
    return "\n".join(rows)
