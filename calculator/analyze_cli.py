"""``python -m calculator analyze FILE.csv``: predictive CLV from a transaction log.

Reads the CSV (streamed), fits BG/NBD + Gamma-Gamma, prints a summary (or
``--json``), and with ``--out`` writes one row per customer.  Exit status:
0 done; 2 bad input, a bad file or a model that cannot be fitted (one line
on stderr naming the option, the file's line or the model); ``--no-models``
gives the historical part only.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from . import messages
from ._number_symbols import NUMBER_SYMBOLS
from .analysis import COLUMNS, DEFAULTS, HORIZON_UNITS, MODEL_UNITS, RATE_UNITS, analyze
from .dates import DATE_ORDERS
from .decoding import encoding_name
from .errors import CalculatorError
from .inputs import from_percent, parse_number, to_percent
from .models.clv import DEFAULT_ANNUAL_DISCOUNT_RATE
from .models.table import PURCHASE_MODELS
from .summaries import read_summary_file, summary_for_analysis

EXIT_BAD_INPUT = 2
# Fields that are CLI options: errors name them as "--option".
OPTIONS = ("end", "unit", "horizon", "horizon_unit", "discount_rate", "margin", "top",
           "date_order", "encoding", "model", "holdout_end")

HELP_UNITS = (
    "Time units: durations are whole days; a month is 365.25/12 = 30.4375 days. "
    "The model is fitted in --unit; the horizon is converted from --horizon-unit "
    "(12 months = 52.18 weeks, not 12 weeks); --discount-rate is per "
    "--discount-rate-unit (default: %d%% per year) and is converted by compounding "
    "(1%% a month is 12.7%% a year). Output: historical_clv = spend so far x margin; "
    "clv = residual CLV, the discounted expected margin from --end to the horizon; "
    "total_clv = both." % to_percent(DEFAULT_ANNUAL_DISCOUNT_RATE)
)


def add_analyze_parser(subcommands: Any) -> None:
    """The ``analyze`` subcommand and its options."""
    sub = subcommands.add_parser(
        "analyze", help="predictive CLV from a transaction CSV (BG/NBD + Gamma-Gamma)",
        description="Predictive CLV from a transaction CSV (customer, date, amount) "
                    "with the BG/NBD and Gamma-Gamma models.", epilog=HELP_UNITS)
    sub.add_argument("file", metavar="FILE.csv",
                     help="the transaction log (CSV; UTF-8, UTF-16 or a Windows code page)")
    sub.add_argument("--summary", action="store_true",
                     help="FILE is a per-customer summary (frequency, recency, T, monetary_value; "
                          "CSV or Parquet), e.g. from `summarize` or the warehouse SQL, in --unit")
    sub.add_argument("--end", help="last observed day, YYYY-MM-DD (default: last date in the file)")
    sub.add_argument("--unit", choices=MODEL_UNITS, default=DEFAULTS["unit"], help="model time unit")
    sub.add_argument("--horizon", default=str(DEFAULTS["horizon"]).rstrip("0").rstrip("."),
                     help="how far ahead CLV looks, in --horizon-unit (default 12)")
    sub.add_argument("--horizon-unit", choices=HORIZON_UNITS, default=DEFAULTS["horizon_unit"],
                     help="unit of --horizon, and the discounting step (default month)")
    sub.add_argument("--discount-rate", default=str(DEFAULT_ANNUAL_DISCOUNT_RATE),
                     help="discount rate per --discount-rate-unit, 0.1 or 10%% (default 0.1 a year)")
    sub.add_argument("--discount-rate-unit", choices=RATE_UNITS, default=DEFAULTS["discount_rate_unit"],
                     help="the period of --discount-rate (default year)")
    sub.add_argument("--margin", default="1", help="margin on spend, 0.3 or 30%% (default 1: revenue)")
    sub.add_argument("--model", choices=tuple(PURCHASE_MODELS), default=DEFAULTS["model"],
                     help="the purchase model that predicts (default %(default)s)")
    sub.add_argument("--compare", action="store_true",
                     help="also fit the other purchase models and compare them (AIC, BIC)")
    sub.add_argument("--holdout-end", metavar="YYYY-MM-DD",
                     help="check the predictions on the purchases after --end up to this day "
                          "(needs --end); with --compare the model with the lowest holdout "
                          "error is recommended")
    sub.add_argument("--intervals", action="store_true",
                     help="95%% intervals for total residual CLV and for each customer segment "
                          "(delta method; slower)")
    sub.add_argument("--out", metavar="RESULTS.csv", help="write one row per customer")
    sub.add_argument("--no-models", dest="models", action="store_false",
                     help="historical CLV and cohorts only (no BG/NBD, Gamma-Gamma)")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("--top", type=int, default=DEFAULTS["top"], help="top customers shown")
    sub.add_argument("--customer-column", help="name of the customer id column")
    sub.add_argument("--date-column", help="name of the date column")
    sub.add_argument("--amount-column", help="name of the amount column")
    sub.add_argument("--date-format", help="strptime format of the dates, e.g. %%d/%%m/%%Y "
                                           "(default: ISO 8601)")
    sub.add_argument("--date-order", choices=DATE_ORDERS,
                     help="how to read dates such as 01/02/2024 when the file does not tell: "
                          "dmy (day first), mdy (month first), ymd (default: from the file)")
    sub.add_argument("--delimiter", help="field delimiter (default: detected , ; or tab)")
    sub.add_argument("--decimal", choices=(".", ","), help="decimal mark of amounts "
                                                           "(default: detected)")
    sub.add_argument("--encoding", help="text encoding (default: detected: UTF-8, UTF-16 with a "
                                        "BOM, else the --locale's Windows code page or the "
                                        "one its text fits)")
    sub.add_argument("--skip-bad-rows", action="store_true",
                     help="skip unreadable rows (they are counted and reported)")
    sub.add_argument("--progress", action="store_true",
                     help="show progress on stderr even when it is not a terminal")
    sub.add_argument("--locale", default="en", help="language of messages and of the column "
                                                    "names recognised besides English "
                                                    f"({' '.join(sorted(NUMBER_SYMBOLS))})")


def _rate(text: str, name: str) -> float:
    """An English-format number; "30%" means 0.3."""
    value = parse_number(text, "en", field=name)
    return from_percent(value) if text.strip().endswith("%") else value


def run_analyze(args: argparse.Namespace, _: Callable[[str], str]) -> int:
    """Run ``analyze`` for parsed *args*; returns the exit status."""
    def label(field: str) -> str:
        if field in OPTIONS:
            return "--" + field.replace("_", "-")
        return _(messages.LABELS[field]) if field in messages.LABELS else field

    def fail(error: CalculatorError) -> int:
        text = messages.render(error.code, error.field, error.values, _, label=label)
        if error.code == "ambiguous_date_order":  # the choice, as this tool spells it
            text += " (--date-order dmy | --date-order mdy)"
        print(f"python -m calculator analyze: error: {args.file}: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT

    try:
        if args.encoding:
            codecs.lookup(args.encoding)
    except LookupError:  # checked first: a LookupError from the analysis would be a bug
        print(f"python -m calculator analyze: error: --encoding: unknown encoding {args.encoding!r}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    show_progress = args.progress or sys.stderr.isatty()
    try:
        options: dict[str, Any] = {
            "end": args.end, "unit": args.unit, "horizon_unit": args.horizon_unit,
            "horizon": parse_number(args.horizon, "en", field="horizon"),
            "discount_rate": _rate(args.discount_rate, "discount_rate"),
            "discount_rate_unit": args.discount_rate_unit,
            "margin": _rate(args.margin, "margin"), "top": args.top,
            "skip_bad_rows": args.skip_bad_rows, "models": args.models,
            "model": args.model, "compare": args.compare,
            "holdout_end": args.holdout_end, "intervals": args.intervals,
        }
        for name in ("customer_column", "date_column", "amount_column", "date_format",
                     "date_order", "delimiter", "decimal", "encoding"):
            if getattr(args, name) is not None:
                options[name] = getattr(args, name)
        options["language"] = args.locale
        options["header_names"] = messages.header_names(_)
        # Bytes: the reader detects the encoding (a file is read whole anyway,
        # and within transactions.MAX_ROWS it fits in memory).
        printer = _progress_printer(sys.stderr) if show_progress else None
        if args.summary:
            # One row per customer (or per identical history), as `summarize` or a
            # warehouse's SQL writes it: the models need nothing else.
            rows = read_summary_file(args.file, margin=options["margin"])
            result = analyze(None, options, printer, summary=summary_for_analysis(rows, unit=args.unit))
        else:
            with open(args.file, "rb") as stream:
                data = stream.read()
            result = analyze(data, options, printer)
    except CalculatorError as error:  # a bad option, file or row; a model that cannot be fitted
        return fail(error)
    except OSError as error:  # the file cannot be read
        print(f"python -m calculator analyze: error: {args.file}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        if show_progress:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    if args.out:
        write_results(result, args.out)
    if args.json:
        public = {k: v for k, v in result.items() if k not in ("results", "columns")}
        print(json.dumps(public, allow_nan=False, ensure_ascii=False))
    else:
        print(render_summary(result))
    for error in result["report"]["errors"]:
        text = messages.render(error["code"], error["field"], error["values"], _, label=label)
        print(f"python -m calculator analyze: skipped: {args.file}: {text}", file=sys.stderr)
    return 0


def _progress_printer(stream: TextIO) -> Callable[[str, int, int | None], None]:
    def show(stage: str, done: int, total: int | None) -> None:
        count = f"{done}/{total}" if total else str(done)
        print(f"\r\033[K{stage} {count}", end="", file=stream, flush=True)
    return show


def write_results(result: dict[str, Any], path: str) -> None:
    """One CSV row per customer: the ``analysis.COLUMNS``, dot decimals, empty for None."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in result["results"]:
            writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])


def render_summary(result: dict[str, Any]) -> str:
    """The plain-text summary: keys and numbers (the paper's symbols, no prose)."""
    s = result["settings"]
    report = result["report"]
    lines = [
        f"file: {report.get('encoding') and encoding_name(report['encoding'])}, "
        f"delimiter {report['delimiter']!r}, decimal {report['decimal']!r}, "
        f"dates {report.get('date_pattern') or 'YYYY-MM-DD'}",
        f"customers: {result['customers']}",
        f"transactions: {result['transactions']}",
        (f"period: {s['start']} .. {s['end']}" if s["start"] else "period: as summarised")
        + f" (unit: {s['unit']} = {s['unit_days']:g} days)",
    ]
    if report["bad_rows"] or report["rows_after_end"]:
        lines.append(f"rows: {report['rows']} read, {report['bad_rows']} bad (skipped), "
                     f"{report['rows_after_end']} after end")
    if report.get("refund_only_customers"):
        lines.append(f"customers with refunds only (left out): {report['refund_only_customers']}, "
                     f"refunds {report['refund_only_total']:,.2f}; e.g. "
                     + ", ".join(report["refund_only_examples"][:5]))
    if result["purchase"]:
        m = result["purchase"]
        model = PURCHASE_MODELS[m["model"]]
        values = ", ".join(f"{k} = {m[k]:.4g}" + (f" ({s['unit']}s)" if k in ("alpha", "beta") else "")
                           for k in model.params._fields)
        lines.append(f"{model.name}: {values}, LL = {m['log_likelihood']:.1f}")
        if m.get("standard_errors"):
            lines.append("  standard errors: " + ", ".join(
                f"{k} {v:.4g}" for k, v in m["standard_errors"].items()))
        g = result["gamma_gamma"]
        corr = g["frequency_spend_correlation"]
        lines.append(f"Gamma-Gamma: p = {g['p']:.4g}, q = {g['q']:.4g}, gamma = {g['gamma']:.4g}; "
                     f"{g['customers']} repeat buyers (excluded: {g['excluded_one_time_buyers']} "
                     f"one-time, {g['excluded_non_positive_spend']} spend <= 0); "
                     f"corr(frequency, spend) = {'n/a' if corr is None else f'{corr:.3f}'}")
    holdout = result.get("holdout")
    if holdout:
        error = holdout["error_percent"]
        lines.append(
            f"holdout {holdout['end']} .. {holdout['holdout_end']} ({holdout['length']:.2f} "
            f"{s['unit']}s): actual purchases {holdout['actual_purchases']:,.0f}, predicted "
            f"{holdout['predicted_purchases']:,.1f} ({'n/a' if error is None else f'{error:+.1f}%'}); "
            f"per customer MAE {holdout['mae']:.3f}, RMSE {holdout['rmse']:.3f}")
        lines.append("  by calibration frequency (x, customers, actual mean, predicted mean):")
        for g in holdout["by_frequency"]:
            lines.append(f"    {g['frequency']}{'+' if g['or_more'] else ''}  {g['customers']}  "
                         f"{g['actual']:.3f}  {g['predicted']:.3f}")
    if len(result["models"]) > 1:
        by = result["models"][0]["recommended_by"]
        lines.append(f"models (name, LL, AIC, BIC{', holdout MAE' if by == 'holdout_mae' else ''}; "
                     f"* = recommended, lowest {'holdout MAE' if by == 'holdout_mae' else 'BIC'}):")
        for row in result["models"]:
            mae = f"  {row['holdout']['mae']:.4f}" if "holdout" in row else ""
            lines.append(f"  {row['name']}  {row['log_likelihood']:.1f}  {row['aic']:.1f}  "
                         f"{row['bic']:.1f}{mae}{'  *' if row['recommended'] else ''}")
    t = result["totals"]
    lines.append(f"historical CLV (total x margin {s['margin']:g}): {t['historical_clv']:,.2f}")
    if t["clv"] is not None:
        lines.append(
            f"residual CLV, next {s['horizon']:g} {s['horizon_unit']}s "
            f"(= {s['horizon_in_unit']:.2f} {s['unit']}s; discount {s['discount_rate']:g} "
            f"per {s['discount_rate_unit']} = {s['discount_rate_per_horizon_unit']:.5f} per "
            f"{s['horizon_unit']}): {t['clv']:,.2f}; expected purchases: "
            f"{t['expected_purchases']:,.1f}")
        interval = result.get("clv_interval")
        if interval:
            lines.append(f"  95% interval of residual CLV (delta method, parameter uncertainty "
                         f"only): {interval['lower']:,.2f} .. {interval['upper']:,.2f}")
        for name, part in (result.get("segment_intervals") or {}).items():
            lines.append(f"    segment {name} ({part['customers']} customers): {part['clv']:,.2f}, "
                         f"95% {part['lower']:,.2f} .. {part['upper']:,.2f}")
        lines.append(f"total CLV (historical + residual): {t['total_clv']:,.2f}")
    lines.append("top customers (customer_id, frequency, historical_clv, p_alive, clv):")
    for c in result["top_customers"]:
        predicted = "" if c["clv"] is None else f"  {c['p_alive']:.3f}  {c['clv']:,.2f}"
        lines.append(f"  {c['customer_id']}  {c['frequency']}  {c['historical_clv']:,.2f}{predicted}")
    return "\n".join(lines)
