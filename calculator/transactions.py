"""Reading a transaction log (customer, date, amount) from a CSV file.

``read_transactions`` streams the rows of a CSV export as (customer_id, date,
amount), whatever the export calls its columns (English names, and the page
language's from the catalog: ``messages.header_names``), whichever of ",",
";" or tab it separates them with, whether it writes decimal points or
commas, in whichever encoding Excel saved it (``decoding``) and with dates
as the export's language writes them (``dates``).

A bad row raises ``InputError`` whose ``values["line"]`` is the file's line
number; with ``skip_bad_rows=True`` it is skipped and counted instead, and
the first errors are kept in the report.  Nothing is dropped silently.
Errors about the whole file (no header, unreadable CSV, a date order the
file does not tell, too many rows) stop the reading even then.

Limits, so that a hostile or broken file gives an error, not a dead worker:
``MAX_ROWS`` data rows (2 million; a log of a million orders is within it),
fields of at most ``csv.field_size_limit()`` characters (131,072, the
``csv`` module's own limit, left unchanged), amounts of at most
``MAX_AMOUNT`` (10^15) in absolute value, so that sums stay finite.

Time units (``UNIT_DAYS``): durations are whole days between calendar dates
(times of day are ignored) divided by the unit: a week is 7 days and a **month
is 365.25 / 12 = 30.4375 days**, the mean Gregorian month, so 12 months are
one year and no month is "30 days".
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from itertools import chain
from typing import Any

from .dates import DATE_ORDERS, date_part, order_evidence, parse_date, pattern_of
from .decoding import decode
from .inputs import InputError, parse_number

UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
DELIMITERS = (",", ";", "\t")
MAX_ROWS = 2_000_000
MAX_AMOUNT = 1e15
# Rows held back to detect the decimal mark and the date order; more are held
# while every date so far could be day or month first.
HELD_ROWS = 200
DAY_MONTH = ("dmy", "mdy", "either")  # evidence of a year-last date
# How many bad rows the report keeps as examples (all are counted).
MAX_ERRORS_KEPT = 20
# Header names we recognise, compared lower-case with everything but
# letters and digits removed ("Customer ID" -> "customerid").
KNOWN_COLUMNS = {
    "customer": ("customerid", "customer", "customerno", "customernumber", "custid",
                 "clientid", "client", "id", "userid", "user", "buyerid", "accountid",
                 "memberid", "email"),
    "date": ("date", "orderdate", "purchasedate", "transactiondate", "invoicedate",
             "saledate", "createdat", "orderedat", "datetime", "timestamp", "time", "day"),
    "amount": ("amount", "revenue", "total", "value", "price", "sales", "sale",
               "ordertotal", "ordervalue", "totalamount", "saleamount", "spend",
               "dollarvalue", "monetaryvalue", "netsales", "grandtotal", "totalprice",
               "subtotal"),
}
CURRENCY_SIGNS = " $€£¥₹₽₴₫zł\u00a0"


def _normal(name: str) -> str:
    """A header cell for comparison.

    >>> _normal("\\ufeffCustomer ID ")
    'customerid'
    """
    return "".join(c for c in unicodedata.normalize("NFKC", name).casefold() if c.isalnum())


def _text_lines(source: str | bytes | Iterable[str], encoding: str | None, language: str,
                report: dict[str, Any]) -> Iterator[str]:
    """Lines of text from CSV text, bytes, or an open text file; BOM removed.

    Bytes are decoded with *encoding*, or with the one ``decoding.decode``
    detects (put in ``report["encoding"]``).  Physical lines, so line
    numbers count from 1 at the header; a quoted field may span lines (the
    csv reader joins them).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        source, report["encoding"] = decode(bytes(source), language, encoding or None)
    if isinstance(source, str):
        source = io.StringIO(source, newline="")
    # U+FFFD is what a decoder (a browser's FileReader, errors="replace")
    # leaves for bytes that are not text in the expected encoding.
    for number, line in enumerate(source, 1):
        if number == 1:
            line = line.lstrip("\ufeff")
        if "\ufffd" in line:
            raise InputError("not_text", "file", line=number, encoding=encoding or "UTF-8")
        yield line


def detect_delimiter(header: str) -> str:
    """The delimiter of a header line: the most frequent of , ; and tab.

    >>> detect_delimiter("customer;date;amount\\n"), detect_delimiter("id\\tdate\\tvalue")
    (';', '\\t')
    """
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best] == 0:
        try:  # a one-column header or an exotic one: let csv guess
            return csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
        except csv.Error:
            return ","
    return best


def find_columns(header: list[str], customer: str | None = None, date: str | None = None,
                 amount: str | None = None,
                 names: Mapping[str, Iterable[str]] | None = None) -> dict[str, int]:
    """Column index of customer, date and amount: given names, else known names.

    Known names are ``KNOWN_COLUMNS`` (English) and *names* (role -> more
    names, e.g. the page language's from ``messages.header_names``).

    >>> find_columns(["Order Date", "Customer ID", "Revenue"])
    {'customer': 1, 'date': 0, 'amount': 2}
    >>> find_columns(["Klient", "Data", "Kwota"], names={"customer": ["klient"],
    ...              "date": ["data"], "amount": ["kwota"]})
    {'customer': 0, 'date': 1, 'amount': 2}
    """
    normal = [_normal(h) for h in header]
    given = {"customer": customer, "date": date, "amount": amount}
    found: dict[str, int] = {}
    for role, name in given.items():
        if name:
            matches = [i for i, h in enumerate(header) if h.strip() == name.strip()]
            matches = matches or [i for i, h in enumerate(normal) if h == _normal(name)]
            if not matches:
                raise InputError("unknown_column", f"{role}_column", line=1, column=name,
                                 header=", ".join(header))
        else:
            known = (*KNOWN_COLUMNS[role], *(_normal(n) for n in (names or {}).get(role, ())))
            matches = next(([i for i, h in enumerate(normal) if h == k]
                            for k in known if k in normal), [])
            matches = [i for i in matches if i not in found.values()]
            if not matches:
                raise InputError("missing_column", f"{role}_column", line=1,
                                 header=", ".join(header))
        found[role] = matches[0]
    return found


def detect_decimal(samples: list[str]) -> str:
    """The decimal mark of a file's amounts: "," when they use decimal commas.

    A comma counts as decimal when some amount has a comma after its last
    dot ("1.234,5") or a comma but no dot followed by other than exactly
    three digits ("12,5"); otherwise the mark is ".".

    >>> detect_decimal(["12,50", "3"]), detect_decimal(["1,234", "12.5"])
    (',', '.')
    """
    for text in samples:
        text = text.strip(CURRENCY_SIGNS)
        comma, dot = text.rfind(","), text.rfind(".")
        if comma > dot and (dot >= 0 or len(text) - comma - 1 != 3):
            return ","
        if dot > comma and comma >= 0:
            return "."
    return "."


def parse_amount(text: str, decimal: str = ".") -> float:
    """An amount: plain floats fast, else ``parse_number`` with grouping rules;
    currency signs and spaces around it are ignored.

    >>> parse_amount("$1,234.50"), parse_amount("1.234,50 €", ","), parse_amount("-3,5", ",")
    (1234.5, 1234.5, -3.5)
    """
    text = text.strip(CURRENCY_SIGNS)
    plain = text.replace(",", ".") if decimal == "," and "." not in text else text
    if "_" not in plain:
        try:
            value = float(plain)
        except ValueError:
            pass
        else:
            if math.isfinite(value):
                return value
            raise ValueError(text)
    # "nl" reads "." as grouping and "," as decimal; "en" the other way round.
    return parse_number(text, "nl" if decimal == "," else "en")


def read_transactions(source: str | bytes | Iterable[str], *, customer_column: str | None = None,
                      date_column: str | None = None, amount_column: str | None = None,
                      date_format: str | None = None, date_order: str | None = None,
                      delimiter: str | None = None, decimal: str | None = None,
                      encoding: str | None = None, language: str = "en",
                      header_names: Mapping[str, Iterable[str]] | None = None,
                      skip_bad_rows: bool = False, report: dict[str, Any] | None = None,
                      ) -> Iterator[tuple[str, date, float]]:
    """Stream (customer_id, date, amount) from CSV *source*.

    *source* is CSV text, bytes (decoded with *encoding*, default: detected
    with *language*'s code page first) or an open text file.  *date_order*
    ("dmy", "mdy", "ymd") says how to read dates such as 01/02/2024 when the
    file does not tell (default: from the file's dates; ``dates``);
    *date_format* (strptime codes) overrides both.  *header_names* adds
    accepted column names per role (``find_columns``).  *report* (a dict)
    receives ``encoding`` (bytes only), ``delimiter``, ``decimal``,
    ``date_order`` (None: no day-month dates), ``columns``, ``rows`` (data
    rows read), ``bad_rows``, ``errors`` and, when some dates are year-last,
    ``date_pattern`` (e.g. "DD.MM.YYYY").

    >>> rows = read_transactions("Client;Order date;Total\\nA;2024-01-05;12,50\\n")
    >>> list(rows)
    [('A', datetime.date(2024, 1, 5), 12.5)]
    >>> list(read_transactions("customer,date,amount\\nA,31/01/2024,5\\nA,01/02/2024,5\\n"))[1][1]
    datetime.date(2024, 2, 1)
    """
    if date_order and date_order not in DATE_ORDERS:
        raise InputError("not_one_of", "date_order", text=str(date_order),
                         choices=", ".join(DATE_ORDERS))
    report = {} if report is None else report
    lines = _text_lines(source, encoding, language, report)
    try:
        header_line = next(lines)
        while not header_line.strip():
            header_line = next(lines)
    except StopIteration:
        raise InputError("empty_file", "file") from None
    delimiter = delimiter or detect_delimiter(header_line)

    def chained() -> Iterator[str]:
        yield header_line
        yield from lines

    reader = csv.reader(chained(), delimiter=delimiter)
    records = _records(reader)
    header = next(records)[1]
    columns = find_columns(header, customer_column, date_column, amount_column, header_names)
    i_customer, i_date, i_amount = columns["customer"], columns["date"], columns["amount"]
    needed = max(columns.values()) + 1
    report.update(delimiter=delimiter, columns={k: header[v] for k, v in columns.items()},
                  rows=0, bad_rows=0, errors=[])

    # The decimal mark and the date order are decided on the first rows,
    # which we hold back; while every date could be read both ways, we hold more.
    order = date_order or None
    open_date: tuple[int, str] | None = None  # the first date readable both ways
    held: list[tuple[int, list[str]]] = []
    for line, row in records:
        if not (row and any(cell.strip() for cell in row)):
            continue
        held.append((line, row))
        if order is None and date_format is None and len(row) > i_date:
            evidence = order_evidence(row[i_date])
            if evidence in ("dmy", "mdy"):
                order = evidence
            elif evidence == "either" and open_date is None:
                open_date = (line, row[i_date].strip())
        if len(held) >= HELD_ROWS and (order is not None or open_date is None):
            break
    if order is None and open_date is not None:
        raise InputError("ambiguous_date_order", "date_column", line=open_date[0],
                         text=open_date[1])
    if decimal is None:
        decimal = detect_decimal([r[i_amount] for _, r in held[:HELD_ROWS] if len(r) > i_amount])
    report.update(decimal=decimal, date_order=order)
    dates: dict[str, date] = {}  # dates repeat a lot: parse each text once

    width, max_rows, max_amount = len(header), MAX_ROWS, MAX_AMOUNT
    count = 0
    for line, row in chain(held, records):
        if not (row and any(cell.strip() for cell in row)):
            continue
        count += 1
        if count > max_rows:
            raise InputError("too_many_rows", "file", line=line, limit=max_rows)
        try:
            if len(row) < needed:
                raise InputError("short_row", "file", line=line, expected=needed, found=len(row))
            # More fields than the header: an unquoted "1,5" in a comma file
            # would otherwise be read as 1 (trailing empty fields are harmless).
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                raise InputError("long_row", "file", line=line, expected=len(header),
                                 found=len(row))
            customer = row[i_customer].strip()
            if not customer:
                raise InputError("missing_customer", "customer_column", line=line)
            # Keyed by the date without its time: one entry per day, not per row
            # (ten characters or fewer hold no time: skip the regex).
            text = row[i_date]
            if len(text) > 10 and not date_format:
                text = date_part(text)
            day = dates.get(text)
            if day is None:
                if order is None and date_format is None:
                    evidence = order_evidence(text)
                    if evidence == "either":  # after the held rows, with no clear date before
                        raise InputError("ambiguous_date_order", "date_column", line=line,
                                         text=row[i_date].strip())
                    if evidence in ("dmy", "mdy"):
                        order = evidence
                try:
                    day = dates[text] = parse_date(text, date_format, order)
                except ValueError:
                    raise InputError("bad_date", "date_column", line=line,
                                     text=row[i_date].strip(),
                                     expected=date_format or pattern_of(text, order)) from None
                if "date_pattern" not in report and order_evidence(text) in DAY_MONTH:
                    report["date_pattern"] = pattern_of(text, order)
            try:
                amount = parse_amount(row[i_amount], decimal)
            except (ValueError, InputError):
                raise InputError("bad_amount", "amount_column", line=line,
                                 text=row[i_amount].strip()) from None
            if abs(amount) > max_amount:
                raise InputError("amount_too_large", "amount_column", line=line,
                                 text=row[i_amount].strip())
        except InputError as error:
            if not skip_bad_rows or error.code == "ambiguous_date_order":
                raise
            report["bad_rows"] += 1
            if len(report["errors"]) < MAX_ERRORS_KEPT:
                report["errors"].append(error.as_dict())
            continue
        yield customer, day, amount
    report.update(rows=count, date_order=order)


def _records(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each CSV record; a ``csv.Error`` becomes an ``InputError``.

    The csv module stops at a field over ``csv.field_size_limit()``
    characters (an unclosed quote swallows the rest of the file into one).
    """
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        code = "field_too_long" if "field limit" in str(error) else "bad_csv"
        raise InputError(code, "file", line=line, limit=csv.field_size_limit()) from None
