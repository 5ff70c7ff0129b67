"""The map page (its table of points is what a keyboard or screen reader uses) and the shipped
reference layers, for each role."""

import json

import pytest
from django.test import Client

from dekvep.symbiosis.models import Listing
from tests.conftest import ROLES, client_for
from tests.factories import SiteFactory

from .factories import ListingFactory


@pytest.fixture
def offer(programme, firm):
    site = SiteFactory(organisation=firm, latitude=41.0712, longitude=28.8123)
    return ListingFactory(
        programme=programme, organisation=firm, site=site, title="Pamuklu kumaş kırpıntısı"
    )


@pytest.fixture
def draft(programme, firm):
    return ListingFactory(
        programme=programme, organisation=firm, title="Taslak atık", status=Listing.Status.DRAFT
    )


# What each role finds in the table below the map: the firm's name, its anonymous label, or no row.
EXPECTED = {
    "anonymous": None,
    "firm_admin": "Boğaziçi Örme A.Ş.",
    "firm_member": "Boğaziçi Örme A.Ş.",
    "other_firm_member": "a textile firm in İkitelli OSB",
    "manager": "Boğaziçi Örme A.Ş.",
    "analyst": "Boğaziçi Örme A.Ş.",
    "facilitator": "a textile firm in İkitelli OSB",
    "jury": "",
    "funder": "",
    "provider": "",
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_listing_on_the_page_as_it_may(people, offer, draft, role):
    response = client_for(people[role]).get("/symbiosis/map/")
    if EXPECTED[role] is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
        return
    page = response.content.decode()
    assert response.status_code == 200
    assert "Marketplace map" in page
    if EXPECTED[role]:
        assert "Pamuklu kumaş kırpıntısı" in page and EXPECTED[role] in page
    else:
        assert "Pamuklu" not in page and "No listings to show." in page
    if role == "other_firm_member":
        assert "Boğaziçi" not in page and "Taslak atık" not in page
        assert "5 km area" in page


def test_the_page_points_the_map_at_the_api_with_the_filters(people, offer):
    page = client_for(people["manager"]).get("/symbiosis/map/?material=cotton&kind=offer")
    body = page.content.decode()
    assert 'data-points="/api/symbiosis/map?material=cotton&amp;kind=offer"' in body
    assert "/static/vendor/leaflet/leaflet.js" in body


def test_the_page_reads_turkish(people, offer):
    client = Client(HTTP_ACCEPT_LANGUAGE="tr")
    client.cookies["dekvep_language"] = "tr"
    client.force_login(people["other_firm_member"])
    body = client.get("/symbiosis/map/").content.decode()
    assert "Pazar yeri haritası" in body
    assert "<td>5 km&#x27;lik alan</td>" in body
    assert "İkitelli OSB bölgesinde bir tekstil firması" in body


def test_a_bad_distance_is_named_on_the_page(people, offer):
    body = client_for(people["firm_member"]).get("/symbiosis/map/?near_km=far").content.decode()
    assert "Give the distance as a number of kilometres." in body
    assert "data-no-points" in body


def test_the_synergy_table_is_for_staff(people, offer, other_firm, programme):
    want = ListingFactory(
        programme=programme, organisation=other_firm, kind=Listing.Kind.WANT, title="Keçe"
    )
    client_for(people["firm_member"]).post(
        "/api/symbiosis/synergies",
        {"offer_id": offer.pk, "want_id": want.pk},
        content_type="application/json",
    )
    assert (
        "Synergies on the map"
        in client_for(people["manager"]).get("/symbiosis/map/").content.decode()
    )
    firm_page = client_for(people["other_firm_member"]).get("/symbiosis/map/").content.decode()
    assert "Synergies on the map" not in firm_page


@pytest.mark.parametrize("role", ROLES)
def test_the_reference_layers_are_public_with_their_source(people, role):
    for name, words in (("provinces", "Natural Earth"), ("zones", "Approximate")):
        response = client_for(people[role]).get(f"/api/symbiosis/map/layers/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        assert words in json.loads(response.content)["source"]


def test_an_unknown_layer_is_not_found(db):
    assert client_for(None).get("/api/symbiosis/map/layers/secrets").status_code == 404


def test_the_board_links_the_network_to_the_map(people):
    body = client_for(people["manager"]).get("/symbiosis/board/").content.decode()
    assert 'href="/symbiosis/map/"' in body


def test_the_zone_file_holds_every_demo_zone_at_its_demo_position():
    from dekvep.core.demo import ZONES
    from dekvep.symbiosis.map import zones

    shipped = {zone["name"]: zone for zone in zones()}
    for name, (province, district, lat, lon) in ZONES.items():
        if name.endswith("OSB"):
            zone = shipped[name]
            assert (zone["province"], zone["district"], zone["lat"], zone["lon"]) == (
                province,
                district,
                lat,
                lon,
            )
            assert zone["approximate"] is True and zone["source"]


def test_a_distance_of_zero_is_refused_on_the_page(people, offer):
    body = client_for(people["firm_member"]).get("/symbiosis/map/?near_km=0").content.decode()
    assert "Give a distance above zero." in body
    assert "data-no-points" in body
