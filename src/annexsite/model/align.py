"""Alignment of an entry's legal text in two authentic languages: the pure comparison that the
validator reports as errors (:mod:`annexsite.validate.versions`), the status counts and the
versions page show. It reads model entries only, so every stage that needs it imports it from
here, below them all.

The alignment key of every piece of legal text is its translation context
(``<annex>/<code>/paragraph.a.1``, ``.../notes.2``); numbers and units must agree, read with each
language's own decimal and group marks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from annexsite.diagnostics import Location
from annexsite.model.keys import key_parts
from annexsite.model.objects import Entry, Msg

_SPACES = " \u00a0\u2009\u202f"
_NUMBER = re.compile(rf"\d+(?:[.,{_SPACES}]\d+)*")
# unit symbols as SI and the control lists write them; "µ" (micro sign) and "μ" (mu) are one
_UNITS = ("THz", "GHz", "MHz", "kHz", "Hz", "dBm", "dBc", "dB", "mK", "µK", "K", "°C", "%", "kW", "mW", "µW", "nW",
          "W", "mV", "µV", "V", "nm", "µm", "mm", "cm", "ms", "µs", "ns", "ps", "fs")
_UNIT = re.compile(r"[ \u00a0\u2009\u202f]?(" + "|".join(re.escape(u) for u in _UNITS) + r")(?![A-Za-z\u00c0-\u024f])")


def _symbols(lang: str) -> tuple[str, str]:
    try:
        locale = Locale.parse(lang.replace("-", "_"))
        return get_decimal_symbol(locale), get_group_symbol(locale)
    except (ValueError, UnknownLocaleError):
        return ".", ","


def _values(token: str, decimal: str, group: str) -> list[str]:
    """The numbers one digit run holds. A space of any width before three digits groups them. A
    point or comma before anything but three digits can only be a decimal mark, whatever the
    language (EU English writes "4,5 K"); before exactly three digits it is ambiguous, and the
    language's own marks decide (2,000 is two thousand in English, two in French)."""
    parts = re.split(rf"([.,{_SPACES}])", token)
    out: list[str] = []
    current, has_point = parts[0], False
    for sep, digits in zip(parts[1::2], parts[2::2]):
        three = len(digits) == 3
        if not has_point and three and (sep in _SPACES or sep == group):
            current += digits
        elif not has_point and sep not in _SPACES and (not three or sep == decimal):
            current, has_point = f"{current}.{digits}", True
        else:
            out.append(current)
            current, has_point = digits, False
    out.append(current)
    return [_canonical(v) for v in out]


def _canonical(value: str) -> str:
    try:
        d = Decimal(value).normalize()
    except InvalidOperation:
        return value
    return format(d, "f")


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def numbers(text: str, lang: str) -> tuple[Counter, Counter]:
    """(numbers, (number, unit) pairs) of a text, as multisets of canonical values; signs are
    left out (an exponent is written 10⁻⁴, 10-4 or 10–4)."""
    decimal, group = _symbols(lang)
    text = text.translate(_SUPERSCRIPTS)
    values: Counter = Counter()
    units: Counter = Counter()
    for m in _NUMBER.finditer(text):
        found = _values(m.group(0), decimal, group)
        values.update(found)
        unit = _UNIT.match(text, m.end())
        if unit:
            units[f"{found[-1]} {unit.group(1).replace('μ', 'µ')}"] += 1
    return values, units


def describe(context: str) -> str:
    """A legal-text key as a reader names it: "paragraph a.1", "note 2", "item b of note 1",
    "note 1 of paragraph a" (keys of nested notes: ``paragraph.a.note.1``, ``note.1.item.b``)."""
    parts = key_parts(context.split("/", 2)[-1])
    if parts == (("heading", ""),):
        return "the heading"
    return " of ".join(f"{kind} {label}" for kind, label in reversed(parts))


def legal_units(entry: Entry) -> dict[str, Msg]:
    """Every piece of legal text of an entry by its alignment key (its translation context):
    every non-empty legal-domain text the model holds, wherever it sits (nested notes too)."""
    out: dict[str, Msg] = {}
    for text in entry.legal_texts():
        if str(text):
            out.setdefault(text.context, text)
    return out


@dataclass(frozen=True)
class Break:
    """One way a version's text does not match the source's: where, and what."""

    context: str
    location: Location
    message: str


def _sorted(counter: Counter) -> str:
    return ", ".join(sorted(counter.elements(), key=lambda v: (len(v), v))) or "none"


def _within(key: str, base: str) -> bool:
    return key == base or key.startswith(base + ".")


def _note_key(note) -> str:
    """A note's alignment key within its entry (note.1, notes.1): its own, else its text's."""
    return getattr(note, "key", "") or getattr(note.text, "context", "").rsplit("/", 1)[-1]


def _note_origin(note) -> Location | None:
    """Where a note is written: its text, else its first item (a note that is only a list)."""
    for text in (note.text, *(p.text for p in note.items)):
        if getattr(text, "origin", None):
            return text.origin
    return None


def _match_notes(source: Entry, version: Entry, source_lang: str, code: str):
    """Pair the entry's notes by kind and order, so that one note missing or extra is one break,
    not a shift of every note after it. (version key -> source key, breaks, version keys and
    source keys already reported; all keys short, without "<annex>/<code>/")"""
    ours = [(n.kind, _note_key(n)) for n in source.notes]
    theirs = [(n.kind, _note_key(n)) for n in version.notes]
    rename: dict[str, str] = {}
    out: list[Break] = []
    skip: list[str] = []
    skip_ours: list[str] = []
    paired: dict[int, int] = {i: i for i in range(len(theirs))}
    if len(ours) != len(theirs):
        matcher = SequenceMatcher(None, [k for k, _ in ours], [k for k, _ in theirs], autojunk=False)
        paired = {block.b + n: block.a + n for block in matcher.get_matching_blocks() for n in range(block.size)}
    prefix = f"{source.annex}/{code}/"
    for j, (kind, key) in enumerate(theirs):
        where = _note_origin(version.notes[j]) or version.heading.origin
        if j in paired:
            i = paired[j]
            if key and ours[i][1] and key != ours[i][1]:
                rename[key] = ours[i][1]
            if ours[i][0] != kind:
                out.append(Break(prefix + key, where, f"{code}: {describe(key)} is a {kind} here, a {ours[i][0]} in the "
                                                      f"{source_lang} text ({_note_origin(source.notes[i])})"))
        else:
            skip.append(key)
            out.append(Break(prefix + key, where, f"{code}: {describe(key)} is not in the {source_lang} text "
                                                  f"({source.heading.origin})"))
    for i, (kind, key) in enumerate(ours):
        if i not in paired.values():
            skip_ours.append(key)
            out.append(Break(prefix + key, _notes_origin(version), f"{code}: {describe(key)} of the {source_lang} text "
                                                                   f"({_note_origin(source.notes[i])}) is missing here"))
    return rename, out, skip, skip_ours


def _notes_origin(version: Entry) -> Location:
    """Where the notes of a version entry are written (or its heading, if it has none)."""
    found = [o for n in version.notes if (o := _note_origin(n))]
    return found[0] if found else version.heading.origin


def align(source: Entry, version: Entry, source_lang: str, lang: str) -> list[Break]:
    """Every break between an entry's legal text in the source language and in ``lang``."""
    code = source.code
    rename, out, skip, skip_ours = _match_notes(source, version, source_lang, code)
    prefix = f"{source.annex}/{code}/"

    def key_of(key: str) -> str:  # a version key under the source note it is paired with
        short = key[len(prefix):] if key.startswith(prefix) else key
        for old, new in rename.items():
            if _within(short, old):
                return prefix + new + short[len(old):]
        return key

    ours = legal_units(source)
    theirs = {}
    for key, msg in legal_units(version).items():
        short = key[len(prefix):]
        if not any(_within(short, s) for s in skip):
            theirs[key_of(key)] = msg
    for key, msg in theirs.items():
        if key not in ours:
            out.append(Break(key, msg.origin, f"{code}: {describe(key)} is not in the {source_lang} text "
                                              f"({source.heading.origin})"))
            continue
        there = ours[key]
        (n_here, u_here), (n_there, u_there) = numbers(msg, lang), numbers(there, source_lang)
        if n_here != n_there:
            out.append(Break(key, msg.origin, f"{code}: {describe(key)}: the numbers differ from the {source_lang} "
                                              f"text ({there.origin}): {_sorted(n_here - n_there)} here, "
                                              f"{_sorted(n_there - n_here)} there"))
        elif u_here != u_there:
            out.append(Break(key, msg.origin, f"{code}: {describe(key)}: the units differ from the {source_lang} "
                                              f"text ({there.origin}): {_sorted(u_here - u_there)} here, "
                                              f"{_sorted(u_there - u_here)} there"))
    for key, there in ours.items():
        short = key[len(prefix):]
        if key not in theirs and not any(_within(short, s) for s in skip_ours):
            out.append(Break(key, _nearest(key, theirs, version), f"{code}: {describe(key)} of the {source_lang} "
                                                                   f"text ({there.origin}) is missing here"))
    return out


def _nearest(key: str, units: dict[str, Msg], version: Entry) -> Location:
    """Where a missing text would go: its nearest enclosing text in the version, or the heading."""
    parts = key.split(".")
    while len(parts) > 1:
        parts = parts[:-1]
        found = units.get(".".join(parts))
        if found is not None and found.origin:
            return found.origin
    return version.heading.origin
