"""The MBG/NBD model of repeat purchasing: likelihood, fit and predictions.

Batislam, E. P., Denizel, M. & Filiztekin, A. (2007), "Empirical validation
and comparison of models for customer base analysis", International Journal
of Research in Marketing 24(3), 201–209 (below: BDF).  As the BG/NBD
(``bgnbd``), but a customer may also drop out right after their first
purchase, with the same probability p ~ beta(a, b) as after any other:
so a customer with no repeat purchase is not certainly alive, and P(alive)
falls with T for everyone.  Data (x, t_x, T) as for ``bgnbd``.

    L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r)
        · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)]

No CDNOW estimates are published for it; tests compare the fit and the
predictions with lifetimes' ``ModifiedBetaGeoFitter``, frozen in
tests/data/lifetimes.json.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from math import exp, lgamma, log, log1p
from typing import NamedTuple

from ..errors import InputError
from ..progress import Progress
from .bgnbd import hyp2f1
from .histories import Histories, mean_objective, mean_with_gradient
from .optimize import bfgs_from_hint, digamma
from .spec import CONTINUOUS_NONCONTRACTUAL, PurchaseModel


class Params(NamedTuple):
    """MBG/NBD parameters: gamma(r, α) purchase rates, beta(a, b) dropout."""
    r: float
    alpha: float
    a: float
    b: float


class Fit(NamedTuple):
    """A maximum-likelihood fit: parameters, ln L, customers, work."""
    params: Params
    log_likelihood: float
    customers: int
    evaluations: int


def log_likelihood(params: Params, x: int, t_x: float, T: float) -> float:
    """ln L(r, α, a, b | x, t_x, T), (BDF), for one customer.

    >>> round(log_likelihood(Params(0.525, 6.183, 0.891, 1.614), 2, 30.43, 38.86), 4)
    -9.4856
    """
    r, alpha, a, b = params
    return (lgamma(a + b) + lgamma(b + x + 1) - lgamma(b) - lgamma(a + b + x + 1)
            + lgamma(r + x) - lgamma(r) + r * log(alpha)
            - (r + x) * log(alpha + T) + log1p(exp(_log_dropout_odds(params, x, t_x, T))))


def _log_dropout_odds(params: Params, x: int, t_x: float, T: float) -> float:
    """ln[a/(b+x) ((α+T)/(α+t_x))^{r+x}]: the odds of "dropped out after the last
    purchase" against "still alive", given the history."""
    r, alpha, a, b = params
    return log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + t_x))


def total_log_likelihood(params: Params, data: Iterable[tuple[int, float, float]]) -> float:
    """Σ ln L over customers (BDF, summed), identical histories once.

    >>> data = [(2, 30.43, 38.86), (1, 1.71, 38.86), (0, 0.0, 38.86)]
    >>> p = Params(0.525, 6.183, 0.891, 1.614)
    >>> math.isclose(total_log_likelihood(p, data), sum(log_likelihood(p, *d) for d in data))
    True
    """
    return _Grouped(data).log_likelihood(params)


class _Grouped(Histories):
    """The histories (``histories.Histories``) with MBG/NBD's ln L and its
    gradient: one exp, log1p and log per distinct history, one log per distinct T."""

    def log_likelihood(self, params: Params) -> float:
        r, alpha, a, b = params
        total = self.n * (lgamma(a + b) - lgamma(b) - lgamma(r) + r * log(alpha))
        for x, count in self.by_x.items():
            total += count * (lgamma(b + x + 1) - lgamma(a + b + x + 1) + lgamma(r + x))
        # −(r + x) ln(α + T), summed per T.
        for T, count, sx in zip(self.T_values, self.n_T, self.x_T):
            total -= (r * count + sx) * log(alpha + T)
        # ln(1 + eᵘ), eᵘ = a/(b+x) ((α+T)/(α+t_x))^{r+x} the dropout odds, for every x.
        return self.add_dropout(total, r, alpha, a, b, 0)


    def gradient(self, params: Params) -> tuple[float, list[float]]:
        """(Σ ln L, its gradient in (r, α, a, b)), term by term; σ(u) is the
        weight of the dropout term."""
        r, alpha, a, b = params
        n_all = self.n
        total = n_all * (lgamma(a + b) - lgamma(b) - lgamma(r) + r * log(alpha))
        d_r = n_all * (log(alpha) - digamma(r))
        d_alpha = n_all * r / alpha
        d_a = n_all * digamma(a + b)
        d_b = n_all * (digamma(a + b) - digamma(b))
        for x, count in self.by_x.items():
            total += count * (lgamma(b + x + 1) - lgamma(a + b + x + 1) + lgamma(r + x))
            d_r += count * digamma(r + x)
            d_a -= count * digamma(a + b + x + 1)
            d_b += count * (digamma(b + x + 1) - digamma(a + b + x + 1))
        for T, count, sx in zip(self.T_values, self.n_T, self.x_T):
            lt = log(alpha + T)
            weight = r * count + sx
            total -= weight * lt
            d_r -= count * lt
            d_alpha -= weight * (1 / (alpha + T))
        total, d_r, d_alpha, d_a, d_b = self.add_dropout_with_gradient(
            [total, d_r, d_alpha, d_a, d_b], r, alpha, a, b, 0)
        return total, [d_r, d_alpha, d_a, d_b]


def fit(data: Iterable[tuple[int, float, float]], progress: Progress | None = None,
        max_iterations: int = 5000) -> Fit:
    """Maximum-likelihood (r, α, a, b) from (x, t_x, T) per customer.

    BFGS with the analytic gradient on the log-parameters minimises the mean
    negative ln L (Nelder–Mead if it fails), identical histories grouped, a
    rounded copy as the start on big data (``optimize.bfgs_from_hint``).
    Raises ``InputError`` ``not_enough_repeat_buyers`` when nobody bought
    twice, ``model_not_converged`` when the search fails.
    """
    grouped = _Grouped(data)
    if not grouped.repeat_purchases:
        raise InputError("not_enough_repeat_buyers", "mbgnbd", repeat=0)
    start = [0.0, log(max(grouped.total_T / grouped.repeat_purchases, 1e-6)), 0.0, 0.0]
    best = bfgs_from_hint(
        grouped, grouped.hint(), start, name="mbgnbd", max_iterations=max_iterations, progress=progress,
        objective=lambda h: mean_objective(h.log_likelihood, Params, grouped.n),
        with_gradient=lambda h, _: mean_with_gradient(h.gradient, Params, grouped.n))
    params = Params(*map(exp, best.x))
    # best.fun is −ln L/n at exactly these parameters, on the exact data: no
    # second pass over every history (a tenth of the fit on 100k customers).
    return Fit(params, -best.fun * grouped.n, grouped.n, best.evaluations)


def probability_alive(params: Params, x: int, t_x: float, T: float) -> float:
    """P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}) (BDF),
    below 1 also for x = 0, unlike the BG/NBD.

    >>> round(probability_alive(Params(0.525, 6.183, 0.891, 1.614), 0, 0.0, 38.86), 4)
    0.3897
    """
    u = _log_dropout_odds(params, x, t_x, T)
    return 1 / (1 + exp(u)) if u < 0 else exp(-u) / (exp(-u) + 1)


def _one_minus_product(params: Params, c: float, z: float) -> float:
    """1 − (1−z)^{a−1} ₂F₁(a+b−r, a−1; c; z), the bracket of both expectations
    after Euler's transformation (see ``bgnbd.conditional_expected_purchases``)."""
    r, alpha, a, b = params
    series = hyp2f1(a + b - r, a - 1, c, z)
    if series > 0:
        return -math.expm1((a - 1) * log1p(-z) + log(series))
    return 1 - (1 - z) ** (a - 1) * series


def _away_from_one(params: Params) -> Params:
    # Both expectations have a removable singularity at a = 1.
    return params._replace(a=1 + 1e-9) if abs(params.a - 1) < 1e-9 else params


def expected_purchases(params: Params, t: float) -> float:
    """E[X(t)] = b/(a−1) [1 − ₂F₁(r, b+1; a+b; z) (α/(α+t))^r], z = t/(α+t)
    (BDF), written as b/(a−1) [1 − (1−z)^{a−1} ₂F₁(a+b−r, a−1; a+b; z)].

    >>> round(expected_purchases(Params(0.525, 6.183, 0.891, 1.614), 39.0), 4)
    1.183
    """
    if t <= 0:
        return 0.0
    params = _away_from_one(params)
    r, alpha, a, b = params
    return b / (a - 1) * _one_minus_product(params, a + b, t / (alpha + t))


def conditional_expected_purchases(params: Params, t: float, x: int, t_x: float,
                                   T: float) -> float:
    """E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) [1 − ₂F₁(r+x, b+x+1; a+b+x; z)
    ((α+T)/(α+T+t))^{r+x}] P(alive), z = t/(α+T+t) (BDF), with Euler's
    transformation as in ``bgnbd``.

    >>> p = Params(0.525, 6.183, 0.891, 1.614)
    >>> round(conditional_expected_purchases(p, 39.0, 2, 30.43, 38.86), 4)
    1.263
    """
    if t <= 0:
        return 0.0
    params = _away_from_one(params)
    r, alpha, a, b = params
    bracket = _one_minus_product(params, a + b + x, t / (alpha + T + t))
    return (a + b + x) / (a - 1) * bracket * probability_alive(params, x, t_x, T)


MODEL = PurchaseModel(
    id="mbgnbd", name="MBG/NBD", setting=CONTINUOUS_NONCONTRACTUAL,
    reference="Batislam, Denizel & Filiztekin (2007), IJRM 24(3), 201-209",
    params=Params, fit=fit, total_log_likelihood=total_log_likelihood,
    probability_alive=probability_alive, expected_purchases=expected_purchases,
    conditional_expected_purchases=conditional_expected_purchases)
