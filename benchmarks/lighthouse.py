"""Lighthouse on phones: home page, CLV entry and a glossary term, in two languages.

Lighthouse (pinned in package.json) runs its mobile preset (a mid-range phone,
4x CPU slowdown, slow 4G) against benchmarks/static_host.py, which gzips and
sends cache headers as a static host does. Goal: performance >= 95, and 100 for
accessibility, best practices and SEO. Each page's scores and the audits that
cost points are printed; the machine is shared, so performance varies by a few
points from run to run: each page is audited RUNS times (``LIGHTHOUSE_RUNS``,
default 3) and the run with the median performance score is reported, as
Lighthouse's own documentation advises for variable environments.

``LIGHTHOUSE`` may name another copy of lighthouse/cli/index.js.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from benchmarks.static_host import StaticHost
from tests.browser.serving import CHROMIUM
from tests.site.conftest import ROOT, mkdocs_build

LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"))
PAGES = ["", "glossary/customer-lifetime-value/", "glossary/churn-rate/"]
LANGUAGES = ["en", "lt"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOAL = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"


def audit(url: str) -> dict:
    """Lighthouse's JSON report of one page (mobile preset)."""
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def losses(report: dict) -> list[str]:
    """The audits that cost points, with Lighthouse's display value."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            item = report["audits"][ref["id"]]
            if ref["weight"] and item.get("score") is not None and item["score"] < 1:
                found.append(f"{ref['id']} {item.get('displayValue', '')}".strip())
    for name in ("render-blocking-resources", "unused-css-rules", "unused-javascript"):
        item = report["audits"].get(name, {})
        if item.get("details", {}).get("items"):
            found.append(f"{name} {item.get('displayValue', '')}".strip())
    return sorted(set(found))


def print_scores(origin: str) -> list[str]:
    """Audit every page under ``origin``, print the table; the scores below the goal."""
    print(f"median of {RUNS} runs per page, Lighthouse mobile preset")
    print(f"{'page':44} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}  FCP / LCP / TBT / CLS")
    below = []
    for language in LANGUAGES:
        for page in PAGES:
            path = ("" if language == "en" else f"{language}/") + page
            reports = sorted((audit(f"{origin}/{path}") for _ in range(RUNS)),
                             key=lambda report: report["categories"]["performance"]["score"])
            report = reports[len(reports) // 2]
            scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
            metrics = " / ".join(report["audits"][name]["displayValue"] for name in (
                "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift"))
            print(f"/{path:43} {scores['performance']:5} {scores['accessibility']:5} "
                  f"{scores['best-practices']:5} {scores['seo']:5}  {metrics}", flush=True)
            for loss in losses(report):
                print(f"    {loss}")
            below += [f"/{path} {name} {score}" for name, score in scores.items() if score < GOAL[name]]
    print("goal met on every page" if not below else "below the goal: " + "; ".join(below))
    return below


def main() -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (the Makefile does)")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp)
        host = StaticHost(site_dir)
        built = mkdocs_build(ROOT, site_dir, env={"CLV_SITE_URL": host.origin + "/"})
        if built.returncode != 0:
            raise SystemExit(built.stderr[-3000:])
        host.start()
        try:
            print_scores(host.origin)
        finally:
            host.stop()
