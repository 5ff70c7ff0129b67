"""Check-in by name for someone without their code: page and API, for each role."""

import pytest

from dekvep.events.models import CheckIn
from tests.conftest import client_for

from .factories import RegistrationFactory

ROLES = [
    "anonymous",
    "manager",
    "analyst",
    "facilitator",
    "jury",
    "funder",
    "firm_admin",
    "firm_member",
    "provider",
]
STAFF = {"manager", "analyst", "facilitator"}


@pytest.fixture
def crowd(seminar):
    return {
        "elif": RegistrationFactory(event=seminar, full_name="Elif Şahin"),
        "can": RegistrationFactory(
            event=seminar, full_name="Can Kaya", organisation_name="Şahinler Plastik"
        ),
        "gone": RegistrationFactory(event=seminar, full_name="Ayşe Şahin", status="cancelled"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_staff_find_confirmed_people_by_name_with_turkish_folding(people, seminar, crowd, role):
    session = seminar.sessions.first()
    body = (
        client_for(people[role])
        .get(f"/events/sessions/{session.pk}/checkin/?q=sahin")
        .content.decode()
    )
    if role in STAFF and people[role].has_perm("events.check_in", seminar):
        assert "Elif Şahin" in body and "Şahinler Plastik" in body
        assert "Ayşe Şahin" not in body  # cancelled
    else:
        assert "Elif Şahin" not in body


def test_a_found_person_is_checked_in_with_one_press(people, seminar, crowd):
    session = seminar.sessions.first()
    client = client_for(people["manager"])
    response = client.post(
        f"/events/sessions/{session.pk}/checkin/?q=elif", {"code": crowd["elif"].code}
    )
    body = response.content.decode()
    assert "Elif Şahin" in body and "is checked in" in body and "Checked in" in body
    assert CheckIn.objects.filter(registration=crowd["elif"], session=session).exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_searches_for_staff_only(people, seminar, crowd, role):
    session = seminar.sessions.first()
    response = client_for(people[role]).get(
        f"/api/events/sessions/{session.pk}/checkin-search?q=şahin"
    )
    if role in STAFF and people[role].has_perm("events.check_in", seminar):
        names = [row["full_name"] for row in response.json()]
        assert names == ["Can Kaya", "Elif Şahin"] or sorted(names) == ["Can Kaya", "Elif Şahin"]
    else:
        assert response.status_code in (401, 403) and "Şahin" not in response.content.decode()
