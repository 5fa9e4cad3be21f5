"""Dates as spreadsheets write them, and which order of day and month a file uses.

Excel writes a date cell to CSV as the computer's language shows it:
"31.01.2024" (pl, uk, lt-Excel), "31-1-2024" (nl), "31/01/2024" (vi),
"1/31/2024" (en-US), or ISO "2024-01-31".  A numeric date is
day-month-year or month-day-year when the year comes last, and always
year-month-day when it comes first.  Times after the date are ignored.

Which order a file uses is told by its dates (``order_evidence``): a first
number above 12 means day first, a second above 12 means month first, and a
dot means day first (no language writes month.day.year; CLDR).  When every
date of a file could be read both ways (01/02/2024), the reader raises the
``ambiguous_date_order`` error and the user chooses ``date_order``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["DATE_ORDERS", "date_part", "order_evidence", "parse_date", "pattern_of"]

DATE_ORDERS = ("dmy", "mdy", "ymd")
# year-first ("2024-01-31", "2024.1.31") or year-last ("31.01.2024", "1/31/2024"),
# then optionally a time after a space or "T".
_NUMERIC = re.compile(r"\s*(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?(?:[ T]\S.*)?\s*\Z")
# A time of day after the date: " 10:23", "T10:23:11Z", " 10:23:11 +0100", " 9:05 AM".
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[AaPp][Mm])?"
                   r" ?(?:Z|[+-]\d{2}:?\d{2})?\Z")
_YEAR_WORD = {"dmy": "DD{0}MM{0}YYYY", "mdy": "MM{0}DD{0}YYYY", "ymd": "YYYY{0}MM{0}DD"}


def date_part(text: str) -> str:
    """*text* without a time of day after the date, so that a log of
    timestamps parses (and caches) one text per day.

    >>> date_part(" 2024-01-05T10:23:11Z"), date_part("5.1.2024 9:05 PM"), date_part("19970131")
    ('2024-01-05', '5.1.2024', '19970131')
    """
    text = text.strip()
    return _TIME.sub("", text)


def order_evidence(text: str) -> str | None:
    """What one date text says about the order: "ymd", "dmy", "mdy", "either" or None.

    None: not a numeric date with a four-digit year (the reader then tries ISO
    8601 forms such as "19970131" and reports what it cannot read).

    >>> texts = ("2024-01-31", "31/01/2024", "1/31/2024", "01/02/2024", "1.2.2024")
    >>> [order_evidence(t) for t in texts]
    ['ymd', 'dmy', 'mdy', 'either', 'dmy']
    """
    match = _NUMERIC.match(text)
    if not match:
        return None
    first, separator, second, last = match.groups()
    if len(first) == 4:
        return "ymd" if len(last) <= 2 else None
    if len(last) != 4:
        return None
    if separator == ".":
        return "dmy"
    day_first, month_first = int(second) <= 12, int(first) <= 12
    if day_first and month_first:
        return "either"
    return "dmy" if day_first else "mdy" if month_first else None


def parse_date(text: str, date_format: str | None = None, order: str | None = None) -> date:
    """A date from *text*: numeric dates in *order* ("dmy" or "mdy" for year-last
    dates; year-first ones are always year-month-day), ISO 8601 ("19970131",
    "1997-01-31T10:00:00Z"), or *date_format* (``datetime.strptime`` codes).
    Raises ``ValueError``; a year-last date without *order* is one.

    >>> parse_date("31.01.1997 10:00", order="dmy"), parse_date("1/31/1997", order="mdy")
    (datetime.date(1997, 1, 31), datetime.date(1997, 1, 31))
    >>> parse_date("19970131"), parse_date("31/01/1997 10:00", "%d/%m/%Y %H:%M")
    (datetime.date(1997, 1, 31), datetime.date(1997, 1, 31))
    """
    text = text.strip()
    if date_format:
        return datetime.strptime(text, date_format).date()
    match = _NUMERIC.match(text)
    if match:
        first, _, second, last = match.groups()
        if len(first) == 4 and len(last) <= 2:
            return date(int(first), int(second), int(last))
        if len(last) == 4 and order in ("dmy", "mdy"):
            day, month = (first, second) if order == "dmy" else (second, first)
            return date(int(last), int(month), int(day))
        raise ValueError(text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def pattern_of(text: str, order: str | None) -> str:
    """The date pattern a file's dates follow, as shown in errors ("DD.MM.YYYY").

    A year-last date is shown in *order* (day first unless "mdy"), so a
    two-digit year ("31.12.24") gets the four-digit pattern it needs.

    >>> pattern_of("31.01.2024", "dmy"), pattern_of("2024-01-31", None), pattern_of("x", "mdy")
    ('DD.MM.YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY')
    >>> pattern_of("31.12.24", None)
    'DD.MM.YYYY'
    """
    match = _NUMERIC.match(text)
    if not match:
        return _YEAR_WORD[order or "ymd"].format("-" if order in (None, "ymd") else "/")
    first, separator = match.group(1), match.group(2)
    if len(first) == 4 or order == "ymd":
        return _YEAR_WORD["ymd"].format(separator)
    return _YEAR_WORD["mdy" if order == "mdy" else "dmy"].format(separator)
