"""Browser tests: the session's one strict build served on 127.0.0.1, one Chromium, shared pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from .pages import YourDataPages
from .serving import SiteServer, launch


@pytest.fixture(scope="session")
def site(served_site) -> SiteServer:
    """The one strict build (tests/conftest.py), served from a background thread."""
    return served_site


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def reader_context(browser):
    """One browser profile for this worker's Pyodide pages (calculator, your-data), as one reader's.

    From its second page on, the runtime comes from the site's service worker
    and Chromium's compiled-code cache, as on a reader's second visit: a start
    then costs about half the CPU (measured in one script: 7.1–7.8 CPU-s in a
    fresh context, 3.6–5.6 in this one). Each worker's first such page, and the
    tests that block or cut the runtime, still start from nothing.
    """
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture(scope="session")
def your_data_pages(reader_context, site):
    """``your_data_pages(lang)``: the started your-data page of *lang*, shared (tests/browser/pages.py)."""
    pages = YourDataPages(reader_context, site)
    yield pages
    pages.close()
