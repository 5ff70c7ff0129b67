"""The impact dashboard, the drill-down pages and the funder exports. All read-only."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dekvep.plans.monitoring_panel import monitoring_panel
from dekvep.web.charts import monthly_chart

from . import exports
from .figures import all_figures, get_figure
from .presenters import cards, formatted, rows
from .selectors import (
    breakdown,
    monthly,
    ordered,
    programme_for,
    readable_programmes,
    records_for,
)

PAGE_SIZE = 50


def _programme(request):
    return programme_for(request.user, request.GET.get("programme"))


def _dated_figures():
    return [figure for figure in all_figures() if figure.wired and figure.date_field]


@require_safe
@login_required
def dashboard(request):
    programme = _programme(request)
    dated = _dated_figures()
    series_figure = get_figure(request.GET.get("series", "")) or (dated[0] if dated else None)
    series = monthly(series_figure, programme) if series_figure else []
    context = {
        "programme": programme,
        "programmes": readable_programmes(request.user),
        "cards": cards(programme),
        "perms_change_programme": request.user.has_perm("core.change_programme", programme),
        "dated": dated,
        "series_figure": series_figure,
        "chart": monthly_chart(series),
        **monitoring_panel(programme),
    }
    return render(request, "impact/dashboard.html", context)


@require_safe
@login_required
def figure_detail(request, key):
    figure = get_figure(key)
    if figure is None:
        raise Http404
    programme = _programme(request)
    value = figure.compute(programme)
    records = records_for(request.user, figure, programme)
    page = None
    if records is not None:
        page = Paginator(ordered(records, figure), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "figure": figure,
        "display": formatted(value, figure.decimals),
        "breakdown": [(label, formatted(n)) for label, n in breakdown(figure, programme)],
        "chart": monthly_chart(monthly(figure, programme)),
        "page": page,
        "rows": rows(page.object_list, figure.columns) if page else [],
    }
    return render(request, "impact/figure.html", context)


@require_safe
@login_required
def export_excel(request):
    programme = _programme(request)
    return exports.excel_response(programme)


@require_safe
@login_required
def report_pdf(request):
    programme = _programme(request)
    return exports.pdf_response(programme)
