"""No serious or critical accessibility violation (axe-core) on the main pages of each role."""

import datetime

import pytest
from django.utils import timezone

from dekvep.assessment.models import Inventory
from dekvep.plans.models import Action
from tests.impact import factories as f

from .a11y import serve_axe, violations
from .conftest import log_in

pytestmark = pytest.mark.browser
NOW = timezone.now()


@pytest.fixture
def records(programme, firm, other_firm, people):
    call = f.CallFactory(programme=programme, title_tr="Firma seçimi", title_en="Firm selection")
    f.ApplicationFactory(call=call, organisation=other_firm)
    inventory = f.InventoryFactory(
        programme=programme, organisation=firm, year=2024, status=Inventory.Status.DRAFT
    )
    plan = f.ActionPlanFactory(programme=programme, organisation=firm)
    f.ActionFactory(
        plan=plan,
        status=Action.Status.IN_PROGRESS,
        due_date=(NOW + datetime.timedelta(days=30)).date(),
    )
    f.ListingFactory(programme=programme, organisation=firm)
    f.ListingFactory(programme=programme, organisation=other_firm)
    f.WorkshopFactory(programme=programme)
    f.EventFactory(programme=programme, title="Yeşil Mutabakat semineri")
    return {"inventory": inventory}


MAIN_PAGES = {
    "manager": ["/", "/impact/", "/impact/targets/", "/calls/", "/assessment/", "/events/"],
    "analyst": ["/", "/assessment/", "/symbiosis/"],
    "facilitator": ["/", "/roadmaps/", "/symbiosis/"],
    "jury": ["/", "/calls/"],
    "funder": ["/", "/impact/"],
    "firm_admin": [
        "/",
        "/assessment/inventories/{inventory}/",
        "/assessment/inventories/{inventory}/edit",
        "/symbiosis/mine/",
        "/roadmaps/actions/",
    ],
    "provider": ["/", "/calls/"],
}


@pytest.mark.parametrize("role", list(MAIN_PAGES))
def test_main_pages_have_no_serious_violation(page, live_server, records, people, role):
    page.set_default_timeout(60000)  # a loaded machine serves the first page slowly
    serve_axe(page)
    log_in(page, live_server, people[role])
    found = {}
    for path in MAIN_PAGES[role]:
        page.goto(live_server.url + path.format(inventory=records["inventory"].pk))
        assert page.locator("h1").count() >= 1, path
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}


def test_the_check_finds_a_violation_when_there_is_one(page, live_server, transactional_db):
    """The guard itself: an image without a text alternative is a critical violation."""
    page.set_default_timeout(60000)
    serve_axe(page)
    page.goto(f"{live_server.url}/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x>')")
    assert any("image-alt" in line for line in violations(page))
