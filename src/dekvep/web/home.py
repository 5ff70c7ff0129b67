"""What each role's home page shows. Domain apps contribute through their ``home`` module:

``todos(user) -> list[dict]`` (each ``{"label", "url"}``) and
``figures(user, programme) -> list[dict]`` (each ``{"label", "value", "url"}``).
"""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dekvep.assessment import home as assessment
from dekvep.calls import home as calls
from dekvep.core.formatting import format_share, local_date
from dekvep.core.i18n import label
from dekvep.core.models import Participation
from dekvep.events import home as events
from dekvep.impact import home as impact
from dekvep.impact.dashboard import against_targets, dashboard
from dekvep.impact.figures import get_figure
from dekvep.impact.selectors import monthly
from dekvep.readiness import home as readiness
from dekvep.roadmaps import home as roadmaps
from dekvep.symbiosis import home as symbiosis

from . import charts
from .charts import monthly_chart
from .firm_home import firm_status

# The apps whose to-dos and own counts reach the home pages, in the order they are shown.
CONTRIBUTORS = (calls, assessment, symbiosis, roadmaps, events, readiness)


def todos(user) -> list[dict]:
    return [item for app in CONTRIBUTORS for item in app.todos(user)]


def figures(user, programme) -> list[dict]:
    """Headline figures come from the impact app alone, so no number shows twice."""
    return impact.figures(user, programme)


def member_figures(user, programme) -> list[dict]:
    """What each app counts for a firm member (its listings, actions, registrations ...)."""
    return [item for app in CONTRIBUTORS for item in app.figures(user, programme)]


def participants_by_sector(programme) -> list[dict]:
    if programme is None:
        return []
    return list(
        Participation.objects.filter(programme=programme)
        .values("sector")
        .annotate(count=Count("id"))
        .order_by("sector")
    )


def staff_dashboard(programme) -> dict:
    """The manager's dashboard: the data of ``/api/impact/dashboard`` and its SVG charts."""
    if programme is None:
        return {}
    data = dashboard(programme)
    today = local_date(timezone.now())
    stages = data["timeline"]
    start = min([programme.starts_on, *(s.start for s in stages)])
    end = max([programme.ends_on, *(s.end for s in stages)])
    for funnel in data["funnels"]:
        steps = [(str(label), value) for label, value in funnel["steps"]]
        funnel["svg"] = mark_safe(  # noqa: S308 - labels are escaped by the chart
            charts.funnel(steps, title=str(funnel["title"]))
        )
    staff_dashboard_figures(programme, data["figures"])
    return {
        **data,
        "late": [(stage, note) for stage in stages for note in stage.late],
        "timeline_svg": mark_safe(  # noqa: S308 - labels are escaped by the chart
            charts.gantt(stages, start, end, today, title=_("Programme timeline"))
        ),
    }


def firm_blocks(user) -> list[dict]:
    """The firm's own status (``/api/home/firm``) with its action-plan progress bar."""
    blocks = firm_status(user)
    for block in blocks:
        share = block["plan"]["share_done"]
        if share is not None:
            text = _("%(share)s of the actions done") % {"share": format_share(share)}
            block["plan_svg"] = mark_safe(charts.gauge(share, text, width=220))  # noqa: S308
    return blocks


# The funder's monthly chart: the first of these whose months add up to at most its total.
FUNDER_SERIES = ("certificates_issued", "seminar_participants", "firm_reports", "synergies_active")


def funder_series(programme):
    """``(figure, monthly series)`` for the funder's chart, never one whose months add up to
    more than the figure itself (a figure counting distinct firms over many records would)."""
    for key in FUNDER_SERIES:
        figure = get_figure(key)
        if figure is None or not figure.wired:
            continue
        series = monthly(figure, programme)
        if series and sum(value for _, value in series) <= figure.compute(programme):
            return figure, series
    return None, []


def funder_dashboard(programme) -> dict:
    """Figures with units against targets, the sector reports, one honest monthly chart."""
    if programme is None:
        return {}
    figures = staff_dashboard_figures(programme, against_targets(programme))
    sectors = [
        {
            "label": label(sector, "sector"),
            "url": reverse("assessment:sector_report", args=[sector])
            + f"?programme={programme.pk}",
        }
        for sector in programme.priority_sectors or []
    ]
    figure, series = funder_series(programme)
    return {
        "figures": figures,
        "sectors": sectors,
        "series_figure": figure,
        "chart": monthly_chart(series),
    }


def staff_dashboard_figures(programme, figures: list[dict]) -> list[dict]:
    """Each figure with a target gets its gauge (the share of the target reached)."""
    for figure in figures:
        if figure["share"] is not None:
            text = _("%(share)s of the target") % {"share": format_share(figure["share"])}
            figure["share_display"] = text
            figure["svg"] = mark_safe(charts.gauge(figure["share"], text, width=200))  # noqa: S308
    return figures
