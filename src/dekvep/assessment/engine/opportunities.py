"""The opportunities catalogue, the measures a firm's diagnosis triggers, and their prices.

A measure is triggered when every clause of its condition holds on the firm's metrics *and* the
plant process it acts on is there: a firm that lists its ``processes`` gets only measures for
those processes; a firm that lists none gets them marked ``unconfirmed`` (they can never be
"high" priority). Savings, money, tCO2e and the package are worked out in ``package``.
"""

from __future__ import annotations

import csv
import json
import operator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .canonical import CanonicalInventory, MaterialUse
from .factors import FactorSet
from .finance import price_index
from .ghg import fuel_tco2e
from .inventory import FUELS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_OPS = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "in": lambda a, b: a in b,
}
# Factor-set class used for the upstream emissions of material of unknown class.
FALLBACK_MATERIAL_CLASS = "chemicals"


@cache
def catalogue() -> dict[str, Any]:
    """The catalogue file: name, version and the list of measures."""
    return json.loads((DATA_DIR / "opportunities.json").read_text(encoding="utf-8"))


@cache
def _cost_rows() -> dict[str, tuple[float, int]]:
    with (DATA_DIR / "unit_costs.csv").open(encoding="utf-8") as handle:
        return {
            row["item"]: (float(row["value"]), int(row["year"])) for row in csv.DictReader(handle)
        }


def default_costs() -> dict[str, float]:
    """Default unit costs (TRY per unit in the file, prices of the file's year) by item."""
    return {item: value for item, (value, _) in _cost_rows().items()}


@cache
def measures_for(sector: str) -> tuple[dict[str, Any], ...]:
    """Catalogue measures of ``sector`` and the cross-cutting ones."""
    return tuple(m for m in catalogue()["measures"] if m["sector"] in (sector, "cross_cutting"))


def certainty(measure: dict[str, Any], processes: frozenset[str]) -> str | None:
    """``confirmed`` or ``unconfirmed`` for a measure the firm's processes allow, else None."""
    needed = measure.get("process")
    if not needed:
        return "confirmed"
    if not processes:
        return "unconfirmed"
    return "confirmed" if needed in processes else None


@cache
def clauses(measure_id: str) -> tuple:
    """A measure's condition as ``(metric, comparison function, value)`` clauses (all must hold,
    a missing metric fails its clause: see ``package.triggered``)."""
    measure = next(m for m in catalogue()["measures"] if m["id"] == measure_id)
    return tuple((metric, _OPS[op], value) for metric, op, value in measure["condition"])


@dataclass(frozen=True)
class Prices:
    """TRY (of ``price_year``) and tCO2e per saved unit, by kind; ``sources`` says, per kind,
    whether the firm's own price or the catalogue default was used."""

    price_year: int
    electricity: tuple[float, float]
    thermal: tuple[float, float]
    water: tuple[float, float]
    refrigerant_try_per_kg: float
    disposal_try_per_t: float
    disposal_hazardous_try_per_t: float
    sources: dict[str, str]


def _cost(item: str, price_year: int) -> float:
    value, year = _cost_rows()[item]
    return value * price_index(year, price_year)


def prices(inv: CanonicalInventory, factors: FactorSet, grid: float, price_year: int) -> Prices:
    """Unit values from the firm's own prices (inventory year) or the defaults (file year),
    both brought to ``price_year`` with TÜFE."""
    own = inv.costs
    own_index = price_index(inv.year, price_year)
    sources: dict[str, str] = {}

    def pick(kind: str, own_value: float | None, item: str) -> float:
        sources[kind] = "firm" if own_value else "default"
        return own_value * own_index if own_value else _cost(item, price_year)

    electricity = pick("electricity", own.get("electricity_try_per_kwh"), "electricity")
    thermal_kwh = thermal_try = thermal_t = 0.0
    for use in inv.energy:
        if use.carrier in FUELS and use.kwh > 0:
            thermal_kwh += use.kwh
            thermal_t += fuel_tco2e(use.carrier, use.kwh, factors)
            thermal_try += use.kwh * _fuel_price(use.carrier, own, factors, price_year, own_index)
    if thermal_kwh == 0:
        thermal_kwh, thermal_t = 1.0, fuel_tco2e("natural_gas", 1.0, factors)
        thermal_try = _fuel_price("natural_gas", own, factors, price_year, own_index)
    sources["thermal"] = "firm" if own.get("natural_gas_try_per_sm3") else "default"
    water = pick("water", own.get("water_try_per_m3"), "water")
    disposal = pick("waste", own.get("waste_disposal_try_per_t"), "waste_disposal")
    return Prices(
        price_year=price_year,
        electricity=(electricity, grid / 1000),
        thermal=(thermal_try / thermal_kwh, thermal_t / thermal_kwh),
        water=(water, 0.0),
        refrigerant_try_per_kg=_cost("refrigerant", price_year),
        disposal_try_per_t=disposal,
        disposal_hazardous_try_per_t=max(disposal, _cost("waste_disposal_hazardous", price_year)),
        sources=sources,
    )


def _fuel_price(carrier: str, own: dict, factors: FactorSet, price_year: int, index: float):
    """TRY per kWh (net) of a fuel."""
    fuel = factors.fuel(carrier)
    item = "coal" if carrier in ("lignite", "imported_coal") else carrier
    if carrier == "natural_gas":
        if own.get("natural_gas_try_per_sm3"):
            per_sm3 = own["natural_gas_try_per_sm3"] * index
        else:
            per_sm3 = _cost("natural_gas", price_year)
        return per_sm3 / (fuel["ncv_mj_per_sm3"] / 3.6)
    if carrier == "diesel":
        per_kwh = fuel["density_kg_per_l"] * fuel["ncv_mj_per_kg"] / 3.6
        return _cost("diesel", price_year) / per_kwh
    return _cost(item, price_year) / (fuel["ncv_mj_per_kg"] / 3.6)


def material_price(
    m: MaterialUse, price_year: int, inventory_year: int, firm_average: float | None = None
) -> tuple[float, str]:
    """TRY per tonne of a purchased material: the firm's price of the line, else its class
    default, else the firm's average material price, else the default of its kind; with where
    the figure came from."""
    if m.price_try_per_t:
        return m.price_try_per_t * price_index(inventory_year, price_year), "firm"
    item = f"material:{m.material_class}"
    if m.material_class and item in _cost_rows():
        return _cost(item, price_year), "class default"
    if firm_average and m.kind == "raw_material":
        return firm_average * price_index(inventory_year, price_year), "firm average"
    kind_item = {"chemical": "chemical", "packaging": "packaging"}.get(m.kind, "material")
    return _cost(kind_item, price_year), "kind default"


def material_upstream(m: MaterialUse, factors: FactorSet) -> float:
    """tCO2e per tonne of a purchased material (cut-off: the recycled part at its own factor)."""
    virgin = factors.material_factor(m.material_class, m.origin) if m.material_class else None
    if virgin is None:
        virgin = factors.material_factor(FALLBACK_MATERIAL_CLASS) or 0.0
    recycled = factors.recycled_factor(m.material_class, virgin)
    share = m.recycled_share + m.reused_share
    return virgin * (1 - share) + recycled * share


def pool_values(
    materials: list[MaterialUse],
    factors: FactorSet,
    price_year: int,
    inventory_year: int,
    firm_average: float | None = None,
) -> tuple[float, float]:
    """Mass-weighted TRY/t and tCO2e/t of a set of materials (a fallback price when empty)."""
    total = sum(m.t for m in materials)
    if total <= 0:
        fallback = factors.material_factor(FALLBACK_MATERIAL_CLASS) or 0.0
        return _cost("material", price_year), fallback
    money = sum(
        m.t * material_price(m, price_year, inventory_year, firm_average)[0] for m in materials
    )
    tco2e = sum(m.t * material_upstream(m, factors) for m in materials)
    return money / total, tco2e / total
