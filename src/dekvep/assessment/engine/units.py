"""Unit conversion at the engine boundary.

Inventories may state quantities in any unit that fits the field (kg or t, L or m³, MWh or GJ);
the engine works in t, kWh, m³, kg (refrigerants) and tCO2e. Conversion factors come from pint
and are cached per unit pair, so converting 10,000 inventories costs a dictionary lookup each.
"""

from __future__ import annotations

from functools import cache

import pint

from .i18n import _

_REGISTRY = pint.UnitRegistry()
# Standard cubic metre of gas (15 °C, 1.01325 bar): a volume, priced and reported as such.
_REGISTRY.define("Sm3 = meter ** 3")
_REGISTRY.define("kSm3 = 1000 * Sm3")

# Spellings users type, mapped to pint expressions.
_ALIASES = {
    "t": "metric_ton",
    "tonne": "metric_ton",
    "ton": "metric_ton",
    "kg": "kilogram",
    "g": "gram",
    "m3": "meter ** 3",
    "m³": "meter ** 3",
    "L": "liter",
    "l": "liter",
    "kWh": "kilowatt_hour",
    "MWh": "megawatt_hour",
    "GWh": "gigawatt_hour",
    "GJ": "gigajoule",
    "MJ": "megajoule",
    "TJ": "terajoule",
    "Sm3": "Sm3",
    "kSm3": "kSm3",
}

MASS = "t"
VOLUME = "m3"
ENERGY = "kWh"
_DIMENSION_OF = {MASS: "[mass]", VOLUME: "[length] ** 3", ENERGY: "[energy]"}


class UnitError(ValueError):
    """A unit is unknown or does not fit the quantity asked for."""


@cache
def dimension(unit: str) -> str | None:
    """``"t"`` for a mass unit, ``"m3"`` for a volume, ``"kWh"`` for energy, None otherwise."""
    expression = _ALIASES.get(unit)
    if expression is None:
        return None
    quantity = _REGISTRY.Quantity(1, expression)
    for canonical, dim in _DIMENSION_OF.items():
        if quantity.check(dim):
            return canonical
    return None


@cache
def factor(unit: str, target: str) -> float:
    """Multiplier taking a value in ``unit`` to ``target`` (both from the accepted spellings)."""
    if unit not in _ALIASES or target not in _ALIASES:
        raise UnitError(_("unknown unit '%(unit)s'") % {"unit": unit})
    try:
        return float(_REGISTRY.Quantity(1, _ALIASES[unit]).to(_ALIASES[target]).magnitude)
    except pint.DimensionalityError as error:
        message = _("'%(unit)s' cannot be converted to '%(target)s'")
        raise UnitError(message % {"unit": unit, "target": target}) from error


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` expressed in ``target`` (e.g. 1.2 MWh → 1200 kWh)."""
    return value * factor(unit, target)


def known_units() -> list[str]:
    """Every unit spelling the inventory accepts (besides ``pcs``)."""
    return sorted(_ALIASES)
