"""Progress reporting for long background jobs; the web shows it with an HTMX poll."""

from django.utils import timezone

from .models import Job


def start_job(kind: str, created_by=None, programme=None, total: int = 0) -> Job:
    return Job.objects.create(kind=kind, created_by=created_by, programme=programme, total=total)


def report_progress(job_id: int, done: int, total: int | None = None, message: str = "") -> None:
    update = {"done": done, "status": Job.Status.RUNNING, "message": message[:300]}
    if total is not None:
        update["total"] = total
    Job.objects.filter(pk=job_id).update(**update)


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
