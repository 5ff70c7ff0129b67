"""What the measures of the package are worth to one firm: the firm's figures they are shares of,
the waste lines they act on, money and tCO2e per unit saved, and the programme's money settings.

Each value is worked out once per firm (or once per programme setting) and then looked up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from .canonical import CanonicalInventory, WasteFlow
from .cti import CIRCULAR_ROUTES
from .disposal import disposal_factor
from .factors import FactorSet
from .finance import price_index
from .metrics import waste_groups
from .opportunities import Prices, catalogue, material_price, material_upstream, pool_values

WasteSelector = tuple[tuple[str, ...], bool] | str | None


@cache
def waste_basis(basis: str) -> WasteSelector:
    """How a basis selects waste lines: ``"landfill"``, (code prefixes, disposed only), None."""
    if basis == "landfill_t":
        return "landfill"
    disposed = basis.endswith("_waste_disposed_t")
    group = basis.removesuffix("_waste_disposed_t").removesuffix("_waste_t")
    if not basis.endswith("_t") or group not in waste_groups():
        return None
    return waste_groups()[group], disposed


def selected_lines(inv: CanonicalInventory, selector: WasteSelector) -> list[int] | None:
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


@dataclass(frozen=True)
class Money:
    """The programme's money settings with what follows from them once: the index bringing the
    catalogue's investment prices to the price year and the annuity factor per life (the
    factor of a zero rate is the life itself, so an NPV is always yearly × factor − investment).
    """

    rate: float
    investment_index: float
    annuities: dict[int, float] = field(default_factory=dict)

    @staticmethod
    @lru_cache(maxsize=64)
    def of(rate: float, price_year: int) -> Money:
        index = price_index(catalogue()["investment_year"], price_year)
        return Money(rate, index)

    def annuity(self, life: int) -> float:
        """Present value of 1 TRY at the end of each year of ``life`` (see ``finance.npv``)."""
        found = self.annuities.get(life)
        if found is None:
            rate = self.rate
            found = float(life) if rate == 0 else (1 - (1 + rate) ** -life) / rate
            self.annuities[life] = found
        return found


class FirmValues:
    """Money and tCO2e per unit saved, by measure kind and basis, and the firm's figures the
    measures are shares of (each worked out once per firm)."""

    def __init__(self, inv, factors, unit: Prices, refrigerant_gwp, settings, metrics):
        self.inv, self.factors, self.unit, self.settings = inv, factors, unit, settings
        self.metrics = metrics
        self.refrigerant_gwp = refrigerant_gwp
        self.money = Money.of(settings.discount_rate, settings.price_year)
        self.lines: dict[Any, list[int] | None] = {}
        self.per_tonne: dict[tuple[bool, int, bool], tuple[float, float]] = {}
        self.bases: dict[str, float] = {}
        self.units: dict[tuple[str, str], tuple[float, float, float]] = {}

    @cached_property
    def _materials(self) -> list[tuple[str, float, float, float]]:
        """(kind, t, TRY/t, tCO2e/t) of each material line, worked out once for all pools."""
        inv, year, factors = self.inv, self.settings.price_year, self.factors
        # the firm's average price stands in for raw materials only, so it fits all pools
        average = inv.costs.get("material_try_per_t")
        return [
            (
                m.kind,
                m.t,
                material_price(m, year, inv.year, average)[0],
                material_upstream(m, factors),
            )
            for m in inv.materials
        ]

    def _pool(self, kind: str | None) -> tuple[float, float]:
        """``opportunities.pool_values`` of the firm's materials of ``kind`` (all when None):
        the same sums, term by term, of the lines' prices and factors worked out once."""
        chosen = [row for row in self._materials if kind is None or row[0] == kind]
        total = sum(t for _, t, _, _ in chosen)
        if total <= 0:
            inv = self.inv
            return pool_values([], self.factors, self.settings.price_year, inv.year)
        money = sum(t * price for _, t, price, _ in chosen)
        tco2e = sum(t * upstream for _, t, _, upstream in chosen)
        return money / total, tco2e / total

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

    def waste_lines(self, selector: WasteSelector) -> list[int] | None:
        lines = self.lines
        if selector not in lines:
            lines[selector] = selected_lines(self.inv, selector)
        return lines[selector]

    def base(self, metric: str) -> float:
        found = self.bases.get(metric)
        if found is None:
            found = self.bases[metric] = float(self.metrics.get(metric) or 0.0)
        return found

    def per_unit(self, kind: str, basis: str) -> tuple[float, float, float]:
        """The firm's quantity of a non-waste basis, and TRY and tCO2e per unit saved of it."""
        key = (kind, basis)
        found = self.units.get(key)
        if found is None:
            found = self.units[key] = (self.base(basis), *self._per_unit(kind, basis))
        return found

    def _per_unit(self, kind: str, basis: str) -> tuple[float, float]:
        if kind == "refrigerant":
            return self.unit.refrigerant_try_per_kg, self.refrigerant_gwp / 1000
        if kind == "material":
            return self.chemical if basis == "chemical_t" else self.material
        return getattr(self.unit, kind)

    def per_waste_tonne(self, kind: str, basis: str, i: int) -> tuple[float, float]:
        packaging = basis.startswith("packaging")
        key = (kind == "waste", i, packaging)
        if key not in self.per_tonne:
            self.per_tonne[key] = self._per_waste_tonne(kind, self.inv.wastes[i], packaging)
        return self.per_tonne[key]

    def _per_waste_tonne(self, kind: str, waste: WasteFlow, packaging: bool) -> tuple[float, float]:
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
        price, upstream = self.packaging if packaging else self.raw
        return price + (fee if disposed else 0.0), upstream + route_factor


def _route_factor(waste: WasteFlow, factors: FactorSet) -> float:
    found = disposal_factor(waste.code, waste.route)
    return found[0] if found else factors.waste_factor(waste.route)
