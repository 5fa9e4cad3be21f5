"""The transaction-file analysis where people run it: inside Pyodide.

(a) The BG/NBD + Gamma-Gamma fit on the full CDNOW master log (23,570
    customers, calibration until 1997-09-30, weeks) inside Pyodide under
    Node (benchmarks/your_data_pyodide.mjs), with the reading and the whole
    ``analyze`` (fit + per-customer predictions) timed beside it.
    Target: the fit under 10 s.
(b) A synthetic 100,000-row CSV analysed on the "your data" page in
    Chromium: wall time from choosing the file to the results, and memory
    sampled every 100 ms while it runs: the page's JS heap (CDP
    Performance.getMetrics) and the resident memory of Chromium's renderer
    processes (/proc; the tab, its worker and Pyodide's wasm memory all
    live there). Target: the tab under 500 MB.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGET_FIT_S = 10.0
TARGET_TAB_MB = 500.0
ROWS = 100_000
NODE_SCRIPT = ROOT / "benchmarks" / "your_data_pyodide.mjs"


def synthetic_log(path: Path, rows: int = ROWS, seed: int = 2005) -> None:
    """*rows* orders of ~rows/5 customers over two years, written as CSV (deterministic)."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    lines = ["customer_id,order_date,amount"]
    customer = 0
    while len(lines) <= rows:
        customer += 1
        day = start + timedelta(days=rng.randrange(0, 365))
        # The BG/NBD story: a gamma-distributed purchase rate (per day) and a
        # beta-distributed chance of dropping out after each purchase.
        rate = rng.gammavariate(0.8, 1 / 40)
        dropout = rng.betavariate(1.0, 5.0)
        while len(lines) <= rows and day < start + timedelta(days=730):
            lines.append(f"CUST-{customer:06d},{day.isoformat()},{rng.lognormvariate(3.5, 0.6):.2f}")
            if rng.random() < dropout:
                break
            day += timedelta(days=1 + int(rng.expovariate(max(rate, 1e-3))))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pyodide_fit() -> dict:
    """(a): run the Node script on the CDNOW master log; its JSON answer."""
    from clvsite.pyodide_bundle import build_wheel
    from tests.data.cdnow import CALIBRATION_END, MASTER, as_csv

    wheel = build_wheel(ROOT, ROOT / "build" / "wheels")
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "cdnow_master.csv"
        log.write_text(as_csv(MASTER, sample_ids=False), encoding="utf-8")
        start = time.perf_counter()
        result = subprocess.run(["node", str(NODE_SCRIPT), str(wheel), str(log), CALIBRATION_END],
                                capture_output=True, text=True, cwd=ROOT)
        total = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{NODE_SCRIPT.name} failed:\n{result.stderr[-3000:]}")
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "node_total_s": total}


def _parents() -> dict[int, int]:
    """{pid: parent pid} of every process (Linux /proc)."""
    parents = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                # The command name may hold spaces: the fields after its ")" are safe.
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return parents


def _renderer_memory_mb() -> tuple[float, float]:
    """(largest RSS, total PSS) of the Chromium renderers started by this process, in MB.

    Chromium keeps several renderers; the tab, its worker and Pyodide's wasm
    memory live in one of them, the largest. The PSS total (shared pages
    split between processes) of all renderers is an upper bound. Only our
    descendants count: other Chromium instances on a shared machine do not.
    """
    parents = _parents()
    me = os.getpid()
    largest = total = 0
    for pid in parents:
        ancestor = pid
        while ancestor > 1 and ancestor != me:
            ancestor = parents.get(ancestor, 0)
        if ancestor != me:
            continue
        proc = Path("/proc") / str(pid)
        try:
            if b"--type=renderer" not in (proc / "cmdline").read_bytes():
                continue
            rss = _kilobytes(proc / "status", "VmRSS:")
            total += _kilobytes(proc / "smaps_rollup", "Pss:")
        except OSError:
            continue
        largest = max(largest, rss)
    return largest / 1024, total / 1024


def _kilobytes(path: Path, key: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


def browser_analysis() -> dict:
    """(b): the page analyses a 100,000-row file; time and peak memory."""
    from playwright.sync_api import sync_playwright

    from tests.browser.serving import SiteServer, launch
    from tests.site.conftest import mkdocs_build

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        log = folder / "orders.csv"
        synthetic_log(log)
        site_dir = folder / "site"
        server = SiteServer(site_dir)
        # Not strict: untranslated entries (translators at work) must not stop the bench.
        built = mkdocs_build(ROOT, site_dir, strict=False, env={"CLV_SITE_URL": server.origin + "/"})
        if built.returncode != 0:
            raise RuntimeError("mkdocs build failed:\n" + built.stderr[-3000:])
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page()
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.goto(server.url("/calculator/your-data/"))
                page.wait_for_selector("[data-calculator-status=ready]", state="attached", timeout=120_000)
                baseline = _renderer_memory_mb()
                peaks = {"heap_mb": 0.0, "rss_mb": baseline[0], "pss_mb": baseline[1]}
                running = threading.Event()
                running.set()

                def sample_rss() -> None:
                    while running.is_set():
                        rss, pss = _renderer_memory_mb()
                        peaks["rss_mb"] = max(peaks["rss_mb"], rss)
                        peaks["pss_mb"] = max(peaks["pss_mb"], pss)
                        time.sleep(0.1)

                sampler = threading.Thread(target=sample_rss, daemon=True)
                sampler.start()
                start = time.perf_counter()
                page.fill("#yd-end", "2024-06-30")  # the last half year is a holdout
                page.set_input_files("#yd-file", str(log))
                # Playwright's sync API is not thread-safe: sample the heap from here.
                while page.get_attribute("form[data-your-data]", "data-answers") is None:
                    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                    peaks["heap_mb"] = max(peaks["heap_mb"], metrics["JSHeapUsedSize"] / 2**20)
                    if time.perf_counter() - start > 600:
                        raise TimeoutError("no answer after 600 s")
                    page.wait_for_timeout(100)
                seconds = time.perf_counter() - start
                running.clear()
                sampler.join()
                error = page.text_content("[data-analysis-error]")
                customers = page.get_attribute('[data-result="customers"]', "data-value")
                browser.close()
        finally:
            server.stop()
    return {"seconds": seconds, "customers": customers, "error": error, "rows": ROWS,
            "file_mb": log_size_mb(ROWS), **peaks, "baseline_rss_mb": baseline[0], "baseline_pss_mb": baseline[1]}


def log_size_mb(rows: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        synthetic_log(path, rows)
        return path.stat().st_size / 2**20


def main() -> int:
    fit = pyodide_fit()
    bg, gg = fit["bgnbd"], fit["gamma_gamma"]
    print(f"(a) CDNOW master log in Pyodide (Python {fit['python']}, Node): {fit['customers']} customers")
    print(f"    r={bg['r']:.4f} alpha={bg['alpha']:.4f} a={bg['a']:.4f} b={bg['b']:.4f} "
          f"LL={bg['log_likelihood']:.2f}; p={gg['p']:.4f} q={gg['q']:.4f} gamma={gg['gamma']:.4f}")
    print(f"    CSV read + summary {fit['read_s']:.2f} s; BG/NBD + Gamma-Gamma fit {fit['fit_s']:.2f} s "
          f"(target < {TARGET_FIT_S:g} s: {'ok' if fit['fit_s'] < TARGET_FIT_S else 'MISSED'}); "
          f"whole analyze() {fit['analyze_s']:.2f} s; Node process incl. start-up {fit['node_total_s']:.2f} s")
    page = browser_analysis()
    verdict = "ok" if page["rss_mb"] < TARGET_TAB_MB and not page["error"] else "MISSED"
    print(f"(b) {page['rows']:,} rows ({page['file_mb']:.1f} MB) on /calculator/your-data/: "
          f"{page['customers']} customers in {page['seconds']:.1f} s"
          + (f"; ERROR: {page['error']}" if page["error"] else ""))
    print(f"    peak page JS heap {page['heap_mb']:.1f} MB; peak RSS of the tab's renderer "
          f"{page['rss_mb']:.0f} MB (before the file: {page['baseline_rss_mb']:.0f} MB; "
          f"target < {TARGET_TAB_MB:g} MB: {verdict}); all renderers, PSS: peak {page['pss_mb']:.0f} MB "
          f"(before: {page['baseline_pss_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
