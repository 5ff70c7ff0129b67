"""Ambassadors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible
from dekvep.core.selectors import primary_programme

from .. import selectors, services
from ..forms import (
    AmbassadorForm,
)
from ..models import Ambassador

# Ambassadors --------------------------------------------------------------------------------------


@login_required
def ambassadors(request):
    programme = primary_programme(request.user)
    organisations = selectors.ambassador_organisations(request.user, programme)
    if organisations is None:
        raise PermissionDenied
    staff = request.user.has_perm("events.manage_event", programme)
    rows = selectors.ambassador_rows(programme, organisations)
    forms = {}
    for org in organisations:
        if request.user.has_perm("events.name_ambassador", org):
            forms[org.pk] = AmbassadorForm(organisation=org, prefix=f"org{org.pk}")
    return render(
        request,
        "events/ambassadors.html",
        {
            "programme": programme,
            "rows": rows,
            "forms": forms,
            "staff": staff,
            "path": selectors.ambassador_path(programme),
        },
    )


@login_required
@require_POST
def ambassador_name(request, org_pk):
    programme = primary_programme(request.user)
    organisation = get_visible(Organisation, org_pk, request.user, "events.view_ambassadors")
    form = AmbassadorForm(request.POST, organisation=organisation, prefix=f"org{org_pk}")
    if form.is_valid():
        with form_errors(request):
            services.name_ambassador(
                request.user, programme, organisation, form.cleaned_data["user"].user
            )
            messages.success(request, _("Ambassador named."))
    else:
        messages.error(request, _("Choose a member of the firm."))
    return redirect("events:ambassadors")


@login_required
@require_POST
def ambassador_remove(request, pk):
    ambassador = get_visible(
        Ambassador, pk, request.user, "events.view_ambassadors", of="organisation"
    )
    services.remove_ambassador(request.user, ambassador)
    messages.success(request, _("Ambassador removed."))
    return redirect("events:ambassadors")
