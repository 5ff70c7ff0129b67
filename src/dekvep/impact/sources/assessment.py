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
    """Approved inventories with a valid assessment result: the firm's report can be read."""
    return approved_inventories(programme).filter(result__isnull=False)


register(
    Figure(
        "firm_reports",
        _("Firm reports issued"),
        "assessment",
        _("Approved assessments with a valid result, from which the firm's report is issued."),
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


# The design shows sector figures only when they aggregate at least three firms.
SECTOR_REPORT_MIN_FIRMS = 3


def _firms_per_sector(programme):
    return (
        firm_reports(programme)
        .order_by()
        .values("sector")
        .annotate(firms=Count("organisation_id", distinct=True))
        .filter(firms__gte=SECTOR_REPORT_MIN_FIRMS)
    )


def sector_report_inventories(programme):
    sectors = _firms_per_sector(programme).values("sector")
    return firm_reports(programme).filter(sector__in=sectors)


register(
    Figure(
        "sector_reports",
        _("Sector reports issued"),
        "assessment",
        _(
            "Sectors whose evaluation report shows figures: at least three firms of the sector "
            "have an approved assessment with a valid result."
        ),
        records=sector_report_inventories,
        value=lambda p: _firms_per_sector(p).count(),
        date_field="approved_at",
        columns=(
            Column(_("Sector"), "sector"),
            Column(_("Firm"), "organisation.name"),
            Column(_("Year"), "year"),
            Column(_("Approved at"), "approved_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("organisation",),
        breakdown=lambda p: [
            (sector_title(row["sector"]), row["firms"]) for row in _firms_per_sector(p)
        ],
        breakdown_label=_("Firms per sector report"),
    )
)
