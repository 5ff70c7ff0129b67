"""Landing."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from dekvep.core.permissions import require
from dekvep.core.rules import is_funder_viewer, is_operator_staff
from dekvep.plans import selectors as plan_selectors
from dekvep.plans.models import Action, CollaborationOpportunity

from .. import selectors
from ..rules import uses_pages
from .base import (
    _programme,
)

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
