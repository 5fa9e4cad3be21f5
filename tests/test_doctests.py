"""The worked examples in the docstrings of calculator/ and clvsite/ still hold.

STYLE.md asks each formula's docstring to end with a doctest that is a worked
example; this runs all of them, so a docstring cannot drift from the code.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import calculator
import clvsite

MODULES = sorted(
    info.name
    for package in (calculator, clvsite)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctest(s) failed in {name}"


def test_there_are_worked_examples_to_check():
    # Guards the walk above: an import path mistake would run zero doctests and pass.
    assert len(MODULES) > 20
    assert sum(len(doctest.DocTestFinder().find(importlib.import_module(name))) for name in MODULES) > 50
