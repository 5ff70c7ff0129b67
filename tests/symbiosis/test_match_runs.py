"""A match run split into partitions, ranked by the workers (inline here) and merged."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import TestCase

from dekvep.core.demo import _base as demo_base
from dekvep.core.models import Job, Site
from dekvep.symbiosis import demo as symbiosis_demo
from dekvep.symbiosis import match_runs, tasks
from dekvep.symbiosis.engine import default_knowledge
from dekvep.symbiosis.engine.csvio import read_listings
from dekvep.symbiosis.models import Listing, MatchResult, MatchRun
from dekvep.symbiosis.services import execute_match_run, start_match_run
from tests.conftest import client_for
from tests.factories import OrganisationFactory

django_capture_on_commit_callbacks = TestCase.captureOnCommitCallbacks
DATA = Path(__file__).resolve().parent / "data"


def _store_quality_set(programme):
    """The matching quality set as published listings, each at its own site."""
    found, _ = read_listings(DATA / "quality_listings.csv", default_knowledge())
    firms = {}
    for profile in found:
        item = profile.listing
        firm = firms.get(item.organisation)
        if firm is None:
            firm = firms[item.organisation] = OrganisationFactory(name=item.organisation)
        place = {"latitude": item.latitude, "longitude": item.longitude}
        site = Site.objects.create(organisation=firm, name=item.title[:120], **place)
        Listing.objects.create(
            programme=programme,
            organisation=firm,
            site=site,
            kind=item.kind,
            title=item.title[:200],
            description=item.description,
            waste_code=item.waste_code or "",
            quantity=item.tonnes_per_year,
            tonnes_per_year=item.tonnes_per_year,
            hazardous_licence=item.hazardous_licence,
            status=Listing.Status.PUBLISHED,
        )


def _stored(run):
    run.refresh_from_db()
    rows = MatchResult.objects.filter(run=run).order_by("offer_id", "rank")
    pairs = [(r.offer_id, r.want_id, r.rank, r.score, r.distance_km, r.allocated_t) for r in rows]
    return pairs, (run.offers, run.wants, run.pairs, run.allocated_t)


def _run_inline(run):
    # the last partition queues the merge once its write commits
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_matching(run.pk)


def _plain_and_partitioned(programme, settings, parts):
    plain = execute_match_run(MatchRun.objects.create(programme=programme))
    settings.MATCH_PARTITIONS = parts
    partitioned = MatchRun.objects.create(programme=programme)
    _run_inline(partitioned)
    partitioned.refresh_from_db()
    return plain, partitioned


@pytest.mark.parametrize("parts", [4, 12])
def test_a_partitioned_run_stores_the_top_ten_and_allocation_of_the_single_process_run(
    programme, settings, parts
):
    _store_quality_set(programme)
    plain, partitioned = _plain_and_partitioned(programme, settings, parts)
    assert partitioned.job.total > 1
    pairs, totals = _stored(plain)
    assert totals[2] > totals[0]  # the set ranks more pairs than it has offers
    assert _stored(partitioned) == (pairs, totals)


@pytest.mark.django_db
def test_on_the_demo_a_partitioned_run_stores_what_the_single_process_run_stores(settings):
    # the demo programme, its firms and their listings (the rest of the demo plays no part)
    programme, _logins = demo_base()
    symbiosis_demo.load(programme)
    plain, partitioned = _plain_and_partitioned(programme, settings, 6)
    assert partitioned.job.total > 1
    assert _stored(partitioned) == _stored(plain)


def test_the_job_counts_the_partitions_ranked(programme, settings):
    _store_quality_set(programme)
    run = MatchRun.objects.create(programme=programme)
    parts = match_runs.plan_run(run, parts=5)
    run.refresh_from_db()
    assert (run.job.done, run.job.total, run.job.status) == (0, len(parts), Job.Status.RUNNING)
    lasts = [match_runs.rank_partition(run.pk, offers, wants) for offers, wants in parts]
    run.job.refresh_from_db()
    assert (run.job.done, lasts.count(True), lasts[-1]) == (len(parts), 1, True)


def test_the_board_shows_the_partitions_ranked_so_far(programme, people, settings):
    _store_quality_set(programme)
    run = MatchRun.objects.create(programme=programme)
    parts = match_runs.plan_run(run, parts=5)
    match_runs.rank_partition(run.pk, *parts[0])
    page = client_for(people["manager"]).get("/symbiosis/board/").content.decode()
    assert f"1 / {len(parts)}" in page and "partitions ranked" in page


def test_a_partition_ranked_twice_stores_its_pairs_once(programme, settings):
    _store_quality_set(programme)
    run = MatchRun.objects.create(programme=programme)
    offers, wants = match_runs.plan_run(run, parts=5)[0]
    match_runs.rank_partition(run.pk, offers, wants)
    once = MatchResult.objects.filter(run=run).count()
    match_runs.rank_partition(run.pk, offers, wants)
    assert MatchResult.objects.filter(run=run).count() == once > 0


def test_the_managers_run_goes_inline_without_a_broker_and_finishes(
    programme, people, offer, want, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_match_run(people["manager"], programme)
    run.refresh_from_db()
    assert run.finished_at is not None
    assert (run.job.status, run.job.done, run.job.total) == (Job.Status.DONE, 1, 1)
    assert run.job.result == {"pairs": 1, "allocated_t": 120.0, "partitions": 1}


def test_a_run_with_no_listings_finishes_with_no_pairs(programme):
    run = MatchRun.objects.create(programme=programme)
    _run_inline(run)
    run.refresh_from_db()
    assert (run.finished_at is not None, run.pairs, run.job.status) == (True, 0, Job.Status.DONE)


@pytest.mark.postgres
def test_partitions_ranked_at_once_on_postgresql_count_once_and_merge_to_the_plain_run(
    transactional_db, programme
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    _store_quality_set(programme)
    plain = execute_match_run(MatchRun.objects.create(programme=programme))
    run = MatchRun.objects.create(programme=programme)
    parts = match_runs.plan_run(run, parts=6)

    def rank(part):
        try:
            return match_runs.rank_partition(run.pk, *part)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=3) as pool:
        lasts = list(pool.map(rank, parts))
    assert lasts.count(True) == 1
    match_runs.finish_run(run.pk)
    assert _stored(run) == _stored(plain)
