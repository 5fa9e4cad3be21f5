"""The formula suite on the oldest and the newest CPython this machine has.

pyproject.toml says ``requires-python = ">=3.11"``: the calculator must run on
any 3.11 (Debian 12's python3 is 3.11.2) and on the newest CPython. The project
venv is one interpreter, so this test makes a small venv per interpreter under
build/cpython/, installs only pytest into it with the project's pip (the pinned, hash-checked wheels
that tests/pyodide/prepare.py already downloads for the Pyodide run, so nothing
new is fetched) and runs tests/formulas there, as a person with that Python would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pyodide.prepare import REQUIREMENTS, ROOT, prepare

OLDEST = (3, 11)
VENVS = ROOT / "build" / "cpython"  # gitignored; `make clean` removes it


def version_of(python: str) -> tuple[int, ...] | None:
    """(major, minor, micro) of an interpreter, or None if it does not run."""
    try:
        out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:3])"],
                             capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    return tuple(map(int, out.stdout.split())) if out.returncode == 0 else None


def interpreters() -> dict[tuple[int, ...], str]:
    """Every CPython 3.11+ found: python3.N on PATH, /usr/bin, and pyenv's versions."""
    candidates = {sys.executable, "/usr/bin/python3"}
    candidates |= {found for minor in range(11, 20) if (found := shutil.which(f"python3.{minor}"))}
    candidates |= {str(p) for p in Path("/usr/bin").glob("python3.[0-9]*") if re.fullmatch(r"python3\.\d+", p.name)}
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates |= {str(p) for p in pyenv.glob("3.*/bin/python3")}
    found = {}
    for python in sorted(candidates):
        version = version_of(python)
        if version and version[:2] >= OLDEST:
            found.setdefault(version, python)
    return found


FOUND = interpreters()


@pytest.fixture(scope="module")
def wheels() -> Path:
    return prepare()


def venv_with_pytest(python: str, version: tuple[int, ...], wheels: Path) -> Path:
    """A venv of *python* with the pinned pytest, installed offline from *wheels*."""
    venv = VENVS / ".".join(map(str, version))
    bin_python = venv / "bin" / "python"
    if not (bin_python.exists() and subprocess.run([bin_python, "-c", "import pytest"]).returncode == 0):
        shutil.rmtree(venv, ignore_errors=True)
        # Without its own pip (bootstrapping pip costs seconds per venv): the
        # project's pip installs into it (`pip --python`), the same pinned wheels.
        subprocess.run([python, "-m", "venv", "--without-pip", venv], check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "pip", "--python", bin_python, "install", "--quiet", "--no-index",
                        "--find-links", wheels, "--require-hashes", "-r", REQUIREMENTS], check=True,
                       capture_output=True)
    return bin_python


@pytest.mark.slow
@pytest.mark.parametrize("which", ["oldest", "newest"])
def test_formula_suite_passes(which, wheels):
    assert FOUND, "no CPython 3.11+ found"
    version = min(FOUND) if which == "oldest" else max(FOUND)
    if which == "newest" and version == min(FOUND):
        if os.environ.get("CI"):
            pytest.fail(f"CI must test a newer CPython than {version}: install one (e.g. with pyenv)")
        pytest.skip(f"only one CPython here ({'.'.join(map(str, version))})")
    python = venv_with_pytest(FOUND[version], version, wheels)
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/formulas"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\d+ passed", result.stdout.splitlines()[-1]), result.stdout[-500:]
    # The suite really ran on that interpreter (not on the project's venv).
    probe = subprocess.run([python, "-c", "import sys, calculator; print(*sys.version_info[:3]); print(calculator.__file__)"],
                           cwd=ROOT, capture_output=True, text=True)
    assert probe.stdout.split("\n")[0] == " ".join(map(str, version)), probe.stdout + probe.stderr
