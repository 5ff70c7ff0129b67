"""Sector roadmaps: every change, through one function each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.models import Participation
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields

from ..models import (
    Barrier,
    Roadmap,
    RoadmapComment,
    RoadmapMeasure,
    RoadmapVersion,
    StrategicGoal,
)
from .base import (
    _check_sector,
    _sector_users,
)

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
