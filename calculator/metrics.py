"""Marketing metrics around CLV, one function per quantity.

The building blocks that the CLV formulas take as inputs (churn, retention,
average order value, purchase frequency, margin, ...) and the measures read
next to CLV (CAC, NPS, RFM scores).  Conventions as in ``formulas.py``:
keyword-only arguments named after the quantity's inputs; rates are returned
as fractions (0.04 for 4 %); counts may be non-integer averages; a bad input
raises ``InputError`` naming the argument.  Counts and money are per period;
use one period (month, quarter, year) for all inputs of one call.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from .inputs import InputError, finite, fraction, non_negative, positive, whole


@dataclass(frozen=True)
class NetPromoterScore:
    """Result of ``net_promoter_score``: the two shares (fractions of all
    responses) and the score in points from −100 to +100."""

    promoter_share: float
    detractor_share: float
    nps: float


@dataclass(frozen=True)
class RFMScores:
    """Result of ``rfm_scores``: one score (1 = worst … bins = best) per
    customer and dimension, in input order; ``cells`` joins them ("535")."""

    recency: tuple[int, ...]
    frequency: tuple[int, ...]
    monetary: tuple[int, ...]
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CohortRetention:
    """Result of ``cohort_retention``: per period t = 1, 2, …, the share of the
    cohort still active (survival) and the share of last period's customers
    kept (period-to-period retention)."""

    share_active: tuple[float, ...]
    period_retention: tuple[float, ...]


def churn_rate(*, customers_lost: float, customers_at_start: float) -> float:
    """Share of the customers at the start of a period who left during it.

        churn = customers_lost / customers_at_start

    Units: two counts for the same period; result a fraction per period.
    Convention: customers won during the period are not in the denominator,
    and those of them who leave in the same period are not counted as lost,
    so churn = 1 − retention (see ``retention_rate``).  Source: P. W. Farris,
    N. T. Bendle, P. E. Pfeifer and D. J. Reibstein (2010), *Marketing
    Metrics*, 2nd ed., ch. 5 "Customer Profitability" (retention and churn).

    >>> churn_rate(customers_lost=40, customers_at_start=1000)
    0.04
    """
    start = positive("customers_at_start", customers_at_start)
    lost = non_negative("customers_lost", customers_lost)
    _at_most("customers_lost", lost, "customers_at_start", start)
    return lost / start


def retention_rate(*, customers_at_end: float, new_customers: float,
                   customers_at_start: float) -> float:
    """Share of the customers at the start of a period still customers at its end.

        retention = (E − N) / S

    E = *customers_at_end*, N = *new_customers* won during the period, S =
    *customers_at_start*; counts for one period, result a fraction.
    Convention: E − N are the start customers who stayed, so new customers
    never raise retention; it equals 1 − ``churn_rate`` for the same period.
    Source: Farris et al. (2010), *Marketing Metrics*, 2nd ed., ch. 5
    (retention rate as the share of last period's customers kept).

    >>> retention_rate(customers_at_end=1110, new_customers=150,
    ...                customers_at_start=1000)
    0.96
    """
    start = positive("customers_at_start", customers_at_start)
    end = non_negative("customers_at_end", customers_at_end)
    new = non_negative("new_customers", new_customers)
    _at_most("new_customers", new, "customers_at_end", end)
    if end - new > start:
        raise InputError("end_above_start_plus_new", "customers_at_end", value=end)
    return (end - new) / start


def customer_acquisition_cost(*, acquisition_spend: float,
                              new_customers: float) -> float:
    """Customer acquisition cost (CAC): spend per new customer.

        cac = acquisition_spend / new_customers

    Units: *acquisition_spend* money (sales and marketing spend of a period),
    *new_customers* the count won in the same period; result money per
    customer.  Convention: which costs count (media only, or salaries and
    tools too) is a choice; state it when comparing CACs.  Source: Farris et
    al. (2010), *Marketing Metrics*, 2nd ed., ch. 5 "Acquisition Versus
    Retention Spending" (average acquisition cost); D. Skok, "SaaS Metrics
    2.0" (forEntrepreneurs.com).

    >>> customer_acquisition_cost(acquisition_spend=30000, new_customers=100)
    300.0
    """
    spend = positive("acquisition_spend", acquisition_spend)
    return spend / positive("new_customers", new_customers)


def average_order_value(*, revenue: float, orders: float) -> float:
    """Average order value (AOV): revenue per order.

        aov = revenue / orders

    Units: *revenue* money over a period, *orders* the count of orders in it;
    result money per order.  Convention: use revenue net of returns and
    taxes consistently with the margin you apply later.  Source: the
    standard definition (total revenue ÷ number of orders), as in the
    "average purchase value" factor of the simple CLV formula.

    >>> average_order_value(revenue=30000, orders=400)
    75.0
    """
    revenue = positive("revenue", revenue)
    return revenue / positive("orders", orders)


def purchase_frequency(*, orders: float, customers: float) -> float:
    """Purchase frequency: orders per customer over a period.

        frequency = orders / customers

    Units: counts over one period (a year for the simple CLV formula);
    result orders per customer per period.  Convention: *customers* are the
    unique customers who ordered in the period.  Source: the standard
    definition (number of orders ÷ number of unique customers), the
    "purchase frequency" factor of the simple CLV formula.

    >>> purchase_frequency(orders=400, customers=100)
    4.0
    """
    orders = positive("orders", orders)
    return orders / positive("customers", customers)


def customer_lifespan(*, churn: float) -> float:
    """Expected customer lifespan from a constant churn rate.

        lifespan = 1 / churn

    Units: *churn* a fraction per period; result in periods.  Convention:
    every customer leaves with the same probability *churn* each period, so
    the number of periods is geometric with mean 1/churn; mixing customers
    with different churn makes the real average lifespan longer than 1 over
    the average churn (P. S. Fader and B. G. S. Hardie (2007), "How to
    project customer retention", Journal of Interactive Marketing 21(1)).
    Source: the geometric lifetime of Farris et al. (2010), *Marketing
    Metrics*, 2nd ed., ch. 5.

    >>> customer_lifespan(churn=0.04)
    25.0
    """
    return 1 / fraction("churn", churn)


def gross_margin(*, revenue: float, cost_of_goods_sold: float) -> float:
    """Gross margin: the share of revenue left after the cost of goods sold.

        margin = (revenue − cost_of_goods_sold) / revenue

    Units: money for one period; result a fraction of revenue.  Convention:
    negative when goods are sold below cost (returned, not rejected); for
    CLV, count the costs that grow with each customer (goods, payment fees,
    service).  Source: Farris et al. (2010), *Marketing Metrics*, 2nd ed.,
    ch. 3 "Margins and Profits".

    >>> gross_margin(revenue=50000, cost_of_goods_sold=10000)
    0.8
    """
    revenue = positive("revenue", revenue)
    cost = non_negative("cost_of_goods_sold", cost_of_goods_sold)
    return (revenue - cost) / revenue


def arpu(*, revenue: float, accounts: float) -> float:
    """Average revenue per user or account (ARPU, ARPA) in a period.

        arpu = revenue / accounts

    Units: *revenue* money for one period (usually a month), *accounts* the
    average number of paying users or accounts in it; result money per
    account per period.  Convention: ARPA divides by accounts (companies),
    ARPU by users; the arithmetic is the same.  Source: D. Skok, "SaaS
    Metrics 2.0" (forEntrepreneurs.com), where ARPA feeds CLV and payback.

    >>> arpu(revenue=50000, accounts=1000)
    50.0
    """
    revenue = positive("revenue", revenue)
    return revenue / positive("accounts", accounts)


def net_present_value(*, cash_flows: Iterable[float], discount_rate: float) -> float:
    """Net present value of cash flows received at the end of periods 1, 2, …, n.

        npv = Σ_{t=1..n} cash_flows[t] / (1 + discount_rate)^t

    Units: money per period (any sign); *discount_rate* a fraction per
    period ≥ 0 (0 gives the plain sum).  Convention: the first flow is
    discounted one full period (end-of-period, as ``formulas.discounted``);
    for a flow received today, add it undiscounted.  Source: R. A. Brealey,
    S. C. Myers and F. Allen, *Principles of Corporate Finance*, ch. 2 "How
    to calculate present values".

    >>> round(net_present_value(cash_flows=[110, 121], discount_rate=0.10), 10)
    200.0
    """
    flows = _values("cash_flows", cash_flows, finite)
    i = non_negative("discount_rate", discount_rate)
    return sum(flow / (1 + i) ** t for t, flow in enumerate(flows, start=1))


def net_promoter_score(*, promoters: float, passives: float,
                       detractors: float) -> NetPromoterScore:
    """Net Promoter Score (NPS): % promoters − % detractors.

        nps = 100 × (promoters − detractors) / (promoters + passives + detractors)

    Counts of answers to "How likely is it that you would recommend [company]
    to a friend or colleague?" on a 0–10 scale: promoters answer 9–10,
    passives 7–8, detractors 0–6.  Result: shares as fractions, the score in
    points from −100 to +100 (not a percentage).  Passives count in the
    total only.  Source: F. F. Reichheld (2003), "The One Number You Need to
    Grow", Harvard Business Review 81(12).

    >>> net_promoter_score(promoters=110, passives=50, detractors=40)
    NetPromoterScore(promoter_share=0.55, detractor_share=0.2, nps=35.0)
    """
    promoters = non_negative("promoters", promoters)
    passives = non_negative("passives", passives)
    detractors = non_negative("detractors", detractors)
    total = promoters + passives + detractors
    if total == 0:
        raise InputError("all_zero", "promoters")
    return NetPromoterScore(promoters / total, detractors / total,
                            100 * (promoters - detractors) / total)


def rfm_scores(*, recency: Iterable[float], frequency: Iterable[float],
               monetary: Iterable[float], bins: int = 5) -> RFMScores:
    """Recency, frequency and monetary (RFM) scores by rank, 1 to *bins*.

        score = 1 + floor(bins × k / n)

    n customers; k = the number of customers with a strictly worse value:
    a longer time since the last purchase (*recency*, e.g. days), fewer
    purchases (*frequency*), less spend (*monetary*, money).  bins = 5
    gives quintile scores, 3 terciles; the best customer scores *bins*
    when n ≥ bins.  Ties: equal values get the same score, the one of the
    lowest rank in the tie (like SQL's RANK()), so a score group can hold
    more or fewer than n / bins customers.  Source: the quintile method of
    A. M. Hughes, *Strategic Database Marketing*; P. S. Fader, B. G. S. Hardie
    and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer
    Base Analysis", Journal of Marketing Research 42(4).

    >>> scores = rfm_scores(recency=[5, 40, 200], frequency=[12, 3, 3],
    ...                     monetary=[900, 300, 50], bins=3)
    >>> scores.cells
    ('333', '212', '111')
    """
    r = _values("recency", recency, non_negative)
    f = _values("frequency", frequency, non_negative)
    m = _values("monetary", monetary, non_negative)
    for name, values in (("frequency", f), ("monetary", m)):
        if len(values) != len(r):
            raise InputError("length_mismatch", name, other="recency")
    bins = whole("bins", bins)
    n = len(r)

    def score(values: tuple[float, ...], higher_is_better: bool) -> tuple[int, ...]:
        # k counts strictly worse customers, so ties share the lowest rank;
        # on the sorted values bisect finds k in O(log n), O(n log n) in all.
        ordered = sorted(values)
        if higher_is_better:
            worse = [bisect_left(ordered, x) for x in values]
        else:  # fewer days since the last purchase is better
            worse = [n - bisect_right(ordered, x) for x in values]
        return tuple(1 + bins * k // n for k in worse)

    recency_scores = score(r, higher_is_better=False)
    frequency_scores = score(f, higher_is_better=True)
    monetary_scores = score(m, higher_is_better=True)
    cells = tuple(f"{a}{b}{c}" for a, b, c in
                  zip(recency_scores, frequency_scores, monetary_scores))
    return RFMScores(recency_scores, frequency_scores, monetary_scores, cells)


def cohort_retention(*, customers: Iterable[float]) -> CohortRetention:
    """Survival and period-to-period retention of one cohort.

        share_active[t] = customers[t] / customers[0]
        period_retention[t] = customers[t] / customers[t − 1]

    *customers*: the cohort's size at acquisition (t = 0), then the number
    still customers after 1, 2, … periods; it cannot increase (customers
    who come back after leaving are not counted again).  Results are
    fractions for t = 1, 2, …; a period retention after the cohort has
    emptied is 0.  Source: the cohort tables of P. S. Fader and B. G. S.
    Hardie (2007), "How to project customer retention", Journal of
    Interactive Marketing 21(1), where r(t) = S(t) / S(t − 1).

    >>> cohort_retention(customers=[200, 170, 153])
    CohortRetention(share_active=(0.85, 0.765), period_retention=(0.85, 0.9))
    """
    counts = _values("customers", customers, non_negative)
    if len(counts) < 2:
        raise InputError("required", "customers")
    positive("customers", counts[0])
    for before, after in zip(counts, counts[1:]):
        if after > before:
            raise InputError("must_not_increase", "customers", value=after)
    share = tuple(c / counts[0] for c in counts[1:])
    kept = tuple(after / before if before else 0.0
                 for before, after in zip(counts, counts[1:]))
    return CohortRetention(share, kept)


def _at_most(name: str, value: float, other: str, limit: float) -> None:
    """A part cannot be larger than its whole."""
    if value > limit:
        raise InputError("exceeds", name, other=other, value=value)


def _values(name: str, values: Iterable[float], check) -> tuple[float, ...]:
    """A non-empty sequence of numbers, each passed through *check*."""
    if isinstance(values, (str, bytes)):
        raise InputError("not_a_number", name, text=str(values))
    try:
        checked = tuple(check(name, value) for value in values)
    except TypeError:
        raise InputError("not_a_number", name, text=str(values)) from None
    if not checked:
        raise InputError("required", name)
    return checked
