"""The shifted-beta-geometric (sBG) model of contractual retention.

Fader, P. S. & Hardie, B. G. S. (2007), "How to project customer retention",
Journal of Interactive Marketing 21(1), 76–90 (below: FH 2007).  Each
customer renews at the end of every period with probability 1 − θ until
they cancel (a shifted geometric lifetime); θ ~ beta(α, β) across customers.
The data are the customers of a cohort still active at the start of
periods 0, 1, …, T (n_0 acquired, n_t ≤ n_{t−1}); several cohorts, each
counted from its own start, share (α, β).

Valuation: Fader, P. S. & Hardie, B. G. S. (2010), "Customer-base valuation
in a contractual setting: the perils of ignoring heterogeneity", Marketing
Science 29(1), 85–93 (below: FH 2010): the discounted expected residual
lifetime (DERL) of a customer who has renewed n − 1 times, in periods, and
their residual lifetime value, DERL × the net cash flow per period.

The paper's "High End" cohort (1000, 869, 743, 653, 593, 551, 517, 491
active at the start of years 0–7) gives α = 0.668, β = 3.806 (FH 2007,
section 4), a case in tests/formulas/cases.toml.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import exp, log
from typing import Any, NamedTuple

from ..inputs import InputError, non_negative, positive
from . import uncertainty
from .bgnbd import hyp2f1
from .optimize import log_beta, nelder_mead
from .spec import CONTRACTUAL, RetentionModel


class Params(NamedTuple):
    """sBG parameters: the cancellation probability θ is beta(α, β)."""
    alpha: float
    beta: float


@dataclass(frozen=True)
class Fit:
    """A maximum-likelihood fit: parameters, ln L, cohorts and customers used."""
    params: Params
    log_likelihood: float
    cohorts: int
    customers: float
    evaluations: int


def churn_probability(params: Params, period: int) -> float:
    """P(T = t | α, β) = B(α + 1, β + t − 1) / B(α, β): the chance that a new
    customer's last period is t, i.e. they cancel at its end (FH 2007, sec. 3).

    >>> round(churn_probability(Params(1.0, 1.0), 1), 4)  # θ uniform: E[θ] = 1/2
    0.5
    """
    alpha, beta = params
    t = _period("period", period, 1)
    return exp(log_beta(alpha + 1, beta + t - 1) - log_beta(alpha, beta))


def survival(params: Params, period: int) -> float:
    """S(t | α, β) = B(α, β + t) / B(α, β): the share of a cohort still active
    at the start of period t, S(0) = 1 (FH 2007, sec. 3).

    >>> round(survival(Params(0.668, 3.806), 1), 4)
    0.8507
    """
    alpha, beta = params
    t = _period("period", period, 0)
    return exp(log_beta(alpha, beta + t) - log_beta(alpha, beta))


def retention_rate(params: Params, period: int) -> float:
    """r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1), t ≥ 1: the
    retention rate rises with t because the customers most likely to cancel
    leave first (FH 2007, sec. 3, the "ratchet" of heterogeneity).

    >>> round(retention_rate(Params(0.668, 3.806), 1), 4)
    0.8507
    """
    alpha, beta = params
    t = _period("period", period, 1)
    return (beta + t - 1) / (alpha + beta + t - 1)


def log_likelihood(params: Params, active: Sequence[float]) -> float:
    """ln L(α, β | n_0, …, n_T) = Σ_{t=1..T} (n_{t−1} − n_t) ln P(T = t)
    + n_T ln S(T) for one cohort (FH 2007, sec. 4): n_{t−1} − n_t customers
    cancelled after period t, n_T are still active.

    >>> round(log_likelihood(Params(0.668, 3.806), [1000, 869, 743, 653, 593, 551, 517, 491]), 1)
    -1611.2
    """
    alpha, beta = params
    counts = _cohort(active)
    total = 0.0
    # P(T = 1) = α/(α+β), P(T = t) = P(T = t−1)(β+t−2)/(α+β+t−1) (FH 2007's
    # recursion), S(t) = S(t−1) − P(T = t), all in one pass.
    p = alpha / (alpha + beta)
    s = 1.0
    for t in range(1, len(counts)):
        if t > 1:
            p *= (beta + t - 2) / (alpha + beta + t - 1)
        s -= p
        lost = counts[t - 1] - counts[t]
        if lost:
            total += lost * log(p)
    if counts[-1]:
        # S(T) from the beta functions: the running difference loses digits.
        total += counts[-1] * (log_beta(alpha, beta + len(counts) - 1) - log_beta(alpha, beta))
    return total


def fit(cohorts: Iterable[Sequence[float]], max_iterations: int = 5000) -> Fit:
    """Maximum-likelihood (α, β) from one or more cohorts' active counts.

    Nelder–Mead on (ln α, ln β).  Raises ``InputError`` for a cohort that is
    not a non-increasing list of at least two counts starting above 0, and
    ``not_enough_renewals`` when nobody cancelled or nobody renewed (the
    likelihood then has no maximum: α/β runs to 0 or to infinity).
    """
    data = [_cohort(c) for c in cohorts]
    if not data:
        raise InputError("required", "active")
    lost = sum(c[0] - c[-1] for c in data)
    kept = sum(c[1] for c in data)
    if lost <= 0 or kept <= 0:
        raise InputError("not_enough_renewals", "sbg")
    customers = sum(c[0] for c in data)
    evaluations = 0

    def objective(theta: list[float]) -> float:
        nonlocal evaluations
        evaluations += 1
        try:
            params = Params(exp(theta[0]), exp(theta[1]))
            return -sum(log_likelihood(params, c) for c in data) / customers
        except (OverflowError, ZeroDivisionError):
            return math.inf
        except ValueError:  # log of a probability that underflowed to 0
            return math.inf

    best = nelder_mead(objective, [0.0, 0.0], max_iterations=max_iterations, bound=15.0,
                       name="sbg")
    params = Params(*map(exp, best.x))
    return Fit(params, sum(log_likelihood(params, c) for c in data), len(data), customers,
               best.evaluations)


def discounted_expected_residual_lifetime(params: Params, renewals: int,
                                          discount_rate: float) -> float:
    """DERL(d | α, β, n − 1 renewals) of FH 2010, n − 1 = *renewals*:

        Σ_{t≥n} S(t) / S(n − 1) / (1 + d)^{t−n}
        = B(α, β + n) / B(α, β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)),

    the expected number of further periods (renewals) of a customer active
    now who has renewed n − 1 times, each discounted at *discount_rate* per
    period, the coming renewal undiscounted (its payment is due now).  The
    first factor is r(n), the retention rate of the coming period.

    >>> p = Params(0.668, 3.806)
    >>> direct = sum(survival(p, t) / survival(p, 4) / 1.1 ** (t - 5) for t in range(5, 3000))
    >>> round(discounted_expected_residual_lifetime(p, 4, 0.1), 6) == round(direct, 6)
    True
    """
    alpha, beta = params
    n = _period("renewals", renewals, 0) + 1
    d = positive("discount_rate", discount_rate)
    try:
        series = hyp2f1(1.0, beta + n, alpha + beta + n, 1 / (1 + d))
    except InputError:  # terms shrink like (1 + d)^−k: a million of them and still not done
        raise InputError("out_of_range", "discount_rate", value=d) from None
    return retention_rate(params, n) * series


def project(*, active: Sequence[Sequence[float]], margin: float = 1.0,
            discount_rate: float = 0.1, periods: int = 0) -> dict[str, Any]:
    """Fit the sBG to cohorts and value the customers still active.

    *active*: one list of counts per cohort (customers active at the start
    of periods 0, 1, …); *margin*: net cash flow per customer and period
    (money); *discount_rate*: per period; *periods*: how far to project the
    retention curve past the longest cohort.  Returns the fit (with standard
    errors from the observed information), per period
    the actual (all cohorts pooled, as a share of those observed that long)
    and fitted survival and retention, and per cohort the survivors' DERL,
    their lifetime value margin × DERL (FH 2010) and the cohort's residual
    value; ``total_residual_value`` sums the cohorts.

    >>> r = project(active=[[1000, 869, 743, 653, 593, 551, 517, 491]], margin=100)
    >>> round(r["alpha"], 3), round(r["beta"], 3)
    (0.668, 3.806)
    """
    cohorts = [_cohort(c) for c in active]
    margin = non_negative("margin", margin)
    positive("discount_rate", discount_rate)
    extra = _period("periods", periods, 0)
    result = fit(cohorts)
    params = result.params
    longest = max(len(c) for c in cohorts)
    curve = []
    for t in range(longest + extra):
        observed = [c for c in cohorts if len(c) > t]
        actual = (math.fsum(c[t] for c in observed) / math.fsum(c[0] for c in observed)
                  if observed else None)
        curve.append({"period": t, "actual": actual, "fitted": survival(params, t),
                      "retention": retention_rate(params, t) if t else None})
    valued = []
    for c in cohorts:
        renewals = len(c) - 1
        derl = discounted_expected_residual_lifetime(params, renewals, discount_rate)
        valued.append({"customers": c[0], "active": c[-1], "renewals": renewals,
                       "derl": derl, "lifetime_value": margin * derl,
                       "residual_value": c[-1] * margin * derl})
    # A new customer's discounted expected lifetime (FH 2010's DEL, Σ_{t≥0} S(t)/(1+d)^t)
    # is the first period plus the DERL of 0 renewals one period later.
    new_derl = discounted_expected_residual_lifetime(params, 0, discount_rate)
    new_del = 1 + new_derl / (1 + discount_rate)
    # Standard errors from the observed information (``uncertainty``).
    errors = uncertainty.standard_errors(
        lambda p: math.fsum(log_likelihood(Params(*p), c) for c in cohorts), params)
    return {"alpha": params.alpha, "beta": params.beta, "log_likelihood": result.log_likelihood,
            "standard_errors": None if errors is None else dict(zip(Params._fields, errors)),
            "customers": result.customers, "margin": margin, "discount_rate": discount_rate,
            "curve": curve, "cohorts": valued,
            "new_customer_del": new_del, "new_customer_value": margin * new_del,
            "total_residual_value": math.fsum(v["residual_value"] for v in valued)}


def _period(name: str, value: Any, least: int) -> int:
    """A whole number of periods, at least *least*."""
    number = non_negative(name, value)
    if number != int(number) or number < least:
        raise InputError("must_be_whole", name, value=number)
    return int(number)


def _cohort(active: Sequence[float]) -> list[float]:
    """Counts of one cohort: at least two, non-negative, non-increasing, first > 0."""
    if isinstance(active, (str, bytes)):
        raise InputError("not_a_number", "active", text=str(active))
    counts = [non_negative("active", n) for n in active]
    if len(counts) < 2:
        raise InputError("required", "active")
    positive("active", counts[0])
    for before, after in zip(counts, counts[1:]):
        if after > before:
            raise InputError("must_not_increase", "active", value=after)
    return counts


MODEL = RetentionModel(
    id="sbg", name="sBG", setting=CONTRACTUAL,
    reference="Fader & Hardie (2007), Journal of Interactive Marketing 21(1), 76-90",
    params=Params, fit=fit, survival=survival,
    discounted_expected_residual_lifetime=discounted_expected_residual_lifetime)
