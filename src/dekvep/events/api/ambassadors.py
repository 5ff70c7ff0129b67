"""Ambassadors."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja.pagination import paginate

from dekvep.core.models import Organisation, Programme, User
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible
from dekvep.core.selectors import visible_programmes

from .. import figures, selectors, services
from ..models import (
    Ambassador,
)
from .base import (
    AmbassadorIn,
    AmbassadorOut,
    router,
)

# Ambassadors --------------------------------------------------------------------------------------


def _programme_for(request, slug: str) -> Programme:
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
