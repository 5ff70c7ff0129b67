"""The marketplace map draws in the browser from files the platform serves: no request leaves the
server, Leaflet draws the basemap and one pin per place, and a pin opens from the keyboard."""

import pytest

from dekvep.core.demo import PASSWORD as DEMO_PASSWORD
from dekvep.core.demo import _base
from dekvep.core.models import User
from dekvep.symbiosis import demo as symbiosis_demo
from dekvep.symbiosis.adapters import location
from dekvep.symbiosis.models import Listing
from tests.factories import SiteFactory
from tests.symbiosis.factories import ListingFactory

from .a11y import serve_axe, violations
from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _patient(page):
    """The map page loads Leaflet and three GeoJSON files: give a busy machine time."""
    page.set_default_timeout(60000)


def _open_map(page, base):
    outside = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    page.goto(f"{base}/symbiosis/map/")
    page.wait_for_selector("#market-map[data-ready='1']")
    page.wait_for_selector(".leaflet-basemap-pane path")
    return outside


@pytest.fixture
def listings(programme, firm, other_firm):
    site = SiteFactory(organisation=firm, latitude=41.0712, longitude=28.8123)
    ListingFactory(programme=programme, organisation=firm, site=site, title="Pamuklu kırpıntı")
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    ListingFactory(
        programme=programme, organisation=other_firm, kind=Listing.Kind.WANT, title="Keçe girdisi"
    )


def test_leaflet_draws_the_pins_with_no_outside_request(page, live_server, people, listings):
    log_in(page, live_server, people["other_firm_member"])
    outside = _open_map(page, live_server.url)
    assert outside == []
    assert page.locator(".leaflet-marker-icon.map-pin").count() == 2
    assert page.locator("#market-map").get_attribute("data-markers") == "2"
    assert page.locator(".leaflet-marker-icon.map-zone").count() == 8
    assert "Boğaziçi" not in page.content()


def test_a_pin_opens_from_the_keyboard(page, live_server, people, listings):
    log_in(page, live_server, people["other_firm_member"])
    _open_map(page, live_server.url)
    pin = page.locator(".leaflet-marker-icon.map-pin-offer")
    pin.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Pamuklu kırpıntı" in popup.inner_text()
    assert "İkitelli OSB bölgesinde bir tekstil firması" in popup.inner_text()


@pytest.mark.parametrize("role", ["other_firm_member", "manager"])
def test_the_map_page_has_no_serious_accessibility_violation(
    page, live_server, people, listings, role
):
    serve_axe(page)
    log_in(page, live_server, people[role])
    _open_map(page, live_server.url)
    assert violations(page) == []


def test_the_table_button_shows_the_point_on_the_map(page, live_server, people, listings):
    log_in(page, live_server, people["firm_member"])
    _open_map(page, live_server.url)
    page.get_by_role("row", name="Keçe girdisi").get_by_role("button").click()
    assert "Keçe girdisi" in page.locator(".leaflet-popup-content").inner_text()


def test_the_demo_manager_sees_every_demo_listing_at_its_site(page, live_server):
    programme, _logins = _base()
    symbiosis_demo.load(programme)
    listings = Listing.objects.filter(programme=programme).select_related("site", "organisation")
    places = {location(listing) for listing in listings}
    manager = User.objects.get(email="yonetici@dekvep.demo")
    log_in(page, live_server, manager, password=DEMO_PASSWORD)
    _open_map(page, live_server.url)
    assert page.locator(".leaflet-marker-icon.map-pin").count() == len(places) > 10
    assert page.locator("table").first.locator("tbody tr").count() == listings.count()
