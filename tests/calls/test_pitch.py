"""Pitch day: agenda slots, invitations and reminders, firms' interest and its follow-up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dekvep.calls import services
from dekvep.calls.models import Application, Call, PitchInterest
from tests.factories import OrganisationFactory

from .factories import ApplicationFactory, CallFactory


@pytest.fixture
def oi_call(programme):
    return CallFactory(programme=programme, kind=Call.Kind.OPEN_INNOVATION)


@pytest.fixture
def pitched(people, oi_call):
    provider = people["provider"].memberships.get().organisation
    application = ApplicationFactory(
        call=oi_call, organisation=provider, status="shortlisted", created_by=people["provider"]
    )
    day = services.create_pitch_day(
        people["manager"], oi_call, "Sunum günü", datetime.date(2022, 12, 8)
    )
    start = timezone.now() + datetime.timedelta(days=3)
    slot = services.add_slot(
        people["facilitator"],
        day,
        application,
        start,
        start + datetime.timedelta(minutes=15),
        "Salon A",
    )
    return slot


def test_it_refuses_a_slot_for_an_application_not_shortlisted(people, oi_call, pitched):
    application = ApplicationFactory(call=oi_call, status=Application.Status.REJECTED)
    start = pitched.ends_at
    with pytest.raises(ValidationError, match="Only shortlisted"):
        services.add_slot(people["manager"], pitched.pitch_day, application, start, start, "B")


def test_it_refuses_two_slots_in_one_room_at_once(people, oi_call, pitched):
    application = ApplicationFactory(call=oi_call, status="shortlisted")
    with pytest.raises(ValidationError, match="Salon A is taken"):
        services.add_slot(
            people["manager"],
            pitched.pitch_day,
            application,
            pitched.starts_at,
            pitched.ends_at,
            "Salon A",
        )


def test_it_queues_an_invitation_with_the_time_and_room(people, pitched):
    assert services.invite_to_pitch(people["manager"], pitched.pitch_day) == 1
    notice = pitched.application.notices.get(kind="pitch_invitation")
    assert "Salon A" in notice.body and notice.status == "held"


def test_it_queues_reminders_on_request(people, pitched):
    services.invite_to_pitch(people["manager"], pitched.pitch_day, reminder=True)
    assert pitched.application.notices.filter(kind="pitch_reminder").count() == 1


def test_it_turns_a_firms_interest_into_a_collaboration_opportunity(people, firm, pitched):
    interest = services.mark_interest(people["firm_member"], pitched, firm, "Pilot isteriz")
    assert (interest.firm, interest.provider, interest.status) == (
        firm,
        pitched.application.organisation,
        "new",
    )


def test_it_refuses_interest_from_a_firm_outside_the_programme(people, pitched):
    outsider = OrganisationFactory()
    people["provider"].memberships.create(organisation=outsider)
    with pytest.raises(PermissionDenied):
        services.mark_interest(people["provider"], pitched, outsider)


def test_it_refuses_interest_on_behalf_of_another_firm(people, other_firm, pitched):
    with pytest.raises(PermissionDenied):
        services.mark_interest(people["firm_member"], pitched, other_firm)


def test_it_follows_an_opportunity_up_to_an_agreement(people, firm, pitched):
    interest = services.mark_interest(people["firm_member"], pitched, firm)
    services.transition_interest(people["facilitator"], interest, "contacted", "Arandı")
    interest = services.transition_interest(people["facilitator"], interest, "agreed")
    assert interest.status == PitchInterest.Status.AGREED
    assert interest.follow_up_note == "Arandı"


def test_it_refuses_follow_up_by_the_firm(people, firm, pitched):
    interest = services.mark_interest(people["firm_member"], pitched, firm)
    with pytest.raises(PermissionDenied):
        services.transition_interest(people["firm_admin"], interest, "agreed")
