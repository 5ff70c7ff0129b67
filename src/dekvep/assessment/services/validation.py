"""Validation and assessment."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.models import Organisation, Participation, Programme, Site
from dekvep.core.permissions import require

from .. import schema
from ..engine import InventoryError, assess_inventory, factor_set_for, validate
from ..engine.assess import Options
from ..engine.factors import FactorError
from ..models import Inventory, ProgrammeSettings
from .base import (
    SECTOR_KEYS,
)

# Validation and assessment -----------------------------------------------------------------


def data_errors(data: dict[str, Any]) -> list[dict[str, str]]:
    """``[{"field": "energy[2].unit", "where": "Enerji, 3. satır, Birim", "message": ...}]``
    for a JSON inventory (``where`` in the active language); empty when valid."""
    try:
        validate(data, factor_set_for(data))
    except InventoryError as error:
        found = [(e.path, e.message) for e in error.errors]
    except FactorError as error:
        found = [("factor_overrides", str(error))]
    else:
        return []
    language = get_language() or "tr"
    return [
        {
            "field": path,
            "where": schema.describe_path(path, language),
            "message": _choice_message(path, message, language),
        }
        for path, message in found
    ]


def _choice_message(path: str, message: str, language: str) -> str:
    """A wrong choice lists the allowed ones by their labels, not their codes."""
    column = schema.column_at(path)
    if not column or not column.choices or not all(c in message for c in column.choices):
        return message
    labels = ", ".join(text for _value, text in column.options(language))
    return _("must be one of: %(choices)s") % {"choices": labels}


def _raise_for(errors: list[dict[str, str]]) -> None:
    # The field keeps its path (the API's errors[].field); the message says where in words.
    if errors:
        raise ValidationError({e["field"]: f"{e['where']}: {e['message']}" for e in errors})


def programme_settings(programme: Programme) -> ProgrammeSettings:
    """The programme's assessment settings (unsaved defaults when it has chosen none)."""
    found = ProgrammeSettings.objects.filter(programme=programme).first()
    return found or ProgrammeSettings(programme=programme)


SETTINGS_FIELDS = ("discount_rate", "origin_carbon_price_eur_per_t", "gwp_set")


@transaction.atomic
def update_programme_settings(actor, programme: Programme, **fields) -> ProgrammeSettings:
    """Set the programme's discount rate, Turkish carbon price or GWP set (programme manager).
    Assessments computed from then on use them; results already stored keep theirs."""
    require(actor, "assessment.manage_settings", programme)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    found = programme_settings(programme)
    before = audit.snapshot(found) if found.pk else {}
    for name, value in fields.items():
        setattr(found, name, value)
    found.full_clean()
    created = found.pk is None
    found.save()
    if created:
        audit.record_created(actor, found, programme=programme)
    else:
        changes = audit.diff(before, audit.snapshot(found))
        audit.record(actor, "updated", found, changes, programme=programme)
    return found


def assessment_options(programme: Programme | None) -> tuple[Options, str]:
    """Engine options and GWP set from the programme's settings."""
    if programme is None:
        return Options(), "AR5"
    chosen = programme_settings(programme)
    options = Options(
        discount_rate=chosen.discount_rate,
        origin_carbon_price_eur_per_t=chosen.origin_carbon_price_eur_per_t or 0.0,
    )
    return options, chosen.gwp_set or "AR5"


def compute_result(inventory: Inventory) -> dict[str, Any] | None:
    """Run the engine on the inventory's data and store the result (None if the data is invalid)."""
    data = inventory.data
    options, gwp_set = assessment_options(inventory.programme)
    try:
        factors = factor_set_for(data, gwp_set=gwp_set)
        result = assess_inventory(validate(data, factors), factors, options)
    except (InventoryError, FactorError):
        inventory.result = None
        inventory.save(update_fields=["result"])
        return None
    inventory.result = result.as_dict()
    inventory.factor_set = f"{factors.name} {factors.version}"
    inventory.assessed_at = timezone.now()
    inventory.save(update_fields=["result", "factor_set", "assessed_at"])
    return inventory.result


def _base_data(organisation: Organisation, year: int, site: Site | None, sector: str) -> dict:
    data = {
        "organization": organisation.name,
        "sector": sector,
        "year": year,
        "production": [],
        "energy": [],
        "water": [],
        "materials": [],
        "wastes": [],
    }
    if site:
        data["site"] = site.name
    return data


def _sector_of(organisation: Organisation, programme: Programme) -> str:
    participation = Participation.objects.filter(
        programme=programme, organisation=organisation
    ).first()
    sector = (participation and participation.sector) or organisation.sector
    return sector if sector in SECTOR_KEYS else "other"
