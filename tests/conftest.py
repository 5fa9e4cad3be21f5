"""Shared pytest setup: one strict build of the site per test run.

The repository root is importable through pytest's ``pythonpath`` (pyproject.toml).
The site is built once, strictly, exactly as ``make site`` builds it: for the
public address of mkdocs.yml (``PUBLIC_URL``, a GitHub project page under
/clv-glossary/), and served on 127.0.0.1 under that same path. tests/site reads
its files (``built_site``) and checks its URLs against ``site_url``;
tests/browser loads its pages (``site``, whose ``url()`` names the local copy).

Under pytest-xdist (``-n 2``, pyproject.toml) the workers share that one build:
the first worker to take the lock builds it into the run's common temporary
folder, and each worker then serves the folder from a server of its own. A
failed build is recorded, so the other worker fails with the same message.
While the first worker builds, the other runs the tests that need no site
(tests/scheduling.py says how the workers split and order the run).
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from tests.scheduling import page_scheduling, run_order

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


def _needs_site(item) -> bool:
    return "served_site" in item.fixturenames


def pytest_collection_modifyitems(items) -> None:
    items[:] = run_order(items, _needs_site)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, absent from the small venvs
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") == "loadfile":
        return page_scheduling(config, log)
    return None


def _build_once(shared: Path) -> dict:
    """The record of the run's one build, ``{"site_url": …}`` or ``{"error": …}``; builds it unless done."""
    from tests.browser.serving import PUBLIC_URL, strict_build

    record = shared / "site.json"
    with (shared / "site.lock").open("w") as lock:
        # The other worker, if it gets here first, waits here.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            try:
                # Named, so that a CLV_SITE_URL in the caller's shell cannot change it.
                strict_build(shared / "site", env={"CLV_SITE_URL": PUBLIC_URL})
            except RuntimeError as error:
                record.write_text(json.dumps({"error": str(error)}), encoding="utf-8")
            else:
                record.write_text(json.dumps({"site_url": PUBLIC_URL}), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The whole site, built strictly once for its public address and served from a thread."""
    from tests.browser.serving import SiteServer

    shared = _shared_temp(tmp_path_factory)
    built = _build_once(shared)
    if "error" in built:  # the same failure in every worker, from one build
        raise RuntimeError(built["error"])
    server = SiteServer(shared / "site", site_url=built["site_url"]).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    """The folder of the one strict build."""
    return served_site.directory


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    """The address the build was made for, the public one (absolute links, hreflang, sitemap)."""
    return served_site.site_url
