"""Reading a transaction log (customer, date, amount) from a CSV file.

``read_transactions`` streams the rows of a CSV export as (customer_id, date,
amount), whatever the export calls its columns, whichever of ",", ";" or tab
it separates them with and whether it writes decimal points or commas;
``calculator.customers`` turns them into per-customer data for the models.

A bad row raises ``InputError`` whose ``values["line"]`` is the file's line
number; with ``skip_bad_rows=True`` it is skipped and counted instead, and
the first errors are kept in the report.  Nothing is dropped silently.

Time units (``UNIT_DAYS``): durations are whole days between calendar dates
(times of day are ignored) divided by the unit: a week is 7 days and a **month
is 365.25 / 12 = 30.4375 days**, the mean Gregorian month, so 12 months are
one year and no month is "30 days".
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from .inputs import InputError, parse_number

UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
DELIMITERS = (",", ";", "\t")
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
    return "".join(c for c in name.lower() if c.isalnum())


def _text_lines(source: str | bytes | Iterable[str], encoding: str) -> Iterator[str]:
    """Lines of text from CSV text, bytes, or an open text file; BOM removed.

    Physical lines, so line numbers count from 1 at the header; a quoted
    field may span lines (the csv reader joins them).
    """
    if isinstance(source, (bytes, bytearray)):
        try:
            source = bytes(source).decode(encoding)
        except UnicodeDecodeError as error:
            line = source[:error.start].count(b"\n") + 1
            raise InputError("not_text", "file", line=line, encoding=encoding) from None
    if isinstance(source, str):
        source = io.StringIO(source, newline="")
    # U+FFFD is what a decoder (a browser's FileReader, errors="replace")
    # leaves for bytes that are not text in the expected encoding.
    for number, line in enumerate(source, 1):
        if number == 1:
            line = line.lstrip("\ufeff")
        if "\ufffd" in line:
            raise InputError("not_text", "file", line=number, encoding=encoding)
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
                 amount: str | None = None) -> dict[str, int]:
    """Column index of customer, date and amount: given names, else known names.

    >>> find_columns(["Order Date", "Customer ID", "Revenue"])
    {'customer': 1, 'date': 0, 'amount': 2}
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
            matches = next(([i for i, h in enumerate(normal) if h == known]
                            for known in KNOWN_COLUMNS[role] if known in normal), [])
            matches = [i for i in matches if i not in found.values()]
            if not matches:
                raise InputError("missing_column", f"{role}_column", line=1,
                                 header=", ".join(header))
        found[role] = matches[0]
    return found


def parse_date(text: str, date_format: str | None = None) -> date:
    """A date from ISO 8601 text ("1997-01-31", "19970131", "1997-01-31T10:00:00Z")
    or from *date_format* (``datetime.strptime`` codes, e.g. "%d/%m/%Y").

    >>> parse_date("19970131"), parse_date("31/01/1997 10:00", "%d/%m/%Y %H:%M")
    (datetime.date(1997, 1, 31), datetime.date(1997, 1, 31))
    """
    text = text.strip()
    if date_format:
        return datetime.strptime(text, date_format).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


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
                      date_format: str | None = None, delimiter: str | None = None,
                      decimal: str | None = None, encoding: str = "utf-8",
                      skip_bad_rows: bool = False, report: dict[str, Any] | None = None,
                      ) -> Iterator[tuple[str, date, float]]:
    """Stream (customer_id, date, amount) from CSV *source*.

    *source* is CSV text, bytes (decoded with *encoding*) or an open text
    file.  *report* (a dict) receives ``delimiter``, ``decimal``,
    ``columns``, ``rows`` (data rows read), ``bad_rows`` and ``errors``.

    >>> rows = read_transactions("Client;Order date;Total\\nA;2024-01-05;12,50\\n")
    >>> list(rows)
    [('A', datetime.date(2024, 1, 5), 12.5)]
    """
    report = {} if report is None else report
    lines = _text_lines(source, encoding)
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
    header = next(reader)
    columns = find_columns(header, customer_column, date_column, amount_column)
    i_customer, i_date, i_amount = columns["customer"], columns["date"], columns["amount"]
    needed = max(columns.values()) + 1
    report.update(delimiter=delimiter, columns={k: header[v] for k, v in columns.items()},
                  rows=0, bad_rows=0, errors=[])

    # The decimal mark is decided on the first rows, which we hold back.
    held: list[tuple[int, list[str]]] = []
    if decimal is None:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                held.append((reader.line_num, row))
                if len(held) >= 200:
                    break
        decimal = detect_decimal([r[i_amount] for _, r in held if len(r) > i_amount])
    report["decimal"] = decimal
    dates: dict[str, date] = {}  # dates repeat a lot: parse each text once

    def rows() -> Iterator[tuple[int, list[str]]]:
        yield from held
        for row in reader:
            if row and any(cell.strip() for cell in row):
                yield reader.line_num, row

    for line, row in rows():
        report["rows"] += 1
        try:
            if len(row) < needed:
                raise InputError("short_row", "file", line=line, expected=needed, found=len(row))
            customer = row[i_customer].strip()
            if not customer:
                raise InputError("missing_customer", "customer_column", line=line)
            text = row[i_date]
            day = dates.get(text)
            if day is None:
                try:
                    day = dates[text] = parse_date(text, date_format)
                except ValueError:
                    raise InputError("bad_date", "date_column", line=line, text=text.strip(),
                                     expected=date_format or "YYYY-MM-DD") from None
            try:
                amount = parse_amount(row[i_amount], decimal)
            except (ValueError, InputError):
                raise InputError("bad_amount", "amount_column", line=line,
                                 text=row[i_amount].strip()) from None
        except InputError as error:
            if not skip_bad_rows:
                raise
            report["bad_rows"] += 1
            if len(report["errors"]) < MAX_ERRORS_KEPT:
                report["errors"].append(error.as_dict())
            continue
        yield customer, day, amount
