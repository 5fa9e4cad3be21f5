"""Per-segment CLV intervals (issue 14, point 6) against a delta method written here.

The reference is computed independently of ``uncertainty.delta_intervals``:
forward differences (not central ones) with another step, the covariance
assembled here from the two fits' information matrices, and each segment's
residual CLV summed here from the per-customer formula.  Forward differences
have a truncation error of O(h) relative to the gradient, with h = 1e-6 of
each parameter about 1e-6 (the curvature of CLV in θ is of order CLV/θ²), so
a relative tolerance of 1e-4 on the standard deviations is generous yet
catches any wrong weight, sign or covariance block.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from calculator.analysis import analyze
from calculator.models import assess, clv, gamma_gamma
from calculator.models.table import PURCHASE_MODELS
from calculator.segments import SEGMENTS, segments

FILE = Path(__file__).resolve().parents[1] / "data" / "your_data.csv"
OPTIONS = {"end": "2024-05-31", "margin": 0.5, "intervals": True}
Z_95 = 1.959963984540054
FORWARD_STEP = 1e-6


def histories(result):
    return [(c["frequency"], c["recency"], c["T"], c["monetary_value"]) for c in result["results"]]


def segment_values(model, theta, k, rows, members, settings):
    """Residual CLV of each segment at θ (purchase parameters first), summed by hand."""
    p, g = model.params(*theta[:k]), gamma_gamma.Params(*theta[k:])
    values = {}
    for name in SEGMENTS:
        total = 0.0
        for i in members[name]:
            x, t_x, T, m = rows[i]
            unit = clv.residual_clv(p, x, t_x, T, spend=1.0, margin=1.0,
                                    horizon=settings["horizon_in_unit"], step=settings["step"],
                                    discount_rate=settings["discount_rate_per_horizon_unit"],
                                    expected_purchases=model.conditional_expected_purchases)
            total += unit * gamma_gamma.conditional_expected_spend(g, x, max(m, 0.0))
        values[name] = total * settings["margin"]
    return values


@pytest.mark.parametrize("model_id", ["bgnbd", "pareto_nbd"])
def test_segment_intervals_equal_a_forward_difference_delta_method(model_id):
    result = analyze(FILE.read_text(encoding="utf-8"), {**OPTIONS, "model": model_id})
    found = result["segment_intervals"]
    assert list(found) == list(SEGMENTS)
    model = PURCHASE_MODELS[model_id]
    purchases = model.params(*(result["purchase"][name] for name in model.params._fields))
    spend = gamma_gamma.Params(*(result["gamma_gamma"][name] for name in ("p", "q", "gamma")))
    rows = histories(result)
    position = {c["customer_id"]: i for i, c in enumerate(result["results"])}
    members = {name: [position[c["customer_id"]] for c in group]
               for name, group in segments(result["results"]).items()}
    settings = {**result["settings"], "step": clv.horizon_in_unit(1, result["settings"]["horizon_unit"],
                                                                  result["settings"]["unit"])}
    # The covariance: the two fits are independent, so block-diagonal.
    blocks = [assess.purchase_covariance(model, purchases, rows), assess.spend_covariance(spend, rows)]
    theta = [*purchases, *spend]
    k, n = len(purchases), len(theta)
    cov = [[0.0] * n for _ in range(n)]
    offset = 0
    for block in blocks:
        for i, line in enumerate(block):
            for j, value in enumerate(line):
                cov[offset + i][offset + j] = value
        offset += len(block)
    centre = segment_values(model, theta, k, rows, members, settings)
    gradient = {name: [] for name in SEGMENTS}
    for i in range(n):
        h = FORWARD_STEP * abs(theta[i])
        shifted = segment_values(model, [v + h * (j == i) for j, v in enumerate(theta)],
                                 k, rows, members, settings)
        for name in SEGMENTS:
            gradient[name].append((shifted[name] - centre[name]) / h)
    for name in SEGMENTS:
        part = found[name]
        assert part["customers"] == len(members[name])
        assert part["clv"] == pytest.approx(centre[name], rel=1e-12, abs=1e-9)
        grad = gradient[name]
        sd = math.sqrt(sum(grad[i] * cov[i][j] * grad[j] for i in range(n) for j in range(n)))
        assert (part["upper"] - part["clv"]) / Z_95 == pytest.approx(sd, rel=1e-4, abs=1e-9), name
        assert part["clv"] - part["lower"] == pytest.approx(part["upper"] - part["clv"], rel=1e-9, abs=1e-9)
    # The segments partition the customers: their values add up to the total's.
    assert math.fsum(part["clv"] for part in found.values()) == pytest.approx(result["clv_interval"]["clv"], rel=1e-12)
    assert result["clv_interval"]["clv"] == pytest.approx(result["totals"]["clv"], rel=1e-12)


def test_empty_segments_have_a_zero_interval():
    found = analyze(FILE.read_text(encoding="utf-8"), OPTIONS)["segment_intervals"]
    empty = [name for name, part in found.items() if part["customers"] == 0]
    assert empty, "the fixture has empty segments (new, at_risk)"
    for name in empty:
        assert (found[name]["clv"], found[name]["lower"], found[name]["upper"]) == (0.0, 0.0, 0.0)


def test_no_intervals_unless_asked():
    result = analyze(FILE.read_text(encoding="utf-8"), {**OPTIONS, "intervals": False})
    assert "segment_intervals" not in result and "clv_interval" not in result
