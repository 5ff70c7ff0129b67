"""The application page offers each user exactly the moves the state machine accepts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dekvep.calls import services
from dekvep.calls.models import Application
from dekvep.core.states import allowed_transitions, transition

S = Application.Status
ROLES = ["firm_admin", "firm_member", "other_firm_member", "manager", "analyst", "jury", "funder"]


def _accepted(application, user) -> set[str]:
    accepted = set()
    for status in S.values:
        try:
            with transaction.atomic():
                transition(application, status, actor=user, note="Belgeler eksik")
                transaction.set_rollback(True)
            accepted.add(status)
        except (ValidationError, PermissionDenied):
            pass
        application.refresh_from_db()
    return accepted


@pytest.mark.parametrize("role", ROLES)
def test_offered_moves_are_the_accepted_moves(people, application, role):
    user = people[role]
    seen = set()
    for status in [None, S.UNDER_REVIEW, S.SHORTLISTED, S.SELECTED]:
        if status:
            Application.objects.filter(pk=application.pk).update(status=status)
            application.refresh_from_db()
        offered = allowed_transitions(application, user)
        assert set(offered) == _accepted(application, user), (role, application.status)
        seen.update(offered)
    if role == "manager":
        assert {S.SHORTLISTED, S.SELECTED, S.REJECTED, S.INELIGIBLE} <= seen


def test_the_decision_form_lists_only_possible_decisions(people, application, login):
    Application.objects.filter(pk=application.pk).update(status=S.SHORTLISTED)
    page = login(people["manager"]).get(f"/calls/applications/{application.pk}/")
    text = page.content.decode()
    assert 'value="selected"' in text and 'value="rejected"' in text
    assert 'value="shortlisted"' not in text
    assert "Override the eligibility check" not in text


def test_the_override_offers_the_other_verdict_only(people, application, login):
    Application.objects.filter(pk=application.pk).update(status=S.ELIGIBLE)
    page = login(people["manager"]).get(f"/calls/applications/{application.pk}/")
    text = page.content.decode()
    assert "Override the eligibility check" in text
    assert "Ineligible</option>" in text and ">Eligible</option>" not in text


def test_the_applicant_is_not_offered_a_decision(people, application, login):
    Application.objects.filter(pk=application.pk).update(status=S.SHORTLISTED)
    application.refresh_from_db()
    text = login(people["firm_admin"]).get(f"/calls/applications/{application.pk}/").content
    assert b"Stage the decision" not in text
    assert b"Withdraw" in text
    assert S.WITHDRAWN in allowed_transitions(application, people["firm_admin"])
    assert services.TRANSITIONS[S.SHORTLISTED] >= set(
        allowed_transitions(application, people["manager"])
    )


@pytest.mark.parametrize("role", ["facilitator", "manager", "firm_member", "provider", "jury"])
def test_interest_follow_up_offers_exactly_the_accepted_moves(people, firm, programme, role):
    import datetime

    from django.utils import timezone

    from dekvep.calls.models import Call, PitchInterest

    from .factories import ApplicationFactory, CallFactory

    call = CallFactory(programme=programme, kind=Call.Kind.OPEN_INNOVATION)
    provider = people["provider"].memberships.get().organisation
    application = ApplicationFactory(call=call, organisation=provider, status="shortlisted")
    day = services.create_pitch_day(
        people["manager"], call, "Sunum günü", datetime.date(2022, 12, 8)
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
    interest = services.mark_interest(people["firm_member"], slot, firm)
    user = people[role]
    for status in ["new", "meeting", "closed"]:
        PitchInterest.objects.filter(pk=interest.pk).update(status=status)
        interest.refresh_from_db()
        accepted = set()
        for target in PitchInterest.Status.values:
            if target == status:
                continue
            try:
                with transaction.atomic():
                    services.transition_interest(user, interest, target)
                    transaction.set_rollback(True)
                accepted.add(target)
            except (ValidationError, PermissionDenied):
                pass
            interest.refresh_from_db()
        assert set(allowed_transitions(interest, user)) == accepted, (role, status)


def test_the_api_lists_the_same_allowed_moves(people, application, login):
    Application.objects.filter(pk=application.pk).update(status=S.SHORTLISTED)
    application.refresh_from_db()
    for role in ("manager", "firm_admin"):
        body = login(people[role]).get(f"/api/calls/applications/{application.pk}").json()
        assert body["allowed_transitions"] == allowed_transitions(application, people[role])
    body = login(people["manager"]).get(f"/api/calls/applications/{application.pk}").json()
    assert set(body["allowed_transitions"]) == {S.SELECTED, S.REJECTED}


def test_a_notice_offers_release_and_discard_but_never_the_mail_tasks_move(world, people):
    from dekvep.calls.models import Notice

    notice = world["notice"]
    Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.HELD)
    notice.refresh_from_db()
    manager = people["manager"]
    assert allowed_transitions(notice, manager) == [Notice.Status.RELEASED, Notice.Status.DISCARDED]
    assert allowed_transitions(notice, people["firm_admin"]) == []
    Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.RELEASED)
    notice.refresh_from_db()
    assert allowed_transitions(notice, manager) == []
    with pytest.raises(PermissionDenied):
        services.transition_notice(manager, notice, Notice.Status.SENT)
    sent = services.transition_notice(services.SYSTEM, notice, Notice.Status.SENT)
    assert sent.status == Notice.Status.SENT and sent.sent_at is not None
