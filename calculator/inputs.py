"""Reading and checking user numbers: ``parse_number`` and the domain checks.

The rule for separators (``parse_number``), per locale with CLDR symbols
(decimal D, group G; see ``_number_symbols.py``):

1. A space (U+0020, NBSP U+00A0, narrow NBSP U+202F, thin U+2009) is always a
   group separator; no locale uses a space as a decimal mark.
2. The locale's decimal symbol is always the decimal mark ("1,234" is 1.234
   in lt, nl, pl, uk, vi).
3. The locale's group symbol is always a group separator, and groups must be
   valid: 1-3 leading digits (not starting with 0), then groups of exactly 3
   digits, one kind of separator per number.  Anything else ("2,5" in en,
   "2.5" in nl or vi) is ``ambiguous_number``: we do not guess.
4. The *foreign* mark, '.' or ',' when it is neither D nor G (the dot in lt,
   pl, uk, whose group is a space), is read as a decimal point, so plain dot
   decimals work ("2.5" in lt is 2.5).  When the same text would also be a
   valid thousands grouping ("1.234", "12.500") it is ``ambiguous_number``;
   so is a foreign mark used twice or together with D ("1.234,5" in lt).

A trailing "%" is allowed and ignored: the caller decides what percent means.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ._number_symbols import NUMBER_SYMBOLS

# InputError lives in calculator.errors; imported here so `from .inputs import InputError` keeps working.
from .errors import InputError

__all__ = ["InputError", "SPACES", "MINUS_SIGNS", "number_symbols", "parse_number",
           "from_percent", "to_percent", "finite", "positive", "non_negative", "fraction", "fraction_below_one", "whole"]

SPACES = " \u00a0\u202f\u2009"
MINUS_SIGNS = "-\u2212"
_GROUPED = r"[1-9][0-9]{0,2}(?:%s[0-9]{3})+"


def number_symbols(locale: str) -> dict[str, str]:
    """CLDR symbols for *locale*; 'pt-BR' style tags fall back to 'pt'.

    A language without symbols is ``InputError("unsupported_locale")``.

    >>> number_symbols("lt-LT")["group"]
    '\\xa0'
    """
    language = str(locale).replace("_", "-").split("-")[0].lower()
    try:
        return NUMBER_SYMBOLS[language]
    except KeyError:
        raise InputError("unsupported_locale", "locale", locale=str(locale),
                         choices=", ".join(sorted(NUMBER_SYMBOLS))) from None


def parse_number(text: str, locale: str = "en", field: str | None = None) -> float:
    """Read a number typed in *locale*'s format; see the module docstring.

    Returns the number as typed: "30%" gives 30.0.  Raises ``InputError``
    with code ``required`` (blank), ``not_a_number`` or ``ambiguous_number``;
    *field* is only used to name the field in that error.

    >>> parse_number("1,234.56", "en"), parse_number("1.234,56", "nl")
    (1234.56, 1234.56)
    >>> parse_number("1\\u00a0234,56", "lt"), parse_number("\\u22122.5", "lt")
    (1234.56, -2.5)
    >>> parse_number("30 %", "pl")
    30.0
    >>> parse_number("2,5", "en", field="aov")
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: Average order value: cannot tell how to read “2,5”; write numbers like 1,234.56.
    """
    symbols = number_symbols(locale)
    decimal, group = symbols["decimal"], symbols["group"]
    if group in SPACES:
        group = " "

    def ambiguous() -> InputError:
        example = f"1{symbols['group']}234{symbols['decimal']}56"
        return InputError("ambiguous_number", field, text=text, example=example)

    s = text.strip()
    if not s:
        raise InputError("required", field)
    if s.endswith("%"):
        s = s[:-1].rstrip()
    negative = s[:1] in MINUS_SIGNS
    if s[:1] in MINUS_SIGNS + "+":
        s = s[1:]
    for space in SPACES:
        s = s.replace(space, " ")
    if not re.fullmatch(r"[0-9][0-9., ]*|[.,][0-9]+", s) or not re.search(r"[0-9]$|[.,]$", s):
        raise InputError("not_a_number", field, text=text)

    foreign = next((c for c in ".," if c not in (decimal, group)), None)
    if foreign is not None and foreign in s:
        # Rule 4: the foreign mark is a decimal point unless it could be grouping.
        if s.count(foreign) > 1 or decimal in s:
            raise ambiguous()
        if re.fullmatch(_GROUPED % re.escape(foreign), s):
            raise ambiguous()
        decimal = foreign

    whole, _, fraction = s.partition(decimal)
    if not fraction.isdigit() and fraction != "":
        raise ambiguous()  # a second decimal mark, or grouping after it
    if not whole.isdigit() and whole != "":
        separators = set(whole) - set("0123456789")
        if len(separators) > 1 or not separators <= {group, " "}:
            raise ambiguous()
        if not re.fullmatch(_GROUPED % re.escape(separators.pop()), whole):
            raise ambiguous()
        whole = re.sub(r"[^0-9]", "", whole)
    value = float(f"{whole or '0'}.{fraction or '0'}")
    return -value if negative else value


# Percent: forms and the CLI take rates in percent ("30" or "30%"), the
# formulas fractions (DESIGN.md). These two are the only place that converts.

def from_percent(value: float) -> float:
    """A rate typed in percent as the fraction the formulas take.

    >>> from_percent(30), from_percent(7.5)
    (0.3, 0.075)
    """
    return value / 100


def to_percent(fraction: float) -> float:
    """A fraction as a person types or reads it in percent, without float noise.

    >>> to_percent(0.3), to_percent(0.07), to_percent(1)
    (30.0, 7.0, 100.0)
    """
    return round(float(fraction) * 100, 10)


# The largest number a form accepts.  Every field is money, a count or a
# duration of a business: beyond a trillion a value is a typo (a pasted
# 300-digit string, 10^20) whose result would be meaningless and overflow the card.
LARGEST_INPUT = 10**12


def within_range(name: str, value: float) -> float:
    """*value* if its size is at most ``LARGEST_INPUT``, else ``too_large``.

    >>> within_range("aov", 75.0)
    75.0
    >>> within_range("aov", 1e20)
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: Average order value is too large: enter at most 1000000000000.
    """
    if abs(value) > LARGEST_INPUT:
        raise InputError("too_large", name, limit=LARGEST_INPUT)
    return value


# Domain checks.  Each returns the value as float (int for counts of
# periods) so formulas can write ``aov = positive("aov", aov)``.

def finite(name: str, value: Any) -> float:
    """*value* as a finite float, else ``not_a_number``.

    >>> finite("aov", 2)
    2.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("not_a_number", name, text=str(value))
    value = float(value)
    if not math.isfinite(value):
        raise InputError("not_a_number", name, text=str(value))
    return value


def positive(name: str, value: Any) -> float:
    """Money, counts and durations: finite and > 0.

    >>> positive("aov", 0)
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: Average order value must be greater than 0.
    """
    value = finite(name, value)
    if value <= 0:
        raise InputError("must_be_positive", name, value=value)
    return value


def non_negative(name: str, value: Any) -> float:
    """Counts that may be zero (customers lost, promoters) and rates ≥ 0.

    >>> non_negative("customers_lost", 0)
    0.0
    """
    value = finite(name, value)
    if value < 0:
        raise InputError("must_be_non_negative", name, value=value)
    return value


def fraction(name: str, value: Any) -> float:
    """Margins and churn: a fraction in (0, 1].

    >>> fraction("margin", 1)
    1.0
    """
    value = finite(name, value)
    if not 0 < value <= 1:
        raise InputError("must_be_fraction", name, value=value)
    return value


def fraction_below_one(name: str, value: Any) -> float:
    """Retention: a fraction in [0, 1) (r = 1 would mean customers never leave).

    >>> fraction_below_one("retention", 0)
    0.0
    """
    value = finite(name, value)
    if not 0 <= value < 1:
        raise InputError("must_be_below_one", name, value=value)
    return value


def whole(name: str, value: Any) -> int:
    """A whole number ≥ 1 (numbers of periods); 3.0 is accepted as 3.

    >>> whole("periods", 3.0)
    3
    """
    value = finite(name, value)
    if value < 1 or not value.is_integer():
        raise InputError("must_be_whole", name, value=value)
    return int(value)
