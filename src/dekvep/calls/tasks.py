"""Background work: sending the notices staff released from the outbox."""

from celery import shared_task
from django.utils import timezone

import dekvep.celery  # noqa: F401 - configures the app (inline when no broker is set)
from dekvep.core.mail import deliver
from dekvep.core.models import Notification

from .models import Notice
from .services import SYSTEM, transition_notice


@shared_task
def send_notice(notice_id: int) -> None:
    notice = Notice.objects.select_related("recipient", "application").get(pk=notice_id)
    if notice.status != Notice.Status.RELEASED:
        return
    deliver([notice.recipient.email], notice.subject, notice.body)
    url = f"/calls/applications/{notice.application_id}/" if notice.application_id else ""
    Notification.objects.create(
        recipient=notice.recipient,
        subject=notice.subject,
        body=notice.body,
        url=url,
        emailed_at=timezone.now(),
    )
    transition_notice(SYSTEM, notice, Notice.Status.SENT)
