"""Each language's 404, served at a deep missing path, leads back to that language's home.

A static host answers any missing path with a 404 page; GitHub Pages sends
the project's /clv-glossary/404.html, other hosts can send /<lang>/404.html
for /<lang>/... (the route below plays that host). Links must therefore be
absolute paths. The test server serves the site under its public path, as
GitHub Pages does.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .serving import LANGUAGES

pytestmark = pytest.mark.browser

DEEP = "no/such/page/at/all/"


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_deep_404_links_to_its_languages_home(site, browser, language):
    prefix = "" if language == "en" else f"{language}/"
    context = browser.new_context()
    page = context.new_page()
    if prefix:
        body = (site.directory / prefix / "404.html").read_bytes()
        page.route(f"**/{prefix}{DEEP}", lambda route: route.fulfill(status=404, body=body,
                                                                      content_type="text/html; charset=utf-8"))
    response = page.goto(site.url(f"/{prefix}{DEEP}"))
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    page.locator("article a").first.click()
    page.wait_for_url(site.url(f"/{prefix}"))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    # The language switcher of the 404 leads to each tree's home, too.
    page.goto(site.url(f"/{prefix}{DEEP}"))
    switcher = {link.get_attribute("hreflang"): link.get_attribute("href")
                for link in page.locator("a.md-select__link").all()}
    # Absolute paths under the site's own path (/clv-glossary/ on GitHub Pages).
    root = urlsplit(site.site_url).path
    assert switcher == {lang: root if lang == "en" else f"{root}{lang}/" for lang in LANGUAGES}
    context.close()
