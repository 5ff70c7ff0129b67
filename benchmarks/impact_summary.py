"""Speed of the impact summary: every figure of a programme with ~100,000 records (target < 1 s).

Creates a scratch database (SQLite in a temporary directory, or the database named by
``BENCH_DATABASE_URL``), fills one programme with records of every app the figures count
(bulk_create), then times ``dekvep.impact.figures.summary`` and prints the figures.

Run: .venv/bin/python benchmarks/impact_summary.py [--scale 1.0] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SCRATCH = Path(tempfile.mkdtemp(prefix="dekvep-impact-bench-"))
os.environ["VAR_DIR"] = str(SCRATCH)
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
)
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from dekvep.assessment.models import Inventory  # noqa: E402
from dekvep.calls.models import Application, Call, PitchDay, PitchInterest, PitchSlot  # noqa: E402
from dekvep.core.models import Organisation, Participation, Programme, User  # noqa: E402
from dekvep.events.models import (  # noqa: E402
    Ambassador,
    Certificate,
    Event,
    OutreachActivity,
    Registration,
)
from dekvep.plans.models import (  # noqa: E402
    Action,
    ActionPlan,
    ActionResult,
    Baseline,
    CollaborationOpportunity,
    InventoryVersion,
)
from dekvep.roadmaps.models import ClusterMeeting, Roadmap, RoadmapVersion, Workshop  # noqa: E402
from dekvep.symbiosis.models import Exchange, Listing, Synergy  # noqa: E402

SECTORS = ("textile", "plastics", "white_goods")
MATERIALS = ("textile", "plastic", "pet", "metal", "paper", "")
START = timezone.make_aware(dt.datetime(2022, 3, 1, 10, 0))
BATCH = 2000


def day(n: int) -> dt.datetime:
    return START + dt.timedelta(days=n % 540)


class Counter:
    def __init__(self):
        self.total = 0

    def bulk(self, model, objects):
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        self.total += len(created)
        return created


def organisations(c: Counter, programme, n: int):
    orgs = c.bulk(
        Organisation,
        [
            Organisation(name=f"Firma {i}", kind="manufacturer", sector=SECTORS[i % 3])
            for i in range(n)
        ],
    )
    c.bulk(
        Participation,
        [Participation(programme=programme, organisation=o, sector=o.sector) for o in orgs],
    )
    return orgs


def calls(c: Counter, programme, orgs, n_innovation: int):
    selection, innovation = c.bulk(
        Call,
        [
            Call(programme=programme, kind=kind, title_tr=kind, opens_at=START, closes_at=day(30))
            for kind in (Call.Kind.FIRM_SELECTION, Call.Kind.OPEN_INNOVATION)
        ],
    )
    statuses = ("submitted", "selected", "rejected", "confirmed", "draft")
    c.bulk(
        Application,
        [
            Application(
                call=selection,
                organisation=o,
                reference=f"S{i}",
                title=o.name,
                status=statuses[i % 5],
                submitted_at=day(i),
            )
            for i, o in enumerate(orgs)
        ],
    )
    pitched = c.bulk(
        Application,
        [
            Application(
                call=innovation,
                organisation=orgs[i],
                reference=f"I{i}",
                title=f"S{i}",
                status="shortlisted",
                submitted_at=day(i),
            )
            for i in range(n_innovation)
        ],
    )
    pitch_day = c.bulk(PitchDay, [PitchDay(call=innovation, name="Pitch", date=day(200))])[0]
    slots = c.bulk(
        PitchSlot,
        [
            PitchSlot(pitch_day=pitch_day, application=a, starts_at=day(200), ends_at=day(200))
            for a in pitched[: n_innovation // 2]
        ],
    )
    c.bulk(
        PitchInterest,
        [PitchInterest(slot=s, firm=orgs[-1 - j]) for s in slots for j in range(10)],
    )


def assessment(c: Counter, programme, orgs):
    c.bulk(
        Inventory,
        [
            Inventory(
                programme=programme,
                organisation=o,
                year=2021,
                sector=o.sector,
                status="approved" if i % 4 else "submitted",
                approved_at=day(i),
            )
            for i, o in enumerate(orgs)
        ],
    )


STREAMS = ("electricity", "thermal", "water", "material", "waste")
UNITS = {"electricity": "kWh", "thermal": "kWh", "water": "m3", "material": "t", "waste": "t"}


def _promise(i: int) -> dict:
    """Every third action came from an assessment measure and promises a saving."""
    if i % 3:
        return {}
    stream = STREAMS[i % 5]
    return {
        "stream": stream,
        "saving_kind": stream,
        "saving_quantity": 50_000.0 if UNITS[stream] == "kWh" else 40.0,
        "saving_unit": UNITS[stream],
        "savings_try": 120_000,
        "savings_tco2e": 12,
    }


def monitoring(c: Counter, programme, orgs):
    """Two approved years per firm, baselines, and a result for every implemented action."""
    totals = {"production_t": 1000.0, "electricity": 4000.0, "thermal": 6000.0}
    totals.update(water=80_000.0, material=1200.0, waste=300.0)
    c.bulk(
        InventoryVersion,
        [
            InventoryVersion(
                programme=programme,
                organisation=o,
                year=year,
                sector=SECTORS[i % 3],
                totals={k: v * (1 if year == 2023 else 0.97) for k, v in totals.items()},
            )
            for i, o in enumerate(orgs)
            for year in (2023, 2024)
        ],
    )
    c.bulk(Baseline, [Baseline(programme=programme, organisation=o, year=2023) for o in orgs])
    done = Action.objects.filter(plan__programme=programme, status="done").exclude(stream="")
    kinds = ("confirmed", "partly", "not_seen", "cannot_tell")
    c.bulk(
        ActionResult,
        [
            ActionResult(
                action_id=pk,
                year=2024,
                baseline_year=2023,
                stream=stream,
                unit="MWh" if stream in ("electricity", "thermal") else UNITS[stream],
                promised=50.0 if stream in ("electricity", "thermal") else 40.0,
                measured=(45.0, 20.0, 2.0, None)[n % 4],
                status=kinds[n % 4],
            )
            for n, (pk, stream) in enumerate(done.values_list("pk", "stream"))
        ],
    )


def roadmaps(c: Counter, programme, orgs, n_actions: int, n_opportunities: int):
    c.bulk(
        Workshop,
        [
            Workshop(
                programme=programme,
                sector=SECTORS[i % 3],
                session_number=i,
                title=f"W{i}",
                starts_at=day(i * 3),
            )
            for i in range(200)
        ],
    )
    c.bulk(
        ClusterMeeting,
        [
            ClusterMeeting(
                programme=programme,
                sector=SECTORS[i % 3],
                number=i,
                title=f"C{i}",
                starts_at=day(i * 5),
            )
            for i in range(100)
        ],
    )
    maps = c.bulk(Roadmap, [Roadmap(programme=programme, sector=s, title=s) for s in SECTORS])
    c.bulk(RoadmapVersion, [RoadmapVersion(roadmap=r, number=1, status="published") for r in maps])
    plans = c.bulk(
        ActionPlan,
        [ActionPlan(programme=programme, kind="firm", organisation=o, title=o.name) for o in orgs],
    )
    statuses = ("planned", "in_progress", "done", "done", "blocked")
    c.bulk(
        Action,
        [
            Action(
                plan=plans[i % len(plans)],
                title=f"A{i}",
                status=statuses[i % 5],
                owner_organisation_id=plans[i % len(plans)].organisation_id,
                **_promise(i),
            )
            for i in range(n_actions)
        ],
    )
    types = CollaborationOpportunity.Type.values
    c.bulk(
        CollaborationOpportunity,
        [
            CollaborationOpportunity(
                programme=programme,
                type=types[i % len(types)],
                title=f"O{i}",
                source_app="bench",
                source_id=str(i),
            )
            for i in range(n_opportunities)
        ],
    )


def symbiosis(c: Counter, programme, orgs, n_listings: int, n_exchanges: int):
    listings = c.bulk(
        Listing,
        [
            Listing(
                programme=programme,
                organisation=orgs[i % len(orgs)],
                kind="offer" if i % 2 == 0 else "want",
                title=f"L{i}",
                material=MATERIALS[i % len(MATERIALS)],
                quantity=10 + i % 90,
                tonnes_per_year=10 + i % 90,
                status="published",
            )
            for i in range(n_listings)
        ],
    )
    states = Synergy.State.values
    synergies = c.bulk(
        Synergy,
        [
            Synergy(
                programme=programme,
                offer=listings[i],
                want=listings[i + 1],
                state=states[(i // 2) % len(states)],
                distance_km=5 + i % 200,
            )
            for i in range(0, n_listings - 1, 2)
        ],
    )
    c.bulk(
        Exchange,
        [
            Exchange(synergy=synergies[i % len(synergies)], date=day(i).date(), tonnes=1 + i % 9)
            for i in range(n_exchanges)
        ],
    )


def events(c: Counter, programme, orgs, n_registrations: int):
    kinds = [Event.Kind.SEMINAR] * 50 + [Event.Kind.TRAINING] * 20
    kinds += [Event.Kind.CERTIFICATE_PROGRAMME] * 10
    found = c.bulk(
        Event,
        [
            Event(
                programme=programme,
                kind=k,
                title=f"E{i}",
                starts_at=day(i * 7),
                ends_at=day(i * 7),
                capacity=1000,
                registration_opens=START,
                registration_closes=day(i * 7),
                ambassador_path=i in (50, 51),
            )
            for i, k in enumerate(kinds)
        ],
    )
    users = c.bulk(User, [User(email=f"amb{i}@bench.example") for i in range(len(orgs))])
    c.bulk(
        Ambassador,
        [
            Ambassador(programme=programme, organisation=o, user=u)
            for o, u in zip(orgs, users, strict=True)
        ],
    )
    registrations = []
    for i in range(n_registrations):
        event = found[i % len(found)]
        user = users[i // len(found)] if i // len(found) < len(users) else None
        registrations.append(
            Registration(
                event=event,
                user=user,
                full_name=f"P{i}",
                person_key=f"p{i % 30011}",
                organisation_key=f"org:{i % 1500}",
                status="confirmed",
                consent_at=START,
                attended_hours=3,
                completed=i % 3 == 0,
            )
        )
    c.bulk(Registration, registrations)
    programmes = [e for e in found if e.kind == Event.Kind.CERTIFICATE_PROGRAMME]
    c.bulk(
        Certificate,
        [
            Certificate(
                event=programmes[i % 10],
                holder_name=f"H{i}",
                holder_key=f"h{i}",
                title="Sertifika",
                hours=24,
                issuer="DEKVEP",
                issued_at=day(i),
            )
            for i in range(5000)
        ],
    )
    schools = [Organisation(name=f"Okul {i}", kind="school") for i in range(20)]
    schools = c.bulk(Organisation, schools)
    c.bulk(
        OutreachActivity,
        [
            OutreachActivity(
                programme=programme,
                school=schools[i % 20],
                title=f"D{i}",
                held_on=day(i).date(),
                students=30,
                teachers=2,
            )
            for i in range(500)
        ],
    )


def populate(scale: float) -> tuple[Programme, int]:
    c = Counter()
    operator = c.bulk(Organisation, [Organisation(name="Operator", kind="operator")])[0]
    programme = c.bulk(
        Programme,
        [
            Programme(
                name="Bench",
                slug="bench",
                starts_on=START.date(),
                ends_on=day(540).date(),
                operator=operator,
            )
        ],
    )[0]
    n = lambda base: max(1, int(base * scale))  # noqa: E731
    orgs = organisations(c, programme, n(2000))
    calls(c, programme, orgs, n(500))
    assessment(c, programme, orgs)
    roadmaps(c, programme, orgs, n(15000), n(5000))
    monitoring(c, programme, orgs)
    symbiosis(c, programme, orgs, n(12000), n(10000))
    events(c, programme, orgs, n(40000))
    return programme, c.total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the record counts")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", run_syncdb=True, verbosity=0)
    started = time.perf_counter()
    programme, records = populate(args.scale)
    print(
        f"database: {connection.vendor}; records created: {records:,} "
        f"in {time.perf_counter() - started:.1f} s"
    )

    from dekvep.impact.figures import all_figures, summary

    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        values = summary(programme)
        timings.append(time.perf_counter() - start)
    slowest = []
    for figure in all_figures():
        start = time.perf_counter()
        figure.compute(programme)
        slowest.append((time.perf_counter() - start, figure.key))
    for key, value in values.items():
        print(f"  {key:30} {value}")
    slow = ", ".join(f"{key} {seconds * 1000:.0f} ms" for seconds, key in sorted(slowest)[-3:])
    print(f"slowest figures: {slow}")
    monitored = sum(
        t for t, key in slowest if key.startswith("savings_") or key == "actions_verified"
    )
    print(f"monitoring figures (savings_*, actions_verified): {monitored * 1000:.0f} ms together")
    best, median = min(timings), statistics.median(timings)
    verdict = "OK" if median < 1.0 else "TOO SLOW"
    print(
        f"impact summary: best {best:.3f} s, median {median:.3f} s over {args.runs} runs "
        f"(target < 1 s) {verdict}"
    )
    return 0 if median < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
