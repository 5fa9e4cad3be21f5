"""The registry describes the functions exactly; compute() is data in, data out."""

import dataclasses
import inspect
import typing

import pytest

from calculator import FORMULAS, InputError, compute
from calculator.registry import parse_inputs


@pytest.mark.parametrize("spec", FORMULAS.values(), ids=list(FORMULAS))
def test_spec_matches_function(spec):
    signature = inspect.signature(spec.function)
    assert all(p.kind is p.KEYWORD_ONLY for p in signature.parameters.values())
    assert [p.name for p in spec.params] == list(signature.parameters)
    for param in spec.params:
        default = signature.parameters[param.name].default
        assert param.required == (default is inspect.Parameter.empty)
        if not param.required:
            assert param.default == default
    result_type = typing.get_type_hints(spec.function)["return"]
    assert [o.name for o in spec.outputs] == [f.name for f in dataclasses.fields(result_type)]


def test_rates_typed_in_percent_or_as_fractions():
    raw = {"revenue": "100", "margin": "30"}
    assert parse_inputs("historical", raw, percent_rates=True)["margin"] == 0.3
    assert parse_inputs("historical", {**raw, "margin": "30%"})["margin"] == 0.3
    assert parse_inputs("historical", {**raw, "margin": "0.3"})["margin"] == 0.3


def test_error_as_data():
    with pytest.raises(InputError) as caught:
        compute("churn", {"arpa": "100", "margin": "80", "churn": "0"}, percent_rates=True)
    assert caught.value.as_dict() == {"code": "must_be_fraction", "field": "churn",
                                      "values": {"value": 0.0}}


@pytest.mark.parametrize("text", ["7*6", "40+2", "0x2A"])
def test_input_values_are_never_evaluated(text):
    # Each would be 42 if evaluated as Python, and then compute() would succeed.
    with pytest.raises(InputError) as caught:
        compute("historical", {"revenue": text, "margin": "0.3"})
    assert caught.value.code == "not_a_number"
    assert caught.value.values == {"text": text}
