"""The worked examples of the glossary, computed by calculator/ at build time.

Pages show these numbers through Jinja (``{{ example.simple.clv | money }}``);
no number of a worked example is ever typed into the prose.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from calculator import formulas, messages
from calculator.registry import FORMULAS

# The inputs of each worked example; the outputs come from calculator/.
SIMPLE = dict(aov=75.0, frequency=4.0, lifespan=3.0, margin=0.30)
HISTORICAL_ORDERS = (180.0, 320.0, 95.0, 410.0, 235.0)
HISTORICAL_MARGIN = 0.35
PREDICTIVE = dict(transactions_per_month=1.5, aov=60.0, gross_margin=0.40, lifespan_months=24.0)
CHURN = dict(arpa=50.0, margin=0.80, churn=0.04)
DISCOUNTED = dict(margin_per_period=100.0, retention=0.80, discount_rate=0.10)
DISCOUNTED_PERIODS = 5
UNIT_ECONOMICS = dict(arpa=50.0, margin=0.80, churn=0.04, cac=300.0)


def example_inputs() -> dict[str, dict[str, float]]:
    """The inputs of each worked example, keyed by formula id (they prefill the calculator)."""
    return {
        "simple": SIMPLE,
        "historical": {"revenue": sum(HISTORICAL_ORDERS), "margin": HISTORICAL_MARGIN},
        "predictive": PREDICTIVE,
        "churn": CHURN,
        "discounted": DISCOUNTED,
        "unit_economics": UNIT_ECONOMICS,
    }


def worked_examples() -> dict[str, dict[str, Any]]:
    """Inputs and results of every worked example, keyed by formula id."""
    historical_inputs = dict(revenue=sum(HISTORICAL_ORDERS), margin=HISTORICAL_MARGIN)
    simple = formulas.simple(**SIMPLE)
    return {
        "simple": {**SIMPLE, **asdict(simple),
                   "revenue": formulas.simple(**{**SIMPLE, "margin": 1.0}).clv},
        "historical": {**historical_inputs, "orders": HISTORICAL_ORDERS,
                       "order_count": len(HISTORICAL_ORDERS), **asdict(formulas.historical(**historical_inputs))},
        "predictive": {**PREDICTIVE, **asdict(formulas.predictive(**PREDICTIVE))},
        "churn": {**CHURN, **asdict(formulas.churn(**CHURN))},
        "discounted": {**DISCOUNTED, **asdict(formulas.discounted(**DISCOUNTED)),
                       "periods": DISCOUNTED_PERIODS,
                       "clv_finite": formulas.discounted(**DISCOUNTED, periods=DISCOUNTED_PERIODS).clv,
                       "clv_undiscounted": formulas.discounted(**{**DISCOUNTED, "discount_rate": 0.0}).clv},
        "unit_economics": {**UNIT_ECONOMICS, **asdict(formulas.unit_economics(**UNIT_ECONOMICS))},
    }


def calculator_query(formula_id: str) -> str:
    """The query string that opens the calculator with a worked example filled in.

    Rates travel in percent, as they are typed in the forms (DESIGN.md).
    """
    rates = {param.name for param in FORMULAS[formula_id].params if param.kind == "rate"}
    values = {name: round(value * 100, 10) if name in rates else value
              for name, value in example_inputs()[formula_id].items()}
    return urlencode({"formula": formula_id, **{k: repr(v).removesuffix(".0") for k, v in values.items()}})


def page_context() -> dict[str, Any]:
    """What every page template may use: worked examples and the calculator's tables."""
    return {
        "example": worked_examples(),
        "example_inputs": example_inputs(),
        "formulas": FORMULAS,
        "calculator_query": calculator_query,
        "titles": messages.TITLES,
        "labels": messages.LABELS,
        "units": messages.UNITS,
        # Every text the worker may need to translate: error templates and labels.
        "calculator_msgids": sorted({*messages.MESSAGES.values(), *messages.LABELS.values()}),
    }
