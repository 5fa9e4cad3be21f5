"""``python -m calculator retention --active "1000 869 743 …"``: the sBG model
of contractual retention (``calculator.models.sbg``) from active counts.

Each ``--active`` is one cohort: the customers still active at the start of
periods 0, 1, 2, … (the first count is the cohort's size), separated by
spaces or ";", in English number format ("1,000" is a thousand).  Repeat
``--active`` for several cohorts.  ``--margin`` is the net cash flow per
customer and period (money), ``--discount-rate`` the rate per period.
Exit status 2 on bad input, with one line on stderr naming the option.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import Any

from . import messages
from .inputs import InputError, parse_number
from .models import sbg

EXIT_BAD_INPUT = 2
OPTIONS = {"active": "--active", "margin": "--margin", "discount_rate": "--discount-rate",
           "periods": "--periods"}


def add_retention_parser(subcommands: Any) -> None:
    """The ``retention`` subcommand and its options."""
    sub = subcommands.add_parser(
        "retention", help="contractual retention and residual value (sBG model)",
        description="Fit the shifted-beta-geometric model (Fader & Hardie 2007) to the "
                    "customers still active per period and value those active now "
                    "(Fader & Hardie 2010).")
    sub.add_argument("--active", action="append", required=True, metavar="COUNTS",
                     help='one cohort: active customers at the start of periods 0, 1, ... '
                          '("1000 869 743"); repeat for more cohorts')
    sub.add_argument("--margin", default="1",
                     help="net cash flow per customer and period, money (default 1: "
                          "values are in periods)")
    sub.add_argument("--discount-rate", default="0.1",
                     help="discount rate per period, 0.1 or 10%% (default 0.1)")
    sub.add_argument("--periods", default="0",
                     help="periods to project beyond the longest cohort (default 0)")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("--locale", default="en", help="language of messages (en lt nl pl uk vi)")


def counts(text: str) -> list[float]:
    """The counts of one ``--active`` value.

    >>> counts("1,000 869; 743")
    [1000.0, 869.0, 743.0]
    """
    return [parse_number(token, "en", field="active") for token in re.split(r"[\s;]+", text.strip())
            if token]


def run_retention(args: argparse.Namespace, _: Callable[[str], str]) -> int:
    """Run ``retention`` for parsed *args*; returns the exit status."""
    try:
        rate = parse_number(args.discount_rate, "en", field="discount_rate")
        if args.discount_rate.strip().endswith("%"):
            rate /= 100
        result = sbg.project(active=[counts(text) for text in args.active],
                             margin=parse_number(args.margin, "en", field="margin"),
                             discount_rate=rate,
                             periods=parse_number(args.periods, "en", field="periods"))
    except InputError as error:
        text = messages.render(error.code, error.field, error.values, _,
                               label=lambda f: OPTIONS.get(f) or (_(messages.LABELS[f])
                                                                  if f in messages.LABELS else f))
        print(f"python -m calculator retention: error: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(result, allow_nan=False))
    else:
        print(render_retention(result))
    return 0


def render_retention(result: dict[str, Any]) -> str:
    """The plain-text summary: keys and numbers (the papers' symbols, no prose)."""
    lines = [f"sBG: alpha = {result['alpha']:.4g}, beta = {result['beta']:.4g}, "
             f"LL = {result['log_likelihood']:.2f}; {result['customers']:g} customers, "
             f"discount {result['discount_rate']:g} per period, margin {result['margin']:g} "
             f"per period",
             "period  actual  fitted  retention"]
    if result["standard_errors"]:
        lines.insert(1, "  standard errors: " + ", ".join(
            f"{k} {v:.4g}" for k, v in result["standard_errors"].items()))
    for row in result["curve"]:
        actual = "" if row["actual"] is None else f"{row['actual']:.4f}"
        retention = "" if row["retention"] is None else f"{row['retention']:.4f}"
        lines.append(f"  {row['period']:>4}  {actual:>6}  {row['fitted']:.4f}  {retention:>9}")
    lines.append("cohort (customers, active now, renewals, DERL, LTV = margin x DERL, "
                 "residual value):")
    for i, c in enumerate(result["cohorts"], 1):
        lines.append(f"  {i}  {c['customers']:g}  {c['active']:g}  {c['renewals']}  "
                     f"{c['derl']:.4f}  {c['lifetime_value']:,.2f}  {c['residual_value']:,.2f}")
    lines.append(f"new customer: DEL = {result['new_customer_del']:.4f}, "
                 f"value = {result['new_customer_value']:,.2f}")
    lines.append(f"total residual value: {result['total_residual_value']:,.2f}")
    return "\n".join(lines)
