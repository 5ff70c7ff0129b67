import pytest

from dekvep.assessment import xlsx
from dekvep.assessment.models import Inventory, Report
from dekvep.core.models import Job

from .factories import example_data


def _grid_post(data: dict, **changes) -> dict:
    from dekvep.assessment import schema

    post = {f"g-{k}": ("" if v is None else v) for k, v in schema.general_values(data).items()}
    for section in schema.list_sections():
        for i, row in enumerate(schema.section_rows(data, section)):
            for key, value in row.items():
                post[f"s-{section.key}-{i}-{key}"] = value
    post.update(changes)
    return post


def test_it_marks_a_wrong_unit_in_the_form_and_keeps_the_draft(inventory, people, login):
    client = login(people["firm_member"])
    post = _grid_post(inventory.data, **{"s-energy-2-unit": "kg/h"})
    response = client.post(f"/assessment/inventories/{inventory.pk}/edit", post)
    body = response.content.decode()
    assert "Energy, row 3, Unit" in body
    assert "kg/h" in body
    inventory.refresh_from_db()
    assert inventory.data["energy"][2]["unit"] == "kg/h"


def test_it_validates_the_form_as_you_type(inventory, people, login):
    client = login(people["firm_member"])
    post = _grid_post(inventory.data, **{"s-materials-0-recycled_share": "1,4"})
    response = client.post(
        f"/assessment/inventories/{inventory.pk}/validate", post, HTTP_HX_REQUEST="true"
    )
    assert "Materials, row 1, Recycled share: must be at most 1" in response.content.decode()


def test_it_reads_turkish_decimal_commas_in_the_form(inventory, people, login):
    client = login(people["firm_member"])
    post = _grid_post(inventory.data, **{"s-materials-0-recycled_share": "0,25"})
    client.post(f"/assessment/inventories/{inventory.pk}/edit", post)
    inventory.refresh_from_db()
    assert inventory.data["materials"][0]["recycled_share"] == 0.25


def test_it_lists_upload_errors_by_sheet_row_and_column(inventory, people, login):
    data = example_data()
    data["wastes"][1]["ewc_code"] = "99 99 99"
    upload = xlsx.write_template(data, "en")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login(people["firm_member"]).post(
        f"/assessment/inventories/{inventory.pk}/upload",
        {"file": SimpleUploadedFile("inventory.xlsx", upload)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "<td>Wastes</td><td>4</td><td>A</td>" in body


def test_it_shows_the_report_with_charts_and_opportunities(approved, people, login):
    body = (
        login(people["firm_member"])
        .get(f"/assessment/inventories/{approved.pk}/report/")
        .content.decode()
    )
    assert "<svg" in body
    assert "Right-first-time dyeing: lab-to-bulk and reprocess tracking" in body
    assert "Scope 2 (market-based)" in body


def test_it_shows_the_report_in_turkish_by_default(approved, people):
    from django.test import Client

    client = Client()
    client.force_login(people["firm_member"])
    body = client.get(f"/assessment/inventories/{approved.pk}/report/").content.decode()
    assert "Temiz üretim ve döngüsellik raporu" in body
    assert "İlk seferde doğru boyama: laboratuvar-üretim uyumu ve tekrar işlem takibi" in body


def test_it_approves_through_the_review_form(inventory, people, login):
    login(people["firm_member"]).post(
        f"/assessment/inventories/{inventory.pk}/transition", {"action": "submit"}
    )
    login(people["analyst"]).post(
        f"/assessment/inventories/{inventory.pk}/transition", {"action": "approve"}
    )
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.APPROVED


def test_it_generates_all_reports_as_a_job_with_progress(
    approved, people, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(people["manager"]).post("/assessment/reports/generate")
    job = Job.objects.get(kind="assessment_reports")
    assert job.status == "done" and job.done == job.total == 4
    assert "Done" in login(people["manager"]).get(response["Location"]).content.decode()
    report = Report.objects.get(inventory=approved)
    assert report.status == "issued" and report.issued_by == people["manager"]
    assert report.pdf.read().startswith(b"%PDF")


@pytest.mark.parametrize("language,title", [("en", "Cleaner production"), ("tr", "Temiz üretim")])
def test_it_downloads_the_pdf_in_both_languages(approved, people, login, language, title):
    response = login(people["firm_member"]).get(
        f"/assessment/inventories/{approved.pk}/report.pdf?lang={language}"
    )
    assert response.content.startswith(b"%PDF")


def test_it_opens_the_draft_offer_created_from_a_waste_stream(approved, people, login):
    response = login(people["firm_admin"]).post(
        f"/assessment/inventories/{approved.pk}/wastes/0/offer"
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/symbiosis/listings/")


def test_it_asks_the_analyst_on_the_home_page_to_review_a_submitted_inventory(
    inventory, people, login
):
    from dekvep.assessment.services import transition

    transition(people["firm_member"], inventory, "submit")
    body = login(people["analyst"]).get("/").content.decode()
    assert "Review the inventory Boğaziçi Örme A.Ş. 2024" in body
    assert "Review the inventory" not in login(people["facilitator"]).get("/").content.decode()


def test_it_lists_marketplace_matches_for_the_firms_waste_without_naming_the_other_firm(
    approved, programme, other_firm, people, login
):
    from dekvep.symbiosis import services as symbiosis
    from dekvep.symbiosis.models import Listing

    offer = symbiosis.create_offer_from_waste_stream(
        people["firm_admin"],
        organisation=approved.organisation,
        programme=programme,
        code="04 02 22",
        quantity_t_per_year=120,
    )
    symbiosis.set_listing_status(people["firm_admin"], offer, "published")
    symbiosis.create_listing(
        people["other_firm_member"],
        other_firm,
        programme,
        kind=Listing.Kind.WANT,
        title="Tekstil kırpıntısı aranıyor",
        waste_code="040222",
        quantity=200,
        unit=Listing.Unit.TONNE,
        frequency=Listing.Frequency.YEAR,
        status="published",
    )
    body = (
        login(people["firm_member"])
        .get(f"/assessment/inventories/{approved.pk}/report/")
        .content.decode()
    )
    assert "Tekstil kırpıntısı aranıyor" in body
    assert "Rakip Plastik" not in body


def test_the_report_shows_unreported_water_as_not_reported_and_the_package(
    inventory, people, login
):
    from dekvep.assessment.services import compute_result

    data = dict(inventory.data)
    data["water"] = []
    inventory.data = data
    inventory.save()
    compute_result(inventory)
    body = (
        login(people["firm_member"])
        .get(f"/assessment/inventories/{inventory.pk}/report/?lang=en")
        .content.decode()
    )
    assert "Water withdrawal not reported." in body
    assert "not reported" in body
    assert "Package of all measures together" in body
    assert "Data quality" in body and "partial" in body


def test_it_names_the_refusal_of_a_second_inventory_for_the_same_year(inventory, people, login):
    response = login(people["analyst"]).post(
        "/assessment/inventories/new",
        {"organisation": inventory.organisation.pk, "year": inventory.year},
        follow=True,
    )
    assert "There is already an inventory for this year." in response.content.decode()
    assert Inventory.objects.count() == 1


def test_it_says_an_approved_inventory_cannot_be_changed(approved, people, login):
    post = _grid_post(approved.data, **{"s-materials-0-recycled_share": "0,5"})
    response = login(people["analyst"]).post(
        f"/assessment/inventories/{approved.pk}/edit", post, follow=True
    )
    assert "An approved inventory cannot be changed." in response.content.decode()
    approved.refresh_from_db()
    assert approved.data["materials"][0]["recycled_share"] != 0.5


def test_it_names_an_unknown_waste_stream_instead_of_creating_an_offer(approved, people, login):
    response = login(people["firm_admin"]).post(
        f"/assessment/inventories/{approved.pk}/wastes/99/offer", follow=True
    )
    assert "No such waste stream." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/assessment/inventories/{approved.pk}/report/"
