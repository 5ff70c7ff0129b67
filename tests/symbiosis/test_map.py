"""Issue 18.3: the marketplace map shows each role what it may see, and no more.

Other firms get a listing at the centre of its 5 km cell with the firm's anonymous label;
the firm itself, introduced firms and the programme's staff get the site; lines between sites
(synergies) only reach the programme's staff; staff of another programme get nothing.
"""

import json

import pytest

from dekvep.core.models import StaffAssignment
from dekvep.symbiosis.geo_privacy import anonymised_point
from dekvep.symbiosis.models import Listing
from tests.conftest import client_for
from tests.factories import (
    OrganisationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    SiteFactory,
    StaffAssignmentFactory,
)

from .factories import ListingFactory

SITE = (41.0712, 28.8123)  # where the firm's plant really is
SITE_XY = [28.8123, 41.0712]


@pytest.fixture
def offer(programme, firm):
    site = SiteFactory(organisation=firm, latitude=SITE[0], longitude=SITE[1])
    return ListingFactory(
        programme=programme, organisation=firm, site=site, title="Pamuklu kumaş kırpıntısı"
    )


@pytest.fixture
def want(programme, other_firm):
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    return ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Keçe için tekstil kırpıntısı",
        material="textile",
    )


@pytest.fixture
def synergy(people, offer, want):
    """The firm asked for an introduction; the other firm has not agreed yet."""
    response = client_for(people["firm_member"]).post(
        "/api/symbiosis/synergies",
        {"offer_id": offer.pk, "want_id": want.pk},
        content_type="application/json",
    )
    return response.json()["id"]


def geojson(user, query=""):
    response = client_for(user).get(f"/api/symbiosis/map{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def point_of(collection, listing):
    found = [f for f in collection["features"] if f["id"] == f"listing-{listing.pk}"]
    return found[0] if found else None


def lines(collection):
    return [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]


@pytest.mark.parametrize("role", ["firm_admin", "firm_member"])
def test_the_firm_sees_its_listing_at_its_site_with_its_name(people, offer, role):
    feature = point_of(geojson(people[role]), offer)
    assert feature["geometry"]["coordinates"] == SITE_XY
    assert feature["properties"]["firm"] == "Boğaziçi Örme A.Ş."
    assert feature["properties"]["precision"] == "site"


def test_another_firm_gets_the_5_km_cell_and_no_name(people, offer, synergy):
    collection = geojson(people["other_firm_member"])
    feature = point_of(collection, offer)
    lat, lon = anonymised_point(*SITE)
    assert feature["geometry"]["coordinates"] == [round(lon, 5), round(lat, 5)]
    assert feature["properties"]["precision"] == "area"
    assert feature["properties"]["firm"] == "a textile firm in İkitelli OSB"
    text = json.dumps(collection, ensure_ascii=False)
    assert "Boğaziçi" not in text
    assert "28.8123" not in text and "41.0712" not in text
    assert lines(collection) == []


def test_an_introduced_firm_sees_the_site_and_the_name(people, offer, synergy):
    client_for(people["other_firm_member"]).post(f"/api/symbiosis/synergies/{synergy}/introduction")
    feature = point_of(geojson(people["other_firm_member"]), offer)
    assert feature["geometry"]["coordinates"] == SITE_XY
    assert feature["properties"]["firm"] == "Boğaziçi Örme A.Ş."


@pytest.mark.parametrize("role", ["manager", "analyst", "facilitator"])
def test_programme_staff_see_sites_and_synergy_lines(people, offer, want, synergy, role):
    collection = geojson(people[role])
    assert point_of(collection, offer)["geometry"]["coordinates"] == SITE_XY
    (line,) = lines(collection)
    assert line["geometry"]["coordinates"] == [SITE_XY, [29.15, 40.99]]
    assert line["properties"]["state_label"] == "Identified"


@pytest.mark.parametrize("role", ["jury", "funder", "provider"])
def test_jury_funder_and_providers_get_no_listing(people, offer, synergy, role):
    assert geojson(people[role])["features"] == []


def test_anonymous_callers_get_nothing(offer):
    response = client_for(None).get("/api/symbiosis/map")
    assert response.status_code == 401
    assert "Pamuklu" not in response.content.decode()


def test_staff_of_another_programme_get_nothing_of_this_one(people, offer, synergy):
    elsewhere = ProgrammeFactory(slug="other-2023", name="Other Programme")
    manager = StaffAssignmentFactory(
        programme=elsewhere, role=StaffAssignment.Role.MANAGER, user__email="m@other.example"
    ).user
    firm = OrganisationFactory(name="Uzak Firma A.Ş.")
    ParticipationFactory(programme=elsewhere, organisation=firm)
    theirs = ListingFactory(programme=elsewhere, organisation=firm, title="Uzak atık")
    collection = geojson(manager)
    assert [f["id"] for f in collection["features"]] == [f"listing-{theirs.pk}"]
    assert "Pamuklu" not in json.dumps(collection, ensure_ascii=False)


def test_a_draft_stays_off_other_firms_maps(people, offer):
    offer.status = Listing.Status.DRAFT
    offer.save()
    assert point_of(geojson(people["other_firm_member"]), offer) is None
    assert point_of(geojson(people["firm_member"]), offer) is not None


def test_it_filters_by_material_and_waste_code(people, offer, want):
    offer.waste_code = "040222"
    offer.save()
    by_material = geojson(people["manager"], "?material=textile")
    assert [f["properties"]["id"] for f in by_material["features"]] == [want.pk]
    by_code = geojson(people["manager"], "?code=04 02 22")
    assert [f["properties"]["id"] for f in by_code["features"]] == [offer.pk]


def test_the_distance_filter_gives_other_firms_the_coarse_distance(people, offer, other_firm):
    SiteFactory(organisation=other_firm, latitude=41.0, longitude=28.6)
    collection = geojson(people["other_firm_member"], "?near_km=50")
    distance = point_of(collection, offer)["properties"]["distance_km"]
    assert distance % 5 == 0
    assert point_of(geojson(people["other_firm_member"], "?near_km=5"), offer) is None


def test_a_distance_without_a_site_is_a_clear_error(people, offer):
    response = client_for(people["manager"]).get("/api/symbiosis/map?near_km=20")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "near_km"


def test_a_listing_without_coordinates_is_counted_not_drawn(people, programme):
    firm = OrganisationFactory(name="Yersiz A.Ş.", latitude=None, longitude=None)
    ParticipationFactory(programme=programme, organisation=firm)
    ListingFactory(programme=programme, organisation=firm, title="Yersiz atık")
    collection = geojson(people["manager"])
    assert collection["unplaced"] == 1
    assert "Yersiz atık" not in json.dumps(collection, ensure_ascii=False)


def test_a_filter_keeps_only_the_synergies_between_the_listings_it_shows(
    people, offer, want, synergy
):
    assert lines(geojson(people["manager"], "?kind=offer")) == []
    assert len(lines(geojson(people["manager"], "?q=kırpıntı"))) == 1
