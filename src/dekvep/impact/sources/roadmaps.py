"""Figures from the roadmaps app: workshops, plans, cluster meetings, collaboration register."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.plans.selectors import opportunity_counts
from dekvep.roadmaps.models import ClusterMeeting, Roadmap, RoadmapVersion, Workshop

from ..registry import Column, Figure, Grouped, Visibility, register
from .core import sector_title


def _counted_by(records, field: str, labels=None) -> Grouped:
    """The records (``records(programme)``) counted per value of ``field``."""
    name = (lambda key: str(labels.get(key, key))) if labels else sector_title
    return Grouped(
        lambda p: records(p).order_by().values(field).annotate(n=Count("pk")).order_by(field),
        lambda rows: [(name(row[field]), row["n"]) for row in rows],
    )


def workshops(programme):
    return Workshop.objects.filter(programme=programme, starts_at__lte=timezone.now())


register(
    Figure(
        "workshops",
        _("Workshops held"),
        "roadmaps",
        _("Workshops of the programme (all kinds) whose date has passed."),
        records=workshops,
        date_field="starts_at",
        columns=(
            Column(_("Title"), "title"),
            Column(_("Sector"), "sector_title"),
            Column(_("Kind"), "kind"),
            Column(_("Date"), "starts_at"),
        ),
        visibility=Visibility.PUBLIC,
        breakdown=_counted_by(workshops, "kind", dict(Workshop.Kind.choices)),
        breakdown_label=_("By kind"),
    )
)


def roadmaps(programme):
    published = RoadmapVersion.objects.filter(status=RoadmapVersion.Status.PUBLISHED)
    return Roadmap.objects.filter(programme=programme, pk__in=published.values("roadmap_id"))


register(
    Figure(
        "roadmaps",
        _("Roadmaps"),
        "roadmaps",
        _("Sector roadmaps with a published version."),
        records=roadmaps,
        date_field="created_at",
        columns=(Column(_("Title"), "title"), Column(_("Sector"), "sector_title")),
        visibility=Visibility.PUBLIC,
    )
)


def action_plans(programme):
    return ActionPlan.objects.filter(programme=programme).select_related("organisation")


register(
    Figure(
        "action_plans",
        _("Action plans"),
        "roadmaps",
        _("Action plans of the programme: sector, firm-level and cluster follow-up plans."),
        records=action_plans,
        columns=(
            Column(_("Title"), "title"),
            Column(_("Kind"), "kind"),
            Column(_("Sector"), "sector"),
            Column(_("Firm"), "organisation.name"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("organisation",),
        breakdown=_counted_by(action_plans, "kind", dict(ActionPlan.Kind.choices)),
        breakdown_label=_("By kind"),
    )
)


def actions_done(programme):
    return Action.objects.filter(
        plan__programme=programme, status=Action.Status.DONE
    ).select_related("plan", "owner_organisation")


register(
    Figure(
        "actions_done",
        _("Actions done"),
        "roadmaps",
        _("Actions of the programme's action plans whose status is done."),
        records=actions_done,
        date_field="updated_at",
        columns=(
            Column(_("Action"), "title"),
            Column(_("Action plan"), "plan.title"),
            Column(_("Owner"), "owner_organisation.name"),
            Column(_("Updated at"), "updated_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("owner_organisation",),
    )
)


def cluster_meetings(programme):
    return ClusterMeeting.objects.filter(programme=programme, starts_at__lte=timezone.now())


register(
    Figure(
        "cluster_meetings",
        _("Cluster meetings"),
        "roadmaps",
        _("Cluster meetings of the programme whose date has passed."),
        records=cluster_meetings,
        date_field="starts_at",
        columns=(
            Column(_("Title"), "title"),
            Column(_("Sector"), "sector_title"),
            Column(_("Date"), "starts_at"),
        ),
        visibility=Visibility.PUBLIC,
        breakdown=_counted_by(cluster_meetings, "sector"),
        breakdown_label=_("By sector"),
    )
)


def opportunities(programme):
    return CollaborationOpportunity.objects.filter(programme=programme)


def opportunities_by_type(programme) -> list[tuple[str, int]]:
    """Every type of the register with its count, as the roadmaps app counts them."""
    labels = dict(CollaborationOpportunity.Type.choices)
    by_type = opportunity_counts(programme)["by_type"]
    return [(str(labels[key]), n) for key, n in by_type.items()]


register(
    Figure(
        "collaboration_opportunities",
        _("Collaboration opportunities"),
        "roadmaps",
        _("Entries of the programme's collaboration register, of every type and status."),
        records=opportunities,
        value=lambda p: opportunity_counts(p)["total"],
        date_field="created_at",
        columns=(
            Column(_("Title"), "title"),
            Column(_("Type"), "type"),
            Column(_("Status"), "status"),
            Column(_("Came from"), "source_label"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("parties",),
        breakdown=opportunities_by_type,
        breakdown_label=_("By type"),
    )
)
