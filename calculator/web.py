"""The web worker's entry points: data in, data out, never code.

The page posts what the user typed (strings, as typed, in the page's locale)
and the translated message templates it got from the catalogs at build time;
these functions answer with plain dicts the worker hands back to the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from . import counts, messages, subscription
from .analysis import COLUMNS, DEFAULTS, analyze
from .decoding import encoding_name
from .display import format_number
from .errors import CalculatorError, InputError
from .export import data_csv, spreadsheet_csv
from .histogram import histogram, nice_ceiling
from .inputs import from_percent, number_symbols, parse_number, to_percent, within_range
from .models import bgnbd
from .registry import evaluate, parse_input, spec_for
from .segments import SEGMENTS, segments
from .tracking import tracking
from .whatif import cumulative_margin, ltv_cac_band, payback_band, sensitivity

# Decimals shown per output kind: money to the cent, ratios and periods to one,
# a model's parameters to three (as the papers give them), percentages to one.
DECIMALS = {"money": 2, "ratio": 1, "duration": 1, "parameter": 3, "percent": 1}


def calculate(formula_id: str, raw_inputs: Mapping[str, Any], locale: str,
              translations: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Compute a form: ``{"results": ...}`` or ``{"error": ...}``.

    *raw_inputs* are the form's strings; rates are typed in percent. The
    answer gives each result as ``{"value": float, "text": str}`` (text in the
    locale's number format), and ``inputs``: the parsed values with rates in
    percent, the form a shared link carries (dot decimals). An error is
    ``{"code", "field", "message"}``, the message translated through
    *translations* (English msgid -> translated text, from the catalog).

    >>> calculate("churn", {"arpa": "1 200,50", "margin": "80", "churn": "5"}, "lt")["results"]["clv"]
    {'value': 19208.0, 'text': '19\\xa0208,00'}
    >>> calculate("churn", {"arpa": "abc", "margin": "80", "churn": "5"}, "en")["error"]["code"]
    'not_a_number'
    """
    translations = translations or {}
    try:
        spec = spec_for(formula_id)
        number_symbols(locale)
        values, errors = _read_fields(formula_id, raw_inputs, locale)
        if not errors:
            results = evaluate(formula_id, values)
    except CalculatorError as error:
        errors = [error]
    if errors:
        shown = [_error(error, translations, locale) for error in errors]
        return {"error": shown[0], "errors": shown}
    kinds = {output.name: output.kind for output in spec.outputs}
    rates = {param.name for param in spec.params if param.kind == "rate"}
    lists = {param.name for param in spec.params if param.kind == "counts"}
    return {
        "results": {
            name: {"value": value, "text": format_number(to_percent(value) if kinds.get(name) == "percent" else value,
                                                         locale, DECIMALS.get(kinds.get(name, ""), 2))}
            for name, value in results.items()
        },
        "inputs": {name: counts.link_text(value) if name in lists
                   else _dot_decimal(to_percent(value) if name in rates else value) for name, value in values.items()},
        **_views(formula_id, values, results, locale),
    }


def _views(formula_id: str, values: Mapping[str, float], results: Mapping[str, float],
           locale: str) -> dict[str, Any]:
    """The what-if table, the cumulative margin chart and the ratio readings, as texts.

    >>> views = _views("unit_economics", {"arpa": 50, "margin": 0.8, "churn": 0.04, "cac": 300},
    ...                {"ltv_cac": 3.33, "payback": 7.5}, "en")
    >>> views["bands"], views["whatif"]["rows"][0], views["whatif"]["cells"][0][0]
    ({'ltv_cac': 'healthy', 'payback': 'within_twelve'}, {'value': 0.02, 'text': '2'}, '1,875')
    """
    views: dict[str, Any] = {}
    table = sensitivity(formula_id, values)
    if table:
        def rate(value: float | None) -> dict[str, Any] | None:
            return None if value is None else {"value": value, "text": _plain(round(value * 100, 6), locale)}

        views["whatif"] = {
            "row_field": table["row_field"], "column_field": table["column_field"], "current": table["current"],
            "rows": [rate(v) for v in table["rows"]], "columns": [rate(v) for v in table["columns"]],
            "cells": [["–" if clv is None else format_number(clv, locale, 0 if abs(clv) >= 100 else 2)
                       for clv in line] for line in table["clv"]],
        }
    sums = cumulative_margin(formula_id, values)
    if sums:
        views["cumulative"] = {"values": sums, "y_ticks": _ticks(max(sums), locale),
                               "x_ticks": _ticks(len(sums), locale, whole=True)}
    bands = {}
    if "ltv_cac" in results:
        bands["ltv_cac"] = ltv_cac_band(results["ltv_cac"])
    if "payback" in results:
        bands["payback"] = payback_band(results["payback"])
    if bands:
        views["bands"] = bands
    if formula_id == "subscription":
        views["retention"] = subscription.retention_view(values["active"], results, locale, _ticks)
    return views


def _ticks(top: float, locale: str, count: int = 5, whole: bool = False) -> list[dict[str, Any]]:
    """About *count* round tick values from 0 to *top*, with their texts.

    >>> [t["text"] for t in _ticks(1234, "lt")]
    ['0', '500', '1\\xa0000', '1\\xa0500']
    """
    step = nice_ceiling(max(top, 1e-9) / count)
    if whole:
        step = max(1, math.ceil(step))
    decimals = 0 if step >= 1 else 2
    # Up to the first tick at or above *top*, so the highest point has a label above it.
    return [{"value": k * step, "text": format_number(k * step, locale, decimals)}
            for k in range(math.ceil(top / step - 1e-9) + 1)]


def _read_fields(formula_id: str, raw_inputs: Mapping[str, Any],
                 locale: str) -> tuple[dict[str, float], list[InputError]]:
    """Every field read and range-checked: the values, and one error per bad field.

    Each field is read on its own so that the form can show all its errors at
    once; the formula's own checks (which need all values) come after.

    >>> values, errors = _read_fields("churn", {"arpa": "abc", "margin": "1e30", "churn": "5"}, "en")
    >>> values, [(e.code, e.field) for e in errors]
    ({'churn': 0.05}, [('not_a_number', 'arpa'), ('not_a_number', 'margin')])
    >>> [e.code for e in _read_fields("churn", {"arpa": "1" + "0" * 300, "margin": "80", "churn": "5"}, "en")[1]]
    ['too_large']
    """
    spec = spec_for(formula_id)
    for name in raw_inputs:
        spec.param(name)  # rejects unknown fields
    values: dict[str, float] = {}
    errors: list[InputError] = []
    for param in spec.params:
        try:
            value = parse_input(param, raw_inputs.get(param.name), locale, percent_rates=True)
            if value is not None:
                # A list of counts is range-checked count by count (calculator.counts).
                values[param.name] = value if param.kind == "counts" else within_range(param.name, value)
        except InputError as error:
            errors.append(error)
    return values, errors


def localize_inputs(formula_id: str, link_inputs: Mapping[str, str], locale: str) -> dict[str, str]:
    """Values from a shared link (dot decimals) written as a person of *locale* types them.

    Unknown or unreadable values are passed through untouched, so the form
    shows them and the usual error explains what is wrong.

    An unknown formula or locale is ``{"error": ...}`` (``calculate``'s shape).

    >>> localize_inputs("simple", {"aov": "1234.5", "margin": "30"}, "lt")
    {'aov': '1\\xa0234,5', 'margin': '30'}
    >>> localize_inputs("simple", {"aov": "1"}, "xx")["error"]["code"]
    'unsupported_locale'
    """
    try:
        spec = spec_for(formula_id)
        number_symbols(locale)
    except CalculatorError as error:
        return {"error": _error(error, {})}
    names = {param.name for param in spec.params}
    lists = {param.name for param in spec.params if param.kind == "counts"}
    localized = {}
    for name, text in link_inputs.items():
        if name not in names:
            continue
        if name in lists:
            localized[name] = counts.from_link(text)
            continue
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        # "inf", "nan" and "1e400" stay as typed: the form's error explains them.
        localized[name] = _plain(value, locale) if math.isfinite(value) else text
    return localized


def _dot_decimal(value: float) -> str:
    """A value as a link carries it: dot decimal, no float noise ("30", "0.5")."""
    return repr(round(value, 10)).removesuffix(".0")


def _plain(value: float, locale: str) -> str:
    """A number with only the decimals it needs, in the locale's symbols."""
    decimals = 0
    while decimals < 10 and round(value, decimals) != value:
        decimals += 1
    return format_number(value, locale, decimals)


# Placeholders that hold a number to show in the reader's format.
NUMBER_PLACEHOLDERS = ("limit", "found")


def _error(error: CalculatorError, translations: Mapping[str, str], locale: str = "en") -> dict[str, Any]:
    def translate(text: str) -> str:
        return translations.get(text) or text

    values = {name: format_number(float(value), locale, 0) if name in NUMBER_PLACEHOLDERS else value
              for name, value in error.values.items()}
    return {"code": error.code, "field": error.field,
            "message": messages.render(error.code, error.field, values, gettext=translate)}


# The "your data" page ----------------------------------------------------------

# Rows of the per-customer table put in the page; the CSV download has all.
TABLE_ROWS = 100
# Decimals per column of the per-customer table (customer_id is text). The
# columns and their order are analysis.COLUMNS, as in the page's header row.
COLUMN_DECIMALS = {"frequency": 0, "recency": 1, "T": 1, "monetary_value": 2,
                   "historical_clv": 2, "p_alive": 3, "expected_purchases": 2,
                   "expected_avg_value": 2, "clv": 2, "total_clv": 2}
# Summary values and their decimals (None: a whole number).
SUMMARY_DECIMALS = {"customers": 0, "transactions": 0, "r": 4, "alpha": 4, "a": 4, "b": 4,
                    "bgnbd_log_likelihood": 2, "p": 4, "q": 4, "gamma": 4,
                    "gamma_gamma_customers": 0, "excluded_customers": 0,
                    "frequency_spend_correlation": 3, "historical_clv": 2,
                    "expected_purchases": 1, "clv": 2, "total_clv": 2,
                    "bad_rows": 0, "rows_after_end": 0,
                    "average_clv": 2, "average_total_clv": 2, "share_active": 1}
# The per-customer table's columns a phone shows; the others on demand.
ESSENTIAL_COLUMNS = ("customer_id", "p_alive", "clv")
# A customer counts as likely active from this P(alive) (the headline share).
LIKELY_ACTIVE_FROM = 0.5
# About this many labelled ticks on each axis of the tracking plot.
TRACKING_TICKS = 5
# How many skipped-row errors the page lists.
ERRORS_SHOWN = 5


def analyze_for_page(data: Any, options: Mapping[str, Any], locale: str,
                     translations: Mapping[str, str] | None = None,
                     progress: Callable[[str, int, int | None, str], None] | None = None,
                     ) -> "PageAnalysis":
    """Analyse a transaction file for the page: a ``PageAnalysis`` (see ``answer()``).

    *data* is the file's bytes (a ``memoryview`` from the worker is fine);
    *options* the page's fields as typed: ``customer_column``,
    ``date_column``, ``amount_column`` (empty: recognised by name), ``end``
    (ISO date or empty), ``unit`` and ``horizon_unit`` (day, week, month,
    year), ``horizon``, ``discount_rate`` (annual, in percent) and
    ``margin`` (in percent) in *locale*'s number format, ``skip_bad_rows``,
    ``date_order`` (empty: from the file; "dmy", "mdy").  Column names are
    also recognised in *locale*'s language (``messages.header_names``).
    *progress* is called as ``progress(stage, done, total, text)``, *text*
    translated and with numbers in *locale*'s format.

    >>> log = b"customer;date;amount\\na;2024-01-01;10,5\\na;2024-02-01;20\\nb;2024-01-10;15\\n"
    >>> page = analyze_for_page(log, {"margin": "50", "models": False}, "lt")
    >>> page.answer()["summary"]["historical_clv"]
    {'value': 22.75, 'text': '22,75'}
    >>> analyze_for_page(b"customer,date,amount\\na,2024-13-01,1\\n", {}, "en").answer()["error"]["message"]
    'Line 2: Date “2024-13-01” cannot be read; expected YYYY-MM-DD.'
    """
    translations = translations or {}

    def translate(text: str) -> str:
        return translations.get(text) or text

    def report(stage: str, done: int, total: int | None) -> None:
        if progress:
            values = {"done": format_number(done, locale, 0),
                      "total": format_number(total, locale, 0) if total is not None else ""}
            progress(stage, done, total, messages.fill(translate(messages.ANALYSIS_TEXTS[stage]), messages.ANALYSIS_TEXTS[stage], values))

    if isinstance(data, memoryview):
        data = data.tobytes()
    try:
        number_symbols(locale)
        settings, read_options = _analysis_options(options, locale)
        read_options["header_names"] = messages.header_names(translate)
        result = analyze(data, {**settings, **read_options}, report)
        plot = None
        if result["bgnbd"] is not None:
            report("tracking", 0, None)
            params = bgnbd.Params(*(result["bgnbd"][k] for k in ("r", "alpha", "a", "b")))
            plot = tracking(data, params, unit=settings["unit"], end=result["settings"]["end"],
                            **read_options)
    except CalculatorError as error:  # a bad option, file or row; a model that cannot be fitted
        return PageAnalysis(None, None, locale, translate, error=_error(error, translations, locale))
    except MemoryError:  # the worker survives it and answers the next file
        error = InputError("out_of_memory", "file")
        return PageAnalysis(None, None, locale, translate, error=_error(error, translations, locale))
    return PageAnalysis(result, plot, locale, translate)


class PageAnalysis:
    """One analysis, kept by the worker so the page can re-sort and download it."""

    def __init__(self, result: dict[str, Any] | None, plot: dict[str, Any] | None, locale: str,
                 translate: Callable[[str], str], error: dict[str, Any] | None = None) -> None:
        self.result, self.plot, self.locale, self.translate, self.error = (
            result, plot, locale, translate, error)

    def answer(self, column: str = "clv", descending: bool = True) -> dict[str, Any]:
        """Everything the page shows, numbers as ``{"value", "text"}``; or ``{"error"}``."""
        if self.error:
            return {"error": self.error}
        result = self.result
        predicted = result["bgnbd"] is not None
        return {"summary": self.summary(), "columns": self.columns(),
                "table": self.table(column, descending),
                "segments": self.segments() if predicted else None,
                "distribution": self.distribution() if predicted else None,
                "cohorts": self.cohorts(), "cohort_scale": self.cohort_scale(),
                "tracking": self.tracking(), "notes": self.notes(), "settings": result["settings"]}

    def _number(self, value: float | None, decimals: int) -> dict[str, Any]:
        if value is None:
            return {"value": None, "text": "–"}
        return {"value": value, "text": format_number(value, self.locale, decimals)}

    def summary(self) -> dict[str, dict[str, Any]]:
        """Counts, fitted parameters and totals (None where the models were not fitted)."""
        result = self.result
        purchases = result["bgnbd"] or {}
        spend = result["gamma_gamma"] or {}
        excluded = (spend["excluded_one_time_buyers"] + spend["excluded_non_positive_spend"]
                    if spend else None)
        values = {
            "customers": result["customers"], "transactions": result["transactions"],
            "r": purchases.get("r"), "alpha": purchases.get("alpha"),
            "a": purchases.get("a"), "b": purchases.get("b"),
            "bgnbd_log_likelihood": purchases.get("log_likelihood"),
            "p": spend.get("p"), "q": spend.get("q"), "gamma": spend.get("gamma"),
            "gamma_gamma_customers": spend.get("customers"), "excluded_customers": excluded,
            "frequency_spend_correlation": spend.get("frequency_spend_correlation"),
            **result["totals"],
            **self._averages(),
            "bad_rows": result["report"]["bad_rows"],
            "rows_after_end": result["report"]["rows_after_end"],
        }
        return {name: self._number(value, SUMMARY_DECIMALS[name]) for name, value in values.items()}

    def _averages(self) -> dict[str, float | None]:
        """Per-customer averages of the CLVs and the share likely active (in percent)."""
        rows, totals = self.result["results"], self.result["totals"]
        if not rows or totals["clv"] is None:
            return {"average_clv": None, "average_total_clv": None, "share_active": None}
        active = sum(1 for c in rows if c["p_alive"] >= LIKELY_ACTIVE_FROM)
        return {"average_clv": totals["clv"] / len(rows), "average_total_clv": totals["total_clv"] / len(rows),
                "share_active": 100 * active / len(rows)}

    def columns(self) -> list[dict[str, Any]]:
        """The table's columns, in the analysis' order: name, translated label, shown on a phone."""
        return [{"name": name, "label": self.translate(messages.COLUMN_LABELS[name]),
                 "essential": name in ESSENTIAL_COLUMNS} for name in self._column_order()]

    def segments(self) -> list[dict[str, Any]]:
        """Each segment of ``calculator.segments``: size, share, value, name and advice translated."""
        groups = segments(self.result["results"])
        everyone = len(self.result["results"]) or 1
        return [{"id": name, "name": self.translate(messages.SEGMENT_NAMES[name]),
                 "advice": self.translate(messages.SEGMENT_ADVICE[name]) % {},
                 "customers": self._number(len(group), 0),
                 "share": self._number(100 * len(group) / everyone, 1),
                 "historical_clv": self._number(math.fsum(c["historical_clv"] for c in group), 2),
                 "clv": self._number(math.fsum(c["clv"] for c in group), 2),
                 "average_clv": self._number(math.fsum(c["clv"] for c in group) / len(group), 2)
                 if group else self._number(None, 2)}
                for name, group in groups.items()]

    def distribution(self) -> list[dict[str, Any]]:
        """The residual CLV histogram (``calculator.histogram``), bin labels in the locale."""
        bins = histogram([c["clv"] for c in self.result["results"]])
        decimals = 0 if len(bins) < 2 or bins[1]["low"] >= 1 else 2
        shown = []
        for b in bins:
            low = format_number(b["low"], self.locale, decimals)
            label = (f"{low}–{format_number(b['high'], self.locale, decimals)}" if b["high"] is not None
                     else f"≥ {low}")
            shown.append({**b, "label": label, "text": format_number(b["count"], self.locale, 0)})
        return shown

    def table(self, column: str = "clv", descending: bool = True,
              rows: int = TABLE_ROWS) -> dict[str, Any]:
        """The first *rows* customers sorted by *column* (missing values last), as texts.

        After a failed analysis, or for a column that does not exist, ``{"error": ...}``.
        """
        if self.error:
            return {"error": self.error}
        if column not in COLUMNS:
            return {"error": _error(InputError("unknown_field", str(column)), {})}
        every = self.result["results"]
        present = [c for c in every if c[column] is not None]
        ordered = sorted(present, key=lambda c: c[column], reverse=bool(descending))
        ordered += [c for c in every if c[column] is None]
        shown = ordered[:rows]
        note = self._text("table_note", shown=format_number(len(shown), self.locale, 0),
                          total=format_number(len(every), self.locale, 0))
        names = self._column_order()
        return {
            "column": column, "descending": bool(descending), "total": len(every),
            "note": note if len(shown) < len(every) else "",
            "rows": [[c["customer_id"], *(self._number(c[name], COLUMN_DECIMALS[name])["text"]
                                          for name in names[1:])]
                     for c in shown],
        }

    def _column_order(self) -> list[str]:
        """The table's columns: the essential ones first (so they stay on screen), then the rest."""
        every = self.result["columns"]
        return [*(name for name in ESSENTIAL_COLUMNS if name in every),
                *(name for name in every if name not in ESSENTIAL_COLUMNS)]

    def cohort_scale(self) -> dict[str, Any]:
        """The heatmap's colour range: the lowest and highest retention after month 0.

        Month 0 is 100 % by definition; a scale up to it would paint every
        later month (often 5-15 %) in the same pale tint.
        """
        later = [share for row in self.result["cohorts"] for share in row["retention"][1:]]
        low, high = (min(later), max(later)) if later else (0.0, 1.0)
        if high <= low:
            high = low + 0.01
        texts = {"low": format_number(low * 100, self.locale, 0), "high": format_number(high * 100, self.locale, 0)}
        return {"low": low, "high": high,
                "text": self.translate(messages.ANALYSIS_TEXTS["cohort_scale"]) % texts}

    def cohorts(self) -> list[dict[str, Any]]:
        """Cohort retention rows: month, size, and per month after the first a share in percent."""
        return [{"cohort": row["cohort"], "customers": self._number(row["customers"], 0),
                 "retention": [{"value": share, "text": format_number(to_percent(share), self.locale, 0)}
                               for share in row["retention"]]}
                for row in self.result["cohorts"]]

    def tracking(self) -> dict[str, Any] | None:
        """The tracking plot's series (raw, for drawing) and its rows as texts."""
        plot = self.plot
        if plot is None:
            return None
        top = max(max(plot["actual"]), max(plot["expected"]), 1)
        unit = self.result["settings"]["unit"]
        return {**plot, "top": {"value": top, "text": format_number(top, self.locale, 0)},
                "y_ticks": _ticks(top, self.locale, TRACKING_TICKS),
                "x_ticks": _ticks(max(plot["periods"][-1], 1), self.locale, TRACKING_TICKS, whole=True),
                "x_label": self.translate(messages.ANALYSIS_TEXTS[f"axis_{unit}"]),
                "y_label": self.translate(messages.ANALYSIS_TEXTS["axis_purchases"]),
                "rows": [
            [format_number(k, self.locale, 0), format_number(actual, self.locale, 0),
             format_number(expected, self.locale, 1)]
            for k, actual, expected in zip(plot["periods"], plot["actual"], plot["expected"])]}

    def _text(self, key: str, **values: str) -> str:
        """An ANALYSIS_TEXTS sentence, translated and filled (English if the translation is broken)."""
        english = messages.ANALYSIS_TEXTS[key]
        return messages.fill(self.translate(english), english, values)

    def notes(self) -> list[str]:
        """Sentences about how the file was read (encoding, date pattern) and rows
        not used: skipped bad rows (with their errors), rows after the end."""
        report = self.result["report"]
        notes = []
        if report.get("encoding"):
            notes.append(self.translate(messages.ANALYSIS_TEXTS["encoding"]) % {
                "encoding": encoding_name(report["encoding"])})
        if report.get("date_pattern"):
            notes.append(self.translate(messages.ANALYSIS_TEXTS["date_order"]) % {
                "pattern": report["date_pattern"]})
        if report["bad_rows"]:
            notes.append(self._text("bad_rows", count=format_number(report["bad_rows"], self.locale, 0)))
            translations = {msgid: self.translate(msgid) for msgid in
                            (*messages.MESSAGES.values(), *messages.LABELS.values())}
            for error in report["errors"][:ERRORS_SHOWN]:
                notes.append(_error(InputError(error["code"], error["field"], **error["values"]),
                                    translations)["message"])
        if report["rows_after_end"]:
            notes.append(self._text("rows_after_end", count=format_number(report["rows_after_end"], self.locale, 0)))
        return notes

    def csv(self, variant: str = "spreadsheet", segment: str | None = None) -> str:
        """All customers (or one segment's) as CSV; see ``calculator.export`` for the variants.

        "spreadsheet": for Excel in the page's language; "data": the CLI's columns.
        """
        rows = self.result["results"]
        if segment is not None:
            if segment not in SEGMENTS:
                raise ValueError(f"unknown segment {segment!r}")
            rows = segments(rows)[segment]
        columns = self.result["columns"]
        if variant == "data":
            return data_csv(rows, columns)
        return spreadsheet_csv(rows, columns, locale=self.locale, decimals=COLUMN_DECIMALS,
                               label=lambda name: self.translate(messages.COLUMN_LABELS[name]))


def _analysis_options(options: Mapping[str, Any], locale: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``analyze`` settings and read options from the page's typed fields."""
    settings: dict[str, Any] = {"discount_rate_unit": DEFAULTS["discount_rate_unit"]}
    read: dict[str, Any] = {}
    for name in ("customer_column", "date_column", "amount_column"):
        text = str(options.get(name) or "").strip()
        if text:
            read[name] = text
    read["skip_bad_rows"] = bool(options.get("skip_bad_rows"))
    read["language"] = locale
    if options.get("date_order"):
        read["date_order"] = str(options["date_order"])
    settings["end"] = str(options.get("end") or "").strip() or None
    for name in ("unit", "horizon_unit"):
        settings[name] = str(options.get(name) or DEFAULTS[name])
    for name in ("horizon", "discount_rate", "margin"):
        text = str(options.get(name) or "").strip()
        if text:
            value = within_range(name, parse_number(text, locale, field=name))
            settings[name] = from_percent(value) if name in ("discount_rate", "margin") else value
    if "models" in options:
        settings["models"] = bool(options["models"])
    return settings, read
