"""Each role's main journey from its home page, in Turkish and then in English."""

import datetime

import pytest
from django.utils import timezone

from dekvep.assessment.models import Inventory
from dekvep.impact.models import Target
from dekvep.plans.models import Action
from tests.impact import factories as f

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
        title="Buhar kaçaklarını gider",
        title_en="Fix steam leaks",
        status=Action.Status.IN_PROGRESS,
        due_date=(NOW + datetime.timedelta(days=30)).date(),
    )
    f.ListingFactory(programme=programme, organisation=firm, title="Pamuk kırpıntısı")
    f.EventFactory(programme=programme, title="Yeşil Mutabakat semineri")
    return {"inventory": inventory}


def _english(page):
    page.click("button[value=en]")
    page.wait_for_load_state()


@pytest.fixture
def slow_page(page):
    page.set_default_timeout(60000)  # a loaded machine serves the first page slowly
    return page


def test_the_manager_sets_a_target_and_reads_the_dashboard(slow_page, live_server, records, people):
    page = slow_page
    log_in(page, live_server, people["manager"])
    assert page.locator("h1").inner_text() == "Programın genel görünümü"
    assert "Gecikenler" in page.content() and "1 başvuru karar bekliyor" in page.content()
    page.click("text=Programın hedeflerini belirleyin")
    page.fill("#id_target-firms_selected", "21")
    page.fill("#id_target-seminars", "çok")
    page.click("#targets-form button[type=submit]")
    assert "Bir sayı girin." in page.locator("#target-seminars").inner_text()
    page.fill("#id_target-seminars", "3")
    page.click("#targets-form button[type=submit]")
    page.wait_for_selector("text=Programın hedefleri kaydedildi.")
    assert Target.objects.get(key="firms_selected").value == 21
    page.goto(live_server.url + "/")
    assert "hedef: 21" in page.locator("#targets-heading + .cards").inner_text()
    _english(page)
    assert page.locator("h1").inner_text() == "Programme overview"
    assert "target: 21" in page.locator("#targets-heading + .cards").inner_text()
    assert "1 application waits for a decision" in page.content()


def test_the_firm_follows_its_status_to_its_inventory(slow_page, live_server, records, people):
    page = slow_page
    log_in(page, live_server, people["firm_admin"])
    status = page.locator(".firm-status")
    assert "Boğaziçi Örme A.Ş. ne durumda" in status.inner_text()
    assert "Buhar kaçaklarını gider" in page.locator("#status-deadlines").inner_text()
    page.click("#status-inventory a")
    assert "2024" in page.locator("h1").inner_text()
    page.goto(live_server.url + "/")
    _english(page)
    assert "Where Boğaziçi Örme A.Ş. stands" in page.locator(".firm-status h2").inner_text()
    assert "Fix steam leaks" in page.locator("#status-deadlines").inner_text()
    assert "Inventory 2024" in page.locator("#status-inventory").inner_text()


@pytest.mark.parametrize(
    ("role", "turkish", "english", "section", "heading"),
    [
        ("analyst", "Programın genel görünümü", "Programme overview", "/assessment/", "h1"),
        ("facilitator", "Programın genel görünümü", "Programme overview", "/roadmaps/", "h1"),
        ("funder", "Program göstergeleri", "Programme figures", "/impact/", "h1"),
        ("jury", "Hoş geldiniz", "Welcome", "/calls/", "h1"),
        ("provider", "Hoş geldiniz", "Welcome", "/calls/", "h1"),
    ],
)
def test_each_role_opens_its_home_and_main_section_in_both_languages(
    slow_page, live_server, records, people, role, turkish, english, section, heading
):
    page = slow_page
    log_in(page, live_server, people[role])
    assert turkish in page.locator("h1").inner_text()
    page.goto(live_server.url + section)
    assert page.locator(heading).count() == 1
    turkish_heading = page.locator("h1").inner_text()
    _english(page)
    assert page.locator("h1").inner_text() != turkish_heading or section == "/impact/"
    page.goto(live_server.url + "/")
    assert english in page.locator("h1").inner_text()
