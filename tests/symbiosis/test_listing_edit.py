"""Editing a listing and changing its status, in pages and in the API."""

import datetime

import pytest
from django.utils import translation

from dekvep.core.models import AuditEntry
from dekvep.symbiosis.models import Listing
from tests.conftest import client_for


def _form(**changes):
    data = {"kind": "offer", "title": "Pamuklu kumaş kırpıntısı", "quantity": "120", "unit": "t"}
    return {**data, "frequency": "year", **changes}


def test_it_saves_the_edit_form_through_the_service_with_an_audit_entry(people, offer):
    response = client_for(people["firm_member"]).post(
        f"/symbiosis/listings/{offer.pk}/edit/", _form(quantity="10", frequency="month")
    )
    offer.refresh_from_db()
    assert response["Location"] == f"/symbiosis/listings/{offer.pk}/"
    assert offer.tonnes_per_year == 120.0 and offer.frequency == "month"
    entry = AuditEntry.objects.filter(action="updated", object_id=str(offer.pk)).get()
    assert entry.changes["quantity"] == [120.0, 10.0]


def test_it_shows_the_edit_form_with_the_listing_filled_in(people, offer):
    page = client_for(people["firm_member"]).get(f"/symbiosis/listings/{offer.pk}/edit/")
    assert 'value="Pamuklu kumaş kırpıntısı"' in page.content.decode()


def test_the_edit_form_keeps_the_availability_dates_for_the_browser_s_date_picker(people, offer):
    offer.available_from = datetime.date(2026, 3, 1)
    offer.save()
    client = client_for(people["firm_member"])
    client.cookies["dekvep_language"] = "tr"
    page = client.get(f"/symbiosis/listings/{offer.pk}/edit/", HTTP_ACCEPT_LANGUAGE="tr")
    text = page.content.decode()
    assert 'type="date" name="available_from" value="2026-03-01"' in text
    assert ">Tesis</label>" in text


def test_it_shows_field_errors_on_the_edit_form(people, offer):
    page = client_for(people["firm_member"]).post(
        f"/symbiosis/listings/{offer.pk}/edit/", _form(waste_code="99 99 99")
    )
    assert "999999 is not in the List of Waste." in page.content.decode()
    offer.refresh_from_db()
    assert offer.waste_code == ""


def test_it_takes_a_waste_code_typed_with_spaces(people, offer):
    client_for(people["firm_member"]).post(
        f"/symbiosis/listings/{offer.pk}/edit/", _form(waste_code="04 02 22")
    )
    offer.refresh_from_db()
    assert offer.waste_code == "040222"


def test_it_keeps_a_site_of_the_firm_on_edit(people, offer, firm):
    from tests.factories import SiteFactory

    site = SiteFactory(organisation=firm)
    client_for(people["firm_member"]).post(
        f"/symbiosis/listings/{offer.pk}/edit/", _form(site=site.pk)
    )
    offer.refresh_from_db()
    assert offer.site == site


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("firm_member", 200),
        ("firm_admin", 200),
        ("manager", 200),
        ("analyst", 200),
        ("other_firm_member", 403),
        ("facilitator", 403),
        ("jury", 404),
        ("funder", 404),
    ],
)
def test_it_opens_the_edit_form_to_the_firm_and_its_staff(people, offer, role, status):
    assert (
        client_for(people[role]).get(f"/symbiosis/listings/{offer.pk}/edit/").status_code == status
    )


def test_it_sends_anonymous_visitors_of_the_edit_form_to_log_in(offer):
    response = client_for(None).get(f"/symbiosis/listings/{offer.pk}/edit/")
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(("button", "status"), [("Pause", "paused"), ("Close", "closed")])
def test_it_changes_status_with_the_listing_page_buttons(people, offer, button, status):
    client = client_for(people["firm_member"])
    assert f">{button}</button>" in client.get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    client.post(f"/symbiosis/listings/{offer.pk}/status/", {"status": status})
    offer.refresh_from_db()
    assert offer.status == status


def test_it_offers_publish_on_a_draft(people, offer):
    offer.status = Listing.Status.DRAFT
    offer.save()
    page = client_for(people["firm_member"]).get(f"/symbiosis/listings/{offer.pk}/")
    assert ">Publish</button>" in page.content.decode()


# API -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("firm_member", 200),
        ("manager", 200),
        ("analyst", 200),
        ("other_firm_member", 403),
        ("facilitator", 403),
        ("jury", 404),
        ("funder", 404),
    ],
)
def test_it_patches_a_listing_for_the_firm_and_its_staff(people, offer, role, status):
    response = client_for(people[role]).patch(
        f"/api/symbiosis/listings/{offer.pk}",
        {"title": "Yeni başlık"},
        content_type="application/json",
    )
    assert response.status_code == status
    offer.refresh_from_db()
    assert (offer.title == "Yeni başlık") == (status == 200)


def test_it_changes_only_the_fields_given(people, offer):
    body = (
        client_for(people["firm_member"])
        .patch(
            f"/api/symbiosis/listings/{offer.pk}",
            {"quantity": 5, "frequency": "week"},
            content_type="application/json",
        )
        .json()
    )
    assert (body["title"], body["tonnes_per_year"]) == ("Pamuklu kumaş kırpıntısı", 260.0)


def test_it_names_the_field_of_a_bad_patch(people, offer):
    with translation.override("en"):
        response = client_for(people["firm_member"]).patch(
            f"/api/symbiosis/listings/{offer.pk}",
            {"unit": "barrel"},
            content_type="application/json",
        )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "unit"


def test_it_refuses_a_site_of_another_firm_in_a_patch(people, offer, other_firm):
    from tests.factories import SiteFactory

    site = SiteFactory(organisation=other_firm)
    response = client_for(people["firm_member"]).patch(
        f"/api/symbiosis/listings/{offer.pk}", {"site_id": site.pk}, content_type="application/json"
    )
    assert response.json()["errors"][0]["field"] == "site_id"


def test_it_refuses_to_empty_a_required_field(people, offer):
    response = client_for(people["firm_member"]).patch(
        f"/api/symbiosis/listings/{offer.pk}", {"title": None}, content_type="application/json"
    )
    assert response.json()["errors"][0]["field"] == "title"


@pytest.mark.parametrize("status", ["published", "paused", "closed"])
def test_it_changes_status_in_the_api(people, offer, status):
    body = (
        client_for(people["firm_member"])
        .post(
            f"/api/symbiosis/listings/{offer.pk}/status",
            {"status": status},
            content_type="application/json",
        )
        .json()
    )
    assert body["status"] == status
