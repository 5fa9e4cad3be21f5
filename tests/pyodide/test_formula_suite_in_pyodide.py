"""The formula suite passes inside Pyodide (Python 3.14, WebAssembly) under Node.

The runner starts Pyodide with our lock file, so these tests also check that
the calculator wheel installs there with nothing fetched from a CDN. Starting
Pyodide is most of a run's time, so one Node run serves both suite tests: it
runs pytest on the real suite, then on a copy with one wrong expected value,
in the same Pyodide, and writes each run's exit code and output to a report.
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


def run_suites(wheels_dir: Path, report: Path, *tests_dirs: Path) -> dict:
    """The runner's report: Python version, then exit code and output per folder of tests."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node 20+ (`make setup` needs it for npm ci)")
    result = subprocess.run([node, str(RUNNER), "--report", str(report), str(wheels_dir), *map(str, tests_dirs)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    if not report.exists():  # Pyodide could not be set up: the runner says why
        pytest.fail(f"the runner wrote no report (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return json.loads(report.read_text(encoding="utf-8"))


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


@pytest.fixture(scope="module")
def suite_runs(wheels_dir, tmp_path_factory) -> dict:
    """One Pyodide, two pytest runs: the real suite, then a copy with one case broken."""
    folder = tmp_path_factory.mktemp("pyodide")
    broken_dir = folder / "formulas"
    shutil.copytree(FORMULAS, broken_dir, ignore=shutil.ignore_patterns("__pycache__"))
    broken = break_one_case(broken_dir)
    report = run_suites(wheels_dir, folder / "report.json", FORMULAS, broken_dir)
    real, wrong = report["runs"]
    assert (real["tests"], wrong["tests"]) == (str(FORMULAS), str(broken_dir))
    return {"python": report["python"], "real": real, "wrong": {**wrong, "broken": broken, "dir": broken_dir}}


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
def test_formula_suite_passes_in_pyodide(suite_runs):
    run = suite_runs["real"]
    assert run["exit"] == 0, run["output"]
    python = json.loads(PYODIDE_LOCK.read_text(encoding="utf-8"))["info"]["python"]
    assert suite_runs["python"] == python
    assert python.startswith("3.14."), python
    summary = run["output"].strip().splitlines()[-1]
    assert re.fullmatch(rf"{expected_test_count(FORMULAS)} passed in [\d.]+s", summary), run["output"]


@pytest.mark.slow
def test_a_wrong_expected_value_fails_in_pyodide(suite_runs):
    # Run after the real suite in the same Pyodide: the copy's cases.toml is
    # read anew, and exactly its one broken case fails.
    run = suite_runs["wrong"]
    assert run["exit"] == 1, run["output"]  # pytest's "tests failed", not a setup error
    assert re.findall(r"(?m)^FAILED \S*test_case\[([^\]]+)\]", run["output"]) == [run["broken"]], run["output"]
    assert f"1 failed, {expected_test_count(run['dir']) - 1} passed" in run["output"], run["output"]
