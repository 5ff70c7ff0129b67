"""Attendees, check-in, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import require
from dekvep.core.states import allowed_transitions

from .. import exports, selectors, services
from ..forms import (
    CheckInForm,
    ScoreForm,
)
from ..models import Registration, Session
from ..selectors import load_staff_event

# Attendees, check-in, export --------------------------------------------------------------------


@login_required
def attendees(request, pk):
    event = load_staff_event(request.user, pk, "events.view_attendees")
    registrations = selectors.attendee_rows(event)
    status = request.GET.get("status", "")
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    for row in page:
        # The state machine decides what staff are offered, as it decides what it accepts.
        row.can_cancel = Registration.Status.CANCELLED in allowed_transitions(row, request.user)
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "page": page,
            "status": status,
            "statuses": Registration.Status.choices,
            "counts": selectors.counts(event),
        },
    )


@login_required
def attendees_export(request, pk):
    event = load_staff_event(request.user, pk, "events.view_attendees")
    content = exports.attendance_workbook(event)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendance.xlsx"'
    return response


@login_required
def check_in(request, pk):
    session = get_object_or_404(Session.objects.select_related("event__programme"), pk=pk)
    require(request.user, "events.check_in", session.event)
    form = CheckInForm(request.POST or None)
    result = error = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in(request.user, session, form.cleaned_data["code"])
        except ValidationError as exc:
            error = exc.messages[0]
        form = CheckInForm()
    query = request.GET.get("q", "").strip()
    context = {
        "session": session,
        "event": session.event,
        "form": form,
        "result": result,
        "error": error,
        "query": query,
        "found": selectors.find_for_checkin(session, query) if query else None,
        "checked_in": session.checkins.count(),
        "confirmed": session.event.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).count(),
    }
    if request.htmx:
        return render(request, "events/_checkin_result.html", context)
    return render(request, "events/checkin.html", context)


@login_required
@require_POST
def staff_cancel(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    require(request.user, "events.manage_event", registration.event)
    with form_errors(request):
        services.cancel_registration(registration, request.user)
        messages.success(request, _("Registration cancelled."))
    return redirect("events:attendees", pk=registration.event_id)


@login_required
@require_POST
def set_score(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    require(request.user, "events.manage_event", registration.event)
    form = ScoreForm(request.POST)
    form.is_valid()
    try:
        services.set_assessment_score(
            request.user, registration, form.cleaned_data.get("assessment_score")
        )
        messages.success(request, _("Score saved for %(name)s.") % {"name": registration.full_name})
    except ValidationError as error:
        messages.error(request, f"{registration.full_name}: {error.messages[0]}")
    return redirect("events:completion", pk=registration.event_id)
