"""Registrations in the shared state machine: what staff are offered is what is accepted."""

import pytest
from django.core.exceptions import PermissionDenied

from dekvep.core.states import allowed_transitions, transition
from dekvep.events import certificates, services
from dekvep.events.models import Registration
from tests.conftest import client_for

from .factories import RegistrationFactory

ROLES = ["manager", "analyst", "facilitator", "jury", "funder", "firm_admin", "provider"]


@pytest.mark.parametrize("role", ROLES)
def test_offered_moves_are_the_accepted_moves(people, seminar, role):
    registration = RegistrationFactory(event=seminar)
    user = people[role]
    offered = allowed_transitions(registration, user)
    staff = user.has_perm("events.manage_event", seminar)
    assert offered == (["cancelled"] if staff else [])
    for target in ("confirmed", "waitlisted", "pending"):
        assert target not in offered
    if staff:
        transition(registration, "cancelled", actor=user)
        assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    else:
        with pytest.raises(PermissionDenied):
            transition(registration, "cancelled", actor=user)


def test_a_certified_registration_offers_no_cancellation(people, course):
    registration = RegistrationFactory(event=course)
    session = course.sessions.first()
    for session in course.sessions.all():
        services.check_in(people["manager"], session, registration.code)
    certificates.issue_certificate(people["manager"], registration, render=False)
    registration.refresh_from_db()
    assert allowed_transitions(registration, people["manager"]) == []


def test_the_attendees_api_lists_the_same_moves(people, seminar):
    RegistrationFactory(event=seminar)
    rows = (
        client_for(people["manager"])
        .get(f"/api/events/events/{seminar.pk}/registrations")
        .json()["items"]
    )
    assert rows[0]["allowed_transitions"] == ["cancelled"]


def test_staff_are_never_offered_to_hold_a_place_for_an_unconfirmed_address(people, seminar):
    pending = services.register(seminar, "K", "k@example.com", "", consent=True)
    assert allowed_transitions(pending, people["manager"]) == ["cancelled"]
    with pytest.raises(PermissionDenied):
        transition(pending, "confirmed", actor=people["manager"])
    assert transition(pending, "confirmed", actor=None).status == "confirmed"
