"""How compatible two listings are, and the score of a pair.

Compatibility comes from *contributions*: each thing a listing names (a material, a receiving
process, a code) yields index keys with a weight. The index gathers every target holding a
key; :func:`explain` walks the same contributions for one pair, so a ranked list and the
reasons shown beside it always agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.model import Profile

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    """Tuning of the score; the weights sum to 1 so a perfect pair scores its compatibility."""

    same_material: float = 0.9
    family: float = 0.8
    may_contain: float = 0.5
    same_code_floor: float = 0.85
    same_code_bonus: float = 0.1
    base: float = 0.55
    w_geo: float = 0.30
    w_quantity: float = 0.10
    w_time: float = 0.05
    disjoint_windows: float = 0.5
    proximity_km: float = 200.0
    min_score: float = 0.2


@dataclass(frozen=True, slots=True)
class Contribution:
    key: Key
    weight: float
    reason: tuple[str, dict[str, Any]]


def contributions(src: Profile, knowledge: Knowledge, settings: Settings) -> list[Contribution]:
    """The keys a listing looks for among listings of the other kind, with their weights."""
    out: list[Contribution] = []

    def add(key: Key, weight: float, reason: str, **params: Any) -> None:
        out.append(Contribution(key, weight, (reason, params)))

    offer = src.listing.kind == "offer"
    for m in src.materials:
        if knowledge.matching.get(m) == "process":
            # spare machine capacity is worth something only to a firm running the same process
            for q in src.processes:
                add(("k", m, q), settings.same_material, "same_capacity", material=m, process=q)
            continue
        add(("m", m), settings.same_material, "same_material", material=m)
        for a in knowledge.ancestors(m):
            if offer:
                add(("m", a), settings.family, "material_family", material=m, family=a)
            else:
                add(("m", a), settings.may_contain, "may_contain", material=a, specific=m)
        for d in knowledge.descendants(m):
            if offer:
                add(("m", d), settings.may_contain, "may_contain", material=m, specific=d)
            else:
                add(("m", d), settings.family, "material_family", material=d, family=m)
        if offer:
            for process, w in knowledge.routes_by_material.get(m, ()):
                add(("p", process), w, "material_to_process", material=m, process=process)
    if not offer and not src.materials:
        for process in src.processes:
            for m, w in knowledge.routes_by_process.get(process, ()):
                add(("m", m), w, "material_to_process", material=m, process=process)
    return out


def keys_of(profile: Profile, knowledge: Knowledge) -> set[Key]:
    """The keys under which a listing is indexed.

    A want is found by its receiving process only when it names no material: a cement kiln
    asking for fly ash and slag is not asking for textiles, one asking for alternative fuels is.
    """
    matching = knowledge.matching
    keys: set[Key] = {("m", m) for m in profile.materials if matching.get(m) != "process"}
    if len(keys) < len(profile.materials):
        for m in profile.materials:
            if matching.get(m) == "process":
                keys |= {("k", m, q) for q in profile.processes}
    # a want is found among the wants refusing a material ("polyester karışımı kabul edilmez")
    keys |= {("x", m) for m in profile.refused_materials}
    if profile.listing.kind == "want" and not profile.materials:
        keys |= {("p", q) for q in profile.processes}
    if profile.code:
        keys.add(("c", profile.code))
    return keys


def with_code(c_other, code_shared, target_text, src_text: bool, settings: Settings):
    """A shared waste code lifts compatibility unless the words of both sides disagree."""
    allowed = code_shared & ((c_other > 0) | ~target_text | (not src_text))
    lifted = np.minimum(
        1.0, np.maximum(c_other, settings.same_code_floor) + settings.same_code_bonus
    )
    return np.where(allowed, lifted, c_other)


def pair_score(c, distance, transport_ratio, quantity_fit, windows_overlap, settings: Settings):
    """The score in [0, 1]; works on numbers and on numpy arrays alike.

    ``distance`` and ``transport_ratio`` are NaN when a side has no coordinates.
    """
    known = ~np.isnan(distance)
    near = np.exp(-np.where(known, distance, 0.0) / settings.proximity_km)
    cheap = 1.0 - np.clip(np.where(known, transport_ratio, 0.0), 0.0, 1.0)
    geo = np.where(known, 0.5 * near + 0.5 * cheap, 0.5)
    time = np.where(windows_overlap, 1.0, 0.0)
    core = (
        settings.base
        + settings.w_geo * geo
        + settings.w_quantity * quantity_fit
        + settings.w_time * time
    )
    return c * core * np.where(windows_overlap, 1.0, settings.disjoint_windows)


def quantity_fit(offered, wanted):
    """sqrt(smaller / larger): 1 when the sides are equal; 0.5 when a side is unknown."""
    offered, wanted = np.asarray(offered, dtype=float), np.asarray(wanted, dtype=float)
    both = (offered > 0) & (wanted > 0)
    low, high = np.minimum(offered, wanted), np.maximum(offered, wanted)
    return np.where(both, np.sqrt(np.where(both, low, 1.0) / np.where(both, high, 1.0)), 0.5)


# Scalar twins of the functions above, for explaining one pair without numpy's per-call cost;
# tests hold that both give the same score.


def with_code_scalar(c_other: float, target_text: bool, src_text: bool, settings: Settings):
    if c_other > 0 or not target_text or not src_text:
        return min(1.0, max(c_other, settings.same_code_floor) + settings.same_code_bonus)
    return c_other


def quantity_fit_scalar(offered: float, wanted: float) -> float:
    if offered > 0 and wanted > 0:
        return math.sqrt(min(offered, wanted) / max(offered, wanted))
    return 0.5


def pair_score_scalar(c, distance, transport_ratio, fit, overlap, settings: Settings) -> float:
    if distance == distance:
        near = math.exp(-distance / settings.proximity_km)
        cheap = 1.0 - min(1.0, max(0.0, transport_ratio))
        geo = 0.5 * near + 0.5 * cheap
    else:
        geo = 0.5
    time = 1.0 if overlap else 0.0
    core = settings.base + settings.w_geo * geo + settings.w_quantity * fit + settings.w_time * time
    return c * core * (1.0 if overlap else settings.disjoint_windows)
