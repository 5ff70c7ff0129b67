"""Issuing, rendering and revoking certificates (the certificate state changes live here)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from dekvep.core import audit, jobs
from dekvep.core.permissions import require
from dekvep.core.queue import enqueue

from .models import Certificate, Event, Registration
from .pdf import pages_to_pdfs, render_batches
from .qr import qr_png_data_uri
from .services import refresh_completion


def verify_url(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}/verify/{certificate.code}"


def _refuse_unless_completed(registration: Registration, recompute: bool = True) -> None:
    event = registration.event
    if event.kind != Event.Kind.CERTIFICATE_PROGRAMME:
        raise ValidationError(
            {"event": _("Certificates are issued for certificate programmes only.")}
        )
    if registration.erased_at:
        raise ValidationError({"registration": _("This person's data has been erased.")})
    completed = refresh_completion(registration) if recompute else registration.completed
    if not completed:
        raise ValidationError(
            {
                "registration": _(
                    "%(name)s has not completed the programme: %(attended)s of %(required)s "
                    "required hours attended%(score)s."
                )
                % {
                    "name": registration.full_name,
                    "attended": registration.attended_hours.normalize(),
                    "required": event.required_hours.normalize(),
                    "score": _score_note(registration),
                }
            }
        )
    if Certificate.objects.filter(registration=registration).exists():
        raise ValidationError(
            {
                "registration": _("A certificate was already issued to %(name)s.")
                % {"name": registration.full_name}
            }
        )


def issue_offered(registration: Registration) -> bool:
    """Whether the completion page offers "Issue certificate": what ``issue_certificate``
    accepts, judged on the completion last computed (the service recomputes it)."""
    try:
        _refuse_unless_completed(registration, recompute=False)
    except ValidationError:
        return False
    return True


def _score_note(registration) -> str:
    event = registration.event
    if event.pass_score is None:
        return ""
    score = registration.assessment_score
    return _("; assessment score %(score)s, pass mark %(pass)s") % {
        "score": "—" if score is None else score.normalize(),
        "pass": event.pass_score.normalize(),
    }


def _new_certificate(actor, registration: Registration) -> Certificate:
    event = registration.event
    return Certificate(
        event=event,
        registration=registration,
        holder_name=registration.full_name,
        holder_key=registration.person_key,
        title=event.title,
        title_en=event.title_en,
        hours=event.total_hours,
        issuer=event.programme.operator.name,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def issue_certificate(actor, registration: Registration, render: bool = True) -> Certificate:
    """Issue one certificate; refused unless the registration completed the programme."""
    require(actor, "events.issue_certificate", registration.event)
    registration = (
        Registration.objects.select_for_update()
        .select_related("event", "event__programme__operator")
        .get(pk=registration.pk)
    )
    _refuse_unless_completed(registration)
    certificate = _new_certificate(actor, registration)
    certificate.save()
    audit.record_created(
        actor,
        certificate,
        programme=registration.event.programme,
        fields=["code", "title", "hours", "issued_at"],
    )
    if render:
        store_pdf(certificate)
    return certificate


def start_bulk_issue(actor, event: Event):
    """Queue a job issuing certificates to everyone who completed and has none yet."""
    require(actor, "events.issue_certificate", event)
    pending = eligible_without_certificate(event)
    job = jobs.start_job(
        "events.issue_certificates",
        actor,
        event.programme,
        total=pending.count(),
        task="events.tasks.issue_certificates",
        arguments=[event.pk, actor.pk],
    )
    enqueue("events.tasks.issue_certificates", job.pk, event.pk, actor.pk)
    return job


def eligible_without_certificate(event: Event):
    return event.registrations.filter(
        status=Registration.Status.CONFIRMED,
        completed=True,
        erased_at__isnull=True,
        certificate__isnull=True,
    ).order_by("full_name", "pk")


BATCH = 25


def run_bulk_issue(job_id: int, event_id: int, actor) -> dict:
    """Issue every pending certificate, then render the PDFs in parallel batches."""
    event = Event.objects.select_related("programme__operator").get(pk=event_id)
    pending = list(eligible_without_certificate(event).values_list("pk", flat=True))
    total = len(pending)
    jobs.report_progress(job_id, 0, total, _("Issuing"))
    issued, refused = [], []
    for pk in pending:
        try:
            issued.append(issue_certificate(actor, Registration(pk=pk, event=event), render=False))
        except ValidationError as error:
            refused.append(error.messages[0])
        jobs.beat(job_id)
    # A resumed job also renders what an interrupted run issued but did not render; the
    # one-to-one registration → certificate means nothing is ever issued twice.
    unrendered = event.certificates.filter(pdf="", status=Certificate.Status.VALID).exclude(
        pk__in=[c.pk for c in issued]
    )
    issued += list(unrendered.select_related("registration").order_by("pk"))
    total = max(total, len(issued))
    jobs.report_progress(job_id, 0, total, _("Rendering PDFs"))
    done = 0
    for chunk, pdfs in zip(
        _chunks(issued), render_batches([_html(c) for c in _chunks(issued)]), strict=True
    ):
        for certificate, data in zip(chunk, pdfs, strict=False):
            _save_pdf(certificate, data)
        done += len(chunk)
        jobs.report_progress(job_id, done, total, _("%(n)s issued") % {"n": done})
    result = {"issued": len(issued), "refused": refused[:20]}
    jobs.finish_job(
        job_id,
        result,
        ngettext("%(n)s certificate issued.", "%(n)s certificates issued.", len(issued))
        % {"n": len(issued)},
    )
    return result


def _chunks(items: list) -> list[list]:
    return [items[i : i + BATCH] for i in range(0, len(items), BATCH)]


@transaction.atomic
def revoke_certificate(actor, certificate: Certificate, reason: str) -> Certificate:
    require(actor, "events.revoke_certificate", certificate.event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking the certificate.")})
    if certificate.status == Certificate.Status.REVOKED:
        raise ValidationError({"reason": _("This certificate is already revoked.")})
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_reason = reason[:300]
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["status", "revoked_reason", "revoked_at"])
    audit.record(
        actor,
        "revoked",
        certificate,
        {"status": ["valid", "revoked"], "reason": [None, certificate.revoked_reason]},
        certificate.event.programme,
    )
    return certificate


# Rendering ------------------------------------------------------------------------------------


def _html(batch: list[Certificate]) -> str:
    pages = []
    for certificate in batch:
        url = verify_url(certificate)
        pages.append({"certificate": certificate, "verify_url": url, "qr": qr_png_data_uri(url)})
    with override("tr"):
        return render_to_string("events/certificate_pdf.html", {"pages": pages})


def render_pdf(certificate: Certificate) -> bytes:
    return pages_to_pdfs(_html([certificate]))[0]


def _save_pdf(certificate: Certificate, data: bytes) -> None:
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(data), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)


def store_pdf(certificate: Certificate) -> bytes:
    data = render_pdf(certificate)
    _save_pdf(certificate, data)
    return data


def pdf_bytes(certificate: Certificate) -> bytes:
    """The stored PDF, rendered on first use (the demo issues certificates without PDFs)."""
    if certificate.pdf and not certificate.pseudonymised:
        try:
            with certificate.pdf.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:
            pass
    return store_pdf(certificate)
