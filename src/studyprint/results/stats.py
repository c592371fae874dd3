"""Item and test statistics of classical test theory, as pure functions of a score
matrix (one row a student, one column an item, each score from 0 to 1)."""

from __future__ import annotations

import math
from collections.abc import Sequence

#: The share of students in each of the upper and lower groups (Kelley's 27 %).
GROUP_SHARE = 0.27


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def variance(values: Sequence[float]) -> float:
    """Population variance (the one KR-20 and alpha are defined with)."""
    if not values:
        return math.nan
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / len(values)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return math.nan
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; NaN where either side does not vary."""
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return math.nan
    return sxy / math.sqrt(sxx * syy)


def point_biserial(scores: Sequence[Sequence[float]], item: int) -> float:
    """The item's score against the rest of the test (the total without the item), so
    an item does not correlate with itself."""
    own = [row[item] for row in scores]
    rest = [sum(row) - row[item] for row in scores]
    return correlation(own, rest)


def upper_lower(scores: Sequence[Sequence[float]], item: int) -> float:
    """The item's mean score in the top 27 % of students by total, less the bottom's."""
    n = len(scores)
    size = max(1, round(n * GROUP_SHARE))
    ranked = sorted(range(n), key=lambda s: (sum(scores[s]), s))
    lower, upper = ranked[:size], ranked[-size:]
    return mean([scores[s][item] for s in upper]) - mean([scores[s][item] for s in lower])


def alpha(scores: Sequence[Sequence[float]]) -> float:
    """Cronbach's alpha (KR-20 where every item is scored 0 or 1)."""
    k = len(scores[0]) if scores else 0
    if k < 2:
        return math.nan
    totals = [sum(row) for row in scores]
    total_var = variance(totals)
    if total_var == 0:
        return math.nan
    items = sum(variance([row[i] for row in scores]) for i in range(k))
    return k / (k - 1) * (1 - items / total_var)


def kr20(scores: Sequence[Sequence[float]]) -> float:
    """Kuder-Richardson 20, from each item's share right (p) and wrong (q)."""
    k = len(scores[0]) if scores else 0
    if k < 2:
        return math.nan
    total_var = variance([sum(row) for row in scores])
    if total_var == 0:
        return math.nan
    pq = 0.0
    for i in range(k):
        p = mean([row[i] for row in scores])
        pq += p * (1 - p)
    return k / (k - 1) * (1 - pq / total_var)


def sem(scores: Sequence[Sequence[float]], reliability: float) -> float:
    """The standard error of measurement: the spread of totals times sqrt(1 - r)."""
    spread = math.sqrt(variance([sum(row) for row in scores]))
    return (
        spread * math.sqrt(max(0.0, 1 - reliability)) if not math.isnan(reliability) else math.nan
    )


__all__ = [
    "GROUP_SHARE",
    "alpha",
    "correlation",
    "kr20",
    "mean",
    "median",
    "point_biserial",
    "sem",
    "upper_lower",
    "variance",
]
