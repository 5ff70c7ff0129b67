"""Speed of the call review: prints measured figures against the targets.

- automatic assignment of 1,000 applications to 30 reviewers, 3 each (target ≤ 2 s);
- the ranking page of 1,000 applications × 10 reviewers, rendered end to end (target ≤ 1 s).

Runs on a scratch SQLite database under VAR_DIR (default /tmp/dekvep-calls-bench), or on
DATABASE_URL when set (a scratch programme is created there):

    .venv/bin/python benchmarks/calls_review.py
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", "/tmp/dekvep-calls-bench")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
import random  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from dekvep.calls import services  # noqa: E402
from dekvep.calls.models import Application, Call, Criterion, Review, Score  # noqa: E402
from dekvep.core.models import Organisation, Programme, StaffAssignment, User  # noqa: E402

APPLICATIONS, JURY, PER_APPLICATION, RANKING_REVIEWERS = 1000, 30, 3, 10


def scratch():
    call_command("migrate", verbosity=0)
    stamp = f"{os.getpid()}-{int(time.time())}"
    operator = Organisation.objects.create(name=f"Bench operator {stamp}", kind="operator")
    programme = Programme.objects.create(
        name="Benchmark",
        slug=f"calls-bench-{stamp}",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        operator=operator,
    )
    manager = User.objects.create_user(f"manager-{stamp}@bench.example", "x")
    StaffAssignment.objects.create(programme=programme, user=manager, role="manager")
    jury = [User(email=f"jury{i}-{stamp}@bench.example") for i in range(JURY)]
    User.objects.bulk_create(jury)
    jury = list(
        User.objects.filter(email__contains=f"-{stamp}@bench.example", email__startswith="jury")
    )
    StaffAssignment.objects.bulk_create(
        [StaffAssignment(programme=programme, user=u, role="jury") for u in jury]
    )
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Firm {i} {stamp}", kind="manufacturer") for i in range(APPLICATIONS)]
    )
    orgs = list(Organisation.objects.filter(name__endswith=f" {stamp}", kind="manufacturer"))
    return programme, manager, jury, orgs


def make_call(programme, orgs, title):
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        kind="open_innovation",
        title_tr=title,
        published=True,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
    )
    for i, (name, weight) in enumerate(
        [("Fit", 3), ("Impact", 3), ("Feasibility", 2), ("Scale", 1)]
    ):
        Criterion.objects.create(call=call, name_tr=name, weight=weight, order=i)
    Application.objects.bulk_create(
        [
            Application(
                call=call,
                organisation=org,
                reference=f"S-{i + 1:04d}",
                title=f"Solution {i}",
                status="eligible",
            )
            for i, org in enumerate(orgs)
        ]
    )
    return call


def bench_assignment(programme, manager, orgs) -> float:
    call = make_call(programme, orgs, "Assignment benchmark")
    began = time.perf_counter()
    with transaction.atomic():  # hold the reviewers' notification mails until the end
        made = services.auto_assign(manager, call, PER_APPLICATION)
        elapsed = time.perf_counter() - began
    mailed = time.perf_counter() - began - elapsed
    loads = sorted(
        Review.objects.filter(application__call=call).values_list("reviewer_id", flat=True)
    )
    per_reviewer = {r: loads.count(r) for r in set(loads)}
    print(
        f"auto-assignment: {made} assignments of {APPLICATIONS} applications to {JURY} reviewers "
        f"in {elapsed:.2f} s (target ≤ 2 s); load {min(per_reviewer.values())}–"
        f"{max(per_reviewer.values())} per reviewer; then {JURY} notification mails sent inline "
        f"in {mailed:.2f} s (a worker sends them when a broker is configured)"
    )
    return elapsed


def bench_ranking(programme, manager, jury, orgs) -> float:
    call = make_call(programme, orgs, "Ranking benchmark")
    Application.objects.filter(call=call).update(status="under_review")
    criteria = list(call.criteria.all())
    rng = random.Random(7)
    apps = list(call.applications.values_list("pk", flat=True))
    reviews = []
    scores_by_review = []
    for app in apps:
        for reviewer in rng.sample(jury, RANKING_REVIEWERS):
            scores = {c.pk: rng.randint(0, 10) for c in criteria}
            total = services.weighted_total(scores, criteria)
            reviews.append(
                Review(application_id=app, reviewer=reviewer, status="submitted", total=total)
            )
            scores_by_review.append(scores)
    Review.objects.bulk_create(reviews, batch_size=2000)
    Score.objects.bulk_create(
        [
            Score(review=review, criterion_id=c, value=v)
            for review, scores in zip(reviews, scores_by_review, strict=True)
            for c, v in scores.items()
        ],
        batch_size=5000,
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager)
    client.get(f"/calls/{call.pk}/ranking/")  # warm templates and URL configuration
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        response = client.get(f"/calls/{call.pk}/ranking/")
        timings.append(time.perf_counter() - began)
        assert response.status_code == 200 and response.content.count(b"<tr>") >= APPLICATIONS
    best, worst = min(timings), max(timings)
    print(
        f"ranking page: {APPLICATIONS} applications × {RANKING_REVIEWERS} reviewers "
        f"({len(reviews)} reviews, {len(reviews) * len(criteria)} scores) rendered in "
        f"{best:.2f} s best, {worst:.2f} s worst of 3 (target ≤ 1 s)"
    )
    return worst


def main() -> int:
    programme, manager, jury, orgs = scratch()
    assignment = bench_assignment(programme, manager, orgs)
    ranking_time = bench_ranking(programme, manager, jury, orgs)
    return 0 if assignment <= 2 and ranking_time <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
