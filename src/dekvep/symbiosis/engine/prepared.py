"""The candidates of a kind of listing, checked once and laid out for scoring many listings.

Every listing that names the same things, states the same attributes and the same licence has
the same acceptable candidates before place, quantity, dates and firm come in: the checks
(compatibility, licence, refusals, attributes, heat) are run once for all of them and the
members' numbers copied into contiguous arrays, so that each listing then only computes its
distances and scores. The numbers are those :meth:`Matcher._score` computes, operation for
operation, so the ranking is the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from dekvep.symbiosis.engine.constraints import reach_km
from dekvep.symbiosis.engine.geo import EARTH_RADIUS_KM
from dekvep.symbiosis.engine.grid import Grid
from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.model import Profile
from dekvep.symbiosis.engine.scoring import Settings, pair_score, quantity_fit

# elements held over all prepared sets of one matcher before they are dropped and read again
BUDGET = 2_000_000
_OPEN = (-math.inf, math.inf)
# members are scored in tiers of falling compatibility; a tier smaller than this joins the next
TIER = 256


class Matcher(Protocol):
    """What is read here of :class:`index.Matcher`: its members' numbers and checks."""

    knowledge: Knowledge
    settings: Settings
    freight_cost: float
    lat: np.ndarray
    lon: np.ndarray
    tonnes: np.ndarray
    start: np.ndarray
    end: np.ndarray
    org: np.ndarray
    econ: np.ndarray
    reach: np.ndarray
    radius: np.ndarray
    licence: np.ndarray
    hazardous: np.ndarray

    def _compatibility(self, src: Profile) -> tuple[np.ndarray, np.ndarray]: ...

    def _constraints(self, src: Profile, idx: np.ndarray) -> np.ndarray: ...


@dataclass(slots=True)
class Prepared:
    """Acceptable members for one kind of listing, before place, quantity, dates and firm."""

    idx: np.ndarray
    c: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    cos_lat: np.ndarray
    tonnes: np.ndarray
    start: np.ndarray
    end: np.ndarray
    org: np.ndarray
    # per member for a want looking at offers; one number for an offer (the same for all)
    econ: np.ndarray | float
    reach: np.ndarray | float
    per_member: bool
    # (first, end, highest compatibility) of each tier, members ordered by falling compatibility
    tiers: list[tuple[int, int, float]]
    # the transport cut-off (km) of the set, its highest compatibility, and its quantities:
    # (smallest and largest positive, whether any is unknown)
    limit: float
    highest: float
    tonnes_range: tuple[float, float, bool]
    # every member located, of known quantity, with an open window
    plain: bool = False
    grid: Grid | None = None
    # the radius the last search around a listing settled at: the next one starts there
    settled: float = 32.0


def signature(src: Profile) -> tuple:
    """What the prepared set depends on: all the listing's own checks, not its place or size."""
    return (
        src.listing.kind,
        src.materials,
        src.processes,
        src.code,
        src.text_materials,
        src.hazardous,
        src.listing.hazardous_licence,
        src.attrs,
        src.required,
        src.refused,
        src.refused_materials,
        src.temperature,
    )


def prepare(matcher: Matcher, src: Profile, econ_src: float) -> Prepared:
    """The members ``src`` may be matched with, checked for everything but place, size, firm
    and dates (see :meth:`Matcher._score`, which does the same in the same order);
    ``econ_src`` is what a tonne of ``src`` is worth placed."""
    idx, c = matcher._compatibility(src)
    ok = c > 0
    offer = src.listing.kind == "offer"
    if offer:
        if src.hazardous:
            ok = ok & matcher.licence[idx]
    elif not src.listing.hazardous_licence:
        ok = ok & ~matcher.hazardous[idx]
    idx, c = idx[ok], c[ok]
    c = c * matcher._constraints(src, idx)
    ok = c > 0
    idx, c = idx[ok], c[ok]
    order = np.argsort(-c, kind="stable")
    idx, c = idx[order], c[order]
    lat = matcher.lat[idx]
    tonnes = matcher.tonnes[idx]
    if offer:
        econ: np.ndarray | float = econ_src
        reach: np.ndarray | float = reach_km(src, matcher.knowledge)
        limit = _limit(reach, max(econ_src, 1e-9), matcher.freight_cost)
    else:
        econ, reach = matcher.econ[idx], matcher.reach[idx]
        limit = float(matcher.radius[idx].max()) if idx.size else 0.0
    positive = tonnes[tonnes > 0]
    return Prepared(
        idx=idx,
        c=c,
        lat=lat,
        lon=matcher.lon[idx],
        cos_lat=np.cos(lat),
        tonnes=tonnes,
        start=matcher.start[idx],
        end=matcher.end[idx],
        org=matcher.org[idx],
        econ=econ,
        reach=reach,
        per_member=not offer,
        tiers=_tiers(c),
        plain=bool(
            positive.size == tonnes.size
            and not np.isnan(lat).any()
            and (matcher.start[idx] == -math.inf).all()
            and (matcher.end[idx] == math.inf).all()
        ),
        limit=limit,
        highest=float(c[0]) if c.size else 0.0,
        tonnes_range=(
            float(positive.min()) if positive.size else 0.0,
            float(positive.max()) if positive.size else 0.0,
            positive.size < tonnes.size,
        ),
    )


def _limit(reach: float, econ: float, freight_cost: float) -> float:
    if math.isfinite(reach):
        return reach
    return econ / freight_cost if freight_cost > 0 else math.inf


def _tiers(c: np.ndarray) -> list[tuple[int, int, float]]:
    """Runs of members with the same compatibility (``c`` falling), small runs joined."""
    if c.size == 0:
        return []
    starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]).tolist()
    out: list[tuple[int, int, float]] = []
    first = 0
    for end in starts[1:] + [c.size]:
        if end - first >= TIER or end == c.size:
            out.append((first, end, float(c[first])))
            first = end
    return out


def score_prepared(
    matcher: Matcher,
    src: Profile,
    p: Prepared,
    org: int | None,
    days: tuple[float, float],
    top: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices, scores and distances of the acceptable members of ``p`` for ``src``.

    With ``top``, a tier is left out once ``top`` members already score above the best any of
    its members could reach (its compatibility, every other part at its best): among those
    returned are then still the ``top`` best, and every member scoring as high as they do.
    """
    if p.idx.size == 0:
        return p.idx, p.c, p.c
    s = matcher.settings
    most = s.base + s.w_geo + s.w_quantity + s.w_time
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    kth, found = -math.inf, 0
    for first, end, highest in p.tiers:
        if top is not None and found >= top and kth > highest * most + 1e-9:
            break
        part = score_members(matcher, src, p, slice(first, end), org, days)
        parts.append(part)
        found += part[0].size
        if top is not None and found >= top and len(p.tiers) > 1:
            scores = np.concatenate([q[1] for q in parts]) if len(parts) > 1 else part[1]
            kth = float(np.partition(scores, found - top)[found - top])
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate([q[i] for q in parts]) for i in range(3))  # type: ignore[return-value]


def score_members(
    matcher: Matcher,
    src: Profile,
    p: Prepared,
    run: slice | np.ndarray,
    org: int | None,
    days: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices, scores and distances of the acceptable members ``run`` of ``p``."""
    listing = src.listing
    lat, lon, cos_lat = p.lat[run], p.lon[run], p.cos_lat[run]
    if listing.latitude is not None and listing.longitude is not None:
        here = math.radians(listing.latitude), math.radians(listing.longitude)
        distance = _distances(*here, lat, lon, cos_lat)
    else:
        distance = np.full(lat.size, np.nan)
    if not p.per_member:
        ratio = matcher.freight_cost * distance / max(p.econ, 1e-9)
        if math.isfinite(p.reach):
            ratio = distance / p.reach
    else:
        reach = p.reach[run]
        ratio = matcher.freight_cost * distance / np.maximum(p.econ[run], 1e-9)
        ratio = np.where(np.isfinite(reach), distance / reach, ratio)
    tonnes = listing.tonnes_per_year
    if p.plain and days == _OPEN and tonnes > 0 and listing.latitude is not None:
        score = _plain_scores(matcher.settings, p.c[run], distance, ratio, p.tonnes[run], tonnes)
    else:
        start, end = days
        overlap = np.maximum(p.start[run], start) <= np.minimum(p.end[run], end)
        fit = quantity_fit(p.tonnes[run], tonnes)
        score = pair_score(p.c[run], distance, ratio, fit, overlap, matcher.settings)
    keep = (score >= matcher.settings.min_score) & ~(ratio > 1.0)
    if org is not None:
        keep &= p.org[run] != org
    return p.idx[run][keep], score[keep], distance[keep]


def _plain_scores(
    s: Settings, c: np.ndarray, distance: np.ndarray, ratio, tonnes: np.ndarray, wanted: float
) -> np.ndarray:
    """:func:`scoring.pair_score` of members all located, of known quantities, with open
    windows, for a located listing of known quantity and open window: the same operations,
    less those that change nothing then (a window factor of 1, every distance known)."""
    fit = np.minimum(tonnes, wanted)
    fit /= np.maximum(tonnes, wanted)
    np.sqrt(fit, out=fit)
    geo = np.exp(-distance / s.proximity_km)
    geo *= 0.5
    cheap = 1.0 - np.clip(ratio, 0.0, 1.0)
    cheap *= 0.5
    geo += cheap
    geo *= s.w_geo
    core = s.base + geo
    fit *= s.w_quantity
    core += fit
    core += s.w_time
    core *= c
    return core


def _distances(lat: float, lon: float, lats, lons, cos_lats) -> np.ndarray:
    """:func:`geo.haversine_many` with the members' cosines read once."""
    # the same operations, in place: one new array for each of the two differences
    a, dl = lats - lat, lons - lon
    for half in (a, dl):
        half /= 2
        np.sin(half, out=half)
        np.square(half, out=half)
    across = math.cos(lat) * cos_lats
    across *= dl
    a += across
    np.sqrt(a, out=a)
    np.minimum(a, 1.0, out=a)
    np.arcsin(a, out=a)
    a *= 2 * EARTH_RADIUS_KM
    return a
