"""API of the monitoring phase (under ``/api/roadmaps/``), over the same services as the pages."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from dekvep.core.permissions import require_visible
from dekvep.core.selectors import primary_programme
from dekvep.roadmaps.models import StrategicGoal

from . import monitoring, monitoring_figures
from .models import Action, Evidence
from .selectors import load_monitored_firm

router = Router(tags=["monitoring"])


class ResultOut(Schema):
    year: int
    baseline_year: int
    stream: str
    unit: str
    promised: float | None
    measured: float | None
    share: float | None
    status: str
    reason: str


class MonitoredActionOut(Schema):
    id: int
    title: str
    stream: str
    saving_quantity: float | None
    saving_unit: str
    status: str
    verified: bool
    results: list[ResultOut]


class YearOut(Schema):
    year: int
    totals: dict
    intensities: dict
    versions: int


class FirmMonitoringOut(Schema):
    organisation: int
    baseline_year: int | None
    years: list[YearOut]
    actions: list[MonitoredActionOut]


class BaselineIn(Schema):
    year: int


class SplitIn(Schema):
    year: int
    shares: dict[int, float]


class EvidenceOut(Schema):
    id: int
    kind: str
    reading_before: float | None
    date_before: datetime.date | None
    reading_after: float | None
    date_after: datetime.date | None
    unit: str
    note: str
    has_file: bool


class VerifyIn(Schema):
    mv_option: str
    mv_note: str


class TargetIn(Schema):
    indicator: str
    change_pct: float
    baseline_year: int
    target_year: int


class PointOut(Schema):
    year: int
    value: float
    firms: int


class ProgressOut(Schema):
    indicator: str
    change_pct: float
    baseline_year: int
    target_year: int
    baseline: float | None
    target: float | None
    achieved_pct: float | None
    series: list[PointOut]


class UnmeasuredOut(Schema):
    id: int
    title: str
    organisation: str
    stream: str


def _programme(request):
    programme = primary_programme(request.user)
    if programme is None:
        raise PermissionDenied
    return programme


def _firm_out(programme, organisation) -> dict:
    data = monitoring_figures.firm_monitoring(programme, organisation)
    return {
        "organisation": organisation.pk,
        "baseline_year": data["baseline_year"],
        "years": data["years"],
        "actions": [
            {
                "id": row["action"].pk,
                "title": row["action"].title,
                "stream": row["action"].stream,
                "saving_quantity": row["action"].saving_quantity,
                "saving_unit": row["action"].saving_unit,
                "status": row["action"].status,
                "verified": row["action"].verified_at is not None,
                "results": row["results"],
            }
            for row in data["actions"]
        ],
    }


@router.get("/monitoring/firms/{pk}", response=FirmMonitoringOut)
def firm_monitoring(request, pk: int):
    return _firm_out(_programme(request), load_monitored_firm(request.user, pk))


@router.post("/monitoring/firms/{pk}/baseline", response=FirmMonitoringOut)
def set_baseline(request, pk: int, payload: BaselineIn):
    organisation, programme = load_monitored_firm(request.user, pk), _programme(request)
    monitoring.set_baseline(request.user, programme, organisation, payload.year)
    return _firm_out(programme, organisation)


@router.post("/monitoring/firms/{pk}/split", response=FirmMonitoringOut)
def split_stream(request, pk: int, payload: SplitIn):
    organisation, programme = load_monitored_firm(request.user, pk), _programme(request)
    monitoring.split_stream(request.user, programme, organisation, payload.year, payload.shares)
    return _firm_out(programme, organisation)


@router.get("/monitoring/unmeasured", response=list[UnmeasuredOut])
def unmeasured(request):
    programme = _programme(request)
    if not request.user.has_perm("plans.view_unmeasured", programme):
        raise PermissionDenied
    return [
        {
            "id": a.pk,
            "title": a.title,
            "organisation": a.owner_organisation.name,
            "stream": a.stream,
        }
        for a in monitoring_figures.unmeasured_actions(request.user)
    ]


def _action(request, pk):
    action = get_object_or_404(Action.objects.select_related("plan__programme"), pk=pk)
    require_visible(request.user, "plans.view_action", action)
    return action


def _evidence_out(evidence: Evidence) -> dict:
    return {
        "id": evidence.pk,
        "kind": evidence.kind,
        "reading_before": evidence.reading_before,
        "date_before": evidence.date_before,
        "reading_after": evidence.reading_after,
        "date_after": evidence.date_after,
        "unit": evidence.unit,
        "note": evidence.note,
        "has_file": bool(evidence.file),
    }


@router.get("/actions/{pk}/evidence", response=list[EvidenceOut])
def list_evidence(request, pk: int):
    return [_evidence_out(e) for e in _action(request, pk).evidence.all()]


def _date(value: str, field: str):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise ValidationError({field: _("Enter the date as YYYY-MM-DD.")}) from None


@router.post("/actions/{pk}/evidence", response={201: EvidenceOut})
def add_evidence(
    request,
    pk: int,
    kind: Form[str],
    reading_before: Form[float] = None,
    date_before: Form[str] = "",
    reading_after: Form[float] = None,
    date_after: Form[str] = "",
    unit: Form[str] = "",
    note: Form[str] = "",
    file: File[UploadedFile] = None,
):
    fields = {
        "reading_before": reading_before,
        "date_before": _date(date_before, "date_before"),
        "reading_after": reading_after,
        "date_after": _date(date_after, "date_after"),
        "unit": unit,
        "note": note,
    }
    fields = {k: v for k, v in fields.items() if v not in (None, "")}
    evidence = monitoring.add_evidence(request.user, _action(request, pk), kind, file, **fields)
    return 201, _evidence_out(evidence)


@router.post("/actions/{pk}/verify", response=MonitoredActionOut)
def verify_action(request, pk: int, payload: VerifyIn):
    action = monitoring.verify_action(
        request.user, _action(request, pk), payload.mv_option, payload.mv_note
    )
    return {
        "id": action.pk,
        "title": action.title,
        "stream": action.stream,
        "saving_quantity": action.saving_quantity,
        "saving_unit": action.saving_unit,
        "status": action.status,
        "verified": True,
        "results": list(action.results.all()),
    }


def _goal(request, pk):
    goal = get_object_or_404(
        StrategicGoal.objects.select_related("version__roadmap__programme"), pk=pk
    )
    require_visible(request.user, "roadmaps.view_roadmap", goal.version)
    return goal


def _progress_out(target) -> dict:
    progress = monitoring_figures.goal_progress(target)
    return {
        "indicator": target.indicator,
        "change_pct": target.change_pct,
        "baseline_year": target.baseline_year,
        "target_year": target.target_year,
        "baseline": progress["baseline"],
        "target": progress["target"],
        "achieved_pct": progress["achieved_pct"],
        "series": progress["series"],
    }


@router.put("/goals/{pk}/target", response=ProgressOut)
def set_goal_target(request, pk: int, payload: TargetIn):
    target = monitoring.set_goal_target(request.user, _goal(request, pk), **payload.dict())
    return _progress_out(target)


@router.get("/goals/{pk}/progress", response=ProgressOut)
def goal_progress(request, pk: int):
    goal = _goal(request, pk)
    target = getattr(goal, "target", None)
    if target is None:
        raise ValidationError({"target": _("This goal has no numeric target yet.")})
    return _progress_out(target)
