"""Browser tests: one strict build served on 127.0.0.1, one Chromium, per session."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from .serving import SiteServer, build_for, launch


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> SiteServer:
    """The strictly built site, served from a background thread."""
    site_dir = tmp_path_factory.mktemp("browser-site")
    server = SiteServer(site_dir)
    build_for(server, site_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
