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
