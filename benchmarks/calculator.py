"""The calculator in Chromium: start-up, recalculation and bytes, against bare Pyodide.

One browser run on a strict build served from 127.0.0.1 (the same helpers as
tests/browser):

(a) time to first computed result: navigation start to the first
    ``[data-result]`` value written by Python on /calculator/, against a bare
    page that only loads Pyodide from the same self-hosted files and computes
    1+1. The two pages alternate, ROUNDS each, each in a fresh browser
    context (cold HTTP cache), so a noisy neighbour slows both alike; we
    track the ratio of medians. Each context then opens its page a second
    time (a repeat visit: HTTP cache, V8's code cache for the wasm, the
    service worker), and that time is compared with bare Pyodide's repeat
    visit too; a third context repeats the visit with service workers
    blocked, to show what docs/sw.js adds or saves. The example results the build wrote into the page are shown
    before any of this; their time (DOMContentLoaded) is printed beside.
(b) recalculation: CHANGES edits of an input; each is timed in the page with
    performance.now() from the moment the 150 ms debounce fires (its timer
    callback starts) to the MutationObserver seeing the new data-value, i.e.
    worker round trip + Python + DOM update, without the debounce itself.
(c) bytes: what the server sent (headers and bodies) for each page load, its
    workers' requests included, the calculator page against the bare page;
    plus an estimate of the difference with gzip, which the stdlib test
    server does not do but any real host does.
"""

from __future__ import annotations

import gzip
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import sync_playwright

from tests.browser.serving import SiteServer, build_for, launch

ROOT = Path(__file__).resolve().parent.parent

ROUNDS = 3
CHANGES = 50
TARGET_RATIO = 1.3
TARGET_P95_MS = 20.0
TARGET_EXTRA_BYTES = 300_000
PAGE_SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "calculator-page.js"

BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body>
<script type="module">
// The floor for the calculator: the same self-hosted Pyodide, nothing else.
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: "./pyodide/" });
document.body.dataset.result = String(pyodide.runPython("1 + 1"));
</script>
</body></html>
"""

# Records, relative to navigation start, when the first result appears
# (a [data-result] with a data-value on the calculator, body[data-result] on the bare page).
FIRST_RESULT_PROBE = """
new MutationObserver((records, observer) => {
  for (const record of records) {
    const el = record.target;
    if ((el.dataset?.result !== undefined && el.dataset.value) || (el === document.body && el.dataset.result)) {
      window.__firstResultAt = performance.now();
      observer.disconnect();
      return;
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-value", "data-result"] });
"""

# Marks when a debounce timer (DEBOUNCE_MS) fires, before the page's own callback runs.
DEBOUNCE_PROBE = """
(() => {
  const setTimeoutOriginal = window.setTimeout;
  window.setTimeout = function (callback, delay, ...rest) {
    if (delay === %d && typeof callback === "function") {
      const timed = function (...args) { window.__debounceFiredAt = performance.now(); return callback.apply(this, args); };
      return setTimeoutOriginal.call(this, timed, delay, ...rest);
    }
    return setTimeoutOriginal.call(this, callback, delay, ...rest);
  };
})();
"""

# CHANGES edits of the simple form's order value; for each, the time from the
# debounce firing (and from the input event) to the clv data-value changing.
RECALCULATE = """async (changes) => {
  const form = document.querySelector('form[data-formula="simple"]');
  const input = form.querySelector('input[name="aov"]');
  const output = form.querySelector('[data-result="clv"]');
  const fromDebounce = [], fromInput = [];
  for (let i = 0; i < changes; i++) {
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
      observer.observe(output, { attributes: true, attributeFilter: ["data-value"] });
    });
    input.value = String(100 + i);
    const typedAt = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const doneAt = await changed;
    fromDebounce.push(doneAt - window.__debounceFiredAt);
    fromInput.push(doneAt - typedAt);
  }
  return { fromDebounce, fromInput };
}"""


def load(browser, server, path: str, ready_selector: str,
         service_workers: str = "allow") -> tuple[list[float], float, Counter[str]]:
    """Open *path* twice in one fresh context: ms to the first result cold and on
    the repeat visit, ms to DOMContentLoaded (cold), and bytes sent (cold).

    Bytes are counted by the server (headers and bodies, the worker's requests
    included) from navigation until the network is idle after the result.
    """
    server.take_sent()
    context = browser.new_context(service_workers=service_workers)
    context.add_init_script(FIRST_RESULT_PROBE)
    page = context.new_page()
    times, sent, shown_ms = [], None, None
    for visit in range(2):
        page.goto(server.url(path))
        page.wait_for_function("() => window.__firstResultAt !== undefined", timeout=60_000)
        times.append(page.evaluate("window.__firstResultAt"))
        page.wait_for_selector(ready_selector, state="attached", timeout=60_000)
        page.wait_for_load_state("networkidle")
        if visit == 0:
            shown_ms = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            sent = server.take_sent()
    context.close()
    return times, shown_ms, sent


def gzipped(site_dir: Path, sent: Counter[str]) -> int:
    """What a server that gzips everything would send (files on disk; others as sent)."""
    total = 0
    for path, size in sent.items():
        file = site_dir / unquote(path).lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        total += len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else size
    return total


def recalculation_times(browser, url: str, debounce_ms: int) -> tuple[list[float], list[float]]:
    context = browser.new_context()
    context.add_init_script(DEBOUNCE_PROBE % debounce_ms)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector('[data-calculator-status="ready"]', state="attached", timeout=60_000)
    times = page.evaluate(RECALCULATE, CHANGES)
    context.close()
    return times["fromDebounce"], times["fromInput"]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER"


def main() -> None:
    """Build, serve, measure in one Chromium run, and print the table."""
    debounce_ms = int(re.search(r"DEBOUNCE_MS\s*=\s*(\d+)", PAGE_SCRIPT.read_text()).group(1))
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        server = SiteServer(site_dir)
        started = time.perf_counter()
        build_for(server, site_dir)
        (site_dir / "bench-bare.html").write_text(BARE_PAGE, encoding="utf-8")
        server.start()
        print(f"strict build: {time.perf_counter() - started:.1f} s; serving {server.origin}")
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                calculator_ms, bare_ms, calculator_repeat_ms, bare_repeat_ms, shown = [], [], [], [], []
                no_sw_repeat_ms = []
                for _ in range(ROUNDS):
                    (cold, repeat), shown_ms, calculator_sent = load(
                        browser, server, "/calculator/", '[data-calculator-status="ready"]')
                    calculator_ms.append(cold)
                    calculator_repeat_ms.append(repeat)
                    shown.append(shown_ms)
                    (cold, repeat), _, bare_sent = load(browser, server, "/bench-bare.html", "body[data-result]")
                    bare_ms.append(cold)
                    bare_repeat_ms.append(repeat)
                    # The same repeat visit without the service worker (docs/sw.js), to see its share.
                    (_, repeat), _, _ = load(browser, server, "/calculator/", '[data-calculator-status="ready"]',
                                             service_workers="block")
                    no_sw_repeat_ms.append(repeat)
                from_debounce, from_input = recalculation_times(browser, server.url("/calculator/"), debounce_ms)
                browser.close()
        finally:
            server.stop()
        # Bytes of the last round (every round is a cold load of the same files).
        extra_gzipped = gzipped(site_dir, calculator_sent) - gzipped(site_dir, bare_sent)

    calculator_median, bare_median = statistics.median(calculator_ms), statistics.median(bare_ms)
    ratio = calculator_median / bare_median
    repeat_median, bare_repeat_median = statistics.median(calculator_repeat_ms), statistics.median(bare_repeat_ms)
    repeat_ratio = repeat_median / bare_repeat_median
    recalc_median, recalc_p95 = statistics.median(from_debounce), p95(from_debounce)
    calculator_bytes, bare_bytes = sum(calculator_sent.values()), sum(bare_sent.values())
    extra = calculator_bytes - bare_bytes

    print(f"\ncalculator in Chromium ({ROUNDS} cold loads of each page, alternated; {CHANGES} recalculations)")
    print(f"  first result, /calculator/   : median {calculator_median:7.0f} ms  "
          f"({', '.join(f'{v:.0f}' for v in calculator_ms)})")
    print(f"  first result, bare Pyodide   : median {bare_median:7.0f} ms  ({', '.join(f'{v:.0f}' for v in bare_ms)})")
    print(f"  repeat visit, /calculator/   : median {repeat_median:7.0f} ms  "
          f"({', '.join(f'{v:.0f}' for v in calculator_repeat_ms)})")
    print(f"  repeat visit, bare Pyodide   : median {bare_repeat_median:7.0f} ms  "
          f"({', '.join(f'{v:.0f}' for v in bare_repeat_ms)})")
    print(f"  repeat visit, no service wkr : median {statistics.median(no_sw_repeat_ms):7.0f} ms  "
          f"({', '.join(f'{v:.0f}' for v in no_sw_repeat_ms)})")
    print(f"  example results shown (build): median {statistics.median(shown):7.0f} ms  (DOMContentLoaded, cold)")
    print(f"  recalculation, from input    : median {statistics.median(from_input):7.1f} ms  "
          f"p95 {p95(from_input):.1f} ms  (includes the {debounce_ms} ms debounce)")
    print(f"  bytes sent, /calculator/     : {calculator_bytes:11,d}")
    print(f"  bytes sent, bare Pyodide     : {bare_bytes:11,d}")
    print(f"  extra bytes if gzipped       : {extra_gzipped:11,d}  (estimate: the test server does not compress)")
    print("  largest extra responses of /calculator/:")
    for path, size in (calculator_sent - bare_sent).most_common(8):
        print(f"    {size:9,d}  {path}")
    print()
    print(f"  {'measure':<38}{'value':>12}  {'target':>10}  verdict")
    rows = [
        ("time to first result, ratio to bare", f"{ratio:.2f}x", f"<= {TARGET_RATIO}x", ratio <= TARGET_RATIO),
        ("repeat visit, ratio to bare repeat", f"{repeat_ratio:.2f}x", f"<= {TARGET_RATIO}x",
         repeat_ratio <= TARGET_RATIO),
        ("repeat visit, ratio to own cold load", f"{repeat_median / calculator_median:.2f}x", "< 1x",
         repeat_median < calculator_median),
        ("recalculation after debounce, median", f"{recalc_median:.1f} ms", "", None),
        ("recalculation after debounce, p95", f"{recalc_p95:.1f} ms", f"<= {TARGET_P95_MS:.0f} ms",
         recalc_p95 <= TARGET_P95_MS),
        ("extra bytes over bare Pyodide, raw", f"{extra / 1000:,.1f} kB", "", None),
        # Judged as transferred by a host that compresses text, as static hosts do.
        ("extra bytes over bare Pyodide, gzip", f"{extra_gzipped / 1000:,.1f} kB",
         f"<= {TARGET_EXTRA_BYTES // 1000} kB", extra_gzipped <= TARGET_EXTRA_BYTES),
    ]
    for name, value, target, ok in rows:
        print(f"  {name:<38}{value:>12}  {target:>10}  {'' if ok is None else verdict(ok)}")


if __name__ == "__main__":
    main()
