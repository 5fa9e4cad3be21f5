"""axe-core finds no accessibility violations: every page in English, and in
the other languages the pages whose structure differs by language.

A term page differs between languages only in its text; the home page, the
glossary index (sorted by the language's collation), the 404 page and the main
entry are checked in every language. The two calculator pages are checked in
test_calculator.py (every language, ready and with an input error) and
test_your_data.py (with results), on the page load those tests make anyway:
each load starts Pyodide.
"""

from __future__ import annotations

import pytest

from clvsite.glossary import TERMS

from .axe import violations
from .serving import LANGUAGES

pytestmark = pytest.mark.browser

PAGES = {
    "home": "", "glossary": "glossary/", "404": "404.html",
    **{term.slug: f"glossary/{term.slug}/" for term in TERMS},
}
EVERY_LANGUAGE = ("home", "glossary", "404", "customer-lifetime-value")
CHECKS = [("en", name) for name in PAGES] + [(lang, name) for lang in LANGUAGES[1:] for name in EVERY_LANGUAGE]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("lang", "name"), CHECKS, ids=[f"{lang}-{name}" for lang, name in CHECKS])
def test_no_axe_violations(page, site, lang, name):
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix + PAGES[name]))
    assert violations(page) == []
