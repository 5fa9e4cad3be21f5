"""Customer lifetime value (CLV) formulas, standard library only.

Runs unchanged on CPython 3.11+ and in Pyodide.  Public API:

* ``calculator.formulas``: one function per CLV quantity (``simple``,
  ``historical``, ``predictive``, ``churn``, ``discounted``,
  ``unit_economics``);
* ``calculator.metrics``: the quantities around CLV (churn and retention
  rates, CAC, AOV, purchase frequency, lifespan, gross margin, ARPU, NPV,
  NPS, RFM scores, cohort retention), one function each;
* ``calculator.inputs``: ``parse_number`` and ``InputError``;
* ``calculator.registry``: ``FORMULAS`` and ``compute`` for forms and the CLI;
* ``calculator.messages``: texts for people, marked for translation.
"""

from .formulas import (
    churn,
    discounted,
    historical,
    predictive,
    simple,
    unit_economics,
)
from .inputs import InputError, parse_number
from .registry import FORMULAS, compute

__all__ = [
    "FORMULAS",
    "InputError",
    "churn",
    "compute",
    "discounted",
    "historical",
    "parse_number",
    "predictive",
    "simple",
    "unit_economics",
]
