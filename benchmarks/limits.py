"""Files and numbers beyond the limits: how long until the error (security.md, "Files and numbers").

Each reproduction of the security review used to end in an exception type,
a dead worker, minutes of work or gigabytes; now each is an ``InputError``.
Target: every error within 1 s in CPython (the browser's Pyodide is a few
times slower).  Also timed: the 1M-row log of ``tests/transactions``, which
stays within the limits, read in full.
"""

from __future__ import annotations

import csv
import random
import time

from calculator.analysis import analyze
from calculator.inputs import InputError

TARGET_S = 1.0
HEADER = "customer,date,amount\n"


def cases() -> dict[str, tuple[bytes, dict]]:
    rng = random.Random(13)
    centuries = HEADER + "".join(f"c{i},{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-01,5\n"
                                 for i in range(3000))  # ~75 KB, the browser's MemoryError
    good = HEADER + "a,2024-01-01,10\na,2024-02-01,20\nb,2024-01-10,15\n"
    return {
        "field over the csv limit": ((HEADER + "a,2024-01-01,1\n"
                                      + "b" * (csv.field_size_limit() + 1)
                                      + ",2024-01-01,1\n").encode(), {}),
        "two 1e308 amounts": ((HEADER + "a,2024-01-01,1e308\nb,2024-01-02,1e308\n").encode(), {}),
        f"dates over years 0001-9999 ({len(centuries) // 1000} KB)": (centuries.encode(), {}),
        "horizon 100000 months": (good.encode(), {"horizon": 100_000}),
        "discount rate 10^300 %": (good.encode(), {"discount_rate": 1e298}),
    }


def main() -> int:
    worst = 0.0
    for name, (data, options) in cases().items():
        start = time.perf_counter()
        try:
            analyze(data, {"models": False, **options})
            outcome = "no error!"
        except InputError as error:
            outcome = error.code
        seconds = time.perf_counter() - start
        worst = max(worst, seconds)
        print(f"{name}: {outcome} in {seconds * 1000:.0f} ms")
    print(f"slowest error {worst:.2f} s (target < {TARGET_S:g} s): "
          f"{'OK' if worst < TARGET_S else 'ABOVE TARGET'}")
    text = HEADER + "".join(f"c{i % 100_000},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 97}.50\n"
                            for i in range(1_000_000))
    start = time.perf_counter()
    result = analyze(text.encode(), {"models": False})
    print(f"1M rows, 100k customers, within the limits: {result['transactions']} rows read in "
          f"{time.perf_counter() - start:.1f} s")
    return 0
