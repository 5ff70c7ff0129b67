"""In a blind phase no applicant identity reaches a reviewer: page, API, file names, exports."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.conftest import client_for

from .factories import PhaseFactory

NAME = "Boğaziçi Örme"


@pytest.fixture
def blind(world):
    PhaseFactory(call=world["call"], blind=True, active=True)
    return world


def test_it_hides_the_applicant_on_the_review_page(people, blind):
    page = client_for(people["jury"]).get(f"/calls/reviews/{blind['review'].pk}/").content.decode()
    assert blind["application"].reference in page
    assert NAME not in page


def test_it_hides_the_applicant_in_the_review_list(people, blind):
    page = client_for(people["jury"]).get("/calls/reviews/").content.decode()
    assert blind["application"].reference in page and NAME not in page


def test_it_hides_the_applicant_in_the_api(people, blind):
    data = client_for(people["jury"]).get(f"/api/calls/reviews/{blind['review'].pk}").json()
    assert data["application"]["applicant"] == blind["application"].reference
    assert data["application"]["organisation_id"] is None
    assert NAME not in str(data)


def test_it_names_a_downloaded_file_by_reference_only(people, blind):
    response = client_for(people["jury"]).get(f"/calls/answers/{blind['answer'].pk}/file/")
    disposition = response["Content-Disposition"]
    assert f"{blind['application'].reference}-q" in disposition and "Bo" not in disposition


def test_it_hides_the_applicant_on_the_ranking_page_and_export(people, blind):
    client = client_for(people["jury"])
    page = client.get(f"/calls/{blind['call'].pk}/ranking/").content.decode()
    assert blind["application"].reference in page and NAME not in page
    workbook = load_workbook(BytesIO(client.get(f"/calls/{blind['call'].pk}/ranking.xlsx").content))
    cells = [str(c.value) for row in workbook.active.iter_rows() for c in row]
    assert blind["application"].reference in cells
    assert not any(NAME in c for c in cells)


def test_it_shows_the_applicant_to_reviewers_once_the_phase_is_open(people, world):
    PhaseFactory(call=world["call"], blind=False, active=True)
    page = client_for(people["jury"]).get(f"/calls/reviews/{world['review'].pk}/").content.decode()
    assert NAME in page


def test_it_shows_staff_the_applicant_even_in_a_blind_phase(people, blind):
    page = client_for(people["manager"]).get(f"/calls/{blind['call'].pk}/ranking/").content.decode()
    assert NAME in page
