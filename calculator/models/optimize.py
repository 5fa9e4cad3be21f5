"""Minimisation for the model fits: BFGS where the likelihood's gradient is
written out (BG/NBD, MBG/NBD, Gamma-Gamma: a few dozen evaluations), and
derivative-free Nelder–Mead elsewhere and as their fallback.

The fits minimise a negative log-likelihood over *log*-parameters, so every
point the simplex visits maps to positive parameters and the scale of r
(≈0.2) and α (≈4, or ≈30 in days) does not matter.  The method is Nelder &
Mead (1965), "A simplex method for function minimization", The Computer
Journal 7(4), with the standard coefficients (reflection 1, expansion 2,
contraction ½, shrink ½) as in Lagarias et al. (1998), SIAM J. Optim. 9(1).
After convergence the search restarts once from the best point with a fresh
simplex: a collapsed simplex can stop short of a minimum (McKinnon 1998),
and the restart costs little when it has not.

Non-convergence raises ``ModelError("model_not_converged")``: a caller never
gets a silently wrong number.

``minimize_with_hint`` (Nelder–Mead) and ``bfgs_from_hint`` (BFGS, then
Nelder–Mead; every model fit with a gradient) are the two-stage search of
the fits on big data: a cheap approximate problem (the data rounded, far
fewer groups) gives the starting point of the exact one.  The approximate problem is only a hint:
rounding can remove its interior maximum (CDNOW master observed to 2005
rounds the recency of every recent repeat buyer to 0), so when its search
fails the exact search starts from the default point instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from ..errors import ModelError

# Log-parameters beyond ±15 (e^15 ≈ 3·10⁶) mean the likelihood has no
# interior maximum: the parameters run off to 0 or infinity.
LOG_BOUND = 15.0
P = TypeVar("P")
WithGradient = Callable[[list[float]], tuple[float, list[float]]]


class Minimum(NamedTuple):
    """Where the minimum is, its value, and the work it took."""
    x: list[float]
    fun: float
    iterations: int
    evaluations: int


def nelder_mead(f: Callable[[list[float]], float], x0: Sequence[float], *, step: float = 0.5,
                xtol: float = 1e-5, ftol: float = 1e-10, max_iterations: int = 5000,
                bound: float = math.inf, name: str | None = None) -> Minimum:
    """Minimise *f* from *x0*; stop when the simplex is smaller than *xtol*
    (in every coordinate) and its values differ by less than *ftol*
    (relative to ``1 + |f|``).

    ``f`` may return ``math.inf`` (or nan) where it is undefined; such points
    are simply never accepted.  *name* is the ``field`` of the error raised
    when *max_iterations* are used up, or when the minimum lies beyond
    ±*bound* in some coordinate (on log-parameters: the likelihood has no
    interior maximum, the parameters run off to 0 or infinity).

    >>> m = nelder_mead(lambda v: (v[0] - 1) ** 2 + 10 * (v[1] + 2) ** 2, [0.0, 0.0])
    >>> [round(c, 6) for c in m.x]
    [1.0, -2.0]
    """
    first = _search(f, list(map(float, x0)), step, xtol, ftol, max_iterations)
    # The restart: a small fresh simplex around the point found.
    second = _search(f, first.x, min(step, 100 * xtol), xtol, ftol, max_iterations)
    iterations = first.iterations + second.iterations
    if (first.iterations >= max_iterations or second.iterations >= max_iterations
            or not math.isfinite(second.fun) or max(map(abs, second.x)) > bound):
        raise ModelError("model_not_converged", name, iterations=iterations)
    return Minimum(second.x, second.fun, iterations, first.evaluations + second.evaluations)


def _value(f: Callable[[list[float]], float], x: list[float]) -> float:
    value = f(x)
    return value if value == value else math.inf  # nan -> inf


def _search(f, x0, step, xtol, ftol, max_iterations) -> Minimum:
    n = len(x0)
    simplex = [list(x0)] + [[c + (step if i == j else 0.0) for j, c in enumerate(x0)]
                            for i in range(n)]
    values = [_value(f, p) for p in simplex]
    evaluations = n + 1
    iterations = 0
    while iterations < max_iterations:
        order = sorted(range(n + 1), key=values.__getitem__)
        simplex = [simplex[i] for i in order]
        values = [values[i] for i in order]
        size = max(abs(p[j] - simplex[0][j]) for p in simplex[1:] for j in range(n))
        if size <= xtol and abs(values[-1] - values[0]) <= ftol * (1 + abs(values[0])):
            break
        iterations += 1
        centroid = [sum(p[j] for p in simplex[:-1]) / n for j in range(n)]
        worst = simplex[-1]

        def toward(t: float) -> list[float]:
            return [c + t * (c - w) for c, w in zip(centroid, worst)]

        reflected = toward(1.0)
        f_r = _value(f, reflected)
        evaluations += 1
        if f_r < values[0]:
            expanded = toward(2.0)
            f_e = _value(f, expanded)
            evaluations += 1
            simplex[-1], values[-1] = (expanded, f_e) if f_e < f_r else (reflected, f_r)
        elif f_r < values[-2]:
            simplex[-1], values[-1] = reflected, f_r
        else:
            # Contract outside when the reflection helped a little, else inside.
            t = 0.5 if f_r < values[-1] else -0.5
            contracted = toward(t)
            f_c = _value(f, contracted)
            evaluations += 1
            if f_c < min(f_r, values[-1]):
                simplex[-1], values[-1] = contracted, f_c
            else:  # shrink toward the best point
                b = simplex[0]
                simplex = [b] + [[bj + 0.5 * (pj - bj) for bj, pj in zip(b, p)]
                                 for p in simplex[1:]]
                values = [values[0]] + [_value(f, p) for p in simplex[1:]]
                evaluations += n
    else:
        iterations = max_iterations
    i = min(range(n + 1), key=values.__getitem__)
    return Minimum(simplex[i], values[i], iterations, evaluations)


# A fit on the exact data that starts at a hint moves little: a small first
# simplex (e^0.01, 1 % in each parameter) saves the iterations a default one
# (e^0.5) spends shrinking.
HINT_STEP = 0.01
# The hint need not be precise: the exact search refines it.
HINT_XTOL = 1e-3


def minimize_with_hint(f: Callable[[list[float]], float], x0: Sequence[float], *,
                       hint: Callable[[list[float]], float] | None = None,
                       max_iterations: int = 5000, bound: float = math.inf,
                       name: str | None = None) -> Minimum:
    """Minimise *f* from *x0*, first minimising the cheaper *hint* (an
    approximation of *f*) to get a better start; a failed hint search is
    ignored (see the module docstring), a failed exact search raises.

    >>> f = lambda v: (v[0] - 3) ** 2 + (v[1] + 1) ** 2
    >>> unbounded = lambda v: v[0]  # no minimum: the hint search fails
    >>> [round(c, 4) for c in minimize_with_hint(f, [0.0, 0.0], hint=unbounded, bound=15).x]
    [3.0, -1.0]
    """
    start, step = list(map(float, x0)), 0.5
    if hint is not None:
        try:
            start = nelder_mead(hint, start, xtol=HINT_XTOL, max_iterations=max_iterations,
                                bound=bound, name=name).x
            step = HINT_STEP
        except ModelError:
            pass
    return nelder_mead(f, start, step=step, max_iterations=max_iterations, bound=bound,
                       name=name)


# When the line search stalls, a gradient this small (relative to 1 + |f|)
# still counts as a minimum: f cannot tell the points apart any more.
STALL_GTOL = 1e-6


def bfgs(f: Callable[[list[float]], tuple[float, list[float]]], x0: Sequence[float], *,
         gtol: float = 1e-9, max_iterations: int = 200, bound: float = math.inf,
         name: str | None = None, curvature: list[list[float]] | None = None) -> Minimum:
    """Minimise *f*, which returns (value, gradient), by BFGS with a
    backtracking (Armijo) line search (Nocedal & Wright 2006, *Numerical
    Optimization*, 2nd ed., algorithm 6.1 and section 3.1).  Stops when every
    gradient component is below *gtol* (relative to ``1 + |f|``); raises
    ``ModelError("model_not_converged")`` like ``nelder_mead``.  *curvature*,
    an inverse-Hessian estimate to start from (say that of a fit on rounded
    data), is updated in place, so a second call can continue with it.

    >>> def f(v):
    ...     return (v[0] - 1) ** 2 + 10 * (v[1] + 2) ** 2, [2 * (v[0] - 1), 20 * (v[1] + 2)]
    >>> [round(c, 9) for c in bfgs(f, [0.0, 0.0]).x]
    [1.0, -2.0]
    """
    x = list(map(float, x0))
    n = len(x)
    value, grad = f(x)
    evaluations = 1
    if not math.isfinite(value):
        raise ModelError("model_not_converged", name, iterations=0)
    inverse = curvature if curvature is not None else [[float(i == j) for j in range(n)]
                                                       for i in range(n)]
    for iteration in range(1, max_iterations + 1):
        if max(map(abs, grad)) <= gtol * (1 + abs(value)):
            break
        direction = [-sum(inverse[i][j] * grad[j] for j in range(n)) for i in range(n)]
        slope = sum(d * g for d, g in zip(direction, grad))
        if slope >= 0:  # not a descent direction: restart from steepest descent
            for i in range(n):
                inverse[i][:] = [float(i == j) for j in range(n)]
            direction = [-g for g in grad]
            slope = -sum(g * g for g in grad)
        step = 1.0
        while True:
            trial = [a + step * d for a, d in zip(x, direction)]
            trial_value, trial_grad = f(trial)
            evaluations += 1
            if math.isfinite(trial_value) and trial_value <= value + 1e-4 * step * slope:
                break
            step *= 0.5
            if step < 1e-12:
                break
        if step < 1e-12:
            # No step lowers f beyond rounding: a minimum if the gradient is
            # small (rounding in f hides the last digits of a tiny one).
            if max(map(abs, grad)) <= STALL_GTOL * (1 + abs(value)):
                break
            raise ModelError("model_not_converged", name, iterations=iteration)
        s = [t - a for t, a in zip(trial, x)]
        y = [tg - g for tg, g in zip(trial_grad, grad)]
        sy = sum(a * b for a, b in zip(s, y))
        gain = value - trial_value
        x, value, grad = trial, trial_value, trial_grad
        if gain <= 1e-14 * (1 + abs(value)) and max(map(abs, grad)) <= STALL_GTOL * (1 + abs(value)):
            break  # f no longer changes beyond rounding (a sum of many terms)
        if sy > 1e-12:
            # The BFGS update of the inverse Hessian (Nocedal & Wright eq. 6.17).
            hy = [sum(inverse[i][j] * y[j] for j in range(n)) for i in range(n)]
            yhy = sum(a * b for a, b in zip(y, hy))
            for i in range(n):
                for j in range(n):
                    inverse[i][j] += ((sy + yhy) * s[i] * s[j] / sy ** 2
                                      - (hy[i] * s[j] + s[i] * hy[j]) / sy)
    else:
        raise ModelError("model_not_converged", name, iterations=max_iterations)
    if max(map(abs, x)) > bound:
        raise ModelError("model_not_converged", name, iterations=iteration)
    return Minimum(x, value, iteration, evaluations)


def bfgs_or_none(f: Callable[[list[float]], tuple[float, list[float]]], x0: Sequence[float], *,
                 name: str, max_iterations: int, curvature: list[list[float]] | None = None,
                 **options) -> Minimum | None:
    """``bfgs`` on log-parameters bounded by e^±15, at most 200 iterations, or
    None when it does not converge: the model then falls back to Nelder–Mead."""
    try:
        return bfgs(f, x0, bound=LOG_BOUND, name=name, max_iterations=min(max_iterations, 200),
                    curvature=curvature, **options)
    except ModelError:
        return None


# Every this many evaluations of the exact objective, a fit reports progress.
PROGRESS_EVERY = 50


def bfgs_from_hint(exact: P, coarse: P | None, start: Sequence[float], *, name: str,
                   max_iterations: int, objective: Callable[[P], Callable[[list[float]], float]],
                   with_gradient: Callable[[P, Callable[[list[float]], float]], WithGradient],
                   progress: Callable[[str, int, int | None], None] | None = None,
                   **options) -> Minimum:
    """The search of the model fits: minimise ``objective(exact)`` from *start*.

    *coarse* is an approximate problem (the data rounded: far fewer groups)
    or None; ``objective(problem)`` is its mean negative ln L (inf where
    undefined) and ``with_gradient(problem, f)`` the same with its gradient
    (*f* is that objective, for a gradient by differences). BFGS first runs
    on *coarse*, whose optimum and inverse-Hessian estimate start the exact
    BFGS, which then needs a few steps; if the exact BFGS fails, Nelder–Mead
    from *start* with the coarse objective as its hint (``minimize_with_hint``;
    a failed hint is ignored). *progress* hears ``("fit_<name>", evaluations,
    None)`` as the exact objective is evaluated.
    """
    f = objective(exact)
    if progress is not None:
        f = _reporting(f, progress, f"fit_{name}")
    hint = None if coarse is None else objective(coarse)
    exact_start, curvature = list(start), None
    if coarse is not None:
        size = len(exact_start)
        learned = [[float(i == j) for j in range(size)] for i in range(size)]
        rough = bfgs_or_none(with_gradient(coarse, hint), exact_start, name=name,
                             max_iterations=max_iterations, curvature=learned, **options)
        if rough is not None:
            exact_start, curvature = rough.x, learned
    best = bfgs_or_none(with_gradient(exact, f), exact_start, name=name,
                        max_iterations=max_iterations, curvature=curvature, **options)
    if best is None:  # BFGS failed: the slower, derivative-free search
        best = minimize_with_hint(f, start, hint=hint, max_iterations=max_iterations,
                                  bound=LOG_BOUND, name=name)
    return best


def _reporting(f: Callable[[list[float]], float], progress, step: str) -> Callable[[list[float]], float]:
    evaluations = 0

    def counted(theta: list[float]) -> float:
        nonlocal evaluations
        evaluations += 1
        if evaluations % PROGRESS_EVERY == 0:
            progress(step, evaluations, None)
        return f(theta)
    return counted


def digamma(x: float) -> float:
    """ψ(x) = d ln Γ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to
    x ≥ 10, then the asymptotic series (Abramowitz & Stegun 6.3.18) to the
    x⁻¹⁰ term, whose error there is below 1e-14.

    >>> round(digamma(1.0), 12)  # −Euler's γ
    -0.577215664902
    """
    result = 0.0
    while x < 10.0:
        result -= 1.0 / x
        x += 1.0
    inv = 1.0 / (x * x)
    return result + math.log(x) - 0.5 / x - inv * (1 / 12 - inv * (1 / 120 - inv * (
        1 / 252 - inv * (1 / 240 - inv * (1 / 132)))))


def log_beta(a: float, b: float) -> float:
    """ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), a, b > 0 (the beta
    function of the BG/BB and sBG likelihoods).

    >>> round(math.exp(log_beta(2.0, 3.0)), 12)  # B(2, 3) = 1!·2!/4! = 1/12
    0.083333333333
    """
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
