"""Figures from the monitoring of action plans: promised against realised yearly savings.

Promised: every action that came from an assessment measure (not dropped), the measures on
one firm's stream combined rather than added. Realised: the measured saving of implemented
actions whose latest result, computed from approved inventories only, is *confirmed* or
*partly*. Money and emissions follow the measured share of the promise.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from dekvep.plans import monitoring_figures as figures
from dekvep.plans.models import Action, ActionResult

from ..registry import Column, Figure, Unit, Visibility, register
from .core import sector_title

STREAM_OF = {
    "electricity_mwh": ("electricity", Unit.MWH_PER_YEAR, _("electricity")),
    "thermal_mwh": ("thermal", Unit.MWH_PER_YEAR, _("thermal energy")),
    "water_m3": ("water", Unit.M3_PER_YEAR, _("water")),
    "materials_t": ("material", Unit.TONNES_PER_YEAR, _("materials")),
    "waste_t": ("waste", Unit.TONNES_PER_YEAR, _("waste")),
    "tco2e": ("tco2e", Unit.TCO2E_PER_YEAR, _("emissions")),
    "try": ("try", Unit.TRY_PER_YEAR, _("money")),
}
ACTION_COLUMNS = (
    Column(_("Action"), "title"),
    Column(_("Firm"), "owner_organisation.name"),
    Column(_("Stream"), "stream"),
    Column(_("Status"), "status"),
)
RESULT_COLUMNS = (
    Column(_("Action"), "action.title"),
    Column(_("Firm"), "action.owner_organisation.name"),
    Column(_("Year"), "year"),
    Column(_("Promised"), "promised"),
    Column(_("Measured"), "measured"),
    Column(_("Unit"), "unit"),
    Column(_("Status"), "status"),
)


def _label(template, noun):
    """``template % noun`` evaluated when shown, so the label follows the reader's language."""
    return lazy(lambda: str(template) % {"what": noun}, str)()


def promising(programme):
    return figures.promising_actions(programme)


def realised_records(programme):
    return ActionResult.objects.filter(
        action__plan__programme=programme, status__in=figures.COUNTED
    ).select_related("action", "action__owner_organisation")


def _by_sector(kind: str, stream: str):
    def breakdown(programme):
        return [
            (sector_title(row["sector"]), round(row[kind][stream], 1))
            for row in figures.savings_by_sector(programme)
            if row["shown"]
        ]

    return breakdown


def _value(kind: str, stream: str):
    compute = figures.promised if kind == "promised" else figures.realised
    return lambda programme: compute(programme)[stream]


for suffix, (stream, unit, noun) in STREAM_OF.items():
    register(
        Figure(
            f"savings_promised_{suffix}",
            _label(_("Savings promised: %(what)s"), noun),
            "plans",
            _(
                "Yearly savings the firms' accepted measures promise, measures on one firm's "
                "stream combined (not added); plans, not results."
            ),
            unit=unit,
            records=promising,
            value=_value("promised", stream),
            columns=ACTION_COLUMNS,
            visibility=Visibility.FIRM,
            organisation_fields=("owner_organisation",),
            breakdown=_by_sector("promised", stream),
            breakdown_label=_("By sector"),
            decimals=1,
        )
    )
    register(
        Figure(
            f"savings_realised_{suffix}",
            _label(_("Savings realised: %(what)s"), noun),
            "plans",
            _(
                "Yearly savings measured on implemented actions from approved inventories, "
                "normalised by production, where the result is confirmed or partly confirmed."
            ),
            unit=unit,
            records=realised_records,
            value=_value("realised", stream),
            columns=RESULT_COLUMNS,
            visibility=Visibility.FIRM,
            organisation_fields=("action__owner_organisation",),
            breakdown=_by_sector("realised", stream),
            breakdown_label=_("By sector"),
            decimals=1,
        )
    )


def verified(programme):
    return Action.objects.filter(plan__programme=programme, verified_at__isnull=False)


register(
    Figure(
        "actions_verified",
        _("Actions verified"),
        "plans",
        _("Actions whose evidence an analyst verified, naming the IPMVP option used."),
        records=verified,
        date_field="verified_at",
        columns=ACTION_COLUMNS,
        visibility=Visibility.FIRM,
        organisation_fields=("owner_organisation",),
    )
)
