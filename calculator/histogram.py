"""The bins of a value distribution chart (the CLV of every customer).

CLV is heavily skewed: a few customers are worth many times the median, so
equal bins up to the maximum would put almost everyone in the first bar.
The bins are therefore equal-width up to the 95th percentile, rounded up
to a "nice" number (1, 2 or 5 × 10^k), and one last open bin ("at least")
holds the rest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["nice_ceiling", "histogram"]

BINS = 10
UPPER_QUANTILE = 0.95


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10^k that is ≥ *value* (> 0).

    >>> nice_ceiling(0.37), nice_ceiling(3), nice_ceiling(420), nice_ceiling(1000)
    (0.5, 5, 500, 1000)
    """
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        candidate = step * 10.0 ** exponent
        if candidate >= value * (1 - 1e-12):
            return int(candidate) if candidate >= 1 else round(candidate, 12)
    raise AssertionError("unreachable")


def histogram(values: Sequence[float], bins: int = BINS) -> list[dict[str, Any]]:
    """``bins`` equal bins ``{"low", "high", "count"}`` from 0, plus an open last bin.

    Bins are [low, high); the last one has ``high`` None and counts every
    value ≥ its ``low``. Negative values (refunds) count in the first bin.

    >>> [(b["low"], b["high"], b["count"]) for b in histogram([1, 2, 2, 3, 9, 10, 50], bins=2)]
    [(0, 5, 4), (5, 10, 1), (10, None, 2)]
    >>> histogram([])
    []
    """
    if not values:
        return []
    ordered = sorted(values)
    top = ordered[int(UPPER_QUANTILE * (len(ordered) - 1))]
    width = nice_ceiling(top / bins) if top > 0 else 1
    edges = [width * k for k in range(bins + 1)]
    counts = [0] * (bins + 1)
    for value in ordered:
        counts[min(bins, max(0, math.floor(value / width)))] += 1
    # The open bin only when something lies beyond the last edge.
    result = [{"low": edges[k], "high": edges[k + 1], "count": counts[k]} for k in range(bins)]
    if counts[bins]:
        result.append({"low": edges[bins], "high": None, "count": counts[bins]})
    return result
