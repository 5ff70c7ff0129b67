"""Every readiness page and endpoint, for every role: a firm's readiness is seen by its members,
its assigned analyst and the programme managers; others get 404 and learn nothing."""

import pytest

from ..conftest import ROLES, client_for

FIRM_READERS = {"firm_admin", "firm_member", "manager", "analyst"}
PROGRAMME_READERS = {"manager", "analyst", "facilitator", "funder"}
NAME_READERS = {"manager", "analyst", "facilitator"}
CATALOGUE_EDITORS = {"manager", "analyst", "facilitator"}
FIRM_PAGES = ["firm", "footprints.pdf", "vsme.pdf", "vsme.xlsx", "profile"]
FIRM_ENDPOINTS = [
    "",
    "/profile",
    "/footprints",
    "/cbam",
    "/vsme",
    "/vsme.xlsx",
    "/vsme.pdf",
    "/footprints.pdf",
]


def _page(firm, name):
    return (
        f"/readiness/firms/{firm.pk}/" if name == "firm" else f"/readiness/firms/{firm.pk}/{name}"
    )


@pytest.fixture
def ready(firm, profile, approved):
    return firm


@pytest.mark.parametrize("role", ROLES)
def test_firm_pages(ready, people, role):
    client = client_for(people[role])
    for name in FIRM_PAGES:
        response = client.get(_page(ready, name))
        if role == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"], name
        elif role in FIRM_READERS:
            assert response.status_code == 200, (role, name)
            if name in ("firm", "profile"):
                assert ready.name in response.content.decode()
        else:
            assert response.status_code == 404, (role, name)
            assert ready.name not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_firm_endpoints(ready, people, role):
    client = client_for(people[role])
    for suffix in FIRM_ENDPOINTS:
        response = client.get(f"/api/readiness/firms/{ready.pk}{suffix}")
        if role == "anonymous":
            assert response.status_code == 401, suffix
        elif role in FIRM_READERS:
            assert response.status_code == 200, (role, suffix)
        else:
            assert response.status_code == 404, (role, suffix)
            assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("role", ROLES)
def test_answering_the_questionnaire(ready, people, role, answers):
    from .conftest import textile_answers

    client = client_for(people[role])
    payload = {**textile_answers(eu_export_share=33), "cn_codes": ["6109"]}
    response = client.put(
        f"/api/readiness/firms/{ready.pk}/profile", payload, content_type="application/json"
    )
    page = client.post(
        f"/readiness/firms/{ready.pk}/profile",
        {"export_markets": ["eu"], "eu_export_share": "44", "allocation_key": "mass"},
    )
    ready.readiness_profile.refresh_from_db()
    if role in FIRM_READERS:
        assert response.status_code == 200 and response.json()["eu_export_share"] == 33
        assert page.status_code == 302
        assert ready.readiness_profile.eu_export_share == 44
    else:
        assert response.status_code == (401 if role == "anonymous" else 404)
        assert page.status_code == (302 if role == "anonymous" else 404)
        assert ready.readiness_profile.eu_export_share == 55


@pytest.mark.parametrize("role", ROLES)
def test_programme_view(ready, programme, people, role):
    client = client_for(people[role])
    page = client.get(f"/readiness/programmes/{programme.pk}/")
    api = client.get(f"/api/readiness/programmes/{programme.pk}")
    if role == "anonymous":
        assert page.status_code == 302 and api.status_code == 401
    elif role in PROGRAMME_READERS:
        assert page.status_code == api.status_code == 200
        topics = api.json()["topics"]
        named = any(t["firms"] for t in topics)
        assert named == (role in NAME_READERS)
        assert (ready.name in page.content.decode()) == (role in NAME_READERS)
    else:
        assert page.status_code == api.status_code == 404
        assert ready.name not in page.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_catalogue(people, role):
    client = client_for(people[role])
    page = client.get("/readiness/catalogue/")
    edit = client.get("/readiness/catalogue/edit")
    api = client.get("/api/readiness/catalogue")
    if role == "anonymous":
        assert page.status_code == edit.status_code == 302 and api.status_code == 401
        return
    assert "Regulation (EU) 2023/956" in page.content.decode()
    assert api.json()["version"] == "2026.12"
    assert edit.status_code == (200 if role in CATALOGUE_EDITORS else 403)
    posted = client.post(
        "/api/readiness/catalogue",
        {"version": f"2026-{role}", "note": "x", "data": api.json()},
        content_type="application/json",
    )
    assert posted.status_code == (201 if role in CATALOGUE_EDITORS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_home_and_navigation(ready, programme, people, role):
    client = client_for(people[role])
    response = client.get("/readiness/", follow=True)
    if role == "anonymous":
        assert "/login/" in response.redirect_chain[-1][0]
        return
    home = client.get("/").content.decode()
    offered = 'href="/readiness/"' in home
    if role in FIRM_READERS | PROGRAMME_READERS | {"other_firm_member"}:
        assert response.status_code == 200 and offered
    else:
        assert response.status_code == 404 and not offered
    if role in ("firm_admin", "firm_member"):
        assert response.redirect_chain[-1][0] == f"/readiness/firms/{ready.pk}/"
