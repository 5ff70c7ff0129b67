"""Listings expire when their availability ends or after twelve months; firms renew them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dekvep.core.models import AuditEntry, Notification
from dekvep.symbiosis.expiry import add_months, expires_on, renew_listing
from dekvep.symbiosis.models import Listing
from dekvep.symbiosis.selectors import visible_listings
from dekvep.symbiosis.services import matches_for, set_listing_status
from dekvep.symbiosis.tasks import expire_listings
from tests.conftest import client_for


def _age(listing, days):
    Listing.objects.filter(pk=listing.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )
    listing.refresh_from_db()
    return listing


def _english(user):
    user.preferred_language = "en"
    user.save()


def test_a_listing_lasts_twelve_months_or_until_its_availability_ends(offer):
    start = timezone.localdate(offer.created_at)
    assert expires_on(offer) == add_months(start, 12)
    offer.available_until = start + dt.timedelta(days=30)
    assert expires_on(offer) == start + dt.timedelta(days=31)


def test_twelve_months_from_the_last_day_of_a_long_month():
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), -2) == dt.date(2025, 11, 30)


def test_a_year_old_listing_expires_and_leaves_the_marketplace_and_matching(people, offer, want):
    _age(offer, 370)
    assert expire_listings.delay().get() == {"expired": 1, "reminded": 0}
    offer.refresh_from_db()
    assert offer.status == "expired"
    assert offer not in visible_listings(people["other_firm_member"])
    assert matches_for(want) == []


def test_a_listing_expires_the_day_after_its_availability_ends(people, offer):
    offer.available_until = timezone.localdate() - dt.timedelta(days=1)
    offer.save()
    expire_listings.delay()
    offer.refresh_from_db()
    assert offer.status == "expired"


def test_a_current_listing_stays(offer):
    _age(offer, 300)
    expire_listings.delay()
    offer.refresh_from_db()
    assert offer.status == "published"


def test_the_firm_is_told_when_its_listing_expires(people, offer):
    _english(people["firm_member"])
    _age(offer, 370)
    expire_listings.delay()
    note = Notification.objects.get(recipient=people["firm_member"])
    assert note.subject == (
        "Your listing “Pamuklu kumaş kırpıntısı” has expired; renew it to list it again"
    )
    assert not Notification.objects.filter(recipient=people["other_firm_member"]).exists()


def test_the_firm_is_reminded_once_two_weeks_before(people, offer):
    _english(people["firm_member"])
    _age(offer, 360)
    assert expire_listings.delay().get() == {"expired": 0, "reminded": 1}
    assert expire_listings.delay().get() == {"expired": 0, "reminded": 0}
    note = Notification.objects.get(recipient=people["firm_member"])
    assert note.subject.startswith("Your listing “Pamuklu kumaş kırpıntısı” expires on ")
    assert note.url == f"/symbiosis/listings/{offer.pk}/"


def test_the_reminder_speaks_turkish(people, offer):
    _age(offer, 360)
    expire_listings.delay()
    note = Notification.objects.get(recipient=people["firm_member"])
    assert "“Pamuklu kumaş kırpıntısı” ilanınızın süresi" in note.subject
    assert "yenileyin" in note.subject


def test_renewing_brings_an_expired_listing_back_for_twelve_months(people, offer):
    _age(offer, 370)
    expire_listings.delay()
    offer.refresh_from_db()
    renew_listing(people["firm_member"], offer)
    offer.refresh_from_db()
    assert offer.status == "published"
    assert expires_on(offer) == add_months(timezone.localdate(), 12)
    entry = AuditEntry.objects.get(action="renewed")
    assert (entry.actor, entry.changes["status"]) == (
        people["firm_member"],
        ["expired", "published"],
    )


def test_renewing_a_listing_whose_availability_ended_needs_a_new_end(people, offer):
    offer.available_until = timezone.localdate() - dt.timedelta(days=2)
    offer.save()
    with pytest.raises(ValidationError) as error:
        renew_listing(people["firm_member"], offer)
    assert "give a new end date to renew it" in error.value.message_dict["available_until"][0]
    until = timezone.localdate() + dt.timedelta(days=90)
    renew_listing(people["firm_member"], offer, available_until=until)
    assert expires_on(offer) == until + dt.timedelta(days=1)


def test_a_draft_cannot_be_renewed(people, offer):
    offer.status = Listing.Status.DRAFT
    with pytest.raises(ValidationError):
        renew_listing(people["firm_member"], offer)


def test_nobody_sets_a_listing_to_expired_by_hand(people, offer):
    with pytest.raises(ValidationError):
        set_listing_status(people["firm_member"], offer, Listing.Status.EXPIRED)


def test_publishing_an_expired_listing_renews_it(people, offer):
    _age(offer, 370)
    expire_listings.delay()
    offer.refresh_from_db()
    set_listing_status(people["firm_member"], offer, Listing.Status.PUBLISHED)
    offer.refresh_from_db()
    assert (offer.status, offer.renewed_at is not None) == ("published", True)


def test_the_listing_page_offers_renewal_in_one_click(people, offer):
    client = client_for(people["firm_member"])
    page = client.get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    assert "Listed until" in page and "Renew for twelve months" in page
    response = client.post(f"/symbiosis/listings/{offer.pk}/renew/")
    assert response["Location"] == f"/symbiosis/listings/{offer.pk}/"
    offer.refresh_from_db()
    assert offer.renewed_at is not None


def test_other_firms_see_no_renewal_on_the_listing_page(people, offer):
    page = (
        client_for(people["other_firm_member"])
        .get(f"/symbiosis/listings/{offer.pk}/")
        .content.decode()
    )
    assert "Renew" not in page and "Listed until" not in page


def test_the_page_shows_the_refusal_in_words(people, offer):
    offer.available_until = timezone.localdate() - dt.timedelta(days=2)
    offer.save()
    client = client_for(people["firm_member"])
    response = client.post(f"/symbiosis/listings/{offer.pk}/renew/", follow=True)
    assert "give a new end date to renew it" in response.content.decode()
    offer.refresh_from_db()
    assert offer.renewed_at is None


def test_the_api_renews_with_a_new_end(people, offer):
    offer.available_until = timezone.localdate() - dt.timedelta(days=2)
    offer.save()
    until = timezone.localdate() + dt.timedelta(days=60)
    response = client_for(people["firm_admin"]).post(
        f"/api/symbiosis/listings/{offer.pk}/renew",
        {"available_until": until.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["expires_on"] == (until + dt.timedelta(days=1)).isoformat()


def test_a_bad_date_is_refused_on_the_page(people, offer):
    client = client_for(people["firm_member"])
    response = client.post(
        f"/symbiosis/listings/{offer.pk}/renew/", {"available_until": "31.02.2027"}, follow=True
    )
    assert "Give the end of availability as a date." in response.content.decode()


def test_the_home_page_asks_the_firm_to_renew(people, offer, other_firm):
    from dekvep.symbiosis import home

    _age(offer, 360)
    (item,) = home.todos(people["firm_member"])
    assert (item["label"], item["url"]) == (
        "1 listing expired or expires soon: renew it",
        "/symbiosis/alerts/",
    )
    assert home.todos(people["other_firm_member"]) == []


def test_publishing_a_paused_listing_past_its_end_renews_it(people, offer):
    Listing.objects.filter(pk=offer.pk).update(status=Listing.Status.PAUSED)
    offer = _age(offer, 400)
    set_listing_status(people["firm_member"], offer, Listing.Status.PUBLISHED)
    expire_listings.delay()
    offer.refresh_from_db()
    assert (offer.status, offer.renewed_at is not None) == ("published", True)
