"""Customer lifetime value (CLV) formulas, standard library only.

Runs unchanged on CPython 3.11+ and in Pyodide.  Public API:

* ``calculator.formulas``: one function per CLV quantity (``simple``,
  ``historical``, ``predictive``, ``churn``, ``discounted``,
  ``unit_economics``);
* ``calculator.metrics``: the quantities around CLV (churn and retention
  rates, CAC, AOV, purchase frequency, lifespan, gross margin, ARPU, NPV,
  NPS, RFM scores, cohort retention), one function each;
* ``calculator.inputs``: ``parse_number`` and the checks of single values;
  ``calculator.counts``: a list of customer counts typed in one field;
* ``calculator.subscription``: the subscription form, the sBG model
  (``models.sbg``) fitted to one cohort's active counts, DERL and LTV;
* ``calculator.errors``: ``CalculatorError`` and under it ``InputError``
  (fix the input) and ``ModelError`` (a model cannot be fitted);
* ``calculator.registry``: ``FORMULAS`` and ``compute`` for forms and the CLI;
* ``calculator.analysis``: predictive CLV from a transaction log
  (``transactions`` reads it, ``customers`` summarises it, ``models`` fits
  BG/NBD and Gamma-Gamma); ``tracking`` draws the tracking plot's series;
* ``calculator.web`` and ``calculator.your_data_view``: the entry points the
  browser's worker calls (calculator forms; the "your data" page);
  ``calculator.cli`` and ``calculator.analyze_cli``: ``python -m calculator``;
* ``calculator.messages``: texts for people, marked for translation;
  ``calculator.display``: numbers formatted with CLDR symbols.
"""

from .errors import CalculatorError, InputError, ModelError
from .formulas import (
    churn,
    discounted,
    historical,
    predictive,
    simple,
    unit_economics,
)
from .inputs import parse_number
from .registry import FORMULAS, compute

__all__ = [
    "FORMULAS",
    "CalculatorError",
    "InputError",
    "ModelError",
    "churn",
    "compute",
    "discounted",
    "historical",
    "parse_number",
    "predictive",
    "simple",
    "unit_economics",
]
