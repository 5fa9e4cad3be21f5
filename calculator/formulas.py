"""Closed-form customer lifetime value (CLV) formulas, one function per quantity.

Conventions shared by all functions: arguments are keyword-only and named as
the calculator's form fields; rates (margin, churn, retention, discount rate)
are fractions (0.3 for 30 %); money is in any one currency, returned in the
same currency; inputs are checked and a bad one raises ``InputError`` naming
the argument.  Results are small frozen dataclasses with named fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inputs import (
    InputError,
    finite,
    fraction,
    fraction_below_one,
    positive,
    whole,
)


@dataclass(frozen=True)
class SimpleCLV:
    """Result of ``simple``: customer_value: money per year; clv: money."""

    customer_value: float
    clv: float


@dataclass(frozen=True)
class HistoricalCLV:
    """Result of ``historical``: clv: money."""

    clv: float


@dataclass(frozen=True)
class PredictiveCLV:
    """Result of ``predictive``: clv: money."""

    clv: float


@dataclass(frozen=True)
class ChurnCLV:
    """Result of ``churn``: lifetime: periods; clv: money."""

    lifetime: float
    clv: float


@dataclass(frozen=True)
class DiscountedCLV:
    """Result of ``discounted``: clv: money (present value at t = 0)."""

    clv: float


@dataclass(frozen=True)
class UnitEconomics:
    """Result of ``unit_economics``: cac and clv money; lifetime and payback
    periods; ltv_cac a ratio (times)."""

    cac: float
    lifetime: float
    clv: float
    ltv_cac: float
    payback: float


def simple(*, aov: float, frequency: float, lifespan: float,
           margin: float = 1.0) -> SimpleCLV:
    """Simple CLV from order value, purchase frequency and lifespan.

        customer_value = aov × frequency            (money per year)
        clv = customer_value × lifespan × margin    (money)

    Units: *aov* money per order, *frequency* orders per year, *lifespan*
    years, *margin* a fraction; the default margin 1 gives a revenue CLV.
    Convention: no discounting, no churn; averages over all customers.
    Source: the common practitioner formula (average purchase value ×
    purchase frequency × customer lifespan), e.g. Shopify and HubSpot
    guides; it is ``historical``/``predictive`` on a yearly basis.

    >>> simple(aov=75, frequency=4, lifespan=3, margin=0.3)
    SimpleCLV(customer_value=300.0, clv=270.0)
    """
    aov = positive("aov", aov)
    frequency = positive("frequency", frequency)
    lifespan = positive("lifespan", lifespan)
    margin = fraction("margin", margin)
    customer_value = aov * frequency
    return SimpleCLV(customer_value, customer_value * lifespan * margin)


def historical(*, revenue: float, margin: float) -> HistoricalCLV:
    """Historical CLV: the margin earned on a customer's past revenue.

        clv = revenue × margin

    Units: *revenue* money (sum of a customer's past purchases), *margin* a
    fraction.  Convention: past only, undiscounted, no retention.  Source:
    the usual practitioner definition of historical CLV as the gross profit
    on a customer's past purchases (Σ transactions × average gross margin).

    >>> historical(revenue=1200, margin=0.25)
    HistoricalCLV(clv=300.0)
    """
    revenue = positive("revenue", revenue)
    margin = fraction("margin", margin)
    return HistoricalCLV(revenue * margin)


def predictive(*, transactions_per_month: float, aov: float,
               gross_margin: float, lifespan_months: float) -> PredictiveCLV:
    """Predictive CLV as T × AOV × AGM × ALT.

        clv = transactions_per_month × aov × gross_margin × lifespan_months

    Units: T transactions per month, AOV money per transaction, AGM a
    fraction, ALT months; result in money.  Convention: undiscounted, all
    averages taken over the same customer group.  Source: the "predictive
    CLV" formula popularised by the KISSmetrics infographic "How to
    calculate lifetime value" and widely reproduced (its T, AOV, AGM, ALT
    notation is kept here).

    >>> predictive(transactions_per_month=2, aov=50, gross_margin=0.4,
    ...            lifespan_months=24)
    PredictiveCLV(clv=960.0)
    """
    t = positive("transactions_per_month", transactions_per_month)
    aov = positive("aov", aov)
    agm = fraction("gross_margin", gross_margin)
    alt = positive("lifespan_months", lifespan_months)
    return PredictiveCLV(t * aov * agm * alt)


def churn(*, arpa: float, margin: float, churn: float) -> ChurnCLV:
    """Churn-based (subscription) CLV.

        lifetime = 1 / churn                 (periods)
        clv = arpa × margin / churn          (money)

    Units: *arpa* money per period (average revenue per account), *margin*
    and *churn* fractions per period (month, year, ...: use one period for
    both).  Convention: a customer pays in the period they join and leaves
    with constant probability *churn* at the end of each period, so the
    number of paid periods is geometric with mean 1/churn; undiscounted.
    This counts the first margin, so it equals ``discounted`` with i = 0 and
    r = 1 − churn plus one period's margin.  Source: the standard SaaS
    formula, e.g. D. Skok, "SaaS Metrics 2.0" (forEntrepreneurs.com).

    >>> churn(arpa=100, margin=0.8, churn=0.05)
    ChurnCLV(lifetime=20.0, clv=1600.0)
    """
    arpa = positive("arpa", arpa)
    margin = fraction("margin", margin)
    c = fraction("churn", churn)
    return ChurnCLV(1 / c, arpa * margin / c)


def discounted(*, margin_per_period: float, retention: float,
               discount_rate: float, periods: int | None = None) -> DiscountedCLV:
    """Discounted CLV with constant retention (Gupta & Lehmann 2003).

        infinite horizon:  clv = m × r / (1 + i − r)
        n periods:         clv = Σ_{t=1..n} m × r^t / (1 + i)^t
                               = m × r / (1 + i − r) × (1 − q^n),  q = r / (1 + i)

    Symbols as in the paper: m = *margin_per_period* (money), r =
    *retention* per period in [0, 1), i = *discount_rate* per period (a
    fraction; 1 + i − r must be > 0), n = *periods* (None: infinite).
    r / (1 + i − r) is the paper's "margin multiple".
    Conventions: the margin is received at the end of each period, and
    retention already applies in period 1, so there is no margin at t = 0
    (an acquisition margin is not counted).  Books that count a margin at
    acquisition (t = 0) use m + m × r / (1 + i − r) = m × (1 + i) / (1 + i − r);
    add one period's margin to reconcile.
    Sources: S. Gupta and D. R. Lehmann (2003), "Customers as assets",
    Journal of Interactive Marketing 17(1); S. Gupta, D. R. Lehmann and
    J. A. Stuart (2004), "Valuing customers", Journal of Marketing Research
    41(1).  The finite sum uses the geometric-series identity above.

    >>> round(discounted(margin_per_period=100, retention=0.8,
    ...                  discount_rate=0.12).clv, 10)
    250.0
    >>> round(discounted(margin_per_period=100, retention=0.8,
    ...                  discount_rate=0.12, periods=1).clv, 10)
    71.4285714286
    """
    m = positive("margin_per_period", margin_per_period)
    r = fraction_below_one("retention", retention)
    # Any finite i is allowed (even negative); 1 + i − r > 0 is what matters.
    i = finite("discount_rate", discount_rate)
    if 1 + i - r <= 0:
        raise InputError("out_of_range", "discount_rate", value=i)
    # Gupta & Lehmann (2003), the infinite-horizon margin multiple r / (1 + i − r).
    clv = m * r / (1 + i - r)
    if periods is not None:
        n = whole("periods", periods)
        # Truncated geometric series; multiplying by (1 − q^n) ≤ 1 keeps the
        # finite value ≤ the infinite one even after rounding.
        clv *= 1 - (r / (1 + i)) ** n
    return DiscountedCLV(clv)


def unit_economics(*, arpa: float, margin: float, churn: float,
                   cac: float | None = None,
                   acquisition_spend: float | None = None,
                   new_customers: float | None = None) -> UnitEconomics:
    """CLV next to customer acquisition cost: LTV:CAC and CAC payback.

        cac = acquisition_spend / new_customers      (if cac is not given)
        lifetime = 1 / churn                         (periods)
        clv = arpa × margin / churn                  (money)
        ltv_cac = clv / cac                          (times)
        payback = cac / (arpa × margin)              (periods)

    Units: *arpa* money per period, *margin* and *churn* fractions per
    period, *cac* money per new customer.  Give *cac*, or both
    *acquisition_spend* (money) and *new_customers* (count) for the same
    time window, not both.  Conventions as in ``churn`` (undiscounted);
    payback ignores churn during the payback window.  Source: D. Skok,
    "SaaS Metrics 2.0" (LTV:CAC > 3 and payback < 12 months as rules of
    thumb).

    >>> unit_economics(arpa=100, margin=0.8, churn=0.05, cac=400)
    UnitEconomics(cac=400.0, lifetime=20.0, clv=1600.0, ltv_cac=4.0, payback=5.0)
    """
    arpa = positive("arpa", arpa)
    margin = fraction("margin", margin)
    c = fraction("churn", churn)
    cac = _acquisition_cost(cac, acquisition_spend, new_customers)
    clv = arpa * margin / c
    return UnitEconomics(cac, 1 / c, clv, clv / cac, cac / (arpa * margin))


def _acquisition_cost(cac: float | None, spend: float | None,
                      new: float | None) -> float:
    """CAC given directly, or spend / new customers: exactly one way."""
    if cac is not None:
        if spend is not None or new is not None:
            other = "acquisition_spend" if spend is not None else "new_customers"
            raise InputError("conflicting_inputs", "cac", other=other)
        return positive("cac", cac)
    if spend is None and new is None:
        raise InputError("one_of_required", "cac", other="acquisition_spend")
    if spend is None:
        raise InputError("required", "acquisition_spend")
    if new is None:
        raise InputError("required", "new_customers")
    return positive("acquisition_spend", spend) / positive("new_customers", new)

