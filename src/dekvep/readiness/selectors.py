"""What the readiness pages and API show: a firm's decisions with what the platform holds, and
the programme's counts."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.assessment.selectors import open_opportunities
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible
from dekvep.core.rules import assigned_organisation_ids, member_organisation_ids
from dekvep.core.selectors import visible_programmes
from dekvep.plans.models import ActionPlan

from .catalogue import current_catalogue, text
from .engine import APPLIES, DOES_NOT_APPLY, MAY_APPLY, decide
from .facts import facts_for, latest_inventory
from .wording import STATUS_LABELS, day, reason_text


def _answers_held(profile) -> dict[str, tuple[bool, str]]:
    """What the questionnaire holds: answered, or named as not answered."""

    def answer(given: bool, what: str) -> tuple[bool, str]:
        return (True, what) if given else (False, _("%(what)s: not answered") % {"what": what})

    def has(name: str) -> bool:
        value = getattr(profile, name, None)
        return value not in (None, [], "")

    return {
        "profile_cn_codes": answer(has("cn_codes"), _("CN codes of your products")),
        "profile_packaging": answer(has("packaging_placed_t"), _("Packaging placed on the market")),
        "profile_fgas": answer(has("fgas_equipment"), _("Equipment with F-gases")),
        "workforce": answer(has("headcount"), _("Workforce figures")),
    }


def _holdings(organisation: Organisation) -> dict[str, tuple[bool, str]]:
    """For each kind of data a requirement asks for: does the platform hold it, in words."""
    approved = latest_inventory(organisation)
    draft = latest_inventory(organisation, approved=False)
    profile = getattr(organisation, "readiness_profile", None)
    data = (approved or draft).data if (approved or draft) else {}
    year = (approved or draft).year if (approved or draft) else None
    materials = data.get("materials") or []

    def inventory_has(items, what: str) -> tuple[bool, str]:
        if items:
            return True, _("%(what)s in your %(year)s inventory") % {"what": what, "year": year}
        return False, _("%(what)s: not reported in an inventory") % {"what": what}

    held = {}
    if approved:
        held["ghg_footprint"] = (
            True,
            _("Your carbon footprint %(year)s is approved.") % {"year": approved.year},
        )
        held["product_footprints"] = (
            True,
            _("Product footprints from the approved %(year)s inventory") % {"year": approved.year},
        )
    else:
        message = _("Carbon footprint: no approved inventory yet")
        held["ghg_footprint"] = held["product_footprints"] = (False, message)
    cbam_lines = (data.get("cbam") or {}).get("goods") or []
    held["cbam_lines"] = inventory_has(
        cbam_lines, _("CBAM goods lines: %(n)s") % {"n": len(cbam_lines)}
    )
    held["production"] = inventory_has(data.get("production"), _("Production by product line"))
    held["energy"] = inventory_has(data.get("energy"), _("Energy use"))
    held["water"] = inventory_has(data.get("water"), _("Water withdrawal"))
    held["wastes"] = inventory_has(data.get("wastes"), _("Waste streams with waste codes"))
    held["refrigerants"] = inventory_has(data.get("refrigerants"), _("Refrigerant top-ups"))
    held["chemicals"] = inventory_has(
        [m for m in materials if m.get("kind") == "chemical"], _("Dyes and chemicals used")
    )
    held["packaging_materials"] = inventory_has(
        [m for m in materials if m.get("kind") == "packaging"], _("Packaging used")
    )
    held["materials_recycled_share"] = inventory_has(
        [m for m in materials if m.get("recycled_share")], _("Recycled share of materials")
    )
    held.update(_answers_held(profile))
    return held


def _firm_measures(organisation: Organisation) -> tuple[list, str | None]:
    """The firm's measures (not rejected) of its latest approved inventory, and its report's
    address: read once for every requirement of the page."""
    inventory = latest_inventory(organisation)
    if inventory is None:
        return [], None
    found = open_opportunities(inventory)
    return found, reverse("assessment:report", args=[inventory.pk])


def _measures(firm_measures: tuple[list, str | None], measure_ids, language: str) -> list[dict]:
    """The firm's assessment measures that prepare a requirement, with a link to its report."""
    found, url = firm_measures
    return [
        {"title": o.title(language), "status": o.get_status_display(), "url": url}
        for o in found
        if o.measure_id in measure_ids
    ]


def _action_plan_url(organisation: Organisation) -> str | None:
    plan = ActionPlan.objects.filter(organisation=organisation, kind=ActionPlan.Kind.FIRM).first()
    return reverse("plans:plan", args=[plan.pk]) if plan else None


def _dates(rule: dict, language: str) -> list[dict]:
    """The requirement's dates in order, each shown in the reader's format and language."""
    return [
        {"date": d["date"], "display": day(d["date"]), "label": text(d["label"], language)}
        for d in sorted(rule.get("dates", []), key=lambda d: d["date"])
    ]


def firm_readiness(
    organisation: Organisation, language: str, today: datetime.date | None = None
) -> dict[str, Any]:
    """Every catalogue requirement for the firm: decision, reasons, deadline, held, missing,
    next step. Call inside ``translation.override(language)``."""
    today = today or timezone.localdate()
    catalogue = current_catalogue()
    facts = facts_for(organisation)
    held = _holdings(organisation)
    plan_url = _action_plan_url(organisation)
    firm_measures = _firm_measures(organisation)
    rows = []
    for rule, decision in zip(catalogue["rules"], decide(catalogue, facts, today), strict=True):
        keys = rule.get("answered_by", [])
        rows.append(
            {
                "id": rule["id"],
                "jurisdiction": rule.get("jurisdiction", ""),
                "topic": rule.get("topic", ""),
                "topic_label": text(
                    catalogue.get("topics", {}).get(rule.get("topic"), {}), language
                ),
                "title": text(rule["title"], language),
                "status": decision.status,
                "status_label": str(STATUS_LABELS[decision.status]),
                "reasons": [reason_text(r, language) for r in decision.reasons],
                "deadline": decision.deadline,
                "deadline_display": day(decision.deadline),
                "deadline_past": bool(decision.deadline and decision.deadline < today.isoformat()),
                "deadline_label": text(decision.deadline_label, language),
                "applies_to": text(rule["applies_to"], language),
                "asks": text(rule["asks"], language),
                "source": rule["source"],
                "source_date_display": day(rule["source"].get("date")),
                "source_version": text(rule["source"].get("version"), language),
                "held": [held[k][1] for k in keys if k in held and held[k][0]],
                "missing": [held[k][1] for k in keys if k in held and not held[k][0]],
                "next_step": text(rule["next_step"], language),
                "measures": _measures(firm_measures, rule.get("measures", []), language),
                "action_plan_url": plan_url,
                "dates": _dates(rule, language),
            }
        )
    order = {APPLIES: 0, MAY_APPLY: 1, DOES_NOT_APPLY: 2}
    # Upcoming dates first; requirements already in force after them.
    rows.sort(key=lambda r: (order[r["status"]], r["deadline_past"], r["deadline"] or "9999"))
    return {
        "catalogue_version": catalogue.get("version", ""),
        "catalogue_reviewed": day(catalogue.get("reviewed_on")),
        "rows": rows,
        "counts": {s: sum(1 for r in rows if r["status"] == s) for s in order},
        "timeline": timeline(rows, today),
        "answered": hasattr(organisation, "readiness_profile"),
    }


def timeline(rows: list[dict], today: datetime.date) -> list[dict]:
    """Dates of the requirements that apply or may apply, in order, marking those passed."""
    items = []
    for row in rows:
        if row["status"] == DOES_NOT_APPLY:
            continue
        for item in row["dates"]:
            items.append(
                {
                    **item,
                    "rule": row["title"],
                    "status_label": row["status_label"],
                    "past": item["date"] < today.isoformat(),
                }
            )
    return sorted(items, key=lambda i: i["date"])


def visible_firms(user):
    """Firms whose readiness the user may open: own firms, firms analysed, managed programmes."""
    if getattr(user, "is_superuser", False):
        return Organisation.objects.filter(kind=Organisation.Kind.MANUFACTURER)
    ids = assigned_organisation_ids(user) | member_organisation_ids(user)
    return Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.MANUFACTURER).order_by(
        "name"
    )


def visible_programmes_for_view(user):
    return [
        p
        for p in visible_programmes(user).distinct()
        if user.has_perm("readiness.view_programme", p)
    ]


def can_use(user) -> bool:
    """Whether the readiness section has anything for the user (navigation offers it then)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return visible_firms(user).exists() or bool(visible_programmes_for_view(user))


def load_firm(user, pk: int, act: str | None = None) -> Organisation:
    """A manufacturer whose readiness the user may see (404 otherwise); ``act`` is checked too."""
    manufacturers = Organisation.objects.filter(kind=Organisation.Kind.MANUFACTURER)
    return get_visible(manufacturers, pk, user, "readiness.view_firm", act=act)
