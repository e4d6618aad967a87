"""Command line: parse arguments, call the pipeline, print errors as path:line:col: message.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from annexsite import __version__
from annexsite.config import Paths
from annexsite.derive.classify import classify, considered, declared, parse_answer, parse_value, qualities, unchecked
from annexsite.derive.text import entry_label
from annexsite.derive.urls import entry_path, glossary_path, page_url, with_anchor
from annexsite.diagnostics import ContentError, relpath
from annexsite.i18n.commands import run as run_i18n
from annexsite.importers import ImportRefused, import_list
from annexsite.load.project import ANNEX_ID
from annexsite.localize.formatting import plain_condition
from annexsite.model.objects import NOTE_LABELS
from annexsite.pipeline import build_day, check, make_release, working_history
from annexsite.releases import ReleaseError, diff, load_releases
from annexsite.render.diff import format_diff
from annexsite.site import build as site_build

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2, as argparse does, with our prefix
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"annexsite: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="annexsite", description="Export-control annexes in YAML -> multilingual guidance site.")
    p.add_argument("--version", action="version", version=f"annexsite {__version__}")
    p.add_argument("-C", "--project", type=Path, default=Path("."), help="project folder (default: current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    sub.add_parser("validate", help="check every YAML file; print all errors as path:line:col: message")
    b = sub.add_parser("build", help="validate, render and build the site")
    b.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of mkdocs.yml)")
    b.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: mkdocs.yml)")
    s = sub.add_parser("serve", help="live preview that regenerates when an annex or template changes")
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    s.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: mkdocs.yml)")
    r = sub.add_parser("release", help="freeze what is in force on DATE as an immutable snapshot releases/VERSION.json")
    r.add_argument("version", help="YEAR.N, e.g. 2025.1")
    r.add_argument("--date", required=True, help="release date, YYYY-MM-DD")
    d = sub.add_parser("diff", help="entries added, removed and amended between two releases (or a release and 'working')")
    d.add_argument("old", help="a release version")
    d.add_argument("new", help="a release version, or 'working' for the annexes as they are now")
    d.add_argument("--json", action="store_true", help="print JSON")
    d.add_argument("--format", choices=["text", "markdown"], default="text")
    k = sub.add_parser("classify", help="the entries of every annex that a set of measured values falls under")
    k.add_argument("values", nargs="+", metavar="PARAMETER=VALUE", help="e.g. physical_qubits=120 cnot_error_rate=0.0008; questions on what the item is: cmos_integrated_circuit=yes|no")
    k.add_argument("--json", action="store_true", help="print JSON")
    im = sub.add_parser("import", help="convert a whole control list into annex YAML (nothing invented; "
                        "prints what it could not place)")
    im.add_argument("format", choices=["ccl-json"], help="ccl-json: the US Commerce Control List parsed from the eCFR")
    im.add_argument("source", type=Path, help="the file to import")
    im.add_argument("--annex-id", default="us-ccl", help="id (and folder) of the annex to write (default: us-ccl)")
    im.add_argument("--json", action="store_true", help="print the full conversion report as JSON")
    i = sub.add_parser("i18n", help="translation catalogs: extract, update, compile, status")
    i.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: mkdocs.yml)")
    isub = i.add_subparsers(dest="i18n_command", metavar="ACTION", parser_class=_Parser)
    isub.required = True
    isub.add_parser("extract", help="write the catalog templates locales/<domain>.pot from templates and annexes")
    u = isub.add_parser("update", help="extract, then merge every language's PO files (changed sources become fuzzy)")
    u.add_argument("--check", action="store_true", help="write nothing; exit 1 if the catalogs are out of date")
    u.add_argument("-l", "--locale", action="append", default=[], help="also create catalogs for this language")
    isub.add_parser("compile", help="write .mo files (fuzzy entries left out) and report what was left out")
    st = isub.add_parser("status", help="translated / fuzzy / missing per language, annex and entry")
    st.add_argument("--json", action="store_true", help="print JSON")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.project
    if not root.is_dir():
        print(f"annexsite: error: project folder {root} does not exist", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "validate":
            project = check(Paths(root))
            load_releases(root)  # a broken snapshot fails validate, not only the build
            n = sum(len(a.entries) for a in project.annexes)
            print(f"ok: {len(project.annexes)} annexes, {n} entries, {len(project.glossary.terms)} glossary terms")
            return EXIT_OK
        if args.command in ("release", "diff"):
            return _releases(root, args)
        if args.command == "classify":
            return _classify(check(site_build.configured(root)[0]), args.values, args.json)
        if args.command == "import":
            return _import(root, args)
        if args.command == "i18n":
            return run_i18n(args, Paths(root))
        config_file = args.config_file or root / "mkdocs.yml"
        if not config_file.is_file():
            print(f"annexsite: error: no MkDocs config at {config_file}", file=sys.stderr)
            return EXIT_USAGE
        if args.command == "build":
            out = site_build.build(config_file, args.site_dir,
                                   report=lambda line: print(f"annexsite: {line}", file=sys.stderr))
            print(f"built {out}")
            return EXIT_OK
        if args.command == "serve":
            return site_build.serve(config_file, args.dev_addr)
    except ContentError as exc:
        for d in exc.diagnostics:
            print(d, file=sys.stderr)
        print(f"annexsite: {len(exc.diagnostics)} error(s)", file=sys.stderr)
        return EXIT_CONTENT
    except site_build.SiteError as exc:
        print(f"annexsite: error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_USAGE


_PROBLEMS = {
    "not-a-number": "{raw!r} is not a number",
    "not-finite": "{raw!r} is not a finite number",
    "integer": "{name} is a whole number (a count), not {raw}",
    "minimum": "{name} is at least {minimum:g}, not {raw}",
    "maximum": "{name} is at most {maximum:g}, not {raw}",
}


def _classify(project, values: list[str], as_json: bool) -> int:
    known, asked = declared(project), qualities(project)
    measured, answers, given = {}, {}, []
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or (name not in known and name not in asked):
            print(f"annexsite: error: {item!r}: expected PARAMETER=VALUE with PARAMETER one of: {', '.join(sorted(known))}"
                  f"; or QUESTION=yes|no with QUESTION one of: {', '.join(sorted(asked))}", file=sys.stderr)
            return EXIT_USAGE
        if name in measured or name in answers:
            print(f"annexsite: error: {item!r}: {name} is given twice", file=sys.stderr)
            return EXIT_USAGE
        if name in asked:
            answer = parse_answer(raw)
            if answer is None:
                print(f"annexsite: error: {item!r}: answer yes or no (leave {name} out if you do not know)", file=sys.stderr)
                return EXIT_USAGE
            answers[name] = answer
            given.append(f"{name} = {'yes' if answer else 'no'}")
            continue
        p = known[name]
        value, problem = parse_value(p, raw)
        if problem:
            why = _PROBLEMS[problem].format(raw=raw, name=name, minimum=p.minimum or 0, maximum=p.maximum or 0)
            print(f"annexsite: error: {item!r}: {why}", file=sys.stderr)
            return EXIT_USAGE
        measured[name] = value
        given.append(f"{name} = {raw}")
    matches, possible = classify(project, measured, answers)
    skipped = unchecked(project, measured, answers)
    titles = {(a.id, e.code): (a.short_title, entry_label(e)) for a in project.annexes for e in a.entries}

    def decide(o) -> list[str]:
        """What would decide an open row, in words: the conditions on missing figures, the questions."""
        out = [f"{known[c.parameter].name} {plain_condition(c, known[c.parameter].unit)}" for c in o.conditions]
        out += [f"the item is: \u201c{q.text}\u201d ({q.id}=yes)" for q in o.qualities]
        return out

    def page(m) -> str:
        return page_url(entry_path(m.annex, m.code))

    def term_page(t) -> str:
        return with_anchor(page_url(glossary_path()), t.id)

    def read_also(m) -> list[str]:
        """The notes and definitions the answer rests on, each with its page and anchor; the gaps."""
        c = considered(project, m.annex, m.code, m.paragraphs)
        out = [f"  note{' to paragraph ' + n.applies_to if n.applies_to else ''}: {n.label or NOTE_LABELS[n.kind]}"
               f"{' ' + chr(0x201c) + n.excerpt + chr(0x201d) if n.excerpt else ''} ({n.page or page(m)}#{n.anchor})" for n in c.notes]
        out += [f"  definition: \u2018{t.quoted}\u2019 ({term_page(t)})" for t in c.terms]
        if c.gaps:
            out.append(f"  not captured in our sources ({', '.join(c.gaps)}; {page(m)}#gaps): "
                       "what they say could change this answer; ask your export-control office")
        return out

    if as_json:
        def row(m):
            title = titles[(m.annex, m.code)][1]
            c = considered(project, m.annex, m.code, m.paragraphs)
            out = {"annex": m.annex, "code": m.code, "title": str(title), "paragraphs": list(m.paragraphs),
                   "page": page(m),
                   "notes": [{"anchor": n.anchor, "kind": n.kind, "label": n.label, "applies_to": n.applies_to,
                              "excerpt": n.excerpt, "page": n.page or page(m)} for n in c.notes],
                   "terms": [{"id": t.id, "quoted": t.quoted, "page": term_page(t)} for t in c.terms],
                   "gaps": list(c.gaps)}
            if m.needs:
                out["needs"] = list(m.needs)
                out["open"] = [{"paragraph": o.paragraph, "decides": decide(o)} for o in m.open]
            return out

        print(json.dumps({"measured": measured, "answers": answers, "matches": [row(m) for m in matches],
                          "possible": [row(m) for m in possible],
                          "unchecked": [f"{a}/{c}" for a, c in skipped]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print("Given: " + ", ".join(given))
    for m in matches:
        annex_title, title = titles[(m.annex, m.code)]
        print(f"{annex_title}: {m.code} {title} (paragraph {', '.join(m.paragraphs)})")
        print("\n".join(read_also(m)))
    if not matches:
        print("No entry matches these figures." if not possible else
              "No entry matches these figures yet, but the entries below could: what you did not give decides.")
    for m in possible:
        annex_title, title = titles[(m.annex, m.code)]
        print(f"Could apply: {annex_title}: {m.code} {title}")
        for o in m.open:
            print(f"  paragraph {o.paragraph} if: " + "; ".join(decide(o)))
        print("\n".join(read_also(m)))
    if skipped:
        print("Not checked (you gave none of their figures or answers): " + ", ".join(f"{c}" for _, c in skipped))
    return EXIT_OK


def _import(root: Path, args) -> int:
    if not ANNEX_ID.fullmatch(args.annex_id):
        print(f"annexsite: error: --annex-id {args.annex_id!r}: use lowercase letters, digits and single hyphens",
              file=sys.stderr)
        return EXIT_USAGE
    if not args.source.is_file():
        print(f"annexsite: error: {args.source}: {'not a file' if args.source.exists() else 'no such file'}",
              file=sys.stderr)
        return EXIT_USAGE
    paths = site_build.configured(root)[0]
    try:
        done = import_list(args.format, args.source, paths.root, paths.annexes, args.annex_id)
    except ImportRefused as exc:
        print(f"annexsite: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in done.files:
        print(f"wrote {relpath(path, root)}")
    print(f"imported {done.entries} entries in {done.categories} categories; "
          f"{done.terms_added} glossary terms added")
    for line in done.unplaced():
        print(f"not placed as in the source: {line}")
    if args.json:
        print(json.dumps(done.report, ensure_ascii=False, indent=2))
    check(paths)  # the written annex must validate like a hand-written one (ContentError otherwise)
    print("ok: the imported annex validates")
    return EXIT_OK


def _releases(root: Path, args) -> int:
    paths, languages, min_coverage = site_build.configured(root)  # the annexes folder mkdocs.yml names
    if args.command == "release":
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", args.date):  # fromisoformat takes 20251201, 2025-W49-1
            print(f"annexsite: error: --date {args.date!r} is not YYYY-MM-DD", file=sys.stderr)
            return EXIT_USAGE
        try:
            on = date.fromisoformat(args.date)
        except ValueError:
            print(f"annexsite: error: --date {args.date!r} is not a date of the calendar", file=sys.stderr)
            return EXIT_USAGE
        try:
            path = make_release(paths, languages, min_coverage, args.version, on)
        except ReleaseError as exc:
            print(f"annexsite: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"wrote {relpath(path, root)}")
        if on > build_day():
            print(f"release {args.version} is dated {on.isoformat()}, after today: the site shows it as upcoming "
                  f"(in force from {on.isoformat()}), not as current, until then")
        return EXIT_OK
    releases, working = working_history(paths)
    sides = []
    for name in (args.old, args.new):
        if name == "working":
            sides.append(working)
        elif name in releases:
            sides.append(releases[name])
        else:
            known = ", ".join(releases) or "none"
            print(f"annexsite: error: no release {name!r} (releases: {known}; or 'working')", file=sys.stderr)
            return EXIT_USAGE
    changes = diff(*sides)
    if args.json:
        print(json.dumps({"old": args.old, "new": args.new, **changes}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(format_diff(changes, args.old, args.new, args.format == "markdown"), end="")
    return EXIT_OK
