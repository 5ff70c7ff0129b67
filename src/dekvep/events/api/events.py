"""Events."""

from ninja.pagination import paginate

from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible

from .. import selectors, services
from ..models import (
    Event,
)
from ..selectors import load_staff_event
from .base import (
    EventIn,
    EventOut,
    SessionIn,
    SessionOut,
    _event_out,
    _staff_programme,
    router,
)

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
