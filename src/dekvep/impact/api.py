"""Read-only API of the programme's impact figures (programme staff and funder viewers)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router
from ninja.pagination import paginate

from dekvep.core.pagination import Pagination

from . import exports
from .dashboard import dashboard
from .figures import all_figures, get_figure, summary
from .presenters import resolve
from .registry import Figure
from .schemas import (
    DashboardOut,
    FigureDetailOut,
    FigureOut,
    RecordOut,
    TargetIn,
    TargetOut,
)
from .selectors import (
    breakdown,
    may_list_records,
    monthly,
    ordered,
    programme_for,
    records_for,
)
from .services import set_target
from .targets import target_rows

router = Router(tags=["impact"])


@router.get("/summary", response=dict[str, int | float | str])
def impact_summary(request, programme: str = ""):
    """Every figure of the programme, keyed as in ``dekvep impact --format json``."""
    found = programme_for(request.user, programme)
    return {"programme": found.slug, **summary(found)}


def _figure_out(user, figure: Figure, programme) -> dict:
    return {
        "key": figure.key,
        "label": str(figure.label),
        "unit": figure.unit.value,
        "source": figure.source,
        "definition": str(figure.definition),
        "wired": figure.wired,
        "value": figure.compute(programme),
        "note": figure.note_for(programme),
        "records_visible": may_list_records(user, figure, programme),
        "breakdown": [
            {"label": str(label), "value": value} for label, value in breakdown(figure, programme)
        ],
    }


def _figure(key: str) -> Figure:
    figure = get_figure(key)
    if figure is None:
        raise Http404
    return figure


@router.get("/figures", response=list[FigureOut])
def list_figures(request, programme: str = ""):
    found = programme_for(request.user, programme)
    return [_figure_out(request.user, figure, found) for figure in all_figures()]


@router.get("/figures/{key}", response=FigureDetailOut)
def figure_detail(request, key: str, programme: str = ""):
    figure = _figure(key)
    found = programme_for(request.user, programme)
    series = [{"month": m.strftime("%Y-%m"), "value": v} for m, v in monthly(figure, found)]
    return {**_figure_out(request.user, figure, found), "monthly": series}


@router.get("/figures/{key}/records", response=list[RecordOut])
@paginate(Pagination)
def figure_records(request, key: str, programme: str = ""):
    """The records behind a figure; 403 for a role that sees only the aggregate."""
    figure = _figure(key)
    found = programme_for(request.user, programme)
    records = records_for(request.user, figure, found)
    if records is None:
        raise PermissionDenied
    return _RecordRows(ordered(records, figure), figure)


class _RecordRows:
    """A lazily sliced queryset that renders each record of a page as its drill-down row."""

    def __init__(self, records, figure: Figure):
        self.records, self.figure = records, figure

    def count(self) -> int:
        return self.records.count()

    def __getitem__(self, window: slice):
        return [self._row(record) for record in self.records[window]]

    def _row(self, record) -> dict:
        cells = {str(c.label): str(resolve(record, c.path)) for c in self.figure.columns}
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        return {"id": record.pk, "cells": cells, "url": url}


@router.get("/export.xlsx")
def export_excel(request, programme: str = ""):
    found = programme_for(request.user, programme)
    return exports.excel_response(found)


@router.get("/report.pdf")
def report_pdf(request, programme: str = ""):
    found = programme_for(request.user, programme)
    return exports.pdf_response(found)


@router.get("/targets", response=list[TargetOut])
def list_targets(request, programme: str = ""):
    """Every figure with its value now and the programme's target (null when none is set)."""
    found = programme_for(request.user, programme)
    return target_rows(found)


@router.put("/targets/{key}", response=list[TargetOut])
def put_target(request, key: str, payload: TargetIn, programme: str = ""):
    """Set a figure's target (programme manager); ``"value": null`` removes it."""
    found = programme_for(request.user, programme)
    _figure(key)
    set_target(request.user, found, key, payload.value, payload.note)
    return [row for row in target_rows(found) if row["key"] == key]


@router.get("/dashboard", response=DashboardOut)
def programme_dashboard(request, programme: str = ""):
    """The programme manager's dashboard: stages with what is late, funnels, figures and targets."""
    found = programme_for(request.user, programme)
    data = dashboard(found)
    return {
        "programme": found.slug,
        "timeline": [
            {
                "label": stage.label,
                "start": stage.start.isoformat(),
                "end": stage.end.isoformat(),
                "state": stage.state,
                "late": stage.late,
            }
            for stage in data["timeline"]
        ],
        "funnels": [
            {
                "key": funnel["key"],
                "title": str(funnel["title"]),
                "steps": [{"label": str(label), "value": n} for label, n in funnel["steps"]],
            }
            for funnel in data["funnels"]
        ],
        "figures": data["figures"],
    }
