"""The opportunities catalogue and the measures that apply to one firm.

A measure applies when every clause of its condition holds on the firm's metrics. Its yearly
saving is a share (low-high, midpoint used for money and payback) of a basis quantity; money,
tCO2e and investment follow from the firm's unit costs (or the default costs file) and the
factor set.
"""

from __future__ import annotations

import csv
import json
import operator
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

from .canonical import CanonicalInventory
from .factors import FactorSet
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
# What one unit of saving is: the basis metric's unit.
_SAVED_UNIT = {
    "electricity": "kWh",
    "thermal": "kWh",
    "water": "m3",
    "material": "t",
    "waste": "t",
    "refrigerant": "kg",
}


@cache
def catalogue() -> dict[str, Any]:
    """The catalogue file: name, version and the list of measures."""
    return json.loads((DATA_DIR / "opportunities.json").read_text(encoding="utf-8"))


@cache
def default_costs() -> dict[str, float]:
    """Default unit costs (TRY per unit in the file) by item."""
    with (DATA_DIR / "unit_costs.csv").open(encoding="utf-8") as handle:
        return {row["item"]: float(row["value"]) for row in csv.DictReader(handle)}


@cache
def measures_for(sector: str) -> tuple[dict[str, Any], ...]:
    """Catalogue measures of ``sector`` and the cross-cutting ones."""
    return tuple(m for m in catalogue()["measures"] if m["sector"] in (sector, "cross_cutting"))


def applies(measure: dict[str, Any], metrics: dict[str, Any]) -> bool:
    """True when every ``[metric, op, value]`` clause holds; a missing metric fails the clause."""
    for metric, compare, value in _clauses(measure["id"]):
        actual = metrics.get(metric)
        if actual is None or not compare(actual, value):
            return False
    return True


@cache
def _clauses(measure_id: str) -> tuple:
    measure = next(m for m in catalogue()["measures"] if m["id"] == measure_id)
    return tuple((metric, _OPS[op], value) for metric, op, value in measure["condition"])


class Opportunity(TypedDict):
    """A measure for one firm. Savings per year: ``saving_low``/``saving_high`` in
    ``saving_unit``; money TRY/yr; tCO2e/yr; investment TRY; payback years."""

    measure_id: str
    sector: str
    title_en: str
    title_tr: str
    kind: str
    saving_low: float
    saving_high: float
    saving_unit: str
    money_try_per_year: float
    tco2e_per_year: float
    investment_try: float
    payback_years: float | None
    priority: str
    source: str


def unit_values(
    inv: CanonicalInventory, factors: FactorSet, grid: float
) -> dict[str, tuple[float, float]]:
    """(TRY, tCO2e) per saved unit of each kind, from the firm's own mix and costs."""
    costs = default_costs()
    own = inv.costs
    electricity_price = own.get("electricity_try_per_kwh") or costs["electricity"]
    thermal_kwh, thermal_try, thermal_t = 0.0, 0.0, 0.0
    for use in inv.energy:
        if use.carrier in FUELS and use.kwh > 0:
            thermal_kwh += use.kwh
            thermal_t += fuel_tco2e(use.carrier, use.kwh, factors)
            thermal_try += use.kwh * _fuel_price_per_kwh(use.carrier, own, factors)
    if thermal_kwh == 0:
        thermal_kwh, thermal_t = 1.0, fuel_tco2e("natural_gas", 1.0, factors)
        thermal_try = _fuel_price_per_kwh("natural_gas", own, factors)
    landfill = factors.waste_factor("landfill") - factors.waste_factor("recycling")
    return {
        "electricity": (electricity_price, grid / 1000),
        "thermal": (thermal_try / thermal_kwh, thermal_t / thermal_kwh),
        "water": (own.get("water_try_per_m3") or costs["water"], 0.0),
        "material": (own.get("material_try_per_t") or costs["material"], 0.0),
        "waste": (own.get("waste_disposal_try_per_t") or costs["waste_disposal"], landfill),
        "refrigerant": (costs["refrigerant"], 0.0),
    }


def _fuel_price_per_kwh(carrier: str, own: dict, factors: FactorSet) -> float:
    costs = default_costs()
    fuel = factors.fuel(carrier)
    if carrier == "natural_gas":
        per_sm3 = own.get("natural_gas_try_per_sm3") or costs["natural_gas"]
        return per_sm3 / (fuel["ncv_mj_per_sm3"] / 3.6)
    if carrier == "diesel":
        return costs["diesel"] / (fuel["density_kg_per_l"] * fuel["ncv_mj_per_kg"] / 3.6)
    return costs[carrier] / (fuel["ncv_mj_per_kg"] / 3.6)


def priority(payback_years: float | None, tco2e: float) -> str:
    """``high`` for payback ≤ 1 year or ≥ 100 tCO2e/yr, ``medium`` ≤ 3 years, else ``low``."""
    if payback_years is not None and payback_years <= 1 or tco2e >= 100:
        return "high"
    if payback_years is not None and payback_years <= 3:
        return "medium"
    return "low"


def opportunities(
    inv: CanonicalInventory,
    metrics: dict[str, Any],
    factors: FactorSet,
    grid: float,
    refrigerant_gwp: float = 0.0,
) -> list[Opportunity]:
    """Measures that apply to the firm, highest priority and shortest payback first."""
    values = unit_values(inv, factors, grid)
    found = []
    for measure in measures_for(inv.sector):
        if not applies(measure, metrics):
            continue
        found.append(_estimate(measure, metrics, values, refrigerant_gwp))
    rank = {"high": 0, "medium": 1, "low": 2}
    found.sort(
        key=lambda o: (
            rank[o["priority"]],
            1e9 if o["payback_years"] is None else o["payback_years"],
        )
    )
    return found


def _estimate(measure, metrics, values, refrigerant_gwp) -> Opportunity:
    savings = measure["savings"]
    kind = savings["kind"]
    basis = float(metrics.get(savings["basis"]) or 0.0)
    pct_low, pct_high = savings["pct"]
    low, high = basis * pct_low, basis * pct_high
    mid = (low + high) / 2
    price, tco2e_per_unit = values[kind]
    if kind == "refrigerant":
        tco2e_per_unit = refrigerant_gwp / 1000
    money = mid * price
    tco2e = mid * tco2e_per_unit
    invest = measure["investment"]
    span_low, span_high = invest["try"]
    investment = (span_low + span_high) / 2 * (1 if invest["per"] == "fixed" else mid)
    payback = investment / money if money > 0 else None
    return {
        "measure_id": measure["id"],
        "sector": measure["sector"],
        "title_en": measure["title_en"],
        "title_tr": measure["title_tr"],
        "kind": kind,
        "saving_low": low,
        "saving_high": high,
        "saving_unit": _SAVED_UNIT[kind],
        "money_try_per_year": money,
        "tco2e_per_year": tco2e,
        "investment_try": investment,
        "payback_years": payback,
        "priority": priority(payback, tco2e),
        "source": measure["source"],
    }
