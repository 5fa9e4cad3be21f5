"""The tracking plot: expected against actual cumulative repeat purchases over time.

Fader, Hardie & Lee (2005), "Counting your customers the easy way", §4 and
the cumulative tracking figure (Figure 3, CDNOW, weekly; verify the number
against the PDF): for each time τ since the start of the log,

    actual(τ)   = repeat purchases made by day τ by the customers observed,
    expected(τ) = Σ_i E[X(τ − s_i)]  over customers with trial day s_i < τ,

with E[X(t)] the purchase model's expected repeat purchases of a new
customer in (0, t] (for the BG/NBD FHL eq. (9); any ``spec.PurchaseModel``'s
``expected_purchases``).  Only customers whose first purchase is on or before
the model's end date count (the model knows nothing of later ones); their
purchases after the end date are the holdout part of the plot.

Conventions as in ``customers.summarize``: a purchase is a purchase
*day* (several orders on one day are one purchase), time is whole days
divided by the unit's length, and period k ends on the last whole day of
the first k units, the day on which ``T`` would be k units.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from .models import bgnbd
from .transactions import UNIT_DAYS, parse_date, read_transactions

# A daily plot of a long log has thousands of points; beyond this many
# periods the points are spread evenly (the last one kept).
MAX_POINTS = 400


def tracking_series(transactions: Iterable[tuple[str, date, Any]], params: Any, *,
                    unit: str = "week", end: date | str | None = None,
                    expected_purchases: Callable[[Any, float], float] = bgnbd.expected_purchases,
                    ) -> dict[str, Any]:
    """Cumulative actual and expected repeat purchases per *unit* from the log's start.

    *transactions* are (customer_id, date, ...) tuples, e.g. from
    ``transactions.read_transactions``; *params* a fitted purchase model in
    the same *unit*, whose E[X(t)] is *expected_purchases* (BG/NBD by
    default; pass ``PURCHASE_MODELS[id].expected_purchases``); *end* the
    calibration end (default: the last date).  Returns
    ``{"unit", "start", "end_period", "periods", "actual", "expected"}``:
    ``periods`` are 1, 2, ... (the last may be partial), ``end_period`` the
    period containing *end*.

    >>> log = [("a", date(2024, 1, 1)), ("a", date(2024, 1, 9)), ("b", date(2024, 1, 3)),
    ...        ("b", date(2024, 1, 3)), ("a", date(2024, 1, 20))]
    >>> series = tracking_series(log, bgnbd.Params(0.5, 2.0, 0.5, 2.0), unit="week")
    >>> series["periods"], series["actual"]
    ([1, 2, 3], [0, 1, 2])
    >>> [round(e, 3) for e in series["expected"]]
    [0.34, 0.771, 1.109]
    """
    if unit not in UNIT_DAYS:
        raise ValueError(f"unknown unit {unit!r}")
    if isinstance(end, str):
        end = parse_date(end)
    end_day = end.toordinal() if end else None
    purchase_days: dict[str, set[int]] = {}
    for customer_id, day, *_ in transactions:
        purchase_days.setdefault(customer_id, set()).add(day.toordinal())
    if not purchase_days:
        raise ValueError("no transactions")
    firsts = {c: min(days) for c, days in purchase_days.items()}
    start = min(firsts.values())
    last = max(max(days) for days in purchase_days.values())
    end_day = last if end_day is None else end_day
    scale = UNIT_DAYS[unit]

    # Repeat purchase days per day offset, and new customers per trial offset.
    repeats: dict[int, int] = {}
    trials: dict[int, int] = {}
    for customer_id, days in purchase_days.items():
        first = firsts[customer_id]
        if first > end_day:
            continue
        trials[first - start] = trials.get(first - start, 0) + 1
        for day in days:
            if day != first:
                repeats[day - start] = repeats.get(day - start, 0) + 1

    span = last - start + 1  # days in the log
    count = math.ceil(span / scale)
    periods = list(range(1, count + 1))
    if count > MAX_POINTS:
        step = count / MAX_POINTS
        periods = sorted({math.ceil(i * step) for i in range(1, MAX_POINTS + 1)} | {count})
    # Last day offset in period k: the first k units hold ceil(k·unit) days.
    last_offsets = [min(math.ceil(k * scale - 1e-9), span) - 1 for k in periods]

    # E[X(t)] depends only on the whole days since trial: cache it per day count.
    cache: dict[int, float] = {}

    def expected_after(days: int) -> float:
        if days not in cache:
            cache[days] = expected_purchases(params, days / scale)
        return cache[days]

    trial_items = sorted(trials.items())
    running = 0
    done = -1
    actual, expected = [], []
    for offset in last_offsets:
        running += sum(repeats.get(d, 0) for d in range(done + 1, offset + 1))
        done = offset
        actual.append(running)
        expected.append(math.fsum(n * expected_after(offset - s) for s, n in trial_items
                                  if s < offset))
    return {"unit": unit, "start": date.fromordinal(start).isoformat(),
            "end_period": math.ceil((end_day - start + 1) / scale - 1e-9),
            "periods": periods, "actual": actual, "expected": expected}


def tracking(source: str | bytes, params: Any, *, unit: str = "week",
             end: date | str | None = None,
             expected_purchases: Callable[[Any, float], float] = bgnbd.expected_purchases,
             **read_options: Any) -> dict[str, Any]:
    """``tracking_series`` of a CSV log, read with ``read_transactions(**read_options)``.

    >>> text = "customer,date,amount\\na,2024-01-01,5\\na,2024-01-09,5\\nb,2024-01-03,5\\n"
    >>> tracking(text, bgnbd.Params(0.5, 2.0, 0.5, 2.0))["actual"]
    [0, 1]
    """
    read_options.pop("report", None)
    return tracking_series(read_transactions(source, **read_options), params, unit=unit, end=end,
                           expected_purchases=expected_purchases)
