"""Numbers, money and percents in each locale's CLDR format.

Expected strings are written by hand from CLDR's published patterns (decimal and
group symbols, currency placement), not produced by the code under test.
"""

import pytest

from clvsite.formatting import money, money_whole, number, percent

NBSP = "\u00a0"


@pytest.mark.parametrize("locale, expected", [
    ("en", "1,234.5"),
    ("lt", f"1{NBSP}234,5"),
    ("nl", "1.234,5"),
    ("pl", f"1{NBSP}234,5"),
    ("vi", "1.234,5"),
    ("uk", f"1{NBSP}234,5"),
])
def test_number(locale, expected):
    assert number(1234.5, locale) == expected


@pytest.mark.parametrize("locale, currency, expected", [
    ("en", "USD", "$270.00"),
    ("lt", "EUR", f"270,00{NBSP}€"),
    ("nl", "EUR", f"€{NBSP}270,00"),
    ("pl", "PLN", f"270,00{NBSP}zł"),
    ("vi", "USD", f"270,00{NBSP}US$"),
])
def test_money(locale, currency, expected):
    assert money(270, locale, currency) == expected


@pytest.mark.parametrize("locale, currency, expected", [
    ("en", "USD", "$30,000"),
    ("lt", "EUR", f"30{NBSP}000{NBSP}€"),
    ("nl", "EUR", f"€{NBSP}30.000"),
    ("pl", "PLN", f"30{NBSP}000{NBSP}zł"),
    ("uk", "UAH", f"30{NBSP}000{NBSP}₴"),
])
def test_money_whole_drops_the_cents_of_a_round_sum(locale, currency, expected):
    assert money_whole(30000.0, locale, currency) == expected


def test_money_whole_keeps_the_cents_of_an_amount_that_has_them():
    assert money_whole(1234.5, "en", "USD") == "$1,234.50"
    assert money_whole(266.67, "nl", "EUR") == f"€{NBSP}266,67"


@pytest.mark.parametrize("locale, expected", [("en", "30%"), ("lt", f"30{NBSP}%"), ("nl", "30%"), ("uk", "30%")])
def test_percent(locale, expected):
    assert percent(0.3, locale) == expected


def test_percent_keeps_requested_decimals():
    assert percent(0.045, "lt", digits=1) == f"4,5{NBSP}%"
