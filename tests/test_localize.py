"""Stage 5, localize: numbers, thresholds and dates as each locale writes them."""

from __future__ import annotations

import gettext
from datetime import date

import pytest

from annexsite.localize import Formatter, Language, load_translations
from annexsite.model import Condition
from annexsite.model.objects import Msg, N_

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def en():
    return Formatter("en")


@pytest.fixture(scope="module")
def fr():
    return Formatter("fr")


@pytest.mark.parametrize("value, text", [
    (34, "34"), (34.0, "34"), (1100, "1,100"), (2000.0, "2,000"), (1_000_000, "1,000,000"),
    (0.08, "0.08"), (0.5, "0.5"), (1.5, "1.5"), (0.01, "0.01"), (0, "0"),
])
def test_english_numbers(en, value, text):
    assert en.number(value) == text


def test_french_groups_with_a_no_break_space_and_uses_a_decimal_comma(fr):
    assert fr.number(1100) in (f"1{NNBSP}100", f"1{NBSP}100")
    assert fr.number(1_000_000) in (f"1{NNBSP}000{NNBSP}000", f"1{NBSP}000{NBSP}000")
    assert fr.number(0.08) == "0,08"
    assert fr.number(1.5) == "1,5"
    assert fr.decimal_symbol == ","


def test_german_groups_with_a_dot():
    assert Formatter("de").number(1100) == "1.100"
    assert Formatter("de").number(0.08) == "0,08"


@pytest.mark.parametrize("value, text", [
    (1e-4, "10⁻⁴"), (1.0e-4, "10⁻⁴"), (0.001, "10⁻³"), (2e-3, "2 × 10⁻³"), (5e-6, "5 × 10⁻⁶"),
    (1e-12, "10⁻¹²"), (0.00999, "9.99 × 10⁻³"),
])
def test_small_numbers_in_powers_of_ten(en, value, text):
    assert en.number(value) == text


def test_powers_of_ten_in_french(fr):
    assert fr.number(1e-4) == "10⁻⁴"
    assert fr.number(2e-3) == "2 × 10⁻³"
    assert fr.number(2.5e-3) == "2,5 × 10⁻³"


def test_power_of_ten_mantissa_is_exact(en):
    """No floating-point residue: 3e-7 is 3 × 10⁻⁷, never 2.9999 × 10⁻⁷ or 30 × 10⁻⁸."""
    wrong = []
    for n in range(3, 16):
        power = "10" + str(-n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
        for k in range(1, 10):
            expected = power if k == 1 else f"{k} × {power}"
            if en.number(float(f"{k}e-{n}")) != expected:
                wrong.append((f"{k}e-{n}", en.number(float(f"{k}e-{n}"))))
    assert wrong == []


@pytest.mark.parametrize("value, text", [(0.0125, "0.0125"), (1.23456, "1.23456"), (1.2345e-4, "1.2345 × 10⁻⁴")])
def test_numbers_keep_every_written_digit(en, value, text):
    assert en.number(value) == text


def test_quantity_adds_the_unit_after_a_no_break_space(en, fr):
    assert en.quantity(4, "K") == f"4{NBSP}K"
    assert en.quantity(1100, "µW") == f"1,100{NBSP}µW"
    assert fr.quantity(1.5, "GHz") == f"1,5{NBSP}GHz"
    assert en.quantity(2e-3, "W") == f"2 × 10⁻³{NBSP}W"
    # Counts and ratios carry no unit symbol.
    assert en.quantity(34, "qubit") == "34"
    assert en.quantity(1e-4, "1") == "10⁻⁴"


def test_conditions(en, fr):
    conds = (Condition("q", ">=", 34.0), Condition("q", "<", 100.0))
    assert en.condition(conds[0], "qubit") == "≥ 34"
    assert en.condition(conds[1], "qubit") == "< 100"
    assert en.condition(Condition("e", "<=", 1e-4), "1") == "≤ 10⁻⁴"
    assert fr.condition(Condition("t", ">", 1.5), "K") == f"> 1,5{NBSP}K"


def test_dates(en, fr):
    assert en.date(date(2024, 9, 6)) == "September 6, 2024"
    assert fr.date(date(2024, 9, 6)) == "6 septembre 2024"
    assert fr.date(date(2025, 2, 1)) == "1 février 2025"
    assert Formatter("de").date(date(2024, 9, 6)) == "6. September 2024"


def test_languages():
    assert not Language("en", "English", True).rtl
    assert Language("ar", "العربية").rtl
    assert Language("fr", "Français").locale.language == "fr"


def test_missing_catalog_falls_back_to_the_source_text_and_says_missing(tmp_path):
    translations = load_translations(tmp_path, Language("fr", "Français"))
    assert type(translations.ui) is gettext.NullTranslations
    assert translations.text(N_("Glossary")) == "Glossary"
    shown = translations.text(Msg("Quantum computers", "us/4A906/title"))
    assert shown == "Quantum computers" and shown.state == "missing" and shown.lang == "en"
    source = load_translations(tmp_path, Language("en", "English", True))
    assert source.text(Msg("Quantum computers", "us/4A906/title")).state == ""


@pytest.mark.parametrize("value", [1e27, 2.0e30, 1e50])
def test_huge_numbers_are_formatted(en, value):
    assert en.number(value).startswith(("1", "2"))
