import pytest

from tests.conftest import client_for

from .factories import ListingFactory

VIEWERS_OF_PUBLISHED = [
    "firm_admin",
    "firm_member",
    "other_firm_member",
    "manager",
    "analyst",
    "facilitator",
]


def test_it_creates_a_listing_with_tonnes_per_year_and_material_read_from_the_text(
    people, firm, programme
):
    client = client_for(people["firm_member"])
    response = client.post(
        "/api/symbiosis/listings",
        {
            "kind": "offer",
            "title": "Testere talaşı",
            "waste_code": "03 01 05",
            "quantity": 10,
            "unit": "t",
            "frequency": "month",
            "organisation_id": firm.pk,
            "programme_id": programme.pk,
        },
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["waste_code"], body["material"], body["tonnes_per_year"]) == (
        "030105",
        "sawdust",
        120.0,
    )


def test_it_rejects_an_unknown_waste_code_naming_the_field(people, firm, programme):
    response = client_for(people["firm_member"]).post(
        "/api/symbiosis/listings",
        {
            "kind": "offer",
            "title": "Talaş",
            "waste_code": "99 99 99",
            "quantity": 10,
            "organisation_id": firm.pk,
            "programme_id": programme.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "waste_code"


def test_it_rejects_a_unit_that_does_not_fit_the_material(people, firm, programme):
    response = client_for(people["firm_member"]).post(
        "/api/symbiosis/listings",
        {
            "kind": "offer",
            "title": "Testere talaşı",
            "quantity": 10,
            "unit": "pcs",
            "organisation_id": firm.pk,
            "programme_id": programme.pk,
        },
        content_type="application/json",
    )
    assert response.json()["errors"][0]["field"] == "unit"


@pytest.mark.parametrize("role", ["anonymous", "other_firm_member", "jury", "funder", "provider"])
def test_it_refuses_to_create_a_listing_for_another_firm(people, firm, programme, role):
    response = client_for(people[role]).post(
        "/api/symbiosis/listings",
        {
            "kind": "offer",
            "title": "Talaş",
            "quantity": 10,
            "organisation_id": firm.pk,
            "programme_id": programme.pk,
        },
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("role", VIEWERS_OF_PUBLISHED)
def test_it_shows_a_published_listing_to_programme_firms_and_staff(people, offer, role):
    response = client_for(people[role]).get(f"/api/symbiosis/listings/{offer.pk}")
    assert response.json()["title"] == "Pamuklu kumaş kırpıntısı"


@pytest.mark.parametrize("role", ["jury", "funder", "provider"])
def test_it_hides_a_listing_from_roles_outside_the_marketplace(people, offer, role):
    assert client_for(people[role]).get(f"/api/symbiosis/listings/{offer.pk}").status_code == 404


def test_it_asks_anonymous_visitors_to_log_in(offer):
    assert client_for(None).get(f"/api/symbiosis/listings/{offer.pk}").status_code == 401


def test_it_hides_a_draft_from_other_firms(people, programme, firm):
    draft = ListingFactory(programme=programme, organisation=firm, status="draft")
    assert (
        client_for(people["other_firm_member"])
        .get(f"/api/symbiosis/listings/{draft.pk}")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("firm_member", "Boğaziçi Örme A.Ş."),
        ("analyst", "Boğaziçi Örme A.Ş."),
        ("manager", "Boğaziçi Örme A.Ş."),
        ("facilitator", "a textile firm"),
        ("other_firm_member", "a textile firm"),
    ],
)
def test_it_names_the_firm_only_to_those_entitled(people, offer, role, seen):
    firm = client_for(people[role]).get(f"/api/symbiosis/listings/{offer.pk}").json()["firm"]
    assert firm.startswith(seen)


def test_it_searches_listings_by_words_and_code(people, programme, firm):
    ListingFactory(
        programme=programme,
        organisation=firm,
        title="Uçucu kül",
        waste_code="100102",
        material="fly_ash",
    )
    ListingFactory(programme=programme, organisation=firm, title="Cam kırığı", material="glass")
    client = client_for(people["other_firm_member"])
    by_word = client.get("/api/symbiosis/listings?q=kül").json()["items"]
    by_code = client.get("/api/symbiosis/listings?code=10 01 02").json()["items"]
    assert [i["title"] for i in by_word] == [i["title"] for i in by_code] == ["Uçucu kül"]


def test_it_ranks_matches_with_reasons_and_no_firm_names(people, offer, want):
    matches = (
        client_for(people["firm_member"]).get(f"/api/symbiosis/listings/{offer.pk}/matches").json()
    )
    assert matches[0]["listing"]["title"] == "Keçe üretimi için tekstil kırpıntısı"
    assert matches[0]["listing"]["firm"] == "a plastics firm in Dudullu OSB"
    assert "cotton textile is a kind of textiles" in [r["text"] for r in matches[0]["reasons"]]
    assert "Rakip" not in str(matches)


def test_it_lets_a_member_pause_the_listing(people, offer):
    response = client_for(people["firm_member"]).post(
        f"/api/symbiosis/listings/{offer.pk}/status",
        {"status": "paused"},
        content_type="application/json",
    )
    assert response.json()["status"] == "paused"


def test_it_refuses_another_firm_to_change_the_status(people, offer):
    response = client_for(people["other_firm_member"]).post(
        f"/api/symbiosis/listings/{offer.pk}/status",
        {"status": "closed"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_it_proposes_waste_codes_from_the_text(people):
    proposals = (
        client_for(people["firm_member"]).get("/api/symbiosis/code-proposals?text=uçucu kül").json()
    )
    assert proposals[0]["code"] == "100102"
