"""Match runs on the workers: a plan, a group of partition tasks, then the merge.

The last partition to finish, counted on the run's job, queues the merge: a chord that needs
no result backend, so a worker lost half-way leaves the job failed for the page to show.
"""

from celery import group

from dekvep.celery import app
from dekvep.core import jobs
from dekvep.core.queue import enqueue
from dekvep.symbiosis import alerts, digest, expiry, match_runs
from dekvep.symbiosis.models import Listing, MatchRun
from dekvep.symbiosis.services import matches_for


def _failed(run_id: int, error: Exception) -> None:
    # the operator sees the failure on the run's page
    job_id = MatchRun.objects.filter(pk=run_id).values_list("job_id", flat=True).first()
    if job_id:
        jobs.fail_job(job_id, str(error))


@app.task
def run_matching(run_id: int) -> None:
    """Plan the run and hand its partitions to the workers."""
    try:
        parts = match_runs.plan_run(MatchRun.objects.get(pk=run_id))
        if not parts:
            match_runs.finish_run(run_id)
            return
    except Exception as error:
        _failed(run_id, error)
        raise
    group(rank_match_partition.si(run_id, offers, wants) for offers, wants in parts).apply_async()


@app.task
def rank_match_partition(run_id: int, offers: list[int], wants: list[int]) -> None:
    try:
        last = match_runs.rank_partition(run_id, offers, wants)
    except Exception as error:
        _failed(run_id, error)
        raise
    if last:
        enqueue("symbiosis.tasks.finish_match_run", run_id)


@app.task
def finish_match_run(run_id: int) -> None:
    try:
        match_runs.finish_run(run_id)
    except Exception as error:
        _failed(run_id, error)
        raise


@app.task
def alert_new_listing(listing_id: int) -> None:
    listing = Listing.objects.filter(pk=listing_id).first()
    if listing is not None:  # deleted before the task ran
        alerts.alert_new_listing(listing, matches_for(listing))


@app.task
def send_weekly_digests() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): each firm member's weekly digest."""
    return digest.send_weekly_digests()


@app.task
def expire_listings() -> dict:
    """Periodic (CELERY_BEAT_SCHEDULE): take stale listings off, remind firms before that."""
    return {"expired": expiry.expire_listings(), "reminded": expiry.send_expiry_reminders()}
