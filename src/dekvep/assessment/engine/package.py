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
from functools import cache, cached_property, lru_cache
from typing import Any, TypedDict

from .canonical import CanonicalInventory, WasteFlow
from .cti import CIRCULAR_ROUTES
from .disposal import disposal_factor
from .factors import FactorSet
from .finance import irr_of_payback, npv, price_index
from .metrics import waste_groups
from .opportunities import (
    Prices,
    catalogue,
    certainty,
    clauses,
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

    # pool → share left in the low, middle and high scenario
    remaining: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)
    taken_groups: dict[str, str] = field(default_factory=dict)  # alternatives → measure id


@cache
def _waste_basis(basis: str) -> tuple[tuple[str, ...], bool] | str | None:
    """How a basis selects waste lines: ``"landfill"``, (code prefixes, disposed only), None."""
    if basis == "landfill_t":
        return "landfill"
    disposed = basis.endswith("_waste_disposed_t")
    group = basis.removesuffix("_waste_disposed_t").removesuffix("_waste_t")
    if not basis.endswith("_t") or group not in waste_groups():
        return None
    return waste_groups()[group], disposed


def _lines(inv: CanonicalInventory, selector) -> list[int] | None:
    """Indices of the waste lines a waste basis covers, None when the basis is not waste."""
    if selector is None:
        return None
    if selector == "landfill":
        return [i for i, w in enumerate(inv.wastes) if w.route == "landfill"]
    prefixes, disposed = selector
    return [
        i
        for i, w in enumerate(inv.wastes)
        if w.code.startswith(prefixes) and not (disposed and w.route in CIRCULAR_ROUTES)
    ]


@dataclass(frozen=True, slots=True)
class _Spec:
    """What the package needs of one catalogue measure, worked out once from the catalogue."""

    measure: dict[str, Any]
    id: str
    kind: str
    basis: str
    pcts: tuple[float, float, float]
    life: int
    invest_mid: float
    fixed: bool
    group: str | None
    waste: tuple[tuple[str, ...], bool] | str | None
    pool: str | None
    whole_metric: str | None
    pooled: bool
    packaging: bool
    clauses: tuple
    head: dict[str, Any]


@cache
def _specs() -> dict[str, _Spec]:
    return {m["id"]: _spec(m) for m in catalogue()["measures"]}


@cache
def _sector_specs(sector: str) -> tuple[_Spec, ...]:
    specs = _specs()
    return tuple(specs[m["id"]] for m in measures_for(sector))


def _spec(measure: dict[str, Any]) -> _Spec:
    savings, invest = measure["savings"], measure["investment"]
    kind, basis = savings["kind"], savings["basis"]
    pct_low, pct_high = savings["pct"]
    low, high = invest["try"]
    pool = POOLS.get(basis)
    head = {
        "measure_id": measure["id"],
        "sector": measure["sector"],
        "title_en": measure["title_en"],
        "title_tr": measure["title_tr"],
        "kind": kind,
        "stream": _stream(measure),
        "saving_unit": SAVED_UNIT[kind],
        "life_years": int(measure.get("life_years") or 10),
    }
    return _Spec(
        measure=measure,
        id=measure["id"],
        kind=kind,
        basis=basis,
        pcts=(pct_low, (pct_low + pct_high) / 2, pct_high),
        life=int(measure.get("life_years") or 10),
        invest_mid=(low + high) / 2,
        fixed=invest["per"] == "fixed",
        group=measure.get("alternatives"),
        waste=_waste_basis(basis),
        pool=pool[0] if pool else None,
        whole_metric=pool[1] if pool else None,
        pooled=kind in _POOLED,
        packaging=basis.startswith("packaging"),
        clauses=clauses(measure["id"]),
        head=head,
    )


def triggered(inv: CanonicalInventory, metrics: dict[str, Any]) -> list[tuple[_Spec, str]]:
    """(measure, certainty) for each catalogue measure the firm's diagnosis calls for."""
    processes = frozenset(inv.processes)
    found = []
    for spec in _sector_specs(inv.sector):
        sure = certainty(spec.measure, processes)
        if not sure:
            continue
        # every [metric, op, value] clause holds; a missing metric fails the clause
        for metric, compare, value in spec.clauses:
            actual = metrics.get(metric)
            if actual is None or not compare(actual, value):
                break
        else:
            found.append((spec, sure))
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
    values = _Values(inv, factors, unit, refrigerant_gwp, settings, metrics)
    order = {m: i for i, m in enumerate(settings.order)}
    ranked = []
    for spec, sure in triggered(inv, metrics):
        opportunity = _alone(spec, sure, values)
        payback = opportunity["alone"]["payback_years"]
        key = (order.get(spec.id, len(order)), 1e9 if payback is None else payback, spec.id)
        ranked.append((key, opportunity, spec))
    ranked.sort(key=_first)
    state = _State()
    for rank, (_, opportunity, spec) in enumerate(ranked, start=1):
        opportunity["rank"] = rank
        _in_package(opportunity, spec, values, state)
    ops = [o for _, o, _ in ranked]
    assign_priorities(ops)
    return ops, _summary(ops, inv, metrics, unit)


def _first(item: tuple) -> Any:
    return item[0]


class _Values:
    """Money and tCO2e per unit saved, by measure kind and basis, and the firm's figures the
    measures are shares of (each worked out once per firm)."""

    def __init__(self, inv, factors, unit: Prices, refrigerant_gwp, settings, metrics):
        self.inv, self.factors, self.unit, self.settings = inv, factors, unit, settings
        self.metrics = metrics
        self.refrigerant_gwp = refrigerant_gwp
        self.money = _Money.of(settings)
        self.lines: dict[Any, list[int] | None] = {}
        self.per_tonne: dict[tuple[bool, int, bool], tuple[float, float]] = {}
        self.bases: dict[str, float] = {}

    def _pool(self, kind: str | None) -> tuple[float, float]:
        """``opportunities.pool_values`` of the firm's materials of ``kind`` (all when None)."""
        inv, year = self.inv, self.settings.price_year
        # the firm's average price stands in for raw materials only, so one call fits all pools
        average = inv.costs.get("material_try_per_t")
        chosen = [m for m in inv.materials if kind is None or m.kind == kind]
        return pool_values(chosen, self.factors, year, inv.year, average)

    @cached_property
    def material(self) -> tuple[float, float]:
        return self._pool(None)

    @cached_property
    def raw(self) -> tuple[float, float]:
        has_raw = any(m.kind == "raw_material" for m in self.inv.materials)
        return self._pool("raw_material") if has_raw else self.material

    @cached_property
    def chemical(self) -> tuple[float, float]:
        return self._pool("chemical")

    @cached_property
    def packaging(self) -> tuple[float, float]:
        has_packaging = any(m.kind == "packaging" for m in self.inv.materials)
        return self._pool("packaging") if has_packaging else self.raw

    def waste_lines(self, spec: _Spec) -> list[int] | None:
        if spec.waste not in self.lines:
            self.lines[spec.waste] = _lines(self.inv, spec.waste)
        return self.lines[spec.waste]

    def base(self, metric: str) -> float:
        if metric not in self.bases:
            self.bases[metric] = float(self.metrics.get(metric) or 0.0)
        return self.bases[metric]

    def per_unit(self, kind: str, basis: str) -> tuple[float, float]:
        """(TRY, tCO2e) per unit of a non-waste saving."""
        if kind == "refrigerant":
            return self.unit.refrigerant_try_per_kg, self.refrigerant_gwp / 1000
        if kind == "material":
            return self.chemical if basis == "chemical_t" else self.material
        return getattr(self.unit, kind)

    def per_waste_tonne(self, spec: _Spec, i: int) -> tuple[float, float]:
        key = (spec.kind == "waste", i, spec.packaging)
        if key not in self.per_tonne:
            self.per_tonne[key] = self._per_waste_tonne(spec.kind, self.inv.wastes[i], spec.basis)
        return self.per_tonne[key]

    def _per_waste_tonne(self, kind: str, waste: WasteFlow, basis: str) -> tuple[float, float]:
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


@dataclass(frozen=True)
class _Money:
    """The programme's money settings with what follows from them once: the index bringing the
    catalogue's investment prices to the price year and the annuity factor per life."""

    rate: float
    investment_index: float
    annuity: dict[int, float]

    @staticmethod
    @lru_cache(maxsize=64)
    def of(settings: MeasureSettings) -> _Money:
        index = price_index(catalogue()["investment_year"], settings.price_year)
        return _Money(settings.discount_rate, index, {})

    def npv(self, investment: float, yearly: float, life: int) -> float:
        """``finance.npv`` with the annuity factor remembered per life."""
        if self.rate == 0:
            return npv(investment, yearly, life, 0)
        if life not in self.annuity:
            self.annuity[life] = (1 - (1 + self.rate) ** -life) / self.rate
        return yearly * self.annuity[life] - investment


_NOTHING = {
    "saving_low": 0.0,
    "saving_high": 0.0,
    "saving_quantity": 0.0,
    "money_try_per_year": 0.0,
    "tco2e_per_year": 0.0,
    "investment_try": 0.0,
    "payback_years": None,
    "npv_try": None,
    "irr": None,
}


def _figures(spec: _Spec, saving, money: float, tco2e: float, fin: _Money) -> dict[str, Any]:
    """Money, investment and the three financial figures of a (low, mid, high) saving."""
    low, mid, high = saving
    if mid > 0:
        # the catalogue's TRY per unit saved (or fixed), in investment-year prices, indexed
        amount = spec.invest_mid if spec.fixed else spec.invest_mid * mid
        investment = amount * fin.investment_index
    else:
        investment = 0.0
    if money > 0:
        payback = investment / money
        present = fin.npv(investment, money, spec.life)
        # finance.irr: the rate whose annuity factor is the payback, None without investment
        rate = irr_of_payback(payback, spec.life) if investment > 0 and spec.life > 0 else None
    else:
        payback = present = rate = None
    return {
        "saving_low": low,
        "saving_high": high,
        "saving_quantity": mid,
        "money_try_per_year": money,
        "tco2e_per_year": tco2e,
        "investment_try": investment,
        "payback_years": payback,
        "npv_try": present,
        "irr": rate,
    }


def _saving(spec: _Spec, values: _Values, lines, left=None):
    """(low, mid, high) saving, money and tCO2e of the middle saving: of the waste ``lines``,
    or of the non-waste basis times the ``left`` share per scenario (all of it when None)."""
    p_low, p_mid, p_high = spec.pcts
    if lines is not None:
        wastes = values.inv.wastes
        tonnes = [wastes[i].t for i in lines]
        total = sum(tonnes)
        money = tco2e = 0.0
        for i, t in zip(lines, tonnes, strict=True):
            price, factor = values.per_waste_tonne(spec, i)
            money += t * p_mid * price
            tco2e += t * p_mid * factor
        return (total * p_low, total * p_mid, total * p_high), money, tco2e
    base = values.base(spec.basis)
    if left is None:
        quantity = (base * p_low, base * p_mid, base * p_high)
    else:
        quantity = (base * left[0] * p_low, base * left[1] * p_mid, base * left[2] * p_high)
    price, factor = values.per_unit(spec.kind, spec.basis)
    return quantity, quantity[1] * price, quantity[1] * factor


def _alone(spec: _Spec, sure: str, values: _Values) -> Opportunity:
    lines = values.waste_lines(spec)
    quantity, money, tco2e = _saving(spec, values, lines)
    opportunity: Opportunity = {
        **spec.head,  # type: ignore[typeddict-item]
        "certainty": sure,
        "alternative_to": None,
        "waste_lines": lines or [],
        "alone": _figures(spec, quantity, money, tco2e, values.money),
        "source": spec.measure["source"],
        "source_year": spec.measure.get("year"),
        "trigger": [
            {"metric": metric, "op": op, "threshold": value, "value": values.metrics.get(metric)}
            for metric, op, value in spec.measure["condition"]
        ],
    }
    return opportunity


def _stream(measure) -> str:
    basis = measure["savings"]["basis"]
    pool = POOLS.get(basis)
    return pool[0] if pool else basis.removesuffix("_t")


def _in_package(o: Opportunity, spec: _Spec, values: _Values, state: _State) -> None:
    if spec.group and spec.group in state.taken_groups:
        o["in_package"], o["alternative_to"] = False, state.taken_groups[spec.group]
        o.update(_NOTHING)  # type: ignore[typeddict-item]
        o["waste_lines"] = []
        o["tco2e"] = 0.0
        return
    alone = o["alone"]
    lines = values.waste_lines(spec)
    if lines is not None:
        free = [i for i in lines if i not in state.claimed]
        state.claimed.update(free)
        o["waste_lines"] = free
        # the same lines as alone give the same figures
        figures = alone if len(free) == len(lines) else _figures_of(spec, values, free)
        _use_pool(state, "material", values.base("material_t"), figures, spec)
    else:
        left = state.remaining.get(spec.pool, _WHOLE)
        # with the whole pool still there the package figures are those alone
        figures = alone if left == _WHOLE else _figures_of(spec, values, None, left)
        _use_pool(state, spec.pool, values.base(spec.whole_metric), figures, spec)
    if spec.group:
        state.taken_groups[spec.group] = spec.id
    o["in_package"] = True
    o.update(figures)  # type: ignore[typeddict-item]
    o["tco2e"] = o["tco2e_per_year"]


def _figures_of(spec: _Spec, values: _Values, lines, left=None) -> dict[str, Any]:
    quantity, money, tco2e = _saving(spec, values, lines, left)
    return _figures(spec, quantity, money, tco2e, values.money)


def _use_pool(state, pool, whole: float, figures: dict[str, Any], spec: _Spec) -> None:
    """Lower the remaining share of ``pool`` by what this measure saves (per scenario)."""
    if not spec.pooled or whole <= 0:
        return
    low, mid, high = state.remaining.get(pool, _WHOLE)
    state.remaining[pool] = (
        max(low - figures["saving_low"] / whole, 0.0),
        max(mid - figures["saving_quantity"] / whole, 0.0),
        max(high - figures["saving_high"] / whole, 0.0),
    )


_POOLED = frozenset(("material", "electricity", "thermal", "water", "refrigerant"))
_WHOLE = (1.0, 1.0, 1.0)


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
