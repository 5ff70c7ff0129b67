"""Inventories."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.jobs import start_job
from dekvep.core.models import Organisation, Participation, Programme, Site, User
from dekvep.core.permissions import require
from dekvep.core.queue import task
from dekvep.core.services import notify
from dekvep.plans.monitoring import record_approved_inventory

from .. import xlsx
from ..engine import InventoryError, factor_set_for, validate
from ..models import Inventory, InventoryComment
from .base import (
    TRANSITIONS,
    Status,
    UploadError,
    _firm_members,
)
from .opportunities import refresh_opportunities
from .validation import _base_data, _raise_for, _sector_of, compute_result, data_errors

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
