"""Races: ten requests that each loaded the synergy before any of them wrote move it once.

The attack: 10 concurrent "agreed" on one synergy all succeeded, with contradicting audit
entries and duplicate notifications. Each request here holds its own copy loaded before the
first move (what concurrent requests see); the shared state-change helper re-reads the row under
a lock, so the first moves it and the nine others find it moved and do nothing.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from dekvep.core.models import AuditEntry, Notification
from dekvep.symbiosis import services
from dekvep.symbiosis.models import Synergy


@pytest.fixture
def negotiating(people, offer, want):
    synergy = services.express_interest(people["firm_member"], offer, want)
    synergy = services.agree_to_introduction(people["other_firm_member"], synergy)
    for state in ("negotiating",):
        synergy = services.transition_synergy(people["firm_member"], synergy, state)
    return synergy


def test_ten_stale_agreed_moves_make_one_move_one_entry_one_notification(people, negotiating):
    copies = [Synergy.objects.get(pk=negotiating.pk) for _ in range(10)]
    entries = AuditEntry.objects.filter(object_type="symbiosis.synergy", object_id=negotiating.pk)
    before_entries = entries.count()
    services.transition_synergy(people["firm_member"], copies[0], "agreed")
    after_first = Notification.objects.count()
    for copy in copies[1:]:
        services.transition_synergy(people["firm_member"], copy, "agreed")
    negotiating.refresh_from_db()
    assert negotiating.state == "agreed"
    assert entries.count() == before_entries + 1
    assert entries.filter(action="state").latest("at").changes == {
        "state": ["negotiating", "agreed"]
    }
    assert Notification.objects.count() == after_first  # the nine others told no one


def test_agreeing_to_the_introduction_twice_writes_and_notifies_once(people, offer, want):
    synergy = services.express_interest(people["firm_member"], offer, want)
    entries = AuditEntry.objects.filter(action="agreed_to_introduction")
    count, notes = entries.count(), Notification.objects.count()
    stale = Synergy.objects.get(pk=synergy.pk)
    stale.offer_side_agrees = False  # as a request that loaded it before the first agreement
    services.agree_to_introduction(people["firm_member"], stale)
    assert entries.count() == count
    assert Notification.objects.count() == notes


@pytest.mark.postgres
def test_ten_concurrent_agreed_moves_on_postgresql(transactional_db, people, negotiating):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")

    def move(_n):
        try:
            copy = Synergy.objects.get(pk=negotiating.pk)
            return services.transition_synergy(people["firm_member"], copy, "agreed").state
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        assert set(pool.map(move, range(10))) == {"agreed"}
    entries = AuditEntry.objects.filter(object_type="symbiosis.synergy", changes__state__1="agreed")
    assert entries.count() == 1
