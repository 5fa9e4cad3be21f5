"""The subscription form: the sBG model fitted to one cohort's active counts.

The model is ``calculator.models.sbg`` (Fader & Hardie 2007, "How to
project customer retention", Journal of Interactive Marketing 21(1)); the
value is FH 2010's ("Customer-base valuation in a contractual setting",
Marketing Science 29(1)) discounted expected residual lifetime (DERL) of a
customer still active at the last count, times the margin per period.
The counts are n_0, n_1, …, n_T: customers active at the start of periods
0 … T, so those active now have renewed T times.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .counts import check_counts
from .display import format_number
from .inputs import positive, to_percent
from .models import sbg

__all__ = ["SubscriptionValue", "subscription_value", "retention_curve", "retention_view",
           "PROJECTED_PERIODS"]

# The chart goes on past the last count, so the fitted curve shows where
# the cohort is heading: half as far again as observed, at least 3 periods.
PROJECTED_PERIODS = 3


@dataclass(frozen=True)
class SubscriptionValue:
    """sBG parameters, the coming period's retention rate, DERL (periods) and LTV (money)."""
    alpha: float
    beta: float
    next_retention: float
    derl: float
    ltv: float


def subscription_value(*, active: Sequence[float], margin_per_period: float,
                       discount_rate: float) -> SubscriptionValue:
    """Fit (α, β) to *active* and value a customer active at its last count.

    next_retention = r(T + 1) = (β + T) / (α + β + T) (FH 2007, sec. 3);
    derl = DERL(d | α, β, T renewals) (FH 2010; ``sbg``), the coming period
    undiscounted; ltv = margin_per_period × derl (FH 2010, residual
    lifetime value).  *discount_rate* is per period, as a fraction.

    >>> v = subscription_value(active=[1000, 869, 743, 653, 593, 551, 517, 491],
    ...                        margin_per_period=100, discount_rate=0.1)
    >>> round(v.alpha, 3), round(v.beta, 3), round(v.next_retention, 4)
    (0.668, 3.806, 0.9418)
    """
    counts = check_counts(active)
    margin = positive("margin_per_period", margin_per_period)
    rate = positive("discount_rate", discount_rate)
    params = sbg.fit([counts]).params
    renewals = len(counts) - 1
    derl = sbg.discounted_expected_residual_lifetime(params, renewals, rate)
    return SubscriptionValue(alpha=params.alpha, beta=params.beta,
                             next_retention=sbg.retention_rate(params, renewals + 1),
                             derl=derl, ltv=margin * derl)


def retention_curve(active: Sequence[float], alpha: float, beta: float) -> list[dict[str, Any]]:
    """Per period t: the share still active, actual n_t / n_0 (None past the
    counts) and fitted S(t | α, β) (FH 2007, sec. 3), from period 0 to the
    last count plus ``PROJECTED_PERIODS`` or half as many periods again.

    >>> [(row["period"], row["actual"], round(row["fitted"], 4)) for row in retention_curve([4, 2, 1], 1, 1)][:4]
    [(0, 1.0, 1.0), (1, 0.5, 0.5), (2, 0.25, 0.3333), (3, None, 0.25)]
    """
    params = sbg.Params(alpha, beta)
    periods = len(active) + max(PROJECTED_PERIODS, len(active) // 2)
    return [{"period": t, "actual": active[t] / active[0] if t < len(active) else None,
             "fitted": sbg.survival(params, t)} for t in range(periods)]


def retention_view(active: Sequence[float], results: Mapping[str, float], locale: str,
                   ticks: Callable[..., list[dict[str, Any]]]) -> dict[str, Any]:
    """The form's chart and its table: ``retention_curve`` in percent, as texts of *locale*.

    *ticks* gives the x axis' ticks (``calculator.web``'s, as the other charts').

    >>> view = retention_view([4, 2, 1], {"alpha": 1, "beta": 1}, "lt", lambda top, locale, whole: [])
    >>> view["rows"][2], view["rows"][3]
    (['2', '25,0', '33,3'], ['3', '–', '25,0'])
    """
    curve = retention_curve(active, results["alpha"], results["beta"])

    def percent(share: float | None) -> dict[str, Any] | None:
        return None if share is None else {"value": share, "text": format_number(to_percent(share), locale, 1)}

    return {"periods": [row["period"] for row in curve],
            "actual": [percent(row["actual"]) for row in curve],
            "fitted": [percent(row["fitted"]) for row in curve],
            # Shares run from 0 to 100 %, whatever the counts.
            "y_ticks": [{"value": k / 4, "text": format_number(25 * k, locale, 0)} for k in range(5)],
            "x_ticks": ticks(len(curve) - 1, locale, whole=True),
            "rows": [[format_number(row["period"], locale, 0), (percent(row["actual"]) or {"text": "–"})["text"],
                      percent(row["fitted"])["text"]] for row in curve]}
