"""The "your data" page's view of an analysis: what the worker hands the page.

``analyze_for_page`` reads the page's typed options, runs
``analysis.analyze`` and keeps the result in a ``PageAnalysis``, which the
worker holds so that the page can re-sort the table and download the CSV
without analysing again.  Numbers go out as ``{"value", "text"}``: the raw
number for scripts and tests, the text in the page's locale.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from . import messages
from .analysis import COLUMNS, DEFAULTS, analyze
from .decoding import encoding_name
from .display import format_number
from .errors import CalculatorError, InputError
from .export import data_csv, spreadsheet_csv
from .histogram import histogram
from .inputs import from_percent, number_symbols, parse_number, to_percent, within_range
from .models.table import PURCHASE_MODELS
from .segments import SEGMENTS, segments
from .tracking import tracking
from .web import axis_ticks, error_answer  # both pages word errors and space ticks alike

__all__ = ["PageAnalysis", "analyze_for_page"]

# Rows of the per-customer table put in the page; the CSV download has all.
TABLE_ROWS = 100
# Decimals per column of the per-customer table (customer_id is text). The
# columns and their order are analysis.COLUMNS, as in the page's header row.
COLUMN_DECIMALS = {"frequency": 0, "recency": 1, "T": 1, "monetary_value": 2,
                   "historical_clv": 2, "p_alive": 3, "expected_purchases": 2,
                   "expected_avg_value": 2, "clv": 2, "total_clv": 2,
                   "holdout_purchases": 0, "predicted_holdout_purchases": 2}
# Summary values and their decimals (None: a whole number).
SUMMARY_DECIMALS = {"customers": 0, "transactions": 0,
                    "purchase_log_likelihood": 2, "p": 4, "q": 4, "gamma": 4,
                    "gamma_gamma_customers": 0, "excluded_customers": 0,
                    "frequency_spend_correlation": 3, "historical_clv": 2,
                    "expected_purchases": 1, "clv": 2, "total_clv": 2,
                    "bad_rows": 0, "rows_after_end": 0,
                    "average_clv": 2, "average_total_clv": 2, "share_active": 1}
# Decimals of every purchase model's parameters and their standard errors.
PARAMETER_DECIMALS = 4
# Decimals of the holdout check: purchases, means per customer, error measures.
HOLDOUT_DECIMALS = {"purchases": 1, "mean": 3, "error": 3, "percent": 1, "length": 1}
# Decimals of the model comparison's ln L, AIC and BIC.
CRITERION_DECIMALS = 1
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
    ``date_order`` (empty: from the file; "dmy", "mdy"), ``model`` (a
    purchase model of ``models.table``, empty: BG/NBD), ``holdout_end``
    (ISO date after ``end``, or empty), ``compare`` and ``intervals``
    (booleans; see ``analysis.DEFAULTS``).  Column names are
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
        if result["purchase"] is not None:
            report("tracking", 0, None)
            model = PURCHASE_MODELS[result["purchase_model"]]
            params = model.params(*(result["purchase"][k] for k in model.params._fields))
            plot = tracking(data, params, unit=settings["unit"], end=result["settings"]["end"],
                            expected_purchases=model.expected_purchases, **read_options)
    except CalculatorError as error:  # a bad option, file or row; a model that cannot be fitted
        return PageAnalysis(None, None, locale, translate, error=error_answer(error, translations, locale))
    except MemoryError:  # the worker survives it and answers the next file
        error = InputError("out_of_memory", "file")
        return PageAnalysis(None, None, locale, translate, error=error_answer(error, translations, locale))
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
        predicted = result["purchase"] is not None
        return {"summary": self.summary(), "columns": self.columns(),
                "table": self.table(column, descending),
                "purchase": self.purchase() if predicted else None,
                "interval": self.interval(result.get("clv_interval")),
                "segments": self.segments() if predicted else None,
                "distribution": self.distribution() if predicted else None,
                "holdout": self.holdout(), "models": self.comparison(),
                "cohorts": self.cohorts(), "cohort_scale": self.cohort_scale(),
                "tracking": self.tracking(), "notes": self.notes(), "settings": result["settings"]}

    def _number(self, value: float | None, decimals: int) -> dict[str, Any]:
        if value is None:
            return {"value": None, "text": "–"}
        return {"value": value, "text": format_number(value, self.locale, decimals)}

    def summary(self) -> dict[str, dict[str, Any]]:
        """Counts, fitted parameters and totals (None where the models were not fitted)."""
        result = self.result
        purchases = result["purchase"] or {}
        spend = result["gamma_gamma"] or {}
        excluded = (spend["excluded_one_time_buyers"] + spend["excluded_non_positive_spend"]
                    if spend else None)
        values = {
            "customers": result["customers"], "transactions": result["transactions"],
            "purchase_log_likelihood": purchases.get("log_likelihood"),
            "p": spend.get("p"), "q": spend.get("q"), "gamma": spend.get("gamma"),
            "gamma_gamma_customers": spend.get("customers"), "excluded_customers": excluded,
            "frequency_spend_correlation": spend.get("frequency_spend_correlation"),
            **result["totals"],
            **self._averages(),
            "bad_rows": result["report"]["bad_rows"],
            "rows_after_end": result["report"]["rows_after_end"],
        }
        return {name: self._number(value, SUMMARY_DECIMALS[name]) for name, value in values.items()}

    def purchase(self) -> dict[str, Any]:
        """The chosen purchase model: its label and its own parameters (names as in
        its paper, ``Params``), each with its standard error (None if the fit is
        not an interior maximum), and ln L."""
        fitted = self.result["purchase"]
        model = PURCHASE_MODELS[fitted["model"]]
        errors = fitted.get("standard_errors") or {}
        return {"model": model.id, "name": model.name,
                "label": self.translate(messages.LABELS[model.id]),
                "parameters": [
                    {"name": name, "symbol": messages.PARAMETER_SYMBOLS.get(name, name),
                     "label": self.translate(messages.PARAMETER_LABELS[name]),
                     **self._number(fitted[name], PARAMETER_DECIMALS),
                     "standard_error": self._number(errors.get(name), PARAMETER_DECIMALS)}
                    for name in model.params._fields],
                "log_likelihood": self._number(fitted["log_likelihood"], SUMMARY_DECIMALS["purchase_log_likelihood"])}

    def interval(self, found: Mapping[str, Any] | None) -> dict[str, Any] | None:
        """A 95 % delta-method interval (``models.assess.clv_intervals``) as texts, or None."""
        if not found:
            return None
        lower, upper = self._number(found["lower"], 2), self._number(found["upper"], 2)
        return {"clv": self._number(found["clv"], 2), "lower": lower, "upper": upper,
                "text": self._text("interval", lower=lower["text"], upper=upper["text"])}

    def holdout(self) -> dict[str, Any] | None:
        """The holdout check (``models.assess.holdout``): totals, error measures, and
        the mean holdout purchases per calibration frequency 0 … 6, 7+ as texts."""
        check = self.result.get("holdout")
        if not check:
            return None
        d = HOLDOUT_DECIMALS
        groups = [{"frequency": g["frequency"], "or_more": g["or_more"],
                   "label": format_number(g["frequency"], self.locale, 0) + ("+" if g["or_more"] else ""),
                   "customers": self._number(g["customers"], 0),
                   "actual": self._number(g["actual"], d["mean"]),
                   "predicted": self._number(g["predicted"], d["mean"])}
                  for g in check["by_frequency"]]
        top = max([1e-9, *(max(g["actual"], g["predicted"]) for g in check["by_frequency"])])
        return {"end": check["end"], "holdout_end": check["holdout_end"],
                "length": self._number(check["length"], d["length"]),
                "customers": self._number(check["customers"], 0),
                "new_customers": self._number(check["new_customers"], 0),
                "actual_purchases": self._number(check["actual_purchases"], 0),
                "predicted_purchases": self._number(check["predicted_purchases"], d["purchases"]),
                "error_percent": self._number(check["error_percent"], d["percent"]),
                "mae": self._number(check["mae"], d["error"]),
                "rmse": self._number(check["rmse"], d["error"]),
                "by_frequency": groups,
                "y_ticks": axis_ticks(top, self.locale, TRACKING_TICKS),
                "x_label": self.translate(messages.ANALYSIS_TEXTS["axis_frequency"]),
                "y_label": self.translate(messages.ANALYSIS_TEXTS["axis_holdout"])}

    def comparison(self) -> dict[str, Any] | None:
        """The purchase models side by side (``models.assess.comparison``): ln L, AIC,
        BIC, the holdout MAE; the recommended one and why, as a sentence.  None
        unless several models were fitted (``compare``)."""
        rows = self.result["models"]
        if len(rows) < 2:
            return None
        best = next(row for row in rows if row["recommended"])

        def parameters(row: Mapping[str, Any]) -> str:
            # No-break spaces around "=": a narrow column wraps between parameters only.
            return "; ".join(f"{messages.PARAMETER_SYMBOLS.get(name, name)}\u00a0=\u00a0"
                             f"{format_number(value, self.locale, PARAMETER_DECIMALS)}"
                             for name, value in row["params"].items())

        return {"by": best["recommended_by"],
                "recommendation": self._text(f"recommended_by_{best['recommended_by']}",
                                              model=best["name"]),
                "rows": [{"id": row["id"], "name": row["name"], "recommended": row["recommended"],
                          "chosen": row["id"] == self.result["purchase_model"],
                          "parameters": parameters(row),
                          "log_likelihood": self._number(row["log_likelihood"], CRITERION_DECIMALS),
                          "aic": self._number(row["aic"], CRITERION_DECIMALS),
                          "bic": self._number(row["bic"], CRITERION_DECIMALS),
                          "holdout_mae": self._number(row["holdout"]["mae"] if "holdout" in row else None,
                                                      HOLDOUT_DECIMALS["error"])}
                         for row in rows]}

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
        intervals = self.result.get("segment_intervals") or {}
        return [{"id": name, "name": self.translate(messages.SEGMENT_NAMES[name]),
                 # An empty segment has nothing to be unsure about: no interval shown.
                 "interval": self.interval(intervals.get(name)) if group else None,
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
            return {"error": error_answer(InputError("unknown_field", str(column)), {})}
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
        name = PURCHASE_MODELS[self.result["purchase_model"]].name
        return {**plot, "expected_label": self._text("expected_by", model=name), "top": {"value": top, "text": format_number(top, self.locale, 0)},
                "y_ticks": axis_ticks(top, self.locale, TRACKING_TICKS),
                "x_ticks": axis_ticks(max(plot["periods"][-1], 1), self.locale, TRACKING_TICKS, whole=True),
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
                notes.append(error_answer(InputError(error["code"], error["field"], **error["values"]),
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
    settings["model"] = str(options.get("model") or DEFAULTS["model"])
    settings["holdout_end"] = str(options.get("holdout_end") or "").strip() or None
    for name in ("models", "compare", "intervals"):
        if name in options:
            settings[name] = bool(options[name])
    return settings, read
