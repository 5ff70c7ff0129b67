"""Opportunities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit, states
from dekvep.core.i18n import bilingual
from dekvep.core.models import Organisation, Programme
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.plans.services import create_action_from_opportunity

from ..models import Inventory, Opportunity
from .base import _firm_members

# Opportunities -------------------------------------------------------------------------------

OPPORTUNITY_FIELDS = (
    "title_en",
    "title_tr",
    "kind",
    "saving",
    "saving_unit",
    "money_try_per_year",
    "tco2e_per_year",
    "investment_try",
    "priority",
    "note",
)


def refresh_opportunities(inventory: Inventory) -> list[Opportunity]:
    """Replace the undecided catalogue measures with those the latest result finds."""
    result = inventory.result or {}
    decided = set(
        inventory.opportunities.exclude(status=Opportunity.Status.PROPOSED).values_list(
            "measure_id", flat=True
        )
    )
    inventory.opportunities.filter(status=Opportunity.Status.PROPOSED).exclude(
        measure_id=""
    ).delete()
    created = []
    for found in result.get("opportunities", []):
        # Alternatives left out of the package are not proposed next to the one chosen.
        if found["measure_id"] in decided or found.get("in_package") is False:
            continue
        created.append(
            Opportunity.objects.create(
                inventory=inventory,
                measure_id=found["measure_id"],
                title_en=found["title_en"],
                title_tr=found["title_tr"],
                kind=found["kind"],
                saving=(found["saving_low"] + found["saving_high"]) / 2,
                saving_unit=found["saving_unit"],
                money_try_per_year=found["money_try_per_year"],
                tco2e_per_year=found["tco2e_per_year"],
                investment_try=found["investment_try"],
                priority=found["priority"],
                source=found["source"],
            )
        )
    return created


def _clean_opportunity(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(OPPORTUNITY_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    for name in ("saving", "money_try_per_year", "tco2e_per_year", "investment_try"):
        if name in fields and (fields[name] is None or float(fields[name]) < 0):
            raise ValidationError({name: _("Enter a number of zero or more.")})
    if "priority" in fields and fields["priority"] not in Opportunity.Priority.values:
        raise ValidationError({"priority": _("Unknown priority.")})
    return fields


@transaction.atomic
def add_opportunity(actor, inventory: Inventory, **fields) -> Opportunity:
    """An analyst's own measure for the firm."""
    require(actor, "assessment.manage_opportunities", inventory)
    fields = _clean_opportunity(fields)
    if not (fields.get("title_en") or fields.get("title_tr")):
        raise ValidationError({"title_en": _("Give the measure a title.")})
    fields.setdefault("title_en", fields.get("title_tr"))
    fields.setdefault("title_tr", fields.get("title_en"))
    opportunity = Opportunity(inventory=inventory, **fields)
    opportunity.full_clean()
    opportunity.save()
    audit.record_created(actor, opportunity, programme=inventory.programme)
    return opportunity


@transaction.atomic
def update_opportunity(actor, opportunity: Opportunity, **fields) -> Opportunity:
    require(actor, "assessment.manage_opportunities", opportunity.inventory)
    fields = _clean_opportunity(fields)
    before = audit.snapshot(opportunity)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.full_clean()
    opportunity.save()
    audit.record(
        actor,
        "updated",
        opportunity,
        audit.diff(before, audit.snapshot(opportunity)),
        programme=opportunity.inventory.programme,
    )
    return opportunity


@transaction.atomic
def decide_opportunity(
    actor, opportunity: Opportunity, decision: str, note: str = ""
) -> Opportunity:
    """Accept or reject a measure (or put it back to proposed); accepted ones go to the firm's
    action plan when the roadmaps app offers it."""
    inventory = opportunity.inventory
    require(actor, "assessment.manage_opportunities", inventory)
    if decision not in Opportunity.Status.values:
        raise ValidationError({"decision": _("Unknown decision.")})
    before = states.lock_row(opportunity, "status").status
    if before == decision:  # decided already (a double click, a second request): nothing to do
        return opportunity
    opportunity.status = decision
    opportunity.note = note or opportunity.note
    opportunity.decided_by = actor
    opportunity.decided_at = timezone.now()
    opportunity.save()
    audit.record(
        actor,
        f"opportunity_{decision}",
        opportunity,
        {"status": [before, decision]},
        programme=inventory.programme,
    )
    if decision == Opportunity.Status.ACCEPTED:
        _send_to_action_plan(actor, opportunity)
        notify(
            _firm_members(inventory),
            lambda: (
                _("A measure was added to your action plan: %(title)s")
                % {"title": bilingual(opportunity, "title")}
            ),
            url=f"/assessment/inventories/{inventory.pk}/report/",
        )
    return opportunity


_SAVING_FIELD = {
    "electricity": "savings_energy_kwh",
    "thermal": "savings_energy_kwh",
    "water": "savings_water_m3",
    "material": "savings_material_t",
    "waste": "savings_material_t",
}


def _decimal(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _send_to_action_plan(actor, opportunity: Opportunity) -> None:
    """An accepted measure becomes an action of the firm's action plan (once)."""
    inventory = opportunity.inventory
    savings = {}
    if opportunity.kind in _SAVING_FIELD and opportunity.saving:
        savings[_SAVING_FIELD[opportunity.kind]] = _decimal(opportunity.saving, 2)
    create_action_from_opportunity(
        actor,
        inventory.organisation,
        opportunity.title_tr,
        opportunity.note,
        savings_try=_decimal(opportunity.money_try_per_year, 2),
        savings_tco2e=_decimal(opportunity.tco2e_per_year, 3),
        investment_try=_decimal(opportunity.investment_try, 2),
        source_ref=("assessment", opportunity.pk, opportunity.title_en),
        programme=inventory.programme,
        promise=(opportunity.kind, opportunity.saving, opportunity.saving_unit),
        **savings,
    )


def accepted_opportunities(organisation: Organisation, programme: Programme | None = None):
    """Accepted measures of a firm, for its action plan (newest inventory first)."""
    queryset = Opportunity.objects.filter(
        inventory__organisation=organisation, status=Opportunity.Status.ACCEPTED
    ).select_related("inventory")
    if programme is not None:
        queryset = queryset.filter(inventory__programme=programme)
    return queryset.order_by("-inventory__year", "priority")
