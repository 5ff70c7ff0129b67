"""The programme manager's dashboard: stages on a timeline, funnels and figures against targets.

Every number here is an aggregate query over the programme's records (counts, min/max dates),
so the page and ``/api/impact/dashboard`` stay fast on large programmes and show the same data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.assessment.models import Inventory, Opportunity, Report
from dekvep.calls.models import Application, Call
from dekvep.core.batch import scalars
from dekvep.core.formatting import local_date
from dekvep.core.i18n import pick
from dekvep.events.models import Event
from dekvep.plans.models import Action
from dekvep.roadmaps.models import ClusterMeeting, Workshop
from dekvep.symbiosis.models import Listing, MatchResult, Synergy

from .figures import get_figure
from .home import HEADLINE
from .presenters import figure_url, formatted
from .registry import prefetch
from .services import targets_of

# An inventory handed in longer ago than this without review is shown as late.
REVIEW_DAYS = 14
PENDING_DECISION = (
    Application.Status.SUBMITTED,
    Application.Status.ELIGIBLE,
    Application.Status.UNDER_REVIEW,
    Application.Status.SHORTLISTED,
)
OPEN_ACTION = (Action.Status.PLANNED, Action.Status.IN_PROGRESS, Action.Status.BLOCKED)


@dataclass
class Stage:
    label: str
    start: datetime.date
    end: datetime.date
    late: list[str] = field(default_factory=list)
    state: str = ""  # "done", "running", "planned" or "late"
    state_label: str = ""


def _day(value) -> datetime.date | None:
    if value is None:
        return None
    return local_date(value) if isinstance(value, datetime.datetime) else value


def _call_stages(programme, now) -> list[Stage]:
    stages = []
    # Each call with its applications waiting for a decision, in one query.
    calls = (
        Call.objects.filter(programme=programme)
        .annotate(
            waiting=Count("applications", filter=Q(applications__status__in=PENDING_DECISION))
        )
        .order_by("opens_at")
    )
    for call in calls:
        stage = Stage(pick(call.title_tr, call.title_en), _day(call.opens_at), _day(call.closes_at))
        waiting = call.waiting if call.closes_at < now else 0
        if waiting:
            stage.late.append(
                ngettext(
                    "%(n)s application waits for a decision",
                    "%(n)s applications wait for a decision",
                    waiting,
                )
                % {"n": waiting}
            )
        stages.append(stage)
    return stages


def _activity_queries(programme, now, today) -> dict:
    """Every first and last date and overdue count of the activity stages, to read at once."""
    inventories = Inventory.objects.filter(programme=programme)
    actions = Action.objects.filter(plan__programme=programme)
    workshops = Workshop.objects.filter(programme=programme)
    meetings = ClusterMeeting.objects.filter(programme=programme)
    events = Event.objects.filter(programme=programme)
    return {
        "inventories_first": (inventories, Min("created_at")),
        # An inventory's stage ends when it is approved (or handed in), not when last touched.
        "inventories_last": (
            inventories,
            Max(Coalesce("approved_at", "submitted_at", "created_at")),
        ),
        "reports_last": (Report.objects.filter(programme=programme), Max("issued_at")),
        "inventories_overdue": (
            inventories.filter(
                status=Inventory.Status.SUBMITTED,
                submitted_at__lt=now - datetime.timedelta(days=REVIEW_DAYS),
            ),
            Count("pk"),
        ),
        "workshops_first": (workshops, Min("starts_at")),
        "workshops_last": (workshops, Max("starts_at")),
        "meetings_first": (meetings, Min("starts_at")),
        "meetings_last": (meetings, Max("starts_at")),
        "events_first": (events, Min("starts_at")),
        "events_last": (events, Max("ends_at")),
        "actions_first": (actions, Min("start_date")),
        "actions_last": (actions, Max("due_date")),
        "actions_overdue": (
            actions.filter(due_date__lt=today, status__in=OPEN_ACTION),
            Count("pk"),
        ),
    }


def _activity_stages(programme, now, today, found: dict | None = None) -> list[Stage]:
    stages = []
    if found is None:
        found = scalars(_activity_queries(programme, now, today))
    first, last = _day(found["inventories_first"]), _day(found["inventories_last"])
    reports_last = _day(found["reports_last"])
    if first:
        stage = Stage(_("Firm analyses"), first, max(filter(None, (last, reports_last))))
        overdue = found["inventories_overdue"] or 0
        if overdue:
            stage.late.append(
                ngettext(
                    "%(n)s inventory waits for review over %(days)s days",
                    "%(n)s inventories wait for review over %(days)s days",
                    overdue,
                )
                % {"n": overdue, "days": REVIEW_DAYS}
            )
        stages.append(stage)
    for label, name in (
        (_("Workshops"), "workshops"),
        (_("Cluster meetings"), "meetings"),
        (_("Seminars and trainings"), "events"),
    ):
        first, last = _day(found[f"{name}_first"]), _day(found[f"{name}_last"])
        if first:
            stages.append(Stage(label, first, last))
    first, last = _day(found["actions_first"]), _day(found["actions_last"])
    if first or last:
        stage = Stage(_("Action plans"), first or last, last or first)
        overdue = found["actions_overdue"] or 0
        if overdue:
            stage.late.append(
                ngettext(
                    "%(n)s action is past its due date",
                    "%(n)s actions are past their due date",
                    overdue,
                )
                % {"n": overdue}
            )
        stages.append(stage)
    return stages


STATE_LABELS = {
    "done": _("done"),
    "running": _("under way"),
    "planned": _("planned"),
    "late": _("late"),
}


def timeline(programme, now=None, found: dict | None = None) -> list[Stage]:
    """The programme's stages in date order, each done, under way, planned or late (``found``:
    the dates of ``_activity_queries`` when already read)."""
    now = now or timezone.now()
    today = _day(now)
    stages = _call_stages(programme, now) + _activity_stages(programme, now, today, found)
    for stage in stages:
        if stage.late:
            stage.state = "late"
        elif stage.end < today:
            stage.state = "done"
        elif stage.start > today:
            stage.state = "planned"
        else:
            stage.state = "running"
        stage.state_label = str(STATE_LABELS[stage.state])
    return sorted(stages, key=lambda s: (s.start, s.end))


def _funnel_queries(programme) -> dict:
    """Every step of the funnels: each a count, to read at once."""
    applications = Application.objects.filter(
        call__programme=programme, call__kind=Call.Kind.FIRM_SELECTION
    )
    synergies = Synergy.objects.filter(programme=programme)
    opportunities = Opportunity.objects.filter(inventory__programme=programme)
    measure_actions = Action.objects.filter(
        plan__programme=programme, origin=Action.Origin.ASSESSMENT
    )
    selected = (Application.Status.SELECTED, Application.Status.CONFIRMED)
    steps = {
        "applications": applications.exclude(status=Application.Status.DRAFT),
        "selected": applications.filter(status__in=selected),
        "listings": Listing.objects.filter(programme=programme).exclude(
            status=Listing.Status.DRAFT
        ),
        "matches": MatchResult.objects.filter(run__programme=programme),
        "synergies": synergies,
        "realised": synergies.filter(exchanges__isnull=False).distinct(),
        "recommended": opportunities,
        "accepted": opportunities.filter(status=Opportunity.Status.ACCEPTED),
        "done": measure_actions.filter(status=Action.Status.DONE),
    }
    return {key: (queryset, None) for key, queryset in steps.items()}


def funnels(programme, n: dict | None = None) -> list[dict]:
    """Three funnels, each a list of steps ``{"label", "value"}`` from widest to narrowest
    (``n``: the counts of ``_funnel_queries`` when already read)."""
    if n is None:
        n = scalars(_funnel_queries(programme))
    return [
        {
            "key": "selection",
            "title": _("Firm selection"),
            "steps": [(_("applications"), n["applications"]), (_("selected"), n["selected"])],
        },
        {
            "key": "symbiosis",
            "title": _("Industrial symbiosis"),
            "steps": [
                (_("listings"), n["listings"]),
                (_("matches"), n["matches"]),
                (_("synergies"), n["synergies"]),
                (_("realised"), n["realised"]),
            ],
        },
        {
            "key": "measures",
            "title": _("Measures"),
            "steps": [
                (_("recommended"), n["recommended"]),
                (_("accepted"), n["accepted"]),
                (_("done"), n["done"]),
            ],
        },
    ]


def _shown_figures(programme) -> list:
    """The headline figures and every figure with a target."""
    keys = list(HEADLINE) + [key for key in targets_of(programme) if key not in HEADLINE]
    return [figure for key in keys if (figure := get_figure(key)) is not None]


def against_targets(programme) -> list[dict]:
    """The headline figures and every figure with a target: value, unit, target, share met."""
    targets = targets_of(programme)
    keys = list(HEADLINE) + [key for key in targets if key not in HEADLINE]
    prefetch(_shown_figures(programme), programme)
    result = []
    for key in keys:
        figure = get_figure(key)
        if figure is None or not figure.wired:
            continue
        value = figure.compute(programme)
        target = targets.get(key)
        result.append(
            {
                "key": key,
                "label": str(figure.label),
                "unit": figure.unit.value,
                "unit_label": str(figure.unit_label),
                "value": value,
                "display": formatted(value, figure.decimals),
                "target": target,
                "target_display": formatted(target, figure.decimals) if target else "",
                "share": (float(value) / target) if target else None,
                "url": figure_url(figure, programme),
            }
        )
    return result


def dashboard(programme, now=None) -> dict:
    now = now or timezone.now()
    # The stages' dates, the funnels' steps and the figures, all read in one statement.
    dates = {f"date:{k}": q for k, q in _activity_queries(programme, now, _day(now)).items()}
    steps = {f"step:{k}": q for k, q in _funnel_queries(programme).items()}
    found = prefetch(_shown_figures(programme), programme, {**dates, **steps})
    return {
        "timeline": timeline(programme, now, {k[5:]: v for k, v in found.items() if k in dates}),
        "funnels": funnels(programme, {k[5:]: v for k, v in found.items() if k in steps}),
        "figures": against_targets(programme),
    }


def late_count(stages: list[Stage]) -> int:
    return sum(1 for stage in stages if stage.state == "late")
