"""Background work: issuing every report of a programme, with progress."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import translation
from django.utils.translation import gettext as _

from dekvep.celery import app
from dekvep.core.jobs import fail_job, finish_job, report_progress
from dekvep.core.models import Job, Programme

from .models import Inventory
from .reporting import issue_programme_reports
from .services import UploadError, import_workbook


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


@app.task
def import_workbook_upload(job_id: int, inventory_id: int, stored_name: str, language: str) -> None:
    """Read an uploaded inventory workbook in the worker, not the web process; the job ends
    done, or failed with every cell error (sheet, row, column, message) in its result."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    with translation.override(language):
        report_progress(job_id, 0, 1, str(_("Reading the workbook")))
        try:
            with default_storage.open(stored_name, "rb") as handle:
                content = handle.read()
            default_storage.delete(stored_name)
            inventory = Inventory.objects.get(pk=inventory_id)
            import_workbook(job.created_by, inventory, content)
        except UploadError as error:
            cells = [[c.sheet, c.row, c.column, str(c.message)] for c in error.cells]
            fail_job(job_id, str(_("The Excel file has errors.")))
            Job.objects.filter(pk=job_id).update(result={"cells": cells})
            return
        except ValidationError as error:
            fail_job(job_id, "; ".join(error.messages))
            return
        finish_job(job_id, {"inventory": inventory_id})
