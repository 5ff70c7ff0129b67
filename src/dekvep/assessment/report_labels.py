"""The words firm and sector reports show for indicators, sectors, routes and sources."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dekvep.catalog.sectors import priority_sectors, sector_title


def report_labels() -> dict[str, Any]:
    """The words a report shows for stored codes, in the active language."""
    return {
        "indicators": {
            "energy_kwh_per_t": (_("Energy intensity"), "kWh/t"),
            "water_m3_per_t": (_("Water intensity"), "m³/t"),
            "waste_kg_per_t": (_("Waste intensity"), "kg/t"),
            "ghg_tco2e_per_t": (_("Carbon intensity"), "tCO2e/t"),
            "recovery_rate": (_("Waste recovery rate"), "%"),
            "mci": (_("Material Circularity Indicator"), ""),
            "circular_inflow_pct": (_("Circular inflow"), "%"),
        },
        "sectors": {s.key: sector_title(s.key) for s in priority_sectors()} | {"other": _("Other")},
        "positions": {
            "below": _("below the published range"),
            "within": _("within the published range"),
            "above": _("above the published range"),
        },
        "priorities": {"high": _("High"), "medium": _("Medium"), "low": _("Low")},
        "routes": {
            "reuse": _("Reuse"),
            "recycling": _("Recycling"),
            "energy_recovery": _("Energy recovery"),
            "incineration": _("Incineration"),
            "landfill": _("Landfill"),
        },
        "sources": {
            "natural_gas": _("Natural gas"),
            "diesel": _("Diesel"),
            "fuel_oil": _("Fuel oil"),
            "lpg": _("LPG"),
            "coal": _("Coal"),
            "lignite": _("Lignite"),
            "imported_coal": _("Imported coal"),
            "mobile_combustion": _("Vehicles and forklifts"),
            "fuel_and_energy_upstream": _("Fuel and energy upstream"),
            "use_of_sold_products": _("Use of sold products"),
            "refrigerants": _("Refrigerant leaks"),
            "electricity": _("Electricity"),
            "steam": _("Purchased steam"),
            "purchased_materials": _("Purchased materials"),
            "waste_treatment": _("Waste treatment"),
            "upstream_transport": _("Upstream transport"),
        },
        "kinds": {
            "electricity": _("Saves electricity"),
            "thermal": _("Saves heat and fuel"),
            "water": _("Saves water"),
            "material": _("Saves materials"),
            "waste": _("Moves waste up the hierarchy"),
            "refrigerant": _("Cuts refrigerant leaks"),
        },
        "statuses": {
            "proposed": _("Proposed"),
            "accepted": _("Accepted"),
            "rejected": _("Rejected"),
        },
    }
