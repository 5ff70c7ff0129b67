"""The flat metrics the opportunity conditions are written against.

Waste-code groups (plastic, textile, metal, paint, packaging) are List of Waste prefixes kept in
``data/waste_groups.csv``.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from .benchmarks import reference_ranges
from .canonical import CanonicalInventory
from .cti import CIRCULAR_ROUTES, CircularTransition
from .intensity import Intensities
from .inventory import FUELS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def waste_groups() -> dict[str, tuple[str, ...]]:
    """Group name → code prefixes (two to six digits)."""
    groups: dict[str, list[str]] = {}
    with (DATA_DIR / "waste_groups.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["group"], []).append(row["prefix"])
    return {g: tuple(p) for g, p in groups.items()}


@cache
def _groups_of(code: str) -> tuple[str, ...]:
    """The waste groups a List of Waste code falls in (firms repeat the same codes)."""
    return tuple(g for g, prefixes in waste_groups().items() if code.startswith(prefixes))


def _group_flows(inv: CanonicalInventory) -> dict[str, tuple[float, float]]:
    """Group → (tonnes, tonnes sent to a circular route), summed in the order of the lines
    from an integer 0 as ``sum`` does (a group without lines keeps 0)."""
    totals = dict.fromkeys(waste_groups(), 0)
    circular = dict.fromkeys(waste_groups(), 0)
    for w in inv.wastes:
        for group in _groups_of(w.code):
            totals[group] = totals[group] + w.t
            if w.route in CIRCULAR_ROUTES:
                circular[group] = circular[group] + w.t
    return {g: (totals[g], circular[g]) for g in totals}


def _vs_reference(sector: str, indicator: str, value: float | None) -> float | None:
    """The value over the upper end of the sector's published range (1.0 = at the upper end)."""
    ref = reference_ranges().get((sector, indicator))
    if ref is None or value is None or ref.high <= 0:
        return None
    return value / ref.high


def metrics(
    inv: CanonicalInventory, ind: Intensities, cti: CircularTransition, product_mci: float | None
) -> dict[str, Any]:
    """Metrics by name: energy kWh, water m³, masses t, refrigerant kg, shares 0-1."""
    by_carrier: dict[str, float] = {}
    mobile = 0.0
    for use in inv.energy:
        if use.use == "mobile":  # vehicles are not plant: no boiler or furnace measure on them
            mobile += use.kwh
            continue
        by_carrier[use.carrier] = by_carrier.get(use.carrier, 0.0) + use.kwh
    fuel = sum(by_carrier.get(c, 0.0) for c in FUELS)
    water = ind.water_m3
    reused = inv.reused_water_m3
    result: dict[str, Any] = {
        "sector": inv.sector,
        "production_t": ind.production_t,
        "electricity_kwh": by_carrier.get("electricity", 0.0),
        "solar_kwh": by_carrier.get("solar_onsite", 0.0),
        "natural_gas_kwh": by_carrier.get("natural_gas", 0.0),
        "fuel_kwh": fuel,
        "thermal_kwh": fuel + by_carrier.get("steam", 0.0),
        "energy_kwh": ind.energy_kwh,
        "water_m3": water,
        "mobile_fuel_kwh": mobile,
        "wastewater_m3": inv.wastewater_m3 if "wastewater" in inv.reported else None,
        "water_reuse_share": reused / (water + reused)
        if water is not None and water + reused > 0
        else None,
        "waste_t": ind.waste_t,
        "landfill_t": sum(w.t for w in inv.wastes if w.route == "landfill"),
        "landfill_rate": ind.landfill_rate,
        "recovery_rate": ind.recovery_rate,
        "hazardous_share": ind.hazardous_share,
        "material_t": ind.material_t,
        "chemical_t": sum(m.t for m in inv.materials if m.kind == "chemical"),
        "recycled_inflow_share": _recycled_share(inv),
        "refrigerant_kg": sum(inv.refrigerants_kg.values()),
        "energy_kwh_per_t": ind.energy_kwh_per_t,
        "water_m3_per_t": ind.water_m3_per_t,
        "water_m3_per_t_vs_reference": _vs_reference(
            inv.sector, "water_m3_per_t", ind.water_m3_per_t
        ),
        "waste_kg_per_t": ind.waste_kg_per_t,
        "renewable_energy_share": (cti.renewable_energy_pct or 0.0) / 100,
        "product_mci": product_mci,
    }
    for group, (total, circular) in _group_flows(inv).items():
        result[f"{group}_waste_t"] = total
        result[f"{group}_waste_recycled_share"] = circular / total if total > 0 else None
        result[f"{group}_waste_disposed_t"] = total - circular
    return result


def _recycled_share(inv: CanonicalInventory) -> float:
    total = sum(m.t for m in inv.materials)
    recovered = sum(m.t * (m.recycled_share + m.reused_share) for m in inv.materials)
    return recovered / total if total > 0 else 0.0
