"""Keyboard only: a formula wider than a phone scrolls from the keyboard.

(Tab to a calculator field and type: test_calculator.py, on the page it loads anyway.)
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_formula_wider_than_a_phone_scrolls_from_the_keyboard(browser, site):
    # Equation (10) of the BG/NBD page is wider than a 360 px screen.
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site.url("/pl/glossary/bg-nbd-model/"))
    widest = page.evaluate_handle("""() => [...document.querySelectorAll('div.arithmatex')]
        .reduce((a, b) => (b.scrollWidth - b.clientWidth > a.scrollWidth - a.clientWidth ? b : a))""")
    assert widest.evaluate("(el) => el.scrollWidth > el.clientWidth")  # it does overflow
    for _ in range(80):
        page.keyboard.press("Tab")
        if widest.evaluate("(el) => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the overflowing formula")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=widest, timeout=5_000)
    context.close()
