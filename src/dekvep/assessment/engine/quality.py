"""The report's data-quality mark: which sections were reported, which indicators they allow,
and which scope 3 categories the footprint covers.

A section left empty is "not reported" (never zero); the mark is ``complete`` only when every
section each indicator needs is filled.
"""

from __future__ import annotations

from typing import Any

from .canonical import SECTIONS, CanonicalInventory
from .cti import CircularTransition
from .ghg import Footprint

# Sections each indicator needs.
NEEDS: dict[str, tuple[str, ...]] = {
    "energy_kwh_per_t": ("energy",),
    "water_m3_per_t": ("water",),
    "waste_kg_per_t": ("wastes",),
    "ghg_tco2e_per_t": ("energy", "materials", "wastes"),
    "recovery_rate": ("wastes",),
    "mci": ("products",),
    "circular_inflow_pct": ("materials",),
    "circular_outflow_pct": ("products", "wastes"),
}
SCOPE3_CATEGORIES = ("1", "3", "4", "5", "11")


def data_quality_mark(
    inv: CanonicalInventory, fp: Footprint, cti: CircularTransition
) -> dict[str, Any]:
    """``mark`` (complete, partial, incomplete), sections reported and not, indicators that
    lack a section, and the scope 3 categories covered."""
    reported = inv.reported
    missing_by_indicator = {
        name: [s for s in needs if s not in reported] for name, needs in NEEDS.items()
    }
    lacking = {k: v for k, v in missing_by_indicator.items() if v}
    if not lacking:
        mark = "complete"
    elif len(lacking) <= len(NEEDS) // 2:
        mark = "partial"
    else:
        mark = "incomplete"
    covered = [c for c in SCOPE3_CATEGORIES if fp.scope3_categories.get(c) is not None]
    return {
        "mark": mark,
        "reported": [s for s in SECTIONS if s in reported],
        "not_reported": [s for s in SECTIONS if s not in reported],
        "indicators_lacking_data": lacking,
        "scope3_categories_covered": covered,
        "scope3_categories_not_covered": [c for c in SCOPE3_CATEGORIES if c not in covered],
        "outflow_complete": cti.outflow_complete,
    }
