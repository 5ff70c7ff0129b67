"""API for action plans, actions and the collaboration register (under ``/api/roadmaps/``)."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dekvep.core.api_ids import objects_by_id, programme_of, resolve_ids
from dekvep.core.models import Organisation
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible, require
from dekvep.roadmaps.models import StrategicGoal
from dekvep.roadmaps.rules import require_pages

from . import selectors, services
from .export import actions_workbook
from .models import Action, ActionPlan, CollaborationOpportunity
from .schemas import (
    ActionIn,
    ActionOut,
    ActionPatch,
    ActionStatusIn,
    OpportunityIn,
    OpportunityOut,
    OpportunityPatch,
    PlanOut,
    UpdateOut,
)

router = Router(tags=["plans"])


# Actions -----------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut])
@paginate(Pagination)
def list_plans(request):
    require_pages(request.user)
    return selectors.visible_plans(request.user).order_by("kind", "title")


def _actions(request, status: str, plan: int | None):
    require_pages(request.user)
    actions = selectors.visible_actions(request.user)
    if status == "overdue":
        actions = actions.filter(
            status__in=["planned", "in_progress", "blocked"], due_date__lt=timezone.localdate()
        )
    elif status:
        actions = actions.filter(status=status)
    if plan:
        actions = actions.filter(plan_id=plan)
    return actions.order_by("due_date", "pk")


@router.get("/actions", response=list[ActionOut])
@paginate(Pagination)
def list_actions(request, status: str = "", plan: int | None = None):
    return _actions(request, status, plan)


@router.get("/actions/export.xlsx", response={200: None})
def export_actions(request, status: str = "", plan: int | None = None):
    actions = _actions(request, status, plan).prefetch_related("partners", "updates")
    response = HttpResponse(
        actions_workbook(actions),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="actions.xlsx"'
    return response


@router.post("/plans/{pk}/actions", response={201: ActionOut})
def create_action(request, pk: int, payload: ActionIn):
    plan = get_visible(ActionPlan, pk, request.user, "plans.view_plan")
    data = resolve_ids(payload.dict())
    if data["owner_organisation"] is None:
        data.pop("owner_organisation")
    return 201, services.create_action(request.user, plan, **data)


@router.post("/goals/{pk}/actions", response={201: ActionOut})
def create_action_from_goal(request, pk: int, payload: ActionIn):
    goal = get_visible(
        StrategicGoal.objects.select_related("version__roadmap"),
        pk,
        request.user,
        "roadmaps.view_roadmap",
        of="version",
    )
    return 201, services.create_action_from_goal(request.user, goal, **resolve_ids(payload.dict()))


def _action(request, pk):
    return get_visible(
        Action.objects.select_related("plan__programme", "owner_organisation"),
        pk,
        request.user,
        "plans.view_action",
    )


@router.get("/actions/{pk}", response=ActionOut)
def get_action(request, pk: int):
    return _action(request, pk)


@router.patch("/actions/{pk}", response=ActionOut)
def update_action(request, pk: int, payload: ActionPatch):
    action = _action(request, pk)
    return services.update_action(
        request.user, action, **resolve_ids(payload.dict(exclude_unset=True))
    )


@router.post("/actions/{pk}/status", response=ActionOut)
def change_action_status(request, pk: int, payload: ActionStatusIn):
    return services.change_action_status(
        request.user, _action(request, pk), payload.status, payload.note
    )


@router.get("/actions/{pk}/updates", response=list[UpdateOut])
@paginate(Pagination)
def list_updates(request, pk: int):
    return _action(request, pk).updates.all()


@router.post("/actions/{pk}/updates", response={201: UpdateOut})
def add_update(
    request,
    pk: int,
    note: Form[str],
    date: Form[str] = "",
    value: Form[str] = "",
    status: Form[str] = "",
    evidence: File[UploadedFile] = None,
):
    action = _action(request, pk)
    try:
        day = datetime.date.fromisoformat(date) if date else None
    except ValueError:
        raise ValidationError({"date": _("Enter the date as YYYY-MM-DD.")}) from None
    return 201, services.add_progress_update(
        request.user, action, note=note, date=day, value=value, status=status, evidence=evidence
    )


# Collaboration register --------------------------------------------------------------------


def _opportunity_out(opportunity, user):
    data = {
        f: getattr(opportunity, f)
        for f in (
            "id",
            "type",
            "title",
            "source_app",
            "source_id",
            "source_label",
            "status",
            "next_step",
            "expected_impact",
            "updated_at",
        )
    }
    data["parties"] = selectors.party_names(opportunity, user)
    return data


@router.get("/opportunities", response=list[OpportunityOut])
@paginate(Pagination)
def list_opportunities(request, type: str = "", status: str = ""):
    require_pages(request.user)
    items = selectors.visible_opportunities(request.user)
    if type:
        items = items.filter(type=type)
    if status:
        items = items.filter(status=status)
    return [_opportunity_out(o, request.user) for o in items.order_by("-updated_at", "-pk")]


@router.post("/opportunities", response={201: OpportunityOut})
def create_opportunity(request, payload: OpportunityIn):
    programme = programme_of(request.user)
    require(request.user, "plans.change_opportunity", programme)
    data = payload.dict()
    parties = objects_by_id(Organisation, data.pop("parties"), "parties")
    opportunity = services.register_opportunity(
        request.user,
        programme=programme,
        parties=parties,
        source_app="roadmaps.manual",
        source_id=f"{timezone.now():%Y%m%d%H%M%S%f}",
        **data,
    )
    return 201, _opportunity_out(opportunity, request.user)


@router.get("/opportunities/{pk}", response=OpportunityOut)
def get_opportunity(request, pk: int):
    opportunity = get_visible(CollaborationOpportunity, pk, request.user, "plans.view_opportunity")
    return _opportunity_out(opportunity, request.user)


@router.patch("/opportunities/{pk}", response=OpportunityOut)
def update_opportunity(request, pk: int, payload: OpportunityPatch):
    opportunity = get_visible(CollaborationOpportunity, pk, request.user, "plans.view_opportunity")
    require(request.user, "plans.change_opportunity", opportunity)
    data = payload.dict(exclude_unset=True)
    if "parties" in data:
        data["parties"] = objects_by_id(Organisation, data["parties"], "parties")
    opportunity = services.update_opportunity(request.user, opportunity, **data)
    return _opportunity_out(opportunity, request.user)
