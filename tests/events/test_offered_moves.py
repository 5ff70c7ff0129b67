"""Pages offer a cancellation or a certificate only where the services accept it."""

import pytest
from django.core.exceptions import ValidationError

from dekvep.events import certificates, services
from dekvep.events.models import Registration
from dekvep.events.tokens import manage_token

from .factories import RegistrationFactory


def _complete(people, registration):
    for session in registration.event.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    return registration


@pytest.fixture
def certified(people, course):
    registration = _complete(people, RegistrationFactory(event=course, full_name="Ayşe Yılmaz"))
    certificates.issue_certificate(people["manager"], registration, render=False)
    return Registration.objects.get(pk=registration.pk)


def test_a_certified_registration_is_not_offered_a_cancellation(certified, login):
    page = login(None).get(f"/events/r/{manage_token(certified)}/")
    assert "Your certificate" in page.content.decode()
    assert "Cancel my registration" not in page.content.decode()


def test_the_service_refuses_to_cancel_a_certified_registration(certified):
    with pytest.raises(ValidationError) as error:
        services.cancel_registration(certified)
    assert "certificate was issued" in error.value.messages[0]
    certified.refresh_from_db()
    assert certified.status == Registration.Status.CONFIRMED


def test_an_uncertified_registration_is_offered_and_allowed_a_cancellation(course, login):
    registration = RegistrationFactory(event=course)
    page = login(None).get(f"/events/r/{manage_token(registration)}/")
    assert "Cancel my registration" in page.content.decode()
    assert services.cancel_registration(registration).status == Registration.Status.CANCELLED


def test_staff_see_cancel_only_where_it_is_accepted(people, certified, course, login):
    open_one = RegistrationFactory(event=course, full_name="Can Kaya")
    text = login(people["manager"]).get(f"/events/{course.pk}/attendees/").content.decode()
    assert text.count("Cancel this registration?") == 1
    assert f"/events/registrations/{open_one.pk}/cancel/" in text
    assert f"/events/registrations/{certified.pk}/cancel/" not in text


def test_issue_is_offered_only_to_those_who_completed(people, course, login):
    done = _complete(people, RegistrationFactory(event=course, full_name="Ayşe Yılmaz"))
    not_done = RegistrationFactory(event=course, full_name="Can Kaya")
    text = login(people["manager"]).get(f"/events/{course.pk}/completion/").content.decode()
    assert f"/events/registrations/{done.pk}/certificate/" in text
    assert f"/events/registrations/{not_done.pk}/certificate/" not in text
    with pytest.raises(ValidationError):
        certificates.issue_certificate(people["manager"], not_done)
