"""Cluster meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_operator_staff
from dekvep.core.selectors import primary_programme
from dekvep.core.uploads import file_response

from .. import forms, instruments, selectors, services
from ..models import (
    ClusterMeeting,
    ClusterNeed,
    WorkshopFile,
)
from ..rules import require_pages
from .base import (
    _instrument_rows,
    _programme,
)

# Cluster meetings --------------------------------------------------------------------------


@login_required
def meetings(request):
    require_pages(request.user)
    programme = primary_programme(request.user)
    return render(
        request,
        "roadmaps/meetings.html",
        {
            "meetings": selectors.visible_meetings(request.user)
            .prefetch_related("needs")
            .order_by("sector", "number"),
            "can_add": programme is not None
            and request.user.has_perm("roadmaps.add_cluster_meeting", programme),
        },
    )


@login_required
def meeting_create(request):
    programme = _programme(request.user)
    require(request.user, "roadmaps.add_cluster_meeting", programme)
    form = forms.ClusterMeetingForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            meeting = services.create_cluster_meeting(request.user, programme, **form.cleaned_data)
        if done:
            return redirect("roadmaps:meeting", meeting.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": _("New cluster meeting")})


@login_required
def meeting_detail(request, pk):
    meeting = get_visible(ClusterMeeting, pk, request.user, "roadmaps.view_cluster_meeting")
    can_change = request.user.has_perm("roadmaps.change_cluster_meeting", meeting)
    needs = []
    for need in meeting.needs.select_related("follow_up").prefetch_related("organisations"):
        needs.append(
            {"need": need, "instruments": _instrument_rows(instruments.by_keys(need.instruments))}
        )
    return render(
        request,
        "roadmaps/meeting.html",
        {
            "meeting": meeting,
            "needs": needs,
            "can_change": can_change,
            "need_form": forms.NeedForm(meeting=meeting) if can_change else None,
            "staff": bool(is_operator_staff(request.user)),
        },
    )


@login_required
def meeting_edit(request, pk):
    meeting = get_visible(ClusterMeeting, pk, request.user, "roadmaps.view_cluster_meeting")
    require(request.user, "roadmaps.change_cluster_meeting", meeting)
    form = forms.ClusterMeetingForm(
        request.POST or None, instance=meeting, programme=meeting.programme
    )
    if request.method == "POST" and form.is_valid():
        meeting.refresh_from_db()
        with form_errors(request, form, message=True) as done:
            services.update_cluster_meeting(request.user, meeting, **form.cleaned_data)
        if done:
            return redirect("roadmaps:meeting", meeting.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": meeting.title})


@login_required
@require_POST
def need_add(request, pk):
    meeting = get_visible(ClusterMeeting, pk, request.user, "roadmaps.view_cluster_meeting")
    require(request.user, "roadmaps.change_cluster_meeting", meeting)
    form = forms.NeedForm(request.POST, meeting=meeting)
    if form.is_valid():
        with form_errors(request) as done:
            services.record_need(request.user, meeting, **form.cleaned_data)
        if done:
            messages.success(request, _("The need is recorded with matching support instruments."))
    else:
        messages.error(request, _("Give the need a type and a title."))
    return redirect("roadmaps:meeting", meeting.pk)


@login_required
def need_follow_up(request, pk):
    need = get_visible(
        ClusterNeed.objects.select_related("meeting__programme"),
        pk,
        request.user,
        "roadmaps.view_cluster_meeting",
        act="roadmaps.change_cluster_meeting",
        of="meeting",
    )
    form = forms.FollowUpForm(
        request.POST or None, meeting=need.meeting, initial={"title": need.title}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(request, form, message=True) as done:
            action = services.create_follow_up(
                request.user,
                need,
                data["owner_organisation"],
                title=data["title"],
                start_date=data["start_date"],
                due_date=data["due_date"],
                funding_source=data["funding_source"],
            )
        if done:
            messages.success(request, _("The follow-up action is created."))
            return redirect("plans:action", action.pk)
    return render(
        request,
        "roadmaps/form.html",
        {
            "form": form,
            "title": _("Follow-up: %(need)s") % {"need": need.title},
            "instruments": _instrument_rows(instruments.by_keys(need.instruments)),
        },
    )


@login_required
def instrument_list(request):
    require_pages(request.user)
    wanted = request.GET.get("type", "")
    items = instruments.for_need_type(wanted) if wanted else list(instruments.instruments())
    return render(
        request,
        "roadmaps/instruments.html",
        {"instruments": _instrument_rows(items), "type": wanted, "types": ClusterNeed.Type.choices},
    )


@login_required
def workshop_file_download(request, pk):
    item = get_visible(
        WorkshopFile.objects.select_related("workshop"),
        pk,
        request.user,
        "roadmaps.view_workshop",
        of="workshop",
    )
    return file_response(item.file)
