"""Figures from the symbiosis app: synergies by state, tonnes diverted and emissions avoided.

Tonnes and tCO2e follow ``dekvep.symbiosis.services.programme_impact``: the synergies that are
agreed, active or ended count with a year of their flow — the tonnes exchanged in the twelve
months up to their latest exchange or, before any exchange, the smaller of the tonnes a year
offered and wanted. They are summed in the database per material and the
symbiosis engine's factors are applied once per material (its formula is linear in tonnes and
in tonne-kilometres), so the figure stays one query however many synergies there are.
"""

import datetime

from django.db.models import (
    Count,
    DateField,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext_lazy as _

from dekvep.core.memo import once, programme_key
from dekvep.symbiosis.engine.impact import exchange_impact
from dekvep.symbiosis.models import Exchange, Synergy

from ..registry import Column, Figure, Grouped, Unit, Visibility, register

YEAR = datetime.timedelta(days=365)
LIVE = (Synergy.State.AGREED, Synergy.State.ACTIVE, Synergy.State.ENDED)
SYNERGY_SIDES = ("offer__organisation", "want__organisation")
SYNERGY_COLUMNS = (
    Column(_("Offer"), "offer.title"),
    Column(_("Want"), "want.title"),
    Column(_("State"), "state"),
    Column(_("Created at"), "created_at"),
)


def synergies(programme):
    return Synergy.objects.filter(programme=programme).select_related("offer", "want")


def active_synergies(programme):
    return synergies(programme).filter(state=Synergy.State.ACTIVE)


def _every_state(rows) -> list[tuple[str, int]]:
    counts = {row["state"]: row["n"] for row in rows}
    return [(str(label), counts.get(state, 0)) for state, label in Synergy.State.choices]


synergies_by_state = Grouped(
    lambda p: (
        Synergy.objects.filter(programme=p).order_by().values("state").annotate(n=Count("pk"))
    ),
    _every_state,
)


register(
    Figure(
        "synergies_active",
        _("Active synergies"),
        "symbiosis",
        _("Synergies in the active state (exchanges under way); the breakdown gives every state."),
        records=active_synergies,
        date_field="created_at",
        columns=SYNERGY_COLUMNS,
        visibility=Visibility.FIRM,
        organisation_fields=SYNERGY_SIDES,
        breakdown=synergies_by_state,
        breakdown_label=_("Synergies by state"),
    )
)


def live_synergies(programme):
    """Agreed, active and ended synergies, each with the tonnes a year ``t`` it counts for.

    As ``dekvep.symbiosis.services.tonnes_a_year``: the tonnes exchanged in the twelve months up
    to the synergy's latest exchange, or before any exchange the smaller of the tonnes a year
    offered and wanted.
    """
    exchanges = Exchange.objects.filter(synergy=OuterRef("pk")).order_by()
    latest = exchanges.values("synergy").annotate(d=Max("date")).values("d")
    year_start = ExpressionWrapper(OuterRef("latest") - YEAR, output_field=DateField())
    last_year = (
        Exchange.objects.filter(synergy=OuterRef("pk"), date__gt=year_start)
        .order_by()
        .values("synergy")
        .annotate(total=Sum("tonnes"))
        .values("total")
    )
    in_view = Least("offer__tonnes_per_year", "want__tonnes_per_year")
    return (
        synergies(programme)
        .filter(state__in=LIVE)
        .annotate(latest=Subquery(latest, output_field=DateField()))
        .annotate(t=Coalesce(Subquery(last_year, output_field=FloatField()), in_view))
    )


def _per_material(programme) -> list[dict]:
    """Read once per request: the tonnes and the emissions figures both sum these rows."""
    return once(("per_material", programme_key(programme)), lambda: _read_per_material(programme))


def _read_per_material(programme) -> list[dict]:
    distance = Coalesce("distance_km", Value(0.0), output_field=FloatField())
    return list(
        live_synergies(programme)
        .order_by()
        .values("offer__material", "receiving_process", "baseline_route")
        .annotate(tonnes=Sum("t"), tonne_km=Sum(F("t") * distance, output_field=FloatField()))
    )


def tonnes_diverted(programme) -> float:
    return sum(row["tonnes"] or 0.0 for row in _per_material(programme))


def tco2e_avoided(programme) -> float:
    total = 0.0
    for row in _per_material(programme):
        tonnes = row["tonnes"] or 0.0
        if tonnes <= 0:
            continue
        mean_distance = (row["tonne_km"] or 0.0) / tonnes
        impact = exchange_impact(
            tonnes,
            row["offer__material"] or None,
            mean_distance,
            process=row["receiving_process"] or None,
            baseline_route=row["baseline_route"],
        )
        total += impact.co2e_avoided_t
    return total


IMPACT_COLUMNS = (*SYNERGY_COLUMNS[:3], Column(_("Tonnes"), "t"))

register(
    Figure(
        "tonnes_diverted_per_year",
        _("Waste diverted"),
        "symbiosis",
        _(
            "Tonnes a year of agreed, active and ended synergies: the tonnes exchanged in the "
            "twelve months up to each synergy's latest exchange, or before any exchange the "
            "smaller of the tonnes a year offered and wanted."
        ),
        unit=Unit.TONNES_PER_YEAR,
        records=live_synergies,
        value=tonnes_diverted,
        date_field="created_at",
        sum_field="t",
        columns=IMPACT_COLUMNS,
        visibility=Visibility.FIRM,
        organisation_fields=SYNERGY_SIDES,
        decimals=1,
    )
)

register(
    Figure(
        "tco2e_avoided_per_year",
        _("Emissions avoided"),
        "symbiosis",
        _(
            "tCO2e avoided by the same synergies: baseline route emissions less the new route's, "
            "plus the production the receiver no longer buys, less transport."
        ),
        unit=Unit.TCO2E_PER_YEAR,
        records=live_synergies,
        value=tco2e_avoided,
        columns=IMPACT_COLUMNS,
        visibility=Visibility.FIRM,
        organisation_fields=SYNERGY_SIDES,
        decimals=1,
    )
)

from . import symbiosis_realised  # noqa: E402,F401  (the realised, verified and agreed figures)
