"""Who sees and changes alert choices and renewals, page and API, for every role."""

import datetime as dt

import pytest
from django.utils import timezone

from dekvep.symbiosis.models import AlertPreference, Listing
from tests.conftest import ROLES, client_for

from .factories import ListingFactory

STAFF_AND_OUTSIDERS = ["manager", "analyst", "facilitator", "jury", "funder"]


@pytest.fixture
def ending(programme, firm):
    """The firm's listing whose availability ends in ten days: one to renew."""
    return ListingFactory(
        programme=programme,
        organisation=firm,
        title="Biten kumaş ilanı",
        available_until=timezone.localdate() + dt.timedelta(days=10),
    )


# The page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["firm_admin", "firm_member"])
def test_members_see_their_choice_and_their_firms_listings_to_renew(people, ending, role):
    page = client_for(people[role]).get("/symbiosis/alerts/").content.decode()
    assert "Boğaziçi Örme A.Ş." in page
    assert "In a weekly digest" in page
    assert "Biten kumaş ilanı" in page


def test_another_firm_sees_only_its_own_firm(people, ending):
    page = client_for(people["other_firm_member"]).get("/symbiosis/alerts/").content.decode()
    assert "Rakip Plastik A.Ş." in page
    assert "Boğaziçi" not in page and "Biten kumaş ilanı" not in page


def test_a_solution_provider_sets_its_own_firms_choice_only(people, ending):
    page = client_for(people["provider"]).get("/symbiosis/alerts/").content.decode()
    assert "Çözüm Teknoloji A.Ş." in page
    assert "Biten kumaş ilanı" not in page


@pytest.mark.parametrize("role", STAFF_AND_OUTSIDERS)
def test_staff_jury_and_funder_have_no_alert_page(people, ending, role):
    response = client_for(people[role]).get("/symbiosis/alerts/")
    assert response.status_code == 403
    assert "Biten kumaş ilanı" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in():
    assert client_for(None).get("/symbiosis/alerts/")["Location"].startswith("/login/")


def test_a_member_saves_the_choice_on_the_page(people, firm):
    client = client_for(people["firm_member"])
    response = client.post(
        "/symbiosis/alerts/", {"organisation": firm.pk, "frequency": "at_once"}, follow=True
    )
    assert "Your choice is saved." in response.content.decode()
    assert AlertPreference.objects.get().membership.user == people["firm_member"]


def test_a_member_cannot_choose_for_a_firm_they_do_not_belong_to(people, other_firm):
    response = client_for(people["firm_member"]).post(
        "/symbiosis/alerts/", {"organisation": other_firm.pk, "frequency": "never"}
    )
    assert response.status_code == 404
    assert not AlertPreference.objects.exists()


def test_the_page_speaks_turkish(people, ending):
    client = client_for(people["firm_member"])
    client.cookies["dekvep_language"] = "tr"
    page = client.get("/symbiosis/alerts/").content.decode()
    assert "Uyarılar ve yenilemeler" in page
    assert "Haftalık özetle" in page


def test_the_marketplace_links_to_the_page_for_members_only(people):
    assert (
        "/symbiosis/alerts/"
        in client_for(people["firm_member"]).get("/symbiosis/").content.decode()
    )
    assert (
        "/symbiosis/alerts/"
        not in client_for(people["manager"]).get("/symbiosis/").content.decode()
    )


# Renewal on the page ---------------------------------------------------------------------


RENEWERS = ["firm_admin", "firm_member", "manager", "analyst"]  # change_listing


@pytest.mark.parametrize("role", ROLES)
def test_renewal_on_the_page_by_role(people, ending, role):
    response = client_for(people[role]).post(f"/symbiosis/listings/{ending.pk}/renew/")
    ending.refresh_from_db()
    assert (ending.renewed_at is not None) == (role in RENEWERS)
    if role == "anonymous":
        assert response["Location"].startswith("/login/")
    elif role in ("other_firm_member", "facilitator"):
        assert response.status_code == 403  # may see the listing, not change it
    elif role not in RENEWERS:
        assert response.status_code == 404


# The API -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_api_lists_the_callers_own_choices(people, role):
    response = client_for(people[role]).get("/api/symbiosis/alert-preferences")
    if role == "anonymous":
        assert response.status_code == 401
        return
    names = [row["organisation"] for row in response.json()]
    expected = {
        "firm_admin": ["Boğaziçi Örme A.Ş."],
        "firm_member": ["Boğaziçi Örme A.Ş."],
        "other_firm_member": ["Rakip Plastik A.Ş."],
        "provider": ["Çözüm Teknoloji A.Ş."],
    }
    assert names == expected.get(role, [])


def test_the_api_sets_a_choice_with_its_label(people, firm):
    response = client_for(people["firm_member"]).put(
        f"/api/symbiosis/alert-preferences/{firm.pk}",
        {"frequency": "never"},
        content_type="application/json",
    )
    assert response.json() == {
        "organisation_id": firm.pk,
        "organisation": "Boğaziçi Örme A.Ş.",
        "frequency": "never",
        "frequency_label": "Never",
    }


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("firm_admin", "firm_member")])
def test_the_api_refuses_a_choice_for_a_firm_one_does_not_belong_to(people, firm, role):
    response = client_for(people[role]).put(
        f"/api/symbiosis/alert-preferences/{firm.pk}",
        {"frequency": "never"},
        content_type="application/json",
    )
    assert response.status_code == (401 if role == "anonymous" else 404)
    assert not AlertPreference.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_lists_listings_to_renew_of_the_callers_firms_only(people, ending, role):
    response = client_for(people[role]).get("/api/symbiosis/renewals")
    if role == "anonymous":
        assert response.status_code == 401
        return
    titles = [row["title"] for row in response.json()]
    assert titles == (["Biten kumaş ilanı"] if role in ("firm_admin", "firm_member") else [])


@pytest.mark.parametrize("role", ROLES)
def test_renewal_in_the_api_by_role(people, ending, role):
    response = client_for(people[role]).post(f"/api/symbiosis/listings/{ending.pk}/renew")
    ending.refresh_from_db()
    assert (ending.renewed_at is not None) == (role in RENEWERS)
    expected = {"anonymous": 401, "other_firm_member": 403, "facilitator": 403}
    assert response.status_code == (200 if role in RENEWERS else expected.get(role, 404))


def test_another_firm_cannot_learn_an_expired_listing_exists(people, ending):
    Listing.objects.filter(pk=ending.pk).update(status=Listing.Status.EXPIRED)
    response = client_for(people["other_firm_member"]).post(
        f"/api/symbiosis/listings/{ending.pk}/renew"
    )
    assert response.status_code == 404


def test_the_api_refuses_a_bad_date_in_words(people, ending):
    response = client_for(people["firm_member"]).post(
        f"/api/symbiosis/listings/{ending.pk}/renew",
        {"available_until": "31.02.2027"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Give the end of availability as a date." in response.content.decode()
    ending.refresh_from_db()
    assert ending.renewed_at is None
