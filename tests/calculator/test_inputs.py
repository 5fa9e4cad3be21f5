"""parse_number per locale: separators, spaces, signs, percent, ambiguity."""

import pytest

from calculator.inputs import InputError, parse_number

NBSP, NNBSP, MINUS = "\u00a0", "\u202f", "\u2212"

READS = [
    # English: ',' groups, '.' is the decimal mark.
    ("en", "1,234.56", 1234.56),
    ("en", "1,234", 1234.0),
    ("en", "1,234,567", 1234567.0),
    ("en", "1234.5", 1234.5),
    ("en", "1 234.5", 1234.5),
    ("en", f"1{NBSP}234", 1234.0),
    ("en", "0.125", 0.125),
    ("en", ".5", 0.5),
    ("en", "  42  ", 42.0),
    ("en", "+7", 7.0),
    ("en", "-7.5", -7.5),
    ("en", f"{MINUS}7.5", -7.5),
    ("en", "30%", 30.0),
    ("en", "12.5 %", 12.5),
    # Dutch and Vietnamese (CLDR): '.' groups, ',' is the decimal mark.
    ("nl", "1.234,56", 1234.56),
    ("nl", "1.234", 1234.0),
    ("nl", "2,5", 2.5),
    ("nl", "1 234,56", 1234.56),
    ("vi", "1.234.567,8", 1234567.8),
    ("vi", "0,5", 0.5),
    # Lithuanian, Polish, Ukrainian: space groups (NBSP in CLDR), ',' decimal.
    ("lt", f"1{NBSP}234,56", 1234.56),
    ("lt", f"1{NNBSP}234,56", 1234.56),
    ("lt", "1 234,56", 1234.56),
    ("lt", f"{MINUS}2,5", -2.5),
    ("lt", f"30{NBSP}%", 30.0),
    ("lt", "1,234", 1.234),  # the locale's decimal mark is always decimal
    ("pl", "2.5", 2.5),  # a lone foreign dot is a decimal point (URLs)
    ("pl", "0.125", 0.125),  # leading 0 cannot start a thousands group
    ("pl", "1234.500", 1234.5),  # 4 leading digits cannot be a group
    ("pl", "1 234.5", 1234.5),
    ("uk", f"1{NNBSP}000{NNBSP}000", 1000000.0),
    ("uk", "12,75", 12.75),
]


@pytest.mark.parametrize("locale,text,expected", READS)
def test_reads(locale, text, expected):
    assert parse_number(text, locale) == expected


FAILS = [
    ("en", "2,5", "ambiguous_number"),  # comma groups in en; invalid group
    ("en", "0,123", "ambiguous_number"),
    ("en", "1,23,456", "ambiguous_number"),
    ("en", "1.234,56", "ambiguous_number"),
    ("en", "1.234.567", "ambiguous_number"),
    ("en", "1 234,567", "ambiguous_number"),  # two kinds of group separator
    ("nl", "2.5", "ambiguous_number"),  # dot groups in nl; invalid group
    ("nl", "1,234.56", "ambiguous_number"),
    ("vi", "12.34", "ambiguous_number"),
    ("lt", "1.234", "ambiguous_number"),  # 1.234 or 1234?
    ("pl", "12.500", "ambiguous_number"),
    ("uk", "1.234.567", "ambiguous_number"),
    ("lt", "1.234,5", "ambiguous_number"),
    ("lt", "1,2,3", "ambiguous_number"),
    ("en", "", "required"),
    ("en", f"  {NBSP}", "required"),
    ("en", "abc", "not_a_number"),
    ("en", "1e5", "not_a_number"),
    ("en", "nan", "not_a_number"),
    ("en", "inf", "not_a_number"),
    ("en", "-", "not_a_number"),
    ("en", "%", "not_a_number"),
    ("en", "12a", "not_a_number"),
    ("en", "٣", "not_a_number"),  # only Latin digits (CLDR "latn")
    ("en", "1,", "ambiguous_number"),
]


@pytest.mark.parametrize("locale,text,code", FAILS)
def test_fails(locale, text, code):
    with pytest.raises(InputError) as caught:
        parse_number(text, locale, field="aov")
    assert (caught.value.code, caught.value.field) == (code, "aov")


def test_ambiguous_error_carries_the_locale_symbols():
    with pytest.raises(InputError) as caught:
        parse_number("1.234", "lt")
    assert caught.value.values == {"text": "1.234", "example": f"1{NBSP}234,56"}


def test_region_tags_fall_back_to_language():
    assert parse_number("1.234,5", "nl-BE") == parse_number("1.234,5", "nl_NL") == 1234.5


def test_a_locale_without_number_symbols_is_an_input_error_naming_the_choices():
    with pytest.raises(InputError) as caught:
        parse_number("1", "xx")
    assert (caught.value.code, caught.value.field) == ("unsupported_locale", "locale")
    assert caught.value.values == {"locale": "xx", "choices": "en, lt, nl, pl, uk, vi"}
