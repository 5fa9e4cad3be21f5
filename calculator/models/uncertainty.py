"""Standard errors from the observed information, and a delta-method interval.

At the maximum-likelihood estimate θ̂ the covariance of the estimator is
approximately the inverse of the observed information, I(θ̂) = −∂² ln L /
∂θ ∂θᵀ (e.g. Pawitan 2001, *In All Likelihood*, section 9.4; lifetimes'
``standard_errors_`` is the same quantity).  The Hessian is taken by
central differences with steps relative to each parameter, so the result
does not depend on the parameter's unit.

For a quantity g(θ) (total CLV) the delta method gives
Var g ≈ ∇gᵀ I⁻¹ ∇g (Pawitan 2001, section 4.7); ``delta_interval`` returns
g ± 1.96 sd, a 95 % interval that reflects the uncertainty of the
parameters only, not the randomness of future purchases;
``delta_intervals`` does the same for several quantities of one θ (the
residual CLV of each customer segment) from one set of shifted evaluations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

# Relative step of the finite differences: the truncation error is O(h²)
# and the rounding error O(ε |ln L| / h²); 1e-4 balances both for ln L up
# to 1e7 (about 1e-7 relative error each way).
STEP = 1e-4
Z_95 = 1.959963984540054  # the 97.5 % normal quantile


def observed_information(log_likelihood: Callable[[tuple[float, ...]], float],
                         params: Sequence[float]) -> list[list[float]]:
    """−∂² ln L / ∂θ_i ∂θ_j at *params*, by central differences.

    >>> info = observed_information(lambda p: -(p[0] - 1) ** 2 - 3 * p[0] * p[1] - p[1] ** 2, [1.0, 2.0])
    >>> [[round(v, 6) for v in row] for row in info]
    [[2.0, 3.0], [3.0, 2.0]]
    """
    theta = [float(p) for p in params]
    steps = [STEP * max(abs(p), 1e-8) for p in theta]
    n = len(theta)

    def at(shifts: dict[int, float]) -> float:
        return log_likelihood(tuple(p + shifts.get(i, 0.0) for i, p in enumerate(theta)))

    centre = at({})
    info = [[0.0] * n for _ in range(n)]
    for i in range(n):
        h = steps[i]
        info[i][i] = -(at({i: h}) - 2 * centre + at({i: -h})) / (h * h)
        for j in range(i):
            k = steps[j]
            value = -(at({i: h, j: k}) - at({i: h, j: -k}) - at({i: -h, j: k})
                      + at({i: -h, j: -k})) / (4 * h * k)
            info[i][j] = info[j][i] = value
    return info


def inverse(matrix: Sequence[Sequence[float]]) -> list[list[float]]:
    """The inverse of a square matrix by Gauss–Jordan elimination with partial
    pivoting; ``ValueError`` if it is singular.

    >>> inverse([[4.0, 7.0], [2.0, 6.0]])
    [[0.6, -0.7], [-0.2, 0.4]]
    """
    n = len(matrix)
    work = [list(map(float, row)) + [float(i == j) for j in range(n)] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(work[r][col]))
        if work[pivot][col] == 0:
            raise ValueError("singular matrix")
        work[col], work[pivot] = work[pivot], work[col]
        scale = work[col][col]
        work[col] = [v / scale for v in work[col]]
        for r in range(n):
            if r != col and work[r][col]:
                factor = work[r][col]
                work[r] = [a - factor * b for a, b in zip(work[r], work[col])]
    return [[round(v, 15) for v in row[n:]] for row in work]


def covariance(log_likelihood: Callable[[tuple[float, ...]], float],
               params: Sequence[float]) -> list[list[float]] | None:
    """I(θ̂)⁻¹, or None when the information is singular or not positive
    definite (θ̂ is then not an interior maximum: no standard errors)."""
    try:
        cov = inverse(observed_information(log_likelihood, params))
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    if any(not (cov[i][i] > 0 and math.isfinite(cov[i][i])) for i in range(len(cov))):
        return None
    return cov


def standard_errors(log_likelihood: Callable[[tuple[float, ...]], float],
                    params: Sequence[float]) -> list[float] | None:
    """√diag I(θ̂)⁻¹: the standard error of each parameter (None: see ``covariance``).

    >>> # n draws of N(μ, 1): ln L = −Σ(yᵢ − μ)²/2, SE(μ̂) = 1/√n.
    >>> ys = [0.5, 1.5, 1.0, 2.0]
    >>> [round(v, 6) for v in standard_errors(lambda p: -sum((y - p[0]) ** 2 for y in ys) / 2, [1.25])]
    [0.5]
    """
    cov = covariance(log_likelihood, params)
    return None if cov is None else [math.sqrt(cov[i][i]) for i in range(len(cov))]


def delta_interval(value: Callable[[tuple[float, ...]], float], params: Sequence[float],
                   cov: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """(g(θ̂), lower, upper): g ± 1.96 √(∇gᵀ Σ ∇g), ∇g by central differences.

    >>> # g = 2θ with Var θ̂ = 0.25: sd 1, so 10 ± 1.96.
    >>> [round(v, 4) for v in delta_interval(lambda p: 2 * p[0], [5.0], [[0.25]])]
    [10.0, 8.04, 11.96]
    """
    return delta_intervals(lambda theta: (value(theta),), params, cov)[0]


def delta_intervals(values: Callable[[tuple[float, ...]], Sequence[float]], params: Sequence[float],
                    cov: Sequence[Sequence[float]]) -> list[tuple[float, float, float]]:
    """``delta_interval`` for several quantities g_1 … g_m of the same θ at once
    (the segments' CLVs): one (g_j(θ̂), lower, upper) per quantity, each
    g_j ± 1.96 √(∇g_jᵀ Σ ∇g_j).  The 2·len(θ) shifted evaluations are shared,
    so m quantities cost what one does.

    >>> # g = (θ₀ + θ₁, θ₀ − θ₁), Var θ₀ = Var θ₁ = 1, Cov = 0.5: Var g = (3, 1).
    >>> [[round(v, 4) for v in row] for row in delta_intervals(
    ...     lambda p: (p[0] + p[1], p[0] - p[1]), [2.0, 1.0], [[1.0, 0.5], [0.5, 1.0]])]
    [[3.0, -0.3948, 6.3948], [1.0, -0.96, 2.96]]
    """
    theta = [float(p) for p in params]
    centre = list(values(tuple(theta)))
    grads = [[0.0] * len(theta) for _ in centre]
    for i, p in enumerate(theta):
        h = STEP * max(abs(p), 1e-8)
        up = values(tuple(q + h if j == i else q for j, q in enumerate(theta)))
        down = values(tuple(q - h if j == i else q for j, q in enumerate(theta)))
        for g, (u, d) in enumerate(zip(up, down)):
            grads[g][i] = (u - d) / (2 * h)
    shown = []
    for value, grad in zip(centre, grads):
        variance = sum(grad[i] * cov[i][j] * grad[j]
                       for i in range(len(theta)) for j in range(len(theta)))
        sd = math.sqrt(max(variance, 0.0))
        shown.append((value, value - Z_95 * sd, value + Z_95 * sd))
    return shown
