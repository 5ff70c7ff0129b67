"""No page issues more than 30 SQL queries: each role's main pages, on the demo programme.

The demo has 21 firms with their inventories, 199 collaboration opportunities, listings,
synergies, workshops and the seminars' 495 participants, so a page that reads one row at a
time (an "N+1") shows here as a page far over the limit. The demo is loaded once for the module,
inside a transaction rolled back at its end, so other modules never see it.
"""

import pytest
from django.db import transaction

from dekvep.assessment.models import Inventory
from dekvep.core.demo import SLUG, load_demo
from dekvep.core.models import Programme, User
from dekvep.symbiosis.models import Listing

from ..conftest import client_for

MAX_QUERIES = 30
REPORT = "Cleaner production and circularity report"
SECTOR_REPORT = "Sector evaluation report: Textiles and apparel"
OTHER_FIRM = "Marmara İplik San. Ltd. Şti."

# (demo login, path, text the page shows): each role's own main pages.
PAGES = [
    ("yonetici", "/", "Programme overview"),
    ("yonetici", "/impact/", "Programme impact"),
    ("yonetici", "/symbiosis/", "Materials marketplace"),
    ("yonetici", "/symbiosis/synergies/", "Negotiating"),
    ("yonetici", "/assessment/", "Inventories"),
    ("yonetici", "/audit/", "Audit log"),
    ("yonetici", "/calls/", "DEKVEP 2022 call for participant firms"),
    ("yonetici", "/events/", "Events"),
    ("yonetici", "/roadmaps/", "Sector roadmaps"),
    ("yonetici", "/roadmaps/actions/", "Actions"),
    ("analist", "/", "Programme overview"),
    ("analist", "/assessment/", "Inventories"),
    ("analist", "/symbiosis/", "Materials marketplace"),
    ("analist", "/impact/", "Programme impact"),
    ("analist", "/audit/", "Audit log"),
    ("kolaylastirici", "/", "Programme overview"),
    ("kolaylastirici", "/symbiosis/workshop/", "Workshop mode"),
    ("kolaylastirici", "/symbiosis/", "Materials marketplace"),
    ("kolaylastirici", "/roadmaps/", "Sector roadmaps"),
    ("kolaylastirici", "/events/", "Events"),
    ("kolaylastirici", "/impact/", "Programme impact"),
    ("juri", "/", "My tasks"),
    ("juri", "/calls/", "Open calls"),
    ("juri", "/calls/reviews/", "My reviews"),
    ("fon", "/", "Programme figures"),
    ("fon", "/impact/", "Programme impact"),
    ("firma", "/", "Where Boğaziçi Örme Tekstil A.Ş. stands"),
    ("firma", "/symbiosis/", "Materials marketplace"),
    ("firma", "/symbiosis/mine/", "My listings"),
    ("firma", "/symbiosis/synergies/", "Synergies"),
    ("firma", "/assessment/", "Inventories"),
    ("firma", "/roadmaps/", "Open actions"),
    ("firma", "/roadmaps/actions/", "Actions"),
    ("firma", "/events/", "Events"),
    ("firma", "/calls/", "Open calls"),
    ("elci", "/", "Where Boğaziçi Örme Tekstil A.Ş. stands"),
    ("elci", "/symbiosis/", "Materials marketplace"),
    ("cozum", "/", "My tasks"),
    ("cozum", "/calls/", "Open calls"),
    ("cozum", "/symbiosis/", "Materials marketplace"),
    (None, "/", "Upcoming events"),
    (None, "/open-calls/", "Open calls"),
    # Pages reading many firms or records at once ({...}: a demo object, see OBJECTS).
    ("yonetici", "/roadmaps/monitoring/", "Monitoring"),
    ("analist", "/roadmaps/monitoring/", "Monitoring"),
    ("kolaylastirici", "/roadmaps/monitoring/", "Monitoring"),
    ("yonetici", "/readiness/programmes/{programme}/", "Green Deal readiness"),
    ("analist", "/readiness/programmes/{programme}/", "Green Deal readiness"),
    ("kolaylastirici", "/readiness/programmes/{programme}/", "Green Deal readiness"),
    ("fon", "/readiness/programmes/{programme}/", "Green Deal readiness"),
    ("yonetici", "/symbiosis/listings/{listing}/", "Pamuklu örme kumaş kırpıntısı"),
    ("analist", "/symbiosis/listings/{listing}/", "Pamuklu örme kumaş kırpıntısı"),
    ("kolaylastirici", "/symbiosis/listings/{listing}/", "Pamuklu örme kumaş kırpıntısı"),
    ("firma", "/symbiosis/listings/{listing}/", "Pamuklu örme kumaş kırpıntısı"),
    ("elci", "/symbiosis/listings/{listing}/", "Pamuklu örme kumaş kırpıntısı"),
    ("cozum", "/symbiosis/listings/{listing}/", "Pamuklu örme kumaş kırpıntısı"),
    ("yonetici", "/assessment/inventories/{report}/report/", REPORT),
    ("analist", "/assessment/inventories/{report}/report/", REPORT),
    ("firma", "/assessment/inventories/{report}/report/", REPORT),
    ("elci", "/assessment/inventories/{report}/report/", REPORT),
    ("yonetici", "/assessment/inventories/{other_report}/report/", REPORT),
    ("yonetici", "/assessment/sectors/textile/", SECTOR_REPORT),
    ("analist", "/assessment/sectors/textile/", SECTOR_REPORT),
    ("kolaylastirici", "/assessment/sectors/textile/", SECTOR_REPORT),
    ("juri", "/assessment/sectors/textile/", SECTOR_REPORT),
    ("fon", "/assessment/sectors/textile/", SECTOR_REPORT),
    ("firma", "/assessment/sectors/textile/", SECTOR_REPORT),
]


def _first_report(firm: str) -> int:
    approved = Inventory.objects.filter(organisation__name=firm, status=Inventory.Status.APPROVED)
    return approved.order_by("year", "pk").first().pk


# The demo objects a path names: the programme, a textile offer and two firms' first reports.
OBJECTS = {
    "programme": lambda: Programme.objects.get(slug=SLUG).pk,
    "listing": lambda: (
        Listing.objects.filter(title="Pamuklu örme kumaş kırpıntısı").order_by("pk").first().pk
    ),
    "report": lambda: _first_report("Boğaziçi Örme Tekstil A.Ş."),
    "other_report": lambda: _first_report(OTHER_FIRM),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo programme, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _id(page) -> str:
    login, path, _shown = page.values if hasattr(page, "values") else page
    return f"{login}:{path}"


@pytest.mark.parametrize(("login", "path", "shown"), PAGES, ids=[_id(page) for page in PAGES])
def test_a_main_page_stays_within_30_queries(
    demo, db, django_assert_max_num_queries, login, path, shown
):
    user = User.objects.get(email=f"{login}@dekvep.demo") if login else None
    client = client_for(user)
    names = {key: compute() for key, compute in OBJECTS.items() if f"{{{key}}}" in path}
    path = path.format(**names)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)
    assert response.status_code == 200
    assert shown in response.content.decode()
