"""The impact dashboard, the drill-down pages and the funder exports. All read-only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from dekvep.core import services as core_services
from dekvep.core.forms import form_errors
from dekvep.plans.monitoring_figures import one_reading
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
from .services import save_targets
from .targets import target_inputs, target_rows

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
    with one_reading():
        context = {
            "programme": programme,
            "programmes": readable_programmes(request.user),
            "cards": cards(programme),
            "dated": dated,
            "series_figure": series_figure,
            "chart": monthly_chart(series),
            "can_publish": request.user.has_perm("core.change_programme", programme),
            "perms_change_programme": request.user.has_perm("core.change_programme", programme),
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
        "note": figure.note_for(programme),
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


@login_required
def targets(request):
    """The programme's targets, one per figure: the manager sets them, other readers see them."""
    programme = _programme(request)
    may_set = request.user.has_perm("impact.set_target", programme)
    errors = {}
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied
        with form_errors(request, show=False) as saved:
            save_targets(request.user, programme, target_inputs(request.POST))
        if saved:
            messages.success(request, _("The programme's targets are saved."))
            return redirect(f"{reverse('impact:targets')}?programme={programme.slug}")
        errors = saved.by_field
    context = {
        "programme": programme,
        "may_set": may_set,
        "rows": target_rows(programme, request.POST if errors else None, errors),
    }
    return render(request, "impact/targets.html", context, status=400 if errors else 200)


@require_POST
@login_required
def participant_list(request):
    """The programme manager publishes the participant list to funders, or withdraws it."""
    programme = programme_for(request.user, request.POST.get("programme"))
    published = request.POST.get("published") == "1"
    core_services.publish_participant_list(request.user, programme, published)
    messages.success(
        request,
        _("Funders may now list the participant firms.")
        if published
        else _("Funders see the figures only, not the participant firms."),
    )
    return redirect(f"{reverse('impact:dashboard')}?programme={programme.slug}")
