"""The Gamma-Gamma model of spend per transaction: likelihood, fit, prediction.

Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), "RFM and CLV: Using
Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research
42(4), 415–430 (FHL-JMR), section "Adding monetary value"; and Fader &
Hardie (2013), "The Gamma-Gamma Model of Monetary Value",
http://brucehardie.com/notes/025/ (note 025), whose notation we use.

A customer's transaction values are gamma(p, ν); ν ~ gamma(q, γ) across
customers.  We observe x transactions with mean m_x (z̄ in the note).  The
model assumes spend is independent of the number of transactions: ``fit``
reports the correlation between x and m_x so a user can check it (note 025
finds 0.11 on CDNOW).  Only repeat buyers with a positive mean spend enter
the fit, as in the note (946 of CDNOW's 2,357 customers); the others are
counted in the result, not silently dropped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import chain, compress, repeat
from math import exp, lgamma, log
from operator import add, and_, gt, itemgetter, le, mul, not_, sub, truediv
from typing import NamedTuple

from ..errors import InputError
from .optimize import bfgs_from_hint, digamma
from .spec import SPEND, SpendModel

# Above this many repeat buyers a copy with m_x rounded gives the search its
# start (``optimize.bfgs_from_hint``); below it the exact fit is cheap.
HINT_ABOVE = 2000


class Params(NamedTuple):
    """Gamma-Gamma parameters: shape p of spend, gamma(q, γ) for its scale ν."""
    p: float
    q: float
    gamma: float


class Fit(NamedTuple):
    """A fit: parameters, ln L, customers used and excluded, corr(x, m_x)."""
    params: Params
    log_likelihood: float
    customers: int
    excluded_one_time: int
    excluded_non_positive: int
    correlation: float | None
    evaluations: int


def log_likelihood(params: Params, x: int, m_x: float) -> float:
    """ln f(m_x | p, q, γ; x), the marginal density of the mean spend (note 025):

    Γ(px+q) / (Γ(px) Γ(q)) · γ^q m_x^{px−1} x^{px} / (γ + x m_x)^{px+q}.

    >>> round(log_likelihood(Params(6.25, 3.74, 15.44), 2, 22.35), 4)
    -3.5513
    """
    p, q, gamma = params
    return (lgamma(p * x + q) - lgamma(p * x) - lgamma(q) + q * log(gamma)
            + (p * x - 1) * log(m_x) + p * x * log(x) - (p * x + q) * log(gamma + x * m_x))


def _weighted_sum(counts: list[int] | None, terms: Iterable[float]) -> float:
    """Σ n·term over the distinct spends of one x (counts None: all 1)."""
    return sum(terms) if counts is None else sum(map(mul, counts, terms))


class _Grouped:
    """Identical (x, m_x) rows grouped; sums that are linear in p taken once."""

    def __init__(self, xs: list[int], ms: list[float], counts: list[int]) -> None:
        """The distinct (x, m_x) pairs as columns (for map() over them in C)
        and how many customers have each."""
        self.n = sum(counts)
        self.xs, self.ms, self.counts = xs, ms, counts
        log_ms = list(map(log, self.ms))
        # (px − 1) ln m_x + px ln x = p Σ x (ln m_x + ln x) − Σ ln m_x.
        self.linear_p = sum(map(mul, map(mul, self.counts, self.xs),
                                map(add, log_ms, map(log, self.xs))))
        self.constant = -sum(map(mul, self.counts, log_ms))
        # Per x (in the order x first appears), the distinct m_x and their counts.
        by_x: dict[int, tuple[list[float], list[int]]] = {}
        for x, m, n in zip(self.xs, self.ms, self.counts):
            if x not in by_x:
                by_x[x] = ([], [])
            spends, ns = by_x[x]
            spends.append(m)
            ns.append(n)
        self.spends = {x: spends for x, (spends, _) in by_x.items()}  # for ``_correlation``
        self.by_x: Counter[int] = Counter({x: sum(ns) for x, (_, ns) in by_x.items()})
        # Per x, the distinct x·m_x and their counts, for a map() over them in C;
        # counts of 1 only (every spend distinct, as continuous spend is):
        # None, and the sums skip multiplying each term by 1 (a quarter of
        # each evaluation on 40,000 buyers).
        self.spend_by_x: dict[int, tuple[list[float], list[int] | None]] = {
            x: (list(map(mul, repeat(x), spends)), None if max(ns) == 1 else ns)
            for x, (spends, ns) in by_x.items()}

    def rounded(self) -> _Grouped:
        """The same customers with m_x rounded to 2 significant digits."""
        keys = zip(self.xs, map(float, map(format, self.ms, repeat(".2g"))))
        # Counted in C: each rounded pair repeated as many times as it has
        # customers (no repeat needed when every count is 1).
        pairs = Counter(keys if max(self.counts) == 1
                        else chain.from_iterable(map(repeat, keys, self.counts)))
        return _Grouped(list(map(itemgetter(0), pairs)), list(map(itemgetter(1), pairs)),
                        list(pairs.values()))

    def _shifted(self, x: int, gamma: float) -> tuple[list[float], list[int] | None, float]:
        """γ + x m_x per distinct spend of customers with x purchases, their
        counts (None: all 1), and Σ n ln(γ + x m_x)."""
        values, counts = self.spend_by_x[x]
        shifted = list(map(add, repeat(gamma), values))
        return shifted, counts, _weighted_sum(counts, map(log, shifted))

    def log_likelihood(self, params: Params) -> float:
        p, q, gamma = params
        total = self.n * (q * log(gamma) - lgamma(q)) + p * self.linear_p + self.constant
        for x, n in self.by_x.items():
            total += n * (lgamma(p * x + q) - lgamma(p * x))
            total -= (p * x + q) * self._shifted(x, gamma)[2]
        return total

    def gradient(self, params: Params) -> tuple[float, list[float]]:
        """(Σ ln f, its gradient in (p, q, γ)), the density of note 025
        differentiated term by term (ψ = digamma)."""
        p, q, gamma = params
        total = self.n * (q * log(gamma) - lgamma(q)) + p * self.linear_p + self.constant
        d_p = self.linear_p
        d_q = self.n * (log(gamma) - digamma(q))
        d_gamma = self.n * q / gamma
        for x, n in self.by_x.items():
            px = p * x
            total += n * (lgamma(px + q) - lgamma(px))
            psi = digamma(px + q)
            d_p += n * x * (psi - digamma(px))
            d_q += n * psi
            shifted, counts, log_sum = self._shifted(x, gamma)
            total -= (px + q) * log_sum
            d_p -= x * log_sum
            d_q -= log_sum
            d_gamma -= (px + q) * sum(map(truediv, counts or repeat(1), shifted))
        return total, [d_p, d_q, d_gamma]


def fit(data: Iterable[tuple[int, float]], max_iterations: int = 5000) -> Fit:
    """Maximum-likelihood (p, q, γ) from (x, m_x) per customer.

    Customers with x = 0 or m_x ≤ 0 are excluded and counted.  Raises
    ``InputError`` ``not_enough_repeat_buyers`` with fewer than two repeat
    buyers, ``not_enough_positive_spend`` with fewer than two of them
    spending more than 0; ``ModelError`` ``model_not_converged`` when the search fails.

    The search runs on spend divided by its mean: γ is in currency units, and
    a bound on ln γ would otherwise depend on the currency (orders of 7.7
    million dong failed where the same orders in dollars fit).  With m = s·m′,
    the density of m_x is f′(m_x / s) / s, so γ = s·γ′ and ln L = ln L′ − n ln s.
    """
    rows = data if isinstance(data, list) else list(data)
    # Columns and masks with map() (in C), not a Python loop over every
    # customer: x ≤ 0 are the one-time buyers, then m_x ≤ 0 (or nan) excluded.
    xs = list(map(itemgetter(0), rows))
    spend = list(map(itemgetter(1), rows))
    repeat_buyer = list(map(not_, map(le, xs, repeat(0))))
    used = list(map(and_, repeat_buyer, map(gt, spend, repeat(0))))
    one_time = len(rows) - sum(repeat_buyer)
    non_positive = sum(repeat_buyer) - sum(used)
    pairs = Counter(zip(map(int, compress(xs, used)), map(float, compress(spend, used))))
    usable = sum(pairs.values())
    if usable + non_positive < 2:
        raise InputError("not_enough_repeat_buyers", "gamma_gamma", repeat=usable + non_positive)
    if usable < 2:
        raise InputError("not_enough_positive_spend", "gamma_gamma",
                         repeat=usable + non_positive, positive=usable)
    xs, ms, counts = list(map(itemgetter(0), pairs)), list(map(itemgetter(1), pairs)), list(pairs.values())
    scale = math.fsum(map(mul, counts, ms)) / usable
    # Two spends an ulp apart may divide to one value: they stay two entries,
    # each with its count, which adds the same terms to ln L.
    scaled = list(map(truediv, ms, repeat(scale)))
    grouped = _Grouped(xs, scaled, counts)
    # Start at p = 1, q = 2 and γ′ = 1, which gives the observed mean spend
    # (pγ′/(q−1) = 1 in units of the mean).
    start = [0.0, 0.0, 0.0]
    coarse = None
    if grouped.n > HINT_ABOVE:
        # Many customers: most of the search runs on m_x rounded to 2
        # significant digits (far fewer groups), the end on the exact data.
        coarse = grouped.rounded()
    # Parameters beyond e^±15 (of the mean spend, for γ′) mean the likelihood
    # has no interior maximum.
    best = bfgs_from_hint(grouped, coarse, start, name="gamma_gamma", max_iterations=max_iterations,
                          objective=lambda g: lambda theta: _objective(g, theta),
                          with_gradient=lambda g, _: _with_gradient(g))
    unscaled = _params(best.x)
    params = unscaled._replace(gamma=unscaled.gamma * scale)
    # best.fun is −ln L/n of the rescaled spends at these parameters; each
    # density in currency units is that of the rescaled spend divided by scale.
    log_likelihood = -best.fun * grouped.n - grouped.n * log(scale)
    return Fit(params, log_likelihood, grouped.n, one_time, non_positive,
               _correlation(grouped), best.evaluations)


def _with_gradient(grouped: _Grouped):
    """(mean −ln L, its gradient) on (ln p, ln(q − 1), ln γ) with the analytic gradient."""
    def f(theta: list[float]) -> tuple[float, list[float]]:
        # Undefined points as in ``_objective``: a bound reached, or overflow.
        try:
            params = _params(theta)
            if not _inside(params):
                return math.inf, [0.0] * 3
            value, (d_p, d_q, d_gamma) = grouped.gradient(params)
        except OverflowError:
            return math.inf, [0.0] * 3
        p, q, gamma = params
        # Chain rule for θ = (ln p, ln(q − 1), ln γ); the mean, as for Nelder–Mead.
        return -value / grouped.n, [-p * d_p / grouped.n, -(q - 1) * d_q / grouped.n,
                                    -gamma * d_gamma / grouped.n]
    return f


def _objective(grouped: _Grouped, theta: list[float]) -> float:
    """The mean negative log-likelihood at (ln p, ln(q − 1), ln γ) (inf if undefined).

    Only the two ways a valid point can have no finite value give inf: a
    parameter that underflows to its bound (p or γ to 0, q to 1) or overflows,
    and a term that overflows. Any other exception is a bug and propagates.
    """
    try:
        params = _params(theta)
        if not _inside(params):
            return math.inf
        return -grouped.log_likelihood(params) / grouped.n
    except OverflowError:
        return math.inf


def _inside(params: Params) -> bool:
    """Whether no parameter has underflowed to its bound or overflowed."""
    return 0 < params.p < math.inf and 1 < params.q < math.inf and 0 < params.gamma < math.inf


def _params(theta: list[float]) -> Params:
    """(ln p, ln(q − 1), ln γ) → (p, q, γ): q > 1 so that the mean spend
    pγ/(q−1) exists (lifetimes' ``q_constraint``); data that want q ≤ 1
    push ln(q − 1) to the bound and the fit reports non-convergence."""
    return Params(exp(theta[0]), 1 + exp(theta[1]), exp(theta[2]))


def _correlation(grouped: _Grouped) -> float | None:
    """Pearson's correlation of x and m_x over the customers used (None if
    undefined); m_x in any unit (rescaled, as the fit has them), as the
    correlation does not depend on it."""
    n = grouped.n
    mean_x = sum(n_x * x for x, n_x in grouped.by_x.items()) / n
    mean_m = sum(_weighted_sum(grouped.spend_by_x[x][1], spends)
                 for x, spends in grouped.spends.items()) / n
    # Centred sums (two passes, not raw moments): exact enough for any spend
    # size. Per x, in C (map): a loop over 40,000 pairs was a tenth of the
    # fit. Σ n dx dm = Σ_x dx Σ n dm, as dx is the same for every m_x of x.
    sxy = sxx = smm = 0.0
    for x, spends in grouped.spends.items():
        counts = grouped.spend_by_x[x][1]
        dx = x - mean_x
        dms = list(map(sub, spends, repeat(mean_m)))
        sxy += dx * _weighted_sum(counts, dms)
        sxx += grouped.by_x[x] * dx * dx
        smm += _weighted_sum(counts, map(mul, dms, dms))
    return sxy / math.sqrt(sxx * smm) if sxx > 0 and smm > 0 else None


def conditional_expected_spend(params: Params, x: int, m_x: float) -> float:
    """E(M | p, q, γ, m_x, x) = p (γ + x m_x) / (px + q − 1), note 025 eq. (5).

    A weighted mean of the population mean pγ/(q−1) and the customer's own
    m_x, with weight px/(px+q−1) on m_x; for x = 0 it is the population
    mean.  Needs q > 1 (else the mean spend is infinite; ``fit`` ensures it).

    >>> round(conditional_expected_spend(Params(6.25, 3.74, 15.44), 2, 22.35), 4)
    24.6637
    """
    p, q, gamma = params
    if q <= 1:
        raise ValueError("the Gamma-Gamma mean spend needs q > 1")
    if x <= 0:
        return p * gamma / (q - 1)
    return p * (gamma + x * m_x) / (p * x + q - 1)


MODEL = SpendModel(
    id="gamma_gamma", name="Gamma-Gamma", setting=SPEND,
    reference="Fader, Hardie & Lee (2005), JMR 42(4); Fader & Hardie (2013), note 025",
    params=Params, fit=fit, conditional_expected_spend=conditional_expected_spend)
