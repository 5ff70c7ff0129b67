"""Pages for events, registration, check-in, completion, certificates, ambassadors and outreach."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Job, Organisation, Programme
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_operator_staff, staff_programme_ids
from dekvep.core.selectors import primary_programme, visible_programmes
from dekvep.core.states import allowed_transitions

from . import certificates, exports, privacy, selectors, services
from .credentials import credential_for
from .forms import (
    AmbassadorForm,
    CheckInForm,
    DecisionForm,
    ErasureForm,
    EventForm,
    OutreachForm,
    RegistrationForm,
    RevokeForm,
    ScoreForm,
    SessionForm,
)
from .ics import calendar_for
from .models import Certificate, DataRequest, Event, Registration, Session
from .qr import qr_svg
from .selectors import load_staff_certificate, load_staff_event
from .tokens import manage_token, registration_from_confirm_token, registration_from_token


def _staff_programmes(user):
    return Programme.objects.filter(pk__in=staff_programme_ids(user))


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


# Completion and certificates ------------------------------------------------------------------


@login_required
def completion(request, pk):
    event = load_staff_event(request.user, pk, "events.view_attendees")
    rows = selectors.completion_rows(event)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for row in page:
        row.can_issue = certificates.issue_offered(row)
    job = Job.objects.filter(kind="events.issue_certificates", programme=event.programme).first()
    return render(
        request,
        "events/completion.html",
        {
            "event": event,
            "page": page,
            "job": job,
            "eligible": certificates.eligible_without_certificate(event).count(),
            "issued": event.certificates.count(),
        },
    )


@login_required
@require_POST
def issue_one(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event__programme"), pk=pk)
    require(request.user, "events.issue_certificate", registration.event)
    with form_errors(request):
        certificate = certificates.issue_certificate(request.user, registration)
        messages.success(
            request, _("Certificate issued to %(name)s.") % {"name": certificate.holder_name}
        )
    return redirect("events:completion", pk=registration.event_id)


@login_required
@require_POST
def issue_bulk(request, pk):
    event = load_staff_event(request.user, pk, "events.issue_certificate")
    job = certificates.start_bulk_issue(request.user, event)
    messages.success(request, _("Issuing certificates in the background."))
    return redirect("events:job", pk=job.pk)


@login_required
def job(request, pk):
    job = get_object_or_404(Job, pk=pk, kind="events.issue_certificates")
    require(request.user, "events.issue_certificate", job.programme)
    return render(request, "events/job.html", {"job": job})


@login_required
def certificate_detail(request, pk):
    certificate = load_staff_certificate(request.user, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            certificates.revoke_certificate(request.user, certificate, form.cleaned_data["reason"])
        if done:
            messages.success(request, _("Certificate revoked."))
            return redirect("events:certificate", pk=certificate.pk)
    return render(
        request, "events/certificate_detail.html", {"certificate": certificate, "form": form}
    )


def _pdf_response(certificate) -> HttpResponse:
    response = HttpResponse(certificates.pdf_bytes(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response


def _credential_response(certificate) -> JsonResponse:
    response = JsonResponse(
        credential_for(certificate), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.code}.json"'
    return response


@login_required
def certificate_pdf(request, pk):
    return _pdf_response(load_staff_certificate(request.user, pk))


@login_required
def certificate_credential(request, pk):
    return _credential_response(load_staff_certificate(request.user, pk))


# The registrant's own page (signed link) ----------------------------------------------------------


def _by_token(token) -> Registration:
    registration = registration_from_token(token)
    if registration is None or registration.erased_at:
        raise Http404
    return registration


@never_cache
def registration(request, token):
    registration = _by_token(token)
    certificate = Certificate.objects.filter(registration=registration).first()
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "certificate": certificate,
            "can_cancel": services.cancel_refusal(registration) is None,
            "qr": qr_svg(registration.code),
            "erasure_form": ErasureForm(),
        },
    )


@never_cache
def registration_confirm(request, token):
    """The link from the confirmation mail. Opening it shows a button; only pressing it (a POST)
    confirms, so mail scanners that open links do not hold places."""
    registration = registration_from_confirm_token(token)
    if registration is None or registration.erased_at:
        raise Http404
    if request.method == "POST":
        with form_errors(request) as done:
            registration = services.confirm_email(registration)
        if done:
            messages.success(request, _confirmed_message(registration))
            return redirect("events:registration", token=manage_token(registration))
    return render(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event},
    )


def _confirmed_message(registration) -> str:
    if registration.status == Registration.Status.CONFIRMED:
        return _("Thank you: your e-mail address is confirmed and your place is held.")
    if registration.status == Registration.Status.WAITLISTED:
        return _(
            "Thank you: your e-mail address is confirmed. The event is full, so you are on the "
            "waiting list in the order of confirmation."
        )
    return _("This registration was cancelled.")


@require_POST
def registration_cancel(request, token):
    registration = _by_token(token)
    with form_errors(request):
        services.cancel_registration(registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", token=token)


def registration_qr(request, token):
    return HttpResponse(qr_svg(_by_token(token).code), content_type="image/svg+xml")


def registration_calendar(request, token):
    registration = _by_token(token)
    response = HttpResponse(
        calendar_for(registration.event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response


def _data_response(data) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-event-data.json"'
    return response


def registration_data(request, token):
    registration = _by_token(token)
    return _data_response(privacy.personal_data(registration.email))


@require_POST
def registration_erase(request, token):
    registration = _by_token(token)
    form = ErasureForm(request.POST)
    form.is_valid()
    privacy.request_erasure(registration.email, None, form.cleaned_data.get("reason", ""))
    messages.success(
        request, _("Your request to erase your data is recorded; staff will confirm it.")
    )
    return redirect("events:registration", token=token)


def _own_certificate(token) -> Certificate:
    registration = _by_token(token)
    certificate = (
        Certificate.objects.filter(registration=registration).select_related("event").first()
    )
    if certificate is None:
        raise Http404
    return certificate


def _revoked_notice(certificate) -> HttpResponse:
    message = _("This certificate was revoked: %(reason)s") % {"reason": certificate.revoked_reason}
    return HttpResponse(message, status=410, content_type="text/plain; charset=utf-8")


def registration_certificate_pdf(request, token):
    certificate = _own_certificate(token)
    if certificate.revoked_at:  # a revoked certificate must not circulate as a valid document
        return _revoked_notice(certificate)
    return _pdf_response(certificate)


def registration_credential(request, token):
    certificate = _own_certificate(token)
    if certificate.revoked_at:
        return _revoked_notice(certificate)
    return _credential_response(certificate)


@login_required
def my_events(request):
    registrations = selectors.my_registrations(request.user)
    rows = [(r, manage_token(r)) for r in registrations]
    return render(request, "events/my.html", {"rows": rows, "erasure_form": ErasureForm()})


@login_required
def my_data(request):
    return _data_response(privacy.personal_data(request.user.email, request.user))


@login_required
@require_POST
def my_erase(request):
    form = ErasureForm(request.POST)
    form.is_valid()
    privacy.request_erasure(request.user.email, request.user, form.cleaned_data.get("reason", ""))
    messages.success(
        request, _("Your request to erase your data is recorded; staff will confirm it.")
    )
    return redirect("events:my")


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
    from .models import Ambassador

    ambassador = get_visible(
        Ambassador, pk, request.user, "events.view_ambassadors", of="organisation"
    )
    services.remove_ambassador(request.user, ambassador)
    messages.success(request, _("Ambassador removed."))
    return redirect("events:ambassadors")


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
