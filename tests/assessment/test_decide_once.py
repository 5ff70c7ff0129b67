"""Accepting an opportunity twice (a double click, two tabs) writes, sends and tells once."""

from dekvep.assessment import services
from dekvep.assessment.models import Opportunity
from dekvep.core.models import AuditEntry, Notification
from dekvep.plans.models import Action


def test_accepting_twice_writes_once(approved, people):
    measure = approved.opportunities.get(measure_id="tx-right-first-time")
    stale = Opportunity.objects.get(pk=measure.pk)  # loaded before the first acceptance
    services.decide_opportunity(people["analyst"], measure, "accepted", "2025 planında")
    actions, notes = Action.objects.count(), Notification.objects.count()
    services.decide_opportunity(people["analyst"], stale, "accepted", "2025 planında")
    entries = AuditEntry.objects.filter(
        object_type="assessment.opportunity", object_id=measure.pk, action="opportunity_accepted"
    )
    assert entries.count() == 1
    assert Action.objects.count() == actions
    assert Notification.objects.count() == notes


def test_changing_a_collaboration_opportunity_to_its_own_status_writes_nothing(programme, people):
    from dekvep.plans import services as plans
    from tests.roadmaps.factories import OpportunityFactory

    opportunity = OpportunityFactory(programme=programme, status="in_discussion")
    count = AuditEntry.objects.count()
    plans.change_opportunity_status(people["manager"], opportunity, "in_discussion")
    assert AuditEntry.objects.count() == count
