"""The Pareto/NBD model of repeat purchasing: likelihood, fit and predictions.

Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987), "Counting your
customers: who are they and what will they do next?", Management Science
33(1), 1–24 (below: SMC).  While active a customer buys at rate
λ ~ gamma(r, α) (Poisson); their lifetime is exponential with rate
μ ~ gamma(s, β), so they can drop out at any time, not only after a
purchase as in the BG/NBD.  Data (x, t_x, T) as for ``bgnbd``.

The likelihood is the one of Fader, Hardie & Lee (2005), "A note on
implementing the Pareto/NBD model in MATLAB", http://brucehardie.com/notes/008/
(below: note 008), eq. (1)–(3):

    L = Γ(r+x) α^r β^s / Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀],

A₀ = F(t_x)/(m+t_x)^{r+s+x} − F(T)/(m+T)^{r+s+x}, m = max(α, β), with F a
₂F₁ at z = |α−β|/(m+t).  Note 008 reports on the CDNOW sample r = 0.55,
α = 10.58, s = 0.61, β = 11.67, ln L = −9595.0 (a case in cases.toml).

Numerics: F(t) = ₂F₁(r+s+x, b; r+s+x+1; z) (b = s+1 if α ≥ β, r+x if not)
is huge for heavy buyers; Euler's transformation ₂F₁(A, B; A+1; z) =
(1−z)^{1−B} ₂F₁(1, A+1−B; A+1; z) leaves a series whose terms shrink at
least like zᵏ, and the (1−z) power is taken in log space.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from math import exp, lgamma, log, log1p
from typing import NamedTuple

from ..errors import InputError
from ..progress import Progress
from .histories import Histories, Objective, mean_objective
from .optimize import WithGradient, bfgs_from_hint
from .spec import CONTINUOUS_NONCONTRACTUAL, PurchaseModel


class Params(NamedTuple):
    """Pareto/NBD parameters: gamma(r, α) purchase rates, gamma(s, β) dropout rates."""
    r: float
    alpha: float
    s: float
    beta: float


class Fit(NamedTuple):
    """A maximum-likelihood fit: parameters, ln L, customers, work."""
    params: Params
    log_likelihood: float
    customers: int
    evaluations: int


def _log_a0_term(params: Params, x: int, t: float) -> float:
    """ln[F(t) / (m+t)^{r+s+x}], one of the two terms of A₀ (note 008, eq. 2–3)."""
    r, alpha, s, beta = params
    rsx = r + s + x
    m, b = (alpha, s + 1) if alpha >= beta else (beta, r + x)
    z = abs(alpha - beta) / (m + t)
    # ₂F₁(rsx, b; rsx+1; z) = (1−z)^{1−b} ₂F₁(1, rsx+1−b; rsx+1; z) (Euler).
    series = _hyp2f1_one(rsx + 1 - b, rsx + 1, z)
    return (1 - b) * log1p(-z) + log(series) - rsx * log(m + t)


def _hyp2f1_one(b: float, c: float, z: float) -> float:
    """₂F₁(1, b; c; z) = Σ_k (b)_k/(c)_k zᵏ for 0 < b < c, 0 ≤ z < 1: every
    term is positive and at most z times the one before, so the loop stops
    when a term no longer changes the sum (the likelihood's inner loop;
    ``bgnbd.hyp2f1`` is the general series).

    >>> round(_hyp2f1_one(1.0, 2.0, 0.5), 12) == round(-math.log(0.5) / 0.5, 12)
    True
    """
    if z == 0.0:
        return 1.0
    if 1.0 - z < MIN_DISTANCE_FROM_ONE:
        raise OverflowError(f"₂F₁ series at z = {z!r} needs about {39 / (1 - z):.0f} terms")
    term = total = 1.0
    k = 0.0
    while term > 1e-17 * total:
        term *= (b + k) / (c + k) * z
        total += term
        k += 1.0
    return total


# The series needs about 39/(1 − z) terms (its terms fall like zᵏ). z comes
# near 1 only for parameters far from any data's optimum (α/β or β/α beyond
# 10³ with t small): there the likelihood counts as outside the model's domain
# (overflow, +inf to the optimizer) instead of taking minutes per evaluation.
# At 1 − z = 1e-3 a series is about 4·10⁴ terms, a few milliseconds.
MIN_DISTANCE_FROM_ONE = 1e-3


def _log_terms(params: Params, x: int, t_x: float, T: float) -> tuple[float, float]:
    """(ln of the "still alive at T" term, ln of s/(r+s+x)·A₀, −inf if A₀ = 0)."""
    r, alpha, s, beta = params
    alive = -(r + x) * log(alpha + T) - s * log(beta + T)
    if t_x >= T:
        return alive, -math.inf
    upper, lower = _log_a0_term(params, x, t_x), _log_a0_term(params, x, T)
    # A₀ = e^upper − e^lower > 0: F/(m+t)^{r+s+x} falls as t grows.
    if not upper > lower:
        return alive, -math.inf
    return alive, log(s / (r + s + x)) + upper + log(-math.expm1(lower - upper))


def log_likelihood(params: Params, x: int, t_x: float, T: float) -> float:
    """ln L(r, α, s, β | x, t_x, T), note 008 eq. (1)–(3), for one customer.

    >>> round(log_likelihood(Params(0.55, 10.58, 0.61, 11.67), 2, 30.43, 38.86), 3)
    -9.562
    """
    r, alpha, s, beta = params
    alive, dropped = _log_terms(params, x, t_x, T)
    return (lgamma(r + x) - lgamma(r) + r * log(alpha) + s * log(beta)
            + _log_add(alive, dropped))


def _log_add(u: float, v: float) -> float:
    """ln(eᵘ + eᵛ) without overflow (v may be −inf)."""
    if u < v:
        u, v = v, u
    return u if v == -math.inf else u + log1p(exp(v - u))


def total_log_likelihood(params: Params, data: Iterable[tuple[int, float, float]]) -> float:
    """Σ ln L over customers (note 008 eq. 1, summed), identical histories once.

    >>> data = [(2, 30.43, 38.86), (1, 1.71, 38.86), (0, 0.0, 38.86)]
    >>> p = Params(0.55, 10.58, 0.61, 11.67)
    >>> math.isclose(total_log_likelihood(p, data), sum(log_likelihood(p, *d) for d in data))
    True
    """
    groups = Counter((int(x), float(t_x), float(T)) for x, t_x, T in data)
    return _grouped_log_likelihood(params, groups)


def _grouped_log_likelihood(params: Params, groups: Counter) -> float:
    r, alpha, s, beta = params
    n = sum(groups.values())
    total = n * (-lgamma(r) + r * log(alpha) + s * log(beta))
    # The A₀ terms depend on (x, t) only: many customers share a T or a t_x.
    cache: dict[tuple[int, float], float] = {}

    def term(x: int, t: float) -> float:
        value = cache.get((x, t))
        if value is None:
            value = cache[x, t] = _log_a0_term(params, x, t)
        return value

    log_s = log(s)
    for (x, t_x, T), count in groups.items():
        alive = -(r + x) * log(alpha + T) - s * log(beta + T)
        dropped = -math.inf
        if t_x < T:
            upper, lower = term(x, t_x), term(x, T)
            if upper > lower:
                dropped = (log_s - log(r + s + x) + upper + log(-math.expm1(lower - upper)))
        total += count * (lgamma(r + x) + _log_add(alive, dropped))
    return total


def fit(data: Iterable[tuple[int, float, float]], progress: Progress | None = None,
        max_iterations: int = 5000) -> Fit:
    """Maximum-likelihood (r, α, s, β) from (x, t_x, T) per customer.

    BFGS with a forward-difference gradient on the log-parameters minimises
    the mean negative ln L (Nelder–Mead if it fails), identical histories
    grouped, a rounded copy as the start on big data
    (``optimize.bfgs_from_hint``).  Raises ``InputError``
    ``not_enough_repeat_buyers`` when nobody bought twice,
    ``model_not_converged`` when the search fails.
    """
    histories = Histories(data)
    if not histories.repeat_purchases:
        raise InputError("not_enough_repeat_buyers", "pareto_nbd", repeat=0)
    # Start at r = s = 1, α from the mean rate r/α = Σx/ΣT, β = α.
    start_alpha = log(max(histories.total_T / histories.repeat_purchases, 1e-6))
    start = [0.0, start_alpha, 0.0, start_alpha]
    n = histories.n
    best = bfgs_from_hint(
        histories, histories.hint(), start, name="pareto_nbd", max_iterations=max_iterations, progress=progress,
        objective=lambda h: mean_objective(lambda p: _grouped_log_likelihood(p, h.groups), Params, n),
        with_gradient=lambda h, objective: _forward_differences(objective), gtol=1e-7)
    params = Params(*map(exp, best.x))
    return Fit(params, _grouped_log_likelihood(params, histories.groups), n, best.evaluations)


# Forward-difference step on the log-parameters: the gradient's error is
# about STEP·f″/2 + ε|f|/STEP, both near 1e-7 for a mean ln L of order 10.
GRADIENT_STEP = 1e-7


def _forward_differences(objective: Objective) -> WithGradient:
    """*objective* with a forward-difference gradient (5 evaluations a step;
    the ₂F₁ terms make an analytic one long), for BFGS."""
    def f(theta: list[float]) -> tuple[float, list[float]]:
        value = objective(theta)
        if not math.isfinite(value):
            return value, [0.0] * len(theta)
        grad = []
        for i in range(len(theta)):
            moved = list(theta)
            moved[i] += GRADIENT_STEP
            grad.append((objective(moved) - value) / GRADIENT_STEP)
        return value, grad
    return f


def probability_alive(params: Params, x: int, t_x: float, T: float) -> float:
    """P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^{r+x} (β+T)^s A₀), SMC
    eq. (11) in the form of Fader, Hardie & Lee (2005), note 008, eq. (4).

    >>> round(probability_alive(Params(0.55, 10.58, 0.61, 11.67), 2, 30.43, 38.86), 4)
    0.8684
    """
    alive, dropped = _log_terms(params, x, t_x, T)
    u = dropped - alive
    return 1 / (1 + exp(u)) if u < 0 else exp(-u) / (exp(-u) + 1)


def expected_purchases(params: Params, t: float) -> float:
    """E[X(t)] = rβ/(α(s−1)) [1 − (β/(β+t))^{s−1}], SMC eq. (17); the limit
    rβ/α · ln((β+t)/β) at s = 1.

    >>> round(expected_purchases(Params(0.55, 10.58, 0.61, 11.67), 39.0), 4)
    1.2024
    """
    r, alpha, s, beta = params
    return r / alpha * _lifetime_integral(s, beta, t)


def _lifetime_integral(s: float, b: float, t: float) -> float:
    """∫₀ᵗ (b/(b+u))^s du = b/(s−1) [1 − (b/(b+t))^{s−1}] (b·ln(1+t/b) at s = 1):
    the expected time alive in (0, t] for μ ~ gamma(s, b)."""
    if t <= 0:
        return 0.0
    if abs(s - 1) < 1e-9:
        return b * log1p(t / b)
    return b / (s - 1) * -math.expm1((s - 1) * (log(b) - log(b + t)))


def conditional_expected_purchases(params: Params, t: float, x: int, t_x: float,
                                   T: float) -> float:
    """E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^{s−1}]
    · P(alive), SMC eq. (22) (note 008 eq. 5): the posterior purchase rate
    (r+x)/(α+T) times the expected time alive in (T, T+t].

    >>> p = Params(0.55, 10.58, 0.61, 11.67)
    >>> round(conditional_expected_purchases(p, 39.0, 2, 30.43, 38.86), 4)
    1.4504
    """
    r, alpha, s, beta = params
    if t <= 0:
        return 0.0
    rate = (r + x) / (alpha + T)
    return rate * _lifetime_integral(s, beta + T, t) * probability_alive(params, x, t_x, T)


MODEL = PurchaseModel(
    id="pareto_nbd", name="Pareto/NBD", setting=CONTINUOUS_NONCONTRACTUAL,
    reference="Schmittlein, Morrison & Colombo (1987), Management Science 33(1), 1-24",
    params=Params, fit=fit, total_log_likelihood=total_log_likelihood,
    probability_alive=probability_alive, expected_purchases=expected_purchases,
    conditional_expected_purchases=conditional_expected_purchases)
