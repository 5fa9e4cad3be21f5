"""Shared pytest setup: one strict build of the site per test run.

The repository root is importable through pytest's ``pythonpath`` (pyproject.toml).
The site is built once, for the origin of a local server, and shared: tests/site
reads its files (``built_site``), tests/browser loads its pages (``site``).

Under pytest-xdist (``-n 2``, pyproject.toml) the workers share that one build:
the first worker to take the lock builds it into the run's common temporary
folder, and each worker then serves the folder from a server of its own. The
``site_url`` the build was made for (the first worker's origin) is what the
tests compare the pages' absolute URLs against; the pages load everything by
relative URL, so any worker's server shows them whole.
"""

from __future__ import annotations

import fcntl
import json
import os
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


def _shared_temp(tmp_path_factory) -> Path:
    """The temporary folder every worker of this run sees (each has a child of it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The whole site, built strictly once for a local origin and served from a thread."""
    from tests.browser.serving import SiteServer, build_for

    shared = _shared_temp(tmp_path_factory)
    site_dir, record = shared / "site", shared / "site.json"
    with (shared / "site.lock").open("w") as lock:
        # The other worker waits here while the first one builds.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            server = SiteServer(site_dir)
            try:
                build_for(server, site_dir)
            except RuntimeError as error:
                record.write_text(json.dumps({"error": str(error)}), encoding="utf-8")
                server.stop()
                raise
            record.write_text(json.dumps({"site_url": server.site_url}), encoding="utf-8")
        else:
            built = json.loads(record.read_text(encoding="utf-8"))
            if "error" in built:  # the same failure, without a second build
                raise RuntimeError(built["error"])
            server = SiteServer(site_dir, site_url=built["site_url"])
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
    return served_site.site_url

