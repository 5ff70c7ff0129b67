"""Issue 10.3: anonymous listings cannot be located from distance answers.

With exact distances a firm moved its own site, asked three times and located every anonymous
listing (median error 57 m). Distances to anonymous listings now come from the listing's 5 km
grid cell, rounded up to 5 km; moving one's own coordinates is rate-limited and audited.
"""

import math

import pytest
from django.core.exceptions import ValidationError

from dekvep.core import services
from dekvep.core.models import AuditEntry, Participation
from dekvep.symbiosis.engine.geo import haversine_km
from dekvep.symbiosis.geo_privacy import anonymised_point, rounded_km
from tests.conftest import client_for
from tests.factories import OrganisationFactory, SiteFactory

from .factories import ListingFactory

SECRET = (41.0712, 28.8123)  # where the hidden firm really is


@pytest.fixture
def hidden(programme):
    firm = OrganisationFactory(name="Saklı Tekstil A.Ş.", latitude=SECRET[0], longitude=SECRET[1])
    Participation.objects.create(programme=programme, organisation=firm)
    return ListingFactory(programme=programme, organisation=firm, title="Saklı kırpıntı")


def _distance(client):
    items = client.get("/api/symbiosis/listings?near_km=200").json()["items"]
    return next(i["distance_km"] for i in items if i["title"] == "Saklı kırpıntı")


def test_trilateration_from_three_positions_no_longer_finds_the_listing(people, hidden, other_firm):
    site = SiteFactory(organisation=other_firm, latitude=41.0, longitude=28.6)
    client = client_for(people["other_firm_member"])
    probes = [(41.0, 28.6), (41.2, 28.8), (40.95, 29.0)]
    answers = []
    for lat, lon in probes:
        site.latitude, site.longitude = lat, lon
        site.save()
        answers.append(_distance(client))
    # Every answer is a multiple of 5 km measured to the cell centre, not to the firm.
    centre = anonymised_point(*SECRET)
    for (lat, lon), answer in zip(probes, answers, strict=True):
        assert answer % 5 == 0
        assert answer == rounded_km(haversine_km(centre[0], centre[1], lat, lon))
    # The best an attacker can solve for is somewhere in a 5 km-wide band around each probe:
    # the grid of candidate points consistent with all three answers spans kilometres.
    consistent = [
        (41.0 + i / 500, 28.7 + j / 500)
        for i in range(0, 100)
        for j in range(0, 100)
        if all(
            rounded_km(haversine_km(*anonymised_point(41.0 + i / 500, 28.7 + j / 500), la, lo)) == a
            for (la, lo), a in zip(probes, answers, strict=True)
        )
    ]
    spread = max(haversine_km(*a, *b) for a in consistent[:50] for b in consistent[-50:])
    assert spread > 2


def test_the_distance_filter_uses_the_same_coarse_distance(people, hidden, other_firm):
    lat, lon = anonymised_point(*SECRET)
    coarse = rounded_km(haversine_km(lat, lon, 41.0, 28.6))
    SiteFactory(organisation=other_firm, latitude=41.0, longitude=28.6)
    client = client_for(people["other_firm_member"])
    titles = lambda km: [  # noqa: E731
        i["title"] for i in client.get(f"/api/symbiosis/listings?near_km={km}").json()["items"]
    ]
    exact = haversine_km(*SECRET, 41.0, 28.6)
    assert not math.isclose(exact, coarse)
    assert "Saklı kırpıntı" in titles(coarse)
    assert "Saklı kırpıntı" not in titles(coarse - 5)


def test_the_firm_itself_sees_exact_distances(people, firm, programme):
    SiteFactory(organisation=firm, latitude=41.0, longitude=28.6)
    own = ListingFactory(programme=programme, organisation=firm, title="Kendi kırpıntım")
    firm.latitude, firm.longitude = SECRET
    firm.save()
    items = client_for(people["firm_member"]).get("/api/symbiosis/listings?near_km=200").json()
    mine = next(i for i in items["items"] if i["title"] == own.title)
    assert mine["distance_km"] == pytest.approx(haversine_km(*SECRET, 41.0, 28.6), abs=0.1)


def test_moving_ones_own_coordinates_is_rate_limited_and_audited(people, other_firm):
    site = SiteFactory(organisation=other_firm, latitude=41.0, longitude=28.6)
    admin = people["other_firm_member"]
    for step in range(1, 4):
        services.update_site(admin, site, latitude=41.0 + step / 10, longitude=28.6)
    with pytest.raises(ValidationError) as refused:
        services.update_site(admin, site, latitude=41.9, longitude=28.6)
    assert "latitude" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.update_organisation(admin, other_firm, latitude=40.5, longitude=29.0)
    # Changing other fields stays free.
    services.update_site(admin, site, name="Depo")
    changes = AuditEntry.objects.filter(object_id=str(site.pk), action="updated")
    assert sum("latitude" in str(e.changes) for e in changes) == 3


def test_the_web_form_names_the_refused_field(people, other_firm):
    site = SiteFactory(organisation=other_firm, latitude=41.0, longitude=28.6)
    for step in range(1, 4):
        services.update_site(people["other_firm_member"], site, latitude=41 + step / 10)
    with pytest.raises(ValidationError, match="changed several times today"):
        services.add_site(
            people["other_firm_member"], other_firm, name="Yeni", latitude=40.0, longitude=29.0
        )
