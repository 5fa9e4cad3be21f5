"""The BG/BB model of discrete-time, non-contractual repeat transactions.

Fader, P. S., Hardie, B. G. S. & Shang, J. (2010), "Customer-base analysis
in a discrete-time noncontractual setting", Marketing Science 29(6),
1086–1108 (below: FHS).  There are n transaction opportunities after the
first (yearly donations, annual events, each issue of a magazine).  While
alive a customer transacts at each with probability p ~ beta(α, β); before
each opportunity they die with probability θ ~ beta(γ, δ).  A customer's
data are x transactions, the last at opportunity t_x, out of n; a summary
row adds how many customers share that (x, t_x, n).

The likelihood, E[X(n)], P(alive at n + 1) and E[X(n, n + n*) | x, t_x, n]
below are FHS's (section 3 and the appendix).  The 1995 cohort of
donors to a US non-profit (11,104 people, 6 later opportunities; the
lifetimes package ships it as donations.csv) gives α = 1.204, β = 0.750,
γ = 0.657, δ = 2.783 (FHS section 4), a case in cases.toml.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import exp, lgamma, log
from typing import Any, NamedTuple

from ..inputs import InputError, non_negative, positive
from .optimize import log_beta, nelder_mead
from .spec import DISCRETE_NONCONTRACTUAL, DiscretePurchaseModel


class Params(NamedTuple):
    """BG/BB parameters: p ~ beta(α, β) transacting, θ ~ beta(γ, δ) dying."""
    alpha: float
    beta: float
    gamma: float
    delta: float


@dataclass(frozen=True)
class Fit:
    """A maximum-likelihood fit: parameters, ln L, customers, work."""
    params: Params
    log_likelihood: float
    customers: float
    evaluations: int


def _log_terms(params: Params, x: int, t_x: int, n: int) -> list[float]:
    """The logs of the terms of FHS's likelihood: alive through n, then dying after
    opportunity t_x + i, i = 0 … n − t_x − 1."""
    alpha, beta, gamma, delta = params
    base = log_beta(alpha, beta) + log_beta(gamma, delta)
    terms = [log_beta(alpha + x, beta + n - x) + log_beta(gamma, delta + n) - base]
    for i in range(n - t_x):
        terms.append(log_beta(alpha + x, beta + t_x - x + i)
                     + log_beta(gamma + 1, delta + t_x + i) - base)
    return terms


def _log_sum(values: Sequence[float]) -> float:
    top = max(values)
    return top + log(math.fsum(exp(v - top) for v in values))


def log_likelihood(params: Params, x: int, t_x: int, n: int) -> float:
    """ln L(α, β, γ, δ | x, t_x, n), FHS, for one customer.

    >>> round(log_likelihood(Params(1.204, 0.750, 0.657, 2.783), 0, 0, 6), 4)
    -1.1673
    """
    x, t_x, n = _history(x, t_x, n)
    return _log_sum(_log_terms(params, x, t_x, n))


def fit(summary: Iterable[Sequence[float]], max_iterations: int = 5000) -> Fit:
    """Maximum-likelihood (α, β, γ, δ) from rows (x, t_x, n, customers), or
    (x, t_x, n) for one customer each.

    Nelder–Mead on the log-parameters.  Raises ``InputError`` for an
    impossible row and ``not_enough_repeat_buyers`` when nobody transacted
    again (the model is then not identified).
    """
    rows = []
    for row in summary:
        if isinstance(row, (str, bytes)) or len(row) not in (3, 4):
            raise InputError("not_a_number", "summary", text=str(row))
        x, t_x, n = _history(*row[:3])
        count = non_negative("summary", row[3]) if len(row) == 4 else 1.0
        if count:
            rows.append((x, t_x, n, count))
    if not rows:
        raise InputError("required", "summary")
    customers = math.fsum(c for *_, c in rows)
    repeat = math.fsum(c for x, _, _, c in rows if x > 0)
    if not repeat:
        raise InputError("not_enough_repeat_buyers", "bgbb", repeat=0)
    evaluations = 0

    def total(params: Params) -> float:
        return math.fsum(c * _log_sum(_log_terms(params, x, t_x, n)) for x, t_x, n, c in rows)

    def objective(theta: list[float]) -> float:
        nonlocal evaluations
        evaluations += 1
        try:
            return -total(Params(*map(exp, theta))) / customers
        except (OverflowError, ValueError, ZeroDivisionError):
            return math.inf

    # Parameters beyond e^±15 mean the likelihood has no interior maximum.
    best = nelder_mead(objective, [0.0, 0.0, 0.0, 0.0], max_iterations=max_iterations,
                       bound=15.0, name="bgbb")
    params = Params(*map(exp, best.x))
    return Fit(params, total(params), customers, best.evaluations)


def probability_alive(params: Params, x: int, t_x: int, n: int) -> float:
    """P(alive at opportunity n + 1 | x, t_x, n), FHS:
    B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+1)/B(γ, δ) / L.

    >>> round(probability_alive(Params(1.204, 0.750, 0.657, 2.783), 6, 6, 6), 4)
    0.9304
    """
    alpha, beta, gamma, delta = params
    x, t_x, n = _history(x, t_x, n)
    alive = (log_beta(alpha + x, beta + n - x) - log_beta(alpha, beta)
             + log_beta(gamma, delta + n + 1) - log_beta(gamma, delta))
    return exp(alive - log_likelihood(params, x, t_x, n))


def expected_purchases(params: Params, n: int) -> float:
    """E[X(n)], the expected transactions of a new customer in n opportunities,
    FHS: α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ) Γ(1+δ+n) / (Γ(γ+δ+n) Γ(1+δ))].

    >>> round(expected_purchases(Params(1.204, 0.750, 0.657, 2.783), 6), 4)
    2.2196
    """
    alpha, beta, gamma, delta = params
    n = _whole("n", n)
    return alpha / (alpha + beta) * _alive_opportunities(gamma, delta, 0, n)


def _alive_opportunities(gamma: float, delta: float, start: int, count: int) -> float:
    """Σ_{k=start+1..start+count} E[(1−θ)^k] = δ/(γ−1) Γ(γ+δ)/Γ(1+δ) ·
    [Γ(1+δ+start)/Γ(γ+δ+start) − Γ(1+δ+start+count)/Γ(γ+δ+start+count)],
    the expected number of those opportunities one is alive at (γ ≠ 1)."""
    if abs(gamma - 1) < 1e-9:
        gamma = 1 + 1e-9  # removable singularity
    scale = lgamma(gamma + delta) - lgamma(1 + delta)
    first = exp(scale + lgamma(1 + delta + start) - lgamma(gamma + delta + start))
    last = exp(scale + lgamma(1 + delta + start + count) - lgamma(gamma + delta + start + count))
    return delta / (gamma - 1) * (first - last)


def conditional_expected_purchases(params: Params, future: int, x: int, t_x: int,
                                   n: int) -> float:
    """E[X(n, n + n*) | x, t_x, n], the expected transactions in the next
    n* = *future* opportunities, FHS:
    B(α+x+1, β+n−x)/B(α, β) · Σ_{k=n+1..n+n*} B(γ, δ+k)/B(γ, δ) / L.

    >>> round(conditional_expected_purchases(Params(1.204, 0.750, 0.657, 2.783), 5, 6, 6, 6), 4)
    3.7521
    """
    alpha, beta, gamma, delta = params
    x, t_x, n = _history(x, t_x, n)
    future = _whole("future", future)
    buying = exp(log_beta(alpha + x + 1, beta + n - x) - log_beta(alpha, beta)
                 - log_likelihood(params, x, t_x, n))
    return buying * _alive_opportunities(gamma, delta, n, future)


def summary_from_log(data: Any, *, unit: str = "year", start: str | None = None,
                     end: str | None = None, **read_options: Any) -> dict[str, Any]:
    """The BG/BB's data from a transaction CSV cut into periods of one *unit*.

    Periods are [start + k·unit, start + (k+1)·unit), k = 0, 1, … (*start*
    defaults to the first date in the file, *end*, inclusive, to the last);
    only whole periods up to *end* count.  A customer's first period is the
    one of their first purchase; each later period with a purchase is one
    transaction (refunds, negative amounts, are no purchases, as in
    ``customers``): x of them, the last t_x periods after the first, out of
    the n whole periods that followed it.  Customers with n = 0 (first
    purchase in the last whole period or after it) have no opportunity yet
    and are counted, not used.  Returns ``summary``, rows (x, t_x, n,
    customers) for ``fit``, and counts.

    >>> log = "customer,date,amount\\na,2020-03-01,5\\na,2021-05-01,5\\nb,2020-06-01,5\\n"
    >>> summary_from_log(log, start="2020-01-01", end="2021-12-31")["summary"]
    [[0, 0, 1, 1], [1, 1, 1, 1]]
    """
    from datetime import date as _date

    from ..transactions import UNIT_DAYS, parse_date, read_transactions
    if unit not in UNIT_DAYS:
        raise InputError("not_one_of", "unit", text=str(unit), choices=", ".join(UNIT_DAYS))
    bounds = {}
    for name, value in (("start", start), ("end", end)):
        try:
            bounds[name] = parse_date(value).toordinal() if value else None
        except ValueError:
            raise InputError("not_a_date", name, text=str(value)) from None
    days: dict[str, set[int]] = {}
    for customer, day, amount in read_transactions(data, **read_options):
        if amount >= 0:
            days.setdefault(customer, set()).add(day.toordinal())
    if not days:
        raise InputError("no_transactions", "file")
    first = bounds["start"] or min(min(d) for d in days.values())
    last = bounds["end"] or max(max(d) for d in days.values())
    length = UNIT_DAYS[unit]
    whole_periods = math.floor((last - first + 1) / length)  # periods 0 … whole_periods − 1
    counts: dict[tuple[int, int, int], int] = {}
    waiting = 0
    for purchases in days.values():
        periods = sorted({math.floor((d - first) / length) for d in purchases
                          if first <= d <= last})
        periods = [k for k in periods if k < whole_periods]
        if not periods or periods[0] == whole_periods - 1:
            waiting += 1
            continue
        k0 = periods[0]
        x = len(periods) - 1
        key = (x, periods[-1] - k0 if x else 0, whole_periods - 1 - k0)
        counts[key] = counts.get(key, 0) + 1
    summary = [[*key, n] for key, n in sorted(counts.items())]
    return {"summary": summary, "customers": sum(counts.values()),
            "repeat_transactions": sum(x * n for (x, _, _), n in counts.items()),
            "without_opportunity": waiting, "periods": whole_periods,
            "start": _date.fromordinal(first).isoformat(), "end": _date.fromordinal(last).isoformat()}


def _whole(name: str, value: Any) -> int:
    number = non_negative(name, value)
    if number != int(number):
        raise InputError("must_be_whole", name, value=number)
    return int(number)


def _history(x: Any, t_x: Any, n: Any) -> tuple[int, int, int]:
    """(x, t_x, n) as whole numbers with 0 ≤ x ≤ t_x ≤ n, x = 0 iff t_x = 0."""
    x, t_x, n = _whole("frequency", x), _whole("recency", t_x), _whole("n", n)
    positive("n", n)
    if t_x > n:
        raise InputError("exceeds", "recency", other="n", value=t_x)
    if x > t_x or (x == 0) != (t_x == 0):
        raise InputError("exceeds", "frequency", other="recency", value=x)
    return x, t_x, n


MODEL = DiscretePurchaseModel(
    id="bgbb", name="BG/BB", setting=DISCRETE_NONCONTRACTUAL,
    reference="Fader, Hardie & Shang (2010), Marketing Science 29(6), 1086-1108",
    params=Params, fit=fit, probability_alive=probability_alive,
    expected_purchases=expected_purchases,
    conditional_expected_purchases=conditional_expected_purchases)
