"""Completion and certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Job
from dekvep.core.permissions import require

from .. import certificates, selectors
from ..credentials import credential_for
from ..forms import (
    RevokeForm,
)
from ..models import Registration
from ..selectors import load_staff_certificate, load_staff_event

# Completion and certificates ------------------------------------------------------------------


@login_required
def completion(request, pk):
    event = load_staff_event(request.user, pk, "events.view_attendees")
    rows = selectors.completion_rows(event)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for row in page:
        row.can_issue = certificates.issue_offered(row)
    job = Job.objects.filter(kind="events.issue_certificates", programme=event.programme).first()
    return render(
        request,
        "events/completion.html",
        {
            "event": event,
            "page": page,
            "job": job,
            "eligible": certificates.eligible_without_certificate(event).count(),
            "issued": event.certificates.count(),
        },
    )


@login_required
@require_POST
def issue_one(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event__programme"), pk=pk)
    require(request.user, "events.issue_certificate", registration.event)
    with form_errors(request):
        certificate = certificates.issue_certificate(request.user, registration)
        messages.success(
            request, _("Certificate issued to %(name)s.") % {"name": certificate.holder_name}
        )
    return redirect("events:completion", pk=registration.event_id)


@login_required
@require_POST
def issue_bulk(request, pk):
    event = load_staff_event(request.user, pk, "events.issue_certificate")
    job = certificates.start_bulk_issue(request.user, event)
    messages.success(request, _("Issuing certificates in the background."))
    return redirect("events:job", pk=job.pk)


@login_required
def job(request, pk):
    job = get_object_or_404(Job, pk=pk, kind="events.issue_certificates")
    require(request.user, "events.issue_certificate", job.programme)
    return render(request, "events/job.html", {"job": job})


@login_required
def certificate_detail(request, pk):
    certificate = load_staff_certificate(request.user, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            certificates.revoke_certificate(request.user, certificate, form.cleaned_data["reason"])
        if done:
            messages.success(request, _("Certificate revoked."))
            return redirect("events:certificate", pk=certificate.pk)
    return render(
        request, "events/certificate_detail.html", {"certificate": certificate, "form": form}
    )


def _pdf_response(certificate) -> HttpResponse:
    response = HttpResponse(certificates.pdf_bytes(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response


def _credential_response(certificate) -> JsonResponse:
    response = JsonResponse(
        credential_for(certificate), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.code}.json"'
    return response


@login_required
def certificate_pdf(request, pk):
    return _pdf_response(load_staff_certificate(request.user, pk))


@login_required
def certificate_credential(request, pk):
    return _credential_response(load_staff_certificate(request.user, pk))
