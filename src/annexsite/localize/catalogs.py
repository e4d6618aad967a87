"""Gettext catalogs: where they live, reading them with errors located, and looking texts up.

Three domains, one PO file each per language under ``locales/<lang>/LC_MESSAGES/``:

- ``messages``: the interface (templates and the labels marked ``N_`` in the code);
- ``content``: our own words in the annexes (titles, guidance, parameter names, glossary);
- ``legal``: the legal text, whose translations are only ever *informative*.

The build reads the PO files themselves, not compiled ``.mo`` files: ``msgfmt`` and Babel's
``compile`` drop fuzzy entries silently, and the reader must be told when a translation is out
of date. A content text is looked up by its context first, so a translation made for an older
English text is recognised as outdated even before ``annexsite i18n update`` marks it fuzzy.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, unescape

from annexsite.diagnostics import ContentError, Diagnostic, Location, relpath
from annexsite.localize.language import Language
from annexsite.model.objects import Msg, Ui

DOMAINS = ("messages", "content", "legal")
# Translation states a reader is told about (the value of data-translation on the page)
MISSING, OUTDATED, INFORMATIVE = "missing", "outdated", "informative"


def po_path(locales_dir: Path, lang: str, domain: str) -> Path:
    return Path(locales_dir) / lang / "LC_MESSAGES" / f"{domain}.po"


def pot_path(locales_dir: Path, domain: str) -> Path:
    return Path(locales_dir) / f"{domain}.pot"


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"^(?:\s*|#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_QUOTED}\s*|\s*{_QUOTED}\s*)$")
# What would turn an interface string into markup: HTML, inline or reference links, attribute
# lists, entities, or a line break starting a new Markdown block.
_MARKUP = re.compile(r"<[A-Za-z/!?]|\]\s*[(\[:]|\{|javascript:|&#?\w+;|\n", re.I)
_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _syntax(text: str, shown: str) -> list[Diagnostic]:
    """Lines Babel's lenient reader would accept silently: unterminated strings, stray text,
    control characters and bidirectional overrides (which can hide what a text says)."""
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        if not _PO_LINE.match(line):
            problems.append(Diagnostic(Location(shown, n, 1), "broken PO file: not a keyword with a quoted string, "
                                       "a quoted continuation or a comment", 'strings are written "like this"'))
        elif _CONTROL.search(line):
            problems.append(Diagnostic(Location(shown, n, _CONTROL.search(line).start() + 1),
                                       "control or bidirectional-override character in a PO file"))
    return problems


@dataclass
class _Entry:
    line: int
    context: str | None = None
    id: str = ""
    plural: bool = False
    previous: list[str] = field(default_factory=list)


def _entries(text: str) -> list[_Entry]:
    """The active entries of a PO file as written, with the line of each msgid and the
    previous source text (``#| msgid``), which Babel's reader does not give back."""
    out: list[_Entry] = []
    pending: dict = {"context": None, "previous": []}
    current, field_ = None, None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("#|"):
            m = _KEYWORD.match(line[2:].strip())
            if m and m.group(1) == "msgid":
                pending["previous"] = [unescape(m.group(2))]
                field_ = "previous"
            elif m:
                field_ = None
            elif line[2:].strip().startswith('"') and field_ == "previous":
                pending["previous"][-1] += unescape(line[2:].strip())
            continue
        if line.startswith("#"):
            continue
        m = _KEYWORD.match(line)
        if m:
            keyword, value = m.group(1), unescape(m.group(2))
            if keyword == "msgctxt":
                pending["context"] = value
            elif keyword == "msgid":
                current = _Entry(n, pending["context"], value, previous=pending["previous"])
                out.append(current)
                pending = {"context": None, "previous": []}
            elif keyword == "msgid_plural" and current is not None:
                current.plural = True
            field_ = keyword
        elif line.startswith('"') and current is not None and field_ == "msgid":
            current.id += unescape(line)
        elif line.startswith('"') and field_ == "msgctxt":
            pending["context"] += unescape(line)
    return out


def _header_problems(catalog: Catalog, text: str, shown: str) -> list[Diagnostic]:
    def line_of(needle: str) -> int:
        return next((n for n, line in enumerate(text.splitlines(), 1) if needle in line), 1)

    problems = []
    if (catalog.charset or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Diagnostic(Location(shown, line_of("charset="), 1),
                                   f"PO file declares charset {catalog.charset!r}", "write PO files in UTF-8 and declare charset=UTF-8"))
    try:
        gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError, RecursionError):
        problems.append(Diagnostic(Location(shown, line_of("Plural-Forms"), 1),
                                   f"Plural-Forms expression {catalog.plural_expr!r} is not valid"))
    return problems


def read_catalog(path: Path, root: Path, locale: str | None = None) -> Catalog:
    """Read a PO file; syntax errors and mismatched %(name)s fields become located diagnostics."""
    shown = relpath(path, root)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Diagnostic(Location(shown), f"PO file is not valid UTF-8: {exc.reason}")]) from None
    syntax = _syntax(text, shown)
    if syntax:
        raise ContentError(syntax)
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=locale, abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", 0) or 0
        text = str(exc).split(" on ", 1)[0].split(":", 1)[-1].strip() or str(exc)
        raise ContentError([Diagnostic(Location(shown, line, 1), f"broken PO file: {text}")]) from None
    except (UnicodeDecodeError, LookupError) as exc:
        raise ContentError([Diagnostic(Location(shown), f"PO file cannot be decoded: {exc}",
                                       "write PO files in UTF-8 and declare charset=UTF-8")]) from None
    problems = _header_problems(catalog, text, shown)
    seen: dict = {}
    for entry in _entries(text):
        key = (entry.context, entry.id)
        if entry.id and key in seen:
            problems.append(Diagnostic(Location(shown, entry.line, 1),
                                       f"duplicate message {entry.id[:60]!r} (first at line {seen[key]})"))
        seen.setdefault(key, entry.line)
        if entry.plural and path.stem != "messages":
            problems.append(Diagnostic(Location(shown, entry.line, 1), "annex texts have no plural forms",
                                       "remove msgid_plural and msgstr[n]; use msgstr"))
        found = catalog.get(entry.id, context=entry.context) if entry.id else None
        if found is not None and entry.previous:  # Babel reads "#| msgid" back as a comment
            found.previous_id = entry.previous
            found.user_comments = [c for c in found.user_comments if not c.lstrip().startswith("|")]
    if problems:
        raise ContentError(problems)
    if path.stem != "messages":  # annex texts are never %-formatted and are escaped when shown
        return catalog
    for message in catalog:
        # interface strings go into pages as written: a translation may not add markup
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        source = " ".join(message.id) if isinstance(message.id, (list, tuple)) else message.id
        if message.id and not message.fuzzy and any(_MARKUP.search(t or "") for t in strings) \
                and not _MARKUP.search(source):
            problems.append(Diagnostic(Location(shown, message.lineno or 0, 1),
                                       f"translation of {source!r} adds HTML, a link or attributes",
                                       "translate the words only; the page escapes nothing here"))
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        for string in (message.string if isinstance(message.string, (list, tuple)) else [message.string]):
            if string and not _formats(string):
                problems.append(Diagnostic(Location(shown, message.lineno or 0, 1),
                                           f"translation of {message.id if isinstance(message.id, str) else message.id[0]!r}: "
                                           f"a % that is not a %(name)s field", "write a percent sign as %%"))
                break
    for message, errors in catalog.check():
        if message.fuzzy or "no-python-format" in message.flags:
            continue  # a fuzzy entry is never shown; annex texts are never %-formatted
        for err in errors:
            problems.append(Diagnostic(Location(shown, message.lineno or 0, 1),
                                       f"translation of {message.id!r}: {err}",
                                       "keep every %(name)s of the source text, spelled as it is"))
    if problems:
        raise ContentError(problems)
    return catalog


class _AnyField(dict):
    def __missing__(self, key):
        return 0


def _formats(string: str) -> bool:
    """Whether an interface string can be %-formatted, as every one is when a page shows it."""
    try:
        string % _AnyField()
    except (ValueError, TypeError, KeyError):
        return False
    return True


class Localized(str):
    """A text as shown to the reader: translated, or the source text with the reason why."""

    def __new__(cls, text: str, state: str = "", lang: str = ""):
        self = super().__new__(cls, text)
        self.state, self.lang = state, lang
        return self


@dataclass
class Translations:
    """One language's catalogs, as the build uses them."""

    language: Language
    source: bool = False  # the source language: every text is shown as written
    source_code: str = "en"  # the language the glossary, trees and rules are written in
    sources: dict[str, str] = field(default_factory=dict)  # annex id -> the language it is written in
    ui: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    ui_catalog: Catalog | None = None  # the interface PO file, for coverage
    catalogs: dict[str, Catalog] = field(default_factory=dict)  # content and legal
    _by_context: dict[str, dict[str, Message]] = field(default_factory=dict)
    # context prefixes of content shown untranslated on purpose: an annex below min_coverage in
    # this language appears in its source language, said once per page rather than per text
    withheld: tuple[str, ...] = ()

    def state(self, msg: Msg) -> tuple[str, str]:
        """(translation or "", state) of a content or legal text in this language."""
        if self.source or self._source_of(msg) == self.language.code:
            return "", ""
        catalog = self.catalogs.get(msg.domain)
        if catalog is None:
            return "", MISSING
        found = catalog.get(str(msg), context=msg.context)
        if found is not None and found.string and not found.fuzzy:
            return found.string, ""
        if found is not None and found.string:
            return "", OUTDATED
        if found is None:  # a translation of an older source text, not yet marked fuzzy
            older = self._context_index(msg.domain).get(msg.context)
            if older is not None and older.string:
                return "", OUTDATED
        return "", MISSING

    def _source_of(self, msg: Msg) -> str:
        """The language a text is written in: its annex's source language, else the site's."""
        return self.sources.get(msg.context.split("/", 1)[0], self.source_code)

    def _context_index(self, domain: str) -> dict[str, Message]:
        if domain not in self._by_context:
            self._by_context[domain] = {m.context: m for m in self.catalogs[domain] if m.id and m.context}
        return self._by_context[domain]

    def text(self, value) -> Localized:
        """Any value shown as text: content translated, interface through gettext, other as is."""
        if isinstance(value, Localized):
            return value
        if isinstance(value, Msg):
            if self.source or value.domain != "content":
                # legal text is authentic; its informative translations are shown apart
                return Localized(value, "", self._source_of(value))
            if self.withheld and value.context.startswith(self.withheld):
                return Localized(value, "", self._source_of(value))
            translated, state = self.state(value)
            if translated:
                return Localized(translated, "", self.language.code)
            return Localized(value, state, self._source_of(value))
        if isinstance(value, Ui):
            context = getattr(value, "context", None)
            text = self.ui.pgettext(context, value) if context else self.ui.gettext(value)
            return Localized(text, "", self.language.code)
        return Localized(value, "", "")

    def informative(self, value: Msg) -> Localized | None:
        """The informative translation of a legal text, or why there is none to show."""
        if not isinstance(value, Msg) or self.source or self._source_of(value) == self.language.code:
            return None
        translated, state = self.state(value)
        if translated:
            return Localized(translated, INFORMATIVE, self.language.code)
        if state == OUTDATED:
            return Localized("", OUTDATED, "")
        return None


def load_translations(locales_dir: Path, language: Language, root: Path | None = None,
                      source_code: str = "en", sources: dict[str, str] | None = None) -> Translations:
    """The catalogs of a language; a language every text is written in translates nothing.
    ``sources``: annex id -> the annex's source language (default ``source_code``)."""
    root = Path(root or Path(locales_dir).parent)
    sources = dict(sources or {})
    tr = Translations(language, source=language.code == source_code and set(sources.values()) <= {source_code},
                      source_code=source_code, sources=sources)
    if tr.source:
        return tr
    problems = []
    for domain in DOMAINS:
        path = po_path(locales_dir, language.code, domain)
        if not path.is_file():
            continue
        try:
            catalog = read_catalog(path, root, language.code.replace("-", "_"))
        except ContentError as exc:
            problems.extend(exc.diagnostics)
            continue
        if domain == "messages":
            tr.ui, tr.ui_catalog = _compiled(catalog), catalog
        else:
            tr.catalogs[domain] = catalog
    if problems:
        raise ContentError(problems)
    return tr


def _compiled(catalog: Catalog) -> gettext.GNUTranslations:
    """The catalog compiled in memory, fuzzy entries left out, as gettext would use it."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)
