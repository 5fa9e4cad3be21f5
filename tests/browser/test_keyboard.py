"""The calculator works from the keyboard alone: Tab to a field, type, read the result."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_tab_to_a_field_and_type(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url("/lt/calculator/"))
    page.wait_for_selector('[data-calculator-status="ready"]', state="attached", timeout=60_000)
    target = 'form[data-formula="simple"] input[name="aov"]'
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector('{target}')"):
            break
    else:
        pytest.fail("Tab never reached the first calculator field")
    page.keyboard.press("Control+A")
    page.keyboard.type("100")
    # 100 × 4 × 3 × 30 % = 360, with the example's other inputs prefilled.
    page.wait_for_function(
        "() => document.querySelector('form[data-formula=\"simple\"] [data-result=\"clv\"]').dataset.value === '360'",
        timeout=15_000)
    assert page.locator('form[data-formula="simple"] [data-result="clv"]').inner_text() == "360,00"
    context.close()


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
