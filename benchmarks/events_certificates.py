"""Bulk issuing of 1,000 certificate PDFs as a background job; target: within 2 minutes.

Uses the configured database (a scratch SQLite under VAR_DIR by default) and a scratch programme
it deletes afterwards:

    DEBUG=1 VAR_DIR=/tmp/bench-var .venv/bin/python benchmarks/events_certificates.py
"""

import os
import resource
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="dekvep-bench-media-"))

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from dekvep.core.models import Job, Organisation, Programme, StaffAssignment, User  # noqa: E402
from dekvep.events import certificates  # noqa: E402
from dekvep.events.models import Certificate, Event, Registration, Session, new_code, person_key  # noqa: E402

COUNT = int(os.environ.get("COUNT", "1000"))
TARGET_SECONDS = 120


def main() -> int:
    call_command("migrate", verbosity=0)
    operator = Organisation.objects.create(name="Marmara Sanayi Odası (benchmark)", kind="operator")
    programme = Programme.objects.create(
        name="Benchmark",
        slug=f"bench-cert-{os.getpid()}",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        operator=operator,
    )
    manager = User.objects.create(
        email=f"bench-{os.getpid()}@example.com", full_name="Bench Manager"
    )
    StaffAssignment.objects.create(programme=programme, user=manager, role="manager")
    start = timezone.now() - datetime.timedelta(days=30)
    event = Event.objects.create(
        programme=programme,
        kind="certificate_programme",
        title="Temiz Üretim Sertifika Programı",
        title_en="Cleaner Production Certificate Programme",
        place="İSO",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=24),
        capacity=COUNT,
        registration_opens=start - datetime.timedelta(days=30),
        registration_closes=start,
        total_hours=Decimal(24),
    )
    Session.objects.create(event=event, title="S", starts_at=start, ends_at=event.ends_at, hours=24)
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                full_name=f"Katılımcı Çağrı Öztürk {n}",
                email=f"k{n}@bench.example",
                person_key=person_key(f"k{n}@bench.example"),
                status="confirmed",
                code=new_code(),
                consent_at=start,
                attended_hours=24,
                completed=True,
            )
            for n in range(COUNT)
        ],
        batch_size=500,
    )
    began = time.perf_counter()
    with transaction.atomic():
        job = certificates.start_bulk_issue(manager, event)  # runs inline without a broker
    elapsed = time.perf_counter() - began
    job = Job.objects.get(pk=job.pk)
    with_pdf = Certificate.objects.filter(event=event).exclude(pdf="").count()
    print(f"database: {django.db.connection.vendor}")
    print(f"job: {job.status} {job.done}/{job.total}")
    print(f"certificates with PDF: {with_pdf}")
    print(f"elapsed: {elapsed:.1f} s ({with_pdf / elapsed:.1f} PDFs/s); target {TARGET_SECONDS} s")
    cpu = sum(
        getattr(resource.getrusage(who), field)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for field in ("ru_utime", "ru_stime")
    )
    print(
        f"cpu time (this process and PDF workers): {cpu:.1f} s on {os.cpu_count()} cores; "
        f"load average now {os.getloadavg()[0]:.1f}"
    )
    Certificate.objects.filter(event=event).delete()
    programme.delete()
    operator.delete()
    manager.delete()
    ok = with_pdf == COUNT and elapsed <= TARGET_SECONDS
    print("result:", "OK" if ok else "TOO SLOW OR INCOMPLETE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
