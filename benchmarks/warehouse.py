"""The summary step at scale: DuckDB vs the stdlib streaming reader on 10 million rows.

A generated log (``ROWS`` rows, about ``ROWS / 5`` customers, two years,
day-resolution dates, cents) is written once under build/bench/.  Each engine
runs in its own process, so its peak memory (ru_maxrss) is its own:

* stdlib: ``calculator.customers.summarize`` streaming the CSV;
* DuckDB: ``python -m calculator summarize --engine duckdb`` (the SQL file);
* the BG/NBD + Gamma-Gamma fit on DuckDB's grouped summary (identical histories
  share a row with a count);
* Spark local mode on a 1M-row sample, when PySpark is installed (it is an
  optional dependency: ``pip install pyspark==4.3.0``, needs Java 17).

Printed: seconds and peak MiB per step and the ratios stdlib / DuckDB.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "build" / "bench"
ROWS = 10_000_000
SAMPLE_ROWS = 1_000_000
END = "2024-09-30"


def generated_log(rows: int) -> Path:
    """A BG/NBD log of *rows* rows (Fader, Hardie & Lee 2005, section 2), written once, seeded.

    Each customer starts on a uniform day of the first 600, buys at a Poisson
    rate λ ~ Gamma(r, α) per week and, after each purchase, drops out with
    probability p ~ Beta(a, b); amounts are lognormal cents; observed to day 730.
    """
    path = FOLDER / f"log-{rows}.csv"
    if path.exists():
        return path
    FOLDER.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261201)
    r, alpha, a, b = 1.0, 5.0, 1.0, 4.0
    start = date(2023, 1, 1).toordinal()
    days = [date.fromordinal(start + d).isoformat() for d in range(730)]
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write("customer_id,order_date,amount\n")
        written, customer = 0, 0
        while written < rows:
            customer += 1
            rate = rng.gammavariate(r, 1 / alpha) / 7  # purchases per day
            dropout = rng.betavariate(a, b)
            day = float(rng.randrange(600))
            while day < 730 and written < rows:
                out.write(f"{customer:08d},{days[int(day)]},{rng.lognormvariate(3.5, 0.6):.2f}\n")
                written += 1
                if rng.random() < dropout:
                    break
                day += rng.expovariate(rate)
    tmp.rename(path)
    return path


def measured(code: str) -> tuple[float, float, float, str]:
    """Run *code* in a fresh Python; its wall seconds, CPU seconds, peak MiB and stdout.

    CPU seconds (user + system, all threads) are the fairer figure on a shared
    machine; wall seconds show what DuckDB's threads gain.
    """
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        output = f"FAILED with status {status >> 8}"
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output.strip()


STDLIB = """
import calculator.transactions
from calculator.customers import summarize
calculator.transactions.MAX_ROWS = 10**9  # the page's 2M-row limit, lifted to compare at 10M
with open({path!r}, encoding="utf-8", newline="") as f:
    print(len(summarize(f, end={end!r}, unit="week")["customers"]))
"""
DUCKDB = """
from calculator.warehouse import summarize_file
print(summarize_file({path!r}, {out!r}, end={end!r}, unit="week", grouped={grouped})["rows"])
"""
FIT = """
import itertools
from calculator.models import bgnbd, gamma_gamma
from calculator.summaries import read_summary_file
rows = read_summary_file({path!r})
expand = lambda f: itertools.chain.from_iterable(itertools.repeat(f(r), r["count"]) for r in rows)
bgnbd.fit(expand(lambda r: (r["frequency"], r["recency"], r["T"])))
gamma_gamma.fit(expand(lambda r: (r["frequency"], r["monetary_value"])))
print(len(rows), sum(r["count"] for r in rows))
"""
SPARK = """
from calculator.warehouse import summarize_file
print(summarize_file({path!r}, {out!r}, engine="spark", end={end!r}, unit="week")["rows"])
"""


def main() -> int:
    log = generated_log(ROWS)
    print(f"log: {ROWS:,} rows, {log.stat().st_size / 2**20:,.0f} MiB ({log.relative_to(ROOT)})")
    results = {}
    results["stdlib"] = measured(STDLIB.format(path=str(log), end=END))
    grouped = FOLDER / "summary-grouped.parquet"
    results["duckdb"] = measured(DUCKDB.format(path=str(log), out=str(FOLDER / "summary.parquet"),
                                               end=END, grouped=False))
    results["duckdb grouped"] = measured(DUCKDB.format(path=str(log), out=str(grouped), end=END,
                                                       grouped=True))
    results["fit on grouped"] = measured(FIT.format(path=str(grouped)))
    for name, (seconds, cpu, mib, output) in results.items():
        print(f"  {name:15s}: {seconds:7.1f} s wall, {cpu:7.1f} s CPU, peak {mib:6.0f} MiB  ({output})")
    (s_sec, s_cpu, s_mib, _), (d_sec, d_cpu, d_mib, _) = results["stdlib"], results["duckdb"]
    print(f"  stdlib / DuckDB: {s_sec / d_sec:.1f}x the wall time, {s_cpu / d_cpu:.1f}x the CPU time, "
          f"{s_mib / d_mib:.1f}x the memory")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("  Spark: skipped, PySpark is not installed (pip install pyspark==4.3.0; needs Java 17)")
        return 0
    sample = generated_log(SAMPLE_ROWS)
    seconds, _, mib, output = measured(SPARK.format(path=str(sample), out=str(FOLDER / "spark-summary"),
                                                 end=END))
    d_sec, _, d_mib, _ = measured(DUCKDB.format(path=str(sample), out=str(FOLDER / "sample.parquet"),
                                             end=END, grouped=False))
    print(f"  Spark local, {SAMPLE_ROWS:,} rows: {seconds:.1f} s (driver peak {mib:.0f} MiB, "
          f"JVM not counted; {output} customers); DuckDB on the same: {d_sec:.1f} s, {d_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
