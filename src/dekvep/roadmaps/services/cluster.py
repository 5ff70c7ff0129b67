"""Cluster meetings: every change, through one function each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.permissions import require
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related
from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.plans.services import create_action, plan_for, register_opportunity

from .. import instruments
from ..models import (
    ClusterMeeting,
    ClusterNeed,
)
from .base import (
    _check_sector,
)

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
