"""Currency signs and names for the calculator pages, straight from CLDR.

The worked examples of each language use that market's currency
(mkdocs.yml ``extra.example_currency``); the calculator shows its sign in
every money label and lets the reader pick another one, for display only.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import get_currency_name, get_currency_symbol

__all__ = ["Choice", "choices", "sign_html"]


@dataclass(frozen=True)
class Choice:
    """One option of the currency picker: ISO code, sign and name in the page's language."""

    code: str
    symbol: str
    name: str


def choices(codes: list[str], locale: str, default: str) -> list[Choice]:
    """The picker's options: ``default`` first, then ``codes`` in their order.

    >>> [c.symbol for c in choices(["USD", "PLN"], "pl", "PLN")]
    ['zł', 'USD']
    """
    ordered = [default, *(code for code in codes if code != default)]
    return [Choice(code, get_currency_symbol(code, locale=locale), get_currency_name(code, locale=locale))
            for code in ordered]


def sign_html(code: str, locale: str) -> str:
    """The currency sign as the calculator writes it into a label; currency.js swaps it.

    >>> sign_html("UAH", "uk")
    '<span class="clv-currency" data-currency-symbol>₴</span>'
    """
    return f'<span class="clv-currency" data-currency-symbol>{get_currency_symbol(code, locale=locale)}</span>'
