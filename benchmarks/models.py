"""BG/NBD + Gamma-Gamma fit on the full CDNOW master log: calculator/ vs lifetimes.

The master log (23,570 customers, 69,659 rows; Fader, Hardie & Lee 2005)
ships in the ``lifetimes`` wheel (lifetimes/datasets/CDNOW_master.txt) and
is read from the installed package.  Both libraries fit the same
per-customer (x, t_x, T, m_x) table, calibration until 1997-09-30, in weeks;
reading the CSV is timed separately.  Rounds alternate between the two so a
noisy neighbour slows both alike; the ratio of medians is what we track.
Target: calculator/ at most 3x the time of lifetimes.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROUNDS = 3
TARGET = 3.0


def master_log() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("lifetimes")  # without importing pkg_resources
    return Path(spec.origin).parent / "datasets" / "CDNOW_master.txt"


def main() -> int:
    import numpy as np
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    from calculator.customers import summarize
    from calculator.models import bgnbd, gamma_gamma
    from tests.data.cdnow import CALIBRATION_END, as_csv

    text = as_csv(master_log(), sample_ids=False)
    start = time.perf_counter()
    rows = summarize(text, end=CALIBRATION_END, unit="week")["customers"]
    read_seconds = time.perf_counter() - start
    histories = [(r["frequency"], r["recency"], r["T"]) for r in rows]
    spends = [(r["frequency"], r["monetary_value"]) for r in rows]
    x = np.array([r["frequency"] for r in rows], dtype=float)
    t_x, T, m = (np.array([r[k] for r in rows]) for k in ("recency", "T", "monetary_value"))
    buyers = (x > 0) & (m > 0)

    def ours():
        return bgnbd.fit(histories).params, gamma_gamma.fit(spends).params

    def theirs():
        purchases = BetaGeoFitter().fit(x, t_x, T)
        spend = GammaGammaFitter().fit(x[buyers], m[buyers])
        return purchases.params_, spend.params_

    times: dict[str, list[float]] = {"calculator": [], "lifetimes": []}
    for _ in range(ROUNDS):
        for name, fit in (("calculator", ours), ("lifetimes", theirs)):
            start = time.perf_counter()
            params = fit()
            times[name].append(time.perf_counter() - start)
            if name == "calculator":
                ours_params = params
            else:
                theirs_params = params
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["calculator"] / medians["lifetimes"]
    (r, alpha, a, b), (p, q, gamma) = ours_params
    print(f"CDNOW master log: {len(rows)} customers, {int(buyers.sum())} repeat buyers; "
          f"CSV read + summary {read_seconds:.2f} s")
    print(f"  calculator/ : r={r:.4f} alpha={alpha:.4f} a={a:.4f} b={b:.4f}; "
          f"p={p:.4f} q={q:.4f} gamma={gamma:.4f}")
    lt_bg, lt_gg = theirs_params
    print(f"  lifetimes   : r={lt_bg['r']:.4f} alpha={lt_bg['alpha']:.4f} a={lt_bg['a']:.4f} "
          f"b={lt_bg['b']:.4f}; p={lt_gg['p']:.4f} q={lt_gg['q']:.4f} gamma={lt_gg['v']:.4f}")
    print(f"BG/NBD + Gamma-Gamma fit, median of {ROUNDS}:")
    print(f"  calculator/ (CPython {sys.version.split()[0]}): {medians['calculator']:6.2f} s")
    print(f"  lifetimes                  : {medians['lifetimes']:6.2f} s")
    print(f"  ratio                      : {ratio:6.2f}x  (target <= {TARGET:g}x) "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
