"""Report data for the web: the firm report of an inventory and a programme's sector reports."""

from __future__ import annotations

from django.utils import translation

from dekvep.catalog.sectors import priority_sectors, sector_title
from dekvep.plans.monitoring_figures import year_on_year

from . import report_render
from .models import Inventory
from .reporting import peer_percentiles
from .selectors import sector_results


def sector_choices() -> list[tuple[str, str]]:
    """The priority sectors (catalog/data/priority_sectors.csv) in the active language."""
    return [(s.key, sector_title(s.key)) for s in priority_sectors()]


def _opportunity_dicts(inventory: Inventory) -> list[dict]:
    return [
        {
            "id": o.pk,
            "title_en": o.title_en,
            "title_tr": o.title_tr,
            "saving": o.saving,
            "saving_unit": o.saving_unit,
            "money_try_per_year": o.money_try_per_year,
            "tco2e_per_year": o.tco2e_per_year,
            "investment_try": o.investment_try,
            "payback_years": o.payback_years,
            "priority": o.priority,
            "status": o.status,
            "source": o.source,
        }
        for o in inventory.opportunities.exclude(status="rejected")
    ]


def symbiosis_matches(user, inventory: Inventory, language: str, top: int = 3) -> list[str]:
    """The marketplace's best matches for the firm's offers of its inventory's waste codes,
    with other firms named only as the marketplace allows ``user`` (anonymous until
    introduced); none without a reader."""
    if user is None:
        return []
    from dekvep.symbiosis.models import Listing
    from dekvep.symbiosis.selectors import presented_matches
    from dekvep.symbiosis.services import matches_for
    from dekvep.text import normalise_waste_code

    codes = {normalise_waste_code(w.get("ewc_code", "")) for w in inventory.data.get("wastes", [])}
    offers = Listing.objects.filter(
        programme=inventory.programme,
        organisation=inventory.organisation,
        kind="offer",
        waste_code__in=[c for c in codes if c],
    ).exclude(status="draft")[:5]
    lines = []
    for offer in offers:
        for match in presented_matches(user, offer, matches_for(offer, top), language):
            other = match["listing"]
            distance = f", {match['distance_km']:.0f} km" if match["distance_km"] else ""
            lines.append(
                f"{offer.waste_code[:2]} {offer.waste_code[2:4]} {offer.waste_code[4:]}"
                f" → {other['title']} ({other['firm']}{distance})"
            )
    return lines


def firm_report_context(user, inventory: Inventory, language: str) -> dict | None:
    """The firm report's context; None while the inventory has no valid result."""
    if not inventory.result:
        return None
    with translation.override(language):
        opportunities = _opportunity_dicts(inventory) if inventory.opportunities.exists() else None
        context = report_render.firm_context(
            inventory.result, language, peer_percentiles(inventory), opportunities
        )
    context["can_manage"] = bool(
        user and user.has_perm("assessment.manage_opportunities", inventory)
    )
    context["can_offer"] = bool(user and user.has_perm("assessment.view_inventory", inventory))
    context["inventory"] = inventory
    with translation.override(language):
        context["matches"] = symbiosis_matches(user, inventory, language)
    context["year_on_year"] = year_on_year(inventory)
    return context


def firm_report_pdf(user, inventory: Inventory, language: str) -> bytes | None:
    context = firm_report_context(user, inventory, language)
    if context is not None:
        context["can_manage"] = context["can_offer"] = False
    if context is None:
        return None
    return report_render.render_document(
        "assessment/report_document.html", context, "pdf", language
    )


def sector_report_context(programme, sector: str, language: str, year: int | None = None):
    results = sector_results(programme, sector, year)
    with translation.override(language):
        context = report_render.sector_context(results, sector, language)
    context["programme_name"] = programme.name
    context["year"] = results[0]["year"] if results else None
    return context


def sector_report_pdf(programme, sector: str, language: str, year: int | None = None) -> bytes:
    context = sector_report_context(programme, sector, language, year)
    return report_render.render_document(
        "assessment/sector_document.html", context, "pdf", language
    )
