"""The programme's impact figures: the registry in the order the funder reads them.

``summary(programme)`` answers every figure with aggregate queries only (count/sum with
filters), so that it stays fast for programmes with hundreds of thousands of records.
"""

from __future__ import annotations

from importlib import import_module

from dekvep.core.memo import reading
from dekvep.plans.monitoring_figures import one_reading

from .registry import Figure, Number, prefetch, registered

SAVING_SUFFIXES = (
    "electricity_mwh",
    "thermal_mwh",
    "water_m3",
    "materials_t",
    "waste_t",
    "tco2e",
    "try",
)
SAVINGS_KEYS = tuple(
    f"savings_{kind}_{suffix}" for kind in ("promised", "realised") for suffix in SAVING_SUFFIXES
)

SYMBIOSIS_KEYS = (
    "synergies_identified",
    "synergies_agreed",
    "tonnes_agreed_per_year",
    "tonnes_realised_per_year",
    "tco2e_realised_per_year",
    "tonnes_verified_per_year",
    "tco2e_verified_per_year",
    "symbiosis_savings_eur_realised_per_year",
    "symbiosis_savings_try_realised_per_year",
)

# The keys of ``dekvep impact`` and ``/api/impact/summary``, in reporting order.
KEYS = (
    "firms_applied",
    "firms_selected",
    "sectors",
    "assessments_completed",
    "firm_reports",
    "sector_reports",
    "workshops",
    "roadmaps",
    "action_plans",
    "actions_done",
    "cluster_meetings",
    "collaboration_opportunities",
    "synergies_active",
    "tonnes_diverted_per_year",
    "tco2e_avoided_per_year",
    # Symbiosis: pipeline, realised (recorded exchanges) and verified figures.
    *SYMBIOSIS_KEYS,
    "innovation_applications",
    "innovation_presentations",
    "innovation_matches",
    "seminars",
    "seminar_participants",
    "seminar_firms",
    "ambassadors_trained",
    "certificate_programmes",
    "certificates_issued",
    "outreach_people",
    # Monitoring: promised against realised yearly savings of the firms' actions.
    *SAVINGS_KEYS,
    "actions_verified",
)

SOURCES = ("core", "calls", "assessment", "symbiosis", "roadmaps", "events", "monitoring")


def _load() -> None:
    # Each source module registers the figures computed from its app's records.
    for source in SOURCES:
        import_module(f"dekvep.impact.sources.{source}")


_load()


def all_figures() -> list[Figure]:
    figures = registered()
    return [figures[key] for key in KEYS]


def get_figure(key: str) -> Figure | None:
    return registered().get(key) if key in KEYS else None


def summary(programme) -> dict[str, Number]:
    """Every figure of a programme, keyed as in ``KEYS``."""
    figures = all_figures()
    with reading(), one_reading():
        prefetch(figures, programme)
        return {figure.key: figure.compute(programme) for figure in figures}


def unwired() -> list[str]:
    return [figure.key for figure in all_figures() if not figure.wired]
