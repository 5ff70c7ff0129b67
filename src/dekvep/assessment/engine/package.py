"""Measures as a package: each measure takes its share of what the measures before it left.

Ranking: the order the firm chose (``order``), then the rest by simple payback of the measure
alone (cost per TRY saved). Walking down the ranking:

- energy, water, material and refrigerant savings are shares of the *remaining* quantity of
  their pool (thermal measures on fuel take their share of the remaining fuel), computed
  separately for the low, middle and high shares so that none of the three totals can exceed
  the baseline;
- a measure on waste claims the waste streams (inventory lines) it acts on; a stream claimed by
  a measure ranked higher is not available to the ones after it;
- measures that act on the same equipment (the catalogue's ``alternatives``) are alternatives:
  only the best-ranked enters the package.

Every measure carries both views: ``alone`` (if only this measure were done) and its
contribution to the package (the top-level saving, money and tCO2e fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypedDict

from .canonical import CanonicalInventory, WasteFlow
from .cti import CIRCULAR_ROUTES
from .disposal import disposal_factor
from .factors import FactorSet
from .finance import irr, npv, price_index
from .metrics import waste_groups
from .opportunities import (
    Prices,
    applies,
    catalogue,
    certainty,
    measures_for,
    pool_values,
    prices,
)

SAVED_UNIT = {
    "electricity": "kWh",
    "thermal": "kWh",
    "water": "m3",
    "material": "t",
    "waste": "t",
    "refrigerant": "kg",
}
# Pools of non-waste bases: basis metric → (pool, metric of the whole pool).
POOLS = {
    "electricity_kwh": ("electricity", "electricity_kwh"),
    "thermal_kwh": ("thermal", "thermal_kwh"),
    "fuel_kwh": ("thermal", "thermal_kwh"),
    "water_m3": ("water", "water_m3"),
    "material_t": ("material", "material_t"),
    "chemical_t": ("material", "material_t"),
    "refrigerant_kg": ("refrigerant", "refrigerant_kg"),
}
SCENARIOS = ("low", "mid", "high")


@dataclass(frozen=True)
class MeasureSettings:
    """Programme settings for the money of measures: real discount rate, the year whose prices
    all money is stated in, and the firm's own order of measures (ids, best first)."""

    discount_rate: float
    price_year: int
    order: tuple[str, ...] = ()


class Opportunity(TypedDict, total=False):
    """A measure for one firm. Top-level savings are its contribution to the package (per
    year, in ``saving_unit``); ``alone`` holds the same figures if only this measure were done."""

    measure_id: str
    sector: str
    title_en: str
    title_tr: str
    kind: str
    stream: str
    saving_low: float
    saving_high: float
    saving_quantity: float
    saving_unit: str
    money_try_per_year: float
    tco2e_per_year: float
    tco2e: float
    investment_try: float
    payback_years: float | None
    npv_try: float | None
    irr: float | None
    life_years: int
    priority: str
    certainty: str
    rank: int
    in_package: bool
    alternative_to: str | None
    waste_lines: list[int]
    alone: dict[str, Any]
    source: str


@dataclass
class _State:
    """What the measures ranked so far have left."""

    remaining: dict[str, dict[str, float]] = field(default_factory=dict)  # scenario→pool→share
    claimed: set[int] = field(default_factory=set)
    taken_groups: dict[str, str] = field(default_factory=dict)  # alternatives → measure id


def waste_lines(inv: CanonicalInventory, basis: str) -> list[int] | None:
    """Indices of the waste lines a waste basis covers, None when the basis is not waste."""
    if basis == "landfill_t":
        return [i for i, w in enumerate(inv.wastes) if w.route == "landfill"]
    disposed = basis.endswith("_waste_disposed_t")
    group = basis.removesuffix("_waste_disposed_t").removesuffix("_waste_t")
    if not basis.endswith("_t") or group not in waste_groups():
        return None
    prefixes = waste_groups()[group]
    return [
        i
        for i, w in enumerate(inv.wastes)
        if w.code.startswith(prefixes) and not (disposed and w.route in CIRCULAR_ROUTES)
    ]


def triggered(inv: CanonicalInventory, metrics: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(measure, certainty) for each catalogue measure the firm's diagnosis calls for."""
    processes = frozenset(inv.processes)
    found = []
    for measure in measures_for(inv.sector):
        sure = certainty(measure, processes)
        if sure and applies(measure, metrics):
            found.append((measure, sure))
    return found


def measures(
    inv: CanonicalInventory,
    metrics: dict[str, Any],
    factors: FactorSet,
    grid: float,
    refrigerant_gwp: float,
    settings: MeasureSettings,
) -> tuple[list[Opportunity], dict[str, Any]]:
    """The firm's measures in package order with both views, and the package summary."""
    unit = prices(inv, factors, grid, settings.price_year)
    values = _Values(inv, factors, unit, refrigerant_gwp, settings)
    found = [
        _alone(measure, sure, inv, metrics, values) for measure, sure in triggered(inv, metrics)
    ]
    order = {m: i for i, m in enumerate(settings.order)}
    found.sort(
        key=lambda o: (
            order.get(o["measure_id"], len(order)),
            _sort_payback(o["alone"]["payback_years"]),
            o["measure_id"],
        )
    )
    state = _State(remaining={s: {} for s in SCENARIOS})
    for rank, opportunity in enumerate(found, start=1):
        opportunity["rank"] = rank
        _in_package(opportunity, inv, metrics, values, state)
    assign_priorities(found)
    return found, _summary(found, inv, metrics, unit)


def _sort_payback(payback: float | None) -> float:
    return 1e9 if payback is None else payback


class _Values:
    """Money and tCO2e per unit saved, by measure kind and basis."""

    def __init__(self, inv, factors, unit: Prices, refrigerant_gwp, settings):
        self.inv, self.factors, self.unit, self.settings = inv, factors, unit, settings
        self.refrigerant_gwp = refrigerant_gwp
        year = settings.price_year
        average = inv.costs.get("material_try_per_t")
        raw = [m for m in inv.materials if m.kind == "raw_material"] or list(inv.materials)
        self.material = pool_values(list(inv.materials), factors, year, inv.year, average)
        self.raw = pool_values(raw, factors, year, inv.year, average)
        chemicals = [m for m in inv.materials if m.kind == "chemical"]
        self.chemical = pool_values(chemicals, factors, year, inv.year)
        packaging = [m for m in inv.materials if m.kind == "packaging"]
        self.packaging = pool_values(packaging, factors, year, inv.year) if packaging else self.raw

    def per_unit(self, kind: str, basis: str) -> tuple[float, float]:
        """(TRY, tCO2e) per unit of a non-waste saving."""
        if kind == "refrigerant":
            return self.unit.refrigerant_try_per_kg, self.refrigerant_gwp / 1000
        if kind == "material":
            return self.chemical if basis == "chemical_t" else self.material
        return getattr(self.unit, kind)

    def per_waste_tonne(self, kind: str, waste: WasteFlow, basis: str) -> tuple[float, float]:
        """(TRY, tCO2e) per tonne of a waste line diverted from disposal, or prevented (a
        material measure, or a waste measure on a stream already recycled: returnable
        packaging avoids buying and treating the packaging)."""
        fee = self.unit.disposal_hazardous_try_per_t if waste.hazardous else None
        fee = fee or self.unit.disposal_try_per_t
        disposed = waste.route in ("landfill", "incineration")
        route_factor = _route_factor(waste, self.factors)
        if kind == "waste" and waste.route not in CIRCULAR_ROUTES:
            recycled = self.factors.waste_factor("recycling")
            return (fee if disposed else 0.0), max(route_factor - recycled, 0.0)
        price, upstream = self.packaging if basis.startswith("packaging") else self.raw
        return price + (fee if disposed else 0.0), upstream + route_factor


def _route_factor(waste: WasteFlow, factors: FactorSet) -> float:
    found = disposal_factor(waste.code, waste.route)
    return found[0] if found else factors.waste_factor(waste.route)


def _investment(measure: dict[str, Any], saved: float, settings: MeasureSettings) -> float:
    invest = measure["investment"]
    low, high = invest["try"]
    amount = (low + high) / 2 * (1 if invest["per"] == "fixed" else saved)
    return amount * price_index(catalogue()["investment_year"], settings.price_year)


def _figures(measure, saving, money, tco2e, settings) -> dict[str, Any]:
    """Money, investment and the three financial figures of a (low, mid, high) saving."""
    low, mid, high = saving
    investment = _investment(measure, mid, settings) if mid > 0 else 0.0
    life = int(measure.get("life_years") or 10)
    rate = settings.discount_rate
    return {
        "saving_low": low,
        "saving_high": high,
        "saving_quantity": mid,
        "money_try_per_year": money,
        "tco2e_per_year": tco2e,
        "investment_try": investment,
        "payback_years": investment / money if money > 0 else None,
        "npv_try": npv(investment, money, life, rate) if money > 0 else None,
        "irr": irr(investment, money, life),
    }


def _saving(measure, inv, metrics, values, lines, share_of: dict[str, float] | None):
    """(low, mid, high) saving, money and tCO2e of the middle saving, and lines used."""
    savings = measure["savings"]
    kind, basis = savings["kind"], savings["basis"]
    pct_low, pct_high = savings["pct"]
    pcts = (pct_low, (pct_low + pct_high) / 2, pct_high)
    if lines is not None:
        tonnes = [inv.wastes[i].t for i in lines]
        quantity = tuple(sum(tonnes) * p for p in pcts)
        money = tco2e = 0.0
        for i, t in zip(lines, tonnes, strict=True):
            price, factor = values.per_waste_tonne(kind, inv.wastes[i], basis)
            money += t * pcts[1] * price
            tco2e += t * pcts[1] * factor
        return quantity, money, tco2e
    base = float(metrics.get(basis) or 0.0)
    left = share_of or {}
    quantity = tuple(base * left.get(s, 1.0) * p for s, p in zip(SCENARIOS, pcts, strict=True))
    price, factor = values.per_unit(kind, basis)
    return quantity, quantity[1] * price, quantity[1] * factor


def _alone(measure, sure, inv, metrics, values) -> Opportunity:
    lines = waste_lines(inv, measure["savings"]["basis"])
    quantity, money, tco2e = _saving(measure, inv, metrics, values, lines, None)
    alone = _figures(measure, quantity, money, tco2e, values.settings)
    kind = measure["savings"]["kind"]
    return {
        "measure_id": measure["id"],
        "sector": measure["sector"],
        "title_en": measure["title_en"],
        "title_tr": measure["title_tr"],
        "kind": kind,
        "stream": _stream(measure),
        "saving_unit": SAVED_UNIT[kind],
        "life_years": int(measure.get("life_years") or 10),
        "certainty": sure,
        "alternative_to": None,
        "waste_lines": lines or [],
        "alone": alone,
        "source": measure["source"],
        "source_year": measure.get("year"),
        "trigger": [
            {"metric": metric, "op": op, "threshold": value, "value": metrics.get(metric)}
            for metric, op, value in measure["condition"]
        ],
    }


@cache
def _by_id() -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in catalogue()["measures"]}


def _stream(measure) -> str:
    basis = measure["savings"]["basis"]
    pool = POOLS.get(basis)
    return pool[0] if pool else basis.removesuffix("_t")


def _in_package(o: Opportunity, inv, metrics, values, state: _State) -> None:
    measure = _by_id()[o["measure_id"]]
    group = measure.get("alternatives")
    if group and group in state.taken_groups:
        o["in_package"], o["alternative_to"] = False, state.taken_groups[group]
        o.update(_figures(measure, (0.0, 0.0, 0.0), 0.0, 0.0, values.settings))
        o["waste_lines"] = []
        o["tco2e"] = 0.0
        return
    basis = measure["savings"]["basis"]
    lines = waste_lines(inv, basis)
    if lines is not None:
        lines = [i for i in lines if i not in state.claimed]
        quantity, money, tco2e = _saving(measure, inv, metrics, values, lines, None)
        state.claimed.update(lines)
        o["waste_lines"] = lines
        _use_pool(state, "material", "material_t", metrics, quantity, measure)
    else:
        pool, _ = POOLS[basis]
        left = {s: state.remaining[s].get(pool, 1.0) for s in SCENARIOS}
        quantity, money, tco2e = _saving(measure, inv, metrics, values, None, left)
        _use_pool(state, pool, POOLS[basis][1], metrics, quantity, measure)
    if group:
        state.taken_groups[group] = o["measure_id"]
    o["in_package"] = True
    o.update(_figures(measure, quantity, money, tco2e, values.settings))
    o["tco2e"] = o["tco2e_per_year"]


def _use_pool(state, pool, whole_metric, metrics, quantity, measure) -> None:
    """Lower the remaining share of ``pool`` by what this measure saves (per scenario)."""
    if measure["savings"]["kind"] not in _POOLED:
        return
    whole = float(metrics.get(whole_metric) or 0.0)
    if whole <= 0:
        return
    for scenario, saved in zip(SCENARIOS, quantity, strict=True):
        left = state.remaining[scenario].get(pool, 1.0)
        state.remaining[scenario][pool] = max(left - saved / whole, 0.0)


_POOLED = frozenset(("material", "electricity", "thermal", "water", "refrigerant"))


def assign_priorities(found: list[Opportunity]) -> None:
    """A few ``high`` measures per firm: confirmed, in the package, paying back within three
    years with a positive NPV, best payback then most tCO2e; ``medium`` for the other measures
    paying back within five years; ``low`` otherwise."""
    limit = int(catalogue().get("high_priority_per_firm", 3))
    for o in found:
        o["priority"] = "low"
    candidates = [
        o
        for o in found
        if o["in_package"]
        and o["certainty"] == "confirmed"
        and o["payback_years"] is not None
        and o["payback_years"] <= 3
        and (o["npv_try"] or 0) > 0
    ]
    candidates.sort(key=lambda o: (round(o["payback_years"], 1), -o["tco2e_per_year"]))
    for o in candidates[:limit]:
        o["priority"] = "high"
    for o in found:
        payback = o["payback_years"]
        if o["priority"] != "high" and payback is not None and payback <= 5:
            o["priority"] = "medium"


def _summary(found: list[Opportunity], inv, metrics, unit: Prices) -> dict[str, Any]:
    """Baseline, package saving and share per pool and waste stream; package money and CO2."""
    pools: dict[str, dict[str, Any]] = {}
    for o in found:
        if not o["in_package"]:
            continue
        key = o["stream"]
        if key not in _POOL_NAMES:
            key = "waste" if o["kind"] == "waste" else "waste_prevented"
        entry = pools.setdefault(
            key, {"unit": o["saving_unit"], "saving_low": 0.0, "saving": 0.0, "saving_high": 0.0}
        )
        entry["saving_low"] += o["saving_low"]
        entry["saving"] += o["saving_quantity"]
        entry["saving_high"] += o["saving_high"]
    baselines = {
        "electricity": metrics.get("electricity_kwh"),
        "thermal": metrics.get("thermal_kwh"),
        "water": metrics.get("water_m3"),
        "material": metrics.get("material_t"),
        "refrigerant": metrics.get("refrigerant_kg"),
        "waste": sum(w.t for w in inv.wastes),
        "waste_prevented": sum(w.t for w in inv.wastes),
    }
    for key, entry in pools.items():
        base = baselines.get(key)
        entry["baseline"] = base
        entry["share"] = entry["saving"] / base if base else None
    members = [o for o in found if o["in_package"]]
    money = sum(o["money_try_per_year"] for o in members)
    investment = sum(o["investment_try"] for o in members)
    return {
        "method": "sequential",
        "measures": [o["measure_id"] for o in members],
        "pools": pools,
        "money_try_per_year": money,
        "tco2e_per_year": sum(o["tco2e_per_year"] for o in members),
        "investment_try": investment,
        "payback_years": investment / money if money > 0 else None,
        "npv_try": sum(o["npv_try"] or 0.0 for o in members),
        "price_year": unit.price_year,
        "price_sources": unit.sources,
    }


_POOL_NAMES = ("electricity", "thermal", "water", "material", "refrigerant")
