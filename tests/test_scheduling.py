"""How the test run is split between the workers (tests/scheduling.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.scheduling import PAGE_FILES, language_of, run_order, scope_of

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_of_a_shared_page_exists():
    # A renamed file would silently lose its shared page (and start Pyodide once more per language).
    assert [path for path in PAGE_FILES if not (ROOT / path).is_file()] == []


def test_a_language_page_is_one_scope_across_files():
    calculator = "tests/browser/test_calculator.py::test_formula_case[pl-simple-basic]"
    assert language_of(calculator) == "pl"
    assert scope_of(calculator) == "calculator page [pl]"
    assert scope_of("tests/browser/test_your_files.py::test_x[uk]") == scope_of(
        "tests/browser/test_your_data.py::test_y[uk]") == "your-data page [uk]"
    # The language is a whole part of the id, not two letters inside another one.
    assert language_of("tests/browser/test_calculator.py::test_python_typed_into_a_field_is_data[nl-plenty]") == "nl"
    assert scope_of("tests/browser/test_calculator.py::test_a_worker_that_cannot_start_shows_the_failure") == \
        "tests/browser/test_calculator.py"
    assert scope_of("tests/browser/test_search.py::test_z[lt]") == "tests/browser/test_search.py"


@dataclass
class Item:
    nodeid: str
    site: bool


def test_one_site_scope_then_the_tests_without_the_site_then_the_rest():
    items = [Item("tests/site/test_a.py::one", True), Item("tests/models/test_b.py::two", False),
             Item("tests/browser/test_your_data.py::t[en]", True), Item("tests/site/test_a.py::three", False),
             Item("tests/browser/test_your_files.py::u[en]", True), Item("tests/browser/test_your_data.py::t[lt]", True),
             Item("tests/browser/test_your_files.py::v[en]", True), Item("tests/browser/test_search.py::w[lt]", True),
             Item("tests/browser/test_search.py::w[nl]", True)]
    order = [item.nodeid for item in run_order(items, lambda item: item.site)]
    assert order == [
        # The largest scope that needs the site: its worker builds while the other
        # runs the tests that need none.
        "tests/browser/test_your_data.py::t[en]", "tests/browser/test_your_files.py::u[en]",
        "tests/browser/test_your_files.py::v[en]",
        "tests/models/test_b.py::two",
        # Then the browser's scopes (seconds a test), then those reading the built
        # files, the small scopes last; each scope's tests together.
        "tests/browser/test_search.py::w[lt]", "tests/browser/test_search.py::w[nl]",
        "tests/browser/test_your_data.py::t[lt]",
        "tests/site/test_a.py::one", "tests/site/test_a.py::three",
    ]
