"""The report figures drill down to the issued reports, each reader seeing only what it may."""

import pytest

from tests.conftest import ROLES, client_for

from . import factories as f

FIRM_REPORTS = "/impact/figures/firm_reports/?programme=test-2022"
SECTOR_REPORTS = "/impact/figures/sector_reports/?programme=test-2022"


@pytest.fixture
def reports(programme, firm, other_firm, people):
    f.ReportFactory(programme=programme, organisation=firm)
    f.ReportFactory(programme=programme, organisation=other_firm, sector="plastics")
    f.ReportFactory(programme=programme, kind="sector", organisation=None, firms=7)
    return programme


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_the_firm_reports_behind_the_figure_only_to_their_reviewers(role, reports, people):
    response = client_for(people[role]).get(FIRM_REPORTS)
    body = response.content.decode()
    assert ("Boğaziçi Örme A.Ş." in body) == (role in {"manager", "analyst"})
    assert ("Rakip Plastik A.Ş." in body) == (role == "manager")
    if role in {"facilitator", "funder"}:
        assert 'id="aggregate-only"' in body and '<span class="value">2</span>' in body


def test_it_links_each_firm_report_to_its_pdf(reports, people):
    from dekvep.assessment.models import Report

    report = Report.objects.get(organisation__name="Boğaziçi Örme A.Ş.")
    body = client_for(people["analyst"]).get(FIRM_REPORTS).content.decode()
    assert f"/assessment/reports/{report.pk}/download" in body


@pytest.mark.parametrize("role", ["manager", "analyst", "facilitator", "funder"])
def test_it_lists_the_anonymous_sector_reports_to_every_reader_of_the_figures(
    role, reports, people
):
    body = client_for(people[role]).get(SECTOR_REPORTS).content.decode()
    assert "Textile" in body and "<td>7</td>" in body
    assert "Boğaziçi" not in body


def test_it_counts_the_reports_per_month_of_issue(reports, people):
    html = (
        client_for(people["funder"])
        .get("/impact/?programme=test-2022&series=firm_reports")
        .content.decode()
    )
    assert "June 2022: 2" in html
