"""Events."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible
from dekvep.core.rules import is_operator_staff
from dekvep.core.selectors import primary_programme

from .. import selectors, services
from ..forms import (
    EventForm,
    RegistrationForm,
    SessionForm,
)
from ..models import Event, Registration
from ..selectors import load_staff_event
from ..tokens import manage_token
from .base import (
    _staff_programmes,
)

# Events ---------------------------------------------------------------------------------------


def home(request):
    events = selectors.visible_events(request.user)
    kind = request.GET.get("kind", "")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    programme = primary_programme(request.user) if request.user.is_authenticated else None
    staff = bool(is_operator_staff(request.user))
    context = {
        "page": page,
        "kind": kind,
        "kinds": Event.Kind.choices,
        "is_staff": staff,
        "programme": programme,
        "figures": selectors.figure_cards(programme) if programme and staff else [],
        "my_registrations": selectors.my_registrations(request.user)[:10],
        # The link is shown only to those the page lets in (staff, participant firms' members).
        "can_see_ambassadors": programme is not None
        and selectors.ambassador_organisations(request.user, programme) is not None,
    }
    return render(request, "events/home.html", context)


@login_required
def event_create(request):
    programmes = _staff_programmes(request.user)
    if not programmes.exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, programmes=programmes, initial=services.window_default())
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "programme"}
        with form_errors(request, form) as done:
            event = services.create_event(request.user, form.cleaned_data["programme"], **data)
        if done:
            messages.success(request, _("Event created."))
            return redirect("events:event", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def event_edit(request, pk):
    event = load_staff_event(request.user, pk)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            services.update_event(request.user, event, **form.cleaned_data)
        if done:
            messages.success(request, _("Event saved."))
            return redirect("events:event", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def event_detail(request, pk):
    event = get_visible(
        Event.objects.select_related("programme"), pk, request.user, "events.view_event"
    )
    user = request.user
    initial = {}
    if user.is_authenticated:
        membership = user.memberships.select_related("organisation").first()
        initial = {
            "full_name": user.get_full_name(),
            "email": user.email,
            "organisation_name": membership.organisation.name if membership else "",
        }
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            registration = services.register(
                event, user=user if user.is_authenticated else None, **form.cleaned_data
            )
        if done:
            if registration.status == Registration.Status.PENDING:
                messages.info(
                    request,
                    _(
                        "Almost done: we have sent a link to %(email)s. Your place is held "
                        "once you confirm your e-mail address with it."
                    )
                    % {"email": registration.email},
                )
            elif registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _("You are registered. We have sent you an e-mail with a calendar file."),
                )
            else:
                messages.warning(
                    request,
                    _(
                        "The event is full: you are on the waiting list. "
                        "We will write to you if a place opens."
                    ),
                )
            return redirect("events:registration", token=manage_token(registration))
    can_manage = user.has_perm("events.manage_event", event)
    context = {
        "event": event,
        "form": form,
        "sessions": event.sessions.all(),
        "can_manage": can_manage,
        "counts": selectors.counts(event) if can_manage else None,
        "open": event.registration_is_open(),
        "now": timezone.now(),
    }
    return render(request, "events/event_detail.html", context)


@login_required
def sessions(request, pk):
    event = load_staff_event(request.user, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            services.add_session(request.user, event, **form.cleaned_data)
        if done:
            messages.success(request, _("Session added."))
            return redirect("events:sessions", pk=event.pk)
    return render(
        request,
        "events/sessions.html",
        {"event": event, "form": form, "sessions": event.sessions.all()},
    )
