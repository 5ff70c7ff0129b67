"""Pages for action plans, actions and the collaboration register.

Views parse, call a service and render; permissions are the rules in ``rules.py``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_operator_staff, member_organisation_ids
from dekvep.core.selectors import primary_programme
from dekvep.core.uploads import file_response
from dekvep.roadmaps.models import StrategicGoal
from dekvep.roadmaps.rules import require_pages
from dekvep.roadmaps.views import _programme

from . import forms, selectors, services, timeline
from .export import actions_workbook
from .models import Action, ActionPlan, CollaborationOpportunity, ProgressUpdate
from .monitoring_views import monitoring_context

# Actions -----------------------------------------------------------------------------------


def _filtered_actions(request):
    actions = (
        selectors.visible_actions(request.user).select_related("plan").prefetch_related("partners")
    )
    status = request.GET.get("status", "")
    plan = request.GET.get("plan", "")
    if status == "overdue":
        actions = actions.filter(
            status__in=["planned", "in_progress", "blocked"], due_date__lt=timezone.localdate()
        )
    elif status:
        actions = actions.filter(status=status)
    if plan.isdigit():
        actions = actions.filter(plan_id=int(plan))
    return actions.order_by("due_date", "pk"), status, plan


@login_required
def actions(request):
    require_pages(request.user)
    items, status, plan = _filtered_actions(request)
    return render(
        request,
        "plans/actions.html",
        {
            "page": Paginator(items, 30).get_page(request.GET.get("page")),
            "status": status,
            "plan": plan,
            "statuses": Action.Status.choices,
            "plans": selectors.visible_plans(request.user).order_by("kind", "title"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def actions_timeline(request):
    require_pages(request.user)
    items, status, plan = _filtered_actions(request)
    items = list(items.filter(due_date__isnull=False)[:150])
    return render(
        request,
        "plans/timeline.html",
        {
            "chart": timeline.build(items, timezone.localdate()),
            "status": status,
            "plan": plan,
            "statuses": Action.Status.choices,
            "plans": selectors.visible_plans(request.user).order_by("kind", "title"),
        },
    )


@login_required
def actions_export(request):
    require_pages(request.user)
    items, _status, _plan = _filtered_actions(request)
    content = actions_workbook(items.prefetch_related("updates"))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="actions.xlsx"'
    return response


@login_required
def plan_detail(request, pk):
    plan = get_visible(ActionPlan, pk, request.user, "plans.view_plan")
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "actions": plan.actions.select_related("owner_organisation", "owner_person", "goal"),
            "can_add": request.user.has_perm("plans.add_action", plan),
        },
    )


@login_required
def action_create(request, pk):
    plan = get_visible(ActionPlan, pk, request.user, "plans.view_plan")
    require(request.user, "plans.add_action", plan)
    staff = plan.kind != ActionPlan.Kind.FIRM or bool(is_operator_staff(request.user))
    form = forms.ActionForm(
        request.POST or None, programme=plan.programme, staff=staff, organisation=plan.organisation
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            action = services.create_action(request.user, plan, **form.cleaned_data)
        if done:
            messages.success(request, _("The action is added."))
            return redirect("plans:action", action.pk)
    return render(
        request,
        "roadmaps/form.html",
        {"form": form, "title": _("New action: %(plan)s") % {"plan": plan}},
    )


@login_required
def action_from_goal(request, pk):
    goal = get_visible(
        StrategicGoal.objects.select_related("version__roadmap__programme"),
        pk,
        request.user,
        "roadmaps.view_roadmap",
        act="roadmaps.change_roadmap",
        of="version",
    )
    programme = goal.version.roadmap.programme
    form = forms.ActionForm(
        request.POST or None,
        programme=programme,
        staff=True,
        initial={"title": goal.title, "indicator": goal.indicator},
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            action = services.create_action_from_goal(request.user, goal, **form.cleaned_data)
        if done:
            messages.success(request, _("The action is added to the sector action plan."))
            return redirect("plans:action", action.pk)
    return render(
        request,
        "roadmaps/form.html",
        {"form": form, "title": _("Action for the goal: %(goal)s") % {"goal": goal.title}},
    )


@login_required
def action_detail(request, pk):
    action = get_visible(
        Action.objects.select_related(
            "plan__programme", "owner_organisation", "owner_person", "goal"
        ),
        pk,
        request.user,
        "plans.view_action",
    )
    can_change = request.user.has_perm("plans.change_action", action)
    staff = bool(is_operator_staff(request.user))
    own = member_organisation_ids(request.user)
    partners = [
        p.name if staff or p.pk in own or action.owner_organisation_id in own else p.anonymous_label
        for p in action.partners.all()
    ]
    return render(
        request,
        "plans/action.html",
        {
            "action": action,
            "can_change": can_change,
            "partners": partners,
            "updates": action.updates.select_related("author"),
            "progress_form": forms.ProgressForm(initial={"date": timezone.localdate()})
            if can_change
            else None,
            "status_form": forms.StatusForm(initial={"status": action.status})
            if can_change
            else None,
            "need": getattr(action, "cluster_need", None),
            **monitoring_context(request.user, action),
        },
    )


@login_required
def action_edit(request, pk):
    action = get_visible(Action, pk, request.user, "plans.view_action")
    require(request.user, "plans.change_action", action)
    staff = bool(is_operator_staff(request.user))
    form = forms.ActionForm(
        request.POST or None, instance=action, programme=action.plan.programme, staff=staff
    )
    if request.method == "POST" and form.is_valid():
        action.refresh_from_db()
        with form_errors(request, form, message=True) as done:
            services.update_action(request.user, action, **form.cleaned_data)
        if done:
            messages.success(request, _("The action is saved."))
            return redirect("plans:action", action.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": action.title})


@login_required
@require_POST
def action_status(request, pk):
    action = get_visible(Action, pk, request.user, "plans.view_action")
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        with form_errors(request) as done:
            services.change_action_status(
                request.user, action, form.cleaned_data["status"], form.cleaned_data["note"]
            )
        if done:
            messages.success(request, _("The status is changed."))
    return redirect("plans:action", action.pk)


@login_required
def action_progress(request, pk):
    action = get_visible(Action, pk, request.user, "plans.view_action")
    require(request.user, "plans.change_action", action)
    form = forms.ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form, message=True) as done:
            services.add_progress_update(request.user, action, **form.cleaned_data)
        if done:
            messages.success(request, _("The progress update is saved."))
            return redirect("plans:action", action.pk)
    return render(
        request,
        "roadmaps/form.html",
        {
            "form": form,
            "title": _("Progress: %(title)s") % {"title": action.title},
            "multipart": True,
        },
        status=400 if request.method == "POST" else 200,
    )


# Collaboration register --------------------------------------------------------------------


@login_required
def register(request):
    require_pages(request.user)
    items = selectors.visible_opportunities(request.user)
    type_, status, q = (
        request.GET.get("type", ""),
        request.GET.get("status", ""),
        request.GET.get("q", "").strip(),
    )
    if type_:
        items = items.filter(type=type_)
    if status:
        items = items.filter(status=status)
    if q:
        items = items.filter(title__icontains=q)
    page = Paginator(items.order_by("-updated_at", "-pk"), 30).get_page(request.GET.get("page"))
    rows = [{"o": o, "parties": selectors.party_names(o, request.user)} for o in page]
    programme = primary_programme(request.user)
    return render(
        request,
        "plans/register.html",
        {
            "page": page,
            "rows": rows,
            "type": type_,
            "status": status,
            "q": q,
            "types": CollaborationOpportunity.Type.choices,
            "statuses": CollaborationOpportunity.Status.choices,
            "can_add": programme is not None
            and request.user.has_perm("plans.change_opportunity", programme),
            "count": page.paginator.count,
        },
    )


@login_required
def opportunity_create(request):
    programme = _programme(request.user)
    require(request.user, "plans.change_opportunity", programme)
    form = forms.OpportunityForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with form_errors(request, form, message=True) as done:
            opportunity = services.register_opportunity(
                request.user,
                programme=programme,
                source_app="roadmaps.manual",
                source_id=f"{timezone.now():%Y%m%d%H%M%S%f}",
                parties=list(data.pop("parties")),
                **data,
            )
        if done:
            return redirect("plans:opportunity", opportunity.pk)
    return render(
        request, "roadmaps/form.html", {"form": form, "title": _("New collaboration opportunity")}
    )


@login_required
def opportunity_detail(request, pk):
    opportunity = get_visible(CollaborationOpportunity, pk, request.user, "plans.view_opportunity")
    can_change = request.user.has_perm("plans.change_opportunity", opportunity)
    return render(
        request,
        "plans/opportunity.html",
        {
            "o": opportunity,
            "parties": selectors.party_names(opportunity, request.user),
            "can_change": can_change,
            "status_form": forms.OpportunityStatusForm(
                initial={"status": opportunity.status, "next_step": opportunity.next_step}
            )
            if can_change
            else None,
        },
    )


@login_required
@require_POST
def opportunity_status(request, pk):
    opportunity = get_visible(CollaborationOpportunity, pk, request.user, "plans.view_opportunity")
    require(request.user, "plans.change_opportunity", opportunity)
    form = forms.OpportunityStatusForm(request.POST)
    if form.is_valid():
        with form_errors(request) as done:
            services.update_opportunity(request.user, opportunity, **form.cleaned_data)
        if done:
            messages.success(request, _("The opportunity is updated."))
    return redirect("plans:opportunity", opportunity.pk)


@login_required
def evidence_download(request, pk):
    update = get_visible(
        ProgressUpdate.objects.select_related("action"),
        pk,
        request.user,
        "plans.view_action",
        of="action",
    )
    return file_response(update.evidence)
