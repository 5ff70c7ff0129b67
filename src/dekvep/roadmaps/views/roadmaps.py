"""Roadmaps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_operator_staff
from dekvep.core.selectors import primary_programme

from .. import forms, selectors, services
from ..models import (
    Barrier,
    Roadmap,
    RoadmapMeasure,
    RoadmapVersion,
    StrategicGoal,
)
from ..rules import require_pages
from .base import (
    _programme,
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
