"""Symbiosis figures a funder can trust: identified, agreed, realised and verified apart.

Realised tonnes and tCO2e come only from recorded exchanges (date, quantity, evidence) dated in
the twelve months up to the programme's latest exchange (never after today): a one-off lot
counts once, an ended synergy's exchanges after its end date never count. Verified figures count
the exchanges a facilitator verified. Agreed tonnes are the pipeline: the yearly flow of agreed
and active synergies as offered and wanted.
"""

from django.db.models import Sum
from django.db.models.functions import Least
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dekvep.symbiosis.exchanges import realised_exchanges, realised_impact
from dekvep.symbiosis.models import Synergy

from ..registry import Column, Figure, Unit, Visibility, register

EXCHANGE_SIDES = ("synergy__offer__organisation", "synergy__want__organisation")
EXCHANGE_COLUMNS = (
    Column(_("Synergy"), "synergy"),
    Column(_("Date"), "date"),
    Column(_("Tonnes"), "tonnes"),
    Column(_("Waste transport document number"), "transport_document"),
    Column(_("Verified"), "verified_at"),
)
SYNERGY_COLUMNS = (
    Column(_("Offer"), "offer.title"),
    Column(_("Want"), "want.title"),
    Column(_("State"), "state"),
    Column(_("Created at"), "created_at"),
)
SYNERGY_SIDES = ("offer__organisation", "want__organisation")
PIPELINE = (Synergy.State.AGREED, Synergy.State.ACTIVE)


def _synergies(programme, states):
    return Synergy.objects.filter(programme=programme, state__in=states).select_related(
        "offer", "want"
    )


def identified(programme):
    return _synergies(programme, [s for s in Synergy.State.values if s != "dropped"])


def agreed(programme):
    return _synergies(programme, (*PIPELINE, Synergy.State.ENDED))


def pipeline(programme):
    return _synergies(programme, PIPELINE).annotate(
        t=Least("offer__tonnes_per_year", "want__tonnes_per_year")
    )


def tonnes_agreed(programme) -> float:
    return pipeline(programme).aggregate(total=Sum("t"))["total"] or 0.0


def realised(programme):
    return realised_exchanges(programme).select_related("synergy__offer", "synergy__want")


def verified(programme):
    return realised_exchanges(programme, verified=True).select_related(
        "synergy__offer", "synergy__want"
    )


def _tonnes(records) -> float:
    return records.aggregate(t=Sum("tonnes"))["t"] or 0.0


def _synergy_figure(key, label, definition, records):
    register(
        Figure(
            key,
            label,
            "symbiosis",
            definition,
            records=records,
            date_field="created_at",
            columns=SYNERGY_COLUMNS,
            visibility=Visibility.FIRM,
            organisation_fields=SYNERGY_SIDES,
        )
    )


def savings_note(programme) -> str:
    """Say how many realised exchanges the savings leave out because they are not reported."""
    n = realised_impact(programme).savings_not_reported
    if not n:
        return ""
    return ngettext(
        "%(n)s realised exchange has no reported savings (no sourced value for its material, "
        "such as shared capacity); the sum leaves it out.",
        "%(n)s realised exchanges have no reported savings (no sourced value for their "
        "material, such as shared capacity); the sum leaves them out.",
        n,
    ) % {"n": n}


def _exchange_figure(key, label, definition, unit, value, records, note=None):
    register(
        Figure(
            key,
            label,
            "symbiosis",
            definition,
            unit=unit,
            records=records,
            value=value,
            date_field="date",
            sum_field="tonnes" if unit == Unit.TONNES_PER_YEAR else None,
            columns=EXCHANGE_COLUMNS,
            visibility=Visibility.FIRM,
            organisation_fields=EXCHANGE_SIDES,
            decimals=1 if unit != Unit.COUNT else 0,
            note=note,
        )
    )


_synergy_figure(
    "synergies_identified",
    _("Synergies identified"),
    _("Synergies of every state but dropped: matches firms or facilitators took up."),
    identified,
)
_synergy_figure(
    "synergies_agreed",
    _("Synergies agreed"),
    _("Synergies both firms agreed to: agreed, active and ended."),
    agreed,
)
register(
    Figure(
        "tonnes_agreed_per_year",
        _("Waste agreed to be diverted (pipeline)"),
        "symbiosis",
        _(
            "Tonnes a year of agreed and active synergies, the smaller of the tonnes offered and "
            "wanted; a one-off lot counts once. A pipeline figure, not a realised one."
        ),
        unit=Unit.TONNES_PER_YEAR,
        records=pipeline,
        value=tonnes_agreed,
        date_field="created_at",
        sum_field="t",
        columns=(*SYNERGY_COLUMNS[:3], Column(_("Tonnes"), "t")),
        visibility=Visibility.FIRM,
        organisation_fields=SYNERGY_SIDES,
        decimals=1,
    )
)
_exchange_figure(
    "tonnes_realised_per_year",
    _("Waste diverted, realised"),
    _(
        "Tonnes of the exchanges recorded (date, quantity, evidence) in the twelve months up to "
        "the latest one; a one-off lot counts once, exchanges after an ended synergy's end date "
        "do not count."
    ),
    Unit.TONNES_PER_YEAR,
    lambda p: _tonnes(realised_exchanges(p)),
    realised,
)
_exchange_figure(
    "tco2e_realised_per_year",
    _("Emissions avoided, realised"),
    _(
        "tCO2e avoided by the same exchanges: baseline route less the new route, plus the "
        "production the receiver no longer buys, less transport."
    ),
    Unit.TCO2E_PER_YEAR,
    lambda p: realised_impact(p).co2e_avoided_t,
    realised,
)
_exchange_figure(
    "tonnes_verified_per_year",
    _("Waste diverted, verified"),
    _("Tonnes of the realised exchanges a facilitator verified."),
    Unit.TONNES_PER_YEAR,
    lambda p: _tonnes(realised_exchanges(p, verified=True)),
    verified,
)
_exchange_figure(
    "tco2e_verified_per_year",
    _("Emissions avoided, verified"),
    _("tCO2e avoided by the verified exchanges."),
    Unit.TCO2E_PER_YEAR,
    lambda p: realised_impact(p, verified=True).co2e_avoided_t,
    verified,
)
_exchange_figure(
    "symbiosis_savings_eur_realised_per_year",
    _("Symbiosis savings, realised (EUR)"),
    _(
        "Disposal cost avoided plus material value less transport cost of the realised "
        "exchanges, in euros; exchanges whose savings are not reported are left out and counted."
    ),
    Unit.EUR_PER_YEAR,
    lambda p: realised_impact(p).cost_saving_eur,
    realised,
    savings_note,
)
_exchange_figure(
    "symbiosis_savings_try_realised_per_year",
    _("Symbiosis savings, realised (TRY)"),
    _("The same savings in Turkish lira at the rate of the factor file."),
    Unit.TRY_PER_YEAR,
    lambda p: realised_impact(p).cost_saving_try,
    realised,
    savings_note,
)
