"""Resource intensities per tonne of product and per million TRY of revenue."""

from __future__ import annotations

from dataclasses import dataclass

from .canonical import CanonicalInventory

RECOVERY_ROUTES = ("reuse", "recycling", "energy_recovery")


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None:
        return None
    return numerator / denominator if denominator > 0 else None


@dataclass(frozen=True)
class Intensities:
    """Intensities; a field is None when its denominator is zero or its quantity was not
    reported (``energy_kwh``, ``water_m3``, ``waste_t``, ``material_t`` are None then: "not
    reported" is never shown as zero).

    Units: energy kWh/t; water m³/t; waste kg/t; material efficiency t product / t material;
    shares and rates 0-1; ``*_per_mtry`` per million TRY of revenue.
    """

    production_t: float
    energy_kwh: float | None
    water_m3: float | None
    waste_t: float | None
    material_t: float | None
    energy_kwh_per_t: float | None
    water_m3_per_t: float | None
    waste_kg_per_t: float | None
    material_efficiency: float | None
    hazardous_share: float | None
    recovery_rate: float | None
    landfill_rate: float | None
    energy_kwh_per_mtry: float | None
    water_m3_per_mtry: float | None
    waste_t_per_mtry: float | None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def total_energy_kwh(inv: CanonicalInventory) -> float:
    """All final energy (kWh): purchased electricity, on-site solar, fuels by NCV, steam."""
    return sum(e.kwh for e in inv.energy)


def intensities(inv: CanonicalInventory) -> Intensities:
    """Energy, water, waste and material intensities of one firm-year."""
    production = sum(inv.production_t.values())
    known = inv.reported
    energy = total_energy_kwh(inv) if "energy" in known else None
    water = sum(inv.water_m3.values()) if "water" in known else None
    waste = sum(w.t for w in inv.wastes) if "wastes" in known else None
    material = sum(m.t for m in inv.materials) if "materials" in known else None
    hazardous = sum(w.t for w in inv.wastes if w.hazardous) if waste is not None else None
    recovered = (
        sum(w.t for w in inv.wastes if w.route in RECOVERY_ROUTES)
        if hazardous is not None
        else None
    )
    landfilled = (
        sum(w.t for w in inv.wastes if w.route == "landfill") if waste is not None else None
    )
    revenue_m = inv.revenue_try / 1e6
    return Intensities(
        production_t=production,
        energy_kwh=energy,
        water_m3=water,
        waste_t=waste,
        material_t=material,
        energy_kwh_per_t=_ratio(energy, production),
        water_m3_per_t=_ratio(water, production),
        waste_kg_per_t=_ratio(None if waste is None else waste * 1000, production),
        material_efficiency=_ratio(production, material),
        hazardous_share=_ratio(hazardous, waste),
        recovery_rate=_ratio(recovered, waste),
        landfill_rate=_ratio(landfilled, waste),
        energy_kwh_per_mtry=_ratio(energy, revenue_m),
        water_m3_per_mtry=_ratio(water, revenue_m),
        waste_t_per_mtry=_ratio(waste, revenue_m),
    )
