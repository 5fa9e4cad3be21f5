"""Reading a transaction log (customer, date, amount) into per-customer RFM data.

``summarize`` streams a CSV once and keeps, per customer, only what the
models need (first purchase day and its total, the running total, the
purchase days as a compact ``array``), so a million rows fit in a few tens of
megabytes.  Its answer is data:

* per customer, in the paper notation of Fader, Hardie & Lee (2005): x, the
  number of *repeat purchase days* (several orders on one day count as one
  purchase, as in the CDNOW data); t_x, the time from the first to the last
  purchase; T, the time from the first purchase to the end of observation;
  the monetary value (mean total of the repeat purchase days, the first
  purchase excluded, as the Gamma-Gamma model expects); the total spend and
  the historical CLV (total × margin);
* a cohort retention table by calendar month of first purchase;
* a report: rows read, used, after the end date, bad rows skipped.

Time units: durations are whole days between calendar dates (times of day
are ignored), divided by ``UNIT_DAYS``: a week is 7 days and a **month is
365.25 / 12 = 30.4375 days**, the mean Gregorian month, so 12 months are one
year and no month is "30 days".  Cohorts use calendar months instead.

A bad row raises ``InputError`` whose ``values["line"]`` is the file's line
number; with ``skip_bad_rows=True`` it is skipped and counted instead, and
the first errors are kept in the report.  Nothing is dropped silently.
"""

from __future__ import annotations

import csv
import io
import math
from array import array
from collections.abc import Callable, Iterable, Iterator
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

Progress = Callable[[str, int, int | None], None]


class _Customer:
    """What we keep per customer while streaming (``__slots__`` keeps it small)."""
    __slots__ = ("first", "first_total", "total", "days")

    def __init__(self, day: int, amount: float) -> None:
        self.first = day
        self.first_total = amount
        self.total = amount
        self.days = array("l", (day,))

    def add(self, day: int, amount: float) -> None:
        self.total += amount
        self.days.append(day)
        if day < self.first:  # rows need not be sorted by date
            self.first, self.first_total = day, amount
        elif day == self.first:
            self.first_total += amount


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


def summarize(source: str | bytes | Iterable[str], *, end: date | str | None = None,
              unit: str = "week", margin: float = 1.0, progress: Progress | None = None,
              **read_options: Any) -> dict[str, Any]:
    """Per-customer RFM summary, cohorts and a report from a transaction CSV.

    *end* is the last day observed (inclusive; default: the last date in the
    file); rows after it are counted as ``rows_after_end`` and not used.
    *unit* is "day", "week" or "month" (30.4375 days); *margin* turns spend
    into historical CLV.  *read_options* go to ``read_transactions``.
    Returns ``{"customers": [...], "cohorts": [...], "report": {...}}``;
    each customer is a dict with ``customer_id``, ``frequency`` (x),
    ``recency`` (t_x), ``T``, ``monetary_value``, ``total`` and
    ``historical_clv``, in file order of first appearance.

    >>> csv_text = "customer,date,amount\\na,2024-01-01,10\\na,2024-01-15,30\\nb,2024-01-08,5\\n"
    >>> result = summarize(csv_text, end="2024-01-29", margin=0.5)
    >>> result["customers"][0]
    {'customer_id': 'a', 'frequency': 1, 'recency': 2.0, 'T': 4.0, 'monetary_value': 30.0, 'total': 40.0, 'historical_clv': 20.0}
    """
    if unit not in UNIT_DAYS:
        raise InputError("not_one_of", "unit", text=str(unit), choices=", ".join(UNIT_DAYS))
    if isinstance(end, str):
        try:
            end = parse_date(end)
        except ValueError:
            raise InputError("not_a_date", "end", text=end) from None
    report: dict[str, Any] = {}
    end_day = end.toordinal() if end else None
    customers: dict[str, _Customer] = {}
    after_end = 0
    last_day = None
    for n, (customer_id, day_date, amount) in enumerate(
            read_transactions(source, report=report, **read_options), 1):
        day = day_date.toordinal()
        if end_day is not None and day > end_day:
            after_end += 1
            continue
        if last_day is None or day > last_day:
            last_day = day
        record = customers.get(customer_id)
        if record is None:
            customers[customer_id] = _Customer(day, amount)
        else:
            record.add(day, amount)
        if progress and n % 50_000 == 0:
            progress("read", n, None)
    if not customers:
        if end is not None:
            raise InputError("no_transactions_before_end", "file", end=end.isoformat())
        raise InputError("no_transactions", "file")
    end_day = end_day if end_day is not None else last_day
    scale = UNIT_DAYS[unit]
    rows = []
    for customer_id, record in customers.items():
        days = sorted(set(record.days))
        x = len(days) - 1
        repeat_total = record.total - record.first_total
        rows.append({
            "customer_id": customer_id,
            "frequency": x,
            "recency": (days[-1] - record.first) / scale,
            "T": (end_day - record.first) / scale,
            "monetary_value": repeat_total / x if x else 0.0,
            "total": record.total,
            "historical_clv": record.total * margin,
        })
    report.update(rows_after_end=after_end, rows_used=report["rows"] - report["bad_rows"] - after_end,
                  customers=len(rows), unit=unit, unit_days=scale,
                  start=date.fromordinal(min(r.first for r in customers.values())).isoformat(),
                  end=date.fromordinal(end_day).isoformat())
    if progress:
        progress("read", report["rows"], report["rows"])
    return {"customers": rows, "cohorts": cohort_retention(customers.values(), end_day),
            "report": report}


def cohort_retention(customers: Iterable[_Customer], end_day: int) -> list[dict[str, Any]]:
    """Cohorts by calendar month of first purchase, and how many buy each month after.

    ``active[k]`` counts the cohort's customers with a purchase in the k-th
    calendar month after their first (k = 0 is the first month, so it is the
    cohort size); ``retention[k] = active[k] / customers``.  Months after
    *end_day*'s month are not listed.
    """
    def month_index(day: int) -> int:
        d = date.fromordinal(day)
        return d.year * 12 + d.month - 1

    last = month_index(end_day)
    cohorts: dict[int, list[int]] = {}
    for record in customers:
        start = month_index(record.first)
        active = cohorts.setdefault(start, [0] * (last - start + 1))
        for k in {month_index(day) - start for day in record.days}:
            active[k] += 1
    table = []
    for start in sorted(cohorts):
        active = cohorts[start]
        table.append({"cohort": f"{start // 12:04d}-{start % 12 + 1:02d}", "customers": active[0],
                      "active": active, "retention": [a / active[0] for a in active]})
    return table
