"""A match run spread over the Celery workers (``dekvep worker``), in three steps.

1. :func:`plan_run` reads the programme's published listings once, splits the offers into
   partitions (:mod:`engine.partition`: main material bucket, regions of a large one) and keeps
   on the run's job what the merge needs: the listings in the order of the run, their tonnes
   and worth.
2. :func:`rank_partition`, one task per partition on whichever worker is free, ranks the
   partition's offers against the wants they can reach and stores their top lists; the job
   counts the partitions done, and the one that finishes last says so.
3. :func:`finish_run` allocates the offered tonnes over every stored pair, as the single
   process run does, and closes the job.

The stored results equal those of :func:`services.execute_match_run`: the same top lists, the
same allocation. With no broker the tasks run inline, one after the other.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import jobs
from dekvep.core.models import Job
from dekvep.symbiosis import engine
from dekvep.symbiosis.adapters import profiles
from dekvep.symbiosis.alerts import alert_run
from dekvep.symbiosis.engine import partition as partitions
from dekvep.symbiosis.models import Listing, MatchResult, MatchRun
from dekvep.symbiosis.reach import within_reach
from dekvep.symbiosis.services import _published

# a partition still ranking says it is alive this often (seconds), well inside the job timeout
BEAT_EVERY = 10.0
_PAIR = ("pk", "offer_id", "want_id", "rank", "score", "distance_km")


def plan_run(run: MatchRun, parts: int | None = None) -> list[tuple[list[int], list[int]]]:
    """The partitions of ``run``: each its offers' and its wants' keys, in the run's order."""
    found = profiles(_published(run.programme))
    knowledge = engine.default_knowledge()
    offers = [p for p in found if p.listing.kind == "offer"]
    wants = [p for p in found if p.listing.kind == "want"]
    split = partitions.partition(offers, wants, parts or settings.MATCH_PARTITIONS, knowledge)
    plan = {
        "offers": [int(p.listing.id) for p in offers],
        "offered_t": [p.listing.tonnes_per_year for p in offers],
        "value": [engine.economic_value(p, knowledge) for p in offers],
        "wants": [int(p.listing.id) for p in wants],
        "wanted_t": [p.listing.tonnes_per_year for p in wants],
    }
    with transaction.atomic():
        if run.job_id is None:
            run.job = jobs.start_job("symbiosis.match_run", programme=run.programme)
        run.offers, run.wants = len(offers), len(wants)
        run.save(update_fields=["job", "offers", "wants"])
        Job.objects.filter(pk=run.job_id).update(
            status=Job.Status.RUNNING,
            done=0,
            total=len(split),
            message=_("partitions ranked"),
            result={"plan": plan},
            heartbeat_at=timezone.now(),
        )
    return [
        ([plan["offers"][i] for i in part.offers], [plan["wants"][j] for j in part.wants])
        for part in split
    ]


def _in_order(keys: list[int]) -> list[Listing]:
    found = Listing.objects.select_related("organisation", "site").in_bulk(keys)
    # a listing deleted since the plan is left out; the others keep the run's order
    return [found[k] for k in keys if k in found]


def rank_partition(run_id: int, offer_keys: list[int], want_keys: list[int], top: int = 10):
    """Rank one partition and store its offers' top lists; True when it was the last one."""
    run = MatchRun.objects.get(pk=run_id)
    offer_listings, want_listings = _in_order(offer_keys), _in_order(want_keys)
    offers, wants = profiles(offer_listings), profiles(want_listings)
    beaten = [time.monotonic()]

    def alive(done, total):
        if time.monotonic() - beaten[0] > BEAT_EVERY:
            jobs.beat(run.job_id)
            beaten[0] = time.monotonic()

    ranked = partitions.rank_partition(offers, wants, top, progress=alive)
    # a service reaches only the provinces it serves, as in the single-process run
    by_id = {item.pk: item for item in [*offer_listings, *want_listings]}
    ranked = {key: within_reach(ms, by_id) for key, ms in ranked.items()}
    with transaction.atomic():
        # a partition run again replaces what it stored before
        MatchResult.objects.filter(run=run, offer_id__in=offer_keys).delete()
        MatchResult.objects.bulk_create(
            (
                MatchResult(
                    run=run,
                    offer_id=int(m.offer_id),
                    want_id=int(m.want_id),
                    rank=rank,
                    score=m.score,
                    distance_km=m.distance_km,
                    reasons=[list(r) for r in m.reasons],
                )
                for ms in ranked.values()
                for rank, m in enumerate(ms, 1)
            ),
            batch_size=1000,
        )
        done, total = jobs.advance(run.job_id, _("partitions ranked"))
    return done == total


def finish_run(run_id: int) -> MatchRun:
    """Allocate the offered tonnes over every stored pair and close the run."""
    run = MatchRun.objects.select_related("job").get(pk=run_id)
    plan = run.job.result["plan"]
    position = {key: i for i, key in enumerate(plan["offers"])}
    rows = list(MatchResult.objects.filter(run=run).values_list(*_PAIR))
    # the pairs in the order the single process run lists them: by offer, then by rank
    rows.sort(key=lambda r: (position.get(r[1], len(position)), r[3]))
    offers = [str(k) for k in plan["offers"]]
    placed = engine.allocate(
        [engine.Match(str(r[1]), str(r[2]), r[4], r[5], []) for r in rows],
        dict(zip(offers, plan["offered_t"], strict=True)),
        dict(zip((str(k) for k in plan["wants"]), plan["wanted_t"], strict=True)),
        dict(zip(offers, plan["value"], strict=True)),
        engine.default_knowledge().factor("freight_cost") or 0.0,
    )
    allocation = {(a.offer_id, a.want_id): a.tonnes for a in placed}
    tonnes = [(r[0], allocation.get((str(r[1]), str(r[2])), 0.0)) for r in rows]
    with transaction.atomic():
        _store_allocation([(pk, t) for pk, t in tonnes if t])
        run.pairs = len(rows)
        run.allocated_t = round(sum(allocation.values()), 3)
        run.finished_at = timezone.now()
        run.save(update_fields=["pairs", "allocated_t", "finished_at"])
    result = {"pairs": run.pairs, "allocated_t": run.allocated_t, "partitions": run.job.total}
    jobs.finish_job(run.job_id, result)
    alert_run(run)  # new matches to their firms, as after a single-process run
    return run


def _store_allocation(tonnes: list[tuple[int, float]]) -> None:
    """Set ``allocated_t`` of the given result rows (by key)."""
    if not tonnes:
        return
    if connection.vendor == "postgresql":
        # one statement for all rows: a national run places tens of thousands of pairs
        table = MatchResult._meta.db_table
        keys, values = zip(*tonnes, strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS r SET allocated_t = v.t "  # noqa: S608 (our own table name)
                "FROM unnest(%s::bigint[], %s::double precision[]) AS v(id, t) WHERE r.id = v.id",
                [list(keys), list(values)],
            )
        return
    rows = [MatchResult(pk=pk, allocated_t=t) for pk, t in tonnes]
    MatchResult.objects.bulk_update(rows, ["allocated_t"], batch_size=500)
