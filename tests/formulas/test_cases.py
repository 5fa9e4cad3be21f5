"""Run tests/formulas/cases.toml: one test per case, named by its id.

Needs only pytest, the standard library and ``calculator``, so the same
module runs in CPython and inside Pyodide.
"""

import dataclasses
import tomllib
from pathlib import Path

import pytest

from calculator import FORMULAS, InputError, compute, messages

CASES = tomllib.loads(
    Path(__file__).with_name("cases.toml").read_text(encoding="utf-8")
)["case"]


def run(case):
    """Results of a case as a dict: via compute() for form cases, else the function."""
    if "locale" in case:
        return compute(case["formula"], case["inputs"], case["locale"],
                       percent_rates=case.get("percent_rates", False))
    result = FORMULAS[case["formula"]].function(**case["inputs"])
    return dataclasses.asdict(result)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    if "error" in case:
        with pytest.raises(InputError) as caught:
            run(case)
        assert caught.value.code == case["error"]["code"]
        assert caught.value.field == case["error"]["field"]
    else:
        results = run(case)
        assert set(case["expected"]) <= set(results)
        for name, expected in case["expected"].items():
            assert results[name] == pytest.approx(
                expected, rel=case["tolerance"], abs=1e-12), name


def test_suite_is_complete():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    assert all(case.get("source") for case in CASES)
    # Every error code and every formula has at least one error case.
    error_cases = [case for case in CASES if "error" in case]
    assert {case["error"]["code"] for case in error_cases} == set(messages.MESSAGES)
    assert set(FORMULAS) <= {case["formula"] for case in error_cases}
    assert set(FORMULAS) <= {case["formula"] for case in CASES if "expected" in case}
