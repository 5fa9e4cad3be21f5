"""The pages work in Chromium under their Content-Security-Policy, and the policy is enforced.

Every `securitypolicyviolation` event and every console report of a refused
resource is recorded from the first script on; the calculator must compute,
search must find, the your-data page must analyse a file, and none of them
may be refused anything. An inline script added after load must be refused
(so the policy is really in force, not just present).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .test_search import search

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
DATA = Path(__file__).resolve().parents[1] / "data"
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.refusals = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.refusals.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations") + page.refusals


def test_the_calculator_computes_under_the_policy(page, site):
    page.goto(site.url("/lt/calculator/?formula=simple&aov=1234.5&frequency=4&lifespan=3&margin=30"))
    output = page.locator('form[data-formula="simple"] [data-result="clv"]')
    page.wait_for_function("el => el.dataset.value !== ''", arg=output.element_handle(), timeout=TIMEOUT_MS)
    assert float(output.get_attribute("data-value")) == pytest.approx(4444.2)  # 1234.5 × 4 × 3 × 30 %
    assert violations(page) == []


def test_search_finds_under_the_policy(page, site):
    page.goto(site.url("/nl/"))
    assert "/nl/glossary/churn-rate/" in search(page, site, "klantverloop")
    assert violations(page) == []


def test_the_your_data_page_analyses_under_the_policy(page, site):
    page.goto(site.url("/calculator/your-data/"))
    page.wait_for_selector("[data-calculator-status=ready]", state="attached", timeout=TIMEOUT_MS)
    page.fill("#yd-end", "2024-06-30")
    page.set_input_files("#yd-file", str(DATA / "your_data.csv"))
    page.wait_for_function("() => document.querySelector('[data-result=customers]')?.dataset.value",
                           timeout=TIMEOUT_MS)
    rows = list(csv.reader((DATA / "your_data.csv").open(encoding="utf-8")))[1:]
    assert float(page.get_attribute("[data-result=customers]", "data-value")) == len({row[0] for row in rows})
    assert violations(page) == []


def test_a_glossary_page_with_math_has_no_violation(page, site):
    page.goto(site.url("/uk/glossary/customer-lifetime-value/"))
    page.wait_for_selector(".katex", state="attached", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=TIMEOUT_MS)
    assert violations(page) == []


def test_an_injected_inline_script_is_refused(page, site):
    page.goto(site.url("/pl/glossary/churn-rate/"))
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }""")
    page.wait_for_function("() => window.cspViolations.length > 0", timeout=TIMEOUT_MS)
    assert page.evaluate("window.injected") is None
    assert page.evaluate("window.cspViolations")[0].startswith("script-src-elem inline")
