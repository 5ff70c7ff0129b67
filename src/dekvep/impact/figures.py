"""The programme's impact figures: the registry in the order the funder reads them.

``summary(programme)`` answers every figure with aggregate queries only (count/sum with
filters), so that it stays fast for programmes with hundreds of thousands of records.
"""

from __future__ import annotations

from importlib import import_module

from django.utils.translation import gettext_lazy as _

from .registry import Figure, Number, Unit, pending, registered

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

# Every figure starts pending; a source module replaces it once its records exist.
PENDING = [
    ("firms_applied", _("Firms applied"), "calls", Unit.COUNT),
    ("firms_selected", _("Firms selected"), "calls", Unit.COUNT),
    ("sectors", _("Sectors"), "core", Unit.COUNT),
    ("assessments_completed", _("Assessments completed"), "assessment", Unit.COUNT),
    ("firm_reports", _("Firm reports issued"), "assessment", Unit.COUNT),
    ("sector_reports", _("Sector reports issued"), "assessment", Unit.COUNT),
    ("workshops", _("Workshops held"), "roadmaps", Unit.COUNT),
    ("roadmaps", _("Roadmaps"), "roadmaps", Unit.COUNT),
    ("action_plans", _("Action plans"), "roadmaps", Unit.COUNT),
    ("actions_done", _("Actions done"), "roadmaps", Unit.COUNT),
    ("cluster_meetings", _("Cluster meetings"), "roadmaps", Unit.COUNT),
    ("collaboration_opportunities", _("Collaboration opportunities"), "roadmaps", Unit.COUNT),
    ("synergies_active", _("Active synergies"), "symbiosis", Unit.COUNT),
    ("tonnes_diverted_per_year", _("Waste diverted"), "symbiosis", Unit.TONNES_PER_YEAR),
    ("tco2e_avoided_per_year", _("Emissions avoided"), "symbiosis", Unit.TCO2E_PER_YEAR),
    ("innovation_applications", _("Open-innovation applications"), "calls", Unit.COUNT),
    ("innovation_presentations", _("Pitch presentations"), "calls", Unit.COUNT),
    ("innovation_matches", _("Open-innovation matches"), "calls", Unit.COUNT),
    ("seminars", _("Seminars"), "events", Unit.COUNT),
    ("seminar_participants", _("Seminar participants"), "events", Unit.COUNT),
    ("seminar_firms", _("Firms at seminars"), "events", Unit.COUNT),
    ("ambassadors_trained", _("Ambassadors trained"), "events", Unit.COUNT),
    ("certificate_programmes", _("Certificate programmes"), "events", Unit.COUNT),
    ("certificates_issued", _("Certificates issued"), "events", Unit.COUNT),
    ("outreach_people", _("Students and teachers reached"), "events", Unit.COUNT),
]


SOURCES = ("core", "calls", "assessment", "symbiosis", "roadmaps", "events", "monitoring")


def _load() -> None:
    for key, label, source, unit in PENDING:
        pending(key, label, source, unit=unit)
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
    return {figure.key: figure.compute(programme) for figure in all_figures()}


def unwired() -> list[str]:
    return [figure.key for figure in all_figures() if not figure.wired]
