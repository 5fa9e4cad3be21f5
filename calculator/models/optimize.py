"""Derivative-free minimisation (Nelder–Mead) for the model fits.

The fits minimise a negative log-likelihood over *log*-parameters, so every
point the simplex visits maps to positive parameters and the scale of r
(≈0.2) and α (≈4, or ≈30 in days) does not matter.  The method is Nelder &
Mead (1965), "A simplex method for function minimization", The Computer
Journal 7(4), with the standard coefficients (reflection 1, expansion 2,
contraction ½, shrink ½) as in Lagarias et al. (1998), SIAM J. Optim. 9(1).
After convergence the search restarts once from the best point with a fresh
simplex: a collapsed simplex can stop short of a minimum (McKinnon 1998),
and the restart costs little when it has not.

Non-convergence raises ``InputError("model_not_converged")``: a caller never
gets a silently wrong number.

``minimize_with_hint`` is the two-stage search of the fits on big data: a
cheap approximate problem (the data rounded, far fewer groups) gives the
starting point of the exact one.  The approximate problem is only a hint:
rounding can remove its interior maximum (CDNOW master observed to 2005
rounds the recency of every recent repeat buyer to 0), so when its search
fails the exact search starts from the default point instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..inputs import InputError


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
        raise InputError("model_not_converged", name, iterations=iterations)
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
        except InputError:
            pass
    return nelder_mead(f, start, step=step, max_iterations=max_iterations, bound=bound,
                       name=name)
