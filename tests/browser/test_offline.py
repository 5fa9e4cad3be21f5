"""Offline as promised: one visit to a calculator page, then it computes with no network.

The first visit runs on a server of its own over the built site; the server is
then stopped and the browser relaunched from the same profile with
``offline=True`` and its HTTP cache deleted and disabled, so only the service
worker's cache can answer. The shared link's numbers are those of
tests/browser/test_calculator.py: 1234.5 × 4 × 3 × 30 % = 4444.2.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Error as PlaywrightError

from .serving import CHROMIUM, CHROMIUM_ARGS, SiteServer

pytestmark = pytest.mark.browser

SHARED_LINK = "calculator/?formula=simple&aov=1234.5&frequency=4&lifespan=3&margin=30"
CLV = 4444.2
READY_MS = 120_000  # precaching ~13 MB of Pyodide on a busy machine


def launch(browser, profile, *, offline: bool):
    return browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, offline=offline)


def computes(page) -> float:
    """Wait for the simple form's CLV and return its raw value."""
    page.wait_for_function(
        """() => document.querySelector('[data-calculator-status="ready"]')
                 || !document.querySelector('[data-calculator-failure]').hidden""", timeout=READY_MS)
    assert page.locator("[data-calculator-failure]").is_hidden(), page.locator("[data-calculator-failure]").text_content()
    result = page.locator('form[data-formula="simple"] [data-result="clv"][data-value]')
    result.wait_for(state="attached", timeout=READY_MS)
    return float(result.get_attribute("data-value"))


@pytest.fixture
def visited_once(site, browser, tmp_path):
    """A browser profile that has opened the Lithuanian calculator once, online; the server is gone."""
    server = SiteServer(site.directory, site_url=site.site_url).start()
    profile = tmp_path / "profile"
    context = launch(browser, profile, offline=False)
    try:
        page = context.new_page()
        page.goto(server.url("/lt/calculator/"))
        note = page.locator('[data-offline-note="ready"]')
        note.wait_for(state="visible", timeout=READY_MS)
        note_text = note.text_content().strip()
    finally:
        context.close()
        server.stop()
    # The HTTP cache goes; the service worker and its CacheStorage stay.
    shutil.rmtree(profile / "Default" / "Cache", ignore_errors=True)
    return server, profile, note_text


def test_the_calculator_computes_offline_after_one_visit_and_a_restart(browser, visited_once):
    server, profile, note_text = visited_once
    assert note_text == "Dabar ši skaičiuoklė veikia ir be interneto ryšio."
    context = launch(browser, profile, offline=True)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        # A shared link: its query is not in the cache, the page's path is.
        page.goto(server.url("/lt/" + SHARED_LINK))
        assert computes(page) == pytest.approx(CLV)
        assert page.locator("html").get_attribute("lang") == "lt"
        # Every tree's calculator pages were precached, each in its tree's cache.
        for path, language in [("/lt/calculator/your-data/", "lt"), ("/nl/calculator/", "nl"), ("/calculator/", "en")]:
            page.goto(server.url(path))
            assert page.locator("html").get_attribute("lang") == language, path
        # A page never visited is not answered by another one.
        with pytest.raises(PlaywrightError):
            page.goto(server.url("/lt/glossary/churn-rate/"))
    finally:
        context.close()
