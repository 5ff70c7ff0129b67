"""Splitting a match run's offers into partitions that are ranked apart, then merged.

An offer's candidates are the wants in the buckets its contributions and its code name
(:mod:`index`), and a want further away than the offer's transport cut-off never stays in its
list. A partition holds offers of one main material bucket (a large bucket cut into regions,
small buckets packed together) and every want those offers can reach, in the order of the whole
run. Ranked alone, an offer meets the same candidates in the same order, scored by the same
function, so its top list is the one of the whole run; the merge only puts the lists together.

The work of an offer is about the size of the buckets it looks in: partitions are cut so that
each holds about the same work, whatever the mix of materials.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from dekvep.symbiosis.engine.constraints import reach_km
from dekvep.symbiosis.engine.geo import haversine_many
from dekvep.symbiosis.engine.index import Matcher, economic_value
from dekvep.symbiosis.engine.knowledge import Knowledge, default_knowledge
from dekvep.symbiosis.engine.model import Match, Profile
from dekvep.symbiosis.engine.scoring import Key, Settings, contributions, keys_of

# regions are cut along a Z-order of cells of this size, so that the offers of one region lie
# near each other and share the wants within their reach
REGION_DEG = 1.0
# a want counts as in reach a little beyond the cut-off: rounding must never drop one
_REACH_MARGIN = 1.001


@dataclass(frozen=True, slots=True)
class Partition:
    """Offers ranked together and the wants they can reach (positions in the run's lists)."""

    buckets: tuple[Key, ...]
    offers: tuple[int, ...]
    wants: tuple[int, ...]
    # estimated work: the candidate pairs its offers look at, at most
    work: int


def offer_keys(offer: Profile, knowledge: Knowledge, settings: Settings | None = None) -> list[Key]:
    """The buckets an offer looks in for wants: its contributions' keys, then its code's."""
    keys = [c.key for c in contributions(offer, knowledge, settings or Settings())]
    if offer.code:
        keys.append(("c", offer.code))
    return list(dict.fromkeys(keys))


def partition(
    offers: list[Profile],
    wants: list[Profile],
    parts: int = 16,
    knowledge: Knowledge | None = None,
    settings: Settings | None = None,
) -> list[Partition]:
    """About ``parts`` partitions of ``offers`` with about the same work each; every offer is in
    exactly one (those that can meet no want together, with no wants)."""
    knowledge = knowledge or default_knowledge()
    index: dict[Key, list[int]] = defaultdict(list)
    for position, want in enumerate(wants):
        for key in keys_of(want, knowledge):
            index[key].append(position)
    looks = _keys_by_signature(offers, knowledge, settings)
    groups: dict[Key | None, list[int]] = defaultdict(list)
    work = np.zeros(len(offers), dtype=np.int64)
    for position, keys in enumerate(looks):
        found = [k for k in keys if k in index]
        work[position] = sum(len(index[k]) for k in found)
        groups[found[0] if found else None].append(position)
    target = max(1, math.ceil(int(work.sum()) / max(1, parts)))
    located = _Places(offers, wants, knowledge)
    chunks: list[list[int]] = []
    pack: list[int] = []
    for key in sorted(groups, key=lambda k: (k is not None, k or ())):
        members = groups[key]
        weight = int(work[members].sum())
        if key is None:
            chunks.append(members)  # offers that meet no want: one cheap partition
        elif weight > target:
            chunks.extend(_regions(members, work, weight, target, located))
        else:
            if pack and int(work[pack].sum()) + weight > target:
                chunks.append(pack)
                pack = []
            pack = pack + members
    if pack:
        chunks.append(pack)
    out = []
    for chunk in chunks:
        chunk = sorted(chunk)
        keys = {k for p in chunk for k in looks[p] if k in index}
        reach = sorted({w for k in keys for w in index[k]})
        near = located.in_reach(chunk, np.asarray(reach, dtype=np.int64))
        main = sorted({next((k for k in looks[p] if k in index), None) or () for p in chunk})
        out.append(
            Partition(
                buckets=tuple(k for k in main if k),
                offers=tuple(chunk),
                wants=tuple(int(w) for w in near),
                work=int(work[chunk].sum()),
            )
        )
    return out


def _keys_by_signature(offers, knowledge, settings) -> list[list[Key]]:
    # offers naming the same things look in the same buckets: read each kind once
    seen: dict[tuple, list[Key]] = {}
    out = []
    for offer in offers:
        signature = (offer.materials, offer.processes, offer.code)
        if signature not in seen:
            seen[signature] = offer_keys(offer, knowledge, settings)
        out.append(seen[signature])
    return out


def _regions(members, work, weight, target, located) -> list[list[int]]:
    """A large bucket's offers cut into regions of about ``target`` work each."""
    ordered = sorted(members, key=located.z_order)
    count = math.ceil(weight / target)
    # each offer goes to the region its middle of the running work falls in
    weights = work[ordered]
    middle = np.cumsum(weights) - weights / 2
    cut = np.minimum((middle * count // max(1, weight)).astype(np.int64), count - 1)
    regions: list[list[int]] = [[] for _ in range(count)]
    for position, region in zip(ordered, cut.tolist(), strict=True):
        regions[region].append(position)
    return [r for r in regions if r]


class _Places:
    """Where the offers and wants are, and how far each offer may carry its material."""

    def __init__(self, offers: list[Profile], wants: list[Profile], knowledge: Knowledge):
        self.o_lat, self.o_lon = _radians(offers)
        self.w_lat, self.w_lon = _radians(wants)
        freight = knowledge.factor("freight_cost") or 0.0
        self.radius = np.array([_radius(o, knowledge, freight) for o in offers])

    def z_order(self, position: int) -> tuple[int, int]:
        lat, lon = self.o_lat[position], self.o_lon[position]
        if np.isnan(lat):
            return (1, 0)  # no place: after every placed offer
        row = int((math.degrees(lat) + 90.0) // REGION_DEG)
        col = int((math.degrees(lon) + 180.0) // REGION_DEG)
        code = 0
        for bit in range(9):
            code |= ((row >> bit) & 1) << (2 * bit + 1) | ((col >> bit) & 1) << (2 * bit)
        return (0, code)

    def in_reach(self, offers: list[int], wants: np.ndarray) -> np.ndarray:
        """The ``wants`` some offer may reach: every offer lies within ``spread`` of a centre,
        so a want further than spread + the widest cut-off from it is out of every offer's
        reach. Wants without a place are always kept, as are all if an offer has none."""
        lat, lon = self.o_lat[offers], self.o_lon[offers]
        widest = float(self.radius[offers].max()) if len(offers) else 0.0
        if wants.size == 0 or np.isnan(lat).any() or not math.isfinite(widest):
            return wants
        x, y, z = np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)
        norm = math.sqrt(x.sum() ** 2 + y.sum() ** 2 + z.sum() ** 2)
        if norm < 1e-9:
            return wants  # offers all around the globe: no useful centre
        c_lat = math.asin(max(-1.0, min(1.0, z.sum() / norm)))
        c_lon = math.atan2(y.sum(), x.sum())
        spread = float(haversine_many(c_lat, c_lon, lat, lon).max())
        distance = haversine_many(c_lat, c_lon, self.w_lat[wants], self.w_lon[wants])
        keep = np.isnan(distance) | (distance <= (spread + widest) * _REACH_MARGIN + 1.0)
        return wants[keep]


def _radians(profiles: list[Profile]) -> tuple[np.ndarray, np.ndarray]:
    lat = np.full(len(profiles), np.nan)
    lon = np.full(len(profiles), np.nan)
    for i, p in enumerate(profiles):
        if p.listing.latitude is not None and p.listing.longitude is not None:
            lat[i], lon[i] = math.radians(p.listing.latitude), math.radians(p.listing.longitude)
    return lat, lon


def _radius(offer: Profile, knowledge: Knowledge, freight: float) -> float:
    """Beyond this distance (km) the transport cut-off drops every pair of the offer."""
    reach = reach_km(offer, knowledge)
    if math.isfinite(reach):
        return reach
    return economic_value(offer, knowledge) / freight if freight > 0 else math.inf


def rank_partition(
    offers: list[Profile],
    wants: list[Profile],
    top: int = 10,
    knowledge: Knowledge | None = None,
    prune: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Match]]:
    """Each offer's ``top`` best wants among ``wants`` (given in the order of the whole run)."""
    knowledge = knowledge or default_knowledge()
    matcher = Matcher(wants, knowledge, prune=prune)
    out = {}
    for done, offer in enumerate(offers, 1):
        out[offer.listing.id] = matcher.query(offer, top)
        if progress:
            progress(done, len(offers))
    return out


def merge(
    offer_ids: Iterable[str], ranked: Iterable[dict[str, list[Match]]], top: int = 10
) -> dict[str, list[Match]]:
    """Every offer's top list from the partitions' lists, in the order of the run's offers.

    An offer ranked in several partitions keeps its ``top`` best over all of them; one no
    partition ranked gets an empty list.
    """
    found: dict[str, list[Match]] = {}
    for part in ranked:
        for offer_id, matches in part.items():
            if offer_id in found:
                both = sorted(found[offer_id] + matches, key=lambda m: -m.score)
                found[offer_id] = both[:top]
            else:
                found[offer_id] = matches
    return {offer_id: found.get(offer_id, []) for offer_id in offer_ids}
