"""Certificates."""

from django.shortcuts import get_object_or_404
from ninja.errors import HttpError
from ninja.pagination import paginate

from dekvep.core.models import Job
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import require
from dekvep.core.throttle import client_ip

from .. import certificates
from ..credentials import credential_for, did_document
from ..models import (
    Registration,
)
from ..selectors import load_staff_certificate, load_staff_event
from ..verification import Throttled, verify_code
from .base import (
    CertificateOut,
    IssueIn,
    JobOut,
    RevokeIn,
    VerificationOut,
    router,
)

# Certificates -------------------------------------------------------------------------------------


def _certificate_out(certificate) -> dict:
    return {
        **{
            f: getattr(certificate, f)
            for f in [
                "id",
                "code",
                "holder_name",
                "title",
                "hours",
                "issued_at",
                "status",
                "revoked_reason",
            ]
        },
        "verify_url": certificates.verify_url(certificate),
    }


@router.post("/events/{pk}/certificates", response={201: CertificateOut})
def issue_certificate(request, pk: int, payload: IssueIn):
    event = load_staff_event(request.user, pk, "events.issue_certificate")
    registration = get_object_or_404(Registration, pk=payload.registration_id, event=event)
    return 201, _certificate_out(certificates.issue_certificate(request.user, registration))


@router.post("/events/{pk}/certificates/bulk", response={202: JobOut})
def issue_bulk(request, pk: int):
    job = certificates.start_bulk_issue(
        request.user, load_staff_event(request.user, pk, "events.issue_certificate")
    )
    return 202, job


@router.get("/jobs/{pk}", response=JobOut)
def job_status(request, pk: int):
    job = get_object_or_404(Job, pk=pk, kind="events.issue_certificates")
    require(request.user, "events.issue_certificate", job.programme)
    return job


@router.get("/events/{pk}/certificates", response=list[CertificateOut])
@paginate(Pagination)
def list_certificates(request, pk: int):
    event = load_staff_event(request.user, pk, "events.view_attendees")
    return [_certificate_out(c) for c in event.certificates.all()]


@router.post("/certificates/{pk}/revoke", response=CertificateOut)
def revoke(request, pk: int, payload: RevokeIn):
    certificate = load_staff_certificate(request.user, pk)
    return _certificate_out(
        certificates.revoke_certificate(request.user, certificate, payload.reason)
    )


@router.get("/certificates/{pk}/credential")
def certificate_credential(request, pk: int):
    return credential_for(load_staff_certificate(request.user, pk))


@router.get("/verify/{code}", response={200: VerificationOut, 404: VerificationOut}, auth=None)
def verify(request, code: str):
    try:
        result = verify_code(code, client_ip(request))
    except Throttled as error:
        raise HttpError(429, str(error)) from None
    return (404 if result["status"] == "unknown" else 200), result


@router.get("/issuer", auth=None)
def issuer(request):
    return did_document()
