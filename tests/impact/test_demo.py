"""The demo programme reproduces the reference programme's figures from its records."""

import io

from django.core.management import call_command

from dekvep.core.models import Programme
from dekvep.impact.figures import summary

REFERENCE = {
    "firms_selected": 21,
    "sectors": 3,
    # 21 analyses of 2023 plus the 15 second-year (2024) inventories the monitoring demo approves
    "assessments_completed": 21,
    "firm_reports": 21,
    "sector_reports": 3,
    "workshops": 12,
    "cluster_meetings": 6,
    "seminars": 3,
    "seminar_participants": 495,
    "seminar_firms": 428,
    "ambassadors_trained": 42,
    "certificate_programmes": 3,
    "certificates_issued": 137,
    "outreach_people": 660,
    "innovation_applications": 25,
    "innovation_presentations": 13,
}


def test_it_reproduces_the_reference_programme_from_the_demo_records(db):
    call_command("demo", "--quiet", stdout=io.StringIO())
    figures = summary(Programme.objects.get(slug="dekvep-2022"))
    assert {key: figures[key] for key in REFERENCE} == REFERENCE
    assert figures["collaboration_opportunities"] == 199
    _dated_inside_the_programme(Programme.objects.get(slug="dekvep-2022"))
    _the_register_comes_from_workshops_meetings_and_pitch_days(figures)


def _dated_inside_the_programme(programme):
    """The demo's records carry dates of the programme's 18 months, not the day it ran."""
    from dekvep.assessment.models import Inventory, Report
    from dekvep.calls.models import Application
    from dekvep.core.formatting import local_date
    from dekvep.events.models import Certificate, Registration
    from dekvep.impact.models import Target
    from dekvep.plans.models import Action

    start, end = programme.starts_on, programme.ends_on
    inside = lambda moment: start <= local_date(moment) <= end  # noqa: E731
    assert all(inside(i.approved_at) for i in Inventory.objects.exclude(approved_at=None))
    assert all(inside(r.issued_at) for r in Report.objects.filter(programme=programme))
    from dekvep.impact.demo_dates import _end

    past = {"event__programme": programme, "event__ends_at__lte": _end(programme)}
    assert all(inside(r.created_at) for r in Registration.objects.filter(**past))
    assert all(inside(c.issued_at) for c in Certificate.objects.filter(**past))
    closed = Application.objects.filter(
        call__programme=programme, call__closes_at__lte=_end(programme)
    )
    assert all(inside(a.created_at) for a in closed)
    assert all(start <= a.due_date <= end for a in Action.objects.exclude(due_date=None))
    assert Target.objects.get(programme=programme, key="firms_selected").value == 21


def _the_register_comes_from_workshops_meetings_and_pitch_days(figures):
    from dekvep.impact.figures import get_figure
    from dekvep.impact.selectors import monthly
    from dekvep.plans.models import CollaborationOpportunity
    from dekvep.symbiosis.interchange import export_csv
    from dekvep.symbiosis.models import Exchange, Listing, WorkshopAgreement, WorkshopTable

    programme = Programme.objects.get(slug="dekvep-2022")
    register = CollaborationOpportunity.objects.filter(programme=programme)
    # every entry came through a service: workshop agreements, cluster follow-ups, pitch days
    assert set(register.values_list("source_app", flat=True)) == {
        "symbiosis",
        "roadmaps.clusterneed",
        "calls.pitch_interest",
    }
    agreements = WorkshopAgreement.objects.filter(table__programme=programme)
    assert (
        agreements.filter(opportunity_id__isnull=False).count()
        == register.filter(type="symbiosis_workshop").count()
    )
    assert WorkshopTable.objects.filter(programme=programme, workshop__isnull=False).count() == 6
    # dated by the events across the programme, never by the day the demo ran
    series = monthly(get_figure("collaboration_opportunities"), programme)
    assert sum(n for _m, n in series) == 199
    assert max(n for _m, n in series) < 199
    # the workshops' follow-ups carry the register through the months after them
    assert len([n for _m, n in series if n]) >= 10
    assert max(n for _m, n in series) < 199 / 4
    assert all(programme.starts_on <= m <= programme.ends_on for m, n in series if n)
    # a share progressed; realised comes from exchanges with evidence and stays below the pipeline
    statuses = set(register.values_list("status", flat=True))
    assert {"identified", "in_discussion", "agreed", "in_progress", "realised"} <= statuses
    assert 0 < figures["tonnes_verified_per_year"] < figures["tonnes_realised_per_year"]
    assert figures["tonnes_realised_per_year"] < figures["tonnes_agreed_per_year"]
    assert figures["tco2e_realised_per_year"] > 0
    assert not Exchange.objects.filter(transport_document="").exists()
    # the demo's materials leave in the marketplace interchange format
    exported = export_csv(Listing.objects.filter(programme=programme, status="published"))
    assert exported.splitlines()[0].startswith("type,title,description,material,waste_code")
    assert len(exported.splitlines()) > 20
