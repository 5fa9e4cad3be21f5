"""Reading a list of customer counts typed or pasted into one field.

The rule for separators, chosen so that a grouped count stays one number in
every locale (``1 000`` is a thousand in lt, pl, uk and vi):

1. If the text holds a line break, a tab or a semicolon, only those separate
   counts: a column pasted from a spreadsheet (line breaks), a row (tabs), or
   ``1 000; 869; 743``.  Each count is then read as ``parse_number`` reads a
   field, group separators included.
2. Otherwise spaces separate counts (``1000 869 743``), and a count cannot
   hold a space.  A text that would read differently with the spaces taken
   as digit groups is refused as ``ambiguous_counts`` instead of guessed:
   a piece of three digits starting with 0 (``1 000``), or a rise whose
   piece is three digits after one of one to three (``1 500 1 200``).

Counts are whole numbers of at least 0, never rising, the first above 0;
``MIN_COUNTS`` to ``MAX_COUNTS`` of them.  Errors name the position (1 for
the first count) and keep the text as typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .errors import InputError
from .inputs import LARGEST_INPUT, SPACES, parse_number

__all__ = ["MIN_COUNTS", "MAX_COUNTS", "parse_counts", "check_counts", "link_text", "from_link"]

# Three counts (two periods) are the fewest from which the sBG's two
# parameters can be told apart; 600 periods are 50 years of months.
MIN_COUNTS = 3
MAX_COUNTS = 600
STRONG_SEPARATORS = re.compile(r"[\r\n\t;]+")
WEAK_SEPARATORS = re.compile(f"[{SPACES}]+")
# A piece that could be the digits after a group separator.
_GROUP_PIECE = re.compile(r"[0-9]{3}")


def parse_counts(text: str, locale: str = "en", field: str = "active") -> list[float]:
    """The counts of *text* in *locale*, by the module's rule; ``InputError`` naming the position.

    >>> parse_counts("1 000\\n869\\n743", "pl")
    [1000.0, 869.0, 743.0]
    >>> parse_counts("1000 869 743", "lt")
    [1000.0, 869.0, 743.0]
    >>> parse_counts("1 000 869 743", "pl")
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: Active customers per period, count 2: cannot tell whether the spaces in “1 000 869 743” separate counts or group digits; put each count on its own line or separate the counts with semicolons.
    """
    strong = STRONG_SEPARATORS.search(text) is not None
    pieces = [p.strip(SPACES) for p in (STRONG_SEPARATORS if strong else WEAK_SEPARATORS).split(text)]
    pieces = [p for p in pieces if p]  # a trailing line break or ";" ends nothing
    if len(pieces) > MAX_COUNTS:  # before reading them: a pasted file must not be parsed to the end
        raise InputError("too_many_counts", field, limit=MAX_COUNTS, found=len(pieces))
    counts = []
    for position, piece in enumerate(pieces, 1):
        if not strong and len(piece) > 1 and piece.startswith("0") and piece.isdigit():
            raise InputError("ambiguous_counts", field, position=position, text=text)
        try:
            if piece.endswith("%"):
                raise InputError("percent_not_allowed", field)
            value = parse_number(piece, locale, field=field)
        except InputError:
            raise InputError("count_not_whole", field, position=position, text=piece) from None
        if not strong and counts and value > counts[-1] and _GROUP_PIECE.fullmatch(piece) \
                and len(pieces[position - 2]) <= 3:
            raise InputError("ambiguous_counts", field, position=position, text=text)
        counts.append(_count(field, position, value, piece))
    return check_counts(counts, field, texts=pieces)


def check_counts(counts: Sequence[Any], field: str = "active",
                 texts: Sequence[str] | None = None) -> list[float]:
    """*counts* (numbers) checked: whole, at least 0, not rising, the first above 0, 3 to 600 of them.

    *texts*, the counts as typed, go into the messages when given.

    >>> check_counts([1000, 869, 743])
    [1000.0, 869.0, 743.0]
    >>> check_counts([1000, 1100, 743])
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: Active customers per period, count 2: 1100 is more than the count before it (1000); active customers cannot rise.
    """
    if isinstance(counts, (str, bytes)):
        raise InputError("count_not_whole", field, position=1, text=str(counts))
    shown = list(texts) if texts is not None else [_plain(c) for c in counts]
    values = [_count(field, position, value, shown[position - 1])
              for position, value in enumerate(counts, 1)]
    if not values:
        raise InputError("required", field)
    if values[0] == 0:
        raise InputError("first_count_zero", field)
    for position in range(2, len(values) + 1):
        if values[position - 1] > values[position - 2]:
            raise InputError("count_rises", field, position=position, text=shown[position - 1],
                             previous=shown[position - 2])
    if len(values) < MIN_COUNTS:
        raise InputError("too_few_counts", field, limit=MIN_COUNTS, found=len(values))
    if len(values) > MAX_COUNTS:
        raise InputError("too_many_counts", field, limit=MAX_COUNTS, found=len(values))
    return values


def link_text(counts: Sequence[float]) -> str:
    """The counts as a shared link carries them: whole numbers separated by ";".

    >>> link_text([1000.0, 869.0])
    '1000;869'
    """
    return ";".join(_plain(c) for c in counts)


def from_link(text: str) -> str:
    """A link's counts as the field shows them: one per line (read the same in every locale).

    >>> from_link("1000;869")
    '1000\\n869'
    """
    return "\n".join(piece.strip() for piece in text.split(";"))


def _count(field: str, position: int, value: Any, text: str) -> float:
    """One count: a whole number from 0 to ``LARGEST_INPUT``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("count_not_whole", field, position=position, text=text)
    value = float(value)
    if not (0 <= value <= LARGEST_INPUT) or not value.is_integer():
        if value > LARGEST_INPUT:
            raise InputError("too_large", field, limit=LARGEST_INPUT)
        raise InputError("count_not_whole", field, position=position, text=text)
    return value


def _plain(value: Any) -> str:
    """A number as written in a message or a link, without ".0"."""
    return repr(value).removesuffix(".0") if isinstance(value, (int, float)) else str(value)
