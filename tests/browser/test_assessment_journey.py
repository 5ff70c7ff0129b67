"""An inventory from the first figures to the PDF report, in the browser (Turkish UI)."""

import pytest

from dekvep.assessment import xlsx
from tests.assessment.factories import example_data

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def inventory(programme, firm, people):
    from dekvep.assessment.services import create_inventory

    return create_inventory(people["firm_admin"], firm, programme, 2024, data=example_data())


def _log_out(page, live_server):
    page.context.clear_cookies()


def test_it_takes_an_inventory_from_form_and_excel_to_the_pdf_report(
    page, live_server, inventory, people, tmp_path
):
    base = live_server.url
    log_in(page, live_server, people["firm_member"])

    # The form checks as you type.
    page.goto(f"{base}/assessment/inventories/{inventory.pk}/edit")
    page.fill("input[name='s-water-0-quantity']", "-5")
    errors = page.locator("#inventory-errors")
    errors.get_by_text("Çekilen su, 1. satır, Miktar: en az 0 olmalı").wait_for()
    assert "water[0]" not in errors.inner_text()
    page.fill("input[name='s-water-0-quantity']", "65000")
    page.locator("#inventory-errors").get_by_text("Sorun bulunmadı.").wait_for()
    page.click("#inventory-form button[type=submit]")
    page.get_by_text("Envanter kaydedildi ve eksiksiz.").wait_for()

    # An Excel file with an error is refused cell by cell, then the corrected one is read.
    bad = example_data()
    bad["energy"][2]["unit"] = "m2"
    bad_path = tmp_path / "hatali.xlsx"
    bad_path.write_bytes(xlsx.write_template(bad, "tr"))
    page.set_input_files("input[name=file]", str(bad_path))
    page.click("form[enctype] button[type=submit]")
    page.locator("#upload-errors").get_by_role("cell", name="Enerji", exact=True).wait_for()
    cells = page.locator("#upload-errors tbody tr").first.locator("td").all_inner_texts()
    assert cells[:3] == ["Enerji", "5", "C"]
    good_path = tmp_path / "duzgun.xlsx"
    good_path.write_bytes(xlsx.write_template(example_data(), "tr"))
    page.goto(f"{base}/assessment/inventories/{inventory.pk}/")
    page.set_input_files("input[name=file]", str(good_path))
    page.click("form[enctype] button[type=submit]")
    page.get_by_text("Excel dosyası okundu ve kaydedildi.").wait_for()

    page.click("button[name=action][value=submit]")
    page.locator("#inventory-status").get_by_text("İncelemeye gönderildi").wait_for()

    # The analyst approves.
    _log_out(page, live_server)
    log_in(page, live_server, people["analyst"])
    page.goto(f"{base}/assessment/inventories/{inventory.pk}/")
    page.click("button[name=action][value=approve]")
    page.locator("#inventory-status").get_by_text("Onaylandı").wait_for()

    # The firm reads its report and downloads the PDF.
    _log_out(page, live_server)
    log_in(page, live_server, people["firm_member"])
    page.goto(f"{base}/assessment/inventories/{inventory.pk}/report/")
    page.get_by_role("heading", name="Temiz üretim ve döngüsellik raporu").wait_for()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=PDF indir")
    assert download.value.path().read_bytes().startswith(b"%PDF")
