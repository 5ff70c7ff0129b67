"""Every change to inventories, their review, opportunities and issued reports.

Views and the API call only these functions. The engine does the arithmetic; this module adapts
models to it, checks permissions, writes the audit log and notifies.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dekvep.catalog.sectors import priority_sectors
from dekvep.core import audit, states
from dekvep.core.i18n import bilingual
from dekvep.core.models import Membership, Organisation, Participation, Programme, Site, User
from dekvep.core.permissions import require
from dekvep.core.services import notify

from . import schema, xlsx
from .engine import InventoryError, assess_inventory, factor_set_for, validate
from .engine.assess import Options
from .engine.factors import FactorError
from .engine.units import UnitError, convert
from .models import Inventory, InventoryComment, Opportunity, ProgrammeSettings

Status = Inventory.Status
# The sectors with a sector report; firms of any other sector are assessed as "other".
# The priority sectors, from catalog/data/priority_sectors.csv.
SECTOR_KEYS = tuple(sector.key for sector in priority_sectors())
# A sector report shows figures only when they aggregate at least this many firms.
SECTOR_REPORT_MIN_FIRMS = 3
# (action, from states, to state, permission)
TRANSITIONS = {
    "submit": ((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "assessment.submit_inventory"),
    "return": ((Status.SUBMITTED,), Status.RETURNED, "assessment.review_inventory"),
    "approve": ((Status.SUBMITTED,), Status.APPROVED, "assessment.review_inventory"),
    "reopen": ((Status.APPROVED,), Status.RETURNED, "assessment.review_inventory"),
}


class UploadError(ValidationError):
    """An Excel upload with problems; ``cells`` lists each error at its sheet, row and column."""

    def __init__(self, cells: list[xlsx.CellError]):
        self.cells = cells
        by_cell: dict[str, list[str]] = {}
        for c in cells:
            by_cell.setdefault(f"{c.sheet}!{c.column}{c.row}", []).append(c.message)
        super().__init__(by_cell)


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


# Inventories ---------------------------------------------------------------------------------


@transaction.atomic
def create_inventory(
    actor,
    organisation: Organisation,
    programme: Programme,
    year: int,
    site: Site | None = None,
    data: dict | None = None,
) -> Inventory:
    """A draft inventory for a participant firm, pre-filled with its earlier values if any."""
    require(actor, "assessment.add_inventory", organisation)
    if not Participation.objects.filter(programme=programme, organisation=organisation).exists():
        raise ValidationError({"organisation": _("The firm does not take part in this programme.")})
    if site and site.organisation_id != organisation.pk:
        raise ValidationError({"site": _("The site belongs to another organisation.")})
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("The year is in the future.")})
    exists = Inventory.objects.filter(
        programme=programme, organisation=organisation, year=year, site=site
    )
    if exists.exists():
        raise ValidationError({"year": _("There is already an inventory for this year.")})
    sector = _sector_of(organisation, programme)
    if data is None:
        earlier = latest_inventory(organisation, programme, before_year=year, site=site)
        data = dict(earlier.data) if earlier else _base_data(organisation, year, site, sector)
    data = {**data, "organization": organisation.name, "sector": sector, "year": year}
    inventory = Inventory(
        programme=programme,
        organisation=organisation,
        site=site,
        year=year,
        sector=sector,
        product_group=str(data.get("product_group") or ""),
        data=data,
        created_by=actor,
    )
    inventory.full_clean()
    inventory.save()
    audit.record_created(
        actor, inventory, programme=programme, fields=["organisation", "year", "site", "status"]
    )
    compute_result(inventory)
    return inventory


def latest_inventory(organisation, programme, before_year: int, site=None) -> Inventory | None:
    return (
        Inventory.objects.filter(
            organisation=organisation, programme=programme, year__lt=before_year, site=site
        )
        .order_by("-year")
        .first()
    )


@transaction.atomic
def save_inventory_data(actor, inventory: Inventory, data: dict[str, Any]) -> list[dict]:
    """Save a draft (even with errors, which are returned) and re-assess when valid."""
    require(actor, "assessment.change_inventory", inventory)
    if inventory.status == Status.APPROVED:
        raise ValidationError({"status": _("An approved inventory cannot be changed.")})
    # The firm, sector and year are the inventory's own; the data cannot move it elsewhere.
    data = {
        **data,
        "organization": inventory.organisation.name,
        "sector": inventory.sector,
        "year": inventory.year,
    }
    before = inventory.data
    inventory.data = data
    inventory.product_group = str(data.get("product_group") or "")[:120]
    inventory.save(update_fields=["data", "product_group", "updated_at"])
    changed = sorted(k for k in set(before) | set(data) if before.get(k) != data.get(k))
    audit.record(
        actor, "data_saved", inventory, {"sections": [None, changed]}, programme=inventory.programme
    )
    compute_result(inventory)
    return data_errors(data)


@transaction.atomic
def import_workbook(actor, inventory: Inventory, content: bytes) -> Inventory:
    """Replace the inventory's data with an uploaded Excel template; nothing is saved on any
    error (UploadError lists every error by sheet, row and column)."""
    require(actor, "assessment.change_inventory", inventory)
    if inventory.status == Status.APPROVED:
        raise ValidationError({"status": _("An approved inventory cannot be changed.")})
    try:
        data, locator = xlsx.load_template(content)
    except xlsx.WorkbookError as error:
        raise UploadError(error.errors) from None
    data = {
        **data,
        "organization": inventory.organisation.name,
        "sector": inventory.sector,
        "year": inventory.year,
        # Overrides are the analyst's, set through the API; the template does not carry them.
        "factor_overrides": inventory.data.get("factor_overrides", {}),
    }
    try:
        validate(data, factor_set_for(data))
    except InventoryError as error:
        language = get_language() or "tr"
        raise UploadError(xlsx.cell_errors(error, locator, language)) from None
    save_inventory_data(actor, inventory, data)
    audit.record(actor, "workbook_imported", inventory, programme=inventory.programme)
    return inventory


def queue_workbook_import(actor, inventory: Inventory, content: bytes):
    """Read an upload in the task queue (inline when no broker is configured); returns the job.

    The job ends done, or failed with the cell errors in ``result["cells"]``; with a broker the
    caller shows its progress until then.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from dekvep.core.jobs import start_job
    from dekvep.core.queue import task

    require(actor, "assessment.change_inventory", inventory)
    job = start_job("inventory_upload", created_by=actor, programme=inventory.programme, total=1)
    # The file waits in storage, not in the task's arguments (which brokers and logs keep).
    name = default_storage.save(f"uploads/jobs/{job.pk}.xlsx", ContentFile(content))
    task("assessment.tasks.import_workbook_upload").delay(
        job.pk, inventory.pk, name, get_language() or "tr"
    )
    job.refresh_from_db()
    return job


def upload_error_of(job) -> UploadError | ValidationError | None:
    """The error a failed upload job ended with, as the synchronous import would raise it."""
    if job.status != job.Status.FAILED:
        return None
    cells = job.result.get("cells")
    if cells:
        return UploadError([xlsx.CellError(*cell) for cell in cells])
    return ValidationError(job.message)


def workbook_for(actor, inventory: Inventory, language: str) -> bytes:
    """The Excel template filled with this inventory's values (or the firm's earlier ones)."""
    require(actor, "assessment.view_inventory", inventory)
    data = inventory.data
    if not data.get("production"):
        earlier = latest_inventory(
            inventory.organisation, inventory.programme, inventory.year, inventory.site
        )
        if earlier:
            data = {**earlier.data, "year": inventory.year}
    return xlsx.write_template(data, language)


def _staff_to_notify(inventory: Inventory) -> list[User]:
    participation = (
        Participation.objects.filter(
            programme=inventory.programme, organisation=inventory.organisation
        )
        .select_related("analyst")
        .first()
    )
    if participation and participation.analyst:
        return [participation.analyst]
    return list(
        User.objects.filter(
            staff_assignments__programme=inventory.programme, staff_assignments__role="manager"
        )
    )


def _firm_members(inventory: Inventory) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(organisation=inventory.organisation).select_related(
            "user"
        )
    ]


@transaction.atomic
def transition(actor, inventory: Inventory, action: str, comment: str = "") -> Inventory:
    """The one way an inventory changes review state: submit, return, approve or reopen."""
    if action not in TRANSITIONS:
        raise ValidationError({"action": _("Unknown action.")})
    sources, target, perm = TRANSITIONS[action]
    require(actor, perm, inventory)
    inventory = Inventory.objects.select_for_update().get(pk=inventory.pk)
    if inventory.status not in sources:
        raise ValidationError({"action": _("This step is not possible in the current state.")})
    if action in ("submit", "approve"):
        _raise_for(data_errors(inventory.data))
    if action == "return" and not comment.strip():
        raise ValidationError({"comment": _("Say what needs to change.")})
    before = inventory.status
    inventory.status = target
    now = timezone.now()
    if action == "submit":
        inventory.submitted_at = now
    if action == "approve":
        inventory.approved_at = now
    inventory.save(update_fields=["status", "submitted_at", "approved_at", "updated_at"])
    if comment.strip():
        InventoryComment.objects.create(
            inventory=inventory, author=actor, body=comment.strip(), action=action
        )
    audit.record(
        actor,
        f"inventory_{action}",
        inventory,
        {"status": [before, target]},
        programme=inventory.programme,
    )
    if action == "approve":
        compute_result(inventory)
        refresh_opportunities(inventory)
        _record_for_monitoring(actor, inventory)
    _notify_transition(inventory, action)
    return inventory


def _record_for_monitoring(actor, inventory: Inventory) -> None:
    """Each approval is kept as a version that the yearly monitoring compares."""
    from dekvep.plans.monitoring import record_approved_inventory

    record_approved_inventory(actor, inventory)


def _notify_transition(inventory: Inventory, action: str) -> None:
    url = f"/assessment/inventories/{inventory.pk}/"
    subjects = {
        "submit": lambda: _("Inventory submitted for review: %(name)s") % {"name": inventory},
        "return": lambda: (
            _("Your inventory was returned for changes: %(name)s") % {"name": inventory}
        ),
        "approve": lambda: (
            _("Your inventory was approved; the report is ready: %(name)s") % {"name": inventory}
        ),
        "reopen": lambda: (
            _("Your inventory was reopened for changes: %(name)s") % {"name": inventory}
        ),
    }
    recipients = _staff_to_notify(inventory) if action == "submit" else _firm_members(inventory)
    notify(recipients, subjects[action], url=url)


@transaction.atomic
def add_comment(actor, inventory: Inventory, body: str) -> InventoryComment:
    require(actor, "assessment.comment_inventory", inventory)
    if not body.strip():
        raise ValidationError({"body": _("Write a comment.")})
    comment = InventoryComment.objects.create(inventory=inventory, author=actor, body=body.strip())
    audit.record_created(actor, comment, programme=inventory.programme, fields=["body"])
    others = _firm_members(inventory) + _staff_to_notify(inventory)
    notify(
        [u for u in others if u.pk != actor.pk],
        lambda: _("New comment on the inventory %(name)s") % {"name": inventory},
        body.strip()[:500],
        f"/assessment/inventories/{inventory.pk}/",
    )
    return comment


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
    from dekvep.plans.services import create_action_from_opportunity

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


# Waste streams to the marketplace -------------------------------------------------------------


def create_offer_from_waste(actor, inventory: Inventory, index: int):
    """A draft marketplace offer from waste stream ``index`` of the inventory."""
    from dekvep.symbiosis.services import create_offer_from_waste_stream

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


# Reports moved to ``reporting``; their names stay reachable here for existing callers.
_MOVED_TO_REPORTING = {
    "issue_firm_report",
    "issue_programme_reports",
    "issue_sector_report",
    "peer_group_key",
    "peer_percentiles",
    "report_pdf",
    "sector_firm_count",
    "sector_inventories",
}


def __getattr__(name: str):
    if name in _MOVED_TO_REPORTING:
        from . import reporting  # reporting imports this module: resolved on first use

        return getattr(reporting, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
