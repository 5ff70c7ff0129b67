"""Ranking the prepared candidates of a located listing from its surroundings outwards.

The members of a prepared set (:mod:`prepared`) are laid on a grid (:mod:`grid`); a located
listing scores those near it first and widens the search until the ``top``-th score found beats
the best score any member further away could reach: its compatibility at the highest, the
quantity fit at the best the set's quantities allow, overlapping windows, and the proximity
and freight parts at that distance. Members without a place are always scored. What is left
out cannot be among the ``top`` best, so the ranking is the one of scoring every member.
"""

from __future__ import annotations

import math

import numpy as np

from dekvep.symbiosis.engine.grid import Grid, box
from dekvep.symbiosis.engine.model import Profile
from dekvep.symbiosis.engine.prepared import Matcher, Prepared, score_members

# sets smaller than this are scored whole: the search would not pay
SMALLEST = 1024
FIRST_KM = 32.0
# beyond half the Earth's circumference every member is within reach
WHOLE_EARTH_KM = 20_100.0


def rank_nearby(
    matcher: Matcher,
    src: Profile,
    p: Prepared,
    org: int | None,
    days: tuple[float, float],
    top: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Indices, scores and distances of enough members to hold the ``top`` best exactly;
    None when the set is better scored whole."""
    listing = src.listing
    if p.idx.size < SMALLEST or listing.latitude is None or listing.longitude is None:
        return None
    if p.grid is None:
        p.grid = Grid(p.lat, p.lon, np.arange(p.idx.size))
    lat, lon = math.radians(listing.latitude), math.radians(listing.longitude)
    most = _most(matcher, p, listing.tonnes_per_year)
    end = min(p.limit, WHOLE_EARTH_KM)
    radius = p.settled
    while True:
        last = radius >= end
        members = p.grid.within(box(lat, lon, end if last else radius))
        if not last and members.size < top:
            radius *= 2  # too few even before the checks: widen without scoring
            continue
        found = score_members(matcher, src, p, members, org, days)
        if last:
            return found
        size = found[1].size
        if size >= top:
            kth = np.partition(found[1], size - top)[size - top]
            if kth > _bound(matcher, p, most, radius) + 1e-9:
                p.settled = radius
                return found
        radius *= 2


def _most(matcher: Matcher, p: Prepared, tonnes: float) -> float:
    """The highest score of a member at no distance: all but the place at its best."""
    s = matcher.settings
    low, high, unknown = p.tonnes_range
    if tonnes > 0 and high > 0:
        fit = 1.0
        if tonnes < low:
            fit = math.sqrt(tonnes / low)
        elif tonnes > high:
            fit = math.sqrt(high / tonnes)
        if unknown:
            fit = max(fit, 0.5)
    else:
        fit = 0.5 if (unknown or tonnes <= 0) else 1.0
    return s.base + s.w_quantity * fit + s.w_time


def _bound(matcher: Matcher, p: Prepared, most: float, distance: float) -> float:
    """The best score of a member further than ``distance`` km."""
    s = matcher.settings
    near = math.exp(-distance / s.proximity_km)
    cheap = 1.0 - min(1.0, distance / p.limit) if p.limit > 0 else 0.0
    return p.highest * (most + s.w_geo * (0.5 * near + 0.5 * cheap))
