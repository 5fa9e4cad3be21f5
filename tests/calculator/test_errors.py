"""Errors with a shape: every bad request to the worker's entry points is an
``{"error": ...}`` answer, and a bug stays a bug (it is never turned into a
message or into infinity)."""

from __future__ import annotations

import pytest

from calculator import CalculatorError, InputError, ModelError
from calculator.models import bgnbd, gamma_gamma, mbgnbd, pareto_nbd
from calculator.models.histories import mean_objective, mean_with_gradient
from calculator.web import calculate, localize_inputs
from calculator.your_data_view import analyze_for_page

SIMPLE = {"aov": "75", "frequency": "4", "lifespan": "3", "margin": "30"}
LOG = b"customer,date,amount\na,2024-01-01,10\na,2024-02-01,20\nb,2024-01-10,15\n"


def test_the_error_types_nest():
    assert issubclass(InputError, CalculatorError) and issubclass(ModelError, CalculatorError)
    assert not issubclass(ModelError, InputError)
    assert issubclass(InputError, ValueError)  # as before calculator/errors.py


@pytest.mark.parametrize(("formula", "locale", "code", "field"), [
    ("no-such-formula", "en", "unknown_formula", "formula"),
    ("simple", "xx", "unsupported_locale", "locale"),
    ("simple", "", "unsupported_locale", "locale"),
])
def test_calculate_answers_a_bad_request_with_an_error(formula, locale, code, field):
    answer = calculate(formula, SIMPLE, locale)
    # No results: the first error, and the list of every field's error (one here).
    assert set(answer) == {"error", "errors"} and answer["errors"] == [answer["error"]]
    assert (answer["error"]["code"], answer["error"]["field"]) == (code, field)


def test_calculate_translates_the_error_through_the_page_catalog():
    template = "%(field)s: there are no number formats for the language “%(locale)s”; use one of %(choices)s."
    answer = calculate("simple", SIMPLE, "xx", {template: "[%(locale)s]"})
    assert answer["error"]["message"] == "[xx]"


@pytest.mark.parametrize(("formula", "locale", "code"), [
    ("no-such-formula", "en", "unknown_formula"), ("simple", "xx", "unsupported_locale")])
def test_localize_inputs_answers_a_bad_request_with_an_error(formula, locale, code):
    assert localize_inputs(formula, {"aov": "1"}, locale)["error"]["code"] == code


@pytest.mark.parametrize(("options", "locale", "code", "field"), [
    ({"margin": "50"}, "xx", "unsupported_locale", "locale"),
    ({"margin": "fifty"}, "en", "not_a_number", "margin"),
    ({"unit": "fortnight"}, "en", "not_one_of", "unit"),
])
def test_analyze_for_page_answers_a_bad_request_with_an_error(options, locale, code, field):
    answer = analyze_for_page(LOG, options, locale).answer()
    assert set(answer) == {"error"}
    assert (answer["error"]["code"], answer["error"]["field"]) == (code, field)


class _Broken:
    """A likelihood (and gradient) with a bug in it."""

    n = 1

    def log_likelihood(self, params):
        raise ValueError("a bug, not a point outside the model")

    gradient = log_likelihood


def _objective(module, theta):
    """The fit's mean negative ln L of module on a broken likelihood."""
    if module is gamma_gamma:
        return gamma_gamma._objective(_Broken(), theta[:3])
    return mean_objective(_Broken().log_likelihood, module.Params, 1)(theta)


MODELS = [bgnbd, mbgnbd, pareto_nbd, gamma_gamma]


@pytest.mark.parametrize("module", MODELS)
def test_a_bug_in_the_likelihood_is_not_turned_into_infinity(module):
    with pytest.raises(ValueError, match="a bug"):
        _objective(module, [0.0, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("module", [bgnbd, mbgnbd])
def test_a_bug_in_the_gradient_is_not_turned_into_infinity(module):
    with pytest.raises(ValueError, match="a bug"):
        mean_with_gradient(_Broken().gradient, module.Params, 1)([0.0, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("module", MODELS)
def test_a_parameter_that_underflows_is_outside_the_model(module):
    # e^-800 is 0.0 in floating point: the likelihood is undefined there, not a bug.
    assert _objective(module, [-800.0, 0.0, 0.0, 0.0]) == float("inf")
    if module in (bgnbd, mbgnbd):  # the two with an analytic gradient
        value, gradient = mean_with_gradient(_Broken().gradient, module.Params, 1)([-800.0, 0.0, 0.0, 0.0])
        assert value == float("inf") and gradient == [0.0] * 4


@pytest.mark.parametrize("module", MODELS)
def test_a_parameter_that_overflows_is_outside_the_model(module):
    # e^800 overflows: OverflowError, the one exception a valid point can raise.
    assert _objective(module, [0.0, 800.0, 0.0, 0.0]) == float("inf")


def test_sorting_by_a_column_that_does_not_exist_is_an_error_answer():
    page = analyze_for_page(LOG, {"models": False}, "en")
    assert page.table("no_such_column")["error"]["code"] == "unknown_field"
    assert "rows" in page.table("customer_id")


def test_the_table_of_a_failed_analysis_is_its_error():
    page = analyze_for_page(LOG, {"margin": "fifty"}, "en")
    assert page.table("clv") == page.answer() == {"error": page.error}
