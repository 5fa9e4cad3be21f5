"""The pages work in Chromium under their Content-Security-Policy, and the policy is enforced.

Every `securitypolicyviolation` event and every console report of a refused
resource is recorded from the first script on (tests/browser/pages.py);
search must find and a page with formulas must show them, and none of them
may be refused anything. An inline script added after load must be refused
(so the policy is really in force, not just present). The calculator and
your-data pages are checked the same way on the pages their own tests load
(test_calculator.py and test_your_data.py, ``test_no_policy_violation``):
each load starts Pyodide.
"""

from __future__ import annotations

import pytest

from .pages import policy_violations, record_policy_violations
from .test_search import search

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    record_policy_violations(page)
    yield page
    context.close()


def test_search_finds_under_the_policy(page, site):
    page.goto(site.url("/nl/"))
    assert "/nl/glossary/churn-rate/" in search(page, site, "klantverloop")
    assert policy_violations(page) == []


def test_a_glossary_page_with_math_has_no_violation(page, site):
    page.goto(site.url("/uk/glossary/customer-lifetime-value/"))
    page.wait_for_selector(".katex", state="attached", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=TIMEOUT_MS)
    assert policy_violations(page) == []


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
