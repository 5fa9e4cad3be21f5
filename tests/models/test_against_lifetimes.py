"""Predictions against an independent implementation: ``lifetimes`` 0.11.3
(numpy/scipy, test dependency only), evaluated at our fitted parameters."""

import math

import numpy as np
import pytest
from lifetimes import BetaGeoFitter, GammaGammaFitter

from calculator.analysis import analyze
from calculator.models import bgnbd, clv, gamma_gamma
from tests.data.cdnow import CALIBRATION_END, as_csv


@pytest.fixture(scope="module")
def fitted():
    result = analyze(as_csv(), {"end": CALIBRATION_END, "unit": "week", "margin": 0.3})
    rows = result["results"]
    x = np.array([r["frequency"] for r in rows], dtype=float)
    t_x = np.array([r["recency"] for r in rows])
    T = np.array([r["T"] for r in rows])
    m = np.array([r["monetary_value"] for r in rows])
    reference = BetaGeoFitter().fit(x, t_x, T)
    spend = GammaGammaFitter().fit(x[x > 0], m[x > 0])
    # Evaluate lifetimes at *our* parameters, so only the formulas are compared.
    reference.params_[:] = [result["bgnbd"][k] for k in ("r", "alpha", "a", "b")]
    spend.params_[:] = [result["gamma_gamma"][k] for k in ("p", "q", "gamma")]
    return result, rows, (x, t_x, T, m), reference, spend


def test_fits_agree_with_lifetimes_on_the_same_data():
    rows = analyze(as_csv(), {"end": CALIBRATION_END, "models": False})["results"]
    x, t_x, T = (np.array([r[k] for r in rows], dtype=float) for k in ("frequency", "recency", "T"))
    reference = BetaGeoFitter().fit(x, t_x, T)
    ours = bgnbd.fit(list(zip(x.astype(int), t_x, T))).params
    assert list(ours) == pytest.approx(list(reference.params_), rel=1e-4)


def test_conditional_expected_purchases(fitted):
    result, rows, (x, t_x, T, m), reference, _ = fitted
    params = bgnbd.Params(**{k: result["bgnbd"][k] for k in ("r", "alpha", "a", "b")})
    for t in (1.0, 39.0, 52.18):
        expected = reference.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T)
        ours = [bgnbd.conditional_expected_purchases(params, t, int(a), b, c)
                for a, b, c in zip(x, t_x, T)]
        assert ours == pytest.approx(list(expected), rel=1e-9)
    assert [r["expected_purchases"] for r in rows] == pytest.approx(list(
        reference.conditional_expected_number_of_purchases_up_to_time(
            result["settings"]["horizon_in_unit"], x, t_x, T)), rel=1e-9)


def test_probability_alive_and_unconditional_expectation(fitted):
    result, rows, (x, t_x, T, m), reference, _ = fitted
    assert [r["p_alive"] for r in rows] == pytest.approx(
        list(reference.conditional_probability_alive(x, t_x, T)), rel=1e-12)
    params = bgnbd.Params(**{k: result["bgnbd"][k] for k in ("r", "alpha", "a", "b")})
    for t in (0.5, 39.0, 78.0):
        assert bgnbd.expected_purchases(params, t) == pytest.approx(
            reference.expected_number_of_purchases_up_to_time(t), rel=1e-10)


def test_conditional_expected_spend(fitted):
    result, rows, (x, t_x, T, m), _, spend = fitted
    expected = spend.conditional_expected_average_profit(x, m)
    assert [r["expected_avg_value"] for r in rows] == pytest.approx(list(expected), rel=1e-12)


def test_clv_is_the_discounted_sum_of_lifetimes_predictions(fitted):
    result, rows, (x, t_x, T, m), reference, spend = fitted
    s = result["settings"]
    step = s["horizon_in_unit"] / s["horizon"]
    d = s["discount_rate_per_horizon_unit"]
    times = [k * step for k in range(int(s["horizon"]) + 1)]
    cumulative = [reference.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T)
                  if t else np.zeros_like(x) for t in times]
    value = sum((cumulative[k] - cumulative[k - 1]) / (1 + d) ** k for k in range(1, len(times)))
    expected = value * spend.conditional_expected_average_profit(x, m) * s["margin"]
    assert [r["clv"] for r in rows] == pytest.approx(list(expected), rel=1e-9)
    assert [r["total_clv"] for r in rows] == pytest.approx(
        [r["historical_clv"] + r["clv"] for r in rows])


@pytest.mark.parametrize("x", [50, 200, 500, 2000])
def test_heavy_buyers_stay_finite_and_agree(x):
    # Hundreds of purchases: the ₂F₁ of eq. (10) overflows a naive series.
    params = bgnbd.Params(0.243, 4.414, 0.793, 2.426)
    reference = BetaGeoFitter()
    reference.params_ = __import__("pandas").Series(dict(zip(("r", "alpha", "a", "b"), params)))
    for t_x, T, t in ((38.0, 38.86, 39.0), (20.0, 38.86, 520.0)):
        ours = bgnbd.conditional_expected_purchases(params, t, x, t_x, T)
        theirs = float(reference.conditional_expected_number_of_purchases_up_to_time(
            t, np.array([x]), np.array([t_x]), np.array([T]))[0])
        assert math.isfinite(ours) and ours >= 0
        assert ours == pytest.approx(theirs, rel=1e-7, abs=1e-12)
    assert 0 <= bgnbd.probability_alive(params, x, 20.0, 38.86) <= 1


def test_discount_rate_units():
    # 10 % a year is 0.797 % a month (compound), 1 % a month is 12.68 % a year.
    assert clv.discount_rate_per(0.10, "year", "month") == pytest.approx(1.1 ** (1 / 12) - 1)
    assert clv.discount_rate_per(0.01, "month", "year") == pytest.approx(1.01 ** 12 - 1)
    assert clv.horizon_in_unit(12, "month", "week") == pytest.approx(365.25 / 7)


def test_gamma_gamma_likelihood_matches_lifetimes():
    params = gamma_gamma.Params(6.25, 3.74, 15.44)
    data = [(1, 11.77), (2, 22.35), (7, 30.5), (300, 14.2)]
    theirs = -GammaGammaFitter._negative_log_likelihood(
        np.log(np.array(params)), np.array([d[0] for d in data]), np.array([d[1] for d in data]),
        np.ones(len(data)), 0.0) * len(data)
    assert sum(gamma_gamma.log_likelihood(params, *d) for d in data) == pytest.approx(theirs)
