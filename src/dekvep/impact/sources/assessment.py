"""Figures from the assessment app: approved assessments and the firm and sector reports issued."""

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from dekvep.assessment.models import Inventory, Report

from ..registry import Column, Figure, Grouped, Visibility, register
from .core import sector_title


def approved_inventories(programme):
    return Inventory.objects.filter(programme=programme, status=Inventory.Status.APPROVED)


def assessed_firms(programme):
    """Each firm's first approved inventory: the assessment. Later approved years of the same
    firm are its monitoring (see the savings figures), not further assessments."""
    approved = approved_inventories(programme)
    first = approved.filter(organisation=OuterRef("organisation")).order_by("year", "pk")
    return approved.filter(pk=Subquery(first.values("pk")[:1])).select_related("organisation")


def _by_sector(records) -> Grouped:
    """The records (``records(programme)``) counted per sector."""
    return Grouped(
        lambda p: records(p).order_by().values("sector").annotate(n=Count("pk")).order_by("sector"),
        lambda rows: [(sector_title(row["sector"]), row["n"]) for row in rows],
    )


register(
    Figure(
        "assessments_completed",
        _("Assessments completed"),
        "assessment",
        _(
            "Firms whose assessment an analyst approved, one per firm (its first approved year);"
            " later years are monitoring."
        ),
        records=assessed_firms,
        date_field="approved_at",
        columns=(
            Column(_("Firm"), "organisation.name"),
            Column(_("Year"), "year"),
            Column(_("Sector"), "sector"),
            Column(_("Approved at"), "approved_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("organisation",),
        breakdown=_by_sector(assessed_firms),
        breakdown_label=_("By sector"),
    )
)


def _latest_per(programme, kind: str, *group: str):
    """One issued report per group (the newest issue, whatever its language): what the figure
    counts and the drill-down lists, so that both always agree."""
    issued = Report.objects.filter(programme=programme, kind=kind, status=Report.Status.ISSUED)
    newest = issued.order_by().values(*group).annotate(last=Max("pk")).values("last")
    return Report.objects.filter(pk__in=newest).select_related("organisation")


def firm_reports(programme):
    """Issued (not superseded) firm reports, one per firm and year."""
    return _latest_per(programme, Report.Kind.FIRM, "organisation_id", "year")


register(
    Figure(
        "firm_reports",
        _("Firm reports issued"),
        "assessment",
        _(
            "Firm reports issued and not superseded, counted once per firm and year whatever "
            "the number of languages it was issued in."
        ),
        records=firm_reports,
        date_field="issued_at",
        columns=(
            Column(_("Firm"), "organisation.name"),
            Column(_("Year"), "year"),
            Column(_("Sector"), "sector_label"),
            Column(_("Language"), "language"),
            Column(_("Issued at"), "issued_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("organisation",),
        breakdown=_by_sector(firm_reports),
        breakdown_label=_("By sector"),
    )
)


def sector_reports(programme):
    """Issued (not superseded) sector reports, one per sector and year."""
    return _latest_per(programme, Report.Kind.SECTOR, "sector", "year")


register(
    Figure(
        "sector_reports",
        _("Sector reports issued"),
        "assessment",
        _(
            "Sector evaluation reports issued and not superseded, counted once per sector and "
            "year; a sector report is issued only when at least three firms of the sector have "
            "an approved assessment."
        ),
        records=sector_reports,
        date_field="issued_at",
        columns=(
            Column(_("Sector"), "sector_label"),
            Column(_("Year"), "year"),
            Column(_("Firms"), "firms"),
            Column(_("Language"), "language"),
            Column(_("Issued at"), "issued_at"),
        ),
        # Sector reports are anonymous aggregates: the funder may list them.
        visibility=Visibility.PUBLIC,
        breakdown=_by_sector(sector_reports),
        breakdown_label=_("By sector"),
    )
)
