"""How good is a fit, on the user's own data: holdout check, model comparison,
standard errors and an interval for total CLV.

* Holdout (the validation of Fader, Hardie & Lee 2005, section 5, fig. 4):
  fit on the calibration period up to the end date, predict each customer's
  repeat purchases in (end, holdout end], compare with what they did, in
  total and by calibration frequency x (lifetimes users know it as
  ``plot_calibration_purchases_vs_holdout_purchases``), with the mean
  absolute error and root mean squared error per customer.
* Comparison: ln L, AIC = 2k − 2 ln L (Akaike 1974) and BIC = k ln n − 2 ln L
  (Schwarz 1978, Annals of Statistics 6(2)) per purchase model; all see the
  same (x, t_x, T), so their likelihoods are comparable.  Recommended: the
  lowest holdout MAE when there is a holdout (what the user cares about),
  else the lowest BIC.
* Standard errors: the observed information at the MLE (``uncertainty``).
* CLV intervals: the delta method over the purchase and spend parameters,
  the two fits taken as independent (they use separate likelihoods), for
  the total and for each customer segment (``clv_intervals``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from . import clv, gamma_gamma, uncertainty

# Calibration frequencies shown one by one; the last group is "this many or more"
# (lifetimes' plot uses 7 as well).
FREQUENCY_GROUPS = 7


def purchase_covariance(model: Any, params: Sequence[float],
                        histories: Sequence[tuple[int, float, float, float]]):
    """I(θ̂)⁻¹ of a purchase model's fit (None if not an interior maximum)."""
    data = [(x, t_x, T) for x, t_x, T, _ in histories]
    return uncertainty.covariance(
        lambda p: model.total_log_likelihood(model.params(*p), data), params)


def spend_covariance(params: gamma_gamma.Params,
                     histories: Sequence[tuple[int, float, float, float]]):
    """I(θ̂)⁻¹ of the Gamma-Gamma fit, over the customers it used (x > 0, m_x > 0)."""
    pairs = [(x, m) for x, _, _, m in histories if x > 0 and m > 0]

    def log_likelihood(p: tuple[float, ...]) -> float:
        q = gamma_gamma.Params(*p)
        return math.fsum(gamma_gamma.log_likelihood(q, x, m) for x, m in pairs)

    return uncertainty.covariance(log_likelihood, params)


def errors(params: Sequence[float], cov) -> dict[str, float] | None:
    """Standard errors by parameter name, from a covariance (None stays None)."""
    if cov is None:
        return None
    return {name: math.sqrt(cov[i][i]) for i, name in enumerate(params._fields)}


def holdout(model: Any, params: Any, histories: Sequence[tuple[int, float, float, float]],
            actual: Sequence[int], length: float) -> dict[str, Any]:
    """Predicted against actual repeat purchases in a holdout of *length*
    model units after the end date; *actual* per customer, in the order of
    *histories*."""
    cache: dict[tuple[int, float, float], float] = {}
    predicted = []
    for x, t_x, T, _ in histories:
        key = (x, t_x, T)
        if key not in cache:
            cache[key] = model.conditional_expected_purchases(params, length, *key)
        predicted.append(cache[key])
    n = len(predicted)
    groups = []
    for k in range(FREQUENCY_GROUPS + 1):
        members = [i for i, (x, *_rest) in enumerate(histories)
                   if (x == k if k < FREQUENCY_GROUPS else x >= k)]
        if members:
            groups.append({"frequency": k, "or_more": k == FREQUENCY_GROUPS,
                           "customers": len(members),
                           "actual": math.fsum(actual[i] for i in members) / len(members),
                           "predicted": math.fsum(predicted[i] for i in members) / len(members)})
    total_actual = math.fsum(actual)
    total_predicted = math.fsum(predicted)
    return {
        "length": length, "customers": n,
        "actual_purchases": total_actual, "predicted_purchases": total_predicted,
        "error_percent": ((total_predicted - total_actual) / total_actual * 100
                          if total_actual else None),
        "mae": math.fsum(abs(p - a) for p, a in zip(predicted, actual)) / n,
        "rmse": math.sqrt(math.fsum((p - a) ** 2 for p, a in zip(predicted, actual)) / n),
        "by_frequency": groups,
        "per_customer": predicted,
    }


def comparison(fits: list[tuple[Any, Any]], histories: Sequence[tuple[int, float, float, float]],
               actual: Sequence[int] | None = None, length: float | None = None,
               ) -> list[dict[str, Any]]:
    """One row per fitted purchase model (see the module docstring)."""
    rows = []
    for model, fit in fits:
        k = len(fit.params)
        row = {"id": model.id, "name": model.name, "setting": model.setting,
               "reference": model.reference, "params": fit.params._asdict(),
               "standard_errors": errors(fit.params, purchase_covariance(model, fit.params,
                                                                         histories)),
               "log_likelihood": fit.log_likelihood, "customers": fit.customers,
               "parameters": k, "aic": 2 * k - 2 * fit.log_likelihood,
               "bic": k * math.log(fit.customers) - 2 * fit.log_likelihood}
        if actual is not None:
            check = holdout(model, fit.params, histories, actual, length)
            row["holdout"] = {key: value for key, value in check.items() if key != "per_customer"}
        rows.append(row)
    if actual is not None:
        best, why = min(rows, key=lambda row: row["holdout"]["mae"]), "holdout_mae"
    else:
        best, why = min(rows, key=lambda row: row["bic"]), "bic"
    for row in rows:
        row["recommended"] = row is best
        row["recommended_by"] = why
    return rows


def clv_interval(model: Any, purchases: Any, purchase_cov, spend: gamma_gamma.Params,
                 spend_cov, histories: Sequence[tuple[int, float, float, float]], *,
                 margin: float, horizon: float, step: float,
                 discount_rate: float) -> dict[str, Any] | None:
    """Total residual CLV with a 95 % delta-method interval (None without
    both covariances).  Only the parameters' uncertainty is in it."""
    every = {"total": range(len(histories))}
    found = clv_intervals(model, purchases, purchase_cov, spend, spend_cov, histories, every,
                          margin=margin, horizon=horizon, step=step, discount_rate=discount_rate)
    return None if found is None else found["total"]


def clv_intervals(model: Any, purchases: Any, purchase_cov, spend: gamma_gamma.Params,
                  spend_cov, histories: Sequence[tuple[int, float, float, float]],
                  groups: Mapping[str, Sequence[int]], *, margin: float, horizon: float,
                  step: float, discount_rate: float) -> dict[str, dict[str, Any]] | None:
    """The residual CLV of each group of customers (indices into *histories*,
    e.g. the five ``calculator.segments``) with a 95 % delta-method interval
    (``uncertainty.delta_intervals``); None without both covariances.

    The groups are held fixed: a customer's segment depends on P(alive), so
    on θ as well, but the interval answers "how sure is the value of these
    customers", not "how many customers are in the segment".  Only the
    parameters' uncertainty is in it, not the randomness of future purchases.
    """
    if purchase_cov is None or spend_cov is None:
        return None
    k = len(purchases)
    names = list(groups)

    # CLV per unit of spend depends on the purchase parameters only: a shift of
    # a spend parameter reuses it (the costly part, one sum per history and step).
    per_unit: dict[tuple[float, ...], list[float]] = {}

    def unit_values(theta: tuple[float, ...]) -> list[float]:
        if theta not in per_unit:
            p = model.params(*theta)
            cache: dict[tuple[int, float, float], float] = {}
            for x, t_x, T, _ in histories:
                if (x, t_x, T) not in cache:
                    cache[x, t_x, T] = clv.residual_clv(
                        p, x, t_x, T, spend=1.0, margin=1.0, horizon=horizon, step=step,
                        discount_rate=discount_rate,
                        expected_purchases=model.conditional_expected_purchases)
            per_unit[theta] = [cache[x, t_x, T] for x, t_x, T, _ in histories]
        return per_unit[theta]

    def totals(theta: tuple[float, ...]) -> list[float]:
        g = gamma_gamma.Params(*theta[k:])
        # m_x ≤ 0 (refunds) as in ``analysis._predict``: the Gamma-Gamma limit at m → 0.
        each = [u * gamma_gamma.conditional_expected_spend(g, x, max(m, 0.0))
                for u, (x, _, _, m) in zip(unit_values(theta[:k]), histories)]
        return [math.fsum(each[i] for i in groups[name]) * margin for name in names]

    n = k + len(spend)
    cov = [[0.0] * n for _ in range(n)]
    for i in range(k):
        for j in range(k):
            cov[i][j] = purchase_cov[i][j]
    for i in range(len(spend)):
        for j in range(len(spend)):
            cov[k + i][k + j] = spend_cov[i][j]
    found = uncertainty.delta_intervals(totals, (*purchases, *spend), cov)
    return {name: {"clv": value, "lower": lower, "upper": upper, "level": 0.95,
                   "method": "delta", "customers": len(groups[name])}
            for name, (value, lower, upper) in zip(names, found)}
