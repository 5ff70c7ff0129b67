"""Capacity under concurrent registrations, against PostgreSQL (row locks on the event)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from dekvep.events import services
from dekvep.events.models import Registration

from .factories import EventFactory

pytestmark = pytest.mark.postgres


def test_it_never_exceeds_capacity_under_concurrent_registrations(transactional_db, programme):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    event = EventFactory(programme=programme, capacity=10)

    def register(n):
        try:
            return services.register(
                event, f"Kişi {n}", f"kisi{n}@example.com", "", consent=True
            ).status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(register, range(40))) == {"pending"}  # no place before the e-mail

    def confirm(pk):
        try:
            return services.confirm_email(Registration.objects.get(pk=pk)).status
        finally:
            connections.close_all()

    pending = list(Registration.objects.filter(event=event).values_list("pk", flat=True))
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(confirm, pending))
    assert statuses.count("confirmed") == 10
    assert Registration.objects.filter(event=event, status="confirmed").count() == 10
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 30
