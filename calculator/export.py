"""The results download: one CSV for the reader's spreadsheet, one for programs.

``spreadsheet_csv`` is what Excel opens correctly by double-click in the
reader's language: Excel splits a CSV at the *list separator* of the
system's region, which is ";" wherever the decimal mark is a comma (lt, nl,
pl, uk, vi), and reads numbers with the region's decimal mark; it needs a
byte-order mark to read UTF-8; it turns an id such as 00017 into the number
17 unless the cell is the text formula ="00017". Numbers are rounded to
what they mean (money to the cent, probabilities to three decimals), with
no group separators (Excel would read "1 234,50" as text) and an ASCII
minus. Headers are the page's translated column names.

``data_csv`` has the CLI's columns and names, comma separated, dot decimals,
full precision: for scripts and other tools.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .inputs import number_symbols

__all__ = ["data_csv", "spreadsheet_csv", "list_separator", "spreadsheet_safe"]

BOM = "\ufeff"


def list_separator(locale: str) -> str:
    """The separator Excel expects in *locale*: ";" where the decimal mark is a comma.

    >>> list_separator("en"), list_separator("pl")
    (',', ';')
    """
    return ";" if number_symbols(locale)["decimal"] == "," else ","


def spreadsheet_safe(value: Any) -> Any:
    """A cell that a spreadsheet will not run as a formula (OWASP "CSV injection").

    Customer ids come from the user's file; one such as ``=HYPERLINK(...)``
    is written with a leading apostrophe, which spreadsheets show as text.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("C-001"), spreadsheet_safe(None), spreadsheet_safe(-2.5)
    ("'=1+1", 'C-001', '', -2.5)
    """
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _text_cell(text: str) -> str:
    """A text formula ="…" : Excel shows the text as it is (leading zeros kept).

    Inside the string literal nothing is evaluated, so an id like
    ``=HYPERLINK(...)`` stays inert text.

    >>> _text_cell('00017'), _text_cell('a"b')
    ('="00017"', '="a""b"')
    """
    return '="' + text.replace('"', '""') + '"'


def _number_cell(value: float | None, decimals: int, decimal: str) -> str:
    """
    >>> _number_cell(27.140000000000004, 2, ","), _number_cell(-0.5, 0, ","), _number_cell(None, 2, ",")
    ('27,14', '-0', '')
    """
    if value is None:
        return ""
    return f"{value:.{decimals}f}".replace(".", decimal)


def spreadsheet_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *,
                    locale: str, label: Callable[[str], str],
                    decimals: Mapping[str, int], text_columns: Sequence[str] = ("customer_id",)) -> str:
    '''Rows as a CSV for the reader's spreadsheet (see the module docstring).

    >>> spreadsheet_csv([{"customer_id": "007", "clv": 1234.5}], ["customer_id", "clv"], locale="pl",
    ...                 label=str.upper, decimals={"clv": 2}).splitlines()
    ['\ufeffCUSTOMER_ID;CLV', '"=""007""";1234,50']
    '''
    decimal = number_symbols(locale)["decimal"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=list_separator(locale), lineterminator="\r\n")
    writer.writerow([label(name) for name in columns])
    for row in rows:
        writer.writerow([_text_cell(str(row[name])) if name in text_columns
                         else _number_cell(row[name], decimals[name], decimal) for name in columns])
    return BOM + out.getvalue()


def data_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as the CLI writes them: its column names, comma, dot decimals, full precision.

    >>> data_csv([{"customer_id": "=1", "clv": 27.140000000000004}], ["customer_id", "clv"]).splitlines()
    ['customer_id,clv', "'=1,27.140000000000004"]
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(row[name]) for name in columns])
    return out.getvalue()
