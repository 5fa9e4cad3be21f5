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
def your_data_pages(browser, site):
    """``your_data_pages(lang)``: the started your-data page of *lang*, shared (tests/browser/pages.py)."""
    pages = YourDataPages(browser, site)
    yield pages
    pages.close()
