"""The public face in the API: landing facts, open calls, sign-up and its confirmation.

Every endpoint here is open (``auth=None``) and returns only what the public pages show.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from dekvep.calls.models import Call
from dekvep.core import signup
from dekvep.core.models import Organisation, Programme
from dekvep.impact.publishing import set_public_figures as publish

from . import public

router = Router(tags=["public"])


class FigureOut(Schema):
    key: str
    label: str
    value: float
    unit: str


class CallOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    programme: str
    description: str
    opens_at: datetime
    closes_at: datetime
    places: int
    eligible_kinds: list[str]
    eligible_nace_prefixes: list[str]
    eligible_provinces: list[str]
    eligible_zones: list[str]
    eligible_employee_bands: list[str]
    is_open: bool


class EventOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str


class ProgrammeOut(Schema):
    slug: str
    name: str
    description: str
    starts_on: str
    ends_on: str
    figures: list[FigureOut]


class LandingOut(Schema):
    programmes: list[ProgrammeOut]
    open_calls: list[CallOut]
    upcoming_events: list[EventOut]


class SignUpIn(Schema):
    kind: str
    organisation_name: str
    tax_number: str
    full_name: str
    email: str
    password: str
    consent: bool = False
    nace_codes: list[str] = []
    province: str = ""
    call_id: int | None = None


class SignUpOut(Schema):
    email: str
    organisation: str
    active: bool


class ConfirmedOut(Schema):
    email: str
    active: bool
    apply_to_call: int | None = None


def _call_out(call: Call) -> dict:
    return {
        "id": call.pk,
        "title": call.title,
        "kind": call.kind,
        "kind_label": call.get_kind_display(),
        "programme": call.programme.name,
        "description": call.description,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "places": call.places,
        "eligible_kinds": call.eligible_kinds,
        "eligible_nace_prefixes": call.eligible_nace_prefixes,
        "eligible_provinces": call.eligible_provinces,
        "eligible_zones": call.eligible_zones,
        "eligible_employee_bands": call.eligible_employee_bands,
        "is_open": call.is_open(),
    }


def _programme_out(programme: Programme) -> dict:
    return {
        "slug": programme.slug,
        "name": programme.name,
        "description": programme.description,
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": programme.ends_on.isoformat(),
        "figures": [
            {
                "key": item["figure"].key,
                "label": str(item["figure"].label),
                "value": float(item["figure"].compute(programme)),
                "unit": str(item["figure"].unit_label),
            }
            for item in public.public_figures(programme)
        ],
    }


@router.get("/landing", response=LandingOut, auth=None)
def landing(request):
    return {
        "programmes": [_programme_out(p) for p in public.landing_programmes()],
        "open_calls": [_call_out(c) for c in public.open_calls_query()],
        "upcoming_events": [
            {
                "id": e.pk,
                "title": e.title,
                "starts_at": e.starts_at,
                "ends_at": e.ends_at,
                "place": e.place or e.online_url,
            }
            for e in public.upcoming_events()[:20]
        ],
    }


@router.get("/open-calls", response=list[CallOut], auth=None)
def open_calls(request):
    return [_call_out(c) for c in public.open_calls_query()]


@router.get("/open-calls/{pk}", response=CallOut, auth=None)
def open_call(request, pk: int):
    return _call_out(
        get_object_or_404(Call.objects.select_related("programme"), pk=pk, published=True)
    )


@router.post("/signup", response={201: SignUpOut}, auth=None)
def sign_up(request, payload: SignUpIn):
    """Sign up a firm or solution provider; the account is active once the mailed link is
    confirmed (``/signup/confirm/{token}``)."""
    user = signup.sign_up(**payload.dict())
    organisation = Organisation.objects.filter(memberships__user=user).first()
    return 201, {"email": user.email, "organisation": organisation.name, "active": user.is_active}


@router.post("/signup/confirm/{token}", response=ConfirmedOut, auth=None)
def confirm(request, token: str):
    user, call_id = signup.confirm(token)
    return {"email": user.email, "active": user.is_active, "apply_to_call": call_id}


class PublicFiguresIn(Schema):
    figures: list[str]


@router.put("/programmes/{slug}/figures", response=ProgrammeOut)
def set_public_figures(request, slug: str, payload: PublicFiguresIn):
    """The programme setting: which figures the landing page shows (programme managers)."""
    programme = get_object_or_404(Programme, slug=slug)
    return _programme_out(publish(request.user, programme, payload.figures))
