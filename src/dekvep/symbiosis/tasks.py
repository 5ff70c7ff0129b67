from dekvep.celery import app
from dekvep.core import jobs
from dekvep.symbiosis.models import MatchRun
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
