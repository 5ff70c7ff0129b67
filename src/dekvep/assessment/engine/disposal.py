"""Landfill and incineration emissions per material, from the factor file the marketplace uses.

One value per quantity: the assessment reads ``landfill`` and ``incineration`` rows of
``catalog/data/symbiosis_impact_factors.csv`` (kgCO2e per tonne of a material class), the same
rows the symbiosis impact figures read. A waste code is mapped to its material class through the
``low_codes`` of ``catalog/data/materials.csv``; a class without its own row takes its parent's,
and then the ``default`` row.
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from pathlib import Path

CATALOG_DATA = Path(__file__).resolve().parents[2] / "catalog" / "data"
ROUTES_WITH_MATERIAL_FACTORS = ("landfill", "incineration")


def _rows(path: Path):
    with path.open(encoding="utf-8") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


@cache
def material_factors() -> dict[tuple[str, str], float]:
    """(route, material class) → tCO2e per tonne."""
    return {
        (row["factor"], row["material"]): float(row["value"]) / 1000
        for row in _rows(CATALOG_DATA / "symbiosis_impact_factors.csv")
        if row["factor"] in ROUTES_WITH_MATERIAL_FACTORS
    }


@cache
def _materials() -> tuple[dict[str, str], dict[str, str]]:
    """(six-digit code → first material class listing it, class → parent class)."""
    by_code: dict[str, str] = {}
    parents: dict[str, str] = {}
    for row in _rows(CATALOG_DATA / "materials.csv"):
        parents[row["id"]] = row["parent"]
        for code in (row["low_codes"] or "").split("|"):
            if code:
                by_code.setdefault(code.strip(), row["id"])
    return by_code, parents


def material_of(code: str) -> str | None:
    """The material class of a List of Waste code (with or without spaces and asterisk)."""
    digits = "".join(c for c in code if c.isdigit())
    return _materials()[0].get(digits)


# firms repeat the same codes and routes: remember the answers (tuples, never changed)
@lru_cache(maxsize=4096)
def disposal_factor(code: str, route: str) -> tuple[float, str] | None:
    """tCO2e per tonne of the waste ``code`` sent to landfill or incineration, and the material
    class whose value was used (``default`` when none); None for other routes."""
    if route not in ROUTES_WITH_MATERIAL_FACTORS:
        return None
    factors = material_factors()
    _, parents = _materials()
    material = material_of(code)
    seen = set()
    while material and material not in seen:
        seen.add(material)
        if (route, material) in factors:
            return factors[(route, material)], material
        material = parents.get(material) or None
    return factors[(route, "default")], "default"
