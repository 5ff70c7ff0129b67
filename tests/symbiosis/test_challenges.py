"""Unmatched offers proposed to the staff as open-innovation challenges, drafted anonymised."""

import datetime as dt

import pytest
from django.utils import timezone

from dekvep.calls.models import Application, Call, Challenge
from dekvep.core.models import AuditEntry
from dekvep.symbiosis.models import Listing, ListingChallenge
from tests.calls.factories import ApplicationFactory, CallFactory
from tests.conftest import ROLES, client_for
from tests.factories import OrganisationFactory, SiteFactory

from .factories import ListingFactory

STAFF = ["manager", "analyst", "facilitator"]
OUTSIDERS = ["firm_admin", "firm_member", "other_firm_member", "jury", "funder", "provider"]


def _age(listing, days):
    Listing.objects.filter(pk=listing.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )
    listing.refresh_from_db()
    return listing


@pytest.fixture
def lonely(programme, firm):
    """An offer of tinner nobody in the programme takes, published 90 days ago."""
    site = SiteFactory(organisation=firm, name="Esenyurt Fabrikası", province="İstanbul")
    listing = ListingFactory(
        programme=programme,
        organisation=firm,
        site=site,
        title="Boğaziçi kirli tiner",
        waste_code="140603",
        material="",
        quantity=12,
        tonnes_per_year=12,
        hazardous=True,
    )
    return _age(listing, 90)


@pytest.fixture
def oi_call(programme):
    return CallFactory(
        programme=programme, kind=Call.Kind.OPEN_INNOVATION, title_en="Circular solutions"
    )


def _draft(user, listing, **data):
    return client_for(user).post(
        f"/api/symbiosis/listings/{listing.pk}/challenge", data, content_type="application/json"
    )


@pytest.mark.parametrize("role", STAFF)
def test_it_proposes_an_old_unmatched_offer_to_the_staff(people, lonely, role):
    page = client_for(people[role]).get("/symbiosis/challenges/").content.decode()
    assert "Boğaziçi kirli tiner" in page
    assert "10–100 t a year" in page


@pytest.mark.parametrize("role", OUTSIDERS)
def test_it_refuses_the_proposals_page_to_everyone_else(people, lonely, role):
    assert client_for(people[role]).get("/symbiosis/challenges/").status_code == 403


def test_it_sends_anonymous_visitors_of_the_proposals_page_to_log_in(lonely):
    assert client_for(None).get("/symbiosis/challenges/")["Location"].startswith("/login/")


def test_it_waits_the_programme_s_number_of_days(people, lonely):
    _age(lonely, 20)
    page = client_for(people["manager"]).get("/symbiosis/challenges/").content.decode()
    assert "Boğaziçi kirli tiner" not in page


def test_it_does_not_propose_an_offer_with_an_acceptable_match(people, programme, other_firm):
    offer = _age(ListingFactory(programme=programme, title="Örme kırpıntı"), 90)
    ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Keçe için tekstil kırpıntısı",
        material="textile",
    )
    page = client_for(people["manager"]).get("/symbiosis/challenges/").content.decode()
    assert offer.title not in page


def test_it_says_when_no_open_innovation_call_is_open(people, lonely):
    page = client_for(people["manager"]).get("/symbiosis/challenges/").content.decode()
    assert "No open-innovation call is open in this programme" in page


def test_it_drafts_the_challenge_in_the_open_call_without_the_firm_or_site(people, lonely, oi_call):
    response = _draft(people["manager"], lonely)
    body = response.json()
    assert response.status_code == 201
    text = body["title"] + body["description"]
    assert "Boğaziçi" not in text and "Esenyurt" not in text
    assert "14 06 03*" in text and "10–100 t a year" in text and "İstanbul" in text


def test_the_drafted_challenge_is_marked_from_the_marketplace_and_linked(people, lonely, oi_call):
    _draft(people["manager"], lonely)
    challenge = Challenge.objects.get(call=oi_call)
    assert challenge.source == Challenge.Source.MARKETPLACE
    assert challenge.listing_link.listing == lonely


def test_drafting_is_audited(people, lonely, oi_call):
    _draft(people["manager"], lonely)
    assert AuditEntry.objects.filter(
        object_type="symbiosis.listingchallenge", action="created"
    ).exists()


def test_a_drafted_offer_is_no_longer_proposed(people, lonely, oi_call):
    _draft(people["manager"], lonely)
    page = client_for(people["manager"]).get("/symbiosis/challenges/").content.decode()
    assert "Boğaziçi kirli tiner" not in page


def test_without_an_open_call_the_draft_names_the_missing_call(people, lonely):
    response = _draft(people["manager"], lonely)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "call"


def test_the_manager_may_pick_a_closed_call(people, lonely, programme):
    closed = CallFactory(
        programme=programme,
        kind=Call.Kind.OPEN_INNOVATION,
        closes_at=timezone.now() - dt.timedelta(days=3),
    )
    assert _draft(people["manager"], lonely, call_id=closed.pk).status_code == 201


def test_the_page_drafts_with_a_picked_call(people, lonely, programme):
    closed = CallFactory(programme=programme, kind=Call.Kind.OPEN_INNOVATION, published=False)
    response = client_for(people["manager"]).post(
        f"/symbiosis/listings/{lonely.pk}/challenge/", {"call": closed.pk}, follow=True
    )
    assert "is drafted in the call" in response.content.decode()
    assert closed.challenges.count() == 1


@pytest.mark.parametrize("role", [r for r in ROLES if r != "manager"])
def test_only_the_manager_drafts_a_challenge(people, lonely, oi_call, role):
    response = _draft(people[role], lonely)
    assert response.status_code in (401, 403, 404)
    assert not Challenge.objects.exists()


def test_the_firm_sees_its_challenge_and_the_proposals_answering_it(people, lonely, oi_call):
    _draft(people["manager"], lonely)
    challenge = Challenge.objects.get()
    provider = OrganisationFactory(kind="solution_provider", name="Geri Kazanım Ar-Ge A.Ş.")
    application = ApplicationFactory(
        call=oi_call,
        organisation=provider,
        title="Tiner distilasyonu",
        status=Application.Status.SUBMITTED,
    )
    application.challenges.set([challenge])
    page = client_for(people["firm_member"]).get(f"/symbiosis/listings/{lonely.pk}/")
    content = page.content.decode()
    assert challenge.title in content and "Tiner distilasyonu" in content
    assert "Submitted" not in content  # the decision stays with the staff


@pytest.mark.parametrize("role", STAFF)
def test_the_staff_see_the_listing_s_challenge(people, lonely, oi_call, role):
    _draft(people["manager"], lonely)
    page = client_for(people[role]).get(f"/symbiosis/listings/{lonely.pk}/").content.decode()
    assert "Open-innovation challenge" in page


def test_another_firm_sees_the_listing_but_not_its_challenge(people, lonely, oi_call):
    _draft(people["manager"], lonely)
    page = client_for(people["other_firm_member"]).get(f"/symbiosis/listings/{lonely.pk}/")
    assert page.status_code == 200
    assert "Open-innovation challenge" not in page.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("firm_member", 200), ("manager", 200), ("other_firm_member", 403), ("provider", 404)],
)
def test_the_api_gives_the_listing_s_challenges_to_the_firm_and_staff(
    people, lonely, oi_call, role, status
):
    _draft(people["manager"], lonely)
    response = client_for(people[role]).get(f"/api/symbiosis/listings/{lonely.pk}/challenges")
    assert response.status_code == status


def test_a_provider_reads_the_challenge_in_the_call_without_the_firm(people, lonely, oi_call):
    _draft(people["manager"], lonely)
    page = client_for(people["provider"]).get(f"/calls/{oi_call.pk}/").content.decode()
    assert "A use for" in page and "14 06 03*" in page
    assert "Boğaziçi" not in page and "Esenyurt" not in page


@pytest.mark.parametrize("role", STAFF)
def test_the_api_lists_proposals_to_the_staff(people, lonely, programme, role):
    response = client_for(people[role]).get(
        f"/api/symbiosis/programmes/{programme.pk}/challenge-proposals"
    )
    assert [p["listing_id"] for p in response.json()["proposals"]] == [lonely.pk]


@pytest.mark.parametrize("role", ["anonymous", *OUTSIDERS])
def test_the_api_refuses_proposals_to_everyone_else(people, lonely, programme, role):
    response = client_for(people[role]).get(
        f"/api/symbiosis/programmes/{programme.pk}/challenge-proposals"
    )
    assert response.status_code in (401, 403)


def test_the_manager_sets_the_number_of_days(people, lonely, programme):
    client = client_for(people["manager"])
    response = client.put(
        f"/api/symbiosis/programmes/{programme.pk}/challenge-settings",
        {"unmatched_days": 120, "acceptable_score": 0.5},
        content_type="application/json",
    )
    assert response.json()["unmatched_days"] == 120
    page = client.get("/symbiosis/challenges/").content.decode()
    assert "Boğaziçi kirli tiner" not in page


@pytest.mark.parametrize("role", ["analyst", "facilitator", "firm_admin", "funder"])
def test_only_the_manager_changes_the_settings(people, programme, role):
    response = client_for(people[role]).put(
        f"/api/symbiosis/programmes/{programme.pk}/challenge-settings",
        {"unmatched_days": 5, "acceptable_score": 0.5},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_settings_form_names_a_bad_number_of_days(people, programme):
    response = client_for(people["manager"]).post(
        "/symbiosis/challenges/settings/",
        {"unmatched_days": "0", "acceptable_score": "0.5"},
        follow=True,
    )
    assert "greater than or equal to 1" in response.content.decode()


def test_the_settings_change_is_audited(people, programme):
    client_for(people["manager"]).post(
        "/symbiosis/challenges/settings/", {"unmatched_days": "30", "acceptable_score": "0.4"}
    )
    assert AuditEntry.objects.filter(object_type="symbiosis.challengesettings").exists()


def test_the_proposals_page_speaks_turkish(people, lonely):
    client = client_for(people["manager"])
    client.cookies["dekvep_language"] = "tr"
    page = client.get("/symbiosis/challenges/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "Eşleşmeyen atıklardan" in page
    assert "yılda 10–100 t" in page
    assert ListingChallenge.objects.count() == 0
