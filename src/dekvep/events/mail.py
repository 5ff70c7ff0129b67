"""E-mails to registrants: confirmation with a calendar file, waiting-list notice, promotion."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from dekvep.core.mail import deliver

from .ics import calendar_for
from .models import Registration
from .tokens import confirm_token, manage_token


def manage_url(registration) -> str:
    return settings.SITE_URL + reverse("events:registration", args=[manage_token(registration)])


def send_registration_mail(
    registration_id: int, language: str | None = None, status: str | None = None
) -> None:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not registration.email:
        return
    event = registration.event
    status = status or registration.status
    if status == Registration.Status.CANCELLED:
        return
    confirmed = status == Registration.Status.CONFIRMED
    pending = status == Registration.Status.PENDING
    with override(language or settings.LANGUAGE_CODE):
        if pending:
            subject = _("Please confirm your e-mail address: %(event)s") % {"event": event.title}
        elif confirmed:
            subject = _("Your place is confirmed: %(event)s") % {"event": event.title}
        else:
            subject = _("You are on the waiting list: %(event)s") % {"event": event.title}
        body = render_to_string(
            "events/registration_email.txt",
            {
                "registration": registration,
                "event": event,
                "confirmed": confirmed,
                "pending": pending,
                "confirm_url": settings.SITE_URL
                + reverse("events:registration_confirm", args=[confirm_token(registration)]),
                "manage_url": manage_url(registration),
            },
        )
    attachments = []
    if confirmed:
        ics = calendar_for(event, manage_url(registration))
        attachments.append(("event.ics", ics, "text/calendar"))
    deliver([registration.email], subject, body, attachments)
