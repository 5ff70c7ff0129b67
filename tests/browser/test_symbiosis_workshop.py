"""Workshop mode in a browser: keyboard entry, spreadsheet paste, the live board, agreements."""

import pytest

from dekvep.plans.models import CollaborationOpportunity
from dekvep.symbiosis import workshop
from dekvep.symbiosis.models import Listing

from .conftest import log_in

pytestmark = pytest.mark.browser

TSV = (
    "offer\tBoğaziçi Örme A.Ş.\tPamuklu kumaş kırpıntısı\tKesimhane\t04 02 22\t10\tt\tmonth\n"
    "want\tRakip Plastik A.Ş.\tKeçe için tekstil kırpıntısı\tcotton waste\t\t600\tt\tyear"
)


@pytest.fixture
def table(people, programme, other_firm):
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    return workshop.create_table(people["facilitator"], programme, "Masa 1")


def _cell(page, row, name):
    return page.locator("#workshop-grid tbody tr").nth(row).locator(f"[name={name}]")


def _active(page):
    return page.evaluate(
        "[document.activeElement.name, document.activeElement.closest('tr').rowIndex]"
    )


def test_it_moves_through_the_grid_with_tab_and_enter(page, live_server, people, table):
    log_in(page, live_server, people["facilitator"])
    page.goto(f"{live_server.url}/symbiosis/workshop/{table.pk}/")
    _cell(page, 0, "firm").fill("Boğaziçi Örme A.Ş.")
    page.keyboard.press("Tab")
    assert _active(page) == ["title", 1]
    page.keyboard.press("Enter")
    assert _active(page) == ["title", 2]
    rows = page.locator("#workshop-grid tbody tr").count()
    _cell(page, rows - 1, "quantity").focus()
    page.keyboard.press("Enter")
    assert page.locator("#workshop-grid tbody tr").count() == rows + 1
    assert _active(page) == ["quantity", rows + 1]


def test_it_saves_typed_rows_and_the_board_shows_the_match(page, live_server, people, table):
    log_in(page, live_server, people["facilitator"])
    page.goto(f"{live_server.url}/symbiosis/workshop/{table.pk}/")
    for row, cells in enumerate(TSV.split("\n")):
        kind, firm, title, _, code, quantity, _, period = cells.split("\t")
        _cell(page, row, "kind").select_option(kind)
        _cell(page, row, "firm").fill(firm)
        _cell(page, row, "title").fill(title)
        _cell(page, row, "code").fill(code)
        _cell(page, row, "quantity").fill(quantity)
        _cell(page, row, "period").select_option(period)
    page.click("#workshop-grid-form button[type=submit]")
    page.locator("#entry-saved").wait_for()
    page.locator("#workshop-matches").get_by_text("Keçe için tekstil kırpıntısı").wait_for()
    assert Listing.objects.filter(workshop_table=table).count() == 2
    assert _active(page) == ["firm", 1]


def test_it_fills_the_grid_from_cells_pasted_from_a_spreadsheet(page, live_server, people, table):
    log_in(page, live_server, people["facilitator"])
    page.goto(f"{live_server.url}/symbiosis/workshop/{table.pk}/")
    _cell(page, 0, "kind").focus()
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})
            );
        }""",
        TSV,
    )
    assert _cell(page, 1, "kind").input_value() == "want"
    assert _cell(page, 1, "firm").input_value() == "Rakip Plastik A.Ş."
    assert _cell(page, 0, "period").input_value() == "month"


def test_it_reports_bad_pasted_lines_and_saves_nothing(page, live_server, people, table):
    log_in(page, live_server, people["facilitator"])
    page.goto(f"{live_server.url}/symbiosis/workshop/{table.pk}/")
    page.click("details summary")
    page.fill("textarea[name=tsv]", TSV + "\nwant\tBilinmeyen Firma\tX\t\t\t5\tt\tyear")
    page.click("form[action$='/paste/'] button[type=submit]")
    page.locator("#entry-errors").get_by_text("satır 3").wait_for()
    assert "Bilinmeyen Firma" in page.inner_text("#entry-errors")
    assert not Listing.objects.exists()


def test_it_records_what_the_table_agrees_on(page, live_server, people, table):
    workshop.enter_listings(people["facilitator"], table, workshop.parse_tsv(TSV))
    log_in(page, live_server, people["facilitator"])
    page.goto(f"{live_server.url}/symbiosis/workshop/{table.pk}/")
    row = page.locator("#workshop-matches tr", has_text="Keçe için tekstil kırpıntısı")
    row.locator("input[name=note]").fill("Numune gönderilecek")
    row.locator("button[type=submit]").click()
    page.locator("#workshop-agreements").get_by_text("Numune gönderilecek").wait_for()
    assert CollaborationOpportunity.objects.get().type == "symbiosis_workshop"
