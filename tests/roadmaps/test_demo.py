"""The demo data: the reference programme's workshops, roadmaps, plans, meetings, register."""

from dekvep.core.demo import _base
from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.plans.selectors import opportunity_counts
from dekvep.roadmaps import demo
from dekvep.roadmaps.models import ClusterMeeting, ClusterNeed, Roadmap, Workshop


def test_it_loads_the_reference_programme_and_changes_nothing_when_run_again(db):
    programme, _logins = _base()
    demo.load(programme)
    counts = (
        Workshop.objects.count(),
        Action.objects.count(),
        CollaborationOpportunity.objects.count(),
    )
    demo.load(programme)
    assert counts == (
        Workshop.objects.count(),
        Action.objects.count(),
        CollaborationOpportunity.objects.count(),
    )
    assert (
        Workshop.objects.count() == 12
        and Roadmap.objects.filter(versions__status="published").distinct().count() == 3
    )
    assert ActionPlan.objects.filter(kind="firm").count() == 21
    assert ClusterMeeting.objects.count() == 6
    assert ClusterNeed.objects.filter(follow_up__isnull=False).count() >= 18
    total = opportunity_counts(programme)
    assert total["total"] == 199
    assert total["by_type"]["symbiosis_workshop"] and total["by_type"]["cluster"]
    assert not CollaborationOpportunity.objects.filter(source_app="roadmaps.demo").exists()
