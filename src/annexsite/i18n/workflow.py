"""Extract, update and compile the catalogs; ``--check`` reports drift without writing. Also the
``pybabel extract`` method for annex files (:func:`extract_annex`).

Files are written only when their text changes beyond the creation/revision dates, so running
a command twice leaves the tree as it was and the drift check compares what matters.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from annexsite.config import Paths
from annexsite.diagnostics import relpath
from annexsite.i18n.extract import annex_catalog, annex_messages, interface_catalog, translator_comments
from annexsite.localize.catalogs import DOMAINS, po_path, pot_path, read_catalog
from annexsite.model import Project
from annexsite.pipeline import check

_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.M)
_LANG = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def templates(paths: Paths, project: Project | None = None) -> dict[str, Catalog]:
    """The catalog templates (POT) of every domain, extracted from the sources now (from
    ``project`` when the caller has loaded it already)."""
    project = project or check(paths)
    return {
        "messages": interface_catalog(paths["templates"], paths.root),
        "content": annex_catalog(project, "content"),
        "legal": annex_catalog(project, "legal"),
    }


def languages(paths: Paths) -> list[str]:
    """The languages with catalogs: the folders under locales/ (the source language has none)."""
    base = paths["locales"]
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and (p / "LC_MESSAGES").is_dir())


def po_text(catalog: Catalog, domain: str) -> str:
    if domain != "messages":  # annex texts are never %-formatted; say so to gettext tools
        for m in list(catalog) + list(catalog.obsolete.values()):
            if m.id and "python-format" in m.flags:
                m.flags.discard("python-format")
                m.flags.add("no-python-format")
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, include_previous=True, omit_header=False,
             ignore_obsolete=False)
    return _unwrap_previous(buf.getvalue().decode("utf-8"))


_PREVIOUS = re.compile(r"^#\| (msgctxt|msgid|msgid_plural) (.*)$")
_CHUNK = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unwrap_previous(text: str) -> str:
    """Babel wraps a long previous msgid (``#| msgid``) as a comment, joining its quoted lines
    and breaking them anywhere, which GNU gettext (msgfmt, msgattrib, Poedit) cannot parse.
    Write each previous string on one line instead: valid for every PO tool."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = _PREVIOUS.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        parts = [match.group(2)]
        i += 1
        while i < len(lines) and lines[i].startswith("#| ") and not _PREVIOUS.match(lines[i]):
            parts.append(lines[i][3:])
            i += 1
        value = "".join(_CHUNK.findall(" ".join(parts)))
        out.append(f'#| {match.group(1)} "{value}"')
    return "\n".join(out)


def _same(old: str, new: str) -> bool:
    return _DATES.sub("", old) == _DATES.sub("", new)


@dataclass
class Changes:
    """Files that would be (or were) written, relative to the project root."""

    files: dict[Path, str] = field(default_factory=dict)

    def add(self, path: Path, text: str) -> None:
        if not path.is_file() or not _same(path.read_text(encoding="utf-8"), text):
            self.files[path] = text

    def write(self) -> None:
        for path, text in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)


def extract(paths: Paths, project: Project | None = None) -> Changes:
    changes = Changes()
    for domain, catalog in templates(paths, project).items():
        changes.add(pot_path(paths["locales"], domain), po_text(catalog, domain))
    return changes


def merge(template: Catalog, old: Catalog | None, locale: str, by_context: bool) -> Catalog:
    """The template with the translations of ``old`` carried over.

    A message whose source text changed keeps its translation as fuzzy, with the previous
    source text (``#| msgid``) so the translator sees what changed. Content and legal messages
    are matched by their context, which is stable across edits; interface strings by Babel's
    similarity matching. Messages no longer in the sources stay in the file as obsolete.
    """
    if old is None:
        new = Catalog(locale=locale, domain=template.domain, project=template.project,
                      version=template.version, fuzzy=False, header_comment=template.header_comment)
        for m in template:
            if m.id:
                new.add(m.id, "" if isinstance(m.id, str) else ("",) * new.num_plurals, m.locations,
                        flags=m.flags, auto_comments=m.auto_comments, context=m.context)
        return new
    if not by_context:
        old.update(template, no_fuzzy_matching=False, update_header_comment=False)
        return old
    active = [m for m in old if m.id]
    exact = {(m.id, m.context) for m in template if m.id and old.get(m.id, context=m.context) is not None}
    # a changed text: the old message of the same field, unless that one still matches exactly
    older = {m.context: m for m in active if m.context and (m.id, m.context) not in exact}
    # the same text under another context (an entry renumbered, a list reordered) or obsolete
    same_text = {}
    for m in [*old.obsolete.values(), *active]:
        if m.string and not m.fuzzy:
            same_text[m.id] = m
    used = set()
    new = Catalog(locale=locale, domain=template.domain, project=old.project, version=old.version,
                  fuzzy=False, header_comment=old.header_comment)
    new.mime_headers = old.mime_headers
    for m in template:
        if not m.id:
            continue
        string, fuzzy, previous, comments = "", False, [], []
        same = old.get(m.id, context=m.context)
        if same is not None:
            string, fuzzy, previous, comments = same.string, same.fuzzy, same.previous_id, same.user_comments
            used.add((same.id, same.context))
        elif m.id in same_text:
            before = same_text[m.id]
            string, comments = before.string, before.user_comments
            used.add((before.id, before.context))
        elif m.context in older and older[m.context].string:
            before = older[m.context]
            string, fuzzy, previous, comments = before.string, True, [before.id], before.user_comments
            used.add((before.id, before.context))
        flags = set(m.flags) | ({"fuzzy"} if fuzzy else set())
        new.add(m.id, string, m.locations, flags=flags, auto_comments=m.auto_comments,
                user_comments=comments, previous_id=previous if fuzzy else (), context=m.context)
    current = {(m.id, m.context) for m in new if m.id}
    for m in active:
        if (m.id, m.context) not in used and m.string:
            new.obsolete[(m.id, m.context)] = m
    for key, m in old.obsolete.items():
        if (m.id, m.context) not in current and (m.id, m.context) not in used:
            new.obsolete.setdefault(key, m)
    return new


def update(paths: Paths, add_languages: list[str] = (), project: Project | None = None) -> Changes:
    """Extract, then merge every language's catalogs with the new templates."""
    changes = Changes()
    tmpl = templates(paths, project)
    for domain, catalog in tmpl.items():
        changes.add(pot_path(paths["locales"], domain), po_text(catalog, domain))
    for lang in sorted(set(languages(paths)) | set(add_languages)):
        if not _LANG.match(lang):
            raise ValueError(f"not a language code: {lang!r}")
        for domain in DOMAINS:
            path = po_path(paths["locales"], lang, domain)
            old = read_catalog(path, paths.root, lang.replace("-", "_")) if path.is_file() else None
            merged = merge(tmpl[domain], old, lang.replace("-", "_"), by_context=domain != "messages")
            changes.add(path, po_text(merged, domain))
    return changes


@dataclass
class Compiled:
    path: Path
    translated: int
    fuzzy: int


def compile_catalogs(paths: Paths) -> list[Compiled]:
    """Write a .mo beside every PO file (fuzzy entries left out, as gettext does) and count them."""
    out = []
    for lang in languages(paths):
        for domain in DOMAINS:
            path = po_path(paths["locales"], lang, domain)
            if not path.is_file():
                continue
            catalog = read_catalog(path, paths.root, lang.replace("-", "_"))
            mo = path.with_suffix(".mo")
            buf = io.BytesIO()
            write_mo(buf, catalog, use_fuzzy=False)
            if not mo.is_file() or mo.read_bytes() != buf.getvalue():
                mo.write_bytes(buf.getvalue())
            translated = sum(1 for m in catalog if m.id and m.string and not m.fuzzy
                             and (m.string if isinstance(m.string, str) else all(m.string)))
            fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
            out.append(Compiled(mo, translated, fuzzy))
    return out


def extract_annex(fileobj, keywords, comment_tags, options):
    """Babel extraction method for annex YAML files (``pybabel extract -F``, method ``annexsite``).

    Loads the whole project the file belongs to (references between files decide the model),
    then yields the messages written in this file. ``options["domain"]`` picks ``content``
    (default) or ``legal``.
    """
    path = Path(getattr(fileobj, "name", "")).resolve()
    annexes = next((p for p in path.parents if (p / "glossary.yaml").exists() or p.name == "annexes"), None)
    if annexes is None:
        return
    root = annexes.parent
    project = check(Paths(root, annexes.name))
    domain = (options or {}).get("domain", "content")
    shown = relpath(path, root)
    for msg in annex_messages(project):
        if msg.domain == domain and msg.origin and msg.origin.path == shown:
            yield msg.origin.line, "pgettext", (msg.context, str(msg)), translator_comments(msg)
