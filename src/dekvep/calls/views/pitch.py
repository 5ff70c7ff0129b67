"""Pitch days: slots, invitations and firms' interest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible
from dekvep.core.rules import member_organisation_ids
from dekvep.core.states import allowed_transitions

from .. import services
from ..forms import (
    FollowUpForm,
    InterestForm,
    PitchDayForm,
    SlotForm,
)
from ..models import (
    PitchDay,
    PitchInterest,
    PitchSlot,
)
from ..selectors import load_call
from .common import S

# Pitch day -------------------------------------------------------------------------------


@login_required
def pitch(request, pk):
    call = load_call(request.user, pk)
    user = request.user
    days = [d for d in call.pitch_days.all() if user.has_perm("calls.view_pitch_day", d)]
    for day in days:
        day.agenda = list(day.slots.select_related("application__organisation"))
    can_manage = user.has_perm("calls.manage_pitch", call)
    if not days and not can_manage:
        raise Http404
    firms = Organisation.objects.filter(
        pk__in=member_organisation_ids(user), participations__programme=call.programme
    )
    day_form = PitchDayForm(request.POST or None) if can_manage else None
    if request.method == "POST" and can_manage and day_form.is_valid():
        with form_errors(request, day_form) as done:
            services.create_pitch_day(request.user, call, **day_form.cleaned_data)
        if done:
            return redirect("calls:pitch", call.pk)
    marked = set(PitchInterest.objects.filter(firm__in=firms).values_list("slot_id", flat=True))
    shortlisted = call.applications.filter(
        status__in=[S.SHORTLISTED, S.SELECTED, S.CONFIRMED], pitch_slot__isnull=True
    ).select_related("organisation")
    context = {
        "call": call,
        "days": days,
        "can_manage": can_manage,
        "day_form": day_form,
        "slot_form": SlotForm(applications=shortlisted) if can_manage else None,
        "interest_form": InterestForm(firms=firms) if firms else None,
        "marked": marked,
    }
    return render(request, "calls/pitch.html", context)


@login_required
@require_POST
def add_slot(request, pk):
    day = get_visible(
        PitchDay.objects.select_related("call"), pk, request.user, "calls.manage_pitch"
    )
    form = SlotForm(request.POST, applications=day.call.applications.all())
    if form.is_valid():
        with form_errors(request) as done:
            services.add_slot(request.user, day, **form.cleaned_data)
        if done:
            messages.success(request, _("The slot is on the agenda."))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {errors[0]}"
            )
    return redirect("calls:pitch", day.call_id)


@login_required
@require_POST
def invite(request, pk, reminder=False):
    day = get_visible(
        PitchDay.objects.select_related("call"), pk, request.user, "calls.manage_pitch"
    )
    count = services.invite_to_pitch(request.user, day, reminder=reminder)
    text = ngettext("%(n)s notice waits in the outbox.", "%(n)s notices wait in the outbox.", count)
    messages.success(request, text % {"n": count})
    return redirect("calls:pitch", day.call_id)


@login_required
@require_POST
def mark_interest(request, pk):
    slot = get_visible(
        PitchSlot.objects.select_related("pitch_day__call"),
        pk,
        request.user,
        "calls.view_pitch_day",
        of="pitch_day",
    )
    firms = Organisation.objects.filter(pk__in=member_organisation_ids(request.user))
    form = InterestForm(request.POST, firms=firms)
    if form.is_valid():
        with form_errors(request) as done:
            services.mark_interest(
                request.user, slot, form.cleaned_data["firm"], form.cleaned_data["note"]
            )
        if done:
            messages.success(
                request, _("Your interest is recorded; the programme team will follow up.")
            )
    return redirect("calls:pitch", slot.pitch_day.call_id)


@login_required
def interests(request, pk):
    call = load_call(request.user, pk)
    user = request.user
    rows = PitchInterest.objects.filter(slot__pitch_day__call=call).select_related(
        "firm", "slot__application__organisation"
    )
    can_follow = user.has_perm("calls.follow_up_interest", call)
    if not user.has_perm("calls.view_applications", call):
        mine = member_organisation_ids(user)
        rows = rows.filter(firm_id__in=mine) | rows.filter(
            slot__application__organisation_id__in=mine
        )
    rows = list(rows)
    for row in rows:
        allowed = allowed_transitions(row, user) if can_follow else []
        row.form = FollowUpForm(allowed=allowed) if allowed else None
    context = {"call": call, "rows": rows, "can_follow": can_follow}
    return render(request, "calls/interests.html", context)


@login_required
@require_POST
def follow_up(request, pk):
    interest = get_visible(
        PitchInterest.objects.select_related("slot__pitch_day__call"),
        pk,
        request.user,
        "calls.view_interest",
    )
    form = FollowUpForm(request.POST)
    if form.is_valid():
        with form_errors(request):
            services.transition_interest(
                request.user, interest, form.cleaned_data["status"], form.cleaned_data["note"]
            )
    return redirect("calls:interests", interest.slot.pitch_day.call_id)
