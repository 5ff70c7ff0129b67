"""Statistical disclosure control for every figure published about a group of firms.

- Percentiles and quartiles only for groups of at least ``MIN_FIRMS`` (5) firms: with 3 firms
  the quartiles are the firms' own values; with 4, one firm knowing its own value recovers the
  others. Below that, only the published reference range and the firm's position are shown.
- Totals only for at least ``MIN_FIRMS_TOTAL`` (3) firms and when no single firm makes up more
  than ``DOMINANCE`` (50 %) of the total (the dominance rule).
- Published group figures are rounded to ``SIGNIFICANT`` (2) significant figures, and no mean
  is published (mean × n minus the known values gives the rest back); a firm's own percentile
  is published in bands of ``PERCENTILE_BAND`` (10) points.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

MIN_FIRMS = 5
MIN_FIRMS_TOTAL = 3
DOMINANCE = 0.5
SIGNIFICANT = 2
PERCENTILE_BAND = 10


def round_sig(value: float | None, digits: int = SIGNIFICANT) -> float | None:
    """``value`` rounded to ``digits`` significant figures (0 stays 0)."""
    if value is None or value == 0 or not math.isfinite(value):
        return value
    magnitude = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - magnitude)


def band(percentile: float | None) -> float | None:
    """A firm's percentile rounded to the nearest band (10, 20, ... 100)."""
    if percentile is None:
        return None
    return float(min(100, max(0, PERCENTILE_BAND * round(percentile / PERCENTILE_BAND))))


def quartiles(values: Iterable[float | None]) -> dict | None:
    """Count, lower quartile, median and upper quartile, rounded; None below MIN_FIRMS."""
    data = sorted(v for v in values if v is not None)
    if len(data) < MIN_FIRMS:
        return None
    q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return {
        "firms": len(data),
        "p25": round_sig(q1),
        "median": round_sig(median),
        "p75": round_sig(q3),
    }


def total(values: Iterable[float | None]) -> float | None:
    """The rounded group total, None when too few firms reported or one firm dominates."""
    data = [v for v in values if v is not None]
    if len(data) < MIN_FIRMS_TOTAL:
        return None
    whole = sum(data)
    if whole <= 0:
        return 0.0 if whole == 0 else None
    if max(data) > DOMINANCE * whole:
        return None
    return round_sig(whole)
