"""Figures from the core app: the programme's participant firms and their sectors."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from dekvep.catalog.sectors import sector_title
from dekvep.core.models import Participation

from ..registry import Column, Figure, Grouped, Visibility, register


def participations(programme):
    return Participation.objects.filter(programme=programme).select_related("organisation")


participants_by_sector = Grouped(
    lambda programme: (
        Participation.objects.filter(programme=programme)
        .values("sector")
        .annotate(n=Count("id"))
        .order_by("sector")
    ),
    lambda rows: [(sector_title(row["sector"]), row["n"]) for row in rows],
)


def sector_count(programme) -> int:
    return (
        Participation.objects.filter(programme=programme)
        .exclude(sector="")
        .values("sector")
        .distinct()
        .count()
    )


FIRM_COLUMNS = (
    Column(_("Firm"), "organisation.name"),
    Column(_("Sector"), "sector"),
    Column(_("Joined on"), "joined_on"),
)

register(
    Figure(
        "sectors",
        _("Sectors"),
        "core",
        _("Distinct sectors of the programme's participant firms."),
        records=lambda p: participations(p).exclude(sector=""),
        scalar=lambda p: (participations(p).exclude(sector=""), Count("sector", distinct=True)),
        date_field="joined_on",
        columns=FIRM_COLUMNS,
        visibility=Visibility.PARTICIPANTS,
        breakdown=participants_by_sector,
        breakdown_label=_("Participant firms by sector"),
    )
)
