"""Benchmarks: a firm's percentile among its programme peers and its position against
published reference ranges (``data/reference_ranges.csv``).

Peer figures follow the disclosure rules of ``disclosure``: percentiles only for groups of at
least ``MIN_GROUP`` (5) firms, in bands of 10 points; quartiles rounded and no mean. A value the
firm did not report is left out of every group (never counted as zero).
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .disclosure import MIN_FIRMS, band, quartiles

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MIN_GROUP = MIN_FIRMS
# Indicators compared among peers, and whether lower is better.
INDICATORS: dict[str, bool] = {
    "energy_kwh_per_t": True,
    "water_m3_per_t": True,
    "waste_kg_per_t": True,
    "ghg_tco2e_per_t": True,
    "recovery_rate": False,
    "mci": False,
    "circular_inflow_pct": False,
}


@dataclass(frozen=True)
class ReferenceRange:
    sector: str
    indicator: str
    low: float
    high: float
    unit: str
    status: str
    source: str
    year: int


@cache
def reference_ranges() -> dict[tuple[str, str], ReferenceRange]:
    """(sector, indicator) → published range."""
    ranges = {}
    with (DATA_DIR / "reference_ranges.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ranges[(row["sector"], row["indicator"])] = ReferenceRange(
                row["sector"],
                row["indicator"],
                float(row["low"]),
                float(row["high"]),
                row["unit"],
                row["status"],
                row["source"],
                int(row["year"]),
            )
    return ranges


def reference_position(sector: str, indicator: str, value: float | None) -> dict | None:
    """``below``, ``within`` or ``above`` the published range, with the range and its source."""
    ref = reference_ranges().get((sector, indicator))
    if ref is None or value is None:
        return None
    where = "below" if value < ref.low else "above" if value > ref.high else "within"
    return {
        "position": where,
        "low": ref.low,
        "high": ref.high,
        "unit": ref.unit,
        "status": ref.status,
        "source": ref.source,
        "year": ref.year,
    }


def percentile_rank(value: float, sorted_values: list[float]) -> float | None:
    """Percent of the group below ``value`` (ties count half); None below MIN_GROUP values."""
    n = len(sorted_values)
    if n < MIN_GROUP:
        return None
    below = bisect.bisect_left(sorted_values, value)
    equal = bisect.bisect_right(sorted_values, value) - below
    return 100 * (below + equal / 2) / n


def performance_percentile(
    indicator: str, value: float, sorted_values: list[float]
) -> float | None:
    """Percent of peers this firm does better than (direction taken from INDICATORS), in bands
    of 10 points."""
    rank = percentile_rank(value, sorted_values)
    if rank is None:
        return None
    return band(100 - rank if INDICATORS[indicator] else rank)


def group_percentiles(
    firms: Iterable[tuple[str, str, dict[str, float | None]]],
) -> dict[str, dict[str, float | None]]:
    """For ``(firm key, group key, indicators)`` tuples: firm key → indicator → performance
    percentile within its group (None when fewer than MIN_GROUP firms have a value)."""
    firms = list(firms)
    groups: dict[tuple[str, str], list[float]] = {}
    for _, group, values in firms:
        for name in INDICATORS:
            if values.get(name) is not None:
                groups.setdefault((group, name), []).append(values[name])
    for values in groups.values():
        values.sort()
    result: dict[str, dict[str, float | None]] = {}
    for key, group, values in firms:
        result[key] = {
            name: performance_percentile(name, values[name], groups[(group, name)])
            if values.get(name) is not None
            else None
            for name in INDICATORS
        }
    return result


def summary(values: Iterable[float | None]) -> dict | None:
    """Count, quartiles and median of a group (rounded, no mean); None below MIN_GROUP values
    (values not reported are left out)."""
    return quartiles(values)
