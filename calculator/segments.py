"""Customer segments from the probability of being alive and the value so far.

The rule, applied in this order to each customer of an analysis
(``calculator.analysis.analyze`` results):

1. **new**: the first purchase lies in the last quarter of the observation
   window (age T ≤ ¼ of the oldest customer's T). Too young to judge:
   in BG/NBD a one-time buyer has P(alive) = 1 whatever their age.
2. **lost**: P(alive) < 0.3, the model gives them less than a 30 % chance
   of still buying.
3. **best**: valuable (historical CLV in the top 20 % of the customers not
   new) and P(alive) ≥ 0.7.
4. **at_risk**: valuable but going quiet, 0.3 ≤ P(alive) < 0.7: the
   customers worth a win-back offer first.
5. **regular**: everyone else.

The thresholds are conventions for a first look, not estimates; they are
constants here so that the page, the CSV and the tests use the same ones.
P(alive) is Fader, Hardie & Lee (2005), equation (11).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["SEGMENTS", "segment_of", "segments", "value_threshold"]

SEGMENTS = ("best", "at_risk", "new", "regular", "lost")
NEW_AGE_SHARE = 0.25
LOST_BELOW = 0.3
ACTIVE_FROM = 0.7
VALUABLE_SHARE = 0.2


def value_threshold(customers: Sequence[dict[str, Any]]) -> float:
    """The historical CLV from which a customer counts as valuable (top 20 % of those not new).

    The lowest value among the top ``VALUABLE_SHARE`` (at least one customer).

    >>> value_threshold([{"historical_clv": v, "T": 10.0} for v in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)])
    9
    """
    oldest = max((c["T"] for c in customers), default=0.0)
    judged = sorted((c["historical_clv"] for c in customers if not _is_new(c, oldest)), reverse=True)
    if not judged:
        return math.inf
    return judged[max(1, math.floor(len(judged) * VALUABLE_SHARE)) - 1]


def _is_new(customer: dict[str, Any], oldest: float) -> bool:
    return customer["T"] <= NEW_AGE_SHARE * oldest


def segment_of(customer: dict[str, Any], *, oldest: float, threshold: float) -> str:
    """The segment id of one customer (see the module docstring for the rule).

    >>> c = {"T": 40.0, "p_alive": 0.5, "historical_clv": 900.0}
    >>> segment_of(c, oldest=50.0, threshold=800.0), segment_of(c, oldest=50.0, threshold=1000.0)
    ('at_risk', 'regular')
    >>> segment_of({**c, "T": 10.0}, oldest=50.0, threshold=800.0)
    'new'
    """
    if _is_new(customer, oldest):
        return "new"
    if customer["p_alive"] < LOST_BELOW:
        return "lost"
    if customer["historical_clv"] >= threshold:
        return "best" if customer["p_alive"] >= ACTIVE_FROM else "at_risk"
    return "regular"


def segments(customers: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The customers of each segment, in ``SEGMENTS`` order (empty lists kept).

    Needs the models' ``p_alive``; customers are the analysis' result rows.

    >>> rows = [{"customer_id": i, "T": T, "p_alive": p, "historical_clv": v}
    ...         for i, (T, p, v) in enumerate([(50, .9, 500), (48, .5, 400), (5, 1, 10), (40, .2, 30), (45, .8, 20)])]
    >>> {name: [c["customer_id"] for c in group] for name, group in segments(rows).items()}
    {'best': [0], 'at_risk': [], 'new': [2], 'regular': [1, 4], 'lost': [3]}
    """
    oldest = max((c["T"] for c in customers), default=0.0)
    threshold = value_threshold(customers)
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in SEGMENTS}
    for customer in customers:
        groups[segment_of(customer, oldest=oldest, threshold=threshold)].append(customer)
    return groups
