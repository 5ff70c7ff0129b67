"""The dashboard, drill-down pages and funder exports show the figures computed from records."""

import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import client_for

from . import factories as f

ASSESSMENTS = "/impact/figures/assessments_completed/?programme=test-2022"


def test_it_shows_a_card_per_figure_with_its_value(records, people):
    html = client_for(people["manager"]).get("/impact/?programme=test-2022").content.decode()
    seminars = html.split('id="figure-seminars"', 1)[1].split("</a>", 1)[0]
    assert '<span class="value">1</span>' in seminars
    outreach = html.split('id="figure-outreach_people"', 1)[1].split("</a>", 1)[0]
    assert '<span class="value">110</span>' in outreach
    assert "Students: <strong>100</strong>" in outreach


def test_it_draws_the_monthly_series_as_svg_without_inline_style(records, people):
    client = client_for(people["funder"])
    html = client.get("/impact/?programme=test-2022&series=seminars").content.decode()
    svg = html.split('<svg class="impact-chart"', 1)[1].split("</svg>", 1)[0]
    assert "<rect" in svg
    assert "June 2022: 1" in svg
    assert "style=" not in html


def test_it_lists_all_firms_assessments_to_the_programme_manager(records, people):
    html = client_for(people["manager"]).get(ASSESSMENTS).content.decode()
    assert "Boğaziçi Örme A.Ş." in html
    assert "Rakip Plastik A.Ş." in html


def test_it_lists_only_assigned_firms_assessments_to_an_analyst(records, people):
    html = client_for(people["analyst"]).get(ASSESSMENTS).content.decode()
    assert "Boğaziçi Örme A.Ş." in html
    assert "Rakip Plastik A.Ş." not in html


@pytest.mark.parametrize("role", ["funder", "facilitator"])
def test_it_shows_only_the_aggregate_of_firms_records(records, people, role):
    html = client_for(people[role]).get(ASSESSMENTS).content.decode()
    assert 'id="aggregate-only"' in html
    assert '<span class="value">2</span>' in html
    assert "Boğaziçi Örme" not in html
    assert "Rakip Plastik" not in html


def test_it_refuses_firms_records_to_the_funder_in_the_api(records, people):
    client = client_for(people["funder"])
    url = "/api/impact/figures/assessments_completed/records?programme=test-2022"
    assert client.get(url).status_code == 403
    detail = client.get("/api/impact/figures/assessments_completed?programme=test-2022").json()
    assert detail["value"] == 2
    assert detail["records_visible"] is False


def test_it_pages_the_records_behind_a_figure_in_the_api(records, people):
    url = "/api/impact/figures/assessments_completed/records?programme=test-2022&page_size=1"
    body = client_for(people["manager"]).get(url).json()
    assert body["count"] == 2
    assert body["pages"] == 2
    assert body["items"][0]["cells"]["Firm"] in {"Boğaziçi Örme A.Ş.", "Rakip Plastik A.Ş."}


def test_it_gives_the_monthly_series_in_the_api(records, people):
    url = "/api/impact/figures/outreach_people?programme=test-2022"
    body = client_for(people["funder"]).get(url).json()
    assert body["monthly"] == [{"month": "2022-06", "value": 110.0}]


def test_it_exports_the_figures_to_excel(records, people):
    response = client_for(people["funder"]).get("/impact/export.xlsx?programme=test-2022")
    assert "test-2022-impact" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = {row[0]: row[2] for row in book["Figures"].iter_rows(min_row=3, values_only=True)}
    assert rows["seminars"] == 1
    assert rows["outreach_people"] == 110
    assert rows["assessments_completed"] == 2
    monthly = list(book["Monthly"].iter_rows(min_row=2, values_only=True))
    assert ("Seminars", "Jun 2022", 1) in monthly


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_it_writes_the_funder_report_as_pdf_in_english(records, people):
    response = client_for(people["funder"]).get("/impact/report.pdf?programme=test-2022")
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Programme impact report" in text
    assert "Students and teachers reached" in text
    assert "Test Programme" in text


def test_it_writes_the_funder_report_in_turkish_by_default(records, people):
    client = Client()
    client.force_login(people["funder"])
    text = _pdf_text(client.get("/impact/report.pdf?programme=test-2022").content)
    assert "Program etki raporu" in text


def test_it_shows_the_dashboard_in_turkish_by_default(records, people):
    client = Client()
    client.force_login(people["funder"])
    html = client.get("/impact/?programme=test-2022").content.decode()
    assert "Program etkisi" in html
    assert "Excel'e aktar" in html


def test_it_defaults_to_the_users_newest_programme(records, people):
    html = client_for(people["funder"]).get("/impact/").content.decode()
    assert "Test Programme" in html


def test_it_marks_a_figure_whose_records_are_not_available_yet(records, people, monkeypatch):
    from dekvep.impact import figures, registry

    saved = figures.get_figure("sector_reports")
    monkeypatch.setitem(registry._REGISTRY, "sector_reports", saved)
    # A figure with no way to compute it yet: it answers 0 and says so.
    registry.register(registry.Figure("sector_reports", "Sector reports issued", "assessment"))
    html = client_for(people["manager"]).get("/impact/?programme=test-2022").content.decode()
    pending = re.findall(r'class="card stat pending" href="[^"]+" id="figure-(\w+)"', html)
    assert pending == ["sector_reports"]
    card = html.split('id="figure-sector_reports"', 1)[1].split("</a>", 1)[0]
    assert '<span class="value">0</span>' in card
    assert "no records yet" in card


def test_it_hides_other_programmes_records_from_the_drill_down(records, people):
    f.EventFactory(programme__slug="elsewhere", title="Başka program semineri")
    html = (
        client_for(people["manager"])
        .get("/impact/figures/seminars/?programme=test-2022")
        .content.decode()
    )
    assert "Yeşil Mutabakat semineri" in html
    assert "Başka program semineri" not in html


def test_it_lists_an_opportunity_between_two_assigned_firms_once(records, people, firm):
    from dekvep.core.models import Participation
    from tests.factories import OrganisationFactory

    partner = OrganisationFactory(name="Ortak Geri Dönüşüm A.Ş.")
    Participation.objects.create(programme=records, organisation=partner, analyst=people["analyst"])
    opportunity = f.OpportunityFactory(programme=records, title="Kumaş kırpıntısı geri kazanımı")
    opportunity.parties.set([firm, partner])
    f.OpportunityFactory(programme=records, title="Başka firmaların işbirliği")
    url = "/impact/figures/collaboration_opportunities/?programme=test-2022"
    html = client_for(people["analyst"]).get(url).content.decode()
    assert html.count("Kumaş kırpıntısı geri kazanımı") == 1
    assert "Başka firmaların işbirliği" not in html
