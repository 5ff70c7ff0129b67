"""What a firm sees: its requirements, questionnaire errors, footprints, CBAM, VSME files and
the readiness section of its firm report."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dekvep.readiness.models import ReadinessProfile

from ..conftest import client_for


def _form(**changes):
    data = {
        "export_markets": ["eu"],
        "eu_export_share": "60",
        "customer_requests": "yes",
        "cn_codes": "6109 10, 6302",
        "product_types": ["apparel"],
        "packaging_placed_t": "30",
        "packaging_kinds": ["paper"],
        "fgas_equipment": ["air_conditioning"],
        "fgas_in_products": "no",
        "mrv_installation": "",
        "headcount": "120",
        "allocation_key": "mass",
    }
    data.update(changes)
    return data


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_a_firm_answers_and_sees_which_rules_apply_and_why(firm, people):
    client = client_for(people["firm_admin"])
    before = client.get(f"/readiness/firms/{firm.pk}/").content.decode()
    assert "The questionnaire is not answered yet" in before
    response = client.post(f"/readiness/firms/{firm.pk}/profile", _form(), follow=True)
    page = response.content.decode()
    assert "Your answers are saved" in page
    assert "ESPR: ecodesign requirements and the Digital Product Passport" in page
    assert "Your CN codes 610910, 6302 are in scope." in page
    assert "You export to the EU." in page
    assert "Not answered yet: whether you have a greenhouse-gas monitoring plan." in page


def test_a_wrong_answer_is_shown_at_its_field_and_nothing_is_saved(firm, people):
    client = client_for(people["firm_admin"])
    response = client.post(
        f"/readiness/firms/{firm.pk}/profile", _form(cn_codes="6109, 0101", eu_export_share="140")
    )
    page = response.content.decode()
    assert "code 2 (0101): heading 0101 is not in the CN list" in page
    assert "Enter a percentage between 0 and 100." in page
    assert not ReadinessProfile.objects.exists()


def test_the_questionnaire_speaks_turkish(firm, people):
    client = client_for(people["firm_admin"])
    client.cookies["dekvep_language"] = "tr"
    page = client.get(f"/readiness/firms/{firm.pk}/profile", HTTP_ACCEPT_LANGUAGE="tr").content
    text = page.decode()
    assert "Hazırlık anketi" in text and "Ürünlerinizin KN (GTİP) kodları" in text
    assert "Avrupa Birliği" in text


def test_the_page_shows_what_the_platform_holds_and_links_the_action_plan(
    firm, profile, approved, people
):
    page = client_for(people["analyst"]).get(f"/readiness/firms/{firm.pk}/").content.decode()
    assert "Your carbon footprint 2024 is approved." in page
    assert "Timeline of deadlines" in page
    assert "Product carbon footprints (cradle-to-gate)" in page
    assert "allocated to product lines by mass produced (tonnes)" in page


def test_product_footprints_pdf_states_method_and_figures(firm, profile, approved, people):
    response = client_for(people["firm_member"]).get(
        f"/readiness/firms/{firm.pk}/footprints.pdf?lang=en"
    )
    text = _pdf_text(response.content)
    assert "Cradle-to-gate" in text and "by mass produced" in text
    assert "tCO2e per" in text and "Boyalı örme kumaş" in text
    api = client_for(people["firm_member"]).get(f"/api/readiness/firms/{firm.pk}/footprints").json()
    total = approved.result["ghg"]["scope1_tco2e"] + approved.result["ghg"]["scope2_location_tco2e"]
    assert sum(row["site_tco2e"] for row in api["rows"]) == pytest.approx(total)


def test_vsme_excel_marks_what_is_missing_in_both_languages(firm, profile, approved, people):
    client = client_for(people["firm_admin"])
    for language, missing, label in (
        ("en", "missing", "Scope 1 emissions"),
        ("tr", "eksik", "Kapsam 1 emisyonları"),
    ):
        content = client.get(f"/readiness/firms/{firm.pk}/vsme.xlsx?lang={language}").content
        rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        by_label = {row[1]: row for row in rows if row and row[1]}
        assert by_label[label][2] == pytest.approx(approved.result["ghg"]["scope1_tco2e"])
        gap = next(v for k, v in by_label.items() if k.startswith(("Gender", "Cinsiyet")))
        assert gap[2] == missing


def test_vsme_pdf_in_turkish(firm, profile, approved, people):
    content = (
        client_for(people["firm_admin"]).get(f"/readiness/firms/{firm.pk}/vsme.pdf?lang=tr").content
    )
    text = _pdf_text(content)
    assert "VSME raporu (Temel Modül)" in text and "eksik" in text


def test_the_firm_report_has_a_readiness_section(firm, profile, approved, people):
    page = (
        client_for(people["firm_admin"])
        .get(f"/assessment/inventories/{approved.pk}/report/")
        .content.decode()
    )
    assert "Green Deal readiness" in page
    assert "Extended producer responsibility for textiles" in page


def _cbam_inventory(programme, firm, goods):
    from dekvep.assessment.services import compute_result

    from ..assessment.factories import InventoryFactory, example_data

    cbam = {"carbon_price_eur_per_t": 80, "year": 2026, "goods": goods}
    data = example_data(organization=firm.name, year=2024, cbam=cbam)
    inventory = InventoryFactory(programme=programme, organisation=firm, data=data)
    compute_result(inventory)
    return inventory


EXPORT = {"cn_code": "7326", "flow": "export", "origin": "TR", "quantity": 40, "unit": "t"}
INPUT = {"cn_code": "7209", "flow": "import", "origin": "IN", "quantity": 500, "unit": "t"}


def test_cbam_exposure_costs_only_exports_and_explains_the_threshold(
    firm, profile, people, programme
):
    inventory = _cbam_inventory(programme, firm, [dict(EXPORT, embedded_tco2e_per_t=2.0), INPUT])
    client = client_for(people["firm_admin"])
    found = client.get(f"/api/readiness/firms/{firm.pk}/cbam").json()
    assert found["export_t"] == 40 and found["embedded_exports"] == pytest.approx(80)
    assert found["inputs_t"] == 500 and found["inputs_embedded"] > 0
    assert found["below_threshold"] is True
    page = client.get(f"/readiness/firms/{firm.pk}/").content.decode()
    assert "less than 50 t of CBAM goods a year in total" in page
    # The inputs bought add nothing to what the EU customers pay.
    inventory.data["cbam"]["goods"] = [dict(EXPORT, embedded_tco2e_per_t=2.0)]
    inventory.save()
    from dekvep.assessment.services import compute_result

    compute_result(inventory)
    alone = client.get(f"/api/readiness/firms/{firm.pk}/cbam").json()
    assert alone["customer_cost_eur"] == pytest.approx(found["customer_cost_eur"])


def test_the_firm_home_page_asks_for_the_questionnaire_until_it_is_answered(firm, people, answers):
    from dekvep.readiness import services

    client = client_for(people["firm_admin"])
    assert "Answer the Green Deal readiness questionnaire of" in client.get("/").content.decode()
    services.save_profile(people["firm_admin"], firm, answers)
    assert (
        "Answer the Green Deal readiness questionnaire of" not in client.get("/").content.decode()
    )


def test_staff_save_a_catalogue_version_from_the_page(people):
    client = client_for(people["manager"])
    page = client.get("/readiness/catalogue/edit").content.decode()
    assert "/readiness/catalogue.xlsx" in page and 'type="file"' in page
    assert "Regulation (EU) 2025/2083" not in page  # no raw catalogue to edit by hand
    workbook = client.get("/readiness/catalogue.xlsx?lang=en").content
    book = load_workbook(io.BytesIO(workbook))
    book["Catalogue"]["B3"] = "15.01.2026"  # reviewed on
    edited = io.BytesIO()
    book.save(edited)
    edited.name = "catalogue.xlsx"
    edited.seek(0)
    form = {"version": "2026.1", "note": "Reviewed", "file": edited}
    saved = client.post("/readiness/catalogue/edit", form, follow=True).content.decode()
    assert "The new catalogue version is in force." in saved
    assert "Version 2026.1, reviewed" in saved and "2026" in saved


def test_the_firm_report_pdf_has_the_readiness_section(firm, profile, approved, people):
    client = client_for(people["firm_admin"])
    content = client.get(f"/assessment/inventories/{approved.pk}/report.pdf?lang=tr").content
    text = _pdf_text(content)
    assert "Yeşil Mutabakat hazırlığı" in text
    assert "Tekstilde genişletilmiş üretici sorumluluğu" in text


def test_cbam_cost_is_net_of_a_turkish_carbon_price_set_in_the_catalogue(
    firm, profile, people, programme
):
    from dekvep.readiness import services
    from dekvep.readiness.catalogue import shipped_catalogue

    _cbam_inventory(programme, firm, [dict(EXPORT, quantity=400, embedded_tco2e_per_t=2.0)])
    client = client_for(people["firm_admin"])
    before = client.get(f"/api/readiness/firms/{firm.pk}/cbam").json()
    assert before["tr_price"] == 0 and before["customer_cost_eur"] > 0
    data = shipped_catalogue()
    data = {**data, "tr_carbon_price": {**data["tr_carbon_price"], "eur_per_tco2e": 20}}
    services.publish_catalogue(people["manager"], data, "2027.1", "Turkish ETS price set")
    after = client.get(f"/api/readiness/firms/{firm.pk}/cbam").json()
    assert after["tr_price"] == 20
    assert after["customer_cost_eur"] == pytest.approx(before["customer_cost_eur"] * 60 / 80)
