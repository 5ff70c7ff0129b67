"""Every change to workshops, sector roadmaps and cluster meetings.

Each function checks the actor's permission, validates (errors name the field), saves inside a
transaction, writes the audit log and queues notifications. The state machines — workshop
voting, roadmap versions, actions, collaboration opportunities — each change state through one
function: ``change_voting``, ``change_version_status``, ``change_action_status`` and
``change_opportunity_status``.

Other apps call ``create_action_from_opportunity`` (assessment), ``create_action_from_synergy``,
``register_opportunity`` and ``update_opportunity`` (symbiosis, calls).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core import audit
from dekvep.core.models import User
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.uploads import DOCUMENTS, IMAGES, validate_upload
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related
from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.plans.services import create_action, plan_for, register_opportunity

from . import instruments
from .models import (
    Barrier,
    ClusterMeeting,
    ClusterNeed,
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
from .selectors import workshop_attendance  # noqa: F401  (re-exported)

EVIDENCE_TYPES = DOCUMENTS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 8 * 1024 * 1024


def _check_sector(programme, sector: str, field: str = "sector") -> None:
    if sector not in (programme.priority_sectors or []):
        raise ValidationError(
            {
                field: _("“%(sector)s” is not a priority sector of this programme.")
                % {"sector": sector}
            }
        )


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
    _set_related(workshop, m2m)
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
    _set_related(workshop, m2m)
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
    _set_related(meeting, m2m)
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
    _set_related(meeting, m2m)
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
            identified_at=meeting.starts_at,
        )
    return action
