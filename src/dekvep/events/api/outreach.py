"""Outreach."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja.pagination import paginate

from dekvep.core.models import Organisation
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import require

from .. import figures, services
from ..models import (
    OutreachActivity,
)
from .ambassadors import _programme_for
from .base import (
    OutreachIn,
    OutreachOut,
    _staff_programme,
    router,
)

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
