"""Search per language: each tree searches only its own pages, by local name and abbreviation.

Material's index is split per tree by the build (clvsite/trees.py); Lithuanian,
Polish and Ukrainian have no lunr stemmer, so words are indexed as written and
Material's prefix matching finds inflected forms ("kohort" finds "kohortų").
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# (language, query, the page that must be among the results)
QUERIES = [
    ("lt", "LTV", "glossary/customer-lifetime-value/"),
    ("lt", "churn", "glossary/churn-rate/"),
    ("lt", "kohort", "glossary/cohort-analysis/"),
    ("pl", "CLV", "glossary/customer-lifetime-value/"),
    ("pl", "rezygnacji", "glossary/churn-rate/"),
    ("uk", "когорт", "glossary/cohort-analysis/"),
    ("uk", "NPS", "glossary/net-promoter-score/"),
    ("nl", "klantverloop", "glossary/churn-rate/"),
    ("vi", "CLV", "glossary/customer-lifetime-value/"),
    ("en", "churn", "glossary/churn-rate/"),
]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def search(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the paths of the result links."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()  # the desktop header shows the box itself
    # Material searches on key events; typing Cyrillic in headless Chromium
    # inserts text without them, so fill the box and press a key.
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    links = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(link).path for link in links]


@pytest.mark.parametrize("language, query, expected", QUERIES)
def test_search_finds_the_page_in_the_readers_language_only(page, site, language, query, expected):
    prefix = "/" if language == "en" else f"/{language}/"
    page.goto(site.url(prefix))
    paths = search(page, query)
    assert prefix + expected in paths
    others = [f"/{lang}/" for lang in ("lt", "nl", "pl", "vi", "uk") if lang != language]
    assert not [p for p in paths if p.startswith(tuple(others))]
    if language == "en":
        assert all(not p.startswith(tuple(others)) for p in paths)
