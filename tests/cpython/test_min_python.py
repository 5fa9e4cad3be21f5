"""The Makefile's MIN_PYTHON is the oldest Python every pin of requirements.lock installs on.

pip refuses a pin whose Requires-Python excludes the interpreter, with a long
list of versions; the Makefile checks first and names the version needed. This
keeps that number in step when a pin is bumped.
"""

from __future__ import annotations

import importlib.metadata
import re

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tests.pyodide.prepare import ROOT


def test_min_python_is_the_strictest_requires_python_of_the_pins():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    declared = Version(re.search(r"^MIN_PYTHON := (\S+)$", makefile, re.MULTILINE).group(1))
    pins = [line.split("==")[0] for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").split()
            if "==" in line]
    bounds = {}
    for name in pins:
        try:
            requires = importlib.metadata.metadata(name).get("Requires-Python") or ""
        except importlib.metadata.PackageNotFoundError:
            continue  # not installed in this venv yet (a pin added since `make setup`)
        lower = [Version(spec.version) for spec in SpecifierSet(requires) if spec.operator in (">=", ">")]
        if lower:
            bounds[name] = max(lower)
    assert len(bounds) > len(pins) // 2
    assert declared == max(bounds.values()), {name: str(v) for name, v in bounds.items() if v == max(bounds.values())}
