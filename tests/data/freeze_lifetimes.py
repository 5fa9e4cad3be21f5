"""Freeze lifetimes 0.11.3's fits on the CDNOW sample as tests/data/lifetimes_cdnow.json.

lifetimes is archived and breaks in places under pandas 3, so the tests
compare against its outputs frozen here rather than against a live import.
Run from the repository root (it takes about a minute):

    .venv/bin/python -m tests.data.freeze_lifetimes

Data: tests/data/CDNOW_sample.txt summarised by ``calculator.customers``
(calibration to 1997-09-30, weeks), which equals lifetimes' own summary
(models.md review).  Per model: the fitted parameters (not ln L: lifetimes
keeps the one of its internally rescaled times), its
``standard_errors_`` (observed information at the MLE; none for the
Pareto/NBD), and predictions
for the first customers; the calibration/holdout split of
``lifetimes.utils.calibration_and_holdout_data`` and the holdout
predictions at lifetimes' parameters; and ``BetaGeoBetaBinomFitter`` on
lifetimes' donations.csv.
"""

import json
import sys
from pathlib import Path

import numpy as np


def main() -> int:
    import lifetimes
    from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    from calculator.customers import summarize
    from tests.data.cdnow import CALIBRATION_END, as_csv

    rows = summarize(as_csv(), end=CALIBRATION_END, unit="week")["customers"]
    x = np.array([r["frequency"] for r in rows], dtype=float)
    t_x = np.array([r["recency"] for r in rows])
    T = np.array([r["T"] for r in rows])
    sample = slice(0, 20)
    out = {"provenance": {
        "command": "python -m tests.data.freeze_lifetimes",
        "lifetimes": lifetimes.__version__, "numpy": np.__version__,
        "data": "tests/data/CDNOW_sample.txt, calibration to 1997-09-30, weeks",
        "customers": len(rows)},
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
    path = Path(__file__).with_name("lifetimes_cdnow.json")
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


def holdout(models, rows):
    """The calibration/holdout split of the CDNOW sample (1997-09-30, 1998-06-30),
    done in pandas: lifetimes' ``calibration_and_holdout_data`` fails under
    pandas 3 ("No objects to concatenate"), so the split here is pandas' own
    (distinct purchase days per customer), the predictions lifetimes', at
    lifetimes' parameters, in total and by calibration frequency x."""
    import io

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


if __name__ == "__main__":
    sys.exit(main())
