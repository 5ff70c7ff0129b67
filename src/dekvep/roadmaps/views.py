"""Pages for workshops, roadmaps, action plans, cluster meetings and the collaboration register.

Views parse, call a service and render; permissions are the rules in ``rules.py``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_funder_viewer, is_operator_staff
from dekvep.core.selectors import primary_programme
from dekvep.core.uploads import file_response
from dekvep.plans import selectors as plan_selectors
from dekvep.plans.models import Action, CollaborationOpportunity

from . import forms, instruments, selectors, services
from .models import (
    Barrier,
    ClusterMeeting,
    ClusterNeed,
    Roadmap,
    RoadmapMeasure,
    RoadmapVersion,
    StrategicGoal,
    Workshop,
    WorkshopFile,
)
from .rules import require_pages, uses_pages


def _programme(user):
    programme = primary_programme(user)
    if programme is None:
        raise Http404
    return programme


def _instrument_rows(items) -> list[dict]:
    language = get_language() or "tr"
    return [item.as_dict(language) for item in items]


# Landing -----------------------------------------------------------------------------------


@login_required
def home(request):
    user = request.user
    if not uses_pages(user):
        if is_funder_viewer(user):
            return redirect("roadmaps:figures")
        raise PermissionDenied
    today = timezone.localdate()
    actions = plan_selectors.visible_actions(user)
    roadmaps = []
    for roadmap in selectors.visible_roadmaps(user).order_by("sector"):
        versions = selectors.visible_versions(user, roadmap)
        shown = versions.filter(status="published").first() or versions.first()
        roadmaps.append({"roadmap": roadmap, "version": shown})
    context = {
        "staff": is_operator_staff(user),
        "roadmaps": roadmaps,
        "workshops": selectors.visible_workshops(user).filter(starts_at__gte=timezone.now())[:5],
        "past_workshops": selectors.visible_workshops(user).count(),
        "my_actions": actions.filter(status__in=["planned", "in_progress", "blocked"])[:10],
        "overdue": [a for a in actions.filter(due_date__lt=today) if a.is_overdue][:10],
        "meetings": selectors.visible_meetings(user).count(),
        "opportunities": plan_selectors.visible_opportunities(user).count(),
    }
    return render(request, "roadmaps/home.html", context)


@login_required
def figures(request):
    programme = _programme(request.user)
    require(request.user, "roadmaps.view_figures", programme)
    data = selectors.programme_figures(programme)
    counts = data["opportunities"]
    type_labels = dict(CollaborationOpportunity.Type.choices)
    status_labels = dict(CollaborationOpportunity.Status.choices)
    grid = [
        {
            "label": type_labels[t],
            "cells": [row[s] for s in status_labels],
            "total": counts["by_type"][t],
        }
        for t, row in counts["by_type_and_status"].items()
    ]
    action_statuses = [
        (label, data["actions_by_status"][value]) for value, label in Action.Status.choices
    ]
    return render(
        request,
        "roadmaps/figures.html",
        {
            "programme": programme,
            "data": data,
            "grid": grid,
            "statuses": status_labels.values(),
            "status_totals": counts["by_status"].values(),
            "action_statuses": action_statuses,
        },
    )


# Workshops ---------------------------------------------------------------------------------


@login_required
def workshops(request):
    require_pages(request.user)
    items = selectors.visible_workshops(request.user).order_by("starts_at")
    sector = request.GET.get("sector", "")
    if sector:
        items = items.filter(sector=sector)
    programme = primary_programme(request.user)
    return render(
        request,
        "roadmaps/workshops.html",
        {
            "page": Paginator(items, 25).get_page(request.GET.get("page")),
            "can_add": programme is not None
            and request.user.has_perm("roadmaps.add_workshop", programme),
            "sector": sector,
            "sectors": forms.sector_choices(programme) if programme else [],
        },
    )


@login_required
def workshop_create(request):
    programme = _programme(request.user)
    require(request.user, "roadmaps.add_workshop", programme)
    form = forms.WorkshopForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            workshop = services.create_workshop(request.user, programme, **form.cleaned_data)
        if done:
            messages.success(request, _("The workshop is created."))
            return redirect("roadmaps:workshop", workshop.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": _("New workshop")})


@login_required
def workshop_detail(request, pk):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    can_change = request.user.has_perm("roadmaps.change_workshop", workshop)
    return render(
        request,
        "roadmaps/workshop.html",
        {
            "workshop": workshop,
            "can_change": can_change,
            "can_vote": request.user.has_perm("roadmaps.vote", workshop),
            "results": selectors.vote_results(workshop),
            "voters": selectors.voter_count(workshop),
            "file_form": forms.WorkshopFileForm() if can_change else None,
            "item_form": forms.VoteItemForm() if can_change else None,
        },
    )


@login_required
def workshop_edit(request, pk):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    require(request.user, "roadmaps.change_workshop", workshop)
    form = forms.WorkshopForm(request.POST or None, instance=workshop, programme=workshop.programme)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            data = {k: v for k, v in form.cleaned_data.items()}
            workshop.refresh_from_db()
            services.update_workshop(request.user, workshop, **data)
        if done:
            messages.success(request, _("The workshop is saved."))
            return redirect("roadmaps:workshop", workshop.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": workshop.title})


@login_required
def workshop_attendance_view(request, pk):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    require(request.user, "roadmaps.change_workshop", workshop)
    form = forms.AttendanceForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            services.record_attendance(
                request.user,
                workshop,
                people=list(form.cleaned_data["attending_people"]),
                organisations=list(form.cleaned_data["attending_organisations"]),
            )
        if done:
            messages.success(request, _("Attendance is saved."))
            return redirect("roadmaps:workshop", workshop.pk)
    return render(
        request,
        "roadmaps/form.html",
        {"form": form, "title": _("Attendance: %(title)s") % {"title": workshop.title}},
    )


@login_required
@require_POST
def workshop_file_add(request, pk):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    require(request.user, "roadmaps.change_workshop", workshop)
    form = forms.WorkshopFileForm(request.POST, request.FILES)
    if form.is_valid():
        with form_errors(request) as done:
            services.add_workshop_file(
                request.user,
                workshop,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                form.cleaned_data["title"],
            )
        if done:
            messages.success(request, _("The file is added."))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}",
            )
    return redirect("roadmaps:workshop", workshop.pk)


@login_required
@require_POST
def vote_item_add(request, pk):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    require(request.user, "roadmaps.change_workshop", workshop)
    form = forms.VoteItemForm(request.POST)
    if form.is_valid():
        with form_errors(request) as done:
            services.add_vote_item(request.user, workshop, **form.cleaned_data)
        if done:
            messages.success(request, _("The proposal is added."))
    else:
        messages.error(request, _("Give the proposal a title."))
    return redirect("roadmaps:workshop", workshop.pk)


@login_required
@require_POST
def voting_change(request, pk, to):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    with form_errors(request) as done:
        services.change_voting(request.user, workshop, to)
    if done:
        messages.success(
            request, _("Voting is now: %(state)s") % {"state": Workshop.Voting(to).label}
        )
    return redirect("roadmaps:workshop", workshop.pk)


@login_required
def vote(request, pk):
    """The ballot: spread the allowance over the proposals; results refresh live beside it."""
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    require(request.user, "roadmaps.vote", workshop)
    error = None
    if request.method == "POST":
        allocation = {}
        for item in workshop.items.all():
            raw = request.POST.get(f"item_{item.pk}", "").strip() or "0"
            if not raw.lstrip("-").isdigit():
                error = _("Votes for “%(title)s” must be a whole number.") % {"title": item.title}
                break
            allocation[item.pk] = int(raw)
        if error is None:
            try:
                services.cast_votes(request.user, workshop, allocation)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("Your votes are saved."))
                if not request.htmx:
                    return redirect("roadmaps:vote", workshop.pk)
    mine = selectors.my_votes(workshop, request.user)
    submitted = request.POST if error else None
    ballot = [
        {
            "item": item,
            "value": (submitted.get(f"item_{item.pk}", "0") if submitted else mine.get(item.pk, 0)),
        }
        for item in workshop.items.all()
    ]
    context = {
        "workshop": workshop,
        "ballot": ballot,
        "error": error,
        "used": sum(mine.values()),
        "results": selectors.vote_results(workshop),
        "voters": selectors.voter_count(workshop),
    }
    template = "roadmaps/_ballot.html" if request.htmx else "roadmaps/vote.html"
    # htmx does not swap error responses, so the ballot with its message comes back as 200
    response = render(request, template, context, status=400 if error and not request.htmx else 200)
    if request.method == "POST" and not error:
        response["HX-Trigger"] = "votes-saved"
    return response


@login_required
def vote_results(request, pk):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return render(
        request,
        "roadmaps/_results.html",
        {
            "workshop": workshop,
            "results": selectors.vote_results(workshop),
            "voters": selectors.voter_count(workshop),
        },
    )


# Roadmaps ----------------------------------------------------------------------------------


@login_required
def roadmaps(request):
    require_pages(request.user)
    rows = []
    for roadmap in selectors.visible_roadmaps(request.user).order_by("sector"):
        versions = list(selectors.visible_versions(request.user, roadmap))
        if versions:
            rows.append({"roadmap": roadmap, "versions": versions})
    programme = primary_programme(request.user)
    return render(
        request,
        "roadmaps/roadmaps.html",
        {
            "rows": rows,
            "can_add": programme is not None
            and request.user.has_perm("roadmaps.add_roadmap", programme),
        },
    )


@login_required
def roadmap_create(request):
    programme = _programme(request.user)
    require(request.user, "roadmaps.add_roadmap", programme)
    form = forms.RoadmapForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            version = services.create_roadmap(request.user, programme, **form.cleaned_data)
        if done:
            return redirect("roadmaps:version", version.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": _("New sector roadmap")})


@login_required
def version_detail(request, pk):
    version = get_visible(
        RoadmapVersion.objects.select_related("roadmap__programme"),
        pk,
        request.user,
        "roadmaps.view_roadmap",
    )
    roadmap = version.roadmap
    can_change = request.user.has_perm("roadmaps.change_roadmap", version)
    editable = can_change and not version.is_published
    can_comment = version.status == "consultation" and request.user.has_perm(
        "roadmaps.comment_roadmap", version
    )
    return render(
        request,
        "roadmaps/version.html",
        {
            "version": version,
            "roadmap": roadmap,
            "versions": selectors.visible_versions(request.user, roadmap),
            "goals": version.goals.prefetch_related("measures"),
            "barriers": version.barriers.prefetch_related("measures"),
            "measures": version.measures.select_related("goal").prefetch_related("barriers"),
            "comments": version.comments.select_related("author", "goal")
            if can_change or can_comment
            else [],
            "can_change": can_change,
            "editable": editable,
            "can_comment": can_comment,
            "goal_form": forms.GoalForm(prefix="goal") if editable else None,
            "barrier_form": forms.BarrierForm(prefix="barrier") if editable else None,
            "measure_form": forms.MeasureForm(prefix="measure", version=version)
            if editable
            else None,
            "comment_form": forms.CommentForm(version=version) if can_comment else None,
            "staff": is_operator_staff(request.user),
        },
    )


@login_required
def version_edit(request, pk):
    version = get_visible(RoadmapVersion, pk, request.user, "roadmaps.view_roadmap")
    require(request.user, "roadmaps.change_roadmap", version)
    form = forms.VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        original = RoadmapVersion.objects.get(pk=version.pk)
        with form_errors(request, form, message=True) as done:
            saved = services.update_version(request.user, original, **form.cleaned_data)
        if done:
            if saved.pk != original.pk:
                messages.info(
                    request,
                    _(
                        "Version %(old)s is published and stays unchanged; "
                        "your changes are in the new draft version %(new)s."
                    )
                    % {"old": original.number, "new": saved.number},
                )
            else:
                messages.success(request, _("The roadmap is saved."))
            return redirect("roadmaps:version", saved.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": str(version)})


@login_required
@require_POST
def version_new(request, pk):
    roadmap = get_object_or_404(Roadmap, pk=pk)
    if not request.user.has_perm("roadmaps.change_roadmap", roadmap):
        raise PermissionDenied
    version = services.start_new_version(request.user, roadmap)
    messages.success(request, _("Version %(n)s is open for editing.") % {"n": version.number})
    return redirect("roadmaps:version", version.pk)


@login_required
@require_POST
def version_status(request, pk, to):
    version = get_visible(RoadmapVersion, pk, request.user, "roadmaps.view_roadmap")
    with form_errors(request) as done:
        version = services.change_version_status(request.user, version, to)
    if done:
        messages.success(
            request, _("The version is now: %(status)s") % {"status": version.get_status_display()}
        )
    return redirect("roadmaps:version", version.pk)


def _add_to_version(request, pk, form_class, prefix, add):
    version = get_visible(RoadmapVersion, pk, request.user, "roadmaps.view_roadmap")
    require(request.user, "roadmaps.change_roadmap", version)
    kwargs = {"version": version} if form_class is forms.MeasureForm else {}
    form = form_class(request.POST, prefix=prefix, **kwargs)
    if form.is_valid():
        with form_errors(request) as done:
            add(version, form.cleaned_data)
        if done:
            messages.success(
                request,
                _("Added to the roadmap: %(item)s.")
                % {"item": form_class._meta.model._meta.verbose_name}
                if hasattr(form_class, "_meta")
                else _("Added to the roadmap."),
            )
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect("roadmaps:version", version.pk)


@login_required
@require_POST
def goal_add(request, pk):
    return _add_to_version(
        request,
        pk,
        forms.GoalForm,
        "goal",
        lambda v, data: services.add_goal(request.user, v, **data),
    )


@login_required
@require_POST
def barrier_add(request, pk):
    return _add_to_version(
        request,
        pk,
        forms.BarrierForm,
        "barrier",
        lambda v, data: services.add_barrier(request.user, v, **data),
    )


@login_required
@require_POST
def measure_add(request, pk):
    def add(version, data):
        data = dict(data)
        barriers = list(data.pop("barriers"))
        return services.add_measure(request.user, version, barriers=barriers, **data)

    return _add_to_version(request, pk, forms.MeasureForm, "measure", add)


ITEM_MODELS = {"goal": StrategicGoal, "barrier": Barrier, "measure": RoadmapMeasure}


@login_required
@require_POST
def item_delete(request, kind, pk):
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    item = get_visible(model, pk, request.user, "roadmaps.view_roadmap", of="version")
    version_pk = item.version_id
    with form_errors(request) as done:
        services.remove_roadmap_item(request.user, item)
    if done:
        messages.success(
            request, _("Removed from the roadmap: %(item)s.") % {"item": model._meta.verbose_name}
        )
    return redirect("roadmaps:version", version_pk)


@login_required
@require_POST
def comment_add(request, pk):
    version = get_visible(RoadmapVersion, pk, request.user, "roadmaps.view_roadmap")
    form = forms.CommentForm(request.POST, version=version)
    if form.is_valid():
        with form_errors(request) as done:
            services.comment_on_roadmap(
                request.user, version, form.cleaned_data["text"], form.cleaned_data["goal"]
            )
        if done:
            messages.success(request, _("Thank you; your comment is recorded."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect("roadmaps:version", version.pk)


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
