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
    cost_saving_eur: float  # disposal cost avoided + material value − transport cost
    new_route_t_co2e: float = 0.0
    baseline_route: str = "landfill"
    substitute: str = ""
    disposal_saving_eur: float = 0.0
    material_value_eur: float = 0.0
    transport_cost_eur: float = 0.0
    cost_saving_try: float = 0.0


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
    value = tonnes * (knowledge.factor("secondary_value", material) or 0.0)
    transport = tonnes * (knowledge.factor("freight_cost") or 0.0) * (distance_km or 0.0)
    saving = disposal + value - transport
    return Impact(
        tonnes=tonnes,
        co2e_avoided_t=round(t["baseline"] - t["new"] + t["replaced"] - t["freight"], 3),
        virgin_t_co2e=round(t["replaced"], 3),
        disposal_t_co2e=round(t["baseline"], 3),
        transport_t_co2e=round(t["freight"], 3),
        cost_saving_eur=round(saving, 2),
        new_route_t_co2e=round(t["new"], 3),
        baseline_route=baseline_route,
        substitute=substitution.substitute,
        disposal_saving_eur=round(disposal, 2),
        material_value_eur=round(value, 2),
        transport_cost_eur=round(transport, 2),
        cost_saving_try=round(saving * (knowledge.factor("eur_try") or 0.0), 2),
    )


def total_impact(impacts: list[Impact]) -> Impact:
    def total(name: str, digits: int = 3) -> float:
        return round(sum(getattr(i, name) for i in impacts), digits)

    return Impact(
        tonnes=total("tonnes"),
        co2e_avoided_t=total("co2e_avoided_t"),
        virgin_t_co2e=total("virgin_t_co2e"),
        disposal_t_co2e=total("disposal_t_co2e"),
        transport_t_co2e=total("transport_t_co2e"),
        cost_saving_eur=total("cost_saving_eur", 2),
        new_route_t_co2e=total("new_route_t_co2e"),
        disposal_saving_eur=total("disposal_saving_eur", 2),
        material_value_eur=total("material_value_eur", 2),
        transport_cost_eur=total("transport_cost_eur", 2),
        cost_saving_try=total("cost_saving_try", 2),
    )
