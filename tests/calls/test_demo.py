"""The demo calls of dekvep-2022 match the reference programme."""

from collections import Counter

import pytest

from dekvep.calls import demo
from dekvep.calls.models import Application, Call, PitchInterest, PitchSlot, Review
from dekvep.core.demo import _base
from dekvep.core.models import Participation


@pytest.fixture
def loaded(db):
    programme, _logins = _base()
    logins = demo.load(programme)
    return programme, logins


def test_it_selects_exactly_the_21_participant_firms(loaded):
    programme, _logins = loaded
    call = Call.objects.get(programme=programme, kind="firm_selection")
    chosen = set(
        call.applications.filter(status__in=["selected", "confirmed"]).values_list(
            "organisation_id", flat=True
        )
    )
    participants = set(
        Participation.objects.filter(programme=programme).values_list("organisation_id", flat=True)
    )
    assert call.applications.count() == 35
    assert chosen == participants and len(chosen) == 21


def test_it_has_25_open_innovation_applications_13_shortlisted_and_pitched(loaded):
    programme, _logins = loaded
    call = Call.objects.get(programme=programme, kind="open_innovation")
    statuses = Counter(call.applications.values_list("status", flat=True))
    assert statuses == {"shortlisted": 13, "rejected": 12}
    assert PitchSlot.objects.filter(pitch_day__call=call).count() == 13
    assert PitchInterest.objects.filter(slot__pitch_day__call=call).exists()
    assert set(call.applications.values_list("organisation__kind", flat=True)) == {
        "solution_provider"
    }


def test_it_has_reviews_by_five_jury_members(loaded):
    programme, logins = loaded
    call = Call.objects.get(programme=programme, kind="open_innovation")
    reviewers = set(
        Review.objects.filter(application__call=call).values_list("reviewer__email", flat=True)
    )
    assert len(reviewers) == 5 and "juri@dekvep.demo" in reviewers
    assert [email for _role, email, _pw in logins] == [f"juri{i}@dekvep.demo" for i in range(2, 6)]


def test_it_changes_nothing_when_loaded_again(loaded):
    programme, _logins = loaded
    before = Application.objects.count()
    demo.load(programme)
    assert Application.objects.count() == before


def test_no_demo_title_names_its_applicant(loaded):
    """Issue 10.2: the demo's own titles used to carry the firm's name into blind review."""
    from dekvep.calls.blinding import identity_terms, mentions_applicant

    for application in Application.objects.select_related("organisation"):
        terms = identity_terms(application.organisation)
        assert not mentions_applicant(application.title, terms), application.title
