"""The inventory a firm hands over for one year: its schema and its validation.

The JSON field names are the public format documented in ``docs/inventory-format.md``. Every
error names the place as a field path (``energy[2].unit``) so the command line, the web form and
the Excel upload can point the user at it.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dekvep.catalog.waste import get_waste

from .i18n import _
from .messages import pydantic_message
from .units import ENERGY, MASS, VOLUME, convert, dimension

Sector = Literal["textile", "plastics", "white_goods", "other"]
Carrier = Literal[
    "electricity",
    "natural_gas",
    "diesel",
    "fuel_oil",
    "lpg",
    "coal",
    "lignite",
    "imported_coal",
    "steam",
    "solar_onsite",
]
FuelUse = Literal["stationary", "mobile"]
GridLevel = Literal["distribution", "transmission"]
Route = Literal["reuse", "recycling", "energy_recovery", "incineration", "landfill"]
WaterSource = Literal[
    "municipal", "groundwater", "surface", "rainwater", "recycled_external", "other"
]
MaterialKind = Literal["raw_material", "chemical", "packaging"]

CARRIERS: tuple[str, ...] = Carrier.__args__
ROUTES: tuple[str, ...] = Route.__args__
SECTORS: tuple[str, ...] = Sector.__args__
WATER_SOURCES: tuple[str, ...] = WaterSource.__args__
MATERIAL_KINDS: tuple[str, ...] = MaterialKind.__args__
FUELS = ("natural_gas", "diesel", "fuel_oil", "lpg", "coal", "lignite", "imported_coal")
MOBILE_FUELS = ("diesel", "lpg", "natural_gas")

# Which kinds of unit (see units.dimension) each carrier may be stated in.
CARRIER_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "electricity": (ENERGY,),
    "solar_onsite": (ENERGY,),
    "natural_gas": (VOLUME, ENERGY),
    "diesel": (VOLUME, MASS, ENERGY),
    "fuel_oil": (VOLUME, MASS, ENERGY),
    "lpg": (VOLUME, MASS, ENERGY),
    "coal": (MASS, ENERGY),
    "lignite": (MASS, ENERGY),
    "imported_coal": (MASS, ENERGY),
    "steam": (MASS, ENERGY),
}

Share = Field(default=0.0, ge=0, le=1)
NonNegative = Field(ge=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ProductionLine(_Model):
    product: str = Field(min_length=1)
    quantity: float = NonNegative
    unit: str
    revenue_try: float | None = Field(default=None, ge=0)
    unit_mass_kg: float | None = Field(default=None, gt=0)


class EnergyLine(_Model):
    carrier: Carrier
    quantity: float = NonNegative
    unit: str
    certified_renewable_kwh: float = Field(default=0.0, ge=0)
    use: FuelUse = "stationary"
    grid_level: GridLevel = "distribution"


class WaterLine(_Model):
    source: WaterSource
    quantity: float = NonNegative
    unit: str


class Wastewater(_Model):
    quantity: float = NonNegative
    unit: str
    reused_m3: float = Field(default=0.0, ge=0)


class MaterialLine(_Model):
    name: str = Field(min_length=1)
    quantity: float = NonNegative
    unit: str
    kind: MaterialKind = "raw_material"
    material_class: str | None = None
    recycled_share: float = Share
    reused_share: float = Share
    renewable_share: float = Share
    origin: str | None = None
    distance_km: float | None = Field(default=None, ge=0)
    price_try_per_t: float | None = Field(default=None, ge=0)
    certificate: str | None = None


class WasteLine(_Model):
    ewc_code: str
    quantity: float = NonNegative
    unit: str
    route: Route
    receiver: str | None = None
    description: str | None = None


class RefrigerantLine(_Model):
    gas: str
    quantity: float = NonNegative
    unit: str


class ProductCircularity(_Model):
    name: str = Field(min_length=1)
    mass_kg: float = Field(gt=0)
    recycled_feedstock: float = Share
    reused_feedstock: float = Share
    collected_for_recycling: float = Share
    collected_for_reuse: float = Share
    material_class: str | None = None
    recycling_efficiency_feedstock: float | None = Field(default=None, ge=0, le=1)
    recycling_efficiency_eol: float | None = Field(default=None, ge=0, le=1)
    lifetime_ratio: float = Field(default=1.0, gt=0)
    intensity_ratio: float = Field(default=1.0, gt=0)
    rated_kwh_per_year: float | None = Field(default=None, ge=0)
    lifetime_years: float | None = Field(default=None, gt=0)
    units_sold: float | None = Field(default=None, ge=0)


class Costs(_Model):
    electricity_try_per_kwh: float | None = Field(default=None, ge=0)
    natural_gas_try_per_sm3: float | None = Field(default=None, ge=0)
    water_try_per_m3: float | None = Field(default=None, ge=0)
    waste_disposal_try_per_t: float | None = Field(default=None, ge=0)
    material_try_per_t: float | None = Field(default=None, ge=0)


class CbamGood(_Model):
    cn_code: str = Field(min_length=4)
    flow: Literal["import", "export", "domestic"] = "import"
    origin: str = "default"
    importer: str | None = None
    quantity: float = NonNegative
    unit: str = "t"
    embedded_tco2e_per_t: float | None = Field(default=None, ge=0)


class Cbam(_Model):
    carbon_price_eur_per_t: float = Field(ge=0)
    origin_carbon_price_eur_per_t: float | None = Field(default=None, ge=0)
    year: int = Field(ge=2026, le=2040)
    goods: list[CbamGood] = Field(default_factory=list)


class Inventory(_Model):
    organization: str = Field(min_length=1)
    sector: Sector
    year: int = Field(ge=1990)
    site: str | None = None
    product_group: str | None = None
    processes: list[str] = Field(default_factory=list)

    @field_validator("processes", mode="before")
    @classmethod
    def _split_processes(cls, value: Any) -> Any:
        """The form and the Excel template give the processes as one comma-separated cell."""
        if isinstance(value, str):
            value = [p.strip() for p in value.split(",") if p.strip()]
        return [process_id(p) for p in value] if value is not None else []

    production: list[ProductionLine] = Field(min_length=1)
    energy: list[EnergyLine] = Field(default_factory=list)
    water: list[WaterLine] = Field(default_factory=list)
    wastewater: Wastewater | None = None
    materials: list[MaterialLine] = Field(default_factory=list)
    wastes: list[WasteLine] = Field(default_factory=list)
    refrigerants: list[RefrigerantLine] = Field(default_factory=list)
    products: list[ProductCircularity] = Field(default_factory=list)
    costs: Costs = Field(default_factory=Costs)
    cbam: Cbam | None = None
    factor_overrides: dict[str, float] = Field(default_factory=dict)


@dataclass(frozen=True)
class FieldError:
    """One problem in an inventory, at a field path such as ``energy[2].unit``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InventoryError(ValueError):
    """The inventory is not valid; ``errors`` lists every problem with its field path."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def field_path(location: Iterable[Any]) -> str:
    """``("energy", 2, "unit")`` → ``"energy[2].unit"``."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def parse_inventory(
    data: dict[str, Any],
    known_gases: Iterable[str] = (),
    known_cn_codes: Iterable[str] = (),
    current_year: int | None = None,
) -> Inventory:
    """Validate ``data`` (the JSON format) into an :class:`Inventory` or raise InventoryError.

    ``known_gases`` and ``known_cn_codes`` come from the factor set and the CBAM data file; when
    empty those checks are skipped. ``current_year`` defaults to today's year.
    """
    try:
        inventory = Inventory.model_validate(data)
    except ValidationError as error:
        raise InventoryError(
            [FieldError(field_path(e["loc"]), pydantic_message(e)) for e in error.errors()]
        ) from None
    year = current_year or datetime.date.today().year
    errors = list(_semantic_errors(inventory, set(known_gases), set(known_cn_codes), year))
    if errors:
        raise InventoryError(errors)
    return inventory


def _unit_error(path: str, unit: str, allowed: tuple[str, ...]) -> FieldError | None:
    if dimension(unit) in allowed:
        return None
    names = {MASS: _("mass"), VOLUME: _("volume"), ENERGY: _("energy")}
    kinds = names[allowed[-1]]
    if len(allowed) > 1:
        first = ", ".join(names[a] for a in allowed[:-1])
        kinds = _("%(first)s or %(second)s") % {"first": first, "second": kinds}
    message = _("unit '%(unit)s' does not fit: expected a %(kinds)s unit")
    return FieldError(path, message % {"unit": unit, "kinds": kinds})


def _semantic_errors(inv: Inventory, gases: set[str], cn_codes: set[str], year: int):
    if inv.year > year:
        yield FieldError("year", _("%(year)s is in the future") % {"year": inv.year})
    yield from _production_errors(inv)
    known = known_processes()
    for i, process in enumerate(inv.processes):
        if process not in known:
            message = _("unknown process '%(process)s'") % {"process": process}
            yield FieldError(f"processes[{i}]", message)
    for i, line in enumerate(inv.energy):
        if line.use == "mobile" and line.carrier not in MOBILE_FUELS:
            yield FieldError(f"energy[{i}].use", _("only diesel, LPG or natural gas can be mobile"))
        error = _unit_error(f"energy[{i}].unit", line.unit, CARRIER_DIMENSIONS[line.carrier])
        if error:
            yield error
        elif line.certified_renewable_kwh and line.carrier != "electricity":
            yield FieldError(f"energy[{i}].certified_renewable_kwh", _("only for electricity"))
        elif line.certified_renewable_kwh > _kwh_if_energy(line.quantity, line.unit):
            yield FieldError(f"energy[{i}].certified_renewable_kwh", _("exceeds the quantity"))
    for i, water in enumerate(inv.water):
        yield from _maybe(_unit_error(f"water[{i}].unit", water.unit, (VOLUME,)))
    if inv.wastewater:
        yield from _maybe(_unit_error("wastewater.unit", inv.wastewater.unit, (VOLUME,)))
    yield from _material_errors(inv)
    yield from _waste_errors(inv)
    for i, ref in enumerate(inv.refrigerants):
        yield from _maybe(_unit_error(f"refrigerants[{i}].unit", ref.unit, (MASS,)))
        if gases and ref.gas not in gases:
            message = _("unknown refrigerant '%(gas)s'") % {"gas": ref.gas}
            yield FieldError(f"refrigerants[{i}].gas", message)
    yield from _product_errors(inv)
    if inv.cbam:
        for i, good in enumerate(inv.cbam.goods):
            yield from _maybe(_unit_error(f"cbam.goods[{i}].unit", good.unit, (MASS,)))
            if cn_codes and good.cn_code[:4] not in cn_codes:
                message = _("not a CBAM good: '%(code)s'") % {"code": good.cn_code}
                yield FieldError(f"cbam.goods[{i}].cn_code", message)


def _maybe(error: FieldError | None):
    if error:
        yield error


def _kwh_if_energy(quantity: float, unit: str) -> float:
    return convert(quantity, unit, "kWh") if dimension(unit) == ENERGY else float("inf")


def _production_errors(inv: Inventory):
    for i, line in enumerate(inv.production):
        if line.unit == "pcs":
            if line.unit_mass_kg is None:
                yield FieldError(
                    f"production[{i}].unit_mass_kg", _("required when the unit is pcs")
                )
        else:
            yield from _maybe(_unit_error(f"production[{i}].unit", line.unit, (MASS,)))


def _material_errors(inv: Inventory):
    for i, material in enumerate(inv.materials):
        yield from _maybe(_unit_error(f"materials[{i}].unit", material.unit, (MASS,)))
        if material.recycled_share + material.reused_share > 1:
            message = _("recycled + reused share exceeds 1")
            yield FieldError(f"materials[{i}].reused_share", message)


@cache
def known_processes() -> frozenset[str]:
    """Process ids of ``data/processes.csv`` (what measure triggers refer to)."""
    path = Path(__file__).resolve().parent.parent / "data" / "processes.csv"
    with path.open(encoding="utf-8") as handle:
        return frozenset(row["id"] for row in csv.DictReader(handle))


@cache
def process_names() -> dict[str, dict[str, str]]:
    """``{process id: {"en": name, "tr": name}}`` from ``data/processes.csv``."""
    path = Path(__file__).resolve().parent.parent / "data" / "processes.csv"
    with path.open(encoding="utf-8") as handle:
        return {r["id"]: {"en": r["name_en"], "tr": r["name_tr"]} for r in csv.DictReader(handle)}


def process_id(text: Any) -> Any:
    """A process given by its id or by its name in either language → its id (a text that is
    neither is kept, for the validation to report)."""
    if not isinstance(text, str):
        return text
    wanted = text.strip().casefold()
    for key, names in process_names().items():
        if wanted in (key, names["en"].casefold(), names["tr"].casefold()):
            return key
    return text.strip()


def process_label(key: str, language: str) -> str:
    names = process_names().get(key)
    return names["tr" if language.startswith("tr") else "en"] if names else key


@cache
def _known_waste(code: str):
    return get_waste(code)


def _waste_errors(inv: Inventory):
    for i, waste in enumerate(inv.wastes):
        yield from _maybe(_unit_error(f"wastes[{i}].unit", waste.unit, (MASS,)))
        if _known_waste(waste.ewc_code) is None:
            message = _("unknown waste code '%(code)s'") % {"code": waste.ewc_code}
            yield FieldError(f"wastes[{i}].ewc_code", message)


def _product_errors(inv: Inventory):
    for i, product in enumerate(inv.products):
        if product.recycled_feedstock + product.reused_feedstock > 1:
            yield FieldError(f"products[{i}].reused_feedstock", _("recycled + reused exceeds 1"))
        if product.collected_for_recycling + product.collected_for_reuse > 1:
            yield FieldError(f"products[{i}].collected_for_reuse", _("recycling + reuse exceeds 1"))
        if product.recycled_feedstock > 0 and product.recycling_efficiency_feedstock == 0:
            yield FieldError(
                f"products[{i}].recycling_efficiency_feedstock",
                _("must be above 0 when there is recycled feedstock"),
            )
