"""The registrant's own page (signed link)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors

from .. import privacy, selectors, services
from ..forms import (
    ErasureForm,
)
from ..ics import calendar_for
from ..models import Certificate, Registration
from ..qr import qr_svg
from ..tokens import manage_token, registration_from_confirm_token, registration_from_token
from .certificates import _credential_response, _pdf_response

# The registrant's own page (signed link) ----------------------------------------------------------


def _by_token(token) -> Registration:
    registration = registration_from_token(token)
    if registration is None or registration.erased_at:
        raise Http404
    return registration


@never_cache
def registration(request, token):
    registration = _by_token(token)
    certificate = Certificate.objects.filter(registration=registration).first()
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "certificate": certificate,
            "can_cancel": services.cancel_refusal(registration) is None,
            "qr": qr_svg(registration.code),
            "erasure_form": ErasureForm(),
        },
    )


@never_cache
def registration_confirm(request, token):
    """The link from the confirmation mail. Opening it shows a button; only pressing it (a POST)
    confirms, so mail scanners that open links do not hold places."""
    registration = registration_from_confirm_token(token)
    if registration is None or registration.erased_at:
        raise Http404
    if request.method == "POST":
        with form_errors(request) as done:
            registration = services.confirm_email(registration)
        if done:
            messages.success(request, _confirmed_message(registration))
            return redirect("events:registration", token=manage_token(registration))
    return render(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event},
    )


def _confirmed_message(registration) -> str:
    if registration.status == Registration.Status.CONFIRMED:
        return _("Thank you: your e-mail address is confirmed and your place is held.")
    if registration.status == Registration.Status.WAITLISTED:
        return _(
            "Thank you: your e-mail address is confirmed. The event is full, so you are on the "
            "waiting list in the order of confirmation."
        )
    return _("This registration was cancelled.")


@require_POST
def registration_cancel(request, token):
    registration = _by_token(token)
    with form_errors(request):
        services.cancel_registration(registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", token=token)


def registration_qr(request, token):
    return HttpResponse(qr_svg(_by_token(token).code), content_type="image/svg+xml")


def registration_calendar(request, token):
    registration = _by_token(token)
    response = HttpResponse(
        calendar_for(registration.event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response


def _data_response(data) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-event-data.json"'
    return response


def registration_data(request, token):
    registration = _by_token(token)
    return _data_response(privacy.personal_data(registration.email))


@require_POST
def registration_erase(request, token):
    registration = _by_token(token)
    form = ErasureForm(request.POST)
    form.is_valid()
    privacy.request_erasure(registration.email, None, form.cleaned_data.get("reason", ""))
    messages.success(
        request, _("Your request to erase your data is recorded; staff will confirm it.")
    )
    return redirect("events:registration", token=token)


def _own_certificate(token) -> Certificate:
    registration = _by_token(token)
    certificate = (
        Certificate.objects.filter(registration=registration).select_related("event").first()
    )
    if certificate is None:
        raise Http404
    return certificate


def _revoked_notice(certificate) -> HttpResponse:
    message = _("This certificate was revoked: %(reason)s") % {"reason": certificate.revoked_reason}
    return HttpResponse(message, status=410, content_type="text/plain; charset=utf-8")


def registration_certificate_pdf(request, token):
    certificate = _own_certificate(token)
    if certificate.revoked_at:  # a revoked certificate must not circulate as a valid document
        return _revoked_notice(certificate)
    return _pdf_response(certificate)


def registration_credential(request, token):
    certificate = _own_certificate(token)
    if certificate.revoked_at:
        return _revoked_notice(certificate)
    return _credential_response(certificate)


@login_required
def my_events(request):
    registrations = selectors.my_registrations(request.user)
    rows = [(r, manage_token(r)) for r in registrations]
    return render(request, "events/my.html", {"rows": rows, "erasure_form": ErasureForm()})


@login_required
def my_data(request):
    return _data_response(privacy.personal_data(request.user.email, request.user))


@login_required
@require_POST
def my_erase(request):
    form = ErasureForm(request.POST)
    form.is_valid()
    privacy.request_erasure(request.user.email, request.user, form.cleaned_data.get("reason", ""))
    messages.success(
        request, _("Your request to erase your data is recorded; staff will confirm it.")
    )
    return redirect("events:my")
