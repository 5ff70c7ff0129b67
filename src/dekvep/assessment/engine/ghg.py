"""Carbon footprint by the GHG Protocol Corporate Standard, in tCO2e.

Scope 1: fuels (IPCC 2006 CO2, CH4 and N2O per TJ, CH4/N2O weighted by the GWPs of the factor
set; vehicles with their mobile CH4/N2O) and refrigerant top-ups (assumed leaked, kg × GWP);
HCFCs such as R-22 are Montreal-Protocol gases outside the Kyoto basket and are reported
separately (``non_kyoto_tco2e``), not in scope 1. Scope 2: purchased electricity and steam,
location-based with the grid factor of the inventory year and market-based with certified
renewable electricity at its certificate factor; Türkiye publishes no residual mix, so the
uncovered part uses the grid factor of the line's grid level (distribution or transmission).
Scope 3 where data is given: cat. 1 purchased materials with a ``material_class`` (recycled
content at its own factor, cut-off approach), cat. 3 fuel- and energy-related (well-to-tank of
fuels, grid losses), cat. 4 upstream road transport from ``distance_km``, cat. 5 waste by route
(landfill and incineration per material from the shared factor file), cat. 11 use of sold
products from their rated kWh per year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .canonical import CanonicalInventory
from .disposal import disposal_factor
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
    non_kyoto_tco2e: float = 0.0
    scope3_categories: dict[str, float | None] = field(default_factory=dict)
    grid_factors: list[dict] = field(default_factory=list)
    notes: list[tuple[str, str, dict]] = field(default_factory=list)  # code, text, params

    @property
    def total_location_tco2e(self) -> float:
        return self.scope1_tco2e + self.scope2_location_tco2e + self.scope3_tco2e

    @property
    def total_market_tco2e(self) -> float:
        return self.scope1_tco2e + self.scope2_market_tco2e + self.scope3_tco2e

    def add(self, source: str, tco2e: float) -> None:
        self.sources[source] = self.sources.get(source, 0.0) + tco2e


def fuel_tco2e(carrier: str, kwh: float, factors: FactorSet, use: str = "stationary") -> float:
    """tCO2e from burning ``kwh`` (net) of a fuel: CO2 + CH4·GWP + N2O·GWP."""
    fuel = factors.combustion_factors(carrier, use)
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
            t = fuel_tco2e(use.carrier, use.kwh, factors, use.use)
            result.scope1_tco2e += t
            result.add(use.carrier if use.use == "stationary" else "mobile_combustion", t)
    for gas, kg in inv.refrigerants_kg.items():
        t = refrigerant_tco2e(gas, kg, factors)
        if factors.kyoto(gas):
            result.scope1_tco2e += t
            result.add("refrigerants", t)
        else:
            result.non_kyoto_tco2e += t


def _scope2(inv: CanonicalInventory, factors: FactorSet, grid: float, result: Footprint) -> None:
    certified_factor = factors.certified_renewable_factor()
    steam_factor = float(factors.steam()["tco2e_per_mwh"])
    for use in inv.energy:
        if use.carrier == "electricity":
            line_grid = _line_grid(inv, factors, use.grid_level, grid, result)
            location = use.kwh / 1000 * line_grid
            certified = min(use.certified_renewable_kwh, use.kwh)
            market = (use.kwh - certified) / 1000 * line_grid + certified / 1000 * certified_factor
            result.scope2_location_tco2e += location
            result.scope2_market_tco2e += market
            result.add("electricity", location)
        elif use.carrier == "steam":
            t = use.kwh / 1000 * steam_factor
            result.scope2_location_tco2e += t
            result.scope2_market_tco2e += t
            result.add("steam", t)


def _line_grid(inv, factors: FactorSet, level: str, default: float, result: Footprint) -> float:
    """The grid factor of an electricity line's level; distribution uses the set's series."""
    if level == "distribution":
        found = (default, result.grid_factor_year, level)
    else:
        found = factors.grid_level_factor(inv.year, level) or (
            default,
            result.grid_factor_year,
            "distribution",
        )
    entry = {"level": found[2], "year": found[1], "tco2e_per_mwh": found[0]}
    if entry not in result.grid_factors:
        result.grid_factors.append(entry)
        if found[1] != inv.year and found[2] != "distribution":
            params = {"used": found[1], "year": inv.year, "level": found[2]}
            result.notes.append(("grid_level_year", "grid factor of another year used", params))
        if factors.grid_level_unverified(found[1], found[2]):
            params = {"year": found[1], "level": found[2], "value": found[0]}
            text = "grid factor not yet verified against the published form"
            result.notes.append(("grid_level_unverified", text, params))
    return found[0]


def _category(result: Footprint, number: str, t: float) -> None:
    result.scope3_tco2e += t
    result.scope3_categories[number] = (result.scope3_categories.get(number) or 0.0) + t


def _scope3(inv: CanonicalInventory, factors: FactorSet, result: Footprint) -> None:
    result.scope3_categories = {n: None for n in ("1", "3", "4", "5", "11")}
    _fuel_and_energy(inv, factors, result)
    _use_of_products(inv, factors, result)
    missing = 0
    for material in inv.materials:
        if material.distance_km:
            t = material.t * material.distance_km * factors.transport_factor()
            _category(result, "4", t)
            result.add("upstream_transport", t)
        factor = (
            factors.material_factor(material.material_class, material.origin)
            if material.material_class
            else None
        )
        if factor is None:
            missing += 1
            continue
        recovered = material.recycled_share + material.reused_share
        recycled = factors.recycled_factor(material.material_class, factor)
        t = material.t * ((1 - recovered) * factor + material.recycled_share * recycled)
        _category(result, "1", t)
        result.add("purchased_materials", t)
    for waste in inv.wastes:
        per_material = disposal_factor(waste.code, waste.route)
        t = waste.t * (per_material[0] if per_material else factors.waste_factor(waste.route))
        _category(result, "5", t)
        result.add("waste_treatment", t)
    if missing:
        result.notes.append(
            (
                "scope3_materials",
                f"{missing} material(s) without a known material_class left out of scope 3",
                {"n": missing},
            )
        )


def _fuel_and_energy(inv: CanonicalInventory, factors: FactorSet, result: Footprint) -> None:
    """Category 3: well-to-tank of fuels burnt and the grid losses of purchased electricity."""
    if "energy" not in inv.reported:
        return
    losses = factors.grid_losses_share()
    grid = result.grid_factor_tco2e_per_mwh
    t = 0.0
    for use in inv.energy:
        if use.carrier in FUELS:
            t += use.kwh / 1000 * factors.fuel_upstream(use.carrier)
        elif use.carrier == "electricity":
            t += use.kwh / 1000 * grid * losses
    _category(result, "3", t)
    result.add("fuel_and_energy_upstream", t)


def _use_of_products(inv: CanonicalInventory, factors: FactorSet, result: Footprint) -> None:
    """Category 11 for energy-using products: rated kWh per year × lifetime × units sold × grid
    factor of the inventory year (direct use-phase emissions, GHG Protocol Scope 3 cat. 11)."""
    grid = result.grid_factor_tco2e_per_mwh
    for product in inv.products:
        if product.rated_kwh_per_year and product.lifetime_years and product.units_sold:
            mwh = product.rated_kwh_per_year * product.lifetime_years * product.units_sold / 1000
            _category(result, "11", mwh * grid)
            result.add("use_of_sold_products", mwh * grid)
