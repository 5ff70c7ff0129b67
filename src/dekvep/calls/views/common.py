"""Shared by the call pages: loading, the landing list, call setup by staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Programme
from dekvep.core.permissions import require
from dekvep.core.rules import member_organisation_ids, staff_programme_ids

from .. import services
from ..forms import (
    PART_FORMS,
    CallForm,
)
from ..models import (
    Application,
    Call,
)
from ..selectors import assigned_reviews, load_call, own_applications, visible_calls

S = Application.Status


@login_required
def home(request):
    user = request.user
    calls = visible_calls(user).order_by("-opens_at")
    managed = staff_programme_ids(user, roles=("manager",))
    context = {
        "calls": calls,
        "applications": own_applications(user).order_by("-created_at"),
        "reviews": assigned_reviews(user).order_by("status", "application__reference")[:50],
        "can_create": bool(managed),
    }
    return render(request, "calls/home.html", context)


@login_required
def call_form(request, pk=None):
    call = load_call(request.user, pk, "calls.change_call") if pk else None
    programmes = Programme.objects.filter(pk__in=staff_programme_ids(request.user, ("manager",)))
    if call is None and not programmes.exists():
        require(request.user, "calls.add_call", Call(programme=Programme()))
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        with form_errors(request, form) as done:
            if call:
                call = services.update_call(request.user, call, **fields)
            else:
                programme = programmes.get(pk=request.POST.get("programme", programmes[0].pk))
                call = services.create_call(request.user, programme, **fields)
        if done:
            messages.success(request, _("The call is saved."))
            return redirect("calls:setup", call.pk)
    return render(
        request, "calls/call_form.html", {"form": form, "call": call, "programmes": programmes}
    )


@login_required
def call_detail(request, pk):
    call = load_call(request.user, pk)
    user = request.user
    mine = own_applications(user).filter(call=call)
    context = {
        "call": call,
        "mine": mine,
        "can_apply": call.is_open() and not mine.exists() and member_organisation_ids(user),
        "is_staff": user.has_perm("calls.view_applications", call),
        "can_manage": user.has_perm("calls.change_call", call),
        "can_rank": user.has_perm("calls.view_ranking", call),
        "is_jury": user.has_perm("calls.declare_conflict", call),
        "can_see_pitch": call.pitch_days.exists() and _can_see_any_pitch(user, call),
    }
    return render(request, "calls/call_detail.html", context)


def _can_see_any_pitch(user, call) -> bool:
    return any(user.has_perm("calls.view_pitch_day", day) for day in call.pitch_days.all())


@login_required
def call_setup(request, pk):
    call = load_call(request.user, pk, "calls.change_call")
    forms_by_part = {part: form(prefix=part) for part, form in PART_FORMS.items()}
    if request.method == "POST":
        part = request.POST.get("part")
        if part not in PART_FORMS:
            raise Http404
        form = PART_FORMS[part](request.POST, prefix=part)
        forms_by_part[part] = form
        if form.is_valid():
            data = dict(form.cleaned_data)
            firms = data.pop("firms", None)
            with form_errors(request, form) as done:
                services.add_part(request.user, call, part, firms=firms, **data)
            if done:
                messages.success(
                    request,
                    _("Added to the call: %(part)s.")
                    % {"part": services.PARTS[part]._meta.verbose_name},
                )
                return redirect("calls:setup", call.pk)
    context = {"call": call, "forms": forms_by_part}
    return render(request, "calls/call_setup.html", context)


@login_required
@require_POST
def remove_part(request, pk, part, part_pk):
    call = load_call(request.user, pk, "calls.change_call")
    model = services.PARTS.get(part)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=part_pk, call=call)
    with form_errors(request) as done:
        services.remove_part(request.user, obj)
    if done:
        messages.success(
            request, _("Removed from the call: %(part)s.") % {"part": model._meta.verbose_name}
        )
    return redirect("calls:setup", call.pk)


@login_required
@require_POST
def activate_phase(request, pk, phase_pk):
    call = load_call(request.user, pk, "calls.change_call")
    services.activate_phase(request.user, get_object_or_404(call.phases, pk=phase_pk))
    messages.success(request, _("The review phase is now active."))
    return redirect("calls:setup", call.pk)
