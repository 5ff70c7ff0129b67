"""Workshops."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible, require
from dekvep.core.selectors import primary_programme

from .. import forms, selectors, services
from ..models import (
    Workshop,
)
from ..rules import require_pages
from .base import (
    _programme,
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
