"""Finding and ranking the compatible listings of the other kind, without comparing all pairs.

Targets are grouped in buckets by the keys they hold (material, receiving process, code);
a query gathers only the buckets its contributions name and scores those candidates with
numpy in one pass.

Inside a bucket a grid (:mod:`grid`) lets a located listing look only near itself first: the
search widens until no listing further away can reach its top scores, and never beyond the
distance at which freight costs more than the material is worth. The ranking is the same as
with every bucket member scored (``prune=False``, kept for the tests that hold this).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

from dekvep.symbiosis.engine.constraints import (
    attribute_factor,
    attribute_reasons,
    heat_factor,
    heat_reasons,
    is_heat,
    reach_km,
    refused_material,
)
from dekvep.symbiosis.engine.geo import haversine_km, haversine_many
from dekvep.symbiosis.engine.grid import Grid, box
from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.model import Match, Profile, Reason
from dekvep.symbiosis.engine.nearby import rank_nearby
from dekvep.symbiosis.engine.prepared import BUDGET, Prepared, prepare, score_prepared, signature
from dekvep.symbiosis.engine.scoring import (
    Settings,
    contributions,
    keys_of,
    pair_score,
    pair_score_scalar,
    quantity_fit,
    quantity_fit_scalar,
    with_code,
    with_code_scalar,
)
from dekvep.text import firm_key, format_waste_code

_NO_DAY = (-math.inf, math.inf)
# first search radius of a located listing; doubled until its top is settled
FIRST_RADIUS_KM = 32.0


@lru_cache(maxsize=200_000)
def organisation_key(name: str) -> str:
    """Names that differ only in case, letters, punctuation or abbreviations are one firm."""
    return firm_key(name)


def _days(profile: Profile) -> tuple[float, float]:
    listing = profile.listing
    start = listing.available_from.toordinal() if listing.available_from else _NO_DAY[0]
    end = listing.available_until.toordinal() if listing.available_until else _NO_DAY[1]
    return float(start), float(end)


def _whole_groups(mask: int, knowledge: Knowledge) -> int:
    """Every value of each attribute group ``mask`` touches: an offer stating another value of
    a group a target states is a mismatch, so the check bites, whichever other targets exist."""
    for _, group in knowledge.groups.values():
        if mask & group:
            mask |= group
    return mask


def economic_value(profile: Profile, knowledge: Knowledge) -> float:
    """EUR a tonne is worth when placed, not disposed of: resale value plus disposal avoided."""
    return _economic_value(knowledge, profile.main_material, profile.hazardous)


@lru_cache(maxsize=1024)
def _economic_value(knowledge: Knowledge, material: str | None, hazardous: bool) -> float:
    value = knowledge.factor("secondary_value", material) or 0.0
    disposal = knowledge.factor("disposal_cost_hazardous" if hazardous else "disposal_cost") or 0.0
    return value + disposal


class Matcher:
    """The listings of one kind, ready to be matched against listings of the other kind."""

    def __init__(
        self,
        profiles: Iterable[Profile],
        knowledge: Knowledge,
        settings: Settings | None = None,
        prune: bool = False,
    ):
        self.profiles = list(profiles)
        self.prune = prune
        self.knowledge = knowledge
        self.settings = settings or Settings()
        n = len(self.profiles)
        self.lat = np.full(n, np.nan)
        self.lon = np.full(n, np.nan)
        self.tonnes = np.zeros(n)
        self.licence = np.zeros(n, dtype=bool)
        self.hazardous = np.zeros(n, dtype=bool)
        self.text = np.zeros(n, dtype=bool)
        self.start = np.zeros(n)
        self.end = np.zeros(n)
        self.econ = np.zeros(n)
        self.org = np.zeros(n, dtype=np.int64)
        self.attrs = np.zeros(n, dtype=np.int64)
        self.required = np.zeros(n, dtype=np.int64)
        self.refused = np.zeros(n, dtype=np.int64)
        self.temperature = np.full(n, np.nan)
        self.heat = np.zeros(n, dtype=bool)
        self.reach = np.full(n, np.inf)
        self._orgs: dict[str, int] = {}
        buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.keys: list[set] = []
        for i, p in enumerate(self.profiles):
            self._fill(i, p)
            self.keys.append(keys_of(p, knowledge))
            for key in self.keys[i]:
                buckets[key].append(i)
        self.buckets = {k: np.asarray(v, dtype=np.int64) for k, v in buckets.items()}
        self._seen: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self.freight_cost = knowledge.factor("freight_cost") or 0.0
        self.approach = knowledge.factor("heat_approach_k") or 0.0
        # what any target states, asks for or refuses: lets a query skip checks that cannot bite
        self.stated = _whole_groups(
            int(np.bitwise_or.reduce(self.attrs | self.required)) if n else 0, knowledge
        )
        self.asks = bool(self.required.any() or self.refused.any())
        self.refusals = any(key[0] == "x" for key in self.buckets)
        # beyond its radius a target is not worth carrying to (or from): the transport cut-off
        with np.errstate(divide="ignore", invalid="ignore"):
            carried = self.econ / self.freight_cost if self.freight_cost > 0 else np.inf
        self.radius = np.where(np.isfinite(self.reach), self.reach, carried)
        self._grids: dict[tuple, Grid] = {}
        self._contribs: dict[tuple, list] = {}
        self._radii: dict[tuple, float] = {}
        self._settled: dict[tuple, float] = {}
        self._prepared: dict[tuple, Prepared] = {}
        self._prepared_size = 0

    def _fill(self, i: int, p: Profile) -> None:
        listing = p.listing
        if listing.latitude is not None and listing.longitude is not None:
            self.lat[i], self.lon[i] = (
                math.radians(listing.latitude),
                math.radians(listing.longitude),
            )
        self.tonnes[i] = listing.tonnes_per_year
        self.licence[i] = listing.hazardous_licence
        self.hazardous[i] = p.hazardous
        self.text[i] = p.text_materials
        self.start[i], self.end[i] = _days(p)
        self.econ[i] = economic_value(p, self.knowledge)
        self.org[i] = self._orgs.setdefault(organisation_key(listing.organisation), len(self._orgs))
        self.attrs[i], self.required[i], self.refused[i] = p.attrs, p.required, p.refused
        if p.temperature is not None:
            self.temperature[i] = p.temperature
        self.heat[i] = is_heat(p, self.knowledge)
        self.reach[i] = reach_km(p, self.knowledge)

    def candidates(
        self, src: Profile, within: float | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Indices, scores and distances (NaN when unknown) of every acceptable target.

        With ``within`` (km, for a located ``src``), only the targets the grid finds near it,
        a superset of those within that distance, and those without a place.
        """
        if within is None:
            return self._prepared_scores(src)
        return self._score(src, *self._gather(src, within))

    def _prepared_scores(
        self, src: Profile, top: int | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        key = signature(src)
        found = self._prepared.get(key)
        if found is None:
            if self._prepared_size > BUDGET:
                self._prepared.clear()
                self._prepared_size = 0
            found = prepare(self, src, economic_value(src, self.knowledge))
            self._prepared[key] = found
            self._prepared_size += found.idx.size
        org = self._orgs.get(organisation_key(src.listing.organisation))
        if top is not None:
            near = rank_nearby(self, src, found, org, _days(src), top)
            if near is not None:
                return near
        return score_prepared(self, src, found, org, _days(src), top)

    def _score(self, src: Profile, idx: np.ndarray, c: np.ndarray):
        if idx.size == 0:
            return idx, c, c
        ok = c > 0
        org = self._orgs.get(organisation_key(src.listing.organisation))
        if org is not None:
            ok &= self.org[idx] != org
        offer = src.listing.kind == "offer"
        if offer:
            if src.hazardous:
                ok &= self.licence[idx]
            econ = np.full(idx.size, economic_value(src, self.knowledge))
        else:
            if not src.listing.hazardous_licence:
                ok &= ~self.hazardous[idx]
            econ = self.econ[idx]
        idx, c, econ = idx[ok], c[ok], econ[ok]
        c = c * self._constraints(src, idx)
        ok = c > 0
        idx, c, econ = idx[ok], c[ok], econ[ok]
        distance = np.full(idx.size, np.nan)
        listing = src.listing
        if listing.latitude is not None and listing.longitude is not None:
            lat, lon = math.radians(listing.latitude), math.radians(listing.longitude)
            distance = haversine_many(lat, lon, self.lat[idx], self.lon[idx])
        ratio = self.freight_cost * distance / np.maximum(econ, 1e-9)
        reach = np.full(idx.size, reach_km(src, self.knowledge)) if offer else self.reach[idx]
        ratio = np.where(np.isfinite(reach), distance / reach, ratio)
        start, end = _days(src)
        overlap = np.maximum(self.start[idx], start) <= np.minimum(self.end[idx], end)
        fit = quantity_fit(self.tonnes[idx], listing.tonnes_per_year)
        score = pair_score(c, distance, ratio, fit, overlap, self.settings)
        # carrying it further costs more than the tonne is worth: no practitioner would do it
        keep = (score >= self.settings.min_score) & ~(ratio > 1.0)
        return idx[keep], score[keep], distance[keep]

    def _constraints(self, src: Profile, idx: np.ndarray) -> np.ndarray:
        """Multiplier per candidate for refusals, quality attributes and heat; 0 blocks."""
        factor = np.ones(idx.size)
        offer = src.listing.kind == "offer"
        if src.refused_materials or (offer and self.refusals):
            blocked = self._refusing(src)
            if blocked.size:
                factor[np.isin(idx, blocked)] = 0.0
        if offer:
            bites = (src.attrs & self.stated) or src.refused or self.asks
        else:
            bites = src.attrs or src.required or src.refused
        if bites:
            if offer:
                masks = (src.attrs, src.refused, self.attrs[idx], self.required[idx])
                factor *= attribute_factor(*masks, self.refused[idx], self.knowledge)
            else:
                masks = (self.attrs[idx], self.refused[idx], src.attrs, src.required)
                factor *= attribute_factor(*masks, src.refused, self.knowledge)
        if is_heat(src, self.knowledge):
            mine = np.nan if src.temperature is None else src.temperature
            theirs = self.temperature[idx]
            offered, needed = (mine, theirs) if offer else (theirs, mine)
            heat = heat_factor(offered, needed, self.approach)
            factor *= np.where(self.heat[idx], heat, 1.0)
        return factor

    def _refusing(self, src: Profile) -> np.ndarray:
        """Targets a refusal rules out: wants refusing the offer's material, or offers of the
        material a want refuses."""
        if src.listing.kind == "offer":
            names = [("x", a) for m in src.materials for a in (m, *self.knowledge.ancestors(m))]
        else:
            names = [
                ("m", m) for r in src.refused_materials for m in (r, *self.knowledge.descendants(r))
            ]
        parts = [self.buckets[k] for k in names if k in self.buckets]
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def _compatibility(self, src: Profile) -> tuple[np.ndarray, np.ndarray]:
        # Listings that name the same things have the same candidates: many offers share a profile.
        signature = (src.listing.kind, src.materials, src.processes, src.code, src.text_materials)
        found = self._seen.get(signature)
        if found is None:
            found = self._gather(src)
            if len(self._seen) > 4096:
                self._seen.clear()
            self._seen[signature] = found
        return found

    def _members(self, key: tuple, cells) -> np.ndarray | None:
        idx = self.buckets.get(key)
        if idx is None or cells is None:
            return idx
        grid = self._grids.get(key)
        if grid is None:
            grid = self._grids[key] = Grid(self.lat, self.lon, idx)
        return grid.within(cells)

    def _gather(self, src: Profile, within: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        parts_i, parts_c = [], []
        cells = None
        if within is not None:
            lat, lon = math.radians(src.listing.latitude), math.radians(src.listing.longitude)
            cells = box(lat, lon, within)
        for contrib in self._contributions(src):
            idx = self._members(contrib.key, cells)
            if idx is None:
                continue
            parts_i.append(idx)
            parts_c.append(np.full(idx.size, contrib.weight))
        code_idx = self._members(("c", src.code), cells) if src.code else None
        if not parts_i and code_idx is None:
            return np.empty(0, dtype=np.int64), np.empty(0)
        if parts_i:
            all_i, all_c = np.concatenate(parts_i), np.concatenate(parts_c)
            order = np.argsort(all_i, kind="stable")
            all_i, all_c = all_i[order], all_c[order]
            idx, starts = np.unique(all_i, return_index=True)
            c = np.maximum.reduceat(all_c, starts)
        else:
            idx, c = np.empty(0, dtype=np.int64), np.empty(0)
        if code_idx is not None:
            idx, c = self._add_code(idx, c, code_idx, src)
        return idx, c

    def _add_code(self, idx, c, code_idx, src: Profile):
        merged = np.union1d(idx, code_idx)
        c_all = np.zeros(merged.size)
        c_all[np.searchsorted(merged, idx)] = c
        shared = np.isin(merged, code_idx, assume_unique=True)
        c_all = with_code(c_all, shared, self.text[merged], src.text_materials, self.settings)
        return merged, c_all

    def query(self, src: Profile, top: int = 10) -> list[Match]:
        """The ``top`` best acceptable targets for ``src``, best first, with reasons."""
        idx, score = self._ranked(src, top)
        if idx.size > top:
            # every target scoring as high as the ``top``-th, then the first by index among ties
            part = score >= np.partition(score, idx.size - top)[idx.size - top]
            idx, score = idx[part], score[part]
        order = np.lexsort((idx, -score))[:top]
        contribs = contributions(src, self.knowledge, self.settings)
        return [
            explain(src, self.profiles[i], self.knowledge, self.settings, contribs, self.keys[i])
            for i in idx[order]
        ]

    def _ranked(self, src: Profile, top: int) -> tuple[np.ndarray, np.ndarray]:
        """Acceptable targets and scores, enough of them to hold the ``top`` best exactly.

        The search around a located listing doubles its radius until the ``top``-th score found
        beats the best score any target further away could reach, or until the radius passes
        the transport cut-off, beyond which no target is kept at all.
        """
        listing = src.listing
        limit = self._limit(src)
        located = listing.latitude is not None and listing.longitude is not None
        if not self.prune or not located or not math.isfinite(limit):
            idx, score, _ = self._prepared_scores(src, top)
            return idx, score
        ceiling = self._ceiling(src)
        # listings naming the same things usually settle at about the same radius: start there
        # (any start gives the same result; a good one saves rounds)
        signature = (listing.kind, src.materials, src.processes, src.code)
        radius = self._settled.get(signature, FIRST_RADIUS_KM)
        while True:
            last = radius >= limit
            idx, c = self._gather(src, limit if last else radius)
            if not last and idx.size < top:
                radius *= 2  # too few even before the checks: widen without scoring
                continue
            idx, score, _ = self._score(src, idx, c)
            if last:
                return idx, score
            if idx.size >= top:
                kth = np.partition(score, idx.size - top)[idx.size - top]
                if kth > self._bound(ceiling, radius, limit) + 1e-9:
                    self._settled[signature] = radius
                    return idx, score
            radius *= 2

    def _limit(self, src: Profile) -> float:
        """The distance beyond which the transport cut-off drops every pair of ``src``."""
        if src.listing.kind == "want":
            # the farthest any offer in the buckets it looks in may travel
            keys = [c.key for c in self._contributions(src)] + [("c", src.code)]
            radii = [self._bucket_radius(k) for k in keys if k in self.buckets]
            return max(radii, default=0.0)
        if math.isfinite(reach := reach_km(src, self.knowledge)):
            return reach
        if self.freight_cost <= 0:
            return math.inf
        return economic_value(src, self.knowledge) / self.freight_cost

    def _contributions(self, src: Profile) -> list:
        # the same for every listing naming the same things: read once per kind of listing
        signature = (src.listing.kind, src.materials, src.processes)
        found = self._contribs.get(signature)
        if found is None:
            found = self._contribs[signature] = contributions(src, self.knowledge, self.settings)
        return found

    def _bucket_radius(self, key: tuple) -> float:
        found = self._radii.get(key)
        if found is None:
            idx = self.buckets[key]
            radius = self.radius[idx][~np.isnan(self.lat[idx])]
            found = self._radii[key] = float(radius.max()) if radius.size else 0.0
        return found

    def _ceiling(self, src: Profile) -> float:
        """The highest compatibility any target can have with ``src``."""
        weights = [c.weight for c in self._contributions(src)]
        return max(weights + [1.0] if src.code else weights, default=0.0)

    def _bound(self, ceiling: float, distance: float, limit: float) -> float:
        """The best score of a target further than ``distance``: every other part at its best
        (equal quantities, overlapping windows, no discount), the freight ratio at its least."""
        s = self.settings
        near = math.exp(-distance / s.proximity_km)
        cheap = 1.0 - min(1.0, distance / limit) if limit > 0 else 0.0
        geo = 0.5 * near + 0.5 * cheap
        return ceiling * (s.base + s.w_geo * geo + s.w_quantity + s.w_time)


def _best_contribution(src: Profile, target: Profile, knowledge: Knowledge, contribs, keys=None):
    """The strongest link, and beside it the strongest receiving-process link if it is another."""
    keys = keys if keys is not None else keys_of(target, knowledge)
    best, reasons = 0.0, []
    for contrib in contribs:
        if contrib.key in keys and contrib.weight > best:
            best, reasons = contrib.weight, [contrib.reason]
    route = _route(src, target, knowledge)
    if best > 0 and route and route not in reasons:
        reasons.append(route)
    return best, reasons


def _route(src: Profile, target: Profile, knowledge: Knowledge):
    """The receiving process of the want that takes the offer's material, if the want names one."""
    offer, want = (src, target) if src.listing.kind == "offer" else (target, src)
    if not want.processes or not offer.materials:
        return None
    return _best_route(knowledge, offer.materials, want.processes)


@lru_cache(maxsize=4096)
def _best_route(knowledge: Knowledge, materials: tuple[str, ...], processes: tuple[str, ...]):
    options = [
        (knowledge.routes[(m, q)], m, q)
        for m in materials
        for q in processes
        if (m, q) in knowledge.routes
    ]
    if not options:
        return None
    _, m, q = max(options)
    return ("material_to_process", {"material": m, "process": q})


def explain(
    src: Profile,
    target: Profile,
    knowledge: Knowledge,
    settings: Settings | None = None,
    contribs: list | None = None,
    target_keys: set | None = None,
) -> Match:
    """Score one pair and say why, in message keys any language can render."""
    settings = settings or Settings()
    if contribs is None:
        contribs = contributions(src, knowledge, settings)
    c, links = _best_contribution(src, target, knowledge, contribs, target_keys)
    reasons: list[Reason] = []
    shared_code = bool(src.code) and src.code == target.code
    if shared_code:
        lifted = with_code_scalar(c, target.text_materials, src.text_materials, settings)
        if lifted > c:
            c = lifted
            reasons.append(Reason("same_code", {"code": format_waste_code(src.code)}))
    reasons += [Reason(*r) for r in links]
    offer, want = (src, target) if src.listing.kind == "offer" else (target, src)
    distance = _distance(offer, want)
    econ = economic_value(offer, knowledge)
    freight_cost = knowledge.factor("freight_cost") or 0.0
    ratio = freight_cost * distance / max(econ, 1e-9) if distance == distance else math.nan
    reach = reach_km(offer, knowledge)
    if distance == distance and math.isfinite(reach):
        ratio = distance / reach
    factor, checks = _checks(offer, want, knowledge)
    c *= factor
    reasons += checks
    overlap = _overlap(offer, want)
    fit = quantity_fit_scalar(offer.listing.tonnes_per_year, want.listing.tonnes_per_year)
    score = pair_score_scalar(c, distance, ratio, fit, overlap, settings)
    reasons += _context_reasons(offer, want, distance, overlap, knowledge)
    return Match(
        offer_id=offer.listing.id,
        want_id=want.listing.id,
        score=round(score, 4),
        distance_km=None if distance != distance else round(distance, 1),
        reasons=reasons,
        tonnes=min(offer.listing.tonnes_per_year, want.listing.tonnes_per_year),
    )


def _checks(offer: Profile, want: Profile, knowledge: Knowledge) -> tuple[float, list[Reason]]:
    """Refusals, quality attributes and heat for one pair: the multiplier (0 blocks), why."""
    reasons: list[Reason] = []
    factor = 1.0
    if refused := refused_material(offer, want, knowledge):
        factor = 0.0
        reasons.append(Reason("refuses_material", {"material": refused}))
    attr_factor, attr_reasons = attribute_reasons(offer, want, knowledge)
    heat, heat_why = heat_reasons(offer, want, knowledge)
    return factor * attr_factor * heat, reasons + attr_reasons + heat_why


def _distance(offer: Profile, want: Profile) -> float:
    a, b = offer.listing, want.listing
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.nan
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _overlap(offer: Profile, want: Profile) -> bool:
    (s1, e1), (s2, e2) = _days(offer), _days(want)
    return max(s1, s2) <= min(e1, e2)


def _context_reasons(
    offer: Profile, want: Profile, distance: float, overlap: bool, knowledge: Knowledge
) -> list[Reason]:
    reasons: list[Reason] = []
    if distance == distance:
        per_tonne = (knowledge.factor("freight_hgv") or 0.0) * distance
        reasons.append(Reason("distance", {"km": round(distance)}))
        reasons.append(Reason("transport", {"kg_co2e_per_t": round(per_tonne, 1)}))
    offered, wanted = offer.listing.tonnes_per_year, want.listing.tonnes_per_year
    if offered > 0 and wanted > 0:
        params: dict[str, Any] = {"percent": min(100, max(1, round(100 * offered / wanted)))}
        reasons.append(Reason("covers_need", params))
        if wanted < offered:
            reasons.append(
                Reason("takes_share", {"percent": max(1, round(100 * wanted / offered))})
            )
    if offer.hazardous:
        reasons.append(Reason("licensed_hazardous", {}))
    if not overlap:
        reasons.append(Reason("windows_disjoint", {}))
    return reasons
