"""The public verification page and API give a certificate's day in Istanbul time, in the
reader's format: one issued at 21:30 UTC on 1 March is issued on 2 March in Türkiye."""

import datetime

import pytest
from django.test import Client

from dekvep.events import certificates, services

from .factories import RegistrationFactory


@pytest.fixture
def late_certificate(people, course):
    registration = RegistrationFactory(event=course, full_name="Geç Katılımcı")
    for session in course.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    certificate = certificates.issue_certificate(people["manager"], registration, render=False)
    late = datetime.datetime(2026, 3, 1, 21, 30, tzinfo=datetime.UTC)
    type(certificate).objects.filter(pk=certificate.pk).update(issued_at=late)
    return certificate


@pytest.mark.parametrize(("language", "day"), [("tr", "02.03.2026"), ("en", "2 Mar 2026")])
def test_the_verify_page_shows_the_istanbul_day(late_certificate, language, day):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["dekvep_language"] = language
    body = client.get(f"/verify/{late_certificate.code}").content.decode()
    assert day in body
    assert ("01.03.2026" if language == "tr" else "1 Mar 2026") not in body


def test_the_verify_api_gives_the_istanbul_day(late_certificate):
    data = Client().get(f"/api/events/verify/{late_certificate.code}").json()
    assert "2026-03-02" in str(data) or "02.03.2026" in str(data) or "2 Mar 2026" in str(data)


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "1 certificate issued; 0 people completed"), ("tr", "1 sertifika düzenlendi;")],
)
def test_the_completion_page_counts_in_the_right_plural(late_certificate, people, language, text):
    from tests.conftest import client_for

    client = client_for(people["manager"])
    client.cookies["dekvep_language"] = language
    page = client.get(
        f"/events/{late_certificate.registration.event.pk}/completion/",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert text in page.content.decode()
