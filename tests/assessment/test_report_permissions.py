"""Issued reports, on every page and endpoint, for every role: a firm sees only its own."""

import pytest

from dekvep.assessment import reporting
from dekvep.assessment.models import Report

from ..conftest import ROLES, client_for

FIRM_SIDE = {"firm_admin", "firm_member", "manager", "analyst"}
ISSUERS = {"manager", "analyst"}
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


@pytest.fixture
def sector_report(sector_of_three, people):
    return reporting.issue_sector_report(
        people["manager"], sector_of_three, "textile", language="en", render=False
    )


def _is_pdf(response) -> bool:
    return response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


# Pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_issued_versions_on_the_report_page_and_the_button_to_staff(
    role, issued, people
):
    response = client_for(people[role]).get(
        f"/assessment/inventories/{issued.inventory_id}/report/"
    )
    body = response.content.decode()
    if role not in FIRM_SIDE:
        assert response.status_code in (302, 404)
        assert "Issued reports" not in body
        return
    assert "Issued reports" in body
    assert f"/assessment/reports/{issued.pk}/download" in body
    assert ("Issue report</button>" in body) == (role in ISSUERS)


@pytest.mark.parametrize("role", ROLES)
def test_it_issues_the_firm_report_from_the_page_only_for_the_firms_reviewers(
    role, approved, people
):
    client = client_for(people[role])
    response = client.post(
        f"/assessment/inventories/{approved.pk}/report/issue", {"language": "en"}
    )
    issued = Report.objects.filter(inventory=approved, status="issued")
    if role in ISSUERS:
        assert issued.get().issued_by == people[role]
        follow = client.get(response["Location"]).content.decode()
        assert "The report was issued." in follow
    else:
        assert not issued.exists()
        expected = {"anonymous": 302, "firm_admin": 403, "firm_member": 403}.get(role, 404)
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_only_the_firms_own_issued_reports(role, issued, people):
    response = client_for(people[role]).get("/assessment/reports/")
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
        return
    body = response.content.decode()
    assert ("Boğaziçi Örme A.Ş." in body) == (role in FIRM_SIDE)
    if role not in FIRM_SIDE:
        assert "No report has been issued yet." in body


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_sector_reports_to_those_who_read_sector_reports(role, sector_report, people):
    response = client_for(people[role]).get("/assessment/reports/?kind=sector")
    if role == "anonymous":
        assert response.status_code == 302
        return
    body = response.content.decode()
    assert ("Sector report: Textile" in body) == (role in SECTOR_READERS)
    assert "Anadolu Boya" not in body


@pytest.mark.parametrize("role", ROLES)
def test_it_downloads_the_issued_firm_pdf_only_for_the_firm_and_its_reviewers(role, issued, people):
    response = client_for(people[role]).get(f"/assessment/reports/{issued.pk}/download")
    if role in FIRM_SIDE:
        assert _is_pdf(response)
        assert "dekvep-firm-report-" in response["Content-Disposition"]
    else:
        assert response.status_code in (302, 404)
        assert not response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_it_downloads_the_issued_sector_pdf_for_sector_report_readers(role, sector_report, people):
    response = client_for(people[role]).get(f"/assessment/reports/{sector_report.pk}/download")
    if role in SECTOR_READERS:
        assert _is_pdf(response)
    else:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_issues_the_sector_report_from_its_page_only_for_managers_and_analysts(
    role, sector_of_three, people
):
    client = client_for(people[role])
    url = f"/assessment/sectors/textile/issue?programme={sector_of_three.pk}"
    response = client.post(url, {"language": "tr"})
    issued = Report.objects.filter(kind="sector", sector="textile")
    if role in ISSUERS:
        assert issued.get().issued_by == people[role]
        page = client.get(response["Location"]).content.decode()
        assert "The report was issued." in page and "Issue report</button>" in page
    else:
        assert not issued.exists()
        assert response.status_code in (302, 403)


# API -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_issued_reports_in_the_api_only_to_those_who_may_read_them(role, issued, people):
    response = client_for(people[role]).get("/api/assessment/reports")
    if role == "anonymous":
        assert response.status_code == 401
        return
    names = [r["organisation_name"] for r in response.json()["items"]]
    assert names == (["Boğaziçi Örme A.Ş."] if role in FIRM_SIDE else [])


def test_it_pages_the_report_list_in_the_api(approved, people):
    for language in ("tr", "en", "tr"):
        reporting.issue_firm_report(people["analyst"], approved, language, render=False)
    client = client_for(people["firm_member"])
    body = client.get("/api/assessment/reports?page_size=1&status=").json()
    assert (body["count"], body["pages"], len(body["items"])) == (3, 3, 1)
    issued_only = client.get("/api/assessment/reports").json()
    assert sorted(r["language"] for r in issued_only["items"]) == ["en", "tr"]


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_an_issued_report_in_the_api_only_for_the_firm_and_its_reviewers(
    role, issued, people
):
    response = client_for(people[role]).get(f"/api/assessment/reports/{issued.pk}")
    if role == "anonymous":
        assert response.status_code == 401
    elif role in FIRM_SIDE:
        body = response.json()
        assert (body["organisation_name"], body["status"]) == ("Boğaziçi Örme A.Ş.", "issued")
        assert body["download_url"] == f"/api/assessment/reports/{issued.pk}/download"
    else:
        assert response.status_code == 404
        assert "Boğaziçi" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_downloads_the_issued_pdf_in_the_api_only_for_the_firm_and_its_reviewers(
    role, issued, people
):
    response = client_for(people[role]).get(f"/api/assessment/reports/{issued.pk}/download")
    if role == "anonymous":
        assert response.status_code == 401
    elif role in FIRM_SIDE:
        assert _is_pdf(response)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_it_issues_a_firm_report_in_the_api_only_for_the_firms_reviewers(role, approved, people):
    response = client_for(people[role]).post(
        f"/api/assessment/inventories/{approved.pk}/reports",
        {"language": "en"},
        content_type="application/json",
    )
    if role in ISSUERS:
        assert response.status_code == 201
        body = response.json()
        assert (body["kind"], body["language"], body["inventory_id"]) == ("firm", "en", approved.pk)
    else:
        expected = {"anonymous": 401, "firm_admin": 403, "firm_member": 403}.get(role, 404)
        assert response.status_code == expected
        assert not Report.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_it_issues_a_sector_report_in_the_api_only_for_managers_and_analysts(
    role, sector_of_three, people
):
    response = client_for(people[role]).post(
        f"/api/assessment/programmes/{sector_of_three.pk}/sectors/textile/reports",
        {"language": "tr", "year": 2024},
        content_type="application/json",
    )
    if role in ISSUERS:
        assert response.status_code == 201
        assert (response.json()["firms"], response.json()["organisation_id"]) == (3, None)
    else:
        assert response.status_code == (401 if role == "anonymous" else 403)
        assert not Report.objects.exists()


def test_it_names_the_field_when_the_api_refuses_a_sector_report(approved, programme, people):
    response = client_for(people["manager"]).post(
        f"/api/assessment/programmes/{programme.pk}/sectors/textile/reports",
        {"language": "tr"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "sector"


def test_it_shows_the_issued_reports_in_turkish_by_default(issued, people):
    from django.test import Client

    client = Client()
    client.force_login(people["firm_member"])
    body = client.get("/assessment/reports/").content.decode()
    assert "Düzenlenen raporlar" in body and "Düzenlendi" in body
