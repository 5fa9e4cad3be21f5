"""What-if views of a calculator form: CLV as churn (or retention) and margin move,
the cumulative margin over a customer's life, and how to read the ratios.

Every number comes from the form's own formula (``registry.evaluate``), so the
views can never disagree with the result above them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .inputs import InputError
from .registry import evaluate

__all__ = ["WHAT_IF", "sensitivity", "cumulative_margin", "ltv_cac_band", "payback_band"]

# Per form: the rate that moves down the rows (churn or retention) and the margin field.
WHAT_IF = {
    "churn": ("churn", "margin"),
    "unit_economics": ("churn", "margin"),
    "discounted": ("retention", None),
    "simple": (None, "margin"),
}
# Steps in percentage points around the typed value.
ROW_STEPS = (-0.02, -0.01, 0.0, 0.01, 0.02)
COLUMN_STEPS = (-0.05, 0.0, 0.05)
# The cumulative chart stops here, or once 99 % of the lifetime value is reached.
MAX_PERIODS = 120
SHARE_SHOWN = 0.99


def sensitivity(formula_id: str, values: Mapping[str, float]) -> dict | None:
    """CLV for the typed values with the rate and the margin a few points up and down.

    Rows move the churn (or retention) rate by ``ROW_STEPS``, columns the
    margin by ``COLUMN_STEPS``; combinations the formula refuses (a churn of
    0 %, a margin above 100 %) are left out. None for forms without such fields.

    >>> view = sensitivity("churn", {"arpa": 100.0, "margin": 0.8, "churn": 0.05})
    >>> view["rows"], view["columns"]
    ([0.03, 0.04, 0.05, 0.06, 0.07], [0.75, 0.8, 0.85])
    >>> [round(clv) for clv in view["clv"][2]], view["current"]
    ([1500, 1600, 1700], [2, 1])
    >>> sensitivity("discounted", {"margin_per_period": 100.0, "retention": 0.0, "discount_rate": 0.1})["rows"]
    [0.0, 0.01, 0.02]
    """
    # A field left empty (the simple form's optional margin) does not move.
    row_field, column_field = (field if field in values else None for field in WHAT_IF.get(formula_id, (None, None)))
    if row_field is None and column_field is None:
        return None
    rows = _around(values, row_field, ROW_STEPS)
    columns = _around(values, column_field, COLUMN_STEPS)
    table = []
    for row in rows:
        line = []
        for column in columns:
            changed = {**values}
            if row_field:
                changed[row_field] = row
            if column_field:
                changed[column_field] = column
            try:
                line.append(evaluate(formula_id, changed)["clv"])
            except InputError:
                line.append(None)
        table.append(line)
    keep = [i for i, line in enumerate(table) if any(v is not None for v in line)]
    rows = [rows[i] for i in keep]
    # Where the typed values are (step 0 of each).
    current = [rows.index(round(values[row_field], 10)) if row_field else 0,
               columns.index(round(values[column_field], 10)) if column_field else 0]
    return {"row_field": row_field, "column_field": column_field,
            "rows": rows, "columns": columns, "clv": [table[i] for i in keep], "current": current}


def _around(values: Mapping[str, float], field: str | None, steps: tuple[float, ...]) -> list[float | None]:
    if field is None:
        return [None]
    # The typed value itself always stays (a retention of 0 is valid), its neighbours only within (0, 1].
    return [round(values[field] + step, 10) for step in steps if step == 0 or 0 < values[field] + step <= 1]


def cumulative_margin(formula_id: str, values: Mapping[str, float]) -> list[float] | None:
    """The expected margin of one customer summed period by period (discounted where the form is).

    discounted (Gupta & Lehmann 2003): Σ_{t=1..n} m r^t / (1 + i)^t;
    churn: Σ_{t=0..n-1} arpa × margin × (1 − churn)^t (paid in the first
    period, undiscounted), as in ``formulas.churn``. Up to the form's number
    of periods, else until ``SHARE_SHOWN`` of the lifetime value (at most
    ``MAX_PERIODS``). The last value tends to the form's CLV.

    >>> [round(v, 2) for v in cumulative_margin("discounted", {"margin_per_period": 100, "retention": 0.8,
    ...                                                          "discount_rate": 0.12, "periods": 3})]
    [71.43, 122.45, 158.89]
    >>> cumulative_margin("churn", {"arpa": 100, "margin": 0.8, "churn": 0.5})[:3]
    [80.0, 120.0, 140.0]
    """
    if formula_id == "discounted":
        m, r, i = values["margin_per_period"], values["retention"], values["discount_rate"]
        first, ratio = m * r / (1 + i), r / (1 + i)
        periods = values.get("periods")
    elif formula_id == "churn":
        first, ratio = values["arpa"] * values["margin"], 1 - values["churn"]
        periods = None
    else:
        return None
    total = first / (1 - ratio) if ratio < 1 else math.inf
    sums, running, term = [], 0.0, first
    for _ in range(int(periods) if periods else MAX_PERIODS):
        running += term
        sums.append(running)
        term *= ratio
        if not periods and running >= SHARE_SHOWN * total:
            break
    return sums


def ltv_cac_band(ratio: float) -> str:
    """How the LTV:CAC ratio reads against the common 3:1 benchmark (D. Skok, "SaaS Metrics 2.0").

    >>> [ltv_cac_band(r) for r in (0.8, 2, 3, 6)]
    ['below_one', 'below_three', 'healthy', 'very_high']
    """
    if ratio < 1:
        return "below_one"
    if ratio < 3:
        return "below_three"
    return "healthy" if ratio <= 5 else "very_high"


def payback_band(periods: float) -> str:
    """CAC payback against Skok's rule of thumb: recover CAC within 12 months.

    The form's period is the user's (often a month); the text says so.

    >>> [payback_band(p) for p in (6, 12, 30)]
    ['within_twelve', 'within_twelve', 'beyond_twelve']
    """
    return "within_twelve" if periods <= 12 else "beyond_twelve"
