"""The impact of an exchange: tonnes diverted, CO2e avoided, money saved.

Avoided emissions = baseline route − new route + substituted production − transport, every factor
from ``catalog/data/symbiosis_impact_factors.csv`` (the file the assessment reads too) and the
substitution of each receiving process from ``catalog/data/synergy_substitutions.csv``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dekvep.symbiosis.engine.knowledge import DATA_DIR, Knowledge, default_knowledge

BASELINE_ROUTES = ("landfill", "incineration", "export", "lower_value_recycling")


@dataclass(frozen=True, slots=True)
class Impact:
    tonnes: float
    co2e_avoided_t: float  # baseline route − new route + substituted production − transport
    virgin_t_co2e: float  # substituted production
    disposal_t_co2e: float  # baseline route
    transport_t_co2e: float
    # disposal cost avoided + material value − transport cost; None: not reported (no sourced
    # value for the material, e.g. shared capacity)
    cost_saving_eur: float | None
    new_route_t_co2e: float = 0.0
    baseline_route: str = "landfill"
    substitute: str = ""
    disposal_saving_eur: float = 0.0
    material_value_eur: float | None = 0.0
    transport_cost_eur: float = 0.0
    cost_saving_try: float | None = 0.0
    # how many exchanges (or synergies) behind these figures have no reported savings
    savings_not_reported: int = 0


@dataclass(frozen=True, slots=True)
class Substitution:
    substitute: str  # a ``substitute`` factor name or ``primary:<material>``
    ratio: float
    new_route: str  # route, closed_loop or incineration


@cache
def substitutions(path: Path | None = None) -> dict[tuple[str, str], Substitution]:
    path = path or DATA_DIR / "synergy_substitutions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            (r["material"], r["process"]): Substitution(
                r["substitute"], float(r["ratio"]), r["new_route"]
            )
            for r in rows
        }


def substitution_for(
    material: str | None, process: str | None, knowledge: Knowledge
) -> Substitution:
    """The row of the material (or its nearest ancestor) and process; else the material's
    primary production replaced one for one by the closed-loop route."""
    if material and process:
        table = substitutions()
        for candidate in [material, *knowledge.ancestors(material)]:
            if (candidate, process) in table:
                return table[(candidate, process)]
    return Substitution(f"primary:{material or 'default'}", 1.0, "closed_loop")


def _per_tonne(
    substitution: Substitution, material, process, knowledge
) -> tuple[float, float, bool]:
    """(kgCO2e of the new route, kgCO2e of the substituted production) per tonne taken, and
    whether the substitution has a factor at all."""
    if substitution.substitute.startswith("primary:"):
        replaced = knowledge.factor("primary", material)
        closed = knowledge.factor("closed_loop", material)
        if replaced is None or closed is None:
            # where no closed-loop factor is published the new use is not credited beyond disposal
            return 0.0, 0.0, False
        return closed, replaced * substitution.ratio, True
    replaced = knowledge.factors.get(("substitute", substitution.substitute))
    if substitution.new_route == "incineration":
        new_route = knowledge.factor("incineration", material) or 0.0
    elif substitution.new_route == "closed_loop":
        new_route = knowledge.factor("closed_loop", material) or 0.0
    else:
        new_route = knowledge.factors.get(("route", process or ""), None)
        new_route = new_route if new_route is not None else knowledge.factor("route")
    return new_route or 0.0, (replaced or 0.0) * substitution.ratio, replaced is not None


def exchange_impact(
    tonnes: float,
    material: str | None,
    distance_km: float | None,
    hazardous: bool = False,
    knowledge: Knowledge | None = None,
    process: str | None = None,
    baseline_route: str = "landfill",
) -> Impact:
    """Impact of moving ``tonnes`` of ``material`` ``distance_km`` from ``baseline_route`` to a
    receiver that uses it in ``process``."""
    knowledge = knowledge or default_knowledge()
    baseline_route = baseline_route if baseline_route in BASELINE_ROUTES else "landfill"
    substitution = substitution_for(material, process, knowledge)
    new_route, replaced, _known = _per_tonne(substitution, material, process, knowledge)
    baseline = knowledge.factor(baseline_route, material) or 0.0
    freight = (knowledge.factor("freight_hgv") or 0.0) * (distance_km or 0.0)
    kg = {"baseline": baseline, "new": new_route, "replaced": replaced, "freight": freight}
    t = {key: tonnes * value / 1000 for key, value in kg.items()}
    if baseline_route == "landfill":
        gate_fee = knowledge.factor("disposal_cost_hazardous" if hazardous else "disposal_cost")
    else:
        gate_fee = knowledge.factors.get(("baseline_cost", baseline_route))
    disposal = tonnes * (gate_fee or 0.0)
    per_unit = secondary_value(material, knowledge)
    value = None if per_unit is None else tonnes * per_unit
    transport = tonnes * (knowledge.factor("freight_cost") or 0.0) * (distance_km or 0.0)
    saving = None if value is None else disposal + value - transport
    rate = knowledge.factor("eur_try") or 0.0
    return Impact(
        tonnes=tonnes,
        co2e_avoided_t=round(t["baseline"] - t["new"] + t["replaced"] - t["freight"], 3),
        virgin_t_co2e=round(t["replaced"], 3),
        disposal_t_co2e=round(t["baseline"], 3),
        transport_t_co2e=round(t["freight"], 3),
        cost_saving_eur=_round(saving),
        new_route_t_co2e=round(t["new"], 3),
        baseline_route=baseline_route,
        substitute=substitution.substitute,
        disposal_saving_eur=round(disposal, 2),
        material_value_eur=_round(value),
        transport_cost_eur=round(transport, 2),
        cost_saving_try=_round(None if saving is None else saving * rate),
        savings_not_reported=int(saving is None),
    )


# Counted units: the amount of a capacity listing is machine hours, square metres or trips.
_COUNTED = frozenset({"h", "m2", "trip"})


def secondary_value(material: str | None, knowledge: Knowledge) -> float | None:
    """EUR per unit the material is worth to its receiver, or None when not reported.

    Missing data is "not reported", never a made-up figure: the general per-tonne default
    (unclassified material has no resale value) does not fit a material counted in hours,
    square metres or trips, so such a material without a sourced value of its own (or of a
    parent) has no reported value.
    """
    found = knowledge.factor("secondary_value", material)
    if material and material in knowledge.materials:
        own = [material, *knowledge.ancestors(material)]
        sourced = any(("secondary_value", m) in knowledge.factors for m in own)
        if not sourced and knowledge.materials[material].units <= _COUNTED:
            return None
    return found or 0.0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def total_impact(impacts: list[Impact]) -> Impact:
    """The sums; a money figure not reported is skipped and counted in ``savings_not_reported``
    (all of them not reported: the total is not reported either)."""

    def total(name: str, digits: int = 3) -> float:
        return round(sum(getattr(i, name) for i in impacts), digits)

    def reported(name: str) -> float | None:
        values = [getattr(i, name) for i in impacts if getattr(i, name) is not None]
        if not values and any(getattr(i, name) is None for i in impacts):
            return None
        return round(sum(values), 2)

    return Impact(
        tonnes=total("tonnes"),
        co2e_avoided_t=total("co2e_avoided_t"),
        virgin_t_co2e=total("virgin_t_co2e"),
        disposal_t_co2e=total("disposal_t_co2e"),
        transport_t_co2e=total("transport_t_co2e"),
        cost_saving_eur=reported("cost_saving_eur"),
        new_route_t_co2e=total("new_route_t_co2e"),
        disposal_saving_eur=total("disposal_saving_eur", 2),
        material_value_eur=reported("material_value_eur"),
        transport_cost_eur=total("transport_cost_eur", 2),
        cost_saving_try=reported("cost_saving_try"),
        savings_not_reported=sum(i.savings_not_reported for i in impacts),
    )
