"""Waste streams to the marketplace."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.permissions import require
from dekvep.symbiosis.services import create_offer_from_waste_stream

from ..engine.units import UnitError, convert
from ..models import Inventory

# Waste streams to the marketplace -------------------------------------------------------------


def create_offer_from_waste(actor, inventory: Inventory, index: int):
    """A draft marketplace offer from waste stream ``index`` of the inventory."""
    require(actor, "assessment.view_inventory", inventory)
    wastes = inventory.data.get("wastes") or []
    if not 0 <= index < len(wastes):
        raise ValidationError({"index": _("No such waste stream.")})
    waste = wastes[index]
    try:
        quantity_t = convert(float(waste["quantity"]), waste["unit"], "t")
    except (KeyError, TypeError, ValueError, UnitError):
        raise ValidationError(
            {"index": _("Correct the quantity of this waste stream first.")}
        ) from None
    offer = create_offer_from_waste_stream(
        actor,
        organisation=inventory.organisation,
        programme=inventory.programme,
        code=str(waste.get("ewc_code", "")),
        quantity_t_per_year=quantity_t,
        site=inventory.site,
        title=str(waste.get("description") or ""),
    )
    audit.record(
        actor,
        "offer_drafted_from_waste",
        inventory,
        {"waste": [None, index]},
        programme=inventory.programme,
    )
    return offer
