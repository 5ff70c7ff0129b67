"""Assessment engine: pure Python, no Django import.

Takes an inventory in the JSON format of ``docs/inventory-format.md`` and returns indicators,
the carbon footprint, circularity, CBAM exposure, benchmarks and opportunities. Works in t, kWh,
m³ and tCO2e; units are converted with pint at the boundary (``canonical``).
"""

from .assess import Assessment, assess, assess_inventory, factor_set_for, validate
from .factors import DEFAULT_FACTOR_SET, FactorSet, load_factor_set
from .inventory import FieldError, Inventory, InventoryError, parse_inventory

__all__ = [
    "DEFAULT_FACTOR_SET",
    "Assessment",
    "FactorSet",
    "FieldError",
    "Inventory",
    "InventoryError",
    "assess",
    "assess_inventory",
    "factor_set_for",
    "load_factor_set",
    "parse_inventory",
    "validate",
]
