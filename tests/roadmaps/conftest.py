"""A small roadmaps world on top of the shared role fixtures.

The textile firm (``firm``) is invited to a textile workshop run by the ``facilitator``; the
plastics firm (``other_firm``) to a plastics workshop run by another facilitator. Each sector
has a published roadmap; the textile firm owns an action in the sector plan and one in its
confidential firm-level plan.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation

from dekvep.core.models import StaffAssignment
from dekvep.plans.models import ActionPlan
from dekvep.roadmaps.models import RoadmapVersion, Workshop
from tests.factories import StaffAssignmentFactory

from .factories import (
    ActionFactory,
    GoalFactory,
    MeetingFactory,
    OpportunityFactory,
    PlanFactory,
    RoadmapFactory,
    VersionFactory,
    VoteItemFactory,
    WorkshopFactory,
)


@pytest.fixture(autouse=True)
def _english():
    """Services speak the active language; tests read their messages in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(programme, firm, other_firm, people):
    facilitator2 = StaffAssignmentFactory(
        programme=programme,
        role=StaffAssignment.Role.FACILITATOR,
        user__email="facilitator2@operator.example",
    ).user
    workshop = WorkshopFactory(
        programme=programme, title="Textile workshop 2", voting=Workshop.Voting.OPEN
    )
    workshop.facilitators.add(people["facilitator"])
    workshop.invited_organisations.add(firm)
    items = [
        VoteItemFactory(workshop=workshop, title=t)
        for t in ("Water reuse", "Fibre recycling", "Energy audit")
    ]
    other_workshop = WorkshopFactory(
        programme=programme, sector="plastics", title="Plastics workshop 1"
    )
    other_workshop.facilitators.add(facilitator2)
    other_workshop.invited_organisations.add(other_firm)
    roadmap = RoadmapFactory(programme=programme, sector="textile", title="Textile roadmap")
    published = VersionFactory(
        roadmap=roadmap, status=RoadmapVersion.Status.PUBLISHED, vision="Textile vision 2030"
    )
    goal = GoalFactory(version=published, title="Halve water use")
    draft = VersionFactory(roadmap=roadmap, number=2, vision="Textile draft vision")
    plastics = RoadmapFactory(programme=programme, sector="plastics", title="Plastics roadmap")
    VersionFactory(
        roadmap=plastics, status=RoadmapVersion.Status.PUBLISHED, vision="Plastics vision 2030"
    )
    sector_plan = PlanFactory(
        programme=programme, sector="textile", roadmap=roadmap, title="Textile sector plan"
    )
    action = ActionFactory(
        plan=sector_plan,
        owner_organisation=firm,
        title="Install water meters",
        goal=goal,
        owner_person=people["firm_member"],
    )
    firm_plan = PlanFactory(
        programme=programme,
        kind=ActionPlan.Kind.FIRM,
        sector="",
        organisation=firm,
        title="Firm plan Boğaziçi",
    )
    secret = ActionFactory(
        plan=firm_plan, owner_organisation=firm, title="Confidential heat recovery"
    )
    other_plan = PlanFactory(
        programme=programme,
        kind=ActionPlan.Kind.FIRM,
        sector="",
        organisation=other_firm,
        title="Firm plan Rakip",
    )
    other_action = ActionFactory(
        plan=other_plan, owner_organisation=other_firm, title="Rival regrind line"
    )
    meeting = MeetingFactory(programme=programme, title="Textile cluster meeting 1")
    meeting.facilitators.add(people["facilitator"])
    meeting.participants.add(firm)
    opportunity = OpportunityFactory(
        programme=programme, title="Cotton waste to felt", source_id="s-1"
    )
    opportunity.parties.add(firm, other_firm)
    return SimpleNamespace(
        workshop=workshop,
        items=items,
        other_workshop=other_workshop,
        roadmap=roadmap,
        published=published,
        draft=draft,
        goal=goal,
        plastics=plastics,
        sector_plan=sector_plan,
        action=action,
        firm_plan=firm_plan,
        secret=secret,
        other_plan=other_plan,
        other_action=other_action,
        meeting=meeting,
        opportunity=opportunity,
        facilitator2=facilitator2,
    )
