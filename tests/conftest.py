"""Shared pytest setup: one strict build of the site per test run.

The repository root is importable through pytest's ``pythonpath`` (pyproject.toml).
The site is built once, for the origin of a local server, and shared: tests/site
reads its files (``built_site``), tests/browser loads its pages (``site``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

try:  # not installed where only tests/formulas runs (tests/cpython's small venvs)
    from hypothesis import settings
except ImportError:
    pass
else:
    # No per-example deadline: on a busy machine (2 cores, other work) an
    # example may take longer than hypothesis' default 200 ms without any bug.
    settings.register_profile("project", deadline=None)
    settings.load_profile("project")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The whole site, built strictly once for a local origin and served from a thread."""
    from tests.browser.serving import SiteServer, build_for

    site_dir = tmp_path_factory.mktemp("site")
    server = SiteServer(site_dir)
    build_for(server, site_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    """The folder of the one strict build."""
    return served_site.directory


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    """The ``site_url`` the build was made for (absolute links, hreflang, sitemap)."""
    return served_site.url("/")
