"""Figures from the assessment app: approved assessments and the firm reports issued from them."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from dekvep.assessment.models import Inventory

from ..registry import Column, Figure, Visibility, register
from .core import sector_title


def approved_inventories(programme):
    return Inventory.objects.filter(
        programme=programme, status=Inventory.Status.APPROVED
    ).select_related("organisation")


def _by_sector(records) -> list[tuple[str, int]]:
    rows = records.order_by().values("sector").annotate(n=Count("pk")).order_by("sector")
    return [(sector_title(row["sector"]), row["n"]) for row in rows]


register(
    Figure(
        "assessments_completed",
        _("Assessments completed"),
        "assessment",
        _("Firms' inventories whose assessment an analyst approved."),
        records=approved_inventories,
        date_field="approved_at",
        columns=(
            Column(_("Firm"), "organisation.name"),
            Column(_("Year"), "year"),
            Column(_("Sector"), "sector"),
            Column(_("Approved at"), "approved_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("organisation",),
        breakdown=lambda p: _by_sector(approved_inventories(p)),
        breakdown_label=_("By sector"),
    )
)


def firm_reports(programme):
    """Approved inventories whose PDF report has been generated and stored."""
    return approved_inventories(programme).exclude(report_file="")


register(
    Figure(
        "firm_reports",
        _("Firm reports issued"),
        "assessment",
        _("Approved assessments whose firm report (PDF) has been generated and stored."),
        records=firm_reports,
        date_field="approved_at",
        columns=(
            Column(_("Firm"), "organisation.name"),
            Column(_("Year"), "year"),
            Column(_("Sector"), "sector"),
            Column(_("Approved at"), "approved_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("organisation",),
        breakdown=lambda p: _by_sector(firm_reports(p)),
        breakdown_label=_("By sector"),
    )
)
