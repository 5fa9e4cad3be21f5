"""Browser tests: the session's one strict build served on 127.0.0.1, one Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

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
