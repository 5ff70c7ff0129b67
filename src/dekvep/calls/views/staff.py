"""Pages for staff: eligibility, decisions, reviewers and the ranking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors

from .. import export, services
from ..forms import (
    AutoAssignForm,
)
from ..identity import identity_hidden
from ..selectors import load_call, ranking
from .common import S

# Staff -----------------------------------------------------------------------------------


@login_required
def applications(request, pk):
    call = load_call(request.user, pk, "calls.view_applications")
    status = request.GET.get("status", "")
    rows = call.applications.select_related("organisation").order_by("reference")
    if status:
        rows = rows.filter(status=status)
    context = {
        "call": call,
        "rows": rows,
        "status": status,
        "statuses": S.choices,
        "staged": call.applications.exclude(staged_status="").count(),
        "can_decide": request.user.has_perm("calls.decide", call),
        "auto_form": AutoAssignForm(initial={"per_application": call.reviewers_per_application}),
    }
    return render(request, "calls/applications.html", context)


@login_required
@require_POST
def auto_assign(request, pk):
    call = load_call(request.user, pk, "calls.view_applications")
    form = AutoAssignForm(request.POST)
    with form_errors(request) as done:
        n = form.cleaned_data["per_application"] if form.is_valid() else None
        if n is None:
            raise ValidationError({"per_application": _("Enter a whole number of at least 1.")})
        count = services.auto_assign(request.user, call, n)
    if done:
        text = ngettext("%(n)s assignment made.", "%(n)s assignments made.", count)
        messages.success(request, text % {"n": count})
    return redirect("calls:applications", call.pk)


@login_required
@require_POST
def announce(request, pk):
    call = load_call(request.user, pk, "calls.view_applications")
    with form_errors(request) as done:
        count = services.announce(request.user, call)
    if done:
        messages.success(
            request,
            ngettext(
                "%(n)s decision announced; its notice waits in the outbox.",
                "%(n)s decisions announced; their notices wait in the outbox.",
                count,
            )
            % {"n": count},
        )
    return redirect("calls:applications", call.pk)


@login_required
def ranking_page(request, pk):
    call = load_call(request.user, pk, "calls.view_ranking")
    context = {
        "call": call,
        "rows": ranking(call, request.user),
        "criteria": list(call.criteria.all()),
        "hidden": identity_hidden(request.user, call),
        "not_hidden": not identity_hidden(request.user, call),
        "can_decide": request.user.has_perm("calls.decide", call),
        "app_base": reverse("calls:application", args=[0])[:-2],
        "disagree_label": _("reviewers disagree"),
    }
    return render(request, "calls/ranking.html", context)


@login_required
def ranking_export(request, pk):
    call = load_call(request.user, pk, "calls.view_ranking")
    content = export.ranking_workbook(call, request.user)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="ranking-call-{call.pk}.xlsx"'
    return response
