"""No page issues more than 30 SQL queries: each role's main pages, on the demo programme.

The demo has 21 firms with their inventories, 199 collaboration opportunities, listings,
synergies, workshops and the seminars' 495 participants, so a page that reads one row at a
time (an "N+1") shows here as a page far over the limit. The demo is loaded once for the module,
inside a transaction rolled back at its end, so other modules never see it.
"""

import pytest
from django.db import transaction

from dekvep.core.demo import load_demo
from dekvep.core.models import User

from ..conftest import client_for

MAX_QUERIES = 30

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
]


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
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)
    assert response.status_code == 200
    assert shown in response.content.decode()
