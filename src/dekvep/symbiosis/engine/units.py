"""Quantities from listings to tonnes per year, converted with pint at the boundary."""

from __future__ import annotations

from functools import lru_cache

import pint

from dekvep.symbiosis.engine.knowledge import Knowledge

UNITS = ("t", "kg", "m3", "l", "pcs", "kwh", "mwh", "kw", "mw", "h", "m2", "trip")
# Heat is counted in MWh, shared capacity in machine hours, square metres or trips: the amount
# per year then stands where tonnes per year stand for a material.
_ENERGY = {"kwh": 0.001, "mwh": 1.0}
_POWER = {"kw": 0.001, "mw": 1.0}
_COUNTS = ("h", "m2", "trip")
PERIODS = {"year": 1.0, "month": 12.0, "week": 52.0, "once": 1.0}
_PINT_NAMES = {"t": "tonne", "kg": "kilogram", "m3": "meter ** 3", "l": "liter"}


class UnitError(ValueError):
    """A unit that does not fit the material."""


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


@lru_cache(maxsize=8)
def _factor(unit: str, target: str) -> float:
    registry = _registry()
    return registry.Quantity(1.0, _PINT_NAMES[unit]).to(target).magnitude


def to_tonnes(quantity: float, unit: str, material: str | None, knowledge: Knowledge) -> float:
    """``quantity`` in ``unit`` as tonnes, using the material's density or mass per piece."""
    allowed = knowledge.materials[material].units if material else frozenset({"t", "kg", "m3"})
    if unit not in allowed:
        raise UnitError(_unit_message(unit, material, knowledge))
    if unit in ("t", "kg"):
        return quantity * _factor(unit, "tonne")
    if unit in _ENERGY:
        return quantity * _ENERGY[unit]
    if unit in _POWER:
        # a power is available all year: MW × operating hours = MWh per year
        return quantity * _POWER[unit] * (knowledge.factor("operating_hours") or 8000.0)
    if unit in _COUNTS:
        return quantity
    if unit in ("m3", "l"):
        density = _inherited(knowledge.densities, material, knowledge)
        if density is None:
            density = knowledge.densities["default"]
        return quantity * _factor(unit, "meter ** 3") * density
    mass = _inherited(knowledge.piece_masses, material, knowledge)
    if mass is None:
        raise UnitError(_unit_message(unit, material, knowledge))
    return quantity * mass


def to_tonnes_per_year(
    quantity: float, unit: str, period: str, material: str | None, knowledge: Knowledge
) -> float:
    """A quantity per period as tonnes per year; a one-off lot counts as one year's supply.

    A power (kW, MW) is already a rate: it is counted over the operating hours of a year.
    """
    per_period = 1.0 if unit in _POWER else PERIODS[period]
    return to_tonnes(quantity, unit, material, knowledge) * per_period


def _inherited(table: dict[str, float], material: str | None, knowledge: Knowledge) -> float | None:
    if not material:
        return None
    for candidate in [material, *knowledge.ancestors(material)]:
        if candidate in table:
            return table[candidate]
    return None


def _unit_message(unit: str, material: str | None, knowledge: Knowledge) -> str:
    if not material:
        return f"unit '{unit}' needs a recognisable material; give the quantity in t, kg or m3"
    name = knowledge.materials[material].name_en
    allowed = ", ".join(u for u in UNITS if u in knowledge.materials[material].units)
    return f"unit '{unit}' does not fit {name}; use one of {allowed}"
