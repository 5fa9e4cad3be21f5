"""What a glossary page fetches: only files of our own site, all of them found, no Pyodide.

Every kind of page in English (home, glossary index, a term with formulas, a
model page); in the other languages the pages whose requests can differ by
language: the home page (the tree's search index and lunr's language files)
and the main entry (its formulas' fonts, its language's scripts). The glossary
index and the model page are the same templates as in English. Each load is a
fresh browser context, so nothing comes from a cache.

The test server answers a missing file with the site's 404.html, as a static
host does, so a stray request would show here as a 404 (Material fetches a
sitemap.xml next to each head hreflang link; overrides/main.html writes none).
"""

from __future__ import annotations

import pytest

from .serving import LANGUAGES

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
PAGES = ("", "glossary/", "glossary/customer-lifetime-value/", "glossary/bg-nbd-model/")
EVERY_LANGUAGE = ("", "glossary/customer-lifetime-value/")
LOADS = [("en", path) for path in PAGES] + [(lang, path) for lang in LANGUAGES[1:] for path in EVERY_LANGUAGE]


def load(browser, url: str, *, index: str | None = None) -> tuple[list[tuple[int, str]], list[str]]:
    """(status, url) of every response, and every request, of one page load.

    Waits for the state that ends a load: the page's load event, the fonts the
    page uses (KaTeX's, on math pages) and, when *index* is given, the search
    index that Material's search worker fetches after start-up.
    """
    context = browser.new_context()
    page = context.new_page()
    responses: list[tuple[int, str]] = []
    requests: list[str] = []
    page.on("response", lambda response: responses.append((response.status, response.url)))
    page.on("request", lambda request: requests.append(request.url))
    if index is None:
        page.goto(url)
    else:
        with page.expect_response(index, timeout=TIMEOUT_MS):
            page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    context.close()
    return responses, requests


@pytest.mark.parametrize(("lang", "path"), LOADS)
def test_a_page_fetches_only_what_exists_on_the_site(site, browser, lang, path):
    prefix = "/" if lang == "en" else f"/{lang}/"
    responses, requests = load(browser, site.url(prefix + path), index=site.url(prefix + "search/search_index.json"))
    assert [url for status, url in responses if status >= 400] == []
    assert [url for url in requests if not url.startswith(site.origin + "/")] == []
    assert [url for url in requests if "/pyodide/" in url] == []
    # The page did load its search index and, on math pages, KaTeX's fonts.
    assert site.url(prefix + "search/search_index.json") in requests
    if path.startswith("glossary/") and path != "glossary/":
        assert any(url.endswith(".woff2") for url in requests)


def test_a_missing_page_is_answered_with_the_sites_404(site, browser):
    responses, _ = load(browser, site.url("/lt/no-such-page/"))
    assert responses[0][0] == 404
