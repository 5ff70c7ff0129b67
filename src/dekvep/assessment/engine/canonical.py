"""Convert a validated inventory into the engine's units: t, kWh, m³, kg (refrigerants).

This is the pint boundary: nothing past here sees a unit string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from dekvep.catalog.waste import get_waste

from .factors import FactorSet
from .inventory import Inventory, ProductCircularity
from .units import ENERGY, MASS, VOLUME, convert, dimension

_MJ_PER_KWH = 3.6


@dataclass(frozen=True)
class EnergyUse:
    """Final energy of one carrier in kWh (fuels through their net calorific value)."""

    carrier: str
    kwh: float
    certified_renewable_kwh: float = 0.0
    use: str = "stationary"
    grid_level: str = "distribution"


@dataclass(frozen=True)
class MaterialUse:
    name: str
    kind: str
    t: float
    recycled_share: float
    reused_share: float
    renewable_share: float
    material_class: str | None
    distance_km: float | None
    price_try_per_t: float | None = None
    certificate: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class WasteFlow:
    code: str
    t: float
    route: str
    hazardous: bool
    receiver: str | None


@dataclass(frozen=True)
class CanonicalInventory:
    """An inventory in t, kWh, m³ and kg, ready for the indicator functions."""

    organization: str
    sector: str
    year: int
    product_group: str | None
    production_t: dict[str, float]
    revenue_try: float
    energy: list[EnergyUse]
    water_m3: dict[str, float]
    wastewater_m3: float
    reused_water_m3: float
    materials: list[MaterialUse]
    wastes: list[WasteFlow]
    refrigerants_kg: dict[str, float]
    products: list[ProductCircularity]
    costs: dict[str, float | None] = field(default_factory=dict)
    processes: tuple[str, ...] = ()
    reported: frozenset[str] = frozenset()


def fuel_kwh(carrier: str, quantity: float, unit: str, factors: FactorSet) -> float:
    """Net energy (kWh) of ``quantity`` ``unit`` of a fuel, through its NCV and density."""
    kind = dimension(unit)
    if kind == ENERGY:
        return convert(quantity, unit, "kWh")
    fuel = factors.fuel(carrier)
    if kind == VOLUME and carrier == "natural_gas":
        return convert(quantity, unit, "m3") * fuel["ncv_mj_per_sm3"] / _MJ_PER_KWH
    kg = convert(quantity, unit, "L") * fuel["density_kg_per_l"] if kind == VOLUME else None
    kg = kg if kg is not None else convert(quantity, unit, "kg")
    return kg * fuel["ncv_mj_per_kg"] / _MJ_PER_KWH


def energy_kwh(carrier: str, quantity: float, unit: str, factors: FactorSet) -> float:
    """Final energy (kWh) of one energy line; steam in tonnes through its enthalpy."""
    if carrier in ("electricity", "solar_onsite"):
        return convert(quantity, unit, "kWh")
    if carrier == "steam":
        if dimension(unit) == MASS:
            gj = convert(quantity, unit, "t") * factors.steam()["gj_per_t"]
            return convert(gj, "GJ", "kWh")
        return convert(quantity, unit, "kWh")
    return fuel_kwh(carrier, quantity, unit, factors)


def canonicalise(inv: Inventory, factors: FactorSet) -> CanonicalInventory:
    """The inventory in engine units (the unit checks were done by ``parse_inventory``)."""
    production: dict[str, float] = {}
    for line in inv.production:
        if line.unit == "pcs":
            t = line.quantity * (line.unit_mass_kg or 0) / 1000
        else:
            t = convert(line.quantity, line.unit, "t")
        production[line.product] = production.get(line.product, 0.0) + t
    water: dict[str, float] = {}
    for w in inv.water:
        water[w.source] = water.get(w.source, 0.0) + convert(w.quantity, w.unit, "m3")
    refrigerants: dict[str, float] = {}
    for r in inv.refrigerants:
        refrigerants[r.gas] = refrigerants.get(r.gas, 0.0) + convert(r.quantity, r.unit, "kg")
    return CanonicalInventory(
        organization=inv.organization,
        sector=inv.sector,
        year=inv.year,
        product_group=inv.product_group,
        production_t=production,
        revenue_try=sum(p.revenue_try or 0.0 for p in inv.production),
        energy=[
            EnergyUse(
                e.carrier,
                energy_kwh(e.carrier, e.quantity, e.unit, factors),
                e.certified_renewable_kwh,
                e.use,
                e.grid_level,
            )
            for e in inv.energy
        ],
        water_m3=water,
        wastewater_m3=convert(inv.wastewater.quantity, inv.wastewater.unit, "m3")
        if inv.wastewater
        else 0.0,
        reused_water_m3=inv.wastewater.reused_m3 if inv.wastewater else 0.0,
        materials=[_material(m) for m in inv.materials],
        wastes=[_waste(w) for w in inv.wastes],
        refrigerants_kg=refrigerants,
        products=list(inv.products),
        costs=inv.costs.model_dump(),
        processes=tuple(inv.processes),
        reported=reported_sections(inv),
    )


SECTIONS = ("energy", "water", "wastewater", "materials", "wastes", "refrigerants", "products")


def reported_sections(inv: Inventory) -> frozenset[str]:
    """The sections the firm filled in. A section with at least one line is reported, even when
    its quantities are zero (zero is what the firm entered); an empty section is not reported."""
    return frozenset(name for name in SECTIONS if getattr(inv, name))


def _material(m) -> MaterialUse:
    return MaterialUse(
        name=m.name,
        kind=m.kind,
        t=convert(m.quantity, m.unit, "t"),
        recycled_share=m.recycled_share,
        reused_share=m.reused_share,
        renewable_share=m.renewable_share,
        material_class=m.material_class,
        distance_km=m.distance_km,
        price_try_per_t=m.price_try_per_t,
        certificate=m.certificate,
        origin=m.origin,
    )


@cache
def waste_entry(code: str):
    """The List of Waste entry of a code as typed (cached: firms repeat the same codes)."""
    return get_waste(code)


def _waste(w) -> WasteFlow:
    entry = waste_entry(w.ewc_code)
    return WasteFlow(
        code=entry.code if entry else w.ewc_code,
        t=convert(w.quantity, w.unit, "t"),
        route=w.route,
        hazardous=bool(entry and entry.hazardous),
        receiver=w.receiver,
    )
