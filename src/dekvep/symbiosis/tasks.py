from dekvep.celery import app
from dekvep.core import jobs
from dekvep.symbiosis.models import Listing, MatchRun
from dekvep.symbiosis.services import execute_match_run


@app.task
def run_matching(run_id: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    try:
        execute_match_run(run)
    except Exception as error:  # the operator sees the failure on the run's page
        if run.job_id:
            jobs.fail_job(run.job_id, str(error))
        raise


@app.task
def alert_new_listing(listing_id: int) -> None:
    from dekvep.symbiosis.alerts import alert_new_listing as alert

    listing = Listing.objects.filter(pk=listing_id).first()
    if listing is not None:  # deleted before the task ran
        alert(listing)


@app.task
def send_weekly_digests() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): each firm member's weekly digest."""
    from dekvep.symbiosis.digest import send_weekly_digests as send

    return send()


@app.task
def expire_listings() -> dict:
    """Periodic (CELERY_BEAT_SCHEDULE): take stale listings off, remind firms before that."""
    from dekvep.symbiosis.expiry import expire_listings as expire
    from dekvep.symbiosis.expiry import send_expiry_reminders

    return {"expired": expire(), "reminded": send_expiry_reminders()}
