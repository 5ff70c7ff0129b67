"""Background work: generating every report of a programme, with progress."""

from django.core.files.base import ContentFile

from dekvep.celery import app
from dekvep.core.jobs import fail_job, finish_job, report_progress

from .models import Inventory
from .reports import SECTORS, firm_report_pdf, sector_report_pdf
from .services import compute_result


# Bound to the project's app so that it runs inline when no broker is configured.
@app.task
def generate_programme_reports(job_id: int, programme_id: int, language: str = "tr") -> None:
    """Re-assess every approved inventory of the programme and store its PDF report, then the
    sector reports; progress is reported per report."""
    inventories = list(
        Inventory.objects.filter(
            programme_id=programme_id, status=Inventory.Status.APPROVED
        ).select_related("organisation", "programme")
    )
    total = len(inventories) + len(SECTORS)
    try:
        for done, inventory in enumerate(inventories, start=1):
            compute_result(inventory)
            content = firm_report_pdf(None, inventory, language)
            if content:
                name = f"report-{inventory.pk}-{language}.pdf"
                inventory.report_file.save(name, ContentFile(content), save=True)
            report_progress(job_id, done, total, str(inventory.organisation))
        sectors = {}
        for offset, (sector, _label) in enumerate(SECTORS, start=1):
            programme = inventories[0].programme if inventories else None
            if programme is not None:
                sectors[sector] = len(sector_report_pdf(programme, sector, language))
            report_progress(job_id, len(inventories) + offset, total, sector)
        finish_job(job_id, {"firm_reports": len(inventories), "sector_reports": len(sectors)})
    except Exception as error:  # the job page must show the failure, not spin forever
        fail_job(job_id, str(error))
        raise
