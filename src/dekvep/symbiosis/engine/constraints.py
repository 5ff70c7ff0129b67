"""What a want refuses or insists on, and what heat needs: checks beside compatibility.

Quality attributes are bit masks read once per listing (:mod:`reading`), so a pair costs a few
integer operations. The array functions serve ranking; the scalar ones explain one pair with
reasons; tests hold that both agree.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.model import Profile, Reason

# What an unstated attribute costs when the want insists on it ("yalnızca şeffaf"): the offer
# may fit, but the facilitator has to ask.
UNSTATED = 0.9
# What an unknown supply or needed temperature costs a heat pair.
TEMPERATURE_UNKNOWN = 0.7


def attribute_factor(o_attrs, o_refused, w_attrs, w_required, w_refused, knowledge: Knowledge):
    """Multiplier of the score in [0, 1] for offer and want masks (arrays or ints); 0 blocks."""
    o_attrs, w_attrs = np.asarray(o_attrs, dtype=np.int64), np.asarray(w_attrs, dtype=np.int64)
    w_required = np.asarray(w_required, dtype=np.int64)
    blocked = ((o_attrs & w_refused) != 0) | ((w_required & o_refused) != 0)
    factor = np.ones(np.broadcast(o_attrs, w_attrs).shape)
    # one side usually states nothing in a group: skip the group without touching the arrays
    o_any = int(np.bitwise_or.reduce(o_attrs, axis=None)) if o_attrs.size else 0
    w_any = int(np.bitwise_or.reduce(w_attrs | w_required, axis=None)) if w_attrs.size else 0
    for weight, mask in knowledge.groups.values():
        if not w_any & mask:
            continue
        offered, wanted, only = o_attrs & mask, w_attrs & mask, w_required & mask
        if not o_any & mask:
            factor = np.where(only != 0, factor * UNSTATED, factor)
            continue
        blocked |= (only != 0) & (offered != 0) & ((offered & only) == 0)
        mismatch = (wanted != 0) & (offered != 0) & ((offered & wanted) == 0) & (only == 0)
        factor = np.where(mismatch, factor * (1 - weight), factor)
        factor = np.where((only != 0) & (offered == 0), factor * UNSTATED, factor)
    return np.where(blocked, 0.0, factor)


def _values(mask: int, group_mask: int, knowledge: Knowledge) -> list[str]:
    return [a.id for a in knowledge.attributes.values() if a.bit & mask & group_mask]


@lru_cache(maxsize=4096)
def _joined_cached(knowledge: Knowledge, mask: int) -> str:
    return ",".join(_values(mask, -1, knowledge))


def _joined(mask: int, knowledge: Knowledge) -> str:
    # a string, not a list: reasons are hashable and stored as JSON
    return _joined_cached(knowledge, mask)


def attribute_reasons(
    offer: Profile, want: Profile, knowledge: Knowledge
) -> tuple[float, list[Reason]]:
    """The multiplier for one pair (0: blocked) and the reasons for it."""
    factor, reasons = 1.0, []
    if not (want.attrs | want.required | want.refused | offer.refused):
        return factor, reasons
    for value in _values(offer.attrs & want.refused, -1, knowledge):
        factor = 0.0
        reasons.append(Reason("refuses_attribute", {"attribute": value}))
    for value in _values(want.required & offer.refused, -1, knowledge):
        factor = 0.0
        reasons.append(Reason("offer_is_not", {"attribute": value}))
    for weight, mask in knowledge.groups.values():
        offered, wanted, only = offer.attrs & mask, want.attrs & mask, want.required & mask
        if not (wanted or only):
            continue
        params = {
            "wanted": _joined(only or wanted, knowledge),
            "offered": _joined(offered, knowledge),
        }
        if only and offered and not offered & only:
            factor = 0.0
            reasons.append(Reason("only_attribute", params))
        elif only and not offered:
            factor *= UNSTATED
            percent = round(100 * (1 - UNSTATED))
            reasons.append(Reason("attribute_unstated", {**params, "percent": percent}))
        elif wanted and offered and not offered & wanted:
            factor *= 1 - weight
            percent = round(100 * weight)
            reasons.append(Reason("attribute_mismatch", {**params, "percent": percent}))
        elif only and offered & only:
            reasons.append(Reason("attribute_match", params))
    return factor, reasons


def refused_material(offer: Profile, want: Profile, knowledge: Knowledge) -> str | None:
    """The material of the offer the want refuses ("polyester karışımı kabul edilmez"), if any."""
    if not want.refused_materials:
        return None
    for m in offer.materials:
        for candidate in (m, *knowledge.ancestors(m)):
            if candidate in want.refused_materials:
                return candidate
    return None


def is_heat(profile: Profile, knowledge: Knowledge) -> bool:
    return _is_heat(knowledge, profile.materials)


@lru_cache(maxsize=4096)
def _is_heat(knowledge: Knowledge, materials: tuple[str, ...]) -> bool:
    return any(knowledge.matching.get(m) == "heat" for m in materials)


def reach_km(profile: Profile, knowledge: Knowledge) -> float:
    """How far a piped or shared resource goes (inf: carried by road, judged by freight cost)."""
    return _reach_km(knowledge, profile.materials)


@lru_cache(maxsize=4096)
def _reach_km(knowledge: Knowledge, materials: tuple[str, ...]) -> float:
    for m in materials:
        if knowledge.matching.get(m) and (value := knowledge.factor("reach_km", m)):
            return value
    return math.inf


def heat_factor(offered, needed, approach: float):
    """1 when the supply is hot enough, 0 when it is not, a discount when a side is unknown."""
    offered, needed = np.asarray(offered, dtype=float), np.asarray(needed, dtype=float)
    known = ~np.isnan(offered) & ~np.isnan(needed)
    hot_enough = np.where(known, offered, 0.0) >= np.where(known, needed, 0.0) + approach
    return np.where(known, np.where(hot_enough, 1.0, 0.0), TEMPERATURE_UNKNOWN)


def heat_reasons(offer: Profile, want: Profile, knowledge: Knowledge) -> tuple[float, list[Reason]]:
    if not (is_heat(offer, knowledge) and is_heat(want, knowledge)):
        return 1.0, []
    approach = knowledge.factor("heat_approach_k") or 0.0
    offered = math.nan if offer.temperature is None else offer.temperature
    needed = math.nan if want.temperature is None else want.temperature
    factor = float(heat_factor(offered, needed, approach))
    if factor == TEMPERATURE_UNKNOWN:
        return factor, [Reason("temperature_unknown", {})]
    key = "temperature_fits" if factor else "temperature_too_low"
    return factor, [Reason(key, {"supply": round(offered), "need": round(needed)})]
