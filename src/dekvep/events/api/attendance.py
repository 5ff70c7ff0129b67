"""Attendance."""

from django.shortcuts import get_object_or_404
from ninja import Schema
from ninja.pagination import paginate

from dekvep.core.pagination import Pagination
from dekvep.core.permissions import require

from .. import selectors, services
from ..models import (
    Session,
)
from ..selectors import load_staff_event
from .base import (
    AttendeeOut,
    CheckInIn,
    CheckInOut,
    router,
)

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
