"""Personal data (KVKK): a person's own data as a download, erasure on request after staff approval.

Erasure keeps what verification and programme figures need: certificates keep the holder's
initials and the pseudonymous person key; registrations keep only counts-relevant keys.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.permissions import require
from dekvep.core.services import notify

from .models import Ambassador, Certificate, CheckIn, DataRequest, Registration, person_key


def personal_data(email: str, user=None) -> dict:
    """Everything the events app keeps about a person, as plain JSON-ready data."""
    key = person_key(email)
    registrations = Registration.objects.filter(person_key=key, erased_at__isnull=True)
    if user is not None:
        registrations = registrations | Registration.objects.filter(
            user=user, erased_at__isnull=True
        )
    registrations = registrations.select_related("event").distinct()
    checkins = CheckIn.objects.filter(registration__in=registrations).select_related(
        "session", "registration"
    )
    certificates = Certificate.objects.filter(holder_key=key)
    return {
        "email": email,
        "registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "full_name": r.full_name,
                "email": r.email,
                "organisation": r.organisation_name,
                "status": r.status,
                "code": r.code,
                "consent_at": r.consent_at.isoformat(),
                "registered_at": r.created_at.isoformat(),
                "attended_hours": str(r.attended_hours),
                "assessment_score": None if r.assessment_score is None else str(r.assessment_score),
            }
            for r in registrations
        ],
        "checkins": [
            {"code": c.registration.code, "session": c.session.title, "at": c.at.isoformat()}
            for c in checkins
        ],
        "certificates": [
            {
                "code": c.code,
                "name": c.holder_name,
                "programme": c.title,
                "hours": str(c.hours),
                "issued_at": c.issued_at.isoformat(),
                "status": c.status,
            }
            for c in certificates
        ],
        "ambassadorships": [
            {"programme": a.programme.name, "organisation": a.organisation.name}
            for a in Ambassador.objects.filter(user=user).select_related(
                "programme", "organisation"
            )
        ]
        if user is not None
        else [],
    }


@transaction.atomic
def request_erasure(email: str, user=None, reason: str = "") -> DataRequest:
    """The person asks for their event data to be erased; staff decide."""
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("An e-mail address is required.")})
    key = person_key(email)
    existing = DataRequest.objects.filter(person_key=key, status=DataRequest.Status.PENDING).first()
    if existing:
        return existing
    request = DataRequest.objects.create(
        email=email,
        person_key=key,
        user=user if getattr(user, "is_authenticated", False) else None,
        reason=(reason or "")[:2000],
    )
    audit.record(user, "requested", request)
    return request


def initials(name: str) -> str:
    return " ".join(part[0].upper() + "." for part in (name or "").split() if part) or "—"


@transaction.atomic
def decide_data_request(actor, request: DataRequest, approve: bool, note: str = "") -> DataRequest:
    require(actor, "events.decide_data_request")
    if request.status != DataRequest.Status.PENDING:
        raise ValidationError({"status": _("This request has already been decided.")})
    if approve:
        erase(actor, request.person_key, request.user)
        request.email = ""
    request.status = DataRequest.Status.APPROVED if approve else DataRequest.Status.REJECTED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.decision_note = (note or "")[:300]
    request.save()
    audit.record(actor, request.status, request, {"status": ["pending", request.status]})
    if request.user and not approve:
        notify(
            [request.user],
            lambda: _("Your personal data request was rejected"),
            request.decision_note,
        )
    return request


def erase(actor, key: str, user=None) -> dict:
    registrations = Registration.objects.filter(person_key=key, erased_at__isnull=True)
    if user is not None:
        registrations = registrations | Registration.objects.filter(
            user=user, erased_at__isnull=True
        )
    ids = list(registrations.values_list("pk", flat=True))
    erased = Registration.objects.filter(pk__in=ids).update(
        full_name="—", email="", user=None, erased_at=timezone.now()
    )
    pseudonymised = 0
    for certificate in Certificate.objects.filter(holder_key=key, pseudonymised=False):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.holder_name = initials(certificate.holder_name)
        certificate.pseudonymised = True
        certificate.save(update_fields=["holder_name", "pseudonymised", "pdf"])
        pseudonymised += 1
    audit.record(
        actor,
        "erased",
        DataRequest(pk=0, email="", person_key=key),
        {"registrations": [None, erased], "certificates_pseudonymised": [None, pseudonymised]},
    )
    return {"registrations": erased, "certificates": pseudonymised}
