"""axe-core finds no accessibility violations: every page in English, and in
the other languages the pages whose structure differs by language.

A term page differs between languages only in its text; the home page, the
glossary index (sorted by the language's collation), the 404 page and the main
entry are checked in every language. The two calculator pages are checked in
test_calculator.py (every language, with results and an input error) and
test_your_data.py (with results), on the page load those tests make anyway:
each load starts Pyodide. Every page is checked in the light scheme; the pages
with our own colours (calculators, home, the main entry, 404) in the dark
scheme too, in English, as a system set to dark mode shows them (the
calculators in their own tests, ``dark_violations``).

One tab per scheme visits the pages in turn: a new browser context per page
would fetch and compile the theme's scripts and fonts again each time.
"""

from __future__ import annotations

import pytest

from clvsite.glossary import TERMS

from .axe import violations
from .serving import LANGUAGES

pytestmark = pytest.mark.browser

# Every page but the two calculators.
PAGES = {
    "home": "", "glossary": "glossary/", "404": "404.html",
    **{term.slug: f"glossary/{term.slug}/" for term in TERMS},
}
EVERY_LANGUAGE = ("home", "glossary", "404", "customer-lifetime-value")
DARK_PAGES = ("home", "customer-lifetime-value", "404")
CHECKS = ([("light", "en", name) for name in PAGES]
          + [("light", lang, name) for lang in LANGUAGES[1:] for name in EVERY_LANGUAGE]
          + [("dark", "en", name) for name in DARK_PAGES])


@pytest.fixture(scope="module")
def tab(browser):
    """``tab(scheme)``: the module's one tab in that colour scheme, opened on first use.

    (A fixture parametrized alongside the tests' own parameters would take
    their function scope: a new context, without cache, for every check.)
    """
    contexts = {}

    def open_tab(scheme: str):
        if scheme not in contexts:
            contexts[scheme] = browser.new_context(color_scheme=scheme)
            contexts[scheme].new_page()
        return contexts[scheme].pages[0]

    yield open_tab
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize(("scheme", "lang", "name"), CHECKS, ids=[f"{scheme}-{lang}-{name}" for scheme, lang, name in CHECKS])
def test_no_axe_violations(tab, site, scheme, lang, name):
    page = tab(scheme)
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix + PAGES[name]))
    assert violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dark_scheme_follows_the_system_and_the_toggle_is_named(tab, site, lang):
    page = tab("dark")
    english = {"Switch to light mode", "Switch to dark mode", "Follow the system setting"}
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix))
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    names = page.locator("form[data-md-component=palette] input[aria-label]").evaluate_all(
        "inputs => inputs.map((input) => input.getAttribute('aria-label'))")
    assert len(names) == 3 and all(names)
    assert (set(names) == english) == (lang == "en"), names
