"""API for events, registrations, check-in, certificates, verification, ambassadors and outreach."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from dekvep.core.models import Job, Organisation, Programme, User
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible, require
from dekvep.core.throttle import client_ip

from . import certificates, figures, privacy, selectors, services
from .credentials import credential_for, did_document
from .models import (
    Ambassador,
    Certificate,
    DataRequest,
    Event,
    OutreachActivity,
    Registration,
    Session,
)
from .selectors import load_staff_certificate, load_staff_event
from .tokens import manage_token, registration_from_confirm_token, registration_from_token
from .verification import Throttled, verify_code

router = Router(tags=["events"])


class SessionOut(Schema):
    id: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    hours: Decimal


class EventOut(Schema):
    id: int
    programme: str
    kind: str
    title: str
    title_en: str
    description: str
    description_en: str
    place: str
    online_url: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    registration_opens: datetime.datetime
    registration_closes: datetime.datetime
    registration_open: bool
    ambassador_path: bool
    attendance_threshold: int
    pass_score: Decimal | None
    total_hours: Decimal
    sessions: list[SessionOut]


class EventIn(Schema):
    programme: str
    kind: str
    title: str
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    place: str = ""
    online_url: str = ""
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    registration_opens: datetime.datetime
    registration_closes: datetime.datetime
    is_published: bool = True
    ambassador_path: bool = False
    attendance_threshold: int = 80
    pass_score: Decimal | None = None


class SessionIn(Schema):
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    hours: Decimal | None = None


class RegistrationIn(Schema):
    full_name: str
    email: str
    organisation_name: str = ""
    consent: bool = False


class RegistrationOut(Schema):
    id: int
    status: str
    full_name: str
    organisation_name: str
    code: str
    manage_token: str


class AttendeeOut(Schema):
    id: int
    full_name: str
    email: str
    organisation_name: str
    organisation_id: int | None
    status: str
    code: str
    created_at: datetime.datetime
    attended_hours: Decimal
    assessment_score: Decimal | None
    completed: bool
    # The moves this reader may make now: the same list the attendees page builds its buttons from.
    allowed_transitions: list[str] = []

    @staticmethod
    def resolve_allowed_transitions(obj, context):
        from dekvep.core.states import allowed_transitions

        request = context.get("request") if context else None
        return allowed_transitions(obj, request.user) if request else []


class CheckInIn(Schema):
    code: str


class CheckInOut(Schema):
    registration_id: int
    full_name: str
    already_checked_in: bool
    attended_hours: Decimal


class ScoreIn(Schema):
    assessment_score: Decimal | None


class CertificateOut(Schema):
    id: int
    code: str
    holder_name: str
    title: str
    hours: Decimal
    issued_at: datetime.datetime
    status: str
    revoked_reason: str
    verify_url: str


class IssueIn(Schema):
    registration_id: int


class RevokeIn(Schema):
    reason: str


class JobOut(Schema):
    id: int
    status: str
    done: int
    total: int
    message: str
    result: dict


class VerificationOut(Schema):
    status: str
    code: str
    message: str
    holder: str | None = None
    programme: str | None = None
    programme_en: str | None = None
    hours: str | None = None
    issued_on: str | None = None
    issuer: str | None = None
    revoked_on: str | None = None
    revoked_reason: str | None = None


class AmbassadorIn(Schema):
    organisation_id: int
    user_id: int


class AmbassadorOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    user_id: int
    name: str
    path_done: int
    path_total: int
    complete: bool


class OutreachIn(Schema):
    programme: str
    school_id: int
    title: str
    held_on: datetime.date
    students: int
    teachers: int
    materials: str = ""


class OutreachOut(Schema):
    id: int
    school_id: int
    school: str
    title: str
    held_on: datetime.date
    students: int
    teachers: int
    materials: str


class ErasureIn(Schema):
    reason: str = ""


class DataRequestOut(Schema):
    id: int
    email: str
    status: str
    requested_at: datetime.datetime
    decision_note: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


def _event_out(event: Event) -> dict:
    return {
        **{
            f: getattr(event, f)
            for f in EventOut.model_fields
            if hasattr(event, f) and f not in {"programme", "sessions"}
        },
        "programme": event.programme.slug,
        "registration_open": event.registration_is_open(),
        "sessions": list(event.sessions.all()),
    }


def _staff_programme(request, slug) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"programme": _("Unknown programme.")})
    return programme


# Events -------------------------------------------------------------------------------------------


@router.get("/events", response=list[EventOut], auth=None)
@paginate(Pagination)
def list_events(request, kind: str = ""):
    events = selectors.visible_events(request.user).prefetch_related("sessions")
    if kind:
        events = events.filter(kind=kind)
    return [_event_out(e) for e in events]


@router.post("/events", response={201: EventOut})
def create_event(request, payload: EventIn):
    data = payload.dict()
    programme = _staff_programme(request, data.pop("programme"))
    return 201, _event_out(services.create_event(request.user, programme, **data))


@router.get("/events/{pk}", response=EventOut, auth=None)
def get_event(request, pk: int):
    return _event_out(
        get_visible(
            Event.objects.select_related("programme"), pk, request.user, "events.view_event"
        )
    )


@router.post("/events/{pk}/sessions", response={201: SessionOut})
def add_session(request, pk: int, payload: SessionIn):
    return 201, services.add_session(
        request.user, load_staff_event(request.user, pk), **payload.dict()
    )


# Registration -------------------------------------------------------------------------------------


def _registration_out(registration) -> dict:
    return {
        "id": registration.pk,
        "status": registration.status,
        "full_name": registration.full_name,
        "organisation_name": registration.organisation_name,
        "code": registration.code,
        "manage_token": manage_token(registration),
    }


@router.post("/events/{pk}/registrations", response={201: RegistrationOut}, auth=None)
def register(request, pk: int, payload: RegistrationIn):
    event = get_visible(
        Event.objects.select_related("programme"), pk, request.user, "events.view_event"
    )
    user = request.user if request.user.is_authenticated else None
    return 201, _registration_out(services.register(event, user=user, **payload.dict()))


@router.get("/events/{pk}/registrations", response=list[AttendeeOut])
@paginate(Pagination)
def list_registrations(request, pk: int, status: str = ""):
    event = load_staff_event(request.user, pk, "events.view_attendees")
    registrations = event.registrations.order_by("created_at", "pk")
    if status:
        registrations = registrations.filter(status=status)
    return registrations


def _by_token(token) -> Registration:
    registration = registration_from_token(token)
    if registration is None or registration.erased_at:
        raise Http404
    return registration


@router.get("/registrations/{token}", response=RegistrationOut, auth=None)
def get_registration(request, token: str):
    return _registration_out(_by_token(token))


@router.post("/registration-confirmations/{token}", response=RegistrationOut, auth=None)
def confirm_registration_email(request, token: str):
    """The token from the confirmation mail (not the manage token): holds the place."""
    registration = registration_from_confirm_token(token)
    if registration is None or registration.erased_at:
        raise Http404
    return _registration_out(services.confirm_email(registration))


@router.post("/registrations/{token}/cancel", response=RegistrationOut, auth=None)
def cancel_registration(request, token: str):
    return _registration_out(services.cancel_registration(_by_token(token)))


@router.get("/registrations/{token}/data", auth=None)
def registration_data(request, token: str):
    return privacy.personal_data(_by_token(token).email)


@router.post("/registrations/{token}/erasure", response={201: DataRequestOut}, auth=None)
def registration_erasure(request, token: str, payload: ErasureIn):
    return 201, privacy.request_erasure(_by_token(token).email, None, payload.reason)


@router.get("/registrations/{token}/credential", auth=None)
def registration_credential(request, token: str):
    certificate = Certificate.objects.filter(registration=_by_token(token)).first()
    if certificate is None:
        raise Http404
    return credential_for(certificate)


@router.post("/registrations/{pk}/staff-cancel", response=RegistrationOut)
def staff_cancel(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    require(request.user, "events.manage_event", registration.event)
    return _registration_out(services.cancel_registration(registration, request.user))


@router.post("/registrations/{pk}/score", response=AttendeeOut)
def set_score(request, pk: int, payload: ScoreIn):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    require(request.user, "events.manage_event", registration.event)
    return services.set_assessment_score(request.user, registration, payload.assessment_score)


# Attendance ---------------------------------------------------------------------------------------


class CheckInCandidateOut(Schema):
    registration_id: int
    full_name: str
    organisation_name: str
    code: str
    checked_in: bool


@router.get("/sessions/{pk}/checkin-search", response=list[CheckInCandidateOut])
def check_in_search(request, pk: int, q: str = ""):
    """Confirmed people by name or organisation, for checking in someone without their code."""
    session = get_object_or_404(Session.objects.select_related("event__programme"), pk=pk)
    require(request.user, "events.check_in", session.event)
    return [
        {
            "registration_id": r.pk,
            "full_name": r.full_name,
            "organisation_name": r.organisation_name,
            "code": r.code,
            "checked_in": r.is_checked_in,
        }
        for r in selectors.find_for_checkin(session, q)
    ]


@router.post("/sessions/{pk}/checkins", response=CheckInOut)
def check_in(request, pk: int, payload: CheckInIn):
    session = get_object_or_404(Session.objects.select_related("event__programme"), pk=pk)
    require(request.user, "events.check_in", session.event)
    result = services.check_in(request.user, session, payload.code)
    return {
        "registration_id": result.registration.pk,
        "full_name": result.registration.full_name,
        "already_checked_in": result.already,
        "attended_hours": result.registration.attended_hours,
    }


@router.get("/events/{pk}/completion", response=list[AttendeeOut])
@paginate(Pagination)
def completion(request, pk: int):
    return selectors.completion_rows(load_staff_event(request.user, pk, "events.view_attendees"))


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


# Ambassadors --------------------------------------------------------------------------------------


def _programme_for(request, slug: str) -> Programme:
    from dekvep.core.selectors import visible_programmes

    return get_object_or_404(visible_programmes(request.user).distinct(), slug=slug)


@router.get("/programmes/{slug}/ambassadors", response=list[AmbassadorOut])
@paginate(Pagination)
def list_ambassadors(request, slug: str):
    programme = _programme_for(request, slug)
    organisations = Organisation.objects.filter(participations__programme=programme)
    if not request.user.has_perm("events.manage_event", programme):
        organisations = organisations.filter(memberships__user=request.user).distinct()
        if not organisations.exists():
            raise PermissionDenied
    out = []
    for row in selectors.ambassador_rows(programme, organisations):
        for item in row["ambassadors"]:
            a = item["ambassador"]
            out.append(
                {
                    "id": a.pk,
                    "organisation_id": a.organisation_id,
                    "organisation": a.organisation.name,
                    "user_id": a.user_id,
                    "name": a.user.get_full_name(),
                    "path_done": item["done"],
                    "path_total": item["total"],
                    "complete": item["complete"],
                }
            )
    return out


@router.post("/programmes/{slug}/ambassadors", response={201: AmbassadorOut})
def name_ambassador(request, slug: str, payload: AmbassadorIn):
    programme = _programme_for(request, slug)
    organisation = get_visible(
        Organisation, payload.organisation_id, request.user, "events.view_ambassadors"
    )
    user = get_object_or_404(User, pk=payload.user_id)
    a = services.name_ambassador(request.user, programme, organisation, user)
    total = figures.ambassador_path_size(programme)
    return 201, {
        "id": a.pk,
        "organisation_id": organisation.pk,
        "organisation": organisation.name,
        "user_id": user.pk,
        "name": user.get_full_name(),
        "path_done": 0,
        "path_total": total,
        "complete": False,
    }


@router.delete("/ambassadors/{pk}", response={204: None})
def remove_ambassador(request, pk: int):
    ambassador = get_visible(
        Ambassador, pk, request.user, "events.view_ambassadors", of="organisation"
    )
    services.remove_ambassador(request.user, ambassador)
    return 204, None


# Outreach -----------------------------------------------------------------------------------------


def _outreach_out(a: OutreachActivity) -> dict:
    return {
        "id": a.pk,
        "school_id": a.school_id,
        "school": a.school.name,
        "title": a.title,
        "held_on": a.held_on,
        "students": a.students,
        "teachers": a.teachers,
        "materials": a.materials,
    }


@router.get("/programmes/{slug}/outreach", response=list[OutreachOut])
@paginate(Pagination)
def list_outreach(request, slug: str):
    programme = _programme_for(request, slug)
    require(request.user, "events.view_outreach", programme)
    return [_outreach_out(a) for a in programme.outreach_activities.select_related("school")]


@router.post("/outreach", response={201: OutreachOut})
def record_outreach(request, payload: OutreachIn):
    data = payload.dict()
    programme = _staff_programme(request, data.pop("programme"))
    data["school"] = get_object_or_404(Organisation, pk=data.pop("school_id"))
    return 201, _outreach_out(services.record_outreach(request.user, programme, **data))


@router.get("/programmes/{slug}/figures")
def programme_figures(request, slug: str):
    programme = _programme_for(request, slug)
    if not (request.user.has_perm("events.view_outreach", programme)):
        raise PermissionDenied
    return figures.all_figures(programme)


# Personal data ------------------------------------------------------------------------------------


@router.get("/me/data")
def my_data(request):
    return privacy.personal_data(request.user.email, request.user)


@router.post("/me/erasure", response={201: DataRequestOut})
def my_erasure(request, payload: ErasureIn):
    return 201, privacy.request_erasure(request.user.email, request.user, payload.reason)


@router.get("/data-requests", response=list[DataRequestOut])
@paginate(Pagination)
def list_data_requests(request):
    require(request.user, "events.decide_data_request")
    return DataRequest.objects.all()


@router.post("/data-requests/{pk}/decision", response=DataRequestOut)
def decide(request, pk: int, payload: DecisionIn):
    require(request.user, "events.decide_data_request")
    data_request = get_object_or_404(DataRequest, pk=pk)
    return privacy.decide_data_request(request.user, data_request, payload.approve, payload.note)
