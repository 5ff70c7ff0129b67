"""What the services of this package share: constants and helpers."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema

from dekvep.core.models import Programme
from dekvep.core.states import allowed_transitions

from ..models import (
    Event,
)

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
        raise ValidationError({"programme": _("Unknown programme.")})
    return programme
