"""Collaboration register."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core import audit, states
from dekvep.core.permissions import require
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields

from ..models import CollaborationOpportunity

# Collaboration register --------------------------------------------------------------------

OS = CollaborationOpportunity.Status
OPPORTUNITY_ORDER = [OS.IDENTIFIED, OS.IN_DISCUSSION, OS.AGREED, OS.IN_PROGRESS, OS.REALISED]


def _allowed_opportunity_move(before: str, to: str) -> bool:
    if before == to:
        return True
    if before == OS.REALISED:
        return False
    if to == OS.DROPPED:
        return True
    if before == OS.DROPPED:
        return to in (OS.IDENTIFIED, OS.IN_DISCUSSION)
    return OPPORTUNITY_ORDER.index(to) > OPPORTUNITY_ORDER.index(before)


def _check_opportunity_actor(actor, programme) -> None:
    """``None`` is a call from another app's service, which has checked its own permission."""
    if actor is not None:
        require(actor, "plans.change_opportunity", programme)


@transaction.atomic
def change_opportunity_status(
    actor, opportunity: CollaborationOpportunity, to: str, next_step: str | None = None
) -> CollaborationOpportunity:
    """Identified → in discussion → agreed → in progress → realised; dropped unless realised."""
    _check_opportunity_actor(actor, opportunity.programme)
    if to not in OS.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": to}})
    before = states.lock_row(opportunity, "status", "next_step").status
    if before == to and next_step in (None, opportunity.next_step):
        return opportunity  # already there: a repeated request writes nothing
    if not _allowed_opportunity_move(before, to):
        raise ValidationError(
            {
                "status": _("An opportunity cannot go from “%(from)s” to “%(to)s”.")
                % {"from": opportunity.get_status_display(), "to": OS(to).label}
            }
        )
    opportunity.status = to
    changes = {"status": [before, to]}
    if next_step is not None:
        changes["next_step"] = [opportunity.next_step, next_step]
        opportunity.next_step = next_step[:300]
    _save(opportunity)
    if before != to:
        audit.record(
            actor,
            f"status_{to}",
            opportunity,
            audit.diff(
                {k: v[0] for k, v in changes.items()}, {k: v[1] for k, v in changes.items()}
            ),
            programme=opportunity.programme,
        )
    return opportunity


OPPORTUNITY_FIELDS = {"title", "type", "sector", "source_label", "next_step", "expected_impact"}


@transaction.atomic
def register_opportunity(
    actor,
    *,
    programme,
    type: str,
    title: str,
    parties,
    source_app: str,
    source_id,
    source_label: str = "",
    status: str = OS.IDENTIFIED,
    next_step: str = "",
    expected_impact: str = "",
    sector: str = "",
    identified_at=None,
) -> CollaborationOpportunity:
    """Add a collaboration opportunity to the register, or bring the registered one up to date.

    ``identified_at`` dates a new entry by the event it came from (the workshop, the meeting,
    the pitch day) rather than the moment it is written down.

    Idempotent by ``(source_app, source_id)``: a second call updates title, parties, label, next
    step and impact and moves the status forward (through ``change_opportunity_status``; a
    status behind the register's is ignored). ``actor`` is
    the user (programme staff) or ``None`` when called from another app's service.
    """
    _check_opportunity_actor(actor, programme)
    if type not in CollaborationOpportunity.Type.values:
        raise ValidationError({"type": _("Unknown opportunity type “%(type)s”.") % {"type": type}})
    parties = list(parties)
    if not parties:
        raise ValidationError({"parties": _("Name at least one party.")})
    values = {
        "title": title.strip()[:200],
        "type": type,
        "sector": sector,
        "source_label": source_label[:300],
        "next_step": next_step[:300],
        "expected_impact": expected_impact[:300],
    }
    opportunity = _write_entry(
        actor, programme, (source_app, str(source_id)), values, parties, identified_at
    )
    # A source registering again never moves the register backwards (staff may be ahead of it).
    if status != opportunity.status and _allowed_opportunity_move(opportunity.status, status):
        change_opportunity_status(actor, opportunity, status)
    return opportunity


def _write_entry(actor, programme, source, values, parties, identified_at):
    """The register's entry for ``source`` created, or brought up to ``values`` (audited)."""
    source_app, source_id = source
    opportunity = (
        CollaborationOpportunity.objects.select_for_update()
        .filter(source_app=source_app, source_id=source_id)
        .first()
    )
    if opportunity is None:
        opportunity = _save(
            CollaborationOpportunity(
                programme=programme,
                source_app=source_app,
                source_id=source_id,
                status=OS.IDENTIFIED,
                **({"created_at": identified_at} if identified_at else {}),
                **values,
            )
        )
        opportunity.parties.set(parties)
        audit.record_created(actor, opportunity, programme=programme)
        return opportunity
    before = audit.snapshot(opportunity, sorted(OPPORTUNITY_FIELDS))
    for name, value in values.items():
        setattr(opportunity, name, value)
    changes = audit.diff(before, audit.snapshot(opportunity, sorted(OPPORTUNITY_FIELDS)))
    if changes:  # registering the same facts again is not a change
        _save(opportunity)
        audit.record(actor, "updated", opportunity, changes, programme=programme)
    opportunity.parties.set(parties)
    return opportunity


@transaction.atomic
def update_opportunity(actor, opportunity, **fields) -> CollaborationOpportunity:
    """Change an opportunity, given as the object or as ``(source_app, source_id)``.

    Fields: title, type, sector, source_label, next_step, expected_impact, status, parties.
    """
    if not isinstance(opportunity, CollaborationOpportunity):
        source_app, source_id = opportunity
        opportunity = CollaborationOpportunity.objects.filter(
            source_app=source_app, source_id=str(source_id)
        ).first()
        if opportunity is None:
            raise ValidationError(
                {
                    "source_id": _("No opportunity is registered from %(app)s #%(id)s.")
                    % {"app": source_app, "id": source_id}
                }
            )
    _check_opportunity_actor(actor, opportunity.programme)
    status = fields.pop("status", None)
    parties = fields.pop("parties", None)
    before = audit.snapshot(opportunity, sorted(OPPORTUNITY_FIELDS))
    _set_fields(opportunity, fields, OPPORTUNITY_FIELDS)
    _save(opportunity)
    if parties is not None:
        if not parties:
            raise ValidationError({"parties": _("Name at least one party.")})
        opportunity.parties.set(parties)
    changes = audit.diff(before, audit.snapshot(opportunity, sorted(OPPORTUNITY_FIELDS)))
    if changes:
        audit.record(actor, "updated", opportunity, changes, programme=opportunity.programme)
    if status and status != opportunity.status:
        opportunity = change_opportunity_status(actor, opportunity, status)
    return opportunity
