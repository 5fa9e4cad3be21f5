"""How `make test` splits the run between its two pytest-xdist workers, and in what order.

Each page load of a calculator page starts Pyodide (seconds of CPU), so the
browser tests share one page per language and kind of page (tests/browser/
pages.py). For that to pay, the tests that use one such page must run on one
worker, one after the other: a *scope* here is "the tests of these files on
this language's page", not a file. Other tests keep xdist's ``loadfile``
scope, their file.

Order: one scope that needs the site first, then the scopes that need no
site, then the other site scopes: those in a browser (each test loads pages:
seconds), then those that read the built files (milliseconds a test), each
group larger first (xdist's own rule), so that the run ends on small scopes
and the two workers finish together. xdist gives the first scope to one worker
and the next ones to the other: the first worker builds the site, on a core
of its own, while the second runs the tests that need none; by the time they
are done, the build is there for both.
"""

from __future__ import annotations

import re

# Test files whose tests run on the shared page of their language (tests/browser/pages.py).
PAGE_FILES = {
    "tests/browser/test_calculator.py": "calculator",
    "tests/browser/test_your_data.py": "your-data",
    "tests/browser/test_your_data_models.py": "your-data",
    "tests/browser/test_your_files.py": "your-data",
}
_PARAMS = re.compile(r"\[(.*)\]$")


def language_of(nodeid: str) -> str | None:
    """The first language code among a test's parameter ids ("test_x[pl-simple-1]" → "pl")."""
    # Imported here: the site's languages come from mkdocs.yml through PyYAML,
    # which tests/cpython's small venvs (pytest alone) do not have; they run
    # no shared-page test, so they never get here.
    from tests.site.conftest import LANGUAGES

    found = _PARAMS.search(nodeid)
    return next((part for part in found.group(1).split("-") if part in LANGUAGES), None) if found else None


def scope_of(nodeid: str) -> str:
    """The work unit of a test: its language's shared page, or else its file."""
    path = nodeid.split("::", 1)[0]
    kind = PAGE_FILES.get(path)
    language = language_of(nodeid) if kind else None
    return f"{kind} page [{language}]" if language else path


def run_order(items: list, needs_site) -> list:
    """*items* reordered: the largest scope needing the site, the scopes needing none
    (in collection order), then the other scopes needing the site: those in a browser,
    then the rest, each group largest first; each scope's tests stay together and in order."""
    scopes: dict[str, list] = {}
    for item in items:
        scopes.setdefault(scope_of(item.nodeid), []).append(item)
    without = [scope for scope, members in scopes.items() if not any(map(needs_site, members))]
    site = sorted((scope for scope in scopes if scope not in without), key=lambda scope: -len(scopes[scope]))
    # Stable: still by size within each group. (A scope's tests are of one folder.)
    rest = sorted(site[1:], key=lambda scope: not scopes[scope][0].nodeid.startswith("tests/browser/"))
    return [item for scope in site[:1] + without + rest for item in scopes[scope]]


def page_scheduling(config, log):
    """xdist's scope scheduling with ``scope_of`` as the scope, in ``run_order``'s order.

    (xdist is imported here: tests/cpython's small venvs run tests/formulas without it.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class PageScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    # Our order (run_order), not xdist's sort by size, which would put every site scope first.
    config.option.loadscopereorder = False
    return PageScheduling(config, log)
