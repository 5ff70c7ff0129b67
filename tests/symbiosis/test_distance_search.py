"""Searching listings within N km of one of my organisation's sites."""

import pytest

from dekvep.core.models import Participation
from tests.conftest import client_for
from tests.factories import OrganisationFactory, SiteFactory

from .factories import ListingFactory


@pytest.fixture
def listings(programme, firm, other_firm):
    SiteFactory(organisation=other_firm, latitude=41.00, longitude=28.85)  # İstanbul
    far_firm = OrganisationFactory(name="Ankara Geri Dönüşüm", latitude=39.93, longitude=32.85)
    Participation.objects.create(programme=programme, organisation=far_firm)
    near = ListingFactory(programme=programme, organisation=firm, title="Yakın kırpıntı")
    far = ListingFactory(programme=programme, organisation=far_firm, title="Uzak kırpıntı")
    return near, far


def test_it_finds_listings_within_the_distance_of_my_site(people, listings):
    page = client_for(people["other_firm_member"]).get("/symbiosis/?near_km=30").content.decode()
    assert "Yakın kırpıntı" in page and "Uzak kırpıntı" not in page


def test_it_shows_the_distance_of_each_listing_found(people, listings):
    page = client_for(people["other_firm_member"]).get("/symbiosis/?near_km=500").content.decode()
    assert "Uzak kırpıntı" in page
    # An anonymous listing's distance comes from its 5 km cell, in 5 km steps (issue 10.3).
    assert '<td class="num">10</td>' in page or '<td class="num">5</td>' in page


def test_it_explains_when_staff_without_a_site_search_by_distance(people, listings):
    page = client_for(people["manager"]).get("/symbiosis/?near_km=30").content.decode()
    assert "Your organisation has no site with coordinates." in page


def test_it_asks_for_a_number_of_kilometres(people, listings):
    page = client_for(people["other_firm_member"]).get("/symbiosis/?near_km=far").content.decode()
    assert "Give the distance as a number of kilometres." in page


def test_it_searches_by_distance_in_the_api_nearest_first(people, listings):
    body = client_for(people["other_firm_member"]).get("/api/symbiosis/listings?near_km=500").json()
    assert [item["title"] for item in body["items"]] == ["Yakın kırpıntı", "Uzak kırpıntı"]
    assert body["items"][0]["distance_km"] % 5 == 0
    assert body["items"][0]["distance_km"] == pytest.approx(8.8, abs=5)


def test_it_keeps_other_firms_anonymous_in_distance_results(people, listings):
    body = client_for(people["other_firm_member"]).get("/api/symbiosis/listings?near_km=30").json()
    assert [item["firm"] for item in body["items"]] != ["Boğaziçi Örme A.Ş."]
    assert "Boğaziçi" not in str(body)


def test_it_answers_a_distance_search_without_a_site_with_a_named_field(people, listings):
    response = client_for(people["manager"]).get("/api/symbiosis/listings?near_km=30")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "near_km"


def test_it_refuses_a_distance_of_zero_in_the_api(people, listings):
    response = client_for(people["other_firm_member"]).get("/api/symbiosis/listings?near_km=0")
    assert response.json()["errors"][0]["field"] == "near_km"


def test_it_shows_the_services_refusal_of_a_distance_of_zero(people, listings):
    page = client_for(people["other_firm_member"]).get("/symbiosis/?near_km=0").content.decode()
    assert "Give a distance above zero." in page
