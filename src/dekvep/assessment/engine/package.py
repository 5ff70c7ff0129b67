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

from .canonical import CanonicalInventory
from .factors import FactorSet
from .finance import irr_of_payback
from .opportunities import Prices, catalogue, clauses, measures_for, prices
from .package_values import FirmValues, Money, WasteSelector, waste_basis

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
    waste: WasteSelector
    pool: str | None
    whole_metric: str | None
    pooled: bool
    process: str | None
    clauses: tuple
    condition: tuple[tuple[str, str, Any], ...]
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
        waste=waste_basis(basis),
        pool=pool[0] if pool else None,
        whole_metric=pool[1] if pool else None,
        pooled=kind in _POOLED,
        process=measure.get("process") or None,
        clauses=clauses(measure["id"]),
        condition=tuple((metric, op, value) for metric, op, value in measure["condition"]),
        head=head,
    )


def triggered(inv: CanonicalInventory, metrics: dict[str, Any]) -> list[tuple[_Spec, str]]:
    """(measure, certainty) for each catalogue measure the firm's diagnosis calls for: a
    measure on a plant process is ``confirmed`` when the firm lists the process,
    ``unconfirmed`` when it lists none, left out otherwise (``opportunities.certainty``)."""
    processes = frozenset(inv.processes)
    found = []
    get = metrics.get
    for spec in _sector_specs(inv.sector):
        needed = spec.process
        if needed is None or needed in processes:
            sure = "confirmed"
        elif not processes:
            sure = "unconfirmed"
        else:
            continue
        # every [metric, op, value] clause holds; a missing metric fails the clause
        for metric, compare, value in spec.clauses:
            actual = get(metric)
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
    values = FirmValues(inv, factors, unit, refrigerant_gwp, settings, metrics)
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


def _figures(spec: _Spec, low, mid, high, money: float, tco2e: float, fin: Money) -> dict:
    """Money, investment and the three financial figures of a (low, mid, high) saving."""
    if mid > 0:
        # the catalogue's TRY per unit saved (or fixed), in investment-year prices, indexed
        amount = spec.invest_mid if spec.fixed else spec.invest_mid * mid
        investment = amount * fin.investment_index
    else:
        investment = 0.0
    if money > 0:
        life = spec.life
        payback = investment / money
        annuity = fin.annuities.get(life)
        if annuity is None:
            annuity = fin.annuity(life)
        present = money * annuity - investment  # finance.npv
        # finance.irr: the rate whose annuity factor is the payback, None without investment
        rate = irr_of_payback(payback, life) if investment > 0 and life > 0 else None
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


def _pool_figures(spec: _Spec, values: FirmValues, left: tuple[float, float, float]) -> dict:
    """Figures of a non-waste measure saving its shares of the ``left`` share of its basis
    (per scenario), money and tCO2e on the middle saving."""
    base, price, factor = values.per_unit(spec.kind, spec.basis)
    p_low, p_mid, p_high = spec.pcts
    if left is _WHOLE:
        low, mid, high = base * p_low, base * p_mid, base * p_high
    else:
        low, mid, high = base * left[0] * p_low, base * left[1] * p_mid, base * left[2] * p_high
    return _figures(spec, low, mid, high, mid * price, mid * factor, values.money)


def _waste_figures(spec: _Spec, values: FirmValues, lines: list[int]) -> dict:
    """Figures of a measure on the waste ``lines``, money and tCO2e on the middle saving."""
    p_low, p_mid, p_high = spec.pcts
    wastes = values.inv.wastes
    tonnes = [wastes[i].t for i in lines]
    total = sum(tonnes)
    money = tco2e = 0.0
    for i, t in zip(lines, tonnes, strict=True):
        price, factor = values.per_waste_tonne(spec.kind, spec.basis, i)
        money += t * p_mid * price
        tco2e += t * p_mid * factor
    return _figures(spec, total * p_low, total * p_mid, total * p_high, money, tco2e, values.money)


def _alone(spec: _Spec, sure: str, values: FirmValues) -> Opportunity:
    lines = values.waste_lines(spec.waste)
    if lines is None:
        alone = _pool_figures(spec, values, _WHOLE)
    else:
        alone = _waste_figures(spec, values, lines)
    get = values.metrics.get
    opportunity: Opportunity = {
        **spec.head,  # type: ignore[typeddict-item]
        "certainty": sure,
        "alternative_to": None,
        "waste_lines": lines or [],
        "alone": alone,
        "source": spec.measure["source"],
        "source_year": spec.measure.get("year"),
        "trigger": [
            {"metric": metric, "op": op, "threshold": value, "value": get(metric)}
            for metric, op, value in spec.condition
        ],
    }
    return opportunity


def _stream(measure) -> str:
    basis = measure["savings"]["basis"]
    pool = POOLS.get(basis)
    return pool[0] if pool else basis.removesuffix("_t")


def _in_package(o: Opportunity, spec: _Spec, values: FirmValues, state: _State) -> None:
    group = spec.group
    if group and group in state.taken_groups:
        o["in_package"], o["alternative_to"] = False, state.taken_groups[group]
        o.update(_NOTHING)  # type: ignore[typeddict-item]
        o["waste_lines"] = []
        o["tco2e"] = 0.0
        return
    lines = values.waste_lines(spec.waste)
    if lines is not None:
        claimed = state.claimed
        free = [i for i in lines if i not in claimed]
        claimed.update(free)
        o["waste_lines"] = free
        # the same lines as alone give the same figures
        figures = o["alone"] if len(free) == len(lines) else _waste_figures(spec, values, free)
        pool, whole = "material", values.base("material_t")
    else:
        pool, whole = spec.pool, values.base(spec.whole_metric)
        left = state.remaining.get(pool, _WHOLE)
        # with the whole pool still there the package figures are those alone
        figures = o["alone"] if left == _WHOLE else _pool_figures(spec, values, left)
    if spec.pooled and not whole <= 0:
        _use_pool(state.remaining, pool, whole, figures)
    if group:
        state.taken_groups[group] = spec.id
    o["in_package"] = True
    o.update(figures)  # type: ignore[typeddict-item]
    o["tco2e"] = o["tco2e_per_year"]


def _use_pool(remaining: dict, pool: str, whole: float, figures: dict[str, Any]) -> None:
    """Lower the remaining share of ``pool`` by what this measure saves (per scenario)."""
    low, mid, high = remaining.get(pool, _WHOLE)
    low -= figures["saving_low"] / whole
    mid -= figures["saving_quantity"] / whole
    high -= figures["saving_high"] / whole
    # max(share, 0.0), written out
    remaining[pool] = (
        0.0 if 0.0 > low else low,
        0.0 if 0.0 > mid else mid,
        0.0 if 0.0 > high else high,
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
    members = [o for o in found if o["in_package"]]
    for o in members:
        key = o["stream"]
        if key not in _POOL_NAMES:
            key = "waste" if o["kind"] == "waste" else "waste_prevented"
        entry = pools.get(key)
        if entry is None:
            entry = pools[key] = {
                "unit": o["saving_unit"],
                "saving_low": 0.0,
                "saving": 0.0,
                "saving_high": 0.0,
            }
        entry["saving_low"] += o["saving_low"]
        entry["saving"] += o["saving_quantity"]
        entry["saving_high"] += o["saving_high"]
    waste = sum(w.t for w in inv.wastes)
    baselines = {
        "electricity": metrics.get("electricity_kwh"),
        "thermal": metrics.get("thermal_kwh"),
        "water": metrics.get("water_m3"),
        "material": metrics.get("material_t"),
        "refrigerant": metrics.get("refrigerant_kg"),
        "waste": waste,
        "waste_prevented": waste,
    }
    for key, entry in pools.items():
        base = baselines.get(key)
        entry["baseline"] = base
        entry["share"] = entry["saving"] / base if base else None
    # sums over lists: the same additions, in the same order, as over generators
    money = sum([o["money_try_per_year"] for o in members])
    investment = sum([o["investment_try"] for o in members])
    return {
        "method": "sequential",
        "measures": [o["measure_id"] for o in members],
        "pools": pools,
        "money_try_per_year": money,
        "tco2e_per_year": sum([o["tco2e_per_year"] for o in members]),
        "investment_try": investment,
        "payback_years": investment / money if money > 0 else None,
        "npv_try": sum([o["npv_try"] or 0.0 for o in members]),
        "price_year": unit.price_year,
        "price_sources": unit.sources,
    }


_POOL_NAMES = ("electricity", "thermal", "water", "material", "refrigerant")
