"""Report data for the web: the firm report of an inventory and a programme's sector reports."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from dekvep.catalog.sectors import priority_sectors, sector_title
from dekvep.core.models import Organisation
from dekvep.plans.monitoring_figures import year_on_year
from dekvep.readiness.programme import programme_overview
from dekvep.symbiosis.models import Listing
from dekvep.symbiosis.selectors import presented_matches
from dekvep.symbiosis.services import matches_for
from dekvep.text import normalise_waste_code

from . import report_firm, report_render, report_sector
from .branding import branding
from .models import Inventory
from .peers import peer_percentiles
from .report_method import review_of
from .selectors import open_opportunities, sector_results


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
        for o in open_opportunities(inventory)
    ]


def symbiosis_matches(user, inventory: Inventory, language: str, top: int = 3) -> list[str]:
    """The marketplace's best matches for the firm's offers of its inventory's waste codes,
    with other firms named only as the marketplace allows ``user`` (anonymous until
    introduced); none without a reader."""
    return [
        line for lines in matches_by_code(user, inventory, language, top).values() for line in lines
    ]


def matches_by_code(user, inventory: Inventory, language: str, top: int = 3) -> dict[str, list]:
    """The same matches by the (six-digit) waste code of the firm's offer."""
    if user is None:
        return {}

    codes = {normalise_waste_code(w.get("ewc_code", "")) for w in inventory.data.get("wastes", [])}
    offers = (
        Listing.objects.filter(
            programme=inventory.programme,
            organisation=inventory.organisation,
            kind="offer",
            waste_code__in=[c for c in codes if c],
        )
        .exclude(status="draft")
        .select_related("programme", "organisation", "site")[:5]
    )
    lines: dict[str, list[str]] = {}
    for offer in offers:
        for match in presented_matches(user, offer, matches_for(offer, top), language):
            other = match["listing"]
            distance = f", {match['distance_km']:.0f} km" if match["distance_km"] else ""
            lines.setdefault(offer.waste_code.rstrip("*"), []).append(
                f"{offer.waste_code[:2]} {offer.waste_code[2:4]} {offer.waste_code[4:]}"
                f" → {other['title']} ({other['firm']}{distance})"
            )
    return lines


def firm_report_context(user, inventory: Inventory, language: str) -> dict | None:
    """The firm report's context; None while the inventory has no valid result."""
    if not inventory.result:
        return None
    with translation.override(language):
        opportunities = _opportunity_dicts(inventory)
        if not opportunities and not inventory.opportunities.exists():
            opportunities = None
        results = sector_results(inventory.programme, inventory.sector, inventory.year)
        stats = report_firm.sector_stats(results, report_render._display, report_render._digits)
        context = report_render.firm_context(
            inventory.result, language, peer_percentiles(inventory), opportunities, stats
        )
        context["methodology"]["review"] = review_of(inventory)
        context["draft"] = inventory.status != Inventory.Status.APPROVED
        context["branding"] = branding(inventory.programme)
    context["can_manage"] = bool(
        user and user.has_perm("assessment.manage_opportunities", inventory)
    )
    context["can_offer"] = bool(user and user.has_perm("assessment.view_inventory", inventory))
    context["inventory"] = inventory
    with translation.override(language):
        by_code = matches_by_code(user, inventory, language)
        context["matches"] = [line for lines in by_code.values() for line in lines]
        for row in context["waste_routes"]:
            row["matches"] = by_code.get(
                inventory.result["waste_streams"][row["index"]]["ewc_code"], []
            )
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


def employment_bands(programme, sector: str, year: int | None) -> list[tuple[str, str, int]]:
    """How many of the sector's assessed firms fall in each employment band: (code, label,
    firms), in the order of the bands, "not reported" (code "") last."""

    inventories = Inventory.objects.filter(
        programme=programme, sector=sector, status=Inventory.Status.APPROVED, year=year
    )
    found: dict[str, int] = {}
    for band in inventories.values_list("organisation__employee_band", flat=True):
        code = band if band in Organisation.EmployeeBand.values else ""
        found[code] = found.get(code, 0) + 1
    labels = [*Organisation.EmployeeBand.choices, ("", _("not reported"))]
    return [(code, str(label), found[code]) for code, label in labels if code in found]


def sector_report_data(
    programme, sector: str, language: str, year: int | None = None, results: list | None = None
) -> dict[str, Any]:
    """The sector report's figures (``sector_data``) in ``language``: what the page, the PDF and
    the sector report API show, with the programme's name and the year. ``results`` are the
    sector's results when the caller has read them already."""
    if results is None:
        results = sector_results(programme, sector, year)
    year = results[0]["year"] if results else None
    with translation.override(language):
        bands = employment_bands(programme, sector, year)
        overview = programme_overview(programme, language, with_names=False)
        data = report_render.sector_figures(results, sector, language, bands, overview)
    return {**data, "programme_name": programme.name, "year": year}


def sector_report_context(programme, sector: str, language: str, year: int | None = None):
    data = sector_report_data(programme, sector, language, year)
    with translation.override(language):
        context = report_sector.page_context(data, report_render._digits)
    context["programme_name"] = data["programme_name"]
    context["branding"] = branding(programme)
    context["year"] = data["year"]
    return context


def sector_report_pdf(programme, sector: str, language: str, year: int | None = None) -> bytes:
    context = sector_report_context(programme, sector, language, year)
    return report_render.render_document(
        "assessment/sector_document.html", context, "pdf", language
    )
