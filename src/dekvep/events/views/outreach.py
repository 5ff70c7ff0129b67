"""Outreach."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dekvep.core.forms import form_errors
from dekvep.core.selectors import primary_programme

from .. import selectors, services
from ..forms import (
    OutreachForm,
)
from .base import (
    _staff_programmes,
)

# Outreach -----------------------------------------------------------------------------------------


@login_required
def outreach(request):
    programme = primary_programme(request.user)
    if programme is None or not request.user.has_perm("events.view_outreach", programme):
        raise PermissionDenied
    can_add = request.user.has_perm("events.manage_outreach", programme)
    form = (
        OutreachForm(
            request.POST or None,
            programmes=_staff_programmes(request.user),
            initial={"programme": programme},
        )
        if can_add
        else None
    )
    if request.method == "POST" and can_add and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "programme"}
        with form_errors(request, form) as done:
            services.record_outreach(request.user, form.cleaned_data["programme"], **data)
        if done:
            messages.success(request, _("Outreach activity recorded."))
            return redirect("events:outreach")
    activities = programme.outreach_activities.select_related("school")
    return render(
        request,
        "events/outreach.html",
        {
            "programme": programme,
            "activities": activities,
            "form": form,
            "totals": selectors.outreach_totals(programme),
        },
    )
