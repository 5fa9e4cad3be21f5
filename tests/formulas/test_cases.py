"""Run tests/formulas/cases.toml: one test per case, named by its id.

Needs only pytest, the standard library and ``calculator``, so the same
module runs in CPython and inside Pyodide.
"""

import dataclasses
import importlib
import inspect
import tomllib
from pathlib import Path

import pytest

from calculator import FORMULAS, CalculatorError, compute, messages

CASES = tomllib.loads(
    Path(__file__).with_name("cases.toml").read_text(encoding="utf-8")
)["case"]


def function(name):
    """A registry formula id ("simple"), or "module.function" in calculator/."""
    if name in FORMULAS:
        return FORMULAS[name].function
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(f"calculator.{module}"), attribute)


def run(case):
    """Results of a case as a dict: via compute() for form cases, else the function.

    A function returning a number gives {"value": number}; one returning a
    dict (``analysis.analyze``) is compared on the keys the case lists (dotted
    for nested values, see ``flatten``).
    """
    if "locale" in case:
        return compute(case["formula"], case["inputs"], case["locale"],
                       percent_rates=case.get("percent_rates", False))
    result = function(case["formula"])(**case["inputs"])
    if dataclasses.is_dataclass(result):
        return dataclasses.asdict(result)
    if isinstance(result, dict):
        return flatten(result)
    return {"value": result}


def flatten(result, prefix=""):
    """A nested result with dotted keys as well: {"totals": {"clv": 1}} also gives
    "totals.clv", and a list of dicts "results.0.clv", so a case can name them."""
    flat = {}
    for key, value in result.items():
        name = f"{prefix}{key}"
        flat[name] = value
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            flat.update(flatten(dict(enumerate(value)), name + "."))
    return flat


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    if "error" in case:
        with pytest.raises(CalculatorError) as caught:
            run(case)
        # An input the user must fix, or a model that cannot be fitted (calculator/errors.py).
        assert type(caught.value).__name__ == case["error"].get("type", "InputError")
        assert caught.value.code == case["error"]["code"]
        assert caught.value.field == case["error"].get("field")
    else:
        results = run(case)
        assert set(case["expected"]) <= set(results)
        for name, expected in case["expected"].items():
            actual = results[name]
            if isinstance(actual, tuple):
                actual = list(actual)  # TOML arrays are lists
            if all(isinstance(x, str) for x in (expected if isinstance(expected, list) else [expected])):
                assert actual == expected, name  # text is compared exactly
            else:
                assert actual == pytest.approx(
                    expected, rel=case["tolerance"], abs=1e-12), name


# Error codes whose inputs do not fit a case file, each with the test that makes it.
TESTED_ELSEWHERE = {
    "too_many_rows": "tests/transactions/test_limits.py (2 million rows; the limit lowered there)",
    "field_too_long": "tests/transactions/test_limits.py (a field of csv.field_size_limit() + 1 characters)",
    "out_of_memory": "tests/transactions/test_limits.py (a MemoryError raised by a stand-in analysis)",
    "bad_csv": "tests/transactions/test_limits.py (any other csv.Error, raised by a stand-in reader)",
    # A per-customer summary file and the SQL engines (calculator.summaries, warehouse).
    **{code: "tests/transactions/test_warehouse.py" for code in (
        "summary_not_whole", "summary_not_non_negative", "summary_not_a_number",
        "summary_recency_after_T", "engine_not_installed", "engine_failed")},
    "too_many_counts": "tests/calculator/test_counts.py (601 counts, too long for a case)",
    # Forms refuse any input above 10^12 (too_large) first, so no typed product overflows.
    "result_not_finite": "calculator/registry.py, evaluate's doctest (1e200 × 1e200)",
}


def test_suite_is_complete():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    assert all(case.get("source") for case in CASES)
    # Every error code and every formula has at least one error case.
    error_cases = [case for case in CASES if "error" in case]
    assert {case["error"]["code"] for case in error_cases} | set(TESTED_ELSEWHERE) == set(messages.MESSAGES)
    assert set(FORMULAS) <= {case["formula"] for case in error_cases}
    assert set(FORMULAS) <= {case["formula"] for case in CASES if "expected" in case}
    # So does every public function of a module that cases name ("metrics.churn_rate").
    modules = {name.rpartition(".")[0] for name in (case["formula"] for case in CASES) if "." in name}
    for module in map(importlib.import_module, (f"calculator.{m}" for m in sorted(modules))):
        public = {f"{module.__name__.removeprefix('calculator.')}.{name}"
                  for name, member in inspect.getmembers(module, inspect.isfunction)
                  if member.__module__ == module.__name__ and not name.startswith("_")}
        assert public <= {case["formula"] for case in error_cases}
        assert public <= {case["formula"] for case in CASES if "expected" in case}
