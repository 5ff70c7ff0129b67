from celery import shared_task
from django.contrib.auth import get_user_model

import dekvep.celery  # noqa: F401 - configures the app (inline when no broker is set)
from dekvep.core import jobs

from . import mail
from .certificates import run_bulk_issue


@shared_task
def issue_certificates(job_id: int, event_id: int, actor_id: int) -> dict:
    """Issue (and render) the certificates of everyone who completed an event, with progress."""
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        return run_bulk_issue(job_id, event_id, actor)
    except Exception as error:
        jobs.fail_job(job_id, str(error))
        raise


@shared_task
def send_registration_mail(
    registration_id: int, language: str | None = None, status: str | None = None
) -> None:
    """The address-confirmation, place-confirmation (with a calendar file) or waiting-list mail
    of one registration."""
    mail.send_registration_mail(registration_id, language, status)
