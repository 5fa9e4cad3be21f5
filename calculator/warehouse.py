"""The per-customer summary in SQL, run by DuckDB or Spark on logs of any size.

The models need one row per customer (x, t_x, T, m_x), not the log itself, and
in a warehouse that summary is one query: ``sql/customer_summary.sql``, the same
text for every engine, with the definitions of ``calculator.customers``.  This
module reads a CSV or Parquet log into the engine as the view
``transactions(customer_id, order_day, amount)``, fills in the query's three
numbers and writes the summary (CSV or Parquet) that ``analyze --summary`` reads.

DuckDB and PySpark are optional: the calculator package itself stays
standard-library only, and each engine is imported only when it is used.

Dates: ISO 8601 ("1997-01-31", with or without a time) or eight digits
("19970131") are recognised from the first row; another layout needs
*date_format* (strptime codes, DuckDB only).  Amounts use a decimal point, or
*decimal* = "," for decimal commas.  Customer ids are read as text, so leading
zeros stay.  The stdlib reader (``calculator.transactions``) is the one for
Excel's regional exports; these engines are for clean exports at scale.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from .inputs import InputError
from .transactions import UNIT_DAYS, find_columns, parse_date

__all__ = ["ENGINES", "summary_query", "summarize_file", "EPOCH"]

EPOCH = date(1970, 1, 1)
ENGINES = {"duckdb": "duckdb==2.0.0", "spark": "pyspark==4.3.0"}
SUMMARY_COLUMNS = ("customer_id", "frequency", "recency", "T", "monetary_value",
                   "total_spend", "holdout_frequency", "holdout_duration")
# Grouped output: customers with identical histories share one row and a count.
HISTORY = ("frequency", "recency", "T", "monetary_value")
EIGHT_DIGITS = re.compile(r"\d{8}")


def summary_query(*, end_day: int, unit_days: float, holdout_end_day: int | None = None,
                  grouped: bool = False) -> str:
    """The text of ``sql/customer_summary.sql`` with its three numbers filled in.

    Only Python ints and floats are written into the text, so no input can
    change the query.  *grouped* wraps it to one row per identical history
    with ``count`` (and the sums of ``total_spend`` and ``holdout_frequency``).

    >>> "WHERE order_day <= 10227" in summary_query(end_day=10227, unit_days=7.0)
    True
    """
    if holdout_end_day is None:
        holdout_end_day = end_day
    numbers = {"end_day": int(end_day), "holdout_end_day": int(holdout_end_day),
               "unit_days": repr(float(unit_days))}
    text = resources.files("calculator").joinpath("sql/customer_summary.sql").read_text("utf-8")
    query = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    query = query.format(**numbers)
    if not grouped:
        return query
    history = ", ".join(HISTORY)
    return (f"SELECT {history}, COUNT(*) AS count, SUM(total_spend) AS total_spend, "
            f"SUM(holdout_frequency) AS holdout_frequency, MAX(holdout_duration) AS holdout_duration "
            f"FROM ({query}) AS customers GROUP BY {history}")


def day_number(day: date) -> int:
    """Days since 1970-01-01, the ``order_day`` of the query.

    >>> day_number(date(1997, 9, 30))
    10134
    """
    return day.toordinal() - EPOCH.toordinal()


def summarize_file(path: str | Path, out: str | Path, *, engine: str = "duckdb",
                   end: str | None = None, holdout_end: str | None = None,
                   unit: str = "week", grouped: bool = False,
                   customer_column: str | None = None, date_column: str | None = None,
                   amount_column: str | None = None, date_format: str | None = None,
                   decimal: str = ".") -> dict[str, Any]:
    """Summarise the log at *path* (CSV or Parquet) into *out* (.csv or .parquet).

    *end* (ISO date; default the last date in the log) ends the calibration
    period; *holdout_end* the holdout.  Returns a small report: engine, rows
    written, end, holdout end, unit.
    """
    if engine not in ENGINES:
        raise InputError("not_one_of", "engine", text=engine, choices=", ".join(ENGINES))
    if unit not in UNIT_DAYS or unit == "year":
        raise InputError("not_one_of", "unit", text=unit, choices="day, week, month")
    end_date = _date_option(end, "end")
    holdout_date = _date_option(holdout_end, "holdout_end")
    run = _duckdb if engine == "duckdb" else _spark
    return run(Path(path), Path(out), end_date=end_date, holdout_date=holdout_date,
               unit=unit, grouped=grouped,
               columns=(customer_column, date_column, amount_column),
               date_format=date_format, decimal=decimal)


def _date_option(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise InputError("not_a_date", field, text=text) from None


def _engine(module: str):
    try:
        return __import__(module)
    except ImportError:
        name = "spark" if module == "pyspark" else module
        raise InputError("engine_not_installed", "engine", package=module,
                         command=f"pip install {ENGINES[name]}") from None


def _days(end_date: date | None, holdout_date: date | None, last_day: int) -> tuple[int, int]:
    end_day = day_number(end_date) if end_date else last_day
    holdout_day = day_number(holdout_date) if holdout_date else end_day
    if holdout_day < end_day:
        raise InputError("exceeds", "end", other="holdout_end")
    return end_day, holdout_day


# DuckDB ----------------------------------------------------------------------


def _duckdb(path: Path, out: Path, *, end_date, holdout_date, unit, grouped, columns,
            date_format, decimal) -> dict[str, Any]:
    duckdb = _engine("duckdb")
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")  # less memory; order is not needed
        source = _literal(str(path))
        parquet = path.suffix.lower() == ".parquet"
        peek = (f"read_parquet('{source}')" if parquet
                else f"read_csv('{source}', header = true, all_varchar = true)")
        header = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {peek}").fetchall()]
        found = find_columns(header, *columns)
        names = {k: header[found[k]] for k in ("customer", "date", "amount")}
        if not parquet:
            # Ids as text, so "00042" keeps its zeros; a given date format reads text too.
            text_columns = [names["customer"]] + ([names["date"]] if date_format else [])
            types = ", ".join(f"'{_literal(n)}': 'VARCHAR'" for n in text_columns)
            con.execute(f"CREATE VIEW raw AS SELECT * FROM read_csv('{source}', header = true, "
                        f"types = {{{types}}})")
        else:
            con.execute(f"CREATE VIEW raw AS SELECT * FROM {peek}")
        kinds = {row[0]: row[1] for row in con.execute("DESCRIBE raw").fetchall()}
        customer, when, amount = (_quoted(names[k]) for k in ("customer", "date", "amount"))
        day = _duckdb_day(con, when, kinds[names["date"]], date_format)
        money = (f"CAST({amount} AS DOUBLE)" if kinds[names["amount"]] != "VARCHAR"
                 else f"CAST(TRIM({_decimal_point(amount, decimal)}) AS DOUBLE)")
        con.execute(
            "CREATE VIEW transactions AS SELECT "
            f"TRIM(CAST({customer} AS VARCHAR)) AS customer_id, "
            f"date_diff('day', DATE '1970-01-01', {day}) AS order_day, "
            f"{money} AS amount FROM raw")
        last_day = con.execute("SELECT MAX(order_day) FROM transactions").fetchone()[0]
        if last_day is None:
            raise InputError("no_transactions", "file")
        end_day, holdout_day = _days(end_date, holdout_date, last_day)
        query = summary_query(end_day=end_day, unit_days=UNIT_DAYS[unit],
                              holdout_end_day=holdout_day, grouped=grouped)
        kind = "parquet" if out.suffix.lower() == ".parquet" else "csv"
        # COPY answers with the number of rows it wrote.
        rows = con.execute(f"COPY ({query}) TO '{_literal(str(out))}' (FORMAT {kind})").fetchone()[0]
    except duckdb.Error as error:
        raise InputError("engine_failed", "file", engine="DuckDB",
                         detail=str(error).splitlines()[0]) from None
    finally:
        con.close()
    return _report("duckdb", rows, end_day, holdout_day, unit)


def _duckdb_day(con, column: str, kind: str, date_format: str | None) -> str:
    """A DuckDB DATE expression for the date *column* of type *kind*."""
    if kind == "DATE":
        return column
    if kind.startswith("TIMESTAMP"):
        return f"CAST({column} AS DATE)"
    text = f"TRIM(CAST({column} AS VARCHAR))"
    if date_format is None and kind != "VARCHAR":  # 19970131 read as a number
        date_format = "%Y%m%d"
    if date_format is None:
        first = con.execute(f"SELECT {text} FROM raw LIMIT 1").fetchone()
        if first and EIGHT_DIGITS.fullmatch(first[0] or ""):
            date_format = "%Y%m%d"
    if date_format:
        return f"CAST(strptime({text}, '{_literal(date_format)}') AS DATE)"
    return f"CAST(LEFT({text}, 10) AS DATE)"


def _decimal_point(column: str, decimal: str) -> str:
    """Amount text with a decimal point: "1.234,50" -> "1234.50" when *decimal* is ","."""
    text = f"CAST({column} AS VARCHAR)"
    return f"REPLACE(REPLACE({text}, '.', ''), ',', '.')" if decimal == "," else text


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return text.replace("'", "''")


def _report(engine: str, rows: int, end_day: int, holdout_day: int, unit: str) -> dict[str, Any]:
    def iso(n: int) -> str:
        return date.fromordinal(n + EPOCH.toordinal()).isoformat()
    return {"engine": engine, "rows": rows, "end": iso(end_day),
            "holdout_end": iso(holdout_day) if holdout_day != end_day else None, "unit": unit}


# Spark -----------------------------------------------------------------------


def _spark(path: Path, out: Path, *, end_date, holdout_date, unit, grouped, columns,
           date_format, decimal) -> dict[str, Any]:
    """The same query on Spark (local mode here, a cluster's session elsewhere); writes Parquet."""
    _engine("pyspark")
    from pyspark.sql import SparkSession  # noqa: PLC0415 (optional engine)

    if date_format:
        raise InputError("not_one_of", "date_format", text=date_format, choices="ISO 8601, YYYYMMDD")
    spark = (SparkSession.builder.master("local[*]").appName("clv-summary")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        reader = spark.read
        raw = (reader.parquet(str(path)) if path.suffix.lower() == ".parquet"
               else reader.option("header", True).option("inferSchema", False).csv(str(path)))
        raw.createOrReplaceTempView("raw")
        header = raw.columns
        found = find_columns(header, *columns)
        customer, when, amount = (f"`{header[found[k]]}`" for k in ("customer", "date", "amount"))
        first = spark.sql(f"SELECT CAST({when} AS STRING) FROM raw LIMIT 1").first()
        if first is None:
            raise InputError("no_transactions", "file")
        eight = EIGHT_DIGITS.fullmatch(first[0].strip())
        day = (f"to_date(trim(CAST({when} AS STRING)), 'yyyyMMdd')" if eight
               else f"to_date(left(trim(CAST({when} AS STRING)), 10))")
        money = f"CAST({amount} AS STRING)"
        if decimal == ",":
            money = f"replace(replace({money}, '.', ''), ',', '.')"
        spark.sql("SELECT trim(CAST({0} AS STRING)) AS customer_id, unix_date({1}) AS order_day, "
                  "CAST(trim({2}) AS DOUBLE) AS amount FROM raw".format(customer, day, money)
                  ).createOrReplaceTempView("transactions")
        last_day = spark.sql("SELECT MAX(order_day) FROM transactions").first()[0]
        end_day, holdout_day = _days(end_date, holdout_date, last_day)
        query = summary_query(end_day=end_day, unit_days=UNIT_DAYS[unit],
                              holdout_end_day=holdout_day, grouped=grouped)
        result = spark.sql(query)
        result.write.mode("overwrite").parquet(str(out))
        rows = spark.read.parquet(str(out)).count()
    finally:
        spark.stop()
    return _report("spark", rows, end_day, holdout_day, unit)
