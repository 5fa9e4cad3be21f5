"""Our models against an independent implementation: ``lifetimes`` 0.11.3.

lifetimes (numpy/scipy) is archived and breaks under pandas 3, so it is not run
here: its outputs on the CDNOW sample were frozen by ``tools/freeze_lifetimes.py``
into ``tests/data/lifetimes.json``, with the versions that produced
them. Predictions are compared at the parameters recorded there, so only the
formulas are compared; the fit is compared with lifetimes' own fit.
"""

import math
import re

import pytest

from calculator.analysis import analyze
from calculator.models import bgnbd, clv, gamma_gamma
from tests.data.cdnow import CALIBRATION_END, as_csv, lifetimes_outputs

REFERENCE = lifetimes_outputs()
COLUMNS = REFERENCE["columns"]
ROWS = [dict(zip(COLUMNS, row)) for row in REFERENCE["rows"]]
BGNBD = bgnbd.Params(**REFERENCE["bgnbd"])
GAMMA_GAMMA = gamma_gamma.Params(**REFERENCE["gamma_gamma"])
SETTINGS = REFERENCE["provenance"]["settings"]
TIMES = [float(name.split("@")[1]) for name in COLUMNS if name.startswith("conditional_expected_purchases@")]


def test_the_reference_says_where_it_comes_from():
    provenance = REFERENCE["provenance"]
    assert provenance["versions"]["lifetimes"] == "0.11.3"
    assert provenance["versions"]["pandas"]  # the version that ran lifetimes
    assert provenance["command"] == "python -m tools.freeze_lifetimes"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", provenance["date"])
    assert len(ROWS) > 1000 and sum(row["x"] > 0 for row in ROWS) > 500


def test_fits_agree_with_lifetimes_on_the_same_data():
    rows = analyze(as_csv(), {"end": CALIBRATION_END, "models": False})["results"]
    ours = bgnbd.fit([(r["frequency"], r["recency"], r["T"]) for r in rows]).params
    assert list(ours) == pytest.approx(list(REFERENCE["lifetimes_bgnbd_fit"].values()), rel=1e-4)


@pytest.mark.parametrize("t", TIMES)
def test_conditional_expected_purchases(t):
    ours = [bgnbd.conditional_expected_purchases(BGNBD, t, int(r["x"]), r["t_x"], r["T"]) for r in ROWS]
    assert ours == pytest.approx([r[f"conditional_expected_purchases@{t!r}"] for r in ROWS], rel=1e-9)


def test_probability_alive_and_unconditional_expectation():
    ours = [bgnbd.probability_alive(BGNBD, int(r["x"]), r["t_x"], r["T"]) for r in ROWS]
    assert ours == pytest.approx([r["probability_alive"] for r in ROWS], rel=1e-12)
    for t, theirs in REFERENCE["expected_purchases"].items():
        assert bgnbd.expected_purchases(BGNBD, float(t)) == pytest.approx(theirs, rel=1e-10)


def test_conditional_expected_spend():
    repeat = [r for r in ROWS if r["x"] > 0]
    ours = [gamma_gamma.conditional_expected_spend(GAMMA_GAMMA, int(r["x"]), r["m_x"]) for r in repeat]
    assert ours == pytest.approx([r["expected_spend"] for r in repeat], rel=1e-12)


def test_clv_is_the_discounted_sum_of_lifetimes_predictions():
    repeat = [r for r in ROWS if r["x"] > 0]
    step = SETTINGS["horizon_in_unit"] / SETTINGS["horizon"]
    ours = [clv.residual_clv(BGNBD, int(r["x"]), r["t_x"], r["T"],
                             spend=gamma_gamma.conditional_expected_spend(GAMMA_GAMMA, int(r["x"]), r["m_x"]),
                             margin=SETTINGS["margin"], horizon=SETTINGS["horizon_in_unit"], step=step,
                             discount_rate=SETTINGS["discount_rate_per_horizon_unit"])
            for r in repeat]
    assert ours == pytest.approx([r["clv"] for r in repeat], rel=1e-9)


@pytest.mark.parametrize("case", REFERENCE["heavy_buyers"]["cases"], ids=lambda c: f"x={c[0]}-t={c[3]}")
def test_heavy_buyers_stay_finite_and_agree(case):
    # Hundreds of purchases: the ₂F₁ of eq. (10) overflows a naive series.
    x, t_x, T, t, theirs = case
    params = bgnbd.Params(**REFERENCE["heavy_buyers"]["params"])
    ours = bgnbd.conditional_expected_purchases(params, t, x, t_x, T)
    assert math.isfinite(ours) and ours >= 0
    assert ours == pytest.approx(theirs, rel=1e-7, abs=1e-12)
    assert 0 <= bgnbd.probability_alive(params, x, t_x, T) <= 1


def test_discount_rate_units():
    # 10 % a year is 0.797 % a month (compound), 1 % a month is 12.68 % a year.
    assert clv.discount_rate_per(0.10, "year", "month") == pytest.approx(1.1 ** (1 / 12) - 1)
    assert clv.discount_rate_per(0.01, "month", "year") == pytest.approx(1.01 ** 12 - 1)
    assert clv.horizon_in_unit(12, "month", "week") == pytest.approx(365.25 / 7)


def test_gamma_gamma_likelihood_matches_lifetimes():
    frozen = REFERENCE["gamma_gamma_log_likelihood"]
    params = gamma_gamma.Params(*frozen["params"])
    assert sum(gamma_gamma.log_likelihood(params, x, m) for x, m in frozen["data"]) == pytest.approx(frozen["value"])
