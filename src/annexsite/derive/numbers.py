"""Numbers as people write them: the reader's decimal separator and grouping, other digits
(Arabic-Indic, full-width), scientific forms (8e-4, 8 × 10⁻⁴, 8·10^-4).

The browser form does the same (site_overrides/assets/annexsite-classify.js, ``parseNumber``);
the ``numbers`` cases of tests/vectors/classify.json bind both. A string that could be read two
ways under the reader's conventions is refused rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

# decimal separator, grouping separators, per language (CLDR conventions; Arabic also accepts its own)
SEPARATORS = {
    "en": (".", ","), "zh": (".", ","), "ja": (".", ","),
    "de": (",", "."), "es": (",", "."), "fr": (",", ""),
    "ar": (".", ","),
}
_DIGITS = {**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)},
           **{chr(0xFF10 + i): str(i) for i in range(10)}}
_SIGNS = {"\u2212": "-", "\uFF0D": "-", "\uFF0B": "+", "\u066B": "\u066B", "\uFF0E": ".", "\uFF0C": ","}
_SUPER = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-"))
_SPACES = " \u00A0\u202F\u2009"
_EXP = re.compile(r"^(.*?)(?:[eE]([+-]?\d+)|[×xX·⋅*]10(?:\^([+-]?\d+)|([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))$")


def _grouped(s: str, sep: str) -> bool:
    """1,100 / 1 100 / 1.100: one to three digits, then groups of three."""
    return bool(re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", s))


def _mantissa(text: str, lang: str) -> float | None:
    decimal, group = SEPARATORS.get(lang.split("-")[0], SEPARATORS["en"])
    sign = ""
    if text and text[0] in "+-":
        sign, text = text[0], text[1:]
    text = text.replace("\u066B", decimal).replace("\u066C", group or " ")
    for s in _SPACES:
        text = text.replace(s, " ")
    if not re.fullmatch(r"[0-9., ]+", text):
        return None
    other = "." if decimal == "," else ","
    if other in text and decimal not in text:
        if other == group and _grouped(text, other):
            pass  # the reader's own grouping: 1.100 in German is eleven hundred
        elif text.count(other) == 1 and " " not in text:
            text = text.replace(other, decimal)  # not a grouping: a decimal point of another convention
        else:
            return None
    elif other in text and other != group:
        return None
    int_part, _, frac = text.partition(decimal)
    if not re.fullmatch(r"\d*", frac):
        return None
    if not re.fullmatch(r"\d*", int_part):
        seps = {c for c in int_part if not c.isdigit()}
        sep = seps.pop()
        if seps or sep not in (group, " ") or not _grouped(int_part, sep):
            return None
        int_part = re.sub(r"\D", "", int_part)
    if not int_part and not frac:
        return None
    return float(f"{sign}{int_part or '0'}.{frac or '0'}")


_POWER_OF_TEN = re.compile(r"^10[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$")


def parse_number(text: str, lang: str = "en") -> float | None:
    """The number ``text`` means to a reader of ``lang``, or None if it is not one (or ambiguous).

    A literal too large to hold (``1e999``) is a number, just not a finite one: it reads as ±inf,
    which ``Parameter.problem`` refuses as such."""
    s = "".join(_DIGITS.get(c, _SIGNS.get(c, c)) for c in text.strip())
    s = re.sub(r"\s*([×xX·⋅*^])\s*", r"\1", s)
    m = _EXP.match(s)
    if m:
        head, exp = m.group(1).strip(), m.group(2) or m.group(3) or "".join(_SUPER[c] for c in m.group(4) or "")
        if m.group(2) is None and head == "":
            return None
        mantissa = _mantissa(head, lang) if head else None
        if mantissa is None:
            return None
        try:  # 10000000000000000e5: the mantissa's own repr is already in e-notation
            return float(Decimal(repr(mantissa)).scaleb(int(exp)))
        except (ValueError, ArithmeticError):
            return None
    if _POWER_OF_TEN.match(s):  # 10⁻⁴ (the same pattern as annexsite-classify.js)
        return float(f"1e{''.join(_SUPER[c] for c in s[2:])}")
    return _mantissa(s, lang)
