"""The formula registry: what each formula takes and returns, and ``compute``.

Forms, the CLI and the web worker are driven by this table. A new formula
needs: its function in ``formulas.py``; an entry here; its title, labels
and units in ``messages.py``; its form in ``docs/calculator/index.md``; its
worked example in ``clvsite/examples.py`` (if a page shows one); and cases
with sources in ``tests/formulas/cases.toml`` (``test_suite_is_complete``
fails until there is a passing and an error case).
``compute`` takes data only (a formula id and a dict of values); it never
evaluates code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from . import formulas
from .counts import check_counts, parse_counts
from .inputs import InputError, finite, from_percent, parse_number, within_range
from .subscription import subscription_value

# "counts": a list of whole numbers in one field (``calculator.counts``).
Kind = Literal["money", "count", "rate", "duration", "counts"]


@dataclass(frozen=True)
class Param:
    """One input: its keyword name, kind, unit id (``messages.UNITS``), default.

    Rates are fractions in Python; forms may type them in percent.
    """
    name: str
    kind: Kind
    unit: str
    required: bool = True
    default: float | None = None


@dataclass(frozen=True)
class Output:
    """One named result with its kind and unit id ("" for none: the sBG's α and β).

    Kinds: "money", "duration", "ratio", "parameter" (a model's), "percent"
    (a fraction shown in percent).
    """
    name: str
    kind: str
    unit: str


@dataclass(frozen=True)
class FormulaSpec:
    """A formula: id, function, inputs and outputs (labels in ``messages``)."""
    id: str
    function: Callable[..., Any]
    params: tuple[Param, ...]
    outputs: tuple[Output, ...]

    def param(self, name: str) -> Param:
        """The input called *name*, else ``InputError('unknown_field')``."""
        for param in self.params:
            if param.name == name:
                return param
        raise InputError("unknown_field", name)


CLV = Output("clv", "money", "currency")
LIFETIME = Output("lifetime", "duration", "periods")

FORMULAS: dict[str, FormulaSpec] = {
    spec.id: spec for spec in (
        FormulaSpec("simple", formulas.simple, (
            Param("aov", "money", "currency_per_order"),
            Param("frequency", "count", "orders_per_year"),
            Param("lifespan", "duration", "years"),
            Param("margin", "rate", "percent", required=False, default=1.0),
        ), (Output("customer_value", "money", "currency_per_year"), CLV)),
        FormulaSpec("historical", formulas.historical, (
            Param("revenue", "money", "currency"),
            Param("margin", "rate", "percent"),
        ), (CLV,)),
        FormulaSpec("predictive", formulas.predictive, (
            Param("transactions_per_month", "count", "transactions_per_month"),
            Param("aov", "money", "currency_per_order"),
            Param("gross_margin", "rate", "percent"),
            Param("lifespan_months", "duration", "months"),
        ), (CLV,)),
        FormulaSpec("churn", formulas.churn, (
            Param("arpa", "money", "currency_per_period"),
            Param("margin", "rate", "percent"),
            Param("churn", "rate", "percent"),
        ), (LIFETIME, CLV)),
        FormulaSpec("discounted", formulas.discounted, (
            Param("margin_per_period", "money", "currency_per_period"),
            Param("retention", "rate", "percent"),
            Param("discount_rate", "rate", "percent"),
            Param("periods", "duration", "periods", required=False),
        ), (CLV,)),
        FormulaSpec("unit_economics", formulas.unit_economics, (
            Param("arpa", "money", "currency_per_period"),
            Param("margin", "rate", "percent"),
            Param("churn", "rate", "percent"),
            Param("cac", "money", "currency", required=False),
            Param("acquisition_spend", "money", "currency", required=False),
            Param("new_customers", "count", "customers", required=False),
        ), (Output("cac", "money", "currency"), LIFETIME, CLV,
            Output("ltv_cac", "ratio", "times"), Output("payback", "duration", "periods"))),
        FormulaSpec("subscription", subscription_value, (
            Param("active", "counts", "customers"),
            Param("margin_per_period", "money", "currency_per_period"),
            Param("discount_rate", "rate", "percent"),
        ), (Output("alpha", "parameter", ""), Output("beta", "parameter", ""),
            Output("next_retention", "percent", "percent"), Output("derl", "duration", "periods"),
            Output("ltv", "money", "currency"))),
    )
}


def spec_for(formula_id: str) -> FormulaSpec:
    """The spec of *formula_id*, else ``InputError('unknown_formula')``.

    >>> spec_for("simple").function.__name__
    'simple'
    """
    try:
        return FORMULAS[formula_id]
    except KeyError:
        raise InputError("unknown_formula", "formula", formula=str(formula_id)) from None


def parse_inputs(formula_id: str, raw_inputs: Mapping[str, Any],
                 locale: str = "en", *, percent_rates: bool = False) -> dict[str, Any]:
    """Turn form values into the keyword arguments of the formula.

    Strings are read with ``parse_number`` in *locale*; numbers are taken as
    they are.  Blank or missing optional inputs are left out (the function's
    default applies).  Rate inputs: "30%" always means 0.3; a bare number
    means a fraction, unless *percent_rates* (web forms) says rates are typed
    in percent, then "80" and 80 mean 0.8.

    >>> parse_inputs("churn", {"arpa": "1 200,50", "margin": "80", "churn": "5%"},
    ...              "lt", percent_rates=True)
    {'arpa': 1200.5, 'margin': 0.8, 'churn': 0.05}
    """
    spec = spec_for(formula_id)
    for name in raw_inputs:
        spec.param(name)  # rejects unknown fields
    values: dict[str, Any] = {}
    for param in spec.params:
        value = parse_input(param, raw_inputs.get(param.name), locale, percent_rates=percent_rates)
        if value is not None:
            values[param.name] = value
    return values


def parse_input(param: Param, raw: Any, locale: str = "en", *,
                percent_rates: bool = False) -> Any:
    """One form value as ``parse_inputs`` reads it; None for a blank optional input.

    Separate so that a form can report every field's error at once.  A
    "counts" input is a text (``counts.parse_counts``) or a list of numbers,
    and gives a list.

    >>> parse_input(spec_for("churn").param("margin"), "80", "en", percent_rates=True)
    0.8
    >>> parse_input(spec_for("subscription").param("active"), "1 000\\n869\\n743", "pl")
    [1000.0, 869.0, 743.0]
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if param.required:
            raise InputError("required", param.name)
        return None
    if param.kind == "counts":
        if isinstance(raw, str):
            return parse_counts(raw, locale, field=param.name)
        return check_counts(raw, param.name)
    typed_percent = isinstance(raw, str) and raw.strip().endswith("%")
    if isinstance(raw, str):
        value = parse_number(raw, locale, field=param.name)
    else:
        value = finite(param.name, raw)
    value = within_range(param.name, value)
    if param.kind == "rate":
        if typed_percent or percent_rates:
            value = from_percent(value)
    elif typed_percent:
        raise InputError("percent_not_allowed", param.name, text=raw)
    return value


def compute(formula_id: str, raw_inputs: Mapping[str, Any],
            locale: str = "en", *, percent_rates: bool = False) -> dict[str, float]:
    """Parse, check and compute one formula; results as a plain dict.

    The entry point for the web worker and the CLI: data in, data out.
    Raises ``InputError`` (see ``.as_dict()``) for any bad input.

    >>> compute("simple", {"aov": "75", "frequency": "4", "lifespan": "3",
    ...                    "margin": "30"}, "en", percent_rates=True)
    {'customer_value': 300.0, 'clv': 270.0}
    >>> compute("simple", {"aov": 75, "frequency": 4, "lifespan": 3, "margin": 0.3})
    {'customer_value': 300.0, 'clv': 270.0}
    """
    values = parse_inputs(formula_id, raw_inputs, locale, percent_rates=percent_rates)
    return evaluate(formula_id, values)


def evaluate(formula_id: str, values: Mapping[str, Any]) -> dict[str, float]:
    """Call the formula with parsed values; a result that overflows is an InputError.

    Inputs can each be finite and still multiply past the largest float
    (1e200 × 1e200); say so instead of showing "inf".

    >>> evaluate("simple", {"aov": 1e200, "frequency": 1e200, "lifespan": 1})
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: The result is too large to compute; check the numbers you entered.
    """
    results = asdict(spec_for(formula_id).function(**values))
    if not all(math.isfinite(value) for value in results.values() if isinstance(value, float)):
        raise InputError("result_not_finite")
    return results
