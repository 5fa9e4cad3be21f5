"""Predictive CLV from a transaction log: the one call the CLI and the web worker make.

``analyze(data, options, progress)`` takes the CSV as text or bytes and the
options as a plain dict, and answers with plain dicts and lists (JSON-ready),
so a Pyodide worker can call it with data only.  Steps: summarise the file
(``customers.summarize``), fit a purchase model (option ``model``, one of
``models.table.PURCHASE_MODELS``, BG/NBD by default) and the Gamma-Gamma
model, predict per customer, and add the discounted CLV over the
horizon (``models.clv``; read its docstring for the time-unit pitfalls).
A model that cannot be fitted is an ``InputError`` (too few repeat buyers)
or a ``ModelError`` (no convergence), both ``CalculatorError``s like a bad file; ``{"models": False}`` gives the historical
part only, predictions None.

Per customer: ``historical_clv`` is the margin already earned (total spend
× margin, not discounted); ``clv`` is the *residual* CLV, the expected
discounted margin from the end date to the horizon; ``total_clv`` is their
sum.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from .customers import summarize
from .errors import InputError
from .inputs import finite
from .models import assess, clv, gamma_gamma
from .models.table import DEFAULT_PURCHASE_MODEL, PURCHASE_MODELS
from .progress import Progress
from .segments import segments

DEFAULTS: dict[str, Any] = {
    "end": None,               # last observed day, ISO date; default: the file's last date
    "unit": "week",            # model time unit: day, week or month (30.4375 days)
    "horizon": 12.0,           # how far ahead CLV looks ...
    "horizon_unit": "month",   # ... in this unit; also the discounting step
    "discount_rate": clv.DEFAULT_ANNUAL_DISCOUNT_RATE,
    "discount_rate_unit": "year",  # the period the discount rate is for
    "margin": 1.0,             # fraction of spend that is margin (1 = revenue)
    "top": 10,                 # how many top customers to list
    "models": True,            # fit a purchase model + Gamma-Gamma (False: historical only)
    "model": DEFAULT_PURCHASE_MODEL,  # the purchase model that predicts (models.table)
    "compare": False,          # also fit every other purchase model, for "models"
    "holdout_end": None,       # ISO date after "end": check predictions on (end, holdout_end]
    # 95 % delta-method intervals for total and per-segment CLV; off by default, on
    # the page too: on the CDNOW sample with a holdout (2,357 customers) they take
    # an analysis from 1.9 s to 4.4 s in CPython and from 3.7 s to 10.3 s in Pyodide.
    "intervals": False,
    "max_iterations": 5000,    # Nelder-Mead iterations allowed per fit
}
# The time units of the settings (their lengths: transactions.UNIT_DAYS); the
# CLI's choices and the page's menus are these.
MODEL_UNITS = ("day", "week", "month")
HORIZON_UNITS = (*MODEL_UNITS, "year")
RATE_UNITS = HORIZON_UNITS
READ_OPTIONS = ("customer_column", "date_column", "amount_column", "date_format",
                "date_order", "delimiter", "decimal", "encoding", "language", "header_names",
                "skip_bad_rows")
# The residual CLV sums one step per horizon unit for each distinct history,
# so the horizon is at most this many steps, and at most a century.
MAX_HORIZON_STEPS = 1200
MAX_HORIZON_YEARS = 100
# Discount rates above this, per year or its compound equivalent per another
# period (1000 %), make every future margin worth nothing; larger ones overflow.
MAX_ANNUAL_DISCOUNT_RATE = 10.0
COLUMNS = ("customer_id", "frequency", "recency", "T", "monetary_value", "historical_clv",
           "p_alive", "expected_purchases", "expected_avg_value", "clv", "total_clv")
# Added after COLUMNS when there is a holdout period (the second one needs the models).
HOLDOUT_COLUMNS = ("holdout_purchases", "predicted_holdout_purchases")


def analyze(data: str | bytes | None, options: Mapping[str, Any] | None = None,
            progress: Progress | None = None, *,
            summary: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Summaries, fitted models and per-customer predictions for a CSV log.

    *options* may hold the keys of ``DEFAULTS`` and of ``READ_OPTIONS``
    (see ``transactions.read_transactions``); unknown keys are an error.
    Limits: the horizon is at most ``MAX_HORIZON_STEPS`` of its unit and
    ``MAX_HORIZON_YEARS``; the discount rate at most 1000 % a year or its
    compound equivalent per another period; beyond them an ``InputError``.
    *summary* replaces reading *data*: per-customer rows made elsewhere
    (``summaries.summary_for_analysis``, e.g. from a warehouse's SQL).
    *progress* is called as ``progress(stage, done, total)`` with stages
    "read", "fit_bgnbd", "fit_gamma_gamma", "predict" (total may be None).

    >>> log = ("customer,date,amount\\n" "a,2024-01-01,10\\n" "a,2024-02-01,20\\n"
    ...        "b,2024-01-10,15\\n" "b,2024-01-20,25\\n" "b,2024-03-01,5\\n" "c,2024-02-15,30\\n")
    >>> result = analyze(log, {"end": "2024-03-31", "margin": 0.5, "models": False})
    >>> result["customers"], result["transactions"], result["totals"]["historical_clv"]
    (3, 6, 52.5)
    """
    settings = {**DEFAULTS}
    read_options = {}
    for key, value in (options or {}).items():
        if key in DEFAULTS:
            settings[key] = value
        elif key in READ_OPTIONS:
            read_options[key] = value
        else:
            raise InputError("unknown_field", key)
    margin = finite("margin", settings["margin"])
    if not 0 < margin <= 1:
        raise InputError("must_be_fraction", "margin", value=margin)
    horizon = finite("horizon", settings["horizon"])
    if not horizon > 0:
        raise InputError("must_be_positive", "horizon", value=horizon)
    discount_rate = finite("discount_rate", settings["discount_rate"])
    unit = settings["unit"]
    step = clv.horizon_in_unit(1, settings["horizon_unit"], unit)
    horizon_model = clv.horizon_in_unit(horizon, settings["horizon_unit"], unit)
    longest = min(MAX_HORIZON_STEPS, clv.horizon_in_unit(MAX_HORIZON_YEARS, "year",
                                                         settings["horizon_unit"]))
    if horizon > longest:
        raise InputError("horizon_too_long", "horizon", limit=f"{longest:g}")
    rate = discount_rate
    try:
        annual = clv.discount_rate_per(rate, settings["discount_rate_unit"], "year")
    except OverflowError:
        annual = math.inf
    if not annual <= MAX_ANNUAL_DISCOUNT_RATE:
        raise InputError("discount_rate_too_high", "discount_rate",
                         limit=f"{MAX_ANNUAL_DISCOUNT_RATE * 100:g}")
    rate_per_step = clv.discount_rate_per(rate, settings["discount_rate_unit"],
                                          settings["horizon_unit"])

    if summary is None:
        summary = summarize(data, end=settings["end"], unit=unit, margin=margin,
                            progress=progress, holdout_end=settings["holdout_end"], **read_options)
    elif settings["holdout_end"] is not None:  # a summary's holdout counts carry no dates
        raise InputError("unknown_field", "holdout_end")
    customers = summary["customers"]
    report = summary["report"]
    result: dict[str, Any] = {
        "customers": len(customers),
        "transactions": report["rows_used"],
        "bgnbd": None,
        "purchase": None,
        "gamma_gamma": None,
        "settings": {
            "start": report["start"], "end": report["end"], "unit": unit,
            "unit_days": report["unit_days"], "horizon": horizon,
            "horizon_unit": settings["horizon_unit"], "horizon_in_unit": horizon_model,
            "discount_rate": discount_rate,
            "discount_rate_unit": settings["discount_rate_unit"],
            "discount_rate_per_horizon_unit": rate_per_step, "margin": margin,
        },
        "report": report,
        "cohorts": summary["cohorts"],
    }
    purchases = None
    model_id = settings["model"]
    if model_id not in PURCHASE_MODELS:
        raise InputError("not_one_of", "model", text=str(model_id),
                         choices=", ".join(PURCHASE_MODELS))
    result["purchase_model"] = model_id
    result["models"] = []
    if settings["models"]:
        histories = [(c["frequency"], c["recency"], c["T"], c["monetary_value"])
                     for c in customers]
        model = PURCHASE_MODELS[model_id]
        others = [m for m in PURCHASE_MODELS.values() if m is not model] if settings["compare"] else []
        purchases, spend = _fit_models(histories, model=model,
                                       max_iterations=int(settings["max_iterations"]),
                                       progress=progress)
        result["purchase"] = {"model": model_id, **purchases.params._asdict(),
                              "log_likelihood": purchases.log_likelihood}
        if model_id == "bgnbd":  # the key the page and older callers read
            result["bgnbd"] = {**purchases.params._asdict(),
                               "log_likelihood": purchases.log_likelihood}
        result["gamma_gamma"] = {
            **spend.params._asdict(), "log_likelihood": spend.log_likelihood,
            "customers": spend.customers, "excluded_one_time_buyers": spend.excluded_one_time,
            "excluded_non_positive_spend": spend.excluded_non_positive,
            "frequency_spend_correlation": spend.correlation,
        }
        fits = [(model, purchases)] + [(other, _fit_purchases(other, histories, settings, progress))
                                       for other in others]
        actual = length = None
        if "holdout_end" in report:
            actual = [c["holdout_purchases"] for c in customers]
            length = clv.horizon_in_unit(
                _days_between(report["end"], report["holdout_end"]), "day", unit)
        result["models"] = assess.comparison(fits, histories, actual, length)
        chosen = result["models"][0]
        result["purchase"]["standard_errors"] = chosen["standard_errors"]
        spend_cov = assess.spend_covariance(spend.params, histories)
        result["gamma_gamma"]["standard_errors"] = assess.errors(spend.params, spend_cov)
        if actual is not None:
            check = assess.holdout(model, purchases.params, histories, actual, length)
            for c, predicted in zip(customers, check.pop("per_customer")):
                c["predicted_holdout_purchases"] = predicted
            result["holdout"] = {"end": report["end"], "holdout_end": report["holdout_end"],
                                 "new_customers": report["holdout_new_customers"], **check}
        _predict(customers, model, purchases.params, spend.params, margin=margin,
                 horizon=horizon_model, step=step, discount_rate=rate_per_step,
                 progress=progress)
        if settings["intervals"]:
            # After the predictions: the segments need each customer's P(alive).
            position = {id(c): i for i, c in enumerate(customers)}
            groups = {"total": range(len(customers)),
                      **{name: [position[id(c)] for c in members]
                         for name, members in segments(customers).items()}}
            found = assess.clv_intervals(
                model, purchases.params, assess.purchase_covariance(model, purchases.params,
                                                                    histories),
                spend.params, spend_cov, histories, groups, margin=margin, horizon=horizon_model,
                step=step, discount_rate=rate_per_step)
            result["clv_interval"] = found and found.pop("total")
            result["segment_intervals"] = found
    else:
        for c in customers:
            c.update(p_alive=None, expected_purchases=None, expected_avg_value=None,
                     clv=None, total_clv=None)
    result["totals"] = {name: _total(customers, name) for name in
                        ("historical_clv", "expected_purchases", "clv", "total_clv")}
    ranked = sorted(customers, key=lambda c: -(c["clv"] if purchases else c["historical_clv"]))
    result["top_customers"] = ranked[:int(settings["top"])]
    columns = list(COLUMNS)
    if "holdout_end" in report:
        columns += list(HOLDOUT_COLUMNS if purchases else HOLDOUT_COLUMNS[:1])
    result["columns"] = columns
    result["results"] = [{name: c[name] for name in columns} for c in customers]
    return result


def _fit_models(histories: list[tuple[int, float, float, float]], *,
               model: Any = None, max_iterations: int = 5000,
               progress: Progress | None = None) -> tuple[Any, gamma_gamma.Fit]:
    """The purchase *model*'s fit (BG/NBD by default) and the Gamma-Gamma
    fit from (x, t_x, T, m_x) per customer.

    Raises ``InputError`` (``not_enough_repeat_buyers``,
    ``not_enough_positive_spend``) or ``ModelError`` (``model_not_converged``)
    when a model cannot be fitted.

    >>> _fit_models([(0, 0.0, 38.86, 0.0), (0, 0.0, 20.0, 0.0)])
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: BG/NBD purchase model needs customers with repeat purchases; this data has 0.
    """
    model = model or PURCHASE_MODELS[DEFAULT_PURCHASE_MODEL]
    purchases = _fit_purchases(model, histories, {"max_iterations": max_iterations}, progress)
    if progress:
        progress("fit_gamma_gamma", 0, None)
    spend = gamma_gamma.fit([(x, m_x) for x, _, _, m_x in histories],
                            max_iterations=max_iterations)
    return purchases, spend


def _fit_purchases(model: Any, histories: list[tuple[int, float, float, float]],
                   settings: Mapping[str, Any], progress: Progress | None) -> Any:
    if progress:
        progress(f"fit_{model.id}", 0, None)
    return model.fit([(x, t_x, T) for x, t_x, T, _ in histories], progress=progress,
                     max_iterations=int(settings["max_iterations"]))


def _days_between(start: str, end: str) -> int:
    return date.fromisoformat(end).toordinal() - date.fromisoformat(start).toordinal()


def _total(customers: list[dict[str, Any]], name: str) -> float | None:
    values = [c[name] for c in customers]
    return None if any(v is None for v in values) else math.fsum(values)


def _predict(customers: list[dict[str, Any]], model: Any, purchases: Any,
             spend: gamma_gamma.Params, *, margin: float, horizon: float, step: float,
             discount_rate: float, progress: Progress | None) -> None:
    """Add p_alive, expected_purchases, expected_avg_value, clv, total_clv in place."""
    cache: dict[tuple[int, float, float], tuple[float, float, float]] = {}
    for i, c in enumerate(customers):
        key = (c["frequency"], c["recency"], c["T"])
        if key not in cache:
            # CLV per unit of spend and margin, so customers sharing a history share it.
            unit_value = clv.residual_clv(
                purchases, *key, spend=1.0, margin=1.0, horizon=horizon, step=step,
                discount_rate=discount_rate,
                expected_purchases=model.conditional_expected_purchases)
            cache[key] = (model.probability_alive(purchases, *key),
                          model.conditional_expected_purchases(purchases, horizon, *key),
                          unit_value)
        p_alive, expected, unit_value = cache[key]
        # Refunds can leave m_x ≤ 0, which the Gamma-Gamma model cannot have;
        # its expectation as m_x → 0 (x purchases of almost nothing) is the
        # model-consistent value, below the population mean, so a refund
        # never raises CLV (``customers`` states the refund policy).
        avg = gamma_gamma.conditional_expected_spend(spend, c["frequency"],
                                                     max(c["monetary_value"], 0.0))
        c.update(p_alive=p_alive, expected_purchases=expected, expected_avg_value=avg,
                 clv=unit_value * avg * margin)
        c["total_clv"] = c["historical_clv"] + c["clv"]
        if progress and i % 5000 == 0:
            progress("predict", i, len(customers))
    if progress:
        progress("predict", len(customers), len(customers))
