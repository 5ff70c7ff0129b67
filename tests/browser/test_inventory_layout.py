"""The inventory form reads on a desktop and on a 390 px phone, numbers as they were entered."""

import pytest

from dekvep.assessment.models import Inventory
from tests.impact import factories as f

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def inventory(programme, firm, people):
    return f.InventoryFactory(
        programme=programme, organisation=firm, year=2024, status=Inventory.Status.DRAFT
    )


def test_the_form_fits_a_phone_and_keeps_numbers_as_entered(page, live_server, inventory, people):
    page.set_default_timeout(60000)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, people["firm_admin"])
    page.goto(f"{live_server.url}/assessment/inventories/{inventory.pk}/edit")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each grid cell names its column on a phone, where the header row is hidden.
    first = page.locator("table.grid tbody tr").first.locator("td").first
    assert first.get_attribute("data-label")
    values = page.eval_on_selector_all(
        "table.grid input[inputmode=decimal]", "inputs => inputs.map(i => i.value)"
    )
    assert values and not any(v.endswith(".0") or v.endswith(",0") for v in values)


def test_choice_columns_are_wide_enough_to_read(page, live_server, inventory, people):
    page.set_default_timeout(60000)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, people["firm_admin"])
    page.goto(f"{live_server.url}/assessment/inventories/{inventory.pk}/edit")
    narrow = page.eval_on_selector_all(
        "table.grid select",
        "selects => selects.filter(s => s.getBoundingClientRect().width < 200).length",
    )
    assert narrow == 0
