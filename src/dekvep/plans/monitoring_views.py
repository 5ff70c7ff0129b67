"""Pages of the monitoring phase: a firm's years and results, evidence, goal targets.

Views parse, call a service in ``monitoring`` and render; permissions are the rules in
``rules.py`` (a firm sees its own monitoring, its analyst and the manager run it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Participation
from dekvep.core.permissions import get_visible, require_visible
from dekvep.core.rules import member_organisation_ids
from dekvep.core.uploads import file_response
from dekvep.roadmaps.models import StrategicGoal
from dekvep.roadmaps.views import _programme

from . import monitoring, monitoring_figures, monitoring_forms
from .linechart import line_chart
from .models import Action, ActionResult, Evidence, GoalTarget
from .selectors import load_monitored_firm


@login_required
def method(request):
    return render(request, "plans/monitoring_method.html")


@login_required
def overview(request):
    """Staff: firms, unmeasured actions and inventories due; a firm goes to its own page."""
    programme = _programme(request.user)
    if not request.user.has_perm("plans.view_unmeasured", programme):
        own = sorted(member_organisation_ids(request.user))
        if own:
            return redirect("plans:monitoring_firm", own[0])
        raise PermissionDenied
    firms = Participation.objects.filter(programme=programme).select_related("organisation")
    visible = [
        p.organisation
        for p in firms.order_by("organisation__name")
        if request.user.has_perm("plans.view_monitoring", p.organisation)
    ]
    return render(
        request,
        "plans/monitoring.html",
        {
            "programme": programme,
            "firms": visible,
            "unmeasured": monitoring_figures.unmeasured_actions(request.user),
            "due": monitoring_figures.inventory_due(
                programme, organisation_ids=[f.pk for f in visible]
            ),
        },
    )


def monitoring_context(user, action) -> dict:
    """What the action page shows of its evidence and verification, and the forms offered."""
    may_add = action.stream and user.has_perm("plans.change_action", action)
    may_verify = action.stream and user.has_perm("plans.verify_action", action)
    return {
        "evidence": action.evidence.all(),
        "evidence_form": monitoring_forms.EvidenceForm() if may_add else None,
        "verify_form": monitoring_forms.VerifyForm(
            initial={"mv_option": action.mv_option, "mv_note": action.mv_note}
        )
        if may_verify
        else None,
        "results": action.results.all(),
    }


def _split_forms(data, year_rows, manage):
    """One split form per year and shared stream, for the analyst."""
    if not manage:
        return []
    forms = []
    for year in year_rows:
        by_stream = {}
        for row in data["actions"]:
            for result in row["results"]:
                if result.year == year and result.reason == ActionResult.Reason.NEEDS_SPLIT:
                    by_stream.setdefault(result.stream, []).append(row["action"])
                elif result.year == year and result.share is not None and result.share < 1:
                    by_stream.setdefault(result.stream, []).append(row["action"])
        for stream, actions in by_stream.items():
            initial = {"year": year}
            for result in ActionResult.objects.filter(action__in=actions, year=year):
                if result.share is not None:
                    initial[f"share_{result.action_id}"] = result.share
            form = monitoring_forms.SplitForm(initial=initial, actions=actions)
            forms.append({"year": year, "stream": stream, "form": form})
    return forms


@login_required
def firm(request, pk):
    organisation = load_monitored_firm(request.user, pk)
    programme = _programme(request.user)
    data = monitoring_figures.firm_monitoring(programme, organisation)
    manage = request.user.has_perm("plans.manage_monitoring", organisation)
    years = [row["year"] for row in data["years"]]
    context = {
        "organisation": organisation,
        "programme": programme,
        "data": data,
        "manage": manage,
        "baseline_form": monitoring_forms.BaselineForm(
            initial={"year": data["baseline_year"]}, years=years
        )
        if manage and years
        else None,
        "split_forms": _split_forms(data, years, manage),
    }
    return render(request, "plans/monitoring_firm.html", context)


@login_required
@require_POST
def baseline(request, pk):
    organisation = load_monitored_firm(request.user, pk)
    year = request.POST.get("year", "")
    with form_errors(request) as done:
        if not year.isdigit():
            raise ValidationError({"year": _("Choose a year.")})
        monitoring.set_baseline(request.user, _programme(request.user), organisation, int(year))
    if done:
        messages.success(request, _("Baseline year saved; the results were recomputed."))
    return redirect("plans:monitoring_firm", pk)


@login_required
@require_POST
def split(request, pk):
    organisation = load_monitored_firm(request.user, pk)
    programme = _programme(request.user)
    ids = [int(k.removeprefix("share_")) for k in request.POST if k.startswith("share_")]
    actions = Action.objects.filter(pk__in=ids)
    form = monitoring_forms.SplitForm(request.POST, actions=actions)
    if form.is_valid():
        with form_errors(request) as done:
            monitoring.split_stream(
                request.user, programme, organisation, form.cleaned_data["year"], form.shares()
            )
        if done:
            messages.success(request, _("The split was saved; the results were recomputed."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    return redirect("plans:monitoring_firm", pk)


@login_required
@require_POST
def evidence_add(request, pk):
    action = get_visible(Action, pk, request.user, "plans.view_action")
    form = monitoring_forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        with form_errors(request) as done:
            monitoring.add_evidence(
                request.user,
                action,
                form.cleaned_data["kind"],
                upload=form.cleaned_data.get("file"),
                **form.service_fields(),
            )
        if done:
            messages.success(request, _("Evidence added."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    return redirect("plans:action", pk)


@login_required
@require_POST
def verify(request, pk):
    action = get_visible(Action, pk, request.user, "plans.view_action")
    with form_errors(request) as done:
        monitoring.verify_action(
            request.user,
            action,
            request.POST.get("mv_option", ""),
            request.POST.get("mv_note", ""),
        )
    if done:
        messages.success(request, _("The action is marked verified."))
    return redirect("plans:action", pk)


@login_required
def evidence_file(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("action__plan"), pk=pk)
    get_visible(Action, evidence.action_id, request.user, "plans.view_action")
    if not evidence.file:
        raise Http404
    return file_response(evidence.file)


@login_required
def goal_target(request, pk):
    goal = get_object_or_404(
        StrategicGoal.objects.select_related("version__roadmap__programme"), pk=pk
    )
    require_visible(request.user, "roadmaps.view_roadmap", goal.version)
    may_change = request.user.has_perm("roadmaps.change_roadmap", goal.version)
    target = GoalTarget.objects.filter(goal=goal).first()
    form = None
    if may_change:
        initial = (
            {
                "indicator": target.indicator,
                "change_pct": target.change_pct,
                "baseline_year": target.baseline_year,
                "target_year": target.target_year,
            }
            if target
            else {}
        )
        form = monitoring_forms.GoalTargetForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            with form_errors(request, form) as done:
                monitoring.set_goal_target(request.user, goal, **form.cleaned_data)
            if done:
                messages.success(request, _("The goal's target was saved."))
                return redirect("plans:goal_target", pk)
    elif request.method == "POST":
        raise PermissionDenied
    progress = monitoring_figures.goal_progress(target) if target else None
    chart = (
        line_chart(progress["series"], progress["target"], progress["baseline"])
        if progress
        else None
    )
    return render(
        request,
        "plans/goal_target.html",
        {"goal": goal, "target": target, "progress": progress, "chart": chart, "form": form},
    )
