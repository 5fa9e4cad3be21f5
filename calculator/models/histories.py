"""Customer histories (x, t_x, T) grouped once for the continuous-time purchase
models (BG/NBD, MBG/NBD, Pareto/NBD), the dropout term BG/NBD and MBG/NBD share,
and their fit from a rounded hint.

Grouping: customers with the same (x, t_x, T) add the same term to ln L, so
each distinct history is evaluated once and weighted by its count; the terms
that depend on x or T alone are summed per x or per T.

On big data the histories rounded to a grid (far fewer groups) start the
search (``hint``, ``optimize.bfgs_from_hint``). ``mean_objective`` and
``mean_with_gradient`` are what that search minimises: −ln L/n over the
log-parameters, with its gradient.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from math import exp, log, log1p

from .optimize import WithGradient

__all__ = ["HINT_ABOVE", "HINT_GRAIN", "Histories", "mean_objective", "mean_with_gradient"]

# Above this many (T, t_x) cells a rounded copy of the data gives the search
# its start: below it the exact likelihood is already cheap.
HINT_ABOVE = 4096
# The grid of the rounded copy: 1/HINT_GRAIN of the longest T, so at most
# (HINT_GRAIN + 1)² groups per x.
HINT_GRAIN = 32


class Histories:
    """(x, t_x, T) per customer, identical histories counted once.

    ``groups`` counts each distinct history; ``by_x`` the customers per x;
    ``T_values`` are the distinct T, sorted, and ``n_T`` and ``x_T`` the
    customers and Σ x per T; ``by_history[x]`` holds the groups with x
    repeat purchases as three columns: their counts, T and t_x.

    The times are arrays of doubles (``array("d")``), not lists of floats.
    Why: every evaluation of ln L passes over all of them, and the floats
    parsed from the data lie scattered over the heap, so such a pass misses
    the cache at almost every step. An array's doubles lie side by side, and
    the float read from it each step is a fresh object on a hot free list:
    on 100,000 continuous-time histories each gradient takes a third of the
    time it took with lists.
    """

    def __init__(self, data: Iterable[tuple[int, float, float]] | Counter) -> None:
        groups = data if isinstance(data, Counter) else Counter(
            (int(x), float(t_x), float(T)) for x, t_x, T in data)
        for x, t_x, T in groups:
            if x < 0 or not 0 <= t_x <= T or (x == 0 and t_x != 0):
                raise ValueError(f"impossible history x={x}, t_x={t_x}, T={T}")
        self.groups = groups
        self.n = sum(groups.values())
        self.repeat_purchases = sum(count * x for (x, _, _), count in groups.items())
        self.total_T = sum(count * T for (_, _, T), count in groups.items())
        # One pass over the histories in the order of T, which sums the
        # customers of each distinct T as it goes (no separate set, sort and
        # index of the T).
        self.T_values = array("d")
        self.n_T: list[int] = []
        self.x_T: list[int] = []
        self.by_history: dict[int, tuple[list[int], array, array]] = {}
        last = None
        for (x, t_x, T), count in sorted(groups.items(), key=_T_of):
            if T != last:
                self.T_values.append(T)
                self.n_T.append(count)
                self.x_T.append(count * x)
                last = T
            else:
                self.n_T[-1] += count
                self.x_T[-1] += count * x
            if x not in self.by_history:
                self.by_history[x] = ([], array("d"), array("d"))
            counts, Ts, ts = self.by_history[x]
            counts.append(count)
            Ts.append(T)
            ts.append(t_x)
        self.by_x: Counter[int] = Counter(
            {x: sum(counts) for x, (counts, _, _) in self.by_history.items()})

    # The dropout term of BG/NBD (FHL eq. 6) and MBG/NBD (BDF eq. 11): per
    # distinct history, ln(1 + eᵘ) with eᵘ = a/(b + x − first) ((α+T)/(α+t_x))^{r+x},
    # the odds that the customer dropped out after the last purchase; it exists
    # for x ≥ first (BG/NBD: first = 1, no term without a repeat purchase;
    # MBG/NBD: first = 0). ln(1 + eᵘ) is u itself to within 1e-16 once u > 37
    # (and exp would overflow past 709). The running sums are passed in and
    # returned, so each model adds these terms in the order it always has.

    def add_dropout(self, total: float, r: float, alpha: float, a: float, b: float,
                    first: int) -> float:
        """*total* plus Σ n ln(1 + eᵘ) over the histories with x ≥ *first*."""
        log_a = log(a)
        for x, (counts, Ts, ts) in self.by_history.items():
            if x < first:
                continue
            ln_ratio, k = log_a - log(b + x - first), r + x
            for n, T, t_x in zip(counts, Ts, ts):
                u = ln_ratio + k * log((alpha + T) / (alpha + t_x))
                total += n * (u if u > 37.0 else log1p(exp(u)))
        return total

    def add_dropout_with_gradient(self, sums: list[float], r: float, alpha: float, a: float,
                                  b: float, first: int) -> list[float]:
        """*sums* = [ln L, ∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b] plus the dropout terms and their
        derivatives; σ(u) = 1/(1 + e⁻ᵘ) is each term's weight."""
        total, d_r, d_alpha, d_a, d_b = sums
        log_a = log(a)
        for x, (counts, Ts, ts) in self.by_history.items():
            if x < first:
                continue
            ln_ratio, k = log_a - log(b + x - first), r + x
            s_sum = s_log = s_inv = 0.0
            for n, T, t_x in zip(counts, Ts, ts):
                shifted_T, shifted_t = alpha + T, alpha + t_x
                gap = log(shifted_T / shifted_t)
                u = ln_ratio + k * gap
                if u > 37.0:
                    total += n * u
                    weight = n
                else:
                    e = exp(u)
                    total += n * log1p(e)
                    weight = n * (e / (1 + e))
                s_sum += weight
                s_log += weight * gap
                s_inv += weight * (1 / shifted_T - 1 / shifted_t)
            d_r += s_log
            d_alpha += k * s_inv
            d_a += s_sum / a
            d_b -= s_sum / (b + x - first)
        return [total, d_r, d_alpha, d_a, d_b]

    def wants_hint(self) -> bool:
        """Whether the data has enough distinct (T, t_x) cells for the rounded start
        to pay (past HINT_ABOVE distinct T, whatever the t_x)."""
        return (len(self.T_values) > HINT_ABOVE
                or len(self.T_values) * len({t_x for _, t_x, _ in self.groups}) > HINT_ABOVE)

    def hint(self) -> Histories | None:
        """The rounded copy that starts the fit (``optimize.bfgs_from_hint``), or
        None where the data has too few distinct times for it to pay."""
        return self.rounded() if self.wants_hint() else None

    def rounded(self) -> Histories:
        """The same customers with t_x and T rounded to 1/HINT_GRAIN of the longest T."""
        grain = self.T_values[-1] / HINT_GRAIN
        rounded: Counter = Counter()
        for (x, t_x, T), count in self.groups.items():
            rounded[x, round(t_x / grain) * grain, round(T / grain) * grain] += count
        return type(self)(rounded)


def _T_of(item: tuple[tuple[int, float, float], int]) -> float:
    return item[0][2]


Objective = Callable[[list[float]], float]


def mean_objective(log_likelihood: Callable[[tuple[float, ...]], float], params: type,
                   n: int) -> Objective:
    """θ ↦ −ln L(e^θ)/n. Only overflow (a parameter e^θ, or a term too large
    for a float) and underflow (a parameter e^θ that is 0) leave a point
    without a value (inf); any other exception is a bug and propagates."""
    def objective(theta: list[float]) -> float:
        try:
            values = params(*map(math.exp, theta))
            if not all(0 < value < math.inf for value in values):
                return math.inf
            return -log_likelihood(values) / n
        except OverflowError:
            return math.inf
    return objective


def mean_with_gradient(gradient: Callable[[tuple[float, ...]], tuple[float, list[float]]],
                       params: type, n: int) -> WithGradient:
    """θ ↦ (−ln L/n, its gradient in θ) from ``gradient(p) = (ln L, ∂ ln L/∂p)``:
    ∂/∂θᵢ = pᵢ ∂/∂pᵢ for θ = ln p. Undefined points as in ``mean_objective``,
    with a zero gradient."""
    def f(theta: list[float]) -> tuple[float, list[float]]:
        try:
            values = params(*map(math.exp, theta))
            if not all(0 < value < math.inf for value in values):
                return math.inf, [0.0] * len(theta)
            value, grad = gradient(values)
        except OverflowError:
            return math.inf, [0.0] * len(theta)
        return -value / n, [-p * g / n for p, g in zip(values, grad)]
    return f
