"""Predicted CLV: the discounted sum of expected margin over a horizon.

    CLV = Σ_{k=1..K} (E[Y(t_k)] − E[Y(t_{k−1})]) · E(M) · margin / (1 + d)^k

with E[Y(t)] a purchase model's conditional expected purchases (for the
BG/NBD, FHL 2005 eq. 10),
E(M) the Gamma-Gamma expected spend, t_k = k·step (the last step ends at
the horizon) and d the discount rate *per step*.  This is the discrete form
of FHL-JMR's (2005) discounted expected residual transactions times spend.

Time units, where users of other libraries often go wrong:

* t_x, T and the fitted α are in the *model unit* (say weeks).  A horizon
  of "12 months" must be converted to weeks (12 × 30.4375 / 7 = 52.18),
  not used as 12 weeks; ``horizon_in_unit`` does it.
* A discount rate belongs to a period.  We take an **annual** rate by
  default (10 % a year) and convert it to the step's length by compounding,
  (1 + d_year)^(step days / 365.25) − 1; a rate of 0.01 meant per month is
  12.7 % a year, not 1 %.
* A month is 365.25/12 = 30.4375 days everywhere, never "30 days".

Which value is which:

* ``residual_clv``: what an existing customer is expected to bring from now
  (the end of observation) to the horizon: the *future* value.
* total lifetime value = historical value (margin already earned, not
  discounted) + residual CLV; ``analysis`` reports both per customer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..inputs import InputError
from ..transactions import UNIT_DAYS
from . import bgnbd

DEFAULT_ANNUAL_DISCOUNT_RATE = 0.10


def horizon_in_unit(horizon: float, horizon_unit: str, unit: str) -> float:
    """A duration given in *horizon_unit* expressed in *unit*.

    >>> round(horizon_in_unit(12, "month", "week"), 4)
    52.1786
    """
    for name, value in (("horizon_unit", horizon_unit), ("unit", unit)):
        if value not in UNIT_DAYS:
            raise InputError("not_one_of", name, text=str(value), choices=", ".join(UNIT_DAYS))
    return horizon * UNIT_DAYS[horizon_unit] / UNIT_DAYS[unit]


def discount_rate_per(rate: float, rate_unit: str, unit: str) -> float:
    """The compound-equivalent discount rate for one *unit*, from *rate* per *rate_unit*.

    >>> round(discount_rate_per(0.10, "year", "month"), 6)
    0.007974
    >>> round(discount_rate_per(0.01, "month", "year"), 4)
    0.1268
    """
    if not rate > -1:
        raise InputError("must_be_above_minus_one", "discount_rate", value=rate)
    return (1 + rate) ** horizon_in_unit(1, unit, rate_unit) - 1


def residual_clv(params: Any, x: int, t_x: float, T: float, *, spend: float,
                 margin: float, horizon: float, step: float, discount_rate: float,
                 expected_purchases: Callable[..., float] = bgnbd.conditional_expected_purchases,
                 ) -> float:
    """Discounted expected margin of one customer over (T, T + horizon].

    *horizon* and *step* are in the model unit, *discount_rate* is per step,
    *spend* is the expected spend per purchase (Gamma-Gamma), *margin* a
    fraction.  Cash flows are discounted at the end of each step.
    *expected_purchases* is the purchase model's E[Y(t) | x, t_x, T] (any
    ``spec.PurchaseModel``'s ``conditional_expected_purchases``), called
    with *params* first.

    >>> p = bgnbd.Params(0.243, 4.414, 0.793, 2.426)
    >>> round(residual_clv(p, 2, 30.43, 38.86, spend=25.0, margin=0.3, horizon=52.0,
    ...                    step=52.0, discount_rate=0.0), 4)
    11.6904
    """
    if horizon <= 0 or step <= 0:
        return 0.0
    steps = math.ceil(horizon / step - 1e-9)
    value = previous = 0.0
    for k in range(1, steps + 1):
        expected = expected_purchases(params, min(k * step, horizon), x, t_x, T)
        value += (expected - previous) / (1 + discount_rate) ** k
        previous = expected
    return value * spend * margin
