"""Search per language: each tree searches only its own pages, by local name and abbreviation.

Material's index is split per tree by the build (clvsite/trees.py); Lithuanian,
Polish and Ukrainian have no lunr stemmer, so words are indexed as written and
Material's prefix matching finds inflected forms ("kohort" finds "kohortų").
Our worker (docs/assets/javascripts/workers/search-fold.js) folds diacritics, so
a query typed without them finds the same pages; a term's own entry is boosted.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .serving import LANGUAGES

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


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the module (the theme's files stay cached)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def open_home(page, site, language: str) -> str:
    """*page* on the home page of *language*, loaded only if it is elsewhere; its path prefix.

    Each load makes Material's search worker build the tree's index again, so
    the queries of one language share a load (the tests of a language run in a row).
    """
    prefix = "/" if language == "en" else f"/{language}/"
    if page.url != site.url(prefix):
        page.goto(site.url(prefix))
    return prefix


def search(page, site, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the result links as paths from the site's root."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()  # the desktop header shows the box itself
    # The previous query's results go first, so that the wait below sees this query's.
    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach((item) => item.remove())")
    # Material searches on key events; typing Cyrillic in headless Chromium
    # inserts text without them, so fill the box and press a key.
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    links = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    root = urlsplit(site.url("/")).path  # the site is served under its public path, /clv-glossary/
    return ["/" + path.removeprefix(root) if path.startswith(root) else path
            for path in (urlsplit(link).path for link in links)]


@pytest.mark.parametrize("language, query, expected", QUERIES)
def test_search_finds_the_page_in_the_readers_language_only(page, site, language, query, expected):
    prefix = open_home(page, site, language)
    paths = search(page, site, query)
    assert prefix + expected in paths
    others = [f"/{lang}/" for lang in LANGUAGES[1:] if lang != language]
    assert not [p for p in paths if p.startswith(tuple(others))]
    if language == "en":
        assert all(not p.startswith(tuple(others)) for p in paths)


# Typed without diacritics (a phone without the language's keyboard): the entry comes first.
# (language, query, the page that must rank first)
FIRST = [
    ("lt", "marza", "glossary/gross-margin/"),          # marža
    ("lt", "klientu islaikymo", "glossary/retention-rate/"),  # klientų išlaikymo
    ("pl", "marza brutto", "glossary/gross-margin/"),   # marża brutto
    ("pl", "wskaznik rezygnacji", "glossary/churn-rate/"),  # wskaźnik rezygnacji
    ("vi", "ty le roi bo", "glossary/churn-rate/"),     # tỷ lệ rời bỏ
    # A term's name finds its own entry first, not pages that mention it more often.
    ("uk", "відтік", "glossary/churn-rate/"),
    ("uk", "маржа", "glossary/gross-margin/"),
    ("nl", "brutomarge", "glossary/gross-margin/"),
    ("nl", "klantverloop", "glossary/churn-rate/"),
    # Dutch keeps its stemmer: a plural query goes through it (lunr skips the pipeline for prefixes).
    ("nl", "cohorten", "glossary/cohort-analysis/"),
]


@pytest.mark.parametrize("language, query, expected", FIRST)
def test_the_terms_own_entry_ranks_first(page, site, language, query, expected):
    warnings = []

    def record(message):
        if message.type in ("warning", "error"):
            warnings.append(message.text)

    page.on("console", record)
    try:
        prefix = open_home(page, site, language)
        paths = search(page, site, query)
    finally:
        page.remove_listener("console", record)
    assert paths[0] == prefix + expected, paths[:5]
    assert warnings == []
