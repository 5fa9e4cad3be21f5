"""Numbers for people: format a result with the locale's CLDR symbols.

Deliberately small (the site formats with Babel at build time; this serves
the CLI and the web worker, which have only the standard library).
"""

from __future__ import annotations

import math

from .inputs import number_symbols


def format_number(value: float, locale: str = "en", decimals: int = 2) -> str:
    """*value* rounded to *decimals* places, grouped by three, in *locale*.

    Grouping by three is right for the site's six languages (CLDR
    "#,##0.###" patterns); the group and decimal symbols come from CLDR.

    >>> format_number(1234567.891, "en")
    '1,234,567.89'
    >>> format_number(-1234.5, "lt")
    '\\u22121\\xa0234,50'
    >>> format_number(1234.6, "nl", decimals=0)
    '1.235'
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    symbols = number_symbols(locale)
    text = f"{abs(value):,.{decimals}f}"  # Python's own en-style grouping
    text = text.translate({ord(","): "\0", ord("."): symbols["decimal"]})
    text = text.replace("\0", symbols["group"])
    # Avoid "-0,00" when a tiny negative value rounds to zero.
    if value < 0 and any(c in "123456789" for c in text):
        text = symbols["minus"] + text
    return text
