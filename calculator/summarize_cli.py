"""``python -m calculator summarize FILE --engine duckdb|spark``: the summary step at scale.

Runs ``sql/customer_summary.sql`` (``calculator.warehouse``) on a CSV or
Parquet log and writes one row per customer (or per identical history with
``--grouped``) for ``analyze --summary``.  Exit status 0 done, 2 bad input
(one line on stderr naming the option or the file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from . import messages
from .inputs import InputError
from .warehouse import ENGINES, summarize_file

EXIT_BAD_INPUT = 2
OPTIONS = ("engine", "end", "holdout_end", "unit", "date_format")


def add_summarize_parser(subcommands: Any) -> None:
    """The ``summarize`` subcommand and its options."""
    sub = subcommands.add_parser(
        "summarize", help="per-customer summary of a large log with DuckDB or Spark",
        description="One row per customer (frequency, recency, T, monetary_value, "
                    "total_spend, holdout_frequency) from a CSV or Parquet log, with the "
                    "SQL of calculator/sql/customer_summary.sql.")
    sub.add_argument("file", metavar="FILE", help="the transaction log (.csv or .parquet)")
    sub.add_argument("--out", required=True, metavar="SUMMARY",
                     help="where to write the summary (.csv or .parquet; Spark writes Parquet)")
    sub.add_argument("--engine", choices=tuple(ENGINES), default="duckdb")
    sub.add_argument("--end", help="last calibration day, YYYY-MM-DD (default: last date)")
    sub.add_argument("--holdout-end", help="last holdout day, YYYY-MM-DD (default: no holdout)")
    sub.add_argument("--unit", choices=("day", "week", "month"), default="week")
    sub.add_argument("--grouped", action="store_true",
                     help="one row per identical history, with a count column")
    sub.add_argument("--customer-column")
    sub.add_argument("--date-column")
    sub.add_argument("--amount-column")
    sub.add_argument("--date-format", help="strptime format, e.g. %%d.%%m.%%Y (DuckDB only)")
    sub.add_argument("--decimal", choices=(".", ","), default=".")
    sub.add_argument("--locale", default="en", help="language of messages (en lt nl pl uk vi)")


def run_summarize(args: argparse.Namespace, _: Callable[[str], str]) -> int:
    """Run ``summarize`` for parsed *args*; returns the exit status."""
    def label(field: str) -> str:
        if field in OPTIONS:
            return "--" + field.replace("_", "-")
        return _(messages.LABELS[field]) if field in messages.LABELS else field

    try:
        report = summarize_file(
            args.file, args.out, engine=args.engine, end=args.end, holdout_end=args.holdout_end,
            unit=args.unit, grouped=args.grouped, customer_column=args.customer_column,
            date_column=args.date_column, amount_column=args.amount_column,
            date_format=args.date_format, decimal=args.decimal)
    except InputError as error:
        text = messages.render(error.code, error.field, error.values, _, label=label)
        print(f"python -m calculator summarize: error: {args.file}: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"python -m calculator summarize: error: {args.file}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(json.dumps(report))
    return 0
