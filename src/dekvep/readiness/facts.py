"""Adapts a firm's data (profile, NACE codes, latest approved inventory) to the engine's facts."""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery

from dekvep.assessment.models import Inventory
from dekvep.core.memo import in_reading, is_kept, once
from dekvep.core.models import Organisation, Participation

from .engine import Facts

BAND_SIZE = {"1-9": "micro", "10-49": "small", "50-249": "medium", "250+": "large"}
CBAM_MATERIALS = {"steel": "72", "iron": "72", "aluminium": "76", "aluminum": "76"}


def _with_result(approved: bool):
    queryset = Inventory.objects.filter(result__isnull=False)
    if approved:
        queryset = queryset.filter(status=Inventory.Status.APPROVED)
    return queryset.order_by("-year", "-pk")


def latest_inventory(organisation: Organisation, approved: bool = True) -> Inventory | None:
    """The firm's newest inventory with a result (approved only, unless ``approved`` is off);
    read once per request."""
    key = ("readiness.latest_inventory", organisation.pk, approved)
    if not in_reading():
        return _with_result(approved).filter(organisation=organisation).first()
    if not is_kept(key):
        newest, newest_approved = _latest_pair(organisation)
        once(("readiness.latest_inventory", organisation.pk, False), lambda: newest)
        once(("readiness.latest_inventory", organisation.pk, True), lambda: newest_approved)
    return once(key, lambda: None)


def _latest_pair(organisation: Organisation) -> tuple[Inventory | None, Inventory | None]:
    """The firm's newest inventory with a result and its newest approved one, in one query."""
    newest = [
        Subquery(_with_result(approved).filter(organisation=organisation).values("pk")[:1])
        for approved in (False, True)
    ]
    found = sorted(
        Inventory.objects.filter(Q(pk=newest[0]) | Q(pk=newest[1])),
        key=lambda inventory: (inventory.year, inventory.pk),
        reverse=True,
    )
    approved = [i for i in found if i.status == Inventory.Status.APPROVED]
    return (found[0] if found else None), (approved[0] if approved else None)


def prefetch_firms(organisation_ids) -> None:
    """Within a request, read the latest inventories and the sectors of many firms at once, so
    that ``facts_for`` and the holdings of each firm send no query of their own."""
    if not in_reading():
        return
    ids = list(organisation_ids)
    for approved in (True, False):
        newest = _with_result(approved).filter(organisation=OuterRef("organisation_id"))
        latest = Inventory.objects.filter(
            organisation_id__in=ids, pk=Subquery(newest.values("pk")[:1])
        )
        found = {inventory.organisation_id: inventory for inventory in latest}
        for pk in ids:
            once(("readiness.latest_inventory", pk, approved), lambda i=found.get(pk): i)
    sectors = {}
    rows = (
        Participation.objects.filter(organisation_id__in=ids)
        .exclude(sector="")
        .order_by("pk")
        .values_list("organisation_id", "sector")
    )
    for pk, sector in rows:
        sectors.setdefault(pk, sector)
    for pk in ids:
        once(("readiness.sector_of", pk), lambda s=sectors.get(pk): s)


def firm_size(profile, organisation: Organisation) -> str | None:
    """Micro/small/medium/large from the headcount and turnover (EU SME thresholds), else the
    employee band recorded for the organisation."""
    headcount = getattr(profile, "headcount", None)
    turnover = getattr(profile, "turnover_eur_m", None)
    if headcount is None and turnover is None:
        return BAND_SIZE.get(organisation.employee_band)
    headcount, turnover = headcount or 0, turnover or 0
    if headcount >= 250 or turnover > 50:
        return "large"
    if headcount >= 50 or turnover > 10:
        return "medium"
    if headcount >= 10 or turnover > 2:
        return "small"
    return "micro"


def sector_of(organisation: Organisation) -> str:
    """The sector of the firm's first participation naming one, else its own."""
    sector = once(
        ("readiness.sector_of", organisation.pk), lambda: _participation_sector(organisation)
    )
    return sector if sector is not None else organisation.sector


def _participation_sector(organisation: Organisation) -> str | None:
    participation = (
        Participation.objects.filter(organisation=organisation).exclude(sector="").first()
    )
    return participation.sector if participation else None


def _inventory_facts(data: dict) -> dict:
    materials = data.get("materials") or []
    cbam_inputs = [
        g["cn_code"] for g in (data.get("cbam") or {}).get("goods", []) if g.get("flow") != "export"
    ]
    for material in materials:
        chapter = CBAM_MATERIALS.get((material.get("material_class") or "").lower())
        if chapter and not any(code.startswith(chapter) for code in cbam_inputs):
            cbam_inputs.append(chapter)
    return {
        "refrigerants": any(r.get("quantity") for r in data.get("refrigerants") or []),
        "packaging": any(m.get("kind") == "packaging" for m in materials),
        "chemicals": any(m.get("kind") == "chemical" for m in materials),
        "cbam_inputs": cbam_inputs,
    }


def _bool_or(value, fallback):
    return value if value is not None else fallback


def facts_for(organisation: Organisation) -> Facts:
    profile = getattr(organisation, "readiness_profile", None)
    inventory = latest_inventory(organisation, approved=False)
    found = _inventory_facts(inventory.data if inventory else {})
    facts = Facts(
        sector=sector_of(organisation),
        nace_codes=list(organisation.nace_codes or []),
        size=firm_size(profile, organisation),
        cbam_inputs=found["cbam_inputs"],
        uses_chemicals=found["chemicals"],
        fgas_equipment=True if found["refrigerants"] else None,
        packaging_placed=True if found["packaging"] else None,
    )
    if profile is None:
        return facts
    markets = profile.export_markets or []
    facts.cn_codes = list(profile.cn_codes or [])
    facts.product_types = list(profile.product_types or [])
    facts.exports_to_eu = ("eu" in markets) if markets else None
    facts.eu_export_share = profile.eu_export_share
    facts.customer_requests = profile.customer_requests
    facts.fgas_products = profile.fgas_in_products
    facts.mrv_installation = profile.mrv_installation
    equipment = profile.fgas_equipment or []
    if equipment:
        facts.fgas_equipment = equipment != ["none"] or found["refrigerants"]
    if profile.packaging_placed_t is not None:
        facts.packaging_placed = profile.packaging_placed_t > 0
    return facts
