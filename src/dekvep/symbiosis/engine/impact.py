"""The impact of an exchange: tonnes diverted, CO2e avoided, money saved."""

from __future__ import annotations

from dataclasses import dataclass

from dekvep.symbiosis.engine.knowledge import Knowledge, default_knowledge


@dataclass(frozen=True, slots=True)
class Impact:
    tonnes: float
    co2e_avoided_t: float  # virgin material replaced + disposal avoided − transport
    virgin_t_co2e: float
    disposal_t_co2e: float
    transport_t_co2e: float
    cost_saving_eur: float  # disposal cost avoided + resale value


def exchange_impact(
    tonnes: float,
    material: str | None,
    distance_km: float | None,
    hazardous: bool = False,
    knowledge: Knowledge | None = None,
) -> Impact:
    """Impact of moving ``tonnes`` of ``material`` ``distance_km`` to a receiver that uses it."""
    knowledge = knowledge or default_knowledge()
    primary = knowledge.factor("primary", material) or 0.0
    closed = knowledge.factor("closed_loop", material)
    # where no closed-loop factor is published the secondary route is not credited beyond disposal
    virgin = (primary - closed) if closed is not None else 0.0
    landfill = knowledge.factor("landfill", material) or 0.0
    freight = (knowledge.factor("freight_hgv") or 0.0) * (distance_km or 0.0)
    virgin_t, disposal_t, transport_t = (tonnes * f / 1000 for f in (virgin, landfill, freight))
    disposal_cost = (
        knowledge.factor("disposal_cost_hazardous" if hazardous else "disposal_cost") or 0.0
    )
    value = knowledge.factor("secondary_value", material) or 0.0
    return Impact(
        tonnes=tonnes,
        co2e_avoided_t=round(virgin_t + disposal_t - transport_t, 3),
        virgin_t_co2e=round(virgin_t, 3),
        disposal_t_co2e=round(disposal_t, 3),
        transport_t_co2e=round(transport_t, 3),
        cost_saving_eur=round(tonnes * (disposal_cost + value), 2),
    )


def total_impact(impacts: list[Impact]) -> Impact:
    return Impact(
        tonnes=round(sum(i.tonnes for i in impacts), 3),
        co2e_avoided_t=round(sum(i.co2e_avoided_t for i in impacts), 3),
        virgin_t_co2e=round(sum(i.virgin_t_co2e for i in impacts), 3),
        disposal_t_co2e=round(sum(i.disposal_t_co2e for i in impacts), 3),
        transport_t_co2e=round(sum(i.transport_t_co2e for i in impacts), 3),
        cost_saving_eur=round(sum(i.cost_saving_eur for i in impacts), 2),
    )
