"""Freeze what ``lifetimes`` 0.11.3 computes on the CDNOW sample into a test fixture.

lifetimes is archived, warns under pandas 3 and its ₂F₁ series overflows for
heavy buyers, so the tests must not run it. They compare our models with the
numbers it gave once, written by this script to
``tests/data/lifetimes_reference.json`` together with their provenance (the
versions of lifetimes, numpy, scipy and pandas, the data and the settings).

Every prediction is evaluated at the parameters recorded in the file (the
ones ``calculator`` fitted when the file was made), so later changes to our
fitting do not move the reference: the tests compare formulas at identical
parameters, plus our fit against lifetimes' fit. Run from the repository root
with lifetimes installed (it is in requirements.lock for this and ``make bench``)::

    .venv/bin/python -m tools.freeze_lifetimes
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "data" / "lifetimes_reference.json"
# The points in time of the comparisons, in weeks (the model unit).
TIMES = [1.0, 39.0, 52.18]
UNCONDITIONAL_TIMES = [0.5, 39.0, 78.0]
# Heavy buyers (hundreds of purchases) at the FHL (2005) estimates.
FHL_PARAMS = (0.243, 4.414, 0.793, 2.426)
HEAVY = [(x, t_x, T, t) for x in (50, 200, 500, 2000) for t_x, T, t in ((38.0, 38.86, 39.0), (20.0, 38.86, 520.0))]
GAMMA_GAMMA_PARAMS = (6.25, 3.74, 15.44)
GAMMA_GAMMA_DATA = [(1, 11.77), (2, 22.35), (7, 30.5), (300, 14.2)]
SETTINGS = {"unit": "week", "margin": 0.3}


def main() -> int:
    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    from calculator.analysis import analyze
    from tests.data.cdnow import CALIBRATION_END, as_csv

    result = analyze(as_csv(), {"end": CALIBRATION_END, **SETTINGS})
    s = result["settings"]
    histories = sorted({(r["frequency"], r["recency"], r["T"], r["monetary_value"] or 0.0)
                        for r in result["results"]})
    x, t_x, T, m = (np.array(column, dtype=float) for column in zip(*histories))
    bgnbd_params = [result["bgnbd"][k] for k in ("r", "alpha", "a", "b")]
    gg_params = [result["gamma_gamma"][k] for k in ("p", "q", "gamma")]

    fitted = BetaGeoFitter().fit(x_all := np.array([r["frequency"] for r in result["results"]], dtype=float),
                                 np.array([r["recency"] for r in result["results"]]),
                                 np.array([r["T"] for r in result["results"]]))
    fitted_params = [float(v) for v in fitted.params_]
    del x_all

    purchases = BetaGeoFitter()
    purchases.params_ = pd.Series(dict(zip(("r", "alpha", "a", "b"), bgnbd_params)))
    spend = GammaGammaFitter()
    spend.params_ = pd.Series(dict(zip(("p", "q", "v"), gg_params)))
    repeat = x > 0

    def conditional(t: float) -> list[float]:
        return [float(v) for v in purchases.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T)]

    # CLV as lifetimes' predictions discounted per horizon step (FHL, our analysis.py).
    step = s["horizon_in_unit"] / s["horizon"]
    d = s["discount_rate_per_horizon_unit"]
    times = [k * step for k in range(int(s["horizon"]) + 1)]
    cumulative = [np.array(conditional(t)) if t else np.zeros_like(x) for t in times]
    discounted = sum((cumulative[k] - cumulative[k - 1]) / (1 + d) ** k for k in range(1, len(times)))
    expected_spend = np.zeros_like(x)
    expected_spend[repeat] = spend.conditional_expected_average_profit(x[repeat], m[repeat])

    heavy = BetaGeoFitter()
    heavy.params_ = pd.Series(dict(zip(("r", "alpha", "a", "b"), FHL_PARAMS)))
    gg = GAMMA_GAMMA_DATA
    gg_log_likelihood = -GammaGammaFitter._negative_log_likelihood(
        np.log(np.array(GAMMA_GAMMA_PARAMS)), np.array([d[0] for d in gg]), np.array([d[1] for d in gg]),
        np.ones(len(gg)), 0.0) * len(gg)

    predicted_at = [*TIMES, s["horizon_in_unit"]]
    versions = {name: importlib.metadata.version(name) for name in ("lifetimes", "numpy", "scipy", "pandas")}
    reference = {
        "provenance": {
            "made_by": "python -m tools.freeze_lifetimes",
            "versions": versions,
            "data": "tests/data/CDNOW_sample.txt, calibration end " + CALIBRATION_END,
            "settings": {**SETTINGS, "horizon": s["horizon"], "horizon_unit": s["horizon_unit"],
                         "horizon_in_unit": s["horizon_in_unit"],
                         "discount_rate_per_horizon_unit": d},
            "note": "predictions are lifetimes' at the parameters below (calculator's fit when frozen)",
        },
        "bgnbd": dict(zip(("r", "alpha", "a", "b"), bgnbd_params)),
        "gamma_gamma": dict(zip(("p", "q", "gamma"), gg_params)),
        "lifetimes_bgnbd_fit": dict(zip(("r", "alpha", "a", "b"), fitted_params)),
        # One row per distinct history (x, t_x, T, m_x) of the sample, then lifetimes' values for it.
        "columns": ["x", "t_x", "T", "m_x", *(f"conditional_expected_purchases@{t!r}" for t in predicted_at),
                    "probability_alive", "expected_spend", "clv"],
        "rows": [list(row) for row in zip(
            *zip(*histories), *(conditional(t) for t in predicted_at),
            [float(v) for v in purchases.conditional_probability_alive(x, t_x, T)],
            [float(v) if r else None for v, r in zip(expected_spend, repeat)],
            [float(v) if r else None for v, r in zip(discounted * expected_spend * SETTINGS["margin"], repeat)])],
        "expected_purchases": {repr(t): float(purchases.expected_number_of_purchases_up_to_time(t))
                               for t in UNCONDITIONAL_TIMES},
        "heavy_buyers": {"params": dict(zip(("r", "alpha", "a", "b"), FHL_PARAMS)), "cases": [
            [hx, ht_x, hT, t, float(heavy.conditional_expected_number_of_purchases_up_to_time(
                t, np.array([hx]), np.array([ht_x]), np.array([hT]))[0])] for hx, ht_x, hT, t in HEAVY]},
        "gamma_gamma_log_likelihood": {"params": list(GAMMA_GAMMA_PARAMS), "data": [list(p) for p in gg],
                                       "value": float(gg_log_likelihood)},
    }
    TARGET.write_text(dumps(reference), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(histories)} histories, lifetimes {versions['lifetimes']})")
    return 0


def dumps(reference: dict) -> str:
    """JSON with one line per row, so that a regenerated file diffs row by row."""
    rows = reference["rows"]
    text = json.dumps({**reference, "rows": "ROWS"}, indent=1, allow_nan=False)
    lines = ",\n".join("  " + json.dumps(row, allow_nan=False) for row in rows)
    return text.replace('"rows": "ROWS"', '"rows": [\n' + lines + "\n ]") + "\n"


if __name__ == "__main__":
    sys.exit(main())
