"""One firm-year assessment: validation, conversion, indicators, footprint, circularity, CBAM,
reference benchmarks and opportunities, returned as one :class:`Assessment`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .benchmarks import INDICATORS, reference_position
from .canonical import CanonicalInventory, canonicalise
from .cbam import CbamExposure, cn_headings, exposure
from .cti import CircularTransition, transition_indicators
from .factors import DEFAULT_FACTOR_SET, FactorSet, load_factor_set
from .finance import default_discount_rate, finance_data, tufe_year
from .ghg import Footprint, footprint
from .intensity import Intensities, intensities
from .inventory import Inventory, parse_inventory
from .mci import MciResult, firm_mci, mci
from .metrics import metrics
from .opportunities import catalogue
from .package import MeasureSettings, Opportunity, measures
from .quality import data_quality_mark


@dataclass
class Assessment:
    """Everything computed for one inventory; ``as_dict`` is the JSON of ``dekvep assess``."""

    inventory: Inventory
    canonical: CanonicalInventory
    factor_set: FactorSet
    intensity: Intensities
    ghg: Footprint
    products: list[MciResult]
    mci: float | None
    cti: CircularTransition
    cbam: CbamExposure | None
    opportunities: list[Opportunity]
    data_quality: list[dict[str, str]] = field(default_factory=list)
    package: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)

    def benchmark_values(self) -> dict[str, float | None]:
        """The indicators compared among peers (see benchmarks.INDICATORS)."""
        production = self.intensity.production_t
        return {
            "energy_kwh_per_t": self.intensity.energy_kwh_per_t,
            "water_m3_per_t": self.intensity.water_m3_per_t,
            "waste_kg_per_t": self.intensity.waste_kg_per_t,
            "ghg_tco2e_per_t": self.ghg.total_location_tco2e / production if production else None,
            "recovery_rate": self.intensity.recovery_rate,
            "mci": self.mci,
            "circular_inflow_pct": self.cti.circular_inflow_pct,
        }

    def as_dict(self, peers: dict[str, float | None] | None = None) -> dict[str, Any]:
        """The JSON document; ``peers`` adds performance percentiles computed among peers."""
        values = self.benchmark_values()
        sector = self.inventory.sector
        return {
            "organization": self.inventory.organization,
            "sector": sector,
            "year": self.inventory.year,
            "site": self.inventory.site,
            "product_group": self.inventory.product_group,
            "factor_set": self.factor_set.describe(),
            "catalogue_version": catalogue()["version"],
            "intensity": self.intensity.as_dict(),
            "ghg": _ghg_dict(self.ghg, self.intensity.production_t, self.factor_set),
            "circularity": {
                "mci": self.mci,
                "products": [
                    {
                        "name": p.name,
                        "mci": p.mci,
                        "lfi": p.lfi,
                        "utility": p.utility,
                        "defaults_used": list(p.defaults_used),
                    }
                    for p in self.products
                ],
                **self.cti.as_dict(),
            },
            "cbam": self.cbam.as_dict() if self.cbam else None,
            "benchmarks": {
                "values": values,
                "reference": _references(sector, values),
                "peer_percentiles": peers,
            },
            "opportunities": [dict(o) for o in self.opportunities],
            "package": self.package,
            "waste_streams": [
                {
                    "ewc_code": w.code,
                    "t": w.t,
                    "route": w.route,
                    "hazardous": w.hazardous,
                    "receiver": w.receiver,
                }
                for w in self.canonical.wastes
            ],
            "flows": _flows(self.canonical),
            "data_quality": self.data_quality,
            "data_quality_mark": self.quality,
            "not_reported": self.quality.get("not_reported", []),
        }


def _add(totals: dict[str, float], key: str, value: float) -> None:
    totals[key] = totals.get(key, 0.0) + value


def _flows(inv: CanonicalInventory) -> dict[str, Any]:
    """The site's flows for the report's flow diagram: materials by kind (t), energy by carrier
    (kWh), water by source and out (m³), products (t), wastes by route (t). Sections the firm
    did not report are None, never zero."""
    known = inv.reported
    materials: dict[str, float] = {}
    for m in inv.materials:
        _add(materials, m.kind, m.t)
    energy: dict[str, float] = {}
    for e in inv.energy:
        _add(energy, "mobile_combustion" if e.use == "mobile" else e.carrier, e.kwh)
    wastes: dict[str, float] = {}
    for w in inv.wastes:
        _add(wastes, w.route, w.t)
    return {
        "materials_t": materials if "materials" in known else None,
        "energy_kwh": energy if "energy" in known else None,
        "water_m3": dict(inv.water_m3) if "water" in known else None,
        "wastewater_m3": inv.wastewater_m3 if "water" in known else None,
        "reused_water_m3": inv.reused_water_m3 if "water" in known else None,
        "products_t": dict(inv.production_t),
        "wastes_t": wastes if "wastes" in known else None,
    }


def _references(sector: str, values: dict[str, float | None]) -> dict[str, dict]:
    found = {}
    for name, value in values.items():
        position = reference_position(sector, name, value)
        if position:
            found[name] = position
    return found


def _ghg_dict(fp: Footprint, production_t: float, factors: FactorSet) -> dict[str, Any]:
    return {
        "gwp_set": factors.gwp_set,
        "non_kyoto_tco2e": fp.non_kyoto_tco2e,
        "scope3_categories": dict(fp.scope3_categories),
        "grid_factors": list(fp.grid_factors),
        "scope1_tco2e": fp.scope1_tco2e,
        "scope2_location_tco2e": fp.scope2_location_tco2e,
        "scope2_market_tco2e": fp.scope2_market_tco2e,
        "scope3_tco2e": fp.scope3_tco2e,
        "total_location_tco2e": fp.total_location_tco2e,
        "total_market_tco2e": fp.total_market_tco2e,
        "intensity_tco2e_per_t": fp.total_location_tco2e / production_t if production_t else None,
        "by_source": dict(fp.sources),
        "grid_factor_tco2e_per_mwh": fp.grid_factor_tco2e_per_mwh,
        "grid_factor_year": fp.grid_factor_year,
    }


def factor_set_for(
    data: dict[str, Any], name: str | None = None, gwp_set: str | None = None
) -> FactorSet:
    """The factor set named (or the default) with the inventory's ``factor_overrides``."""
    overrides = data.get("factor_overrides") or None
    return load_factor_set(name or DEFAULT_FACTOR_SET, overrides, gwp_set)


@dataclass(frozen=True)
class Options:
    """Programme settings an assessment uses: real discount rate for NPV, the year whose prices
    money is stated in (latest TÜFE year by default), the firm's own measure order, the carbon
    price effectively paid in Türkiye (EUR/tCO2e, deducted from CBAM; 0 until set)."""

    discount_rate: float | None = None
    price_year: int | None = None
    measure_order: tuple[str, ...] = ()
    origin_carbon_price_eur_per_t: float = 0.0

    def measure_settings(self) -> MeasureSettings:
        latest = max(int(y) for y in finance_data()["tufe"]["values"])
        year = tufe_year(self.price_year) if self.price_year else latest
        rate = default_discount_rate() if self.discount_rate is None else self.discount_rate
        return MeasureSettings(rate, year, tuple(self.measure_order))


def validate(
    data: dict[str, Any], factors: FactorSet, current_year: int | None = None
) -> Inventory:
    """Validate the JSON inventory against the schema, the factor set and the CBAM goods."""
    return parse_inventory(data, factors.gases(), cn_headings(), current_year)


def assess(
    data: dict[str, Any],
    factor_set: str | None = None,
    current_year: int | None = None,
    options: Options | None = None,
    gwp_set: str | None = None,
) -> Assessment:
    """Validate and assess one inventory (JSON format); raises InventoryError on bad input."""
    factors = factor_set_for(data, factor_set, gwp_set)
    return assess_inventory(validate(data, factors, current_year), factors, options)


def assess_inventory(
    inventory: Inventory, factors: FactorSet, options: Options | None = None
) -> Assessment:
    """Assess an already validated inventory with ``factors`` and the programme ``options``."""
    options = options or Options()
    canonical = canonicalise(inventory, factors)
    ind = intensities(canonical)
    fp = footprint(canonical, factors)
    products = [mci(p) for p in canonical.products]
    firm = firm_mci(products, canonical.production_t)
    cti = transition_indicators(canonical)
    found_metrics = metrics(canonical, ind, cti, firm)
    gwp = _mean_refrigerant_gwp(canonical, factors)
    settings = options.measure_settings()
    grid = fp.grid_factor_tco2e_per_mwh
    found, package = measures(canonical, found_metrics, factors, grid, gwp, settings)
    cbam = (
        exposure(inventory.cbam, options.origin_carbon_price_eur_per_t) if inventory.cbam else None
    )
    result = Assessment(inventory, canonical, factors, ind, fp, products, firm, cti, cbam, found)
    result.package = package
    result.data_quality = data_quality(result)
    result.quality = data_quality_mark(canonical, fp, cti)
    return result


def _mean_refrigerant_gwp(inv: CanonicalInventory, factors: FactorSet) -> float:
    total = sum(inv.refrigerants_kg.values())
    if total == 0:
        return 0.0
    return sum(kg * factors.gwp(g) for g, kg in inv.refrigerants_kg.items()) / total


def data_quality(a: Assessment) -> list[dict]:
    """Notes on gaps that limit the assessment, each with a stable ``code``."""
    notes = []

    def note(code: str, message: str, params: dict | None = None) -> None:
        notes.append({"code": code, "message": message, "params": params or {}})

    inv = a.inventory
    if not any(p.revenue_try for p in inv.production):
        note("no_revenue", "No revenue given: per-revenue intensities are not computed.")
    if not inv.energy:
        note("no_energy", "No energy use given.")
    if not inv.water:
        note("no_water", "Water withdrawal not reported.")
    if not inv.materials:
        note("no_materials", "No materials given: material efficiency and inflow are not computed.")
    if not inv.wastes:
        note("no_wastes", "No waste streams given.")
    if not inv.products:
        note("no_products", "No product circularity data: the MCI is not computed.")
        note("outflow_incomplete", "Without products the circular outflow is incomplete.")
    defaults = sorted({f for p in a.products for f in p.defaults_used})
    if defaults:
        note(
            "mci_defaults",
            "MCI recycling efficiencies from the method's defaults.",
            {"fields": defaults},
        )
    for code, message, params in a.ghg.notes:
        note(code, message, params)
    if a.intensity.material_efficiency and a.intensity.material_efficiency > 1.05:
        note("mass_balance", "More product out than material in: check the material quantities.")
    missing = [n for n, v in a.benchmark_values().items() if v is None and n in INDICATORS]
    if missing:
        note("missing_indicators", "Not computed: " + ", ".join(missing) + ".", {"names": missing})
    return notes
