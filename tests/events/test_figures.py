import datetime
from decimal import Decimal

import pytest

from dekvep.events import figures, services
from dekvep.events.models import Ambassador, Certificate, Event, OutreachActivity
from tests.factories import MembershipFactory, OrganisationFactory

from .factories import EventFactory, RegistrationFactory


@pytest.fixture
def seminars(programme):
    first = EventFactory(programme=programme)
    second = EventFactory(programme=programme)
    org = OrganisationFactory()
    # Ayşe attends both seminars: one person. Two people from the same linked firm.
    RegistrationFactory(
        event=first,
        email="ayse@x.com",
        organisation=org,
        organisation_key=f"org:{org.pk}",
        attended_hours=3,
    )
    RegistrationFactory(
        event=second,
        email="ayse@x.com",
        organisation=org,
        organisation_key=f"org:{org.pk}",
        attended_hours=3,
    )
    RegistrationFactory(
        event=first, email="can@x.com", organisation_key="name:yeni firma", attended_hours=3
    )
    RegistrationFactory(event=first, email="absent@x.com", attended_hours=0)
    RegistrationFactory(event=second, email="gone@x.com", status="cancelled", attended_hours=0)
    return first, second


def test_it_counts_seminars(seminars, programme):
    EventFactory(programme=programme, is_published=False)
    assert figures.seminars(programme) == 2


def test_it_counts_distinct_people_who_attended_seminars(seminars, programme):
    assert figures.seminar_participants(programme) == 2


def test_it_counts_distinct_firms_of_seminar_participants(seminars, programme):
    assert figures.seminar_firms(programme) == 2


def test_it_counts_ambassadors_who_completed_the_path(people, programme, firm):
    path = [
        EventFactory(programme=programme, kind=Event.Kind.TRAINING, ambassador_path=True)
        for _ in range(2)
    ]
    done, halfway = (MembershipFactory(organisation=firm).user for _ in range(2))
    for user in (done, halfway):
        Ambassador.objects.create(programme=programme, organisation=firm, user=user)
    for event in path:
        RegistrationFactory(event=event, user=done, email=done.email, completed=True)
    RegistrationFactory(event=path[0], user=halfway, email=halfway.email, completed=True)
    assert figures.ambassadors_trained(programme) == 1


def test_it_counts_certificate_programmes_and_valid_certificates(programme, course):
    for n, status in enumerate(["valid", "valid", "revoked"]):
        Certificate.objects.create(
            event=course,
            holder_name=f"K {n}",
            holder_key=str(n),
            title="T",
            hours=Decimal(10),
            issuer="I",
            status=status,
        )
    assert figures.certificate_programmes(programme) == 1
    assert figures.certificates_issued(programme) == 2


def test_it_sums_students_and_teachers_reached(programme):
    school = OrganisationFactory(kind="school", nace_codes=[], sector="")
    for students, teachers in [(100, 8), (50, 2)]:
        OutreachActivity.objects.create(
            programme=programme,
            school=school,
            title="Atölye",
            held_on=datetime.date(2023, 3, 1),
            students=students,
            teachers=teachers,
        )
    assert figures.outreach_people(programme) == 160


def test_it_refuses_outreach_at_a_non_school(people, programme, firm):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.record_outreach(
            people["manager"],
            programme,
            school=firm,
            title="X",
            held_on=datetime.date(2023, 1, 1),
            students=1,
            teachers=1,
        )
    assert "school" in error.value.message_dict
