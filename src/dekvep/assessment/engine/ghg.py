"""Carbon footprint by the GHG Protocol Corporate Standard, in tCO2e.

Scope 1: fuels (IPCC 2006 CO2, CH4 and N2O per TJ, CH4/N2O weighted by the GWPs of the factor
set) and refrigerant top-ups (assumed leaked, kg × GWP). Scope 2: purchased electricity and steam,
location-based with the grid factor of the inventory year and market-based with certified
renewable electricity at its certificate factor; Türkiye publishes no residual mix, so the
uncovered part uses the grid factor. Scope 3 where data is given: purchased materials with a
``material_class``, waste treatment by route, upstream road transport from ``distance_km``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .canonical import CanonicalInventory
from .factors import FactorSet
from .inventory import FUELS

_TJ_PER_KWH = 3.6e-6


@dataclass
class Footprint:
    """Emissions in tCO2e, by scope and by source (``sources`` maps a label to tCO2e)."""

    scope1_tco2e: float = 0.0
    scope2_location_tco2e: float = 0.0
    scope2_market_tco2e: float = 0.0
    scope3_tco2e: float = 0.0
    sources: dict[str, float] = field(default_factory=dict)
    grid_factor_tco2e_per_mwh: float = 0.0
    grid_factor_year: int = 0
    notes: list[tuple[str, str, dict]] = field(default_factory=list)  # code, text, params

    @property
    def total_location_tco2e(self) -> float:
        return self.scope1_tco2e + self.scope2_location_tco2e + self.scope3_tco2e

    @property
    def total_market_tco2e(self) -> float:
        return self.scope1_tco2e + self.scope2_market_tco2e + self.scope3_tco2e

    def add(self, source: str, tco2e: float) -> None:
        self.sources[source] = self.sources.get(source, 0.0) + tco2e


def fuel_tco2e(carrier: str, kwh: float, factors: FactorSet) -> float:
    """tCO2e from burning ``kwh`` (net) of a fuel: CO2 + CH4·GWP + N2O·GWP."""
    fuel = factors.fuel(carrier)
    tj = kwh * _TJ_PER_KWH
    kg = (
        fuel["co2_kg_per_tj"]
        + fuel["ch4_kg_per_tj"] * factors.gwp("CH4")
        + fuel["n2o_kg_per_tj"] * factors.gwp("N2O")
    ) * tj
    return kg / 1000


def refrigerant_tco2e(gas: str, kg: float, factors: FactorSet) -> float:
    """tCO2e of ``kg`` of refrigerant topped up (= leaked) in the year."""
    return kg * factors.gwp(gas) / 1000


def footprint(inv: CanonicalInventory, factors: FactorSet) -> Footprint:
    """Scopes 1, 2 (location and market) and 3 of one firm-year."""
    result = Footprint()
    grid, grid_year = factors.grid_factor(inv.year)
    result.grid_factor_tco2e_per_mwh, result.grid_factor_year = grid, grid_year
    if grid_year != inv.year:
        result.notes.append(
            (
                "grid_year",
                f"grid factor of {grid_year} used for {inv.year}",
                {"used": grid_year, "year": inv.year},
            )
        )
    _scope1(inv, factors, result)
    _scope2(inv, factors, grid, result)
    _scope3(inv, factors, result)
    return result


def _scope1(inv: CanonicalInventory, factors: FactorSet, result: Footprint) -> None:
    for use in inv.energy:
        if use.carrier in FUELS:
            t = fuel_tco2e(use.carrier, use.kwh, factors)
            result.scope1_tco2e += t
            result.add(use.carrier, t)
    for gas, kg in inv.refrigerants_kg.items():
        t = refrigerant_tco2e(gas, kg, factors)
        result.scope1_tco2e += t
        result.add("refrigerants", t)


def _scope2(inv: CanonicalInventory, factors: FactorSet, grid: float, result: Footprint) -> None:
    certified_factor = factors.certified_renewable_factor()
    steam_factor = float(factors.steam()["tco2e_per_mwh"])
    for use in inv.energy:
        if use.carrier == "electricity":
            location = use.kwh / 1000 * grid
            certified = min(use.certified_renewable_kwh, use.kwh)
            market = (use.kwh - certified) / 1000 * grid + certified / 1000 * certified_factor
            result.scope2_location_tco2e += location
            result.scope2_market_tco2e += market
            result.add("electricity", location)
        elif use.carrier == "steam":
            t = use.kwh / 1000 * steam_factor
            result.scope2_location_tco2e += t
            result.scope2_market_tco2e += t
            result.add("steam", t)


def _scope3(inv: CanonicalInventory, factors: FactorSet, result: Footprint) -> None:
    missing = 0
    for material in inv.materials:
        if material.distance_km:
            t = material.t * material.distance_km * factors.transport_factor()
            result.scope3_tco2e += t
            result.add("upstream_transport", t)
        factor = (
            factors.material_factor(material.material_class) if material.material_class else None
        )
        if factor is None:
            missing += 1
            continue
        virgin = 1 - material.recycled_share - material.reused_share
        t = material.t * virgin * factor
        result.scope3_tco2e += t
        result.add("purchased_materials", t)
    for waste in inv.wastes:
        t = waste.t * factors.waste_factor(waste.route)
        result.scope3_tco2e += t
        result.add("waste_treatment", t)
    if missing:
        result.notes.append(
            (
                "scope3_materials",
                f"{missing} material(s) without a known material_class left out of scope 3",
                {"n": missing},
            )
        )
