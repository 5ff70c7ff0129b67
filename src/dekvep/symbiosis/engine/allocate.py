"""Network allocation: spread offered tonnes over wants to maximise value net of transport.

A min-cost flow: source → offer (capacity: tonnes offered) → want (capacity: the smaller
side, cost: minus the net value of a tonne on that pair) → sink (capacity: tonnes wanted),
plus a free source → sink bypass so that tonnes no pair pays for stay unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from dekvep.symbiosis.engine.model import Match

KG = 1000  # capacities in kilograms: OR-tools needs integers


@dataclass(frozen=True, slots=True)
class Allocation:
    offer_id: str
    want_id: str
    tonnes: float
    score: float
    distance_km: float | None


def allocate_arrays(
    offer_idx: np.ndarray,
    want_idx: np.ndarray,
    gain_per_t: np.ndarray,
    offer_t: np.ndarray,
    want_t: np.ndarray,
) -> np.ndarray:
    """Tonnes placed on each candidate pair.

    ``gain_per_t`` is the value of one tonne on the pair net of its transport cost (any unit);
    pairs with no gain are never used.
    """
    n_offers, n_wants = len(offer_t), len(want_t)
    source, sink = n_offers + n_wants, n_offers + n_wants + 1
    supply = np.round(np.asarray(offer_t) * KG).astype(np.int64)
    demand = np.round(np.asarray(want_t) * KG).astype(np.int64)
    useful = np.asarray(gain_per_t) > 0
    pair_ids = np.flatnonzero(useful)
    o, w = np.asarray(offer_idx)[useful], np.asarray(want_idx)[useful]
    pair_cap = np.minimum(supply[o], demand[w])
    # costs are integers: scale so that gains differing in the fourth digit stay distinct
    scale = 10_000 / max(float(np.max(gain_per_t[useful])), 1e-9) if pair_ids.size else 1.0
    pair_cost = -np.maximum(1, np.round(np.asarray(gain_per_t)[useful] * scale)).astype(np.int64)
    total = int(supply.sum())
    starts = np.concatenate([np.full(n_offers, source), o, n_offers + np.arange(n_wants), [source]])
    ends = np.concatenate([np.arange(n_offers), n_offers + w, np.full(n_wants, sink), [sink]])
    caps = np.concatenate([supply, pair_cap, demand, [total]])
    costs = np.concatenate(
        [np.zeros(n_offers, np.int64), pair_cost, np.zeros(n_wants, np.int64), [0]]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(starts, ends, caps, costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([total, -total]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"allocation failed: status {status}")
    placed = np.zeros(len(gain_per_t))
    pair_arcs = arcs[n_offers : n_offers + pair_ids.size]
    placed[pair_ids] = flow.flows(pair_arcs) / KG
    return placed


def allocate(
    matches: list[Match],
    offered: dict[str, float],
    wanted: dict[str, float],
    value_per_t: dict[str, float],
    freight_cost_per_tkm: float,
) -> list[Allocation]:
    """Allocate over scored matches; ``value_per_t`` is each offer's worth placed (EUR/t)."""
    offer_ids, want_ids = list(offered), list(wanted)
    o_pos = {k: i for i, k in enumerate(offer_ids)}
    w_pos = {k: i for i, k in enumerate(want_ids)}
    usable = [m for m in matches if m.offer_id in o_pos and m.want_id in w_pos]
    if not usable:
        return []
    o = np.array([o_pos[m.offer_id] for m in usable])
    w = np.array([w_pos[m.want_id] for m in usable])
    distance = np.array([m.distance_km or 0.0 for m in usable])
    value = np.array([value_per_t.get(m.offer_id, 0.0) for m in usable])
    score = np.array([m.score for m in usable])
    gain = score * value - freight_cost_per_tkm * distance
    placed = allocate_arrays(
        o,
        w,
        gain,
        np.array([offered[k] for k in offer_ids]),
        np.array([wanted[k] for k in want_ids]),
    )
    return [
        Allocation(m.offer_id, m.want_id, round(float(t), 3), m.score, m.distance_km)
        for m, t in zip(usable, placed, strict=True)
        if t > 0
    ]
