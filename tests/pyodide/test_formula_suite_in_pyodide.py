"""The formula suite passes inside Pyodide (Python 3.14, WebAssembly) under Node.

The runner starts Pyodide with our lock file, so these tests also check that
the calculator wheel installs there with nothing fetched from a CDN.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from tests.pyodide.prepare import PYODIDE_LOCK, ROOT, pins, prepare

FORMULAS = ROOT / "tests" / "formulas"
RUNNER = Path(__file__).with_name("run_formula_suite.mjs")


def run_suite(wheels_dir: Path, tests_dir: Path) -> subprocess.CompletedProcess:
    """The runner's exit code and output for one folder of tests."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node 20+ (`make setup` needs it for npm ci)")
    return subprocess.run([node, str(RUNNER), str(wheels_dir), str(tests_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def expected_test_count(tests_dir: Path) -> int:
    """Tests test_cases.py defines: one per case for a parametrized test, else one."""
    cases = tomllib.loads((tests_dir / "cases.toml").read_text(encoding="utf-8"))["case"]
    module = ast.parse((tests_dir / "test_cases.py").read_text(encoding="utf-8"))
    tests = [node for node in module.body
             if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]
    parametrized = [node for node in tests
                    if any("parametrize" in ast.unparse(decorator) for decorator in node.decorator_list)]
    return len(cases) * len(parametrized) + len(tests) - len(parametrized)


def break_one_case(tests_dir: Path) -> str:
    """Double (plus one) the expected values of the first case with any; return its id."""
    cases_file = tests_dir / "cases.toml"
    text = cases_file.read_text(encoding="utf-8")
    case = next(case for case in tomllib.loads(text)["case"] if "expected" in case)
    wrong = ", ".join(f"{name} = {value * 2 + 1!r}" for name, value in case["expected"].items())
    # The first `expected = …` line after the case's id line is that case's.
    start = text.index(f'id = "{case["id"]}"')
    text = text[:start] + re.sub(r"(?m)^expected = .*$", f"expected = {{ {wrong} }}", text[start:], count=1)
    cases_file.write_text(text, encoding="utf-8")
    return case["id"]


@pytest.fixture(scope="module")
def wheels_dir() -> Path:
    """Wheels and lock, prepared here so that a bare `pytest` needs no Makefile step."""
    return prepare()


def test_pins_match_requirements_lock():
    # The same pytest runs in CPython and in Pyodide: where requirements.lock
    # pins a package too, the versions agree.
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").split()
    locked = dict(line.split("==") for line in lines if "==" in line)
    locked = {canonicalize_name(name): version for name, version in locked.items()}
    pinned = {name: version for name, (version, _) in pins().items()}
    assert "pytest" in pinned
    assert {name: version for name, version in pinned.items() if name in locked} == \
        {name: locked[name] for name in pinned if name in locked}


@pytest.mark.slow
def test_formula_suite_passes_in_pyodide(wheels_dir):
    result = run_suite(wheels_dir, FORMULAS)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    python = json.loads(PYODIDE_LOCK.read_text(encoding="utf-8"))["info"]["python"]
    assert f"Python inside Pyodide: {python}\n" in result.stdout, output
    assert python.startswith("3.14."), output
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(rf"{expected_test_count(FORMULAS)} passed in [\d.]+s", summary), output


@pytest.mark.slow
def test_a_wrong_expected_value_fails_in_pyodide(wheels_dir, tmp_path):
    tests_dir = tmp_path / "formulas"
    shutil.copytree(FORMULAS, tests_dir, ignore=shutil.ignore_patterns("__pycache__"))
    broken = break_one_case(tests_dir)
    result = run_suite(wheels_dir, tests_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # pytest's "tests failed", not a setup error
    assert re.findall(r"(?m)^FAILED \S*test_case\[([^\]]+)\]", result.stdout) == [broken], output
    assert f"1 failed, {expected_test_count(tests_dir) - 1} passed" in result.stdout, output
