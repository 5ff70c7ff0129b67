"""Registration."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja.pagination import paginate

from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible, require

from .. import privacy, services
from ..credentials import credential_for
from ..models import (
    Certificate,
    Event,
    Registration,
)
from ..selectors import load_staff_event
from ..tokens import manage_token, registration_from_confirm_token, registration_from_token
from .base import (
    AttendeeOut,
    DataRequestOut,
    ErasureIn,
    RegistrationIn,
    RegistrationOut,
    ScoreIn,
    router,
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
