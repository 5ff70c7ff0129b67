"""Every change to workshops, roadmaps, actions, cluster meetings and the collaboration register.

Each function checks the actor's permission, validates (errors name the field), saves inside a
transaction, writes the audit log and queues notifications. The state machines — workshop
voting, roadmap versions, actions, collaboration opportunities — each change state through one
function: ``change_voting``, ``change_version_status``, ``change_action_status`` and
``change_opportunity_status``.

Other apps call ``create_action_from_opportunity`` (assessment), ``create_action_from_synergy``,
``register_opportunity`` and ``update_opportunity`` (symbiosis, calls).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core import audit
from dekvep.core.formatting import format_date
from dekvep.core.models import Organisation, User
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.uploads import DOCUMENTS, IMAGES, validate_upload

from . import instruments
from .models import (
    Action,
    ActionPlan,
    Barrier,
    ClusterMeeting,
    ClusterNeed,
    CollaborationOpportunity,
    Roadmap,
    RoadmapComment,
    RoadmapMeasure,
    RoadmapVersion,
    StrategicGoal,
    Vote,
    VoteItem,
    Workshop,
    WorkshopFile,
)
from .selectors import opportunity_counts, workshop_attendance  # noqa: F401  (re-exported)

EVIDENCE_TYPES = DOCUMENTS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 8 * 1024 * 1024


def _save(obj, exclude=None):
    obj.full_clean(exclude=exclude)
    obj.save()
    return obj


def _check_sector(programme, sector: str, field: str = "sector") -> None:
    if sector not in (programme.priority_sectors or []):
        raise ValidationError(
            {
                field: _("“%(sector)s” is not a priority sector of this programme.")
                % {"sector": sector}
            }
        )


def _set_fields(obj, fields: dict, allowed: set[str]) -> dict:
    """Set plain fields; return the many-to-many values to set after saving."""
    m2m = {}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be changed here.")})
        if obj._meta.get_field(name).many_to_many:
            m2m[name] = value
        else:
            setattr(obj, name, value)
    return m2m


def _sector_users(programme, sector):
    return User.objects.filter(
        memberships__organisation__participations__programme=programme,
        memberships__organisation__participations__sector=sector,
        is_active=True,
    ).distinct()


# Workshops ---------------------------------------------------------------------------------

WORKSHOP_FIELDS = {
    "sector",
    "session_number",
    "kind",
    "title",
    "starts_at",
    "duration_hours",
    "place",
    "online_link",
    "agenda",
    "notes",
    "vote_allowance",
    "facilitators",
    "invited_people",
    "invited_organisations",
}


@transaction.atomic
def create_workshop(actor, programme, **fields) -> Workshop:
    require(actor, "roadmaps.add_workshop", programme)
    _check_sector(programme, fields.get("sector", ""))
    workshop = Workshop(programme=programme)
    m2m = _set_fields(workshop, fields, WORKSHOP_FIELDS)
    _check_place(workshop)
    _save(workshop)
    for name, values in m2m.items():
        getattr(workshop, name).set(values)
    if not workshop.facilitators.exists():
        workshop.facilitators.add(actor)
    audit.record_created(actor, workshop, programme=programme)
    return workshop


def _check_place(workshop):
    if not workshop.place and not workshop.online_link:
        raise ValidationError({"place": _("Give a place or an online link.")})


@transaction.atomic
def update_workshop(actor, workshop: Workshop, **fields) -> Workshop:
    require(actor, "roadmaps.change_workshop", workshop)
    if "sector" in fields:
        _check_sector(workshop.programme, fields["sector"])
    if "vote_allowance" in fields and workshop.voting != Workshop.Voting.NOT_STARTED:
        if fields["vote_allowance"] != workshop.vote_allowance:
            raise ValidationError(
                {"vote_allowance": _("The vote allowance cannot change once voting has started.")}
            )
    before = audit.snapshot(workshop)
    m2m = _set_fields(workshop, fields, WORKSHOP_FIELDS)
    _check_place(workshop)
    _save(workshop)
    for name, values in m2m.items():
        getattr(workshop, name).set(values)
    audit.record(
        actor,
        "updated",
        workshop,
        audit.diff(before, audit.snapshot(workshop)),
        programme=workshop.programme,
    )
    return workshop


@transaction.atomic
def record_attendance(actor, workshop: Workshop, people=(), organisations=()) -> Workshop:
    """Set who attended; attendance counts toward ambassadors' training and programme figures."""
    require(actor, "roadmaps.change_workshop", workshop)
    if workshop.starts_at > timezone.now():
        raise ValidationError(
            {"attending_people": _("Attendance is recorded after the workshop starts.")}
        )
    before = {
        "attending_people": sorted(workshop.attending_people.values_list("pk", flat=True)),
        "attending_organisations": sorted(
            workshop.attending_organisations.values_list("pk", flat=True)
        ),
    }
    workshop.attending_people.set(people)
    workshop.attending_organisations.set(organisations)
    after = {
        "attending_people": sorted(p.pk for p in people),
        "attending_organisations": sorted(o.pk for o in organisations),
    }
    audit.record(
        actor,
        "attendance_recorded",
        workshop,
        audit.diff(before, after),
        programme=workshop.programme,
    )
    return workshop


@transaction.atomic
def add_workshop_file(
    actor, workshop: Workshop, upload, kind: str, title: str = ""
) -> WorkshopFile:
    require(actor, "roadmaps.change_workshop", workshop)
    if kind not in WorkshopFile.Kind.values:
        raise ValidationError({"kind": _("Choose document or photo.")})
    try:
        if kind == WorkshopFile.Kind.PHOTO:
            validate_upload(upload, allowed=IMAGES, max_bytes=PHOTO_MAX_BYTES)
        else:
            validate_upload(upload, allowed=DOCUMENTS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    item = WorkshopFile(
        workshop=workshop,
        kind=kind,
        title=(title or upload.name)[:200],
        file=upload,
        size=upload.size,
        uploaded_by=actor,
    )
    _save(item, exclude=["uploaded_by"])
    audit.record_created(actor, item, programme=workshop.programme)
    return item


@transaction.atomic
def add_vote_item(
    actor, workshop: Workshop, title: str, kind: str = "action", description=""
) -> VoteItem:
    require(actor, "roadmaps.change_workshop", workshop)
    workshop = Workshop.objects.get(pk=workshop.pk)
    if workshop.voting == Workshop.Voting.CLOSED:
        raise ValidationError({"title": _("Voting is closed; no proposals can be added.")})
    order = (workshop.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = _save(
        VoteItem(
            workshop=workshop, title=title.strip(), kind=kind, description=description, order=order
        )
    )
    audit.record_created(actor, item, programme=workshop.programme)
    return item


VOTING_TRANSITIONS = {
    Workshop.Voting.NOT_STARTED: {Workshop.Voting.OPEN},
    Workshop.Voting.OPEN: {Workshop.Voting.CLOSED},
    Workshop.Voting.CLOSED: set(),
}


@transaction.atomic
def change_voting(actor, workshop: Workshop, to: str) -> Workshop:
    """Open or close the prioritisation vote; closing stores the ranked outcome."""
    require(actor, "roadmaps.change_workshop", workshop)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if to not in VOTING_TRANSITIONS.get(workshop.voting, set()):
        raise ValidationError(
            {
                "voting": _("Voting cannot go from “%(from)s” to “%(to)s”.")
                % {"from": workshop.get_voting_display(), "to": to}
            }
        )
    if to == Workshop.Voting.OPEN and not workshop.items.exists():
        raise ValidationError({"voting": _("Add at least one proposal before opening the vote.")})
    before = workshop.voting
    workshop.voting = to
    if to == Workshop.Voting.CLOSED:
        from .selectors import vote_results

        workshop.voting_closed_at = timezone.now()
        workshop.outcome = [
            {
                "rank": r["rank"],
                "item": r["id"],
                "title": r["title"],
                "votes": r["votes"],
                "voters": r["voters"],
            }
            for r in vote_results(workshop)
        ]
    workshop.save()
    audit.record(
        actor, f"voting_{to}", workshop, {"voting": [before, to]}, programme=workshop.programme
    )
    if to == Workshop.Voting.OPEN:
        url = reverse("roadmaps:vote", args=[workshop.pk])
        notify(
            _workshop_people(workshop),
            lambda: _("Voting is open: %(title)s") % {"title": workshop.title},
            lambda: (
                ngettext(
                    "You have %(n)s vote to spread over the proposals.",
                    "You have %(n)s votes to spread over the proposals.",
                    workshop.vote_allowance,
                )
                % {"n": workshop.vote_allowance}
            ),
            url,
        )
    return workshop


def _workshop_people(workshop):
    people = set(workshop.invited_people.all()) | set(workshop.attending_people.all())
    return [p for p in people if p.is_active]


@transaction.atomic
def cast_votes(actor, workshop: Workshop, allocation: dict[int, int]) -> dict[int, int]:
    """Replace the actor's votes with ``{item id: votes}``, within the allowance."""
    require(actor, "roadmaps.vote", workshop)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.voting != Workshop.Voting.OPEN:
        raise ValidationError({"votes": _("Voting is not open.")})
    items = {item.pk: item for item in workshop.items.all()}
    clean = {}
    for item_id, count in allocation.items():
        if int(item_id) not in items:
            raise ValidationError(
                {"votes": _("Proposal %(id)s is not part of this vote.") % {"id": item_id}}
            )
        if int(count) < 0:
            raise ValidationError({f"item_{item_id}": _("Votes cannot be negative.")})
        clean[int(item_id)] = int(count)
    total = sum(clean.values())
    if total > workshop.vote_allowance:
        raise ValidationError(
            {
                "votes": _("You gave %(total)s votes; each participant has %(allowance)s.")
                % {"total": total, "allowance": workshop.vote_allowance}
            }
        )
    Vote.objects.filter(item__workshop=workshop, voter=actor).delete()
    Vote.objects.bulk_create(
        Vote(item=items[item_id], voter=actor, count=count)
        for item_id, count in clean.items()
        if count
    )
    audit.record(
        actor,
        "voted",
        workshop,
        {"votes": [None, {str(k): v for k, v in clean.items() if v}]},
        programme=workshop.programme,
    )
    return clean


# Sector roadmaps ---------------------------------------------------------------------------


@transaction.atomic
def create_roadmap(actor, programme, sector: str, title: str, vision: str = "") -> RoadmapVersion:
    require(actor, "roadmaps.add_roadmap", programme)
    _check_sector(programme, sector)
    if Roadmap.objects.filter(programme=programme, sector=sector).exists():
        raise ValidationError(
            {"sector": _("This sector already has a roadmap; start a new version of it.")}
        )
    roadmap = _save(Roadmap(programme=programme, sector=sector, title=title.strip()))
    version = _save(
        RoadmapVersion(roadmap=roadmap, number=1, vision=vision, created_by=actor),
        exclude=["created_by"],
    )
    audit.record_created(actor, roadmap, programme=programme)
    return version


def _editable(version: RoadmapVersion) -> None:
    """Refuse a change to a published version (its status read from the database)."""
    published = RoadmapVersion.objects.filter(pk=version.pk, status=RoadmapVersion.Status.PUBLISHED)
    if published.exists():
        raise ValidationError(
            {
                "version": _(
                    "Version %(n)s is published and is never edited; "
                    "start a new version to change it."
                )
                % {"n": version.number}
            }
        )


@transaction.atomic
def start_new_version(actor, roadmap: Roadmap) -> RoadmapVersion:
    """A new draft copying the latest version; an unpublished newer version is returned as is."""
    require(actor, "roadmaps.change_roadmap", roadmap)
    latest = roadmap.versions.select_for_update().order_by("-number").first()
    if latest is not None and not latest.is_published:
        return latest
    version = _save(
        RoadmapVersion(
            roadmap=roadmap,
            number=(latest.number + 1) if latest else 1,
            created_by=actor,
            vision=latest.vision if latest else "",
            summary=latest.summary if latest else "",
            based_on=latest,
        ),
        exclude=["created_by"],
    )
    if latest is not None:
        _copy_content(latest, version)
    audit.record(
        actor,
        "version_started",
        version,
        {"number": [None, version.number]},
        programme=roadmap.programme,
    )
    return version


def _copy_content(source: RoadmapVersion, target: RoadmapVersion) -> None:
    goals, barriers = {}, {}
    for goal in source.goals.all():
        old = goal.pk
        goal.pk, goal.version = None, target
        goal.save()
        goals[old] = goal
    for barrier in source.barriers.all():
        old = barrier.pk
        barrier.pk, barrier.version = None, target
        barrier.save()
        barriers[old] = barrier
    for measure in source.measures.prefetch_related("barriers"):
        answered = [barriers[b.pk] for b in measure.barriers.all()]
        measure.pk, measure.version = None, target
        measure.goal = goals.get(measure.goal_id)
        measure.save()
        measure.barriers.set(answered)


VERSION_FIELDS = {"vision", "summary", "consultation_until"}


@transaction.atomic
def update_version(actor, version: RoadmapVersion, **fields) -> RoadmapVersion:
    """Change a version's text. A published version stays as it is: the change goes into a new
    version (copied from it), which is returned."""
    require(actor, "roadmaps.change_roadmap", version)
    version = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        version = start_new_version(actor, version.roadmap)
    before = audit.snapshot(version, sorted(VERSION_FIELDS))
    _set_fields(version, fields, VERSION_FIELDS)
    _save(version, exclude=["created_by"])
    audit.record(
        actor,
        "updated",
        version,
        audit.diff(before, audit.snapshot(version, sorted(VERSION_FIELDS))),
        programme=version.roadmap.programme,
    )
    return version


VERSION_TRANSITIONS = {
    RoadmapVersion.Status.DRAFT: {RoadmapVersion.Status.CONSULTATION},
    RoadmapVersion.Status.CONSULTATION: {
        RoadmapVersion.Status.PUBLISHED,
        RoadmapVersion.Status.DRAFT,
    },
    RoadmapVersion.Status.PUBLISHED: set(),
}


@transaction.atomic
def change_version_status(actor, version: RoadmapVersion, to: str) -> RoadmapVersion:
    """Draft → consultation → published (or back to draft from consultation)."""
    require(actor, "roadmaps.change_roadmap", version)
    version = (
        RoadmapVersion.objects.select_for_update()
        .select_related("roadmap__programme")
        .get(pk=version.pk)
    )
    if to not in VERSION_TRANSITIONS[version.status]:
        raise ValidationError(
            {
                "status": _("A version cannot go from “%(from)s” to “%(to)s”.")
                % {"from": version.get_status_display(), "to": to}
            }
        )
    if to in (RoadmapVersion.Status.CONSULTATION, RoadmapVersion.Status.PUBLISHED):
        if not version.vision.strip():
            raise ValidationError({"vision": _("Write the vision before sharing the roadmap.")})
        if not version.goals.exists():
            raise ValidationError(
                {"goals": _("Add at least one strategic goal before sharing the roadmap.")}
            )
    before = version.status
    version.status = to
    if to == RoadmapVersion.Status.PUBLISHED:
        version.published_at = timezone.now()
    version.save()
    roadmap = version.roadmap
    audit.record(
        actor, f"status_{to}", version, {"status": [before, to]}, programme=roadmap.programme
    )
    url = reverse("roadmaps:version", args=[version.pk])
    if to == RoadmapVersion.Status.CONSULTATION:
        notify(
            _sector_users(roadmap.programme, roadmap.sector),
            lambda: _("Your comments are invited: %(title)s") % {"title": roadmap.title},
            lambda: (
                _("Version %(n)s of the sector roadmap is open for comments.")
                % {"n": version.number}
            ),
            url,
        )
    elif to == RoadmapVersion.Status.PUBLISHED:
        notify(
            _sector_users(roadmap.programme, roadmap.sector),
            lambda: _("Roadmap published: %(title)s") % {"title": roadmap.title},
            lambda: _("Version %(n)s of the sector roadmap is published.") % {"n": version.number},
            url,
        )
    return version


GOAL_FIELDS = (
    "title",
    "description",
    "indicator",
    "unit",
    "baseline",
    "baseline_year",
    "target_value",
    "target_year",
)


@transaction.atomic
def add_goal(actor, version: RoadmapVersion, **fields) -> StrategicGoal:
    require(actor, "roadmaps.change_roadmap", version)
    _editable(version)
    _check_years(fields)
    order = (version.goals.aggregate(m=Max("order"))["m"] or 0) + 1
    goal = _save(StrategicGoal(version=version, order=order, **fields))
    audit.record_created(actor, goal, programme=version.roadmap.programme)
    return goal


def _check_years(fields):
    baseline, target = fields.get("baseline_year"), fields.get("target_year")
    if baseline and target and target < baseline:
        raise ValidationError({"target_year": _("The target year is before the baseline year.")})


@transaction.atomic
def update_goal(actor, goal: StrategicGoal, **fields) -> StrategicGoal:
    require(actor, "roadmaps.change_roadmap", goal.version)
    _editable(goal.version)
    before = audit.snapshot(goal)
    _set_fields(goal, fields, set(GOAL_FIELDS))
    _check_years({"baseline_year": goal.baseline_year, "target_year": goal.target_year})
    _save(goal)
    audit.record(
        actor,
        "updated",
        goal,
        audit.diff(before, audit.snapshot(goal)),
        programme=goal.version.roadmap.programme,
    )
    return goal


@transaction.atomic
def add_barrier(actor, version: RoadmapVersion, title: str, description: str = "") -> Barrier:
    require(actor, "roadmaps.change_roadmap", version)
    _editable(version)
    barrier = _save(Barrier(version=version, title=title.strip(), description=description))
    audit.record_created(actor, barrier, programme=version.roadmap.programme)
    return barrier


@transaction.atomic
def add_measure(
    actor,
    version: RoadmapVersion,
    title: str,
    goal=None,
    barriers=(),
    description: str = "",
    timeframe: str = "",
) -> RoadmapMeasure:
    require(actor, "roadmaps.change_roadmap", version)
    _editable(version)
    if goal is not None and goal.version_id != version.pk:
        raise ValidationError({"goal": _("The goal belongs to another version.")})
    if any(b.version_id != version.pk for b in barriers):
        raise ValidationError({"barriers": _("A barrier belongs to another version.")})
    measure = _save(
        RoadmapMeasure(
            version=version,
            title=title.strip(),
            goal=goal,
            description=description,
            timeframe=timeframe,
        )
    )
    measure.barriers.set(barriers)
    audit.record_created(actor, measure, programme=version.roadmap.programme)
    return measure


@transaction.atomic
def remove_roadmap_item(actor, item) -> None:
    """Delete a goal, barrier or action of an unpublished version."""
    require(actor, "roadmaps.change_roadmap", item.version)
    _editable(item.version)
    audit.record_deleted(actor, item, programme=item.version.roadmap.programme)
    item.delete()


@transaction.atomic
def comment_on_roadmap(actor, version: RoadmapVersion, text: str, goal=None) -> RoadmapComment:
    require(actor, "roadmaps.comment_roadmap", version)
    version = RoadmapVersion.objects.select_related("roadmap").get(pk=version.pk)
    if version.status != RoadmapVersion.Status.CONSULTATION:
        raise ValidationError(
            {"text": _("Comments are taken only while the roadmap is in consultation.")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    if goal is not None and goal.version_id != version.pk:
        raise ValidationError({"goal": _("The goal belongs to another version.")})
    organisation = _commenting_firm(actor, version)
    comment = _save(
        RoadmapComment(
            version=version, author=actor, organisation=organisation, goal=goal, text=text.strip()
        ),
        exclude=["author", "organisation"],
    )
    audit.record_created(actor, comment, programme=version.roadmap.programme)
    return comment


def _commenting_firm(actor, version):
    from dekvep.core.models import Participation

    participation = (
        Participation.objects.filter(
            programme_id=version.roadmap.programme_id,
            sector=version.roadmap.sector,
            organisation__memberships__user=actor,
        )
        .select_related("organisation")
        .first()
    )
    return participation.organisation if participation else None


# Action plans ------------------------------------------------------------------------------


def plan_for(programme, kind: str, sector: str = "", organisation=None, roadmap=None) -> ActionPlan:
    """The one plan of this kind for a sector (or firm); created on first use."""
    if kind == ActionPlan.Kind.FIRM:
        sector = ""
        title = _("Firm-level plan: %(firm)s") % {"firm": organisation.name}
    elif kind == ActionPlan.Kind.CLUSTER:
        from .models import sector_title

        title = _("Cluster follow-up: %(sector)s") % {"sector": sector_title(sector)}
    else:
        from .models import sector_title

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
        require(actor, "roadmaps.add_action", plan)
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
    for name, values in m2m.items():
        getattr(action, name).set(values)
    audit.record_created(actor, action, programme=plan.programme)
    if action.owner_person_id and action.owner_person != actor:
        notify(
            [action.owner_person],
            lambda: _("A new action is yours: %(title)s") % {"title": action.title},
            "",
            reverse("roadmaps:action", args=[action.pk]),
        )
    return action


@transaction.atomic
def update_action(actor, action: Action, **fields) -> Action:
    require(actor, "roadmaps.change_action", action)
    status = fields.pop("status", None)
    before = audit.snapshot(action)
    m2m = _set_fields(action, fields, ACTION_FIELDS)
    _check_action(action)
    _save(action)
    for name, values in m2m.items():
        getattr(action, name).set(values)
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
    require(actor, "roadmaps.change_action", action)
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
            reverse("roadmaps:action", args=[action.pk]),
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

    require(actor, "roadmaps.change_action", action)
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
) -> Action:
    """Put an opportunity a firm accepted in its assessment into the firm-level plan.

    Called by the assessment app. ``source_ref`` is a ``SourceRef``, a tuple
    ``(app, id, label)`` or a dict ``{"app", "id", "label"}``; calling again with the same
    source returns the existing action unchanged. The actor must be the firm's administrator
    or the staff assigned to it (its analyst or the programme manager).
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
    )


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


# Cluster meetings --------------------------------------------------------------------------

MEETING_FIELDS = {
    "sector",
    "number",
    "title",
    "starts_at",
    "place",
    "agenda",
    "notes",
    "facilitators",
    "participants",
    "participant_people",
}


@transaction.atomic
def create_cluster_meeting(actor, programme, **fields) -> ClusterMeeting:
    require(actor, "roadmaps.add_cluster_meeting", programme)
    _check_sector(programme, fields.get("sector", ""))
    meeting = ClusterMeeting(programme=programme)
    m2m = _set_fields(meeting, fields, MEETING_FIELDS)
    _save(meeting)
    for name, values in m2m.items():
        getattr(meeting, name).set(values)
    if not meeting.facilitators.exists():
        meeting.facilitators.add(actor)
    audit.record_created(actor, meeting, programme=programme)
    return meeting


@transaction.atomic
def update_cluster_meeting(actor, meeting: ClusterMeeting, **fields) -> ClusterMeeting:
    require(actor, "roadmaps.change_cluster_meeting", meeting)
    if "sector" in fields:
        _check_sector(meeting.programme, fields["sector"])
    before = audit.snapshot(meeting)
    m2m = _set_fields(meeting, fields, MEETING_FIELDS)
    _save(meeting)
    for name, values in m2m.items():
        getattr(meeting, name).set(values)
    audit.record(
        actor,
        "updated",
        meeting,
        audit.diff(before, audit.snapshot(meeting)),
        programme=meeting.programme,
    )
    return meeting


@transaction.atomic
def record_need(
    actor, meeting: ClusterMeeting, type: str, title: str, description: str = "", organisations=()
) -> ClusterNeed:
    """A need raised at the meeting, with the support instruments that fund its type."""
    require(actor, "roadmaps.change_cluster_meeting", meeting)
    if type not in ClusterNeed.Type.values:
        raise ValidationError({"type": _("Choose the type of need.")})
    need = ClusterNeed(
        meeting=meeting,
        type=type,
        title=title.strip(),
        description=description,
        instruments=[i.key for i in instruments.for_need_type(type)],
    )
    _save(need)
    need.organisations.set(organisations)
    audit.record_created(actor, need, programme=meeting.programme)
    return need


@transaction.atomic
def create_follow_up(
    actor,
    need: ClusterNeed,
    owner_organisation,
    *,
    title: str = "",
    owner_person=None,
    start_date=None,
    due_date=None,
    funding_source: str = "",
    partners=(),
) -> Action:
    """Turn a cluster need into a follow-up action of the sector's cluster plan."""
    meeting = need.meeting
    require(actor, "roadmaps.change_cluster_meeting", meeting)
    if need.follow_up_id:
        raise ValidationError({"need": _("This need already has a follow-up action.")})
    plan = plan_for(meeting.programme, ActionPlan.Kind.CLUSTER, sector=meeting.sector)
    if not funding_source:
        names = [i.name() for i in instruments.by_keys(need.instruments)[:3]]
        funding_source = "; ".join(names)[:200]
    action = create_action(
        actor,
        plan,
        check=False,
        origin=Action.Origin.CLUSTER_MEETING,
        source=("roadmaps.clusterneed", str(need.pk), f"{meeting.title}: {need.title}"),
        title=title or need.title,
        description=need.description,
        owner_organisation=owner_organisation,
        owner_person=owner_person,
        start_date=start_date,
        due_date=due_date,
        funding_source=funding_source,
        partners=list(partners) or list(need.organisations.all()),
    )
    need.follow_up = action
    need.save(update_fields=["follow_up"])
    if need.type == ClusterNeed.Type.COLLABORATION:
        register_opportunity(
            actor,
            programme=meeting.programme,
            type=CollaborationOpportunity.Type.CLUSTER,
            title=need.title,
            parties=[owner_organisation, *need.organisations.all()],
            source_app="roadmaps.clusterneed",
            source_id=need.pk,
            source_label=meeting.title,
            sector=meeting.sector,
            next_step=action.title,
        )
    return action


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
        require(actor, "roadmaps.change_opportunity", programme)


@transaction.atomic
def change_opportunity_status(
    actor, opportunity: CollaborationOpportunity, to: str, next_step: str | None = None
) -> CollaborationOpportunity:
    """Identified → in discussion → agreed → in progress → realised; dropped unless realised."""
    _check_opportunity_actor(actor, opportunity.programme)
    if to not in OS.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": to}})
    before = opportunity.status
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
) -> CollaborationOpportunity:
    """Add a collaboration opportunity to the register, or bring the registered one up to date.

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
        url = reverse("roadmaps:action", args=[action.pk])
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
