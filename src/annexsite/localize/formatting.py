"""Numbers, thresholds and dates written as the reader's locale writes them."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent, get_decimal_symbol

from annexsite.model import Condition
from annexsite.model.objects import unit_shown

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_OPS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def plain_condition(cond: Condition, unit: str) -> str:
    """A condition as a command line writes it, in no locale: "≥ 2000", "≤ 0.0001", "< 4.5 K"
    (digits as typed back into ``annexsite classify``: no grouping, no power of ten)."""
    value = format(Decimal(repr(float(cond.value))).normalize(), "f")
    return f"{_OPS[cond.op]} {value}{' ' + unit if unit_shown(unit) else ''}"
# Units written without a space or in words per locale are rare in control lists; SI units
# take a (narrow) space before them in every locale we publish.


class Formatter:
    def __init__(self, locale: str):
        self.locale = Locale.parse(locale.replace("-", "_"))  # pt-BR, zh-Hant as in URLs

    def number(self, value: float) -> str:
        """34 -> 34; 1100 -> 1,100 (en) / 1 100 (fr); 1e-4 -> 10⁻⁴; 2e-3 -> 2 × 10⁻³.

        Every digit written in the YAML is kept; very small and very large values are written
        as a power of ten, as control lists write them.
        """
        exact = Decimal(repr(float(value)))
        if value != 0 and (abs(value) < 0.01 or abs(value) >= 1e15):
            exponent = math.floor(math.log10(abs(value)))
            mantissa = exact.scaleb(-exponent).normalize()
            power = "10" + str(exponent).translate(_SUPERSCRIPT)
            if mantissa == 1:
                return power
            return f"{self._decimal(mantissa)} × {power}"
        return self._decimal(exact)

    def plain(self, value: float) -> str:
        """A number written out in the locale's digits and decimal mark, never as a power of ten:
        0.0008 -> 0.0008 (en), 0,0008 (de). For examples of what a reader may type."""
        return self._decimal(Decimal(repr(float(value))))

    def _decimal(self, exact: Decimal) -> str:
        if exact == exact.to_integral_value():
            exact = exact.quantize(Decimal(1))
        return format_decimal(exact, locale=self.locale, decimal_quantization=False)

    def quantity(self, value: float, unit: str) -> str:
        text = self.number(value)
        if not unit_shown(unit):
            return text
        return f"{text}\u00a0{unit}"

    def condition(self, cond: Condition, unit: str) -> str:
        return f"{_OPS[cond.op]} {self.quantity(cond.value, unit)}"

    def date(self, value: date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def percent(self, share: float) -> str:
        """0.974 -> 97% (en), 97 % (fr), ٩٧٪ written as Arabic locales write it."""
        return format_percent(share, locale=self.locale)

    def list(self, items) -> str:
        """A list joined as the language joins one ("a, b, and c"; "a、b和c"; "a وb وc")."""
        items = [str(i) for i in items]
        return format_list(items, style="standard", locale=self.locale) if items else ""

    @property
    def separator(self) -> str:
        """What separates the items of an enumeration (codes, languages) in this language: the
        comma of its list patterns in the Unicode CLDR (", ", "、", "، "), without a conjunction."""
        patterns = self.locale.list_patterns
        for style in ("standard", "unit-short", "unit"):
            try:
                middle = patterns[style]["middle"]
            except KeyError:
                continue
            between = middle.split("{0}", 1)[-1].split("{1}", 1)[0]
            comma = between[:next((i for i, ch in enumerate(between) if ch.isalpha()), len(between))]
            if comma.strip():
                return comma
        return ", "

    def join(self, items) -> str:
        """Items of an enumeration (codes, languages), separated as the language separates them."""
        return self.separator.join(str(i) for i in items)

    @property
    def decimal_symbol(self) -> str:
        return get_decimal_symbol(self.locale)
