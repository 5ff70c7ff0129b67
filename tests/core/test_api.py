import pytest
from django.test import Client

from dekvep.core import services
from dekvep.core.models import Organisation
from tests.conftest import client_for
from tests.factories import OrganisationFactory


def _bearer(user):
    _token, key = services.create_api_token(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")


def test_it_answers_with_a_personal_token(people):
    response = _bearer(people["manager"]).get("/api/core/me")
    assert response.json()["email"] == "manager@operator.example"
    assert "manager" in response.json()["roles"]


def test_it_lists_only_a_firm_members_own_organisation(people, firm, other_firm):
    body = _bearer(people["firm_member"]).get("/api/core/organisations").json()
    assert [item["name"] for item in body["items"]] == [firm.name]
    assert body["count"] == 1


def test_it_hides_another_firms_object_behind_404(people, other_firm):
    response = _bearer(people["firm_member"]).get(f"/api/core/organisations/{other_firm.pk}")
    assert response.status_code == 404
    assert other_firm.name not in response.content.decode()
    assert response.json()["code"] == "not_found"


def test_it_paginates_every_list(people):
    OrganisationFactory.create_batch(7)
    body = _bearer(people["manager"]).get("/api/core/organisations?page=2&page_size=3").json()
    assert body["page"] == 2
    assert body["pages"] == 4  # 3 fixture organisations + the operator + 7 new = 11
    assert len(body["items"]) == 3


def test_it_reports_a_page_beyond_the_end(people):
    response = _bearer(people["manager"]).get("/api/core/organisations?page=99")
    assert response.status_code == 404
    assert "no page 99" in response.json()["message"]


def test_it_names_the_field_of_an_invalid_tax_number(people):
    response = _bearer(people["manager"]).post(
        "/api/core/organisations",
        {"name": "X", "kind": "manufacturer", "tax_number": "1234567891"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"][0]["field"] == "tax_number"
    assert "check digit" in body["errors"][0]["message"]
    assert not Organisation.objects.filter(name="X").exists()


def test_it_names_a_missing_field(people):
    response = _bearer(people["manager"]).post(
        "/api/core/organisations", {"kind": "manufacturer"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


def test_it_refuses_a_funder_writing(people, firm):
    client = _bearer(people["funder"])
    response = client.patch(
        f"/api/core/organisations/{firm.pk}", {"name": "Changed"}, content_type="application/json"
    )
    assert response.status_code in (403, 404)
    firm.refresh_from_db()
    assert firm.name != "Changed"
    created = client.post(
        "/api/core/organisations", {"name": "F", "kind": "other"}, content_type="application/json"
    )
    assert created.status_code == 403
    assert created.json()["code"] == "forbidden"


def test_it_requires_authentication(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/core/organisations")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_it_checks_csrf_for_session_writes(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["manager"])
    response = client.post(
        "/api/core/organisations", {"name": "Y", "kind": "other"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert not Organisation.objects.filter(name="Y").exists()


def test_it_manages_tokens_through_the_api(people):
    client = client_for(people["firm_member"])
    created = client.post(
        "/api/core/tokens", {"name": "ci"}, content_type="application/json"
    ).json()
    assert created["key"].startswith("dkv_")
    listed = client.get("/api/core/tokens").json()["items"]
    assert [t["name"] for t in listed] == ["ci"]
    client.delete(f"/api/core/tokens/{created['id']}")
    assert client.get("/api/core/tokens").json()["items"][0]["revoked"] is True


def test_it_adds_a_site_through_the_api(people, firm):
    response = client_for(people["firm_admin"]).post(
        f"/api/core/organisations/{firm.pk}/sites",
        {"name": "Depo", "latitude": 41.0, "longitude": 28.9},
        content_type="application/json",
    )
    assert response.json()["name"] == "Depo"


def test_it_invites_through_the_api(people, firm):
    response = client_for(people["firm_admin"]).post(
        f"/api/core/organisations/{firm.pk}/invitations",
        {"email": "api@firm.example", "role": "member"},
        content_type="application/json",
    )
    assert "/invitation/" in response.json()["link"]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("firm_admin", True),
        ("firm_member", True),
        ("other_firm_member", False),
        ("provider", False),
        ("manager", True),
        ("analyst", True),
        ("facilitator", True),
        ("jury", False),
        ("funder", False),
    ],
)
def test_it_shows_a_firms_members_only_to_its_members_and_staff(people, firm, role, sees):
    response = client_for(people[role]).get(f"/api/core/organisations/{firm.pk}/members")
    assert (response.status_code == 200) == sees
    assert ("member@firm.example" in response.content.decode()) == sees


@pytest.mark.parametrize(
    ("role", "count"),
    [("manager", 2), ("funder", None), ("jury", 2), ("firm_member", None), ("provider", None)],
)
def test_it_lists_participants_to_programme_staff(people, programme, role, count):
    response = client_for(people[role]).get(f"/api/core/programmes/{programme.slug}/participants")
    if count is None:
        assert response.status_code in (403, 404)
    else:
        assert response.json()["count"] == count


def test_it_serves_the_openapi_document(db):
    body = Client().get("/api/openapi.json").json()
    assert body["info"]["title"] == "DEKVEP API"
    assert "/api/core/organisations" in body["paths"]
