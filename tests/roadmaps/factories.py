"""factory_boy factories for workshops, roadmaps, actions, cluster meetings and opportunities."""

import datetime

import factory
from django.utils import timezone

from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.roadmaps.models import (
    ClusterMeeting,
    Roadmap,
    RoadmapVersion,
    StrategicGoal,
    VoteItem,
    Workshop,
)
from tests.factories import OrganisationFactory, ProgrammeFactory


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    programme = factory.SubFactory(ProgrammeFactory)
    sector = "textile"
    session_number = factory.Sequence(lambda n: n + 1)
    kind = Workshop.Kind.ROADMAP
    title = factory.Sequence(lambda n: f"Tekstil çalıştayı {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    place = "İkitelli OSB toplantı salonu"
    vote_allowance = 5


class VoteItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoteItem

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Öneri {n}")
    order = factory.Sequence(lambda n: n)


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    programme = factory.SubFactory(ProgrammeFactory)
    sector = "textile"
    title = factory.LazyAttribute(lambda o: f"{o.sector} roadmap")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapVersion

    roadmap = factory.SubFactory(RoadmapFactory)
    number = 1
    status = RoadmapVersion.Status.DRAFT
    vision = "2030'da atıksız tekstil üretimi"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    version = factory.SubFactory(VersionFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    indicator = "Water use per tonne"
    unit = "m³/t"
    baseline = 120
    baseline_year = 2022
    target_value = 80
    target_year = 2030


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    programme = factory.SubFactory(ProgrammeFactory)
    kind = ActionPlan.Kind.SECTOR
    sector = "textile"
    title = factory.Sequence(lambda n: f"Plan {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner_organisation = factory.SubFactory(OrganisationFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterMeeting

    programme = factory.SubFactory(ProgrammeFactory)
    sector = "textile"
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Kümelenme toplantısı {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborationOpportunity

    programme = factory.SubFactory(ProgrammeFactory)
    type = CollaborationOpportunity.Type.SYNERGY
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    source_app = "symbiosis.synergy"
    source_id = factory.Sequence(str)
    source_label = "Symbiosis match"
