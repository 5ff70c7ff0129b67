"""Background work: issuing every report of a programme, with progress."""

from django.core.exceptions import PermissionDenied

from dekvep.celery import app
from dekvep.core.jobs import fail_job, finish_job, report_progress
from dekvep.core.models import Job, Programme

from .reporting import issue_programme_reports


# Bound to the project's app so that it runs inline when no broker is configured.
@app.task
def generate_programme_reports(job_id: int, programme_id: int, language: str = "tr") -> None:
    """Issue (record and store the PDF of) every firm report of the programme's approved
    inventories, then each sector report with enough firms, on behalf of whoever started the
    job; progress is reported per report."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    try:
        if job.created_by is None:  # the permission is checked against whoever started it
            raise PermissionDenied
        issued = issue_programme_reports(
            job.created_by,
            Programme.objects.get(pk=programme_id),
            language,
            progress=lambda done, total, message: report_progress(job_id, done, total, message),
        )
        finish_job(job_id, issued)
    except Exception as error:  # the job page must show the failure, not spin forever
        fail_job(job_id, str(error))
        raise
