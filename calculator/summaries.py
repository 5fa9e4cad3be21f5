"""Reading a per-customer summary (x, t_x, T, m_x) instead of a transaction log.

A warehouse turns a log of any size into one row per customer with the query
in ``sql/customer_summary.sql`` (``calculator.warehouse``); the models need
nothing else.  ``read_summary`` checks such a file and answers rows shaped like
``customers.summarize``'s customers, so the analysis runs unchanged on them.

Columns (a header row; names as the query writes them):

* ``customer_id``, or ``count``: a row per customer, or per group of customers
  with identical histories (then ``total_spend`` and ``holdout_frequency`` are
  the group's sums);
* ``frequency`` (x, whole, at least 0), ``recency`` (t_x) and ``T``, in the
  analysis' time unit, with 0 <= t_x <= T; ``monetary_value`` (m_x, the mean
  repeat-purchase amount, 0 for one-time buyers);
* optional: ``total_spend`` (spend so far, for historical CLV; default
  m_x × x, which leaves out the first purchase), ``holdout_frequency`` and
  ``holdout_duration``.

A bad value raises ``InputError`` naming the line and the column.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .inputs import InputError
from .transactions import MAX_ROWS, UNIT_DAYS

__all__ = ["read_summary", "read_summary_file", "summary_for_analysis", "REQUIRED", "OPTIONAL"]

REQUIRED = ("frequency", "recency", "T", "monetary_value")
OPTIONAL = ("customer_id", "count", "total_spend", "holdout_frequency", "holdout_duration")
# Durations are compared after division by a unit: allow the rounding of a CSV writer.
SLACK = 1e-9


def read_summary(source: str | Iterable[str], *, margin: float = 1.0) -> list[dict[str, Any]]:
    """Rows of a summary CSV (text or lines) as customer dicts for the analysis.

    >>> rows = read_summary("customer_id,frequency,recency,T,monetary_value\\na,2,3.5,10,20\\n")
    >>> rows[0]["customer_id"], rows[0]["count"], rows[0]["total"]
    ('a', 1, 40.0)
    """
    lines = io.StringIO(source, newline="") if isinstance(source, str) else source
    reader = csv.reader(lines)
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader)]
    except StopIteration:
        raise InputError("empty_file", "file") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing or not ({"customer_id", "count"} & set(header)):
        raise InputError("missing_column", missing[0] if missing else "customer_id", line=1,
                         header=", ".join(header))
    index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    rows = []
    for row in reader:
        if not row or not any(cell.strip() for cell in row):
            continue
        rows.append(_customer(row, index, reader.line_num, margin))
    if not rows:
        raise InputError("no_transactions", "file")
    return rows


def read_summary_file(path: str | Path, *, margin: float = 1.0) -> list[dict[str, Any]]:
    """``read_summary`` on a CSV file, or on a Parquet file through DuckDB (optional)."""
    path = Path(path)
    if path.suffix.lower() != ".parquet":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return read_summary(stream, margin=margin)
    from .warehouse import _engine  # noqa: PLC0415 (DuckDB is optional)
    duckdb = _engine("duckdb")
    con = duckdb.connect()
    try:
        relation = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        names = [d[0] for d in relation.description]
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(names)
        writer.writerows(["" if v is None else repr(v) if isinstance(v, float) else v for v in row]
                         for row in relation.fetchall())
    finally:
        con.close()
    return read_summary(text.getvalue(), margin=margin)


def _customer(row: list[str], index: dict[str, int], line: int, margin: float) -> dict[str, Any]:
    def cell(name: str) -> str | None:
        i = index.get(name)
        return row[i].strip() if i is not None and i < len(row) else None

    def number(name: str, *, whole: bool = False, minimum: float | None = 0.0) -> float:
        text = cell(name) or ""
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if whole and math.isfinite(value) and value != int(value):
            value = math.nan
        if not math.isfinite(value) or (minimum is not None and value < minimum):
            code = ("summary_not_whole" if whole else "summary_not_a_number" if minimum is None
                    else "summary_not_non_negative")
            raise InputError(code, name, line=line, text=text, minimum=int(minimum or 0))
        return int(value) if whole else value

    x = number("frequency", whole=True)
    t_x, T = number("recency"), number("T")
    if t_x > T * (1 + SLACK) + SLACK:
        raise InputError("summary_recency_after_T", "recency", line=line, other="T")
    m_x = number("monetary_value", minimum=None)
    count = number("count", whole=True, minimum=1) if "count" in index else 1
    total = number("total_spend", minimum=None) if cell("total_spend") else m_x * x * count
    customer: dict[str, Any] = {
        "customer_id": cell("customer_id") if "customer_id" in index else f"#{line}",
        "frequency": x, "recency": t_x, "T": T, "monetary_value": m_x,
        "total": total, "historical_clv": total * margin, "count": count,
    }
    if cell("holdout_frequency"):
        customer["holdout_frequency"] = number("holdout_frequency", whole=True)
        customer["holdout_duration"] = number("holdout_duration") if cell("holdout_duration") else None
    return customer


def summary_for_analysis(rows: list[dict[str, Any]], *, unit: str = "week") -> dict[str, Any]:
    """``read_summary``'s rows as ``customers.summarize`` answers, for ``analysis.analyze(summary=…)``.

    A row with a ``count`` stands for that many customers with its history:
    they are listed one by one (``id#1``, ``id#2``…), at most
    ``transactions.MAX_ROWS`` in all; past that, fit the grouped file with the
    models directly (``benchmarks/warehouse.py`` shows how).  The file has no
    dates: the period is not known and there are no cohorts.

    >>> rows = read_summary("count,frequency,recency,T,monetary_value\\n2,1,3,10,20\\n")
    >>> [c["customer_id"] for c in summary_for_analysis(rows)["customers"]]
    ['#2#1', '#2#2']
    """
    if sum(row["count"] for row in rows) > MAX_ROWS:
        raise InputError("too_many_rows", "file", line=len(rows) + 1, limit=MAX_ROWS)
    customers = []
    for row in rows:
        count = row["count"]
        share = {"total": row["total"] / count, "historical_clv": row["historical_clv"] / count}
        for k in range(1, count + 1):
            name = row["customer_id"] if count == 1 else f"{row['customer_id']}#{k}"
            customers.append({"customer_id": name, "frequency": row["frequency"],
                              "recency": row["recency"], "T": row["T"],
                              "monetary_value": row["monetary_value"], **share})
    report = {"rows": len(rows), "rows_used": len(rows), "bad_rows": 0, "errors": [],
              "rows_after_end": 0, "customers": len(customers), "unit": unit,
              "unit_days": UNIT_DAYS[unit], "start": None, "end": None}
    return {"customers": customers, "cohorts": [], "report": report}
