"""Every assessment page and endpoint, for every role: who sees the firm's data and who does not."""

import pytest

from ..conftest import ROLES, client_for

FIRM_SIDE = {"firm_admin", "firm_member", "manager", "analyst"}
SECTOR_READERS = {
    "firm_admin",
    "firm_member",
    "other_firm_member",
    "manager",
    "analyst",
    "facilitator",
    "jury",
    "funder",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["", "report/", "edit"])
def test_it_shows_an_inventory_page_only_to_the_firm_and_its_reviewers(
    role, page, inventory, people
):
    response = client_for(people[role]).get(f"/assessment/inventories/{inventory.pk}/{page}")
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif role in FIRM_SIDE:
        assert response.status_code == 200
        assert "Boğaziçi Örme A.Ş." in response.content.decode()
    else:
        assert response.status_code == 404
        assert "Boğaziçi Örme" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_the_pdf_report_only_to_the_firm_and_its_reviewers(role, inventory, people):
    response = client_for(people[role]).get(f"/assessment/inventories/{inventory.pk}/report.pdf")
    if role in FIRM_SIDE:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    else:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_the_excel_template_only_to_the_firm_and_its_reviewers(role, inventory, people):
    response = client_for(people[role]).get(f"/assessment/inventories/{inventory.pk}/template.xlsx")
    if role in FIRM_SIDE:
        assert response.content.startswith(b"PK")
    else:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_reviewers_approve(role, inventory, people):
    from dekvep.assessment.services import transition

    transition(people["firm_admin"], inventory, "submit")
    client_for(people[role]).post(
        f"/assessment/inventories/{inventory.pk}/transition", {"action": "approve"}
    )
    inventory.refresh_from_db()
    assert (inventory.status == "approved") == (role in {"manager", "analyst"})


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_in_the_api_only_inventories_the_user_may_see(role, inventory, people):
    response = client_for(people[role]).get("/api/assessment/inventories")
    if role == "anonymous":
        assert response.status_code == 401
        return
    names = [i["organisation_name"] for i in response.json()["items"]]
    assert names == (["Boğaziçi Örme A.Ş."] if role in FIRM_SIDE else [])


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_the_report_api_only_for_the_firm_and_its_reviewers(role, inventory, people):
    response = client_for(people[role]).get(f"/api/assessment/inventories/{inventory.pk}/report")
    if role == "anonymous":
        assert response.status_code == 401
    elif role in FIRM_SIDE:
        assert response.json()["organization"] == "Boğaziçi Örme A.Ş."
    else:
        assert response.status_code == 404
        assert "Boğaziçi" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_sector_report_to_programme_people_without_firm_names(role, approved, people):
    response = client_for(people[role]).get("/assessment/sectors/textile/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role in SECTOR_READERS:
        body = response.content.decode()
        assert response.status_code == 200
        assert "Fewer than three firms" in body
        assert "Boğaziçi" not in body
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_the_sector_api_without_figures_below_three_firms(
    role, approved, programme, people
):
    response = client_for(people[role]).get(
        f"/api/assessment/programmes/{programme.pk}/sectors/textile/report"
    )
    if role == "anonymous":
        assert response.status_code == 401
    elif role in SECTOR_READERS:
        body = response.json()
        assert body["firms"] is None
        assert body["indicators"]["water_m3_per_t"] is None
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_every_sector_section_in_the_api_to_sector_readers_only(
    role, demo_sector, programme, people
):
    response = client_for(people[role]).get(
        f"/api/assessment/programmes/{programme.pk}/sectors/textile/report?lang=en"
    )
    if role == "anonymous":
        assert response.status_code == 401
    elif role in SECTOR_READERS:
        body = response.json()
        assert body["profile"]["firms"] == 6
        assert body["opportunities"]["measures"][0]["title"]
        assert body["waste_streams"]["chapters"][0]["title"]
        assert "Demo Örme" not in response.content.decode()
    else:
        assert response.status_code == 403
        assert "profile" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_reviewers_decide_opportunities_in_the_api(role, approved, people):
    measure = approved.opportunities.first()
    response = client_for(people[role]).post(
        f"/api/assessment/opportunities/{measure.pk}/decision",
        {"decision": "accepted"},
        content_type="application/json",
    )
    measure.refresh_from_db()
    assert (measure.status == "accepted") == (role in {"manager", "analyst"})
    if role in {"other_firm_member", "facilitator", "jury", "funder", "provider"}:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_programme_managers_and_analysts_generate_all_reports(
    role, approved, programme, people
):
    response = client_for(people[role]).post(
        f"/api/assessment/programmes/{programme.pk}/reports/generate"
    )
    if role in {"manager", "analyst"}:
        assert response.status_code == 202
    else:
        assert response.status_code in (401, 403)
