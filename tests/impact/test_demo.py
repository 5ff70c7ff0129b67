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
    assert 190 <= figures["collaboration_opportunities"] <= 210
    _dated_inside_the_programme(Programme.objects.get(slug="dekvep-2022"))


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
