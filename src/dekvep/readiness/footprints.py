"""Product carbon footprints (cradle-to-gate) and CBAM exposure from the approved inventory."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dekvep.assessment.engine.cbam import exposure
from dekvep.assessment.engine.inventory import Cbam

from .catalogue import current_catalogue
from .engine import effective_key, product_footprints
from .facts import latest_inventory
from .models import ReadinessProfile
from .wording import num


def method_text(key: str) -> str:
    keys = {
        "mass": _("by mass produced (tonnes)"),
        "revenue": _("by revenue"),
        "pieces": _("by pieces produced"),
    }
    return _(
        "Cradle-to-gate: the site's scope 1 and location-based scope 2 emissions, plus the "
        "upstream emissions of purchased materials, their transport and the treatment of "
        "production waste (scope 3 as computed by the assessment), allocated to product lines "
        "%(key)s. Use and end-of-life of the products are not included. Figures in tCO2e from "
        "the approved inventory with the factor set named below."
    ) % {"key": keys[key]}


def footprints_for(organisation) -> dict[str, Any] | None:
    """The firm's product footprints from its latest approved inventory (None without one)."""
    inventory = latest_inventory(organisation)
    if inventory is None or not inventory.result:
        return None
    profile = ReadinessProfile.objects.filter(organisation=organisation).first()
    chosen = profile.allocation_key if profile else ReadinessProfile.AllocationKey.MASS
    production = inventory.data.get("production") or []
    key = effective_key(production, chosen)
    lines = product_footprints(production, inventory.result["ghg"], key)
    factor_set = inventory.result.get("factor_set") or {}
    return {
        "inventory": inventory,
        "year": inventory.year,
        "key": key,
        "chosen_key": chosen,
        "fallback": key != chosen,
        "method": method_text(key),
        "factor_set": f"{factor_set.get('name', '')} {factor_set.get('version', '')}".strip(),
        "rows": [
            {
                "product": f.product,
                "tonnes": f.tonnes,
                "pieces": f.pieces,
                "share_pct": f.share * 100,
                "site_tco2e": f.site_tco2e,
                "upstream_tco2e": f.upstream_tco2e,
                "total_tco2e": f.total_tco2e,
                "per_tonne": f.per_tonne,
                "per_piece_kg": f.per_piece_kg,
                "display": {
                    "tonnes": num(f.tonnes),
                    "pieces": num(f.pieces) if f.pieces else "–",
                    "share": num(f.share * 100, 1),
                    "site": num(f.site_tco2e, 1),
                    "upstream": num(f.upstream_tco2e, 1),
                    "total": num(f.total_tco2e, 1),
                    "per_tonne": num(f.per_tonne, 3),
                    "per_piece": num(f.per_piece_kg, 2) if f.per_piece_kg else "–",
                },
            }
            for f in lines
        ],
    }


def cbam_for(organisation) -> dict[str, Any] | None:
    """CBAM exposure through the assessment's CBAM engine, read from the latest inventory.

    The engine costs only goods exported to the EU, net of the Turkish carbon price (a catalogue
    setting) and under the 50 t importer threshold; inputs bought are shown for their embedded
    emissions.
    """
    inventory = latest_inventory(organisation) or latest_inventory(organisation, approved=False)
    section = (inventory.data.get("cbam") if inventory else None) or None
    if not section:
        return None
    tr_price = float((current_catalogue().get("tr_carbon_price") or {}).get("eur_per_tco2e") or 0)
    result = exposure(Cbam.model_validate(section), tr_price)
    exports = [line for line in result.lines if line.flow == "export"]
    inputs = [line for line in result.lines if line.flow != "export"]
    embedded_exports = sum(line.embedded_tco2e for line in exports)
    inputs_embedded = sum(line.embedded_tco2e for line in inputs)
    inputs_t = sum(line.t for line in inputs)
    return {
        "year": result.year,
        "price": result.carbon_price_eur_per_t,
        "tr_price": result.origin_carbon_price_eur_per_t,
        "free_allocation_pct": (1 - result.share) * 100,
        "export_t": result.exported_t,
        "embedded_exports": embedded_exports,
        "customer_cost_eur": result.cost_eur,
        "inputs_embedded": inputs_embedded,
        "inputs_t": inputs_t,
        "defaults_used": any(line.default_used for line in result.lines),
        "below_threshold": result.exported_t < result.threshold_t,
        "threshold_t": result.threshold_t,
        "data_version": result.data_version,
        "display": {
            "price": num(result.carbon_price_eur_per_t),
            "tr_price": num(result.origin_carbon_price_eur_per_t),
            "free_allocation": num((1 - result.share) * 100, 1),
            "export_t": num(result.exported_t),
            "embedded_exports": num(embedded_exports, 1),
            "customer_cost": num(result.cost_eur),
            "inputs_embedded": num(inputs_embedded, 1),
            "inputs_t": num(inputs_t),
        },
    }
