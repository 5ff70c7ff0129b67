"""Personal data."""

from django.shortcuts import get_object_or_404
from ninja.pagination import paginate

from dekvep.core.pagination import Pagination
from dekvep.core.permissions import require

from .. import privacy
from ..models import (
    DataRequest,
)
from .base import (
    DataRequestOut,
    DecisionIn,
    ErasureIn,
    router,
)

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
