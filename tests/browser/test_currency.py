"""The calculator's currency picker changes only the labels, in the reader's language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_picking_a_currency_relabels_every_amount(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url("/pl/calculator/"))
    picker = page.locator("[data-currency-picker]")
    assert picker.input_value() == "PLN"  # the Polish market's money
    aov = page.locator("#simple-aov")
    typed = aov.input_value()
    picker.select_option("EUR")
    page.wait_for_function("""() =>
        [...document.querySelectorAll('[data-currency-symbol]')].every(s => s.textContent === '€') &&
        [...document.querySelectorAll('form[data-formula]')].every(f => f.dataset.currency === 'EUR')""")
    assert page.locator("#simple-aov-help").inner_text().startswith("€ za zamówienie")
    assert aov.input_value() == typed  # display only: nothing is converted
    context.close()


def test_a_link_can_carry_the_currency(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url("/uk/calculator/?currency=usd"))
    page.wait_for_function("() => document.querySelector('form[data-formula]').dataset.currency === 'USD'")
    assert page.locator("[data-currency-picker]").input_value() == "USD"
    context.close()
