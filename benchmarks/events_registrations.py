"""500 concurrent registrations for 100 places: exactly 100 confirmed, 400 wait-listed.

Runs against the database in DATABASE_URL (PostgreSQL for a meaningful result), in a scratch
programme it deletes afterwards:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/dekvep
    .venv/bin/python benchmarks/events_registrations.py
"""

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
# The figure only means something on PostgreSQL (row locks); it is the default target here.
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dekvep")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from dekvep.core.models import Organisation, Programme  # noqa: E402
from dekvep.events import services  # noqa: E402
from dekvep.events.models import Event, Registration, Session  # noqa: E402

PEOPLE, PLACES, THREADS = 500, 100, int(os.environ.get("THREADS", "32"))


def main() -> int:
    call_command("migrate", verbosity=0)
    operator = Organisation.objects.create(name="Benchmark operator", kind="operator")
    programme = Programme.objects.create(
        name="Benchmark",
        slug=f"bench-{os.getpid()}",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        operator=operator,
    )
    start = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        programme=programme,
        kind="seminar",
        title="Benchmark seminar",
        place="Hall",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=PLACES,
        registration_opens=timezone.now() - datetime.timedelta(days=1),
        registration_closes=start,
        total_hours=3,
    )
    Session.objects.create(event=event, title="S", starts_at=start, ends_at=event.ends_at, hours=3)

    def register(n):
        # Each worker thread keeps its own connection, as a web process would.
        return services.register(
            event, f"Person {n}", f"p{n}@bench.example", "Firm", consent=True
        ).status

    reverse("events:home")  # load the URL configuration before timing

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(register, range(PEOPLE)))
    elapsed = time.perf_counter() - began
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    waitlisted = Registration.objects.filter(event=event, status="waitlisted").count()
    print(f"database: {connection.vendor}")
    print(f"registrations: {PEOPLE} in {THREADS} threads for {PLACES} places")
    print(f"confirmed: {confirmed} (returned {statuses.count('confirmed')})")
    print(f"waitlisted: {waitlisted}")
    print(f"elapsed: {elapsed:.2f} s ({PEOPLE / elapsed:.0f} registrations/s)")
    programme.delete()
    operator.delete()
    ok = confirmed == PLACES and waitlisted == PEOPLE - PLACES
    print("result:", "OK" if ok else "CAPACITY VIOLATED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
