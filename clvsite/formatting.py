"""Locale-aware number, money, percent and date filters, straight from Babel/CLDR.

No separator or symbol is written here by hand: CLDR decides that 1234.5 is
"1 234,5" in Lithuanian and "1.234,5" in Dutch.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from clvsite.plurals import Shown, shown


def number(value: float, locale: str, *, digits: int | None = None) -> Shown:
    """A plain number; ``digits`` fixes the count of decimals when given.

    The text carries the value it shows, so a plural message after it takes
    the form CLDR names for that value (clvsite/plurals.py).

    >>> number(1234.5, "lt")
    '1\\xa0234,5'
    >>> number(1234.5, "nl")
    '1.234,5'
    """
    if digits is None:
        return shown(format_decimal(value, locale=locale), locale)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return shown(format_decimal(value, format=pattern, locale=locale), locale)


def math_number(value: float, locale: str) -> str:
    """A number for TeX math: separators braced, so "365,25" keeps no space after the comma.

    >>> math_number(365.25, "lt"), math_number(365.25, "en")
    ('365{,}25', '365{.}25')
    """
    return "".join(c if c.isdigit() else "{" + c + "}" for c in format_decimal(value, locale=locale))


def money(value: float, locale: str, currency: str) -> str:
    """An amount of money with the currency placed as the locale places it.

    >>> money(1234.5, "en", "USD")
    '$1,234.50'
    >>> money(1234.5, "pl", "PLN")
    '1\\xa0234,50\\xa0zł'
    """
    return format_currency(value, currency, locale=locale)


def money_whole(value: float, locale: str, currency: str) -> str:
    """Like ``money``, without the minor units when the amount is whole.

    Round sums in running text read "$30,000", not "$30,000.00"; an amount
    with cents keeps them.

    >>> money_whole(30000, "en", "USD")
    '$30,000'
    >>> money_whole(30000, "nl", "EUR")
    '€\\xa030.000'
    >>> money_whole(1234.5, "en", "USD")
    '$1,234.50'
    """
    if value != round(value):
        return money(value, locale, currency)
    cldr = Locale.parse(locale)
    # The locale's own currency pattern, with its fraction digits removed.
    pattern = copy.copy(cldr.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern.apply(value, cldr, currency=currency, currency_digits=False)


def percent(value: float, locale: str, *, digits: int = 0) -> str:
    """A fraction shown as a percentage, rounded to ``digits`` decimals.

    >>> percent(0.25, "en")
    '25%'
    >>> percent(0.255, "lt", digits=1)
    '25,5\xa0%'
    """
    return format_percent(round(value, digits + 2), locale=locale, decimal_quantization=False)


def date(value: dt.date, locale: str, *, style: str = "long") -> str:
    """A date in the locale's own wording, e.g. "23 November 2026" in en."""
    return format_date(value, format=style, locale=locale)


def filters_for(locale: str, currency: str) -> dict[str, Callable[..., str]]:
    """The Jinja filters of one language, bound to its locale and example currency."""
    return {
        "number": lambda value, digits=None: number(value, locale, digits=digits),
        # A currency code overrides the language's example currency, for amounts
        # measured in one (the CDNOW data are in US dollars).
        "money": lambda value, code=None: money(value, locale, code or currency),
        "money_whole": lambda value, code=None: money_whole(value, locale, code or currency),
        "math_number": lambda value: math_number(value, locale),
        "percent": lambda value, digits=0: percent(value, locale, digits=digits),
        "date": lambda value, style="long": date(value, locale, style=style),
    }
