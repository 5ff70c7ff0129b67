"""Progress reporting for long background jobs; the web shows it with an HTMX poll.

A running job records a heartbeat with each progress report. A job whose heartbeat stops (its
worker was killed) is marked failed when anyone looks at it, and can be resumed: its task runs
again with the same arguments, and the task itself skips what was done (no certificate is
issued twice).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job
from .queue import enqueue


def start_job(
    kind: str,
    created_by=None,
    programme=None,
    total: int = 0,
    task: str = "",
    arguments: list | None = None,
) -> Job:
    return Job.objects.create(
        kind=kind,
        created_by=created_by,
        programme=programme,
        total=total,
        task=task,
        arguments=arguments or [],
        heartbeat_at=timezone.now(),
    )


def report_progress(job_id: int, done: int, total: int | None = None, message: str = "") -> None:
    update = {
        "done": done,
        "status": Job.Status.RUNNING,
        "message": message[:300],
        "heartbeat_at": timezone.now(),
    }
    if total is not None:
        update["total"] = total
    Job.objects.filter(pk=job_id).update(**update)


def advance(job_id: int, message: str = "") -> tuple[int, int]:
    """One more part of a job done, by one of the workers sharing it: ``(done, total)`` after.

    The row is locked, so parts finishing at the same moment on several workers count once
    each and exactly one of them sees the last. A failed job stays failed.
    """
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        job.done += 1
        job.heartbeat_at = timezone.now()
        if job.status == Job.Status.QUEUED:
            job.status = Job.Status.RUNNING
        if message:
            job.message = message[:300]
        job.save(update_fields=["done", "heartbeat_at", "status", "message"])
    return job.done, job.total


def beat(job_id: int) -> None:
    """Say the job is alive without changing its progress (between long steps)."""
    Job.objects.filter(pk=job_id).update(heartbeat_at=timezone.now())


def finish_job(job_id: int, result: dict | None = None, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE,
        result=result or {},
        message=message[:300],
        finished_at=timezone.now(),
    )


def fail_job(job_id: int, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, message=message[:300], finished_at=timezone.now()
    )


def mark_stalled(now=None) -> int:
    """Mark failed every queued or running job whose heartbeat is older than the limit."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)
    return Job.objects.filter(
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING], heartbeat_at__lt=limit
    ).update(
        status=Job.Status.FAILED,
        message=_("The job stopped responding; resume it to finish."),
        finished_at=now,
    )


def can_resume(job: Job) -> bool:
    return job.status == Job.Status.FAILED and bool(job.task)


def resume_job(job: Job) -> Job:
    """Run a failed job's task again; what it finished before is not done twice."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if not can_resume(locked):
            raise ValidationError(_("Only a failed job can be resumed."))
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED, message="", finished_at=None, heartbeat_at=timezone.now()
        )
        enqueue(locked.task, job.pk, *locked.arguments)
    job.refresh_from_db()
    return job
