"""axe-core finds no accessibility violations: every page in English, and in
the other languages the pages whose structure differs by language.

A term page differs between languages only in its text; the home page, the
glossary index (sorted by the language's collation), the 404 page and the main
entry are checked in every language. The two calculator pages are checked in
test_calculator.py (every language, ready and with an input error) and
test_your_data.py (with results), on the page load those tests make anyway:
each load starts Pyodide. Every page is checked in the light scheme; the pages
with our own colours (calculators, home, the main entry, 404) in the dark
scheme too, in English, as a system set to dark mode shows them.
"""

from __future__ import annotations

import pytest

from clvsite.glossary import TERMS

from .axe import violations
from .serving import LANGUAGES

pytestmark = pytest.mark.browser

PAGES = {
    "home": "", "glossary": "glossary/", "404": "404.html",
    "calculator": "calculator/", "your-data": "calculator/your-data/",
    **{term.slug: f"glossary/{term.slug}/" for term in TERMS},
}
STATIC = [name for name in PAGES if name not in ("calculator", "your-data")]
EVERY_LANGUAGE = ("home", "glossary", "404", "customer-lifetime-value")
DARK_PAGES = ("home", "calculator", "your-data", "customer-lifetime-value", "404")
CHECKS = ([("light", "en", name) for name in STATIC]
          + [("light", lang, name) for lang in LANGUAGES[1:] for name in EVERY_LANGUAGE]
          + [("dark", "en", name) for name in DARK_PAGES])


@pytest.fixture
def page(browser, request):
    scheme = getattr(request, "param", "light")
    context = browser.new_context(color_scheme=scheme)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("page", "lang", "name"), CHECKS, indirect=["page"],
                         ids=[f"{scheme}-{lang}-{name}" for scheme, lang, name in CHECKS])
def test_no_axe_violations(page, site, lang, name):
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix + PAGES[name]))
    if name == "calculator":
        page.wait_for_selector('[data-calculator-status="ready"]', state="attached", timeout=60_000)
    assert violations(page) == []
    if name == "calculator":
        # The error state: alert text, aria-invalid input.
        page.locator('form[data-formula="simple"] input[name="aov"]').fill("abc")
        page.wait_for_selector('form[data-formula="simple"] [role=alert][data-error]', timeout=15_000)
        assert violations(page) == []


@pytest.mark.parametrize("page", ["dark"], indirect=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_dark_scheme_follows_the_system_and_the_toggle_is_named(page, site, lang):
    english = {"Switch to light mode", "Switch to dark mode", "Follow the system setting"}
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix))
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    names = page.locator("form[data-md-component=palette] input[aria-label]").evaluate_all(
        "inputs => inputs.map((input) => input.getAttribute('aria-label'))")
    assert len(names) == 3 and all(names)
    assert (set(names) == english) == (lang == "en"), names
