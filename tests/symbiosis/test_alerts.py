"""New matches reach the firm as each member chose: at once, in the digest, or never; once."""

import pytest
from django.core import mail

from dekvep.core.models import AuditEntry, Membership, Notification
from dekvep.symbiosis.alerts import frequency_of, set_alert_frequency
from dekvep.symbiosis.models import Listing, MatchAlert, MatchRun
from dekvep.symbiosis.services import execute_match_run, set_listing_status
from tests.conftest import client_for

from .factories import ListingFactory

TITLE = "Pamuklu kumaş kırpıntısı"


def _run(programme):
    return execute_match_run(MatchRun.objects.create(programme=programme))


def _choose(user, frequency, language="en"):
    user.preferred_language = language
    user.save()
    set_alert_frequency(user, Membership.objects.get(user=user), frequency)


def _notes(user):
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_a_member_who_has_not_chosen_gets_the_weekly_digest(people):
    assert frequency_of(Membership.objects.get(user=people["firm_member"])) == "weekly"


def test_a_member_chooses_at_once_and_the_choice_is_audited(people):
    _choose(people["firm_member"], "at_once")
    membership = Membership.objects.get(user=people["firm_member"])
    assert frequency_of(membership) == "at_once"
    entry = AuditEntry.objects.get(object_type="symbiosis.alertpreference")
    assert (entry.changes["frequency"][1], entry.organisation_id) == (
        "at_once",
        membership.organisation_id,
    )


def test_an_unknown_choice_is_refused_in_words(people):
    response = client_for(people["firm_member"]).put(
        f"/api/symbiosis/alert-preferences/{Membership.objects.get(user=people['firm_member']).organisation_id}",
        {"frequency": "hourly"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Choose at once, weekly digest or never." in response.content.decode()


def test_nobody_chooses_for_another_member(people):
    from django.core.exceptions import PermissionDenied

    membership = Membership.objects.get(user=people["firm_member"])
    with pytest.raises(PermissionDenied):
        set_alert_frequency(people["firm_admin"], membership, "never")


def test_a_match_run_tells_an_at_once_member_of_a_new_match_with_the_other_firm_anonymised(
    people, programme, offer, want
):
    member = people["firm_member"]
    _choose(member, "at_once")
    _run(programme)
    note = Notification.objects.get(recipient=member)
    assert note.subject == f"A new match for your listing “{TITLE}”"
    assert "Keçe üretimi için tekstil kırpıntısı (want, a plastics firm in Dudullu OSB)" in (
        note.body
    )
    assert "Rakip" not in note.body


def test_the_at_once_alert_is_e_mailed(
    people, programme, offer, want, django_capture_on_commit_callbacks
):
    _choose(people["firm_member"], "at_once")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _run(programme)
    sent = [m for m in mail.outbox if m.to == ["member@firm.example"]]
    assert [m.subject for m in sent] == [f"A new match for your listing “{TITLE}”"]
    assert f"/symbiosis/listings/{offer.pk}/" in sent[0].body


def test_the_same_match_is_announced_only_once(
    people, programme, offer, want, django_capture_on_commit_callbacks
):
    member = people["firm_member"]
    _choose(member, "at_once")
    _run(programme)
    _run(programme)
    with django_capture_on_commit_callbacks(execute=True):
        set_listing_status(people["other_firm_member"], want, Listing.Status.PAUSED)
        set_listing_status(people["other_firm_member"], want, Listing.Status.PUBLISHED)
    assert len(_notes(member)) == 1


def test_the_at_once_alert_speaks_the_members_language(people, programme, offer, want):
    member = people["firm_member"]
    _choose(member, "at_once", language="tr")
    _run(programme)
    note = Notification.objects.get(recipient=member)
    assert note.subject == f"“{TITLE}” ilanınız için yeni bir eşleşme"
    assert "(talep, Dudullu OSB bölgesinde bir plastik firması)" in note.body


def test_weekly_and_never_members_are_not_told_at_once(people, programme, offer, want):
    _choose(people["firm_member"], "never")
    _run(programme)
    assert _notes(people["firm_member"]) == []
    assert _notes(people["firm_admin"]) == []  # not chosen: the weekly digest
    assert MatchAlert.objects.filter(listing=offer, other=want).exists()


def test_publishing_a_listing_tells_the_firms_of_its_matches_at_once(
    people, programme, offer, other_firm, django_capture_on_commit_callbacks
):
    _choose(people["firm_member"], "at_once")
    draft = ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Geri dönüşüm için pamuk",
        material="textile",
        status=Listing.Status.DRAFT,
    )
    assert _notes(people["firm_member"]) == []
    with django_capture_on_commit_callbacks(execute=True):
        set_listing_status(people["other_firm_member"], draft, Listing.Status.PUBLISHED)
    note = Notification.objects.get(recipient=people["firm_member"])
    assert "Geri dönüşüm için pamuk" in note.body


def test_a_firm_is_not_alerted_to_a_match_with_its_own_listing(people, programme, firm, offer):
    _choose(people["firm_member"], "at_once")
    ListingFactory(
        programme=programme, organisation=firm, kind=Listing.Kind.WANT, material="textile"
    )
    _run(programme)
    assert _notes(people["firm_member"]) == []
    assert not MatchAlert.objects.exists()


def test_a_match_of_another_firm_never_reaches_this_firm(people, programme, offer, want):
    from tests.factories import OrganisationFactory, ParticipationFactory

    third = OrganisationFactory(name="Üçüncü Tekstil A.Ş.")
    ParticipationFactory(programme=programme, organisation=third)
    ListingFactory(programme=programme, organisation=third, title="Üçüncü firmanın kırpıntısı")
    _choose(people["other_firm_member"], "at_once")
    _choose(people["firm_member"], "at_once")
    _run(programme)
    assert "Üçüncü" not in " ".join(
        Notification.objects.filter(recipient=people["firm_member"]).values_list("body", flat=True)
    )
