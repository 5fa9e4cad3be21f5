"""The web worker's entry points for the calculator forms: data in, data out, never code.

The page posts what the user typed (strings, as typed, in the page's locale)
and the translated message templates it got from the catalogs at build time;
these functions answer with plain dicts the worker hands back to the page.
The "your data" page's entry point is ``your_data_view.analyze_for_page``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from . import counts, messages, subscription
from .display import format_number
from .errors import CalculatorError, InputError
from .histogram import nice_ceiling
from .inputs import number_symbols, to_percent, within_range
from .registry import evaluate, parse_input, spec_for
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
        shown = [error_answer(error, translations, locale) for error in errors]
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
        views["cumulative"] = {"values": sums, "y_ticks": axis_ticks(max(sums), locale),
                               "x_ticks": axis_ticks(len(sums), locale, whole=True)}
    bands = {}
    if "ltv_cac" in results:
        bands["ltv_cac"] = ltv_cac_band(results["ltv_cac"])
    if "payback" in results:
        bands["payback"] = payback_band(results["payback"])
    if bands:
        views["bands"] = bands
    if formula_id == "subscription":
        views["retention"] = subscription.retention_view(values["active"], results, locale, axis_ticks)
    return views


def axis_ticks(top: float, locale: str, count: int = 5, whole: bool = False) -> list[dict[str, Any]]:
    """About *count* round tick values from 0 to *top*, with their texts.

    >>> [t["text"] for t in axis_ticks(1234, "lt")]
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
        return {"error": error_answer(error, {})}
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


def error_answer(error: CalculatorError, translations: Mapping[str, str], locale: str = "en") -> dict[str, Any]:
    def translate(text: str) -> str:
        return translations.get(text) or text

    values = {name: format_number(float(value), locale, 0) if name in NUMBER_PLACEHOLDERS else value
              for name, value in error.values.items()}
    return {"code": error.code, "field": error.field,
            "message": messages.render(error.code, error.field, values, gettext=translate)}
