"""Who may read the impact pages and API: programme staff and funder viewers, read-only."""

import pytest

from tests.conftest import ROLES, client_for

READERS = {"manager", "analyst", "facilitator", "funder"}

PAGES = [
    "/impact/?programme=test-2022",
    "/impact/figures/seminars/?programme=test-2022",
    "/impact/export.xlsx?programme=test-2022",
    "/impact/report.pdf?programme=test-2022",
]
ENDPOINTS = [
    "/api/impact/summary?programme=test-2022",
    "/api/impact/figures?programme=test-2022",
    "/api/impact/figures/seminars?programme=test-2022",
    "/api/impact/figures/seminars/records?programme=test-2022",
    "/api/impact/export.xlsx?programme=test-2022",
    "/api/impact/report.pdf?programme=test-2022",
]


def _expected_page_status(role):
    if role == "anonymous":
        return 302
    return 200 if role in READERS else 403


def _expected_api_status(role):
    if role == "anonymous":
        return 401
    return 200 if role in READERS else 403


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_programme_staff_and_funders_open_impact_pages(records, people, role, url):
    response = client_for(people[role]).get(url)
    assert response.status_code == _expected_page_status(role)
    if role == "anonymous":
        assert response["Location"].startswith("/login/")
    elif role not in READERS:
        assert "Yeşil Mutabakat" not in response.content.decode()


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_programme_staff_and_funders_read_the_api(records, people, role, url):
    response = client_for(people[role]).get(url)
    assert response.status_code == _expected_api_status(role)
    if response.status_code in (401, 403):
        assert response.json()["code"] in ("unauthenticated", "forbidden")
        assert "Yeşil Mutabakat" not in response.content.decode()


@pytest.mark.parametrize("role", sorted(READERS))
def test_it_shows_the_seminar_behind_the_figure_to_each_reader(records, people, role):
    response = client_for(people[role]).get("/impact/figures/seminars/?programme=test-2022")
    assert "Yeşil Mutabakat semineri" in response.content.decode()


def test_it_refuses_the_funder_of_another_programme(records, people):
    from tests.factories import ProgrammeFactory, StaffAssignmentFactory

    stranger = StaffAssignmentFactory(programme=ProgrammeFactory(), role="funder").user
    response = client_for(stranger).get("/api/impact/summary?programme=test-2022")
    assert response.status_code == 403


def test_it_answers_404_for_an_unknown_programme(records, people):
    response = client_for(people["manager"]).get("/api/impact/summary?programme=nope")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only_for_the_funder(records, people, method):
    client = client_for(people["funder"])
    page = getattr(client, method)("/impact/?programme=test-2022")
    api = getattr(client, method)("/api/impact/summary?programme=test-2022")
    assert page.status_code == 405
    assert api.status_code == 405


def test_it_shows_no_write_control_on_the_funders_dashboard(records, people):
    html = client_for(people["funder"]).get("/impact/?programme=test-2022").content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "Export to Excel" in main
    assert 'method="post"' not in main
