from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from .mail import deliver
from .models import Notification


@shared_task
def email_notification(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    with override(recipient.preferred_language):
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{settings.SITE_URL}{notification.url}"
        deliver([recipient.email], notification.subject, body)
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


@shared_task
def send_email(to: list[str], subject: str, body: str, attachments: list | None = None) -> None:
    deliver(to, subject, body, [tuple(a) for a in attachments or []])
