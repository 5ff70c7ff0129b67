"""The firm report's methodology and assumptions: boundary, year, factor set and its sources, GWP
set, scope 3 coverage, allocation, defaults used, data quality, and who prepared and approved the
report. Built from the result and, on the platform, from the inventory's review record."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dekvep.core.formatting import format_date

from .engine.factors import _load_raw, available_factor_sets

SCOPE3 = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15")


def _category_names() -> dict[str, str]:
    return {
        "1": _("purchased goods and services"),
        "2": _("capital goods"),
        "3": _("fuel- and energy-related activities"),
        "4": _("upstream transport"),
        "5": _("waste generated in operations"),
        "6": _("business travel"),
        "7": _("employee commuting"),
        "8": _("upstream leased assets"),
        "9": _("downstream transport"),
        "10": _("processing of sold products"),
        "11": _("use of sold products"),
        "12": _("end-of-life treatment of sold products"),
        "13": _("downstream leased assets"),
        "14": _("franchises"),
        "15": _("investments"),
    }


def _sources(result: dict) -> list[str]:
    """The published sources behind the factors this result used (citations as published)."""
    try:
        raw = _load_raw(_file_name(result["factor_set"]["name"]))
    except Exception:  # a factor set no longer shipped: the name and version still stand
        return []
    sources = []
    used = {k for k in result["ghg"]["by_source"]}
    for carrier, fuel in raw.get("fuels", {}).items():
        if carrier in used and fuel.get("source"):
            sources.append(f"{fuel['source']} ({fuel.get('year', '')})")
    electricity = raw.get("electricity", {})
    if "electricity" in used and electricity.get("grid_source"):
        sources.append(f"{electricity['grid_source']} ({electricity.get('year', '')})")
    if result["ghg"].get("scope3_tco2e"):
        seen = set()
        for item in raw.get("scope3", {}).get("materials_tco2e_per_t", {}).values():
            if item["source"] not in seen and len(seen) < 4:
                seen.add(item["source"])
        sources.extend(sorted(seen))
    gwp = raw.get("gwp_sets", {}).get(result["ghg"].get("gwp_set") or "AR5")
    if gwp:
        sources.append(gwp)
    return list(dict.fromkeys(sources))


def _file_name(name: str) -> str:
    for stem in available_factor_sets():
        if _load_raw(stem).get("name") == name:
            return stem
    return name


def _defaults(result: dict) -> list[str]:
    found = []
    if any(p.get("defaults_used") for p in result["circularity"]["products"]):
        found.append(_("recycling efficiencies of the MCI method for products without their own"))
    cbam = result.get("cbam") or {}
    if any(line.get("default_used") for line in cbam.get("lines", [])):
        found.append(_("EU default embedded emissions for CBAM goods without supplier data"))
    if result.get("opportunities"):
        found.append(
            _("unit prices of the measure catalogue where the firm gave none (TÜFE-indexed)")
        )
    if result["factor_set"].get("overrides"):
        found.append(_("factors overridden by the firm, each with its own source"))
    return found


def methodology(result: dict, review: dict | None = None) -> dict[str, Any]:
    """The methodology section; ``review`` names who prepared and approved the inventory."""
    names = _category_names()
    categories = result["ghg"].get("scope3_categories") or {}
    covered = [n for n in SCOPE3 if categories.get(n) is not None]
    excluded = [n for n in SCOPE3 if n not in covered]
    site = result.get("site") or _("the whole site")
    factor = result["factor_set"]
    return {
        "boundary": _(
            "%(site)s of %(firm)s, gate to gate: the energy, water, materials and waste crossing "
            "the site's fence in the year, under the firm's operational control."
        )
        % {"site": site, "firm": result["organization"]},
        "year": str(result["year"]),
        "factor_set": f"{factor['name']} {factor['version']}",
        "sources": _sources(result),
        "gwp": factor.get("gwp_set") or result["ghg"].get("gwp_set") or "AR5",
        "covered": [f"{n} {names[n]}" for n in covered],
        "excluded": [f"{n} {names[n]}" for n in excluded],
        "allocation": _(
            "Intensities divide the site's totals by its whole production in tonnes; no "
            "allocation between products is made (mass basis where a product figure is shown)."
        ),
        "defaults": _defaults(result),
        "review": review,
    }


def review_of(inventory) -> dict[str, str] | None:
    """Who entered the inventory and who approved it, with the approval date (audit log)."""
    if inventory is None:
        return None
    # Lazy: `dekvep assess` renders reports with no installed apps, so no models at import.
    from dekvep.core.models import AuditEntry

    entry = (
        AuditEntry.objects.filter(
            object_type="assessment.inventory",
            object_id=str(inventory.pk),
            action="inventory_approve",
        )
        .select_related("actor")
        .order_by("-at")
        .first()
    )
    creator = inventory.created_by
    approver = entry.actor if entry else None
    return {
        "prepared_by": (creator.get_full_name() or creator.email) if creator else "–",
        "approved_by": (approver.get_full_name() or approver.email) if approver else "–",
        "approved_on": format_date(inventory.approved_at) if inventory.approved_at else "–",
        "status": inventory.get_status_display(),
    }
