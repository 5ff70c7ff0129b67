"""A firm lists a waste, sees its matches, asks to be introduced; both firms agree (Turkish UI)."""

import pytest

from dekvep.symbiosis.models import Listing, Synergy
from tests.symbiosis.factories import ListingFactory

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def want(programme, other_firm):
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    return ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Keçe üretimi için tekstil kırpıntısı",
        material="textile",
        quantity=600,
    )


def _create_offer(page, base, firm):
    page.goto(f"{base}/symbiosis/new/?organisation={firm.pk}")
    page.select_option("select[name=kind]", "offer")
    page.fill("input[name=title]", "Pamuklu kumaş kırpıntısı")
    page.fill("textarea[name=description]", "Kesimhane kırpıntıları, balyalı")
    page.fill("input[name=waste_code]", "04 02 22")
    page.fill("input[name=quantity]", "10")
    page.select_option("select[name=unit]", "t")
    page.select_option("select[name=frequency]", "month")
    page.get_by_role("button", name="Taslak olarak kaydet").click()
    page.wait_for_url("**/symbiosis/listings/*/")


def test_it_creates_a_listing_and_publishes_it(page, live_server, people, firm):
    log_in(page, live_server, people["firm_member"])
    _create_offer(page, live_server.url, firm)
    assert page.inner_text("#listing-status") == "Taslak"
    page.click("form:has(input[name=status][value=published]) button")
    page.locator("#listing-status").get_by_text("Yayımlandı").wait_for()
    assert Listing.objects.get(title="Pamuklu kumaş kırpıntısı").tonnes_per_year == 120


def test_it_shows_the_matches_of_a_new_listing_without_naming_the_other_firm(
    page, live_server, people, firm, want
):
    log_in(page, live_server, people["firm_member"])
    _create_offer(page, live_server.url, firm)
    row = page.locator("tr", has_text="Keçe üretimi için tekstil kırpıntısı")
    text = row.inner_text()
    assert "Rakip Plastik" not in text
    assert "04 02 22" in text or "tekstil" in text


def test_it_takes_a_synergy_from_interest_to_agreed(page, live_server, people, firm, want):
    base = live_server.url
    log_in(page, live_server, people["firm_member"])
    _create_offer(page, base, firm)
    page.locator("tr", has_text="Keçe üretimi").get_by_role("button", name="İlgileniyorum").click()
    page.wait_for_url("**/symbiosis/synergies/*/")
    synergy_url = page.url
    assert "Rakip Plastik A.Ş." not in page.inner_text("main")

    page.context.clear_cookies()
    log_in(page, live_server, people["other_firm_member"])
    page.goto(synergy_url)
    page.get_by_role("button", name="Tanıştırılmayı kabul et").click()
    page.get_by_text("Boğaziçi Örme A.Ş.").wait_for()

    for state in ("negotiating", "agreed"):
        page.select_option("select[name=state]", state)
        page.click("form:has(input[name=action][value=transition]) button[type=submit]")
        page.wait_for_load_state()
    page.locator(".pill", has_text="Anlaşıldı").wait_for()
    assert Synergy.objects.get().state == "agreed"


def test_it_saves_quality_attributes_from_the_form_and_shows_them_in_turkish(
    page, live_server, people, firm
):
    log_in(page, live_server, people["firm_member"])
    page.goto(f"{live_server.url}/symbiosis/new/?organisation={firm.pk}")
    page.select_option("select[name=kind]", "offer")
    page.fill("input[name=title]", "PET şişe pulu")
    page.fill("input[name=quantity]", "20")
    page.select_option("select[name=unit]", "t")
    page.select_option("select[name=frequency]", "month")
    page.select_option("select[name=colour]", "clear")
    page.select_option("select[name=grade]", "food")
    page.select_option("select[name=physical_form]", "flake")
    page.get_by_role("button", name="Taslak olarak kaydet").click()
    page.wait_for_url("**/symbiosis/listings/*/")
    page.screenshot(path="/tmp/symmatch-listing-quality.png", full_page=True)
    assert page.inner_text("#listing-quality") == "şeffaf, gıdaya uygun, pul"
