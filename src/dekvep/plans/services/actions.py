"""Action plans."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.formatting import format_date
from dekvep.core.models import Membership, Organisation
from dekvep.core.permissions import require
from dekvep.core.rules import (
    is_admin_of,
    is_assigned_staff_of,
    is_programme_staff,
    member_organisation_ids,
)
from dekvep.core.services import notify
from dekvep.core.uploads import validate_upload
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related
from dekvep.roadmaps.models import StrategicGoal, sector_title

from ..models import Action, ActionPlan, ProgressUpdate, Stream
from .base import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
)

# Action plans ------------------------------------------------------------------------------


def plan_for(programme, kind: str, sector: str = "", organisation=None, roadmap=None) -> ActionPlan:
    """The one plan of this kind for a sector (or firm); created on first use."""
    if kind == ActionPlan.Kind.FIRM:
        sector = ""
        title = _("Firm-level plan: %(firm)s") % {"firm": organisation.name}
    elif kind == ActionPlan.Kind.CLUSTER:
        title = _("Cluster follow-up: %(sector)s") % {"sector": sector_title(sector)}
    else:
        title = _("Sector action plan: %(sector)s") % {"sector": sector_title(sector)}
    plan, _created = ActionPlan.objects.get_or_create(
        programme=programme,
        kind=kind,
        sector=sector,
        organisation=organisation,
        defaults={"title": title, "roadmap": roadmap},
    )
    if roadmap is not None and plan.roadmap_id is None:
        plan.roadmap = roadmap
        plan.save(update_fields=["roadmap"])
    return plan


# What the action form on the page asks ...
ACTION_PLAN_FIELDS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "owner_organisation",
    "owner_person",
    "partners",
    "start_date",
    "due_date",
    "indicator",
    "target",
    "budget_try",
    "funding_source",
)
# ... and the expected saving, set when an action comes from an assessment's measure or a
# synergy, or through the API.
ACTION_SAVING_FIELDS = (
    "savings_try",
    "savings_energy_kwh",
    "savings_water_m3",
    "savings_material_t",
    "savings_tco2e",
    "saving_kind",
    "saving_quantity",
    "saving_unit",
    "stream",
)
ACTION_FIELDS = ACTION_PLAN_FIELDS + ACTION_SAVING_FIELDS


def _check_action(action: Action) -> None:
    if action.start_date and action.due_date and action.due_date < action.start_date:
        raise ValidationError(
            {
                "due_date": _("The due date (%(due)s) is before the start date (%(start)s).")
                % {"due": format_date(action.due_date), "start": format_date(action.start_date)}
            }
        )
    for name in ("budget_try", "savings_try", "savings_energy_kwh", "savings_water_m3"):
        value = getattr(action, name)
        if value is not None and value < 0:
            raise ValidationError({name: _("This amount cannot be negative.")})
    person = action.owner_person
    if person is not None and action.owner_organisation_id:
        staff_of_plan = action.plan.programme.staff_assignments.filter(user=person).exists()
        member = Membership.objects.filter(
            user=person, organisation_id=action.owner_organisation_id
        ).exists()
        if not (member or staff_of_plan):
            raise ValidationError(
                {"owner_person": _("The owner person must belong to the owner organisation.")}
            )


@transaction.atomic
def create_action(
    actor,
    plan: ActionPlan,
    *,
    origin: str = Action.Origin.OTHER,
    goal=None,
    source: tuple[str, str, str] | None = None,
    check=True,
    **fields,
) -> Action:
    if check:
        require(actor, "plans.add_action", plan)
    fields.setdefault("owner_organisation", plan.organisation)
    if fields["owner_organisation"] is None:
        raise ValidationError(
            {"owner_organisation": _("Choose the organisation that owns the action.")}
        )
    action = Action(plan=plan, origin=origin, goal=goal)
    if source:
        action.source_app, action.source_id, action.source_label = (str(s)[:300] for s in source)
    m2m = _set_fields(action, fields, ACTION_FIELDS)
    _check_action(action)
    _save(action)
    _set_related(action, m2m)
    audit.record_created(actor, action, programme=plan.programme)
    if action.owner_person_id and action.owner_person != actor:
        notify(
            [action.owner_person],
            lambda: _("A new action is yours: %(title)s") % {"title": action.title},
            "",
            reverse("plans:action", args=[action.pk]),
        )
    return action


@transaction.atomic
def update_action(actor, action: Action, **fields) -> Action:
    require(actor, "plans.change_action", action)
    status = fields.pop("status", None)
    before = audit.snapshot(action)
    m2m = _set_fields(action, fields, ACTION_FIELDS)
    _check_action(action)
    _save(action)
    _set_related(action, m2m)
    audit.record(
        actor,
        "updated",
        action,
        audit.diff(before, audit.snapshot(action)),
        programme=action.plan.programme,
    )
    if status and status != action.status:
        action = change_action_status(actor, action, status)
    return action


S = Action.Status
ACTION_TRANSITIONS = {
    S.PLANNED: {S.IN_PROGRESS, S.DONE, S.BLOCKED, S.DROPPED},
    S.IN_PROGRESS: {S.DONE, S.BLOCKED, S.DROPPED, S.PLANNED},
    S.BLOCKED: {S.IN_PROGRESS, S.PLANNED, S.DROPPED, S.DONE},
    S.DONE: {S.IN_PROGRESS},
    S.DROPPED: {S.PLANNED},
}


@transaction.atomic
def change_action_status(actor, action: Action, to: str, note: str = "") -> Action:
    """Planned, in progress, done, blocked, dropped; a blocked or dropped action needs a reason."""
    require(actor, "plans.change_action", action)
    action = Action.objects.select_for_update().select_related("plan__programme").get(pk=action.pk)
    if to not in ACTION_TRANSITIONS.get(action.status, set()):
        raise ValidationError(
            {
                "status": _("An action cannot go from “%(from)s” to “%(to)s”.")
                % {"from": action.get_status_display(), "to": to}
            }
        )
    if to in (S.BLOCKED, S.DROPPED) and not note.strip():
        raise ValidationError({"note": _("Say why the action is blocked or dropped.")})
    before = action.status
    action.status = to
    action.save(update_fields=["status", "updated_at"])
    audit.record(
        actor, f"status_{to}", action, {"status": [before, to]}, programme=action.plan.programme
    )
    if action.owner_person_id and action.owner_person != actor:
        notify(
            [action.owner_person],
            lambda: (
                _("Action %(title)s is now %(status)s")
                % {"title": action.title, "status": action.get_status_display()}
            ),
            note,
            reverse("plans:action", args=[action.pk]),
        )
    return action


@transaction.atomic
def add_progress_update(
    actor,
    action: Action,
    *,
    note: str,
    date: datetime.date | None = None,
    value: str = "",
    status: str = "",
    evidence=None,
):
    """A dated progress note with optional evidence (PDF, Office document or photo, up to 10 MB)."""
    require(actor, "plans.change_action", action)
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": _("A progress update cannot be dated in the future.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Describe the progress.")})
    if evidence is not None:
        try:
            validate_upload(evidence, allowed=EVIDENCE_TYPES, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
    update = ProgressUpdate(
        action=action,
        date=date,
        note=note.strip(),
        value=value,
        author=actor,
        status=status or "",
        evidence=evidence or "",
        evidence_size=evidence.size if evidence is not None else 0,
    )
    _save(update, exclude=["author", "evidence"])
    if status and status != action.status:
        change_action_status(actor, action, status, note)
    audit.record_created(actor, update, programme=action.plan.programme)
    return update


@dataclass(frozen=True)
class SourceRef:
    """Where a thing came from in another app: ``SourceRef("assessment", 42, "Opportunity …")``."""

    app: str
    id: str | int
    label: str = ""

    @classmethod
    def of(cls, value) -> SourceRef:
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls(value["app"], value["id"], value.get("label", ""))
        app, id_, *label = value
        return cls(app, id_, label[0] if label else "")

    def as_tuple(self) -> tuple[str, str, str]:
        return (self.app, str(self.id), self.label)


def _may_plan_for_firm(actor, organisation) -> bool:
    return bool(is_assigned_staff_of(actor, organisation) or is_admin_of(actor, organisation))


@transaction.atomic
def create_action_from_opportunity(
    actor,
    organisation: Organisation,
    title: str,
    description: str = "",
    *,
    savings_try=None,
    savings_energy_kwh=None,
    savings_water_m3=None,
    savings_material_t=None,
    savings_tco2e=None,
    investment_try=None,
    source_ref,
    programme=None,
    owner_person=None,
    due_date=None,
    promise: tuple[str, float | None, str] | None = None,
) -> Action:
    """Put an opportunity a firm accepted in its assessment into the firm-level plan.

    Called by the assessment app. ``source_ref`` is a ``SourceRef``, a tuple
    ``(app, id, label)`` or a dict ``{"app", "id", "label"}``; calling again with the same
    source returns the existing action unchanged. The actor must be the firm's administrator
    or the staff assigned to it (its analyst or the programme manager). ``promise`` is the
    measure's ``(kind, quantity, unit)``: the kind names the stream monitoring compares.
    """
    ref = SourceRef.of(source_ref)
    existing = Action.objects.filter(source_app=ref.app, source_id=str(ref.id)).first()
    if existing is not None:
        return existing
    if not _may_plan_for_firm(actor, organisation):
        raise PermissionDenied
    programme = programme or _programme_of(organisation)
    plan = plan_for(programme, ActionPlan.Kind.FIRM, organisation=organisation)
    return create_action(
        actor,
        plan,
        check=False,
        origin=Action.Origin.ASSESSMENT,
        source=ref.as_tuple(),
        title=title,
        description=description,
        owner_organisation=organisation,
        owner_person=owner_person,
        due_date=due_date,
        budget_try=investment_try,
        savings_try=savings_try,
        savings_energy_kwh=savings_energy_kwh,
        savings_water_m3=savings_water_m3,
        savings_material_t=savings_material_t,
        savings_tco2e=savings_tco2e,
        **_promise_fields(promise),
    )


def _promise_fields(promise) -> dict:
    """The measure's promised saving; a kind that is not a monitored stream carries no stream."""
    if not promise:
        return {}
    kind, quantity, unit = promise
    if kind not in Stream.values:
        return {}
    return {"saving_kind": kind, "saving_quantity": quantity, "saving_unit": unit, "stream": kind}


def _programme_of(organisation):
    participation = (
        organisation.participations.select_related("programme")
        .order_by("-programme__starts_on")
        .first()
    )
    if participation is None:
        raise ValidationError({"organisation": _("The firm takes part in no programme.")})
    return participation.programme


@transaction.atomic
def create_action_from_synergy(
    actor,
    organisation: Organisation,
    partners,
    title: str,
    description: str = "",
    *,
    source_ref,
    programme=None,
    savings_tco2e=None,
    savings_material_t=None,
    savings_try=None,
    due_date=None,
) -> Action:
    """Follow an agreed synergy as an action of the giving firm, with the other firm as partner.

    Called by the symbiosis app; idempotent by ``source_ref`` like
    ``create_action_from_opportunity``. The actor must be staff of the programme or a member of
    one of the firms.
    """
    ref = SourceRef.of(source_ref)
    existing = Action.objects.filter(source_app=ref.app, source_id=str(ref.id)).first()
    if existing is not None:
        return existing
    programme = programme or _programme_of(organisation)
    firms = {organisation.pk, *(p.pk for p in partners)}
    if actor is not None and not (
        is_programme_staff(actor, programme) or firms & member_organisation_ids(actor)
    ):
        raise PermissionDenied
    plan = plan_for(programme, ActionPlan.Kind.SECTOR, sector=organisation.sector or "")
    return create_action(
        actor,
        plan,
        check=False,
        origin=Action.Origin.SYNERGY,
        source=ref.as_tuple(),
        title=title,
        description=description,
        owner_organisation=organisation,
        partners=list(partners),
        due_date=due_date,
        savings_tco2e=savings_tco2e,
        savings_material_t=savings_material_t,
        savings_try=savings_try,
    )


@transaction.atomic
def create_action_from_goal(actor, goal: StrategicGoal, **fields) -> Action:
    roadmap = goal.version.roadmap
    plan = plan_for(
        roadmap.programme, ActionPlan.Kind.SECTOR, sector=roadmap.sector, roadmap=roadmap
    )
    fields.setdefault("indicator", goal.indicator)
    return create_action(actor, plan, origin=Action.Origin.ROADMAP_GOAL, goal=goal, **fields)
