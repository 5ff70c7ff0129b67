"""Issue 10.11: other people's certificates answer 404, never 403.

A 403 told a curious user that the numbered certificate exists; every other object answers 404.
"""

import pytest

from dekvep.events import certificates, services
from tests.conftest import ROLES, client_for

from .factories import RegistrationFactory

STAFF = {"manager", "analyst", "facilitator"}


@pytest.fixture
def certificate(people, course):
    registration = RegistrationFactory(event=course, full_name="Gizli Katılımcı")
    for session in course.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    return certificates.issue_certificate(people["manager"], registration, render=False)


@pytest.mark.parametrize("role", ROLES)
def test_a_certificate_is_not_found_by_those_who_may_not_handle_it(people, certificate, role):
    client = client_for(people[role])
    pages = [
        f"/events/certificates/{certificate.pk}/",
        f"/events/certificates/{certificate.pk}/credential.json",
        f"/api/events/certificates/{certificate.pk}/credential",
    ]
    for url in pages:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code in (302, 401), url
        elif role in STAFF:
            assert response.status_code == 200, url
            assert certificate.code in response.content.decode(), url
        else:
            assert response.status_code == 404, (url, response.status_code)
            assert certificate.code not in response.content.decode()
    revoke = client.post(
        f"/api/events/certificates/{certificate.pk}/revoke",
        {"reason": "x"},
        content_type="application/json",
    )
    if role not in STAFF and role != "anonymous":
        assert revoke.status_code == 404
