"""Property-based test of the escaping policy (Hypothesis): generated text full of Markdown and HTML
metacharacters, quotes, backslashes, ``~``, ``=``, ``&``, Jinja delimiters, right-to-left text and
emoji is written into every text and URL field of every YAML kind and into every translation
(msgstr) of the three PO domains; the built site must show each string exactly as written, in its
pages, its search index, its feed and its JSON exports, and no element or attribute may appear.

The fields are found by walking the JSON Schemas (a string with no enum, pattern or format is text;
a string with the URL pattern is a URL), and the fixture project is checked to fill every one of
them, so a field added to a schema is covered, or this test says which one is missing.

Two constraints come from the rules of the input, not from the escaping: a text holds at most one
quotation mark of each kind (a pair of quotes in legal text is a reference to a glossary term),
and an interface translation (messages.po) holds no markup, since such a translation is refused at
its PO line (tests/test_i18n.py); it may hold every other metacharacter.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from annexsite.localize.catalogs import _MARKUP
from annexsite.schemas import SCHEMAS, URL_PATTERN, schema_text
from helpers import copy_scenario, pagefind_fragments, run_cli

SCHEMAS = {kind: json.loads(schema_text(kind)) for kind in SCHEMAS}
MARK = "hypx"  # every piece of markup below names it: nothing in the built site may carry it

PIECES = [
    f"<b class={MARK}>", "</b>", f"<i class={MARK}>x</i>", f"<script class={MARK}>", f"<img src=x class={MARK}>",
    "&", "&amp;", "&#61;", "&lt;", "*", "**", "_", "__", "`", "~", "~~", "=", "==", "#", "##", "-", "+", ">",
    "1.", "2)", "|", "[", "]", "(", ")", f"[x](https://{MARK}.example)", f"{{ .{MARK} }}", f"{{: on{MARK}=1 }}",
    "{{ " + MARK + " }}", "{% " + MARK + " %}", "{#", "\\", "\\*", "\\\\", "%", "%(x)s", "!", "![a](b)", ":",
    "'", '"', "“", "’", "שלום", "مرحبا بكم", "😀", "👩‍🔬", "Ünïcödé", "量子", "<", "<!--", "-->", "$", "^", "\u00a0",
]
SAFE_URL = [p for p in PIECES if not re.search(r"[\s\"'<>\\`]", p)]


def _one_quote_each(text: str) -> bool:
    return all(sum(text.count(q) for q in family) <= 1 for family in ('"“”', "'‘’"))


TEXT = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", ""])), min_size=1, max_size=8).map(
    lambda parts: "".join(p + sep for p, sep in parts).strip()).filter(lambda s: s and _one_quote_each(s))
PATH = st.lists(st.sampled_from(SAFE_URL), min_size=1, max_size=6).map("".join)


# -- the fields, from the schemas ---------------------------------------------------------------

def _resolve(schema: dict, root: dict) -> tuple[dict, dict]:
    """The schema a $ref points at, and the document it is in (its own refs are relative to it)."""
    while "$ref" in schema:
        doc, _, pointer = schema["$ref"].partition("#")
        if doc:
            root = next(s for s in SCHEMAS.values() if s["$id"].rsplit("/", 1)[-1] == doc)
        node = root
        for part in pointer.lstrip("/").split("/"):
            node = node[part]
        schema = node
    return schema, root


def _kind_of(schema: dict) -> str | None:
    if schema.get("pattern") == URL_PATTERN:
        return "url"
    if schema.get("type") == "string" and not {"enum", "pattern", "format", "const"} & schema.keys():
        return "text"
    return None


def _fields(schema: dict, root: dict, path: tuple = (), depth: int = 0) -> set:
    schema, root = _resolve(schema, root)
    out = set()
    if depth > 12:
        return out
    for alt in schema.get("oneOf", []) + schema.get("anyOf", []) + schema.get("allOf", []):
        out |= _fields(alt, root, path, depth + 1)
    for key, sub in schema.get("properties", {}).items():
        if key != "$schema":  # the editor's pointer to the schema, not content
            out |= _fields(sub, root, path + (key,), depth + 1)
    if isinstance(schema.get("items"), dict):
        out |= _fields(schema["items"], root, path + ("[]",), depth + 1)
    kind = _kind_of(schema)
    if kind:
        out.add((_norm(path), kind))
    return out


def _norm(path: tuple) -> str:
    """A field's path with list indices as [] and nested paragraphs folded into one level."""
    text = ".".join("[]" if isinstance(p, int) else str(p) for p in path)
    text = re.sub(r"(\.\[\]\.paragraphs)+", ".[].paragraphs", text)
    # notes nest in paragraphs and in notes, to any depth, through the same schema definitions:
    # a note at any depth is the same field as a note one level down
    text = re.sub(r"(?:(?:^|\.)(?:notes|paragraphs)\.\[\])+(?=\.(?:notes|paragraphs)\.\[\])", "", text)
    return re.sub(r"^\.", "", text)


def schema_fields() -> set:
    # a language version file holds only legal text in the category schema's own shapes (heading,
    # paragraphs, notes), which the category fixture covers; filling one would mean transcribing
    # the fixture's whole legal text again, aligned
    return {(kind, path, what) for kind in SCHEMAS if kind != "version"
            for path, what in _fields(SCHEMAS[kind], SCHEMAS[kind])}


def _leaves(data, schema: dict, root: dict, path: tuple = ()):
    """(path, "text" or "url") of every string in a document that the schema says is one."""
    schema, root = _resolve(schema, root)
    if isinstance(data, dict):
        options = [(schema, root)] + [_resolve(a, root) for a in schema.get("oneOf", []) + schema.get("anyOf", [])]
        for key, value in data.items():
            sub = next(((o["properties"][key], r) for o, r in options if key in o.get("properties", {})), None)
            if sub is not None and key != "$schema":
                yield from _leaves(value, sub[0], sub[1], path + (key,))
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            yield from _leaves(value, schema["items"], root, path + (i,))
    elif isinstance(data, str) and _kind_of(schema):
        yield path, _kind_of(schema)


def _kind_of_file(path: Path) -> str:
    if path.name == "annex.yaml":
        return "annex"
    if path.name.startswith("category-"):
        return "category"
    if path.stem in SCHEMAS:
        return path.stem
    return "tree"


# -- the fixture: tests/roots/minimal with every optional text field filled ----------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def every_field_project(dest: Path) -> Path:
    project = copy_scenario(dest)
    annexes = project / "annexes"
    _edit(annexes / "alpha/annex.yaml", "disclaimer: Fictional test data.\n",
          "disclaimer: Fictional test data.\nsummary: Summary.\ngaps:\n  - {field: effective_date, note: Gap.}\n")
    cat = annexes / "alpha/category-4.yaml"
    _edit(cat, "      - kind: note\n        applies_to: a\n        text: Does not apply to annealers.\n",
          "      - kind: note\n        label: Note 1\n        applies_to: a\n        text: Does not apply to annealers.\n"
          "        paragraphs:\n          - {label: a, text: Nested note paragraph.,\n"
          "             notes: [{kind: nb, label: N.B., text: A note in a note's item.}]}\n"
          "        notes:\n          - {kind: technical-note, label: Technical Note, text: A note in a note.}\n")
    _edit(cat, "          - label: a.2\n            text: Supporting 2,000 or more 'physical qubits';\n",
          "          - label: a.2\n            text: Supporting 2,000 or more 'physical qubits';\n"
          "            notes:\n              - {kind: note, label: Note to a.2, text: A note in a paragraph.}\n")
    _edit(cat, "title: Computers\n", "title: Computers\nnotes:\n"
          "  - {id: category-note, kind: general-note, label: Category note, text: A note of the category.,\n"
          "     paragraphs: [{label: a, text: An item of the category note.}]}\n")
    _edit(cat, "          - {parameter: physical_qubits, op: \">=\", value: 2000}\n",
          "          - {parameter: physical_qubits, op: \">=\", value: 2000}\n"
          "        requires: [{id: physical_qubit_device, text: \"Supporting 2,000 or more\"}]\n")
    _edit(annexes / "alpha/annex.yaml", "summary: Summary.\n",
          "summary: Summary.\nnotes:\n  - {id: annex-note, kind: general-note, label: Annex note, text: A note of the annex.,\n"
          "     paragraphs: [{label: a, text: An item of the annex note.}]}\n")
    _edit(cat, "      - {annex: beta, code: 4A506}\n", "      - {annex: beta, code: 4A506, note: Equivalent note.}\n")
    _edit(cat, "    source: {citation: Test citation 4A906, grade: A}\n",
          "    source: {citation: Test citation 4A906, grade: A, url: \"https://example.invalid/4a906\"}\n"
          "    reasons_for_control:\n      - {code: NS, applies_to: entire entry, country_chart: Chart.}\n"
          "    license_exceptions:\n      - {code: LVS, available: conditional, conditions: Conditions.}\n"
          "    gaps:\n      - {field: notes, note: Entry gap.}\n")
    trees = annexes / "trees"
    trees.mkdir()
    (trees / "rules.yaml").write_text(
        "rules:\n  - {id: rule-one, citation: Rule citation, title: Rule title., url: \"https://example.invalid/rule\"}\n",
        encoding="utf-8")
    (trees / "guide.yaml").write_text(
        "id: guide\ntitle: Guide title\nsummary: Guide summary.\nstart: q\nnodes:\n"
        "  - id: q\n    question: A question?\n    help: Help text.\n    cites: [{rule: rule-one}]\n"
        "    answers:\n      - {label: 'Yes', next: done}\n      - {label: 'No', next: other}\n"
        "  - id: done\n    verdict: ask-office\n    title: Outcome title\n    text: Outcome text.\n    next_steps: [A step.]\n"
        "  - id: other\n    verdict: not-listed\n    title: Other outcome\n    text: Other text.\n",
        encoding="utf-8")
    (annexes / "figures.yaml").write_text(
        "figures:\n  - {id: applications, year: 2024, label: Applications, value: 12, unit: count,\n"
        "     source: {citation: Figure citation, url: \"https://example.invalid/figures\"}}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    _edit(config, "- {locale: en, name: English, default: true, build: true}",
          "- {locale: en, name: English, default: true, build: true}\n        - {locale: fr, name: Français}")
    return project


def filled_fields(project: Path) -> dict[Path, list]:
    out = {}
    for path in sorted((project / "annexes").rglob("*.yaml")):
        kind = _kind_of_file(path)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path] = [(kind, p, what) for p, what in _leaves(data, SCHEMAS[kind], SCHEMAS[kind])]
    return out


def test_the_fixture_fills_every_text_and_url_field_of_every_schema(tmp_path):
    project = every_field_project(tmp_path / "project")
    filled = {(kind, _norm(p), what) for fields in filled_fields(project).values() for kind, p, what in fields}
    missing = schema_fields() - filled
    assert not missing, f"fields no fixture value covers: {sorted(missing)}"


# -- the property --------------------------------------------------------------------------------

def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The command on ``project``: a build in a subprocess, anything else in-process (helpers.run_cli)."""
    return run_cli("-C", str(project), *args)


def _set(data, path: tuple, value) -> None:
    for p in path[:-1]:
        data = data[p]
    data[path[-1]] = value


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.marked: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if MARK in name or (name == "class" and MARK in (value or "")) \
                    or (name in ("href", "src") and (value or "").startswith(f"https://{MARK}")):
                self.marked.append(f"<{tag} {name}={value!r}>")
        if MARK in tag:
            self.marked.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _fold(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text)


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def _site_text(site: Path) -> tuple[dict[str, str], list[str]]:
    """Text a reader or a program reads, by channel; and any element or attribute the input made."""
    pages, marked = [], []
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages.append(_fold("".join(parser.text)))
        marked += [f"{path.relative_to(site)}: {m}" for m in parser.marked]
    search = []  # Pagefind's fragments: each page's plain text and title, as the index returns them
    for doc in pagefind_fragments(site):
        search += [_fold(doc.get("content", "")), _fold((doc.get("meta") or {}).get("title", ""))]
    exports = [s for path in sorted((site / "data").rglob("*.json")) for s in _strings(json.loads(path.read_text(encoding="utf-8")))]
    feeds = []
    for path in sorted(site.rglob("feed.xml")):
        import xml.etree.ElementTree as ET

        feeds += [_fold(t) for t in ET.parse(path).getroot().itertext()]
    return {"pages": "\n".join(pages), "search": "\n".join(search), "exports": "\n".join(exports),
            "feeds": "\n".join(feeds)}, marked


_TEMPLATE: dict[str, Path] = {}


def _template() -> Path:
    if "root" not in _TEMPLATE:
        _TEMPLATE["root"] = every_field_project(Path(tempfile.mkdtemp(prefix="annexsite-property-")) / "project")
    return _TEMPLATE["root"]


def _fill_catalog(path: Path, translate) -> None:
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    for m in catalog:
        if m.id:
            m.string = tuple(translate(m.id[min(i, 1)]) for i in range(catalog.num_plurals)) \
                if isinstance(m.id, tuple) else translate(m.id)
            m.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100)


def _quote_conditions(data) -> list[tuple[str, str]]:
    """Set every threshold row's quoted condition (``requires``) to its paragraph's new text, which
    validation demands it quote verbatim; returns (field, text) of each."""
    out = []
    for ei, entry in enumerate(data.get("entries", []) if isinstance(data, dict) else []):
        texts = {}

        def walk(items):
            for p in items or []:
                texts[p["label"]] = p["text"]
                walk(p.get("paragraphs"))

        walk(entry.get("paragraphs"))
        for ti, row in enumerate(entry.get("thresholds", [])):
            for qi, q in enumerate(row.get("requires", [])):
                q["text"] = texts[row["paragraph"]]
                out.append((f"entries.{ei}.thresholds.{ti}.requires.{qi}.text", q["text"]))
    return out


def build_example(work: Path, text: str, url_path: str, ui: str):
    """Write the strings into a copy of the fixture and its French catalogs, build. Returns what was
    written [(field, value, kind)], the French content and legal translations, and the site."""
    project = work / "project"
    shutil.copytree(_template(), project)
    written: list[tuple[str, str, str]] = []
    n = 0
    for path, fields in filled_fields(project).items():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind, field, what in fields:
            n += 1
            value = f"https://example.org/{url_path}/{n}" if what == "url" else f"{text} k{n}"
            _set(data, field, value)
            written.append((f"{path.relative_to(project).as_posix()}:{'.'.join(map(str, field))}", value, what))
        for key, quoted in _quote_conditions(data):  # a condition on what the item is quotes its paragraph
            name = f"{path.relative_to(project).as_posix()}:{key}"
            written = [(f, quoted if f == name else v, w) for f, v, w in written]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    result = cli(project, "release", "2024.1", "--date", "2024-12-31")  # an annual page shows the figures
    assert result.returncode == 0, result.stderr
    assert cli(project, "i18n", "update", "-l", "fr").returncode == 0
    fr = project / "locales/fr/LC_MESSAGES"
    translated: list[str] = []

    def content(source: str) -> str:
        translated.append(f"{text} fr{len(translated)}")
        return translated[-1]

    def interface(source: str) -> str:  # keeps the msgid's %(name)s fields; % is written %%
        fields = " ".join(re.findall(r"%\(\w+\)[sd]", source))
        return (ui.replace("%", "%%") + (" " + fields if fields else "")).strip()

    for domain, translate in (("content", content), ("legal", content), ("messages", interface)):
        _fill_catalog(fr / f"{domain}.po", translate)
    site = work / "site"
    result = cli(project, "build", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return written, translated, site


def _shown(value: str, what: str, site: Path, pages: str) -> bool:
    if what == "url":  # percent-encoded in the page; decoded, it is what was written
        hrefs = re.findall(r'href="(https://example\.org/[^"]*)"',
                           "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html")))
        return value in {unquote(html.unescape(h)) for h in hrefs}
    return _fold(value) in pages


_HIDDEN: dict[str, set] = {}


def hidden_fields() -> set:
    """Fields the site never shows (found by building plain words, not listed by hand)."""
    if "fields" not in _HIDDEN:
        work = Path(tempfile.mkdtemp(prefix="annexsite-plain-"))
        try:
            written, _, site = build_example(work, "Plain words", "plain", "Interface words")
            pages = _site_text(site)[0]["pages"]
            _HIDDEN["fields"] = {field for field, value, what in written if not _shown(value, what, site, pages)}
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return _HIDDEN["fields"]


# A handful of builds (about 25 s each) so that CI runs it in a few minutes; no shrinking, which
# would rebuild the site hundreds of times: a failure prints the generated strings as they were.
@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=TEXT, url_path=PATH, ui=TEXT.filter(lambda s: not _MARKUP.search(s)))
def test_every_string_reads_as_written_and_adds_no_markup(text, url_path, ui):
    hidden = hidden_fields()
    assert len(hidden) < 5, f"fields the site never shows: {sorted(hidden)}"
    work = Path(tempfile.mkdtemp(prefix="annexsite-example-"))
    try:
        written, translated, site = build_example(work, text, url_path, ui)
        channels, marked = _site_text(site)
        assert not marked, f"markup from the input became elements or attributes: {marked[:5]}"
        pages = channels["pages"]
        for field, value, what in written:
            if field not in hidden:
                assert _shown(value, what, site, pages), f"{field}: {value!r} is not shown as written"
        for value in translated:
            assert value in pages, f"translation {value!r} is not shown as written"
        assert ui in pages and ui in channels["feeds"], f"interface translation {ui!r} is not shown as written"
        texts = [v for f, v, what in written if what == "text" and f not in hidden]
        # a search index folds every run of white space (no-break spaces too) into one: compare so
        index = re.sub(r"\s+", " ", channels["search"])
        assert any(re.sub(r"\s+", " ", v) in index for v in texts), "no text reached the search index as written"
        assert any(v in channels["exports"] for v in texts), "no text reached the JSON exports as written"
    finally:
        if not os.environ.get("ANNEXSITE_KEEP_EXAMPLE"):
            shutil.rmtree(work, ignore_errors=True)
