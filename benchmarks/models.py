"""Every model fit: calculator/ against lifetimes 0.11.3 on the same data, as ratios.

Data (the brief of issue 14):

* the full CDNOW master log (23,570 customers, 69,659 rows; Fader, Hardie &
  Lee 2005), shipped in the ``lifetimes`` wheel and read from the installed
  package, calibration until 1997-09-30, in weeks;
* a 100,000-customer simulation of the BG/NBD in continuous time (times
  not rounded to days: few identical histories, the hard case for grouping).

Both libraries fit the same per-customer (x, t_x, T) and (x, m_x) tables.
Times are CPU seconds (``time.process_time``) so that the other processes
of a shared machine do not count; rounds alternate between the two
libraries and the ratio of medians is printed.  Target (issue 14): every fit
no slower than lifetimes, ratio <= 1.  The Pareto/NBD on the simulation is
left out: lifetimes takes minutes there.  Last, every fit on CDNOW master
inside Pyodide under Node (benchmarks/models_pyodide.mjs, wall seconds),
target under 10 s each.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.0
PYODIDE_TARGET_S = 10.0  # issue 14: each model on CDNOW master in Pyodide under Node
ROOT = Path(__file__).resolve().parents[1]


def simulated(n: int = 100_000, seed: int = 14) -> list[tuple[int, float, float, float]]:
    """(x, t_x, T, m_x) from the BG/NBD at CDNOW's parameters, T of 26 to 52 weeks,
    spend gamma(6.25, ν) with ν ~ gamma(3.74, 15.44) (note 025's estimates)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        T = rng.uniform(26.0, 52.0)
        rate, p = rng.gammavariate(0.243, 1 / 4.414), rng.betavariate(0.793, 2.426)
        t, x, last = 0.0, 0, 0.0
        while (t := t + rng.expovariate(rate)) <= T:
            x, last = x + 1, t
            if rng.random() < p:
                break
        nu = rng.gammavariate(3.74, 1 / 15.44)
        spend = sum(rng.gammavariate(6.25, 1 / nu) for _ in range(x)) / x if x else 0.0
        rows.append((x, last, T, spend))
    return rows


def _cases(rows: list[tuple[int, float, float, float]], models: tuple[str, ...]):
    import numpy as np
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    from calculator.models import bgnbd, gamma_gamma, mbgnbd, pareto_nbd

    histories = [(x, t_x, T) for x, t_x, T, _ in rows]
    spends = [(x, m) for x, _, _, m in rows]
    x = np.array([r[0] for r in rows], dtype=float)
    t_x, T, m = (np.array([r[i] for r in rows], dtype=float) for i in (1, 2, 3))
    buyers = (x > 0) & (m > 0)
    cases = {
        "BG/NBD": (lambda: bgnbd.fit(histories), lambda: BetaGeoFitter().fit(x, t_x, T)),
        "MBG/NBD": (lambda: mbgnbd.fit(histories), lambda: ModifiedBetaGeoFitter().fit(x, t_x, T)),
        "Pareto/NBD": (lambda: pareto_nbd.fit(histories), lambda: ParetoNBDFitter().fit(x, t_x, T)),
        "Gamma-Gamma": (lambda: gamma_gamma.fit(spends),
                        lambda: GammaGammaFitter().fit(x[buyers], m[buyers])),
    }
    return {name: cases[name] for name in models}


def _compare(label: str, cases, rounds: int) -> None:
    print(f"{label} (CPU seconds, median of {rounds}):")
    for name, (ours, theirs) in cases.items():
        times: dict[str, list[float]] = {"calculator": [], "lifetimes": []}
        for _ in range(rounds):
            for who, fit in (("calculator", ours), ("lifetimes", theirs)):
                start = time.process_time()
                fit()
                times[who].append(time.process_time() - start)
        a, b = (statistics.median(times[who]) for who in ("calculator", "lifetimes"))
        ratio = a / b
        print(f"  {name:12} calculator/ {a:7.2f}  lifetimes {b:7.2f}  ratio {ratio:5.2f}x "
              f"{'OK' if ratio <= TARGET else 'OVER TARGET'} (target <= {TARGET:g}x)", flush=True)


def main() -> int:
    from calculator.customers import summarize
    from tests.data.cdnow import CALIBRATION_END, MASTER, as_csv

    start = time.process_time()
    customers = summarize(as_csv(MASTER, sample_ids=False), end=CALIBRATION_END,
                          unit="week")["customers"]
    print(f"CDNOW master log: {len(customers)} customers; CSV read + summary "
          f"{time.process_time() - start:.2f} s CPU (CPython {sys.version.split()[0]})")
    rows = [(c["frequency"], c["recency"], c["T"], c["monetary_value"]) for c in customers]
    _compare("CDNOW master", _cases(rows, ("BG/NBD", "MBG/NBD", "Gamma-Gamma", "Pareto/NBD")), 3)
    rows = simulated()
    _compare("100,000 simulated customers, continuous time",
             _cases(rows, ("BG/NBD", "MBG/NBD", "Gamma-Gamma")), 3)
    if shutil.which("node") and (ROOT / "node_modules" / "pyodide").exists():
        _pyodide()
    return 0


def _pyodide() -> None:
    from clvsite.pyodide_bundle import build_wheel
    from tests.data.cdnow import CALIBRATION_END, MASTER, as_csv

    wheel = build_wheel(ROOT, ROOT / "build" / "wheels")
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "cdnow_master.csv"
        log.write_text(as_csv(MASTER, sample_ids=False), encoding="utf-8")
        script = ROOT / "benchmarks" / "models_pyodide.mjs"
        result = subprocess.run(["node", str(script), str(wheel), str(log), CALIBRATION_END],
                                capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        print(f"Pyodide: {script.name} failed:\n{result.stderr[-2000:]}")
        return
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"Pyodide {answer['python']} under Node, CDNOW master (wall seconds; read "
          f"{answer['read_s']:.2f} s):")
    for name, seconds in answer["fits"].items():
        print(f"  {name:12} {seconds:6.2f} s  "
              f"{'OK' if seconds < PYODIDE_TARGET_S else 'OVER TARGET'} (target < {PYODIDE_TARGET_S:g} s)")


if __name__ == "__main__":
    sys.exit(main())
