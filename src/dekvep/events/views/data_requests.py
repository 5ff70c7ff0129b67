"""Personal data requests (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import require
from dekvep.core.selectors import visible_programmes

from .. import privacy
from ..forms import (
    DecisionForm,
)
from ..models import DataRequest

# Personal data requests (staff) -----------------------------------------------------------------


@login_required
def data_requests(request):
    require(request.user, "events.decide_data_request")
    requests = DataRequest.objects.all()
    return render(
        request, "events/data_requests.html", {"requests": requests, "form": DecisionForm()}
    )


@login_required
@require_POST
def data_request_decide(request, pk):
    require(request.user, "events.decide_data_request")
    data_request = get_object_or_404(DataRequest, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("events:data_requests")
    with form_errors(request):
        privacy.decide_data_request(
            request.user, data_request, form.cleaned_data["approve"], form.cleaned_data["note"]
        )
        messages.success(request, _("Decision recorded."))
    return redirect("events:data_requests")


__all__ = ["visible_programmes"]
