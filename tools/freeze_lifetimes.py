"""Freeze what ``lifetimes`` 0.11.3 computes on the CDNOW sample into one test fixture.

lifetimes is archived, warns under pandas 3 and its ₂F₁ series overflows for
heavy buyers, so the tests must not run it. They compare our models with the
numbers it gave once, written by this script to ``tests/data/lifetimes.json``
with their provenance (the versions of lifetimes, pandas, numpy and scipy,
the date, the command, the data and the settings). Run from the repository
root with lifetimes installed (requirements-bench.lock, which ``make bench``
installs; it takes a few seconds)::

    .venv/bin/python -m tools.freeze_lifetimes

Two parts, one file (tests/data/README.md):

* BG/NBD and Gamma-Gamma predictions evaluated at the parameters recorded in
  the file (the ones ``calculator`` fitted when the file was made), so later
  changes to our fitting do not move the reference: the tests compare
  formulas at identical parameters, plus our fit against lifetimes' fit
  (``bgnbd``, ``gamma_gamma``, ``rows``, ``expected_purchases``,
  ``heavy_buyers``, ``gamma_gamma_log_likelihood``);
* lifetimes' own fits of ``BetaGeoFitter``, ``ModifiedBetaGeoFitter`` and
  ``ParetoNBDFitter``, with standard errors and predictions for the first
  customers (``customers``, ``models``), the calibration/holdout check
  (``holdout``) and ``BetaGeoBetaBinomFitter`` on lifetimes' donations.csv
  (``bgbb_donations``).
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "data" / "lifetimes.json"
# models.md B1: the master log observed to this day.
MASTER_END = "2005-01-01"
COMMAND = "python -m tools.freeze_lifetimes"

# The points in time of the comparisons, in weeks (the model unit).
TIMES = [1.0, 39.0, 52.18]
UNCONDITIONAL_TIMES = [0.5, 39.0, 78.0]
# Heavy buyers (hundreds of purchases) at the FHL (2005) estimates.
FHL_PARAMS = (0.243, 4.414, 0.793, 2.426)
HEAVY = [(x, t_x, T, t) for x in (50, 200, 500, 2000) for t_x, T, t in ((38.0, 38.86, 39.0), (20.0, 38.86, 520.0))]
GAMMA_GAMMA_PARAMS = (6.25, 3.74, 15.44)
GAMMA_GAMMA_DATA = [(1, 11.77), (2, 22.35), (7, 30.5), (300, 14.2)]
SETTINGS = {"unit": "week", "margin": 0.3}
ZERO_SPEND_X = (1, 2, 5)
# lifetimes' Pareto/NBD fit starts from random points (numpy's global
# generator): seeded, a rerun gives the same β.
SEED = 0


def main() -> int:
    import numpy as np

    np.random.seed(SEED)
    versions = {name: importlib.metadata.version(name) for name in ("lifetimes", "pandas", "numpy", "scipy")}
    reference, settings = at_our_parameters()
    frozen = {
        "provenance": {
            "command": COMMAND,
            "date": datetime.date.today().isoformat(),
            "versions": versions,
            "data": "tests/data/CDNOW_sample.txt, calibration to 1997-09-30, weeks",
            "settings": settings,
            "seed": SEED,
            "note": "rows, expected_purchases, heavy_buyers: lifetimes' predictions at the parameters "
                    "bgnbd and gamma_gamma (calculator's fit when frozen); models: lifetimes' own fits",
        },
        **reference,
        **lifetimes_fits(),
        "master_2005": master_to_2005(),
    }
    TARGET.write_text(dumps(frozen), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(frozen['rows'])} histories, lifetimes {versions['lifetimes']})")
    return 0


def at_our_parameters() -> tuple[dict, dict]:
    """lifetimes' BG/NBD and Gamma-Gamma predictions at calculator's fitted
    parameters for every distinct history, and the analysis settings."""
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
    reference = {
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
        # E[M | x, m_x = 0] at `gamma_gamma` (models.md B4: a refund that cancels the repeat purchases).
        "zero_spend": {str(zx): float(spend.conditional_expected_average_profit(
            np.array([float(zx)]), np.array([0.0]))[0]) for zx in ZERO_SPEND_X},
    }
    settings = {**SETTINGS, "horizon": s["horizon"], "horizon_unit": s["horizon_unit"],
                "horizon_in_unit": s["horizon_in_unit"], "discount_rate_per_horizon_unit": d}
    return reference, settings


def lifetimes_fits() -> dict:
    """lifetimes' own fits on the calibration summary: parameters,
    ``standard_errors_`` (observed information at the MLE; none for the
    Pareto/NBD) and predictions for the first 20 customers; the holdout;
    BG/BB on donations.csv."""
    import numpy as np
    from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    from calculator.customers import summarize
    from tests.data.cdnow import CALIBRATION_END, as_csv

    rows = summarize(as_csv(), end=CALIBRATION_END, unit="week")["customers"]
    x = np.array([r["frequency"] for r in rows], dtype=float)
    t_x = np.array([r["recency"] for r in rows])
    T = np.array([r["T"] for r in rows])
    sample = slice(0, 20)
    out = {
        "customers": [[int(a), float(b), float(c)] for a, b, c in zip(x[sample], t_x[sample], T[sample])],
        "models": {}}
    for name, fitter in (("bgnbd", BetaGeoFitter()), ("mbgnbd", ModifiedBetaGeoFitter()),
                         ("pareto_nbd", ParetoNBDFitter())):
        fitter.fit(x, t_x, T)
        params = {k: float(v) for k, v in fitter.params_.items()}
        xs, ts, Ts = x[sample], t_x[sample], T[sample]
        out["models"][name] = {
            "params": params,
            # ParetoNBDFitter 0.11.3 computes no Hessian, hence no standard errors.
            "standard_errors": ({k: float(v) for k, v in fitter.standard_errors_.items()}
                                if hasattr(fitter, "standard_errors_") else None),
            "p_alive": [float(v) for v in fitter.conditional_probability_alive(xs, ts, Ts)],
            "conditional_expected_purchases_39": [
                float(v) for v in
                fitter.conditional_expected_number_of_purchases_up_to_time(39.0, xs, ts, Ts)],
            "expected_purchases": {str(t): float(fitter.expected_number_of_purchases_up_to_time(t))
                                   for t in (1.0, 39.0, 78.0)},
        }
        print(name, params, file=sys.stderr)
    out["holdout"] = holdout(out["models"], rows)
    out["bgbb_donations"] = donations()
    return out


def master_to_2005() -> dict:
    """models.md B1: lifetimes' BG/NBD fit on the CDNOW master log observed to
    2005-01-01, where rounding t_x and T for the fit's starting point once left
    no interior maximum."""
    import numpy as np
    from lifetimes import BetaGeoFitter

    from calculator.customers import summarize
    from tests.data.cdnow import MASTER, as_csv

    rows = summarize(as_csv(MASTER, sample_ids=False), end=MASTER_END)["customers"]
    x, t_x, T = (np.array([r[k] for r in rows], dtype=float) for k in ("frequency", "recency", "T"))
    fitted = BetaGeoFitter().fit(x, t_x, T)
    return {"data": f"tests/data/CDNOW_master.txt to {MASTER_END}, weeks", "customers": len(rows),
            "lifetimes_bgnbd_fit": {k: float(v) for k, v in fitted.params_.items()}}


def holdout(models, rows):
    """The calibration/holdout split of the CDNOW sample (1997-09-30, 1998-06-30),
    done in pandas: lifetimes' ``calibration_and_holdout_data`` fails under
    pandas 3 ("No objects to concatenate"), so the split here is pandas' own
    (distinct purchase days per customer), the predictions lifetimes', at
    lifetimes' parameters, in total and by calibration frequency x."""
    import io

    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    from tests.data.cdnow import as_csv
    log = pd.read_csv(io.StringIO(as_csv()), dtype={"customer": str, "date": str})
    log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
    end, holdout_end = pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30")
    days = log[["customer", "date"]].drop_duplicates()
    cal = days[days["date"] <= end].groupby("customer")["date"]
    first, last, count = cal.min(), cal.max(), cal.count()
    later = days[(days["date"] > end) & (days["date"] <= holdout_end)]
    actual = later.groupby("customer")["date"].count().reindex(first.index, fill_value=0)
    x = (count - 1).to_numpy(dtype=float)
    t_x = ((last - first).dt.days / 7).to_numpy()
    T = ((end - first).dt.days / 7).to_numpy()
    actual = actual.to_numpy()
    length = (holdout_end - end).days / 7
    split = first
    out = {"customers": int(len(split)), "length_weeks": length,
           "actual_purchases": float(actual.sum()),
           "actual_by_frequency": {str(k): float(actual[x == k].mean()) for k in range(7)},
           "predicted_purchases": {}, "predicted_by_frequency": {}}
    for name, cls in (("bgnbd", BetaGeoFitter), ("mbgnbd", ModifiedBetaGeoFitter),
                      ("pareto_nbd", ParetoNBDFitter)):
        fitter = cls()
        fitter.params_ = pd.Series(models[name]["params"])
        predicted = fitter.conditional_expected_number_of_purchases_up_to_time(length, x, t_x, T)
        predicted = np.asarray(predicted, dtype=float)
        out["predicted_purchases"][name] = float(predicted.sum())
        out["predicted_by_frequency"][name] = {str(k): float(predicted[x == k].mean())
                                               for k in range(7)}
    return out


def donations():
    """BetaGeoBetaBinomFitter on lifetimes' donations.csv (Fader, Hardie & Shang
    2010): its fit, and at the published α, β, γ, δ, P(alive) and the expected
    transactions in the next 5 opportunities for every row."""
    import importlib.util

    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoBetaBinomFitter
    # lifetimes.datasets imports pkg_resources, gone from setuptools 81: read the file.
    folder = Path(importlib.util.find_spec("lifetimes").origin).parent / "datasets"
    data = pd.read_csv(folder / "donations.csv")
    fitter = BetaGeoBetaBinomFitter().fit(data["frequency"], data["recency"], data["periods"],
                                          weights=data["weights"])
    fitted = {k: float(v) for k, v in fitter.params_.items()}
    fitter.params_ = pd.Series({"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783})
    rows = data[["frequency", "recency", "periods", "weights"]].to_numpy().tolist()
    f, r, n = (data[k].to_numpy() for k in ("frequency", "recency", "periods"))
    return {"summary": [[int(v) for v in row] for row in rows], "params": fitted,
            "at_published": {"p_alive": [float(v) for v in fitter.conditional_probability_alive(1, f, r, n)],
                             "conditional_expected_purchases_5": [
                                 float(v) for v in np.asarray(
                                     fitter.conditional_expected_number_of_purchases_up_to_time(5, f, r, n))]}}


def dumps(reference: dict) -> str:
    """JSON with one line per row, so that a regenerated file diffs row by row."""
    rows = reference["rows"]
    text = json.dumps({**reference, "rows": "ROWS"}, indent=1, allow_nan=False)
    lines = ",\n".join("  " + json.dumps(row, allow_nan=False) for row in rows)
    return text.replace('"rows": "ROWS"', '"rows": [\n' + lines + "\n ]") + "\n"


if __name__ == "__main__":
    sys.exit(main())
