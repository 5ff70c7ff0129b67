"""Every change to action plans, actions, their progress and the collaboration register.

Each function checks the actor's permission, validates (errors name the field), saves inside a
transaction, writes the audit log and queues notifications. Actions and collaboration
opportunities each change state through one function: ``change_action_status`` and
``change_opportunity_status``.

Other apps call ``create_action_from_opportunity`` (assessment), ``create_action_from_synergy``,
``register_opportunity`` and ``update_opportunity`` (symbiosis, calls), and ``plan_for`` /
``create_action`` (roadmaps: goals and cluster needs become actions).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core import audit, states
from dekvep.core.formatting import format_date
from dekvep.core.models import Organisation, User
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.uploads import DOCUMENTS, validate_upload
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related
from dekvep.roadmaps.models import StrategicGoal, sector_title

from .models import Action, ActionPlan, CollaborationOpportunity, Stream
from .selectors import opportunity_counts  # noqa: F401  (re-exported)

EVIDENCE_TYPES = DOCUMENTS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 8 * 1024 * 1024


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


ACTION_FIELDS = {
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
    "savings_try",
    "savings_energy_kwh",
    "savings_water_m3",
    "savings_material_t",
    "savings_tco2e",
    "saving_kind",
    "saving_quantity",
    "saving_unit",
    "stream",
}


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
        from dekvep.core.models import Membership

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
    from .models import ProgressUpdate

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
    from dekvep.core.rules import is_admin_of, is_assigned_staff_of

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
    from dekvep.core.rules import is_programme_staff, member_organisation_ids

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
    opportunity = (
        CollaborationOpportunity.objects.select_for_update()
        .filter(source_app=source_app, source_id=str(source_id))
        .first()
    )
    values = {
        "title": title.strip()[:200],
        "type": type,
        "sector": sector,
        "source_label": source_label[:300],
        "next_step": next_step[:300],
        "expected_impact": expected_impact[:300],
    }
    if opportunity is None:
        opportunity = _save(
            CollaborationOpportunity(
                programme=programme,
                source_app=source_app,
                source_id=str(source_id),
                status=OS.IDENTIFIED,
                **({"created_at": identified_at} if identified_at else {}),
                **values,
            )
        )
        opportunity.parties.set(parties)
        audit.record_created(actor, opportunity, programme=programme)
    else:
        before = audit.snapshot(opportunity, sorted(OPPORTUNITY_FIELDS))
        for name, value in values.items():
            setattr(opportunity, name, value)
        changes = audit.diff(before, audit.snapshot(opportunity, sorted(OPPORTUNITY_FIELDS)))
        if changes:  # registering the same facts again is not a change
            _save(opportunity)
            audit.record(actor, "updated", opportunity, changes, programme=programme)
        opportunity.parties.set(parties)
    # A source registering again never moves the register backwards (staff may be ahead of it).
    if status != opportunity.status and _allowed_opportunity_move(opportunity.status, status):
        change_opportunity_status(actor, opportunity, status)
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


# Reminders ---------------------------------------------------------------------------------


def _reminder_recipients(action: Action):
    if action.owner_person_id:
        return [action.owner_person]
    return list(
        User.objects.filter(
            memberships__organisation=action.owner_organisation,
            memberships__role="admin",
            is_active=True,
        )
    )


def send_action_reminders(today: datetime.date | None = None, days_before: int = 7) -> dict:
    """Remind owners of open actions due within ``days_before`` days, and weekly of overdue ones."""
    today = today or timezone.localdate()
    open_statuses = [S.PLANNED, S.IN_PROGRESS, S.BLOCKED]
    actions = Action.objects.filter(
        status__in=open_statuses, due_date__isnull=False
    ).select_related("owner_person", "owner_organisation")
    sent = {"due_soon": 0, "overdue": 0}
    for action in actions:
        url = reverse("plans:action", args=[action.pk])
        days = (action.due_date - today).days
        window_start = action.due_date - datetime.timedelta(days=days_before)
        if 0 <= days <= days_before and (
            action.last_reminded_on is None or action.last_reminded_on < window_start
        ):

            def subject(days=days, action=action):
                return ngettext(
                    "Action due in %(days)s day: %(title)s",
                    "Action due in %(days)s days: %(title)s",
                    days,
                ) % {"days": days, "title": action.title}

            kind = "due_soon"
        elif days < 0 and (
            action.last_reminded_on is None
            or action.last_reminded_on <= action.due_date
            or (today - action.last_reminded_on).days >= 7
        ):

            def subject(action=action):
                return _("Action overdue since %(date)s: %(title)s") % {
                    "date": format_date(action.due_date),
                    "title": action.title,
                }

            kind = "overdue"
        else:
            continue
        with transaction.atomic():
            notify(_reminder_recipients(action), subject, action.description[:500], url)
            Action.objects.filter(pk=action.pk).update(last_reminded_on=today)
        sent[kind] += 1
    return sent
