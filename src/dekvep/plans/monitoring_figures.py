"""Read-only monitoring figures: a firm's years and results, goal progress, programme savings.

Promised savings of several measures on one firm's stream are combined, not added (see
``engine.monitoring.combined``). Realised savings come only from results computed from approved
inventory versions, and count when the status is *confirmed* or *partly*. Sector medians follow
statistical disclosure control: none for fewer than five firms.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from .engine import monitoring as engine
from .models import Action, ActionResult, Baseline, GoalTarget, InventoryVersion
from .monitoring import approved_years
from .selectors import assigned_org_ids

MIN_FIRMS = 5  # no median (a percentile) for fewer firms
COUNTED = (ActionResult.Status.CONFIRMED, ActionResult.Status.PARTLY)
INTENSITY_STREAM = {
    "energy_kwh_per_t": ("electricity", "thermal"),
    "water_m3_per_t": ("water",),
    "waste_kg_per_t": ("waste",),
}
# From stream units (MWh, m³, t) per tonne to the indicator's unit.
INTENSITY_SCALE = {"energy_kwh_per_t": 1000.0, "water_m3_per_t": 1.0, "waste_kg_per_t": 1000.0}


def intensity(totals: dict, indicator: str) -> float | None:
    """An indicator (per tonne of output) from one year's stream totals."""
    production = totals.get("production_t")
    parts = [totals.get(stream) for stream in INTENSITY_STREAM[indicator]]
    if not production or all(part is None for part in parts):
        return None
    return sum(part or 0.0 for part in parts) / production * INTENSITY_SCALE[indicator]


# One firm ---------------------------------------------------------------------------------------


def firm_monitoring(programme, organisation) -> dict:
    """Baseline, approved years with intensities, and each implemented action's results."""
    baseline = Baseline.objects.filter(programme=programme, organisation=organisation).first()
    years = approved_years(programme, organisation)
    rows = []
    for year, totals in sorted(years.items()):
        rows.append(
            {
                "year": year,
                "totals": totals,
                "intensities": {key: intensity(totals, key) for key in INTENSITY_STREAM},
                "versions": InventoryVersion.objects.filter(
                    programme=programme, organisation=organisation, year=year
                ).count(),
            }
        )
    actions = Action.objects.filter(
        plan__programme=programme, owner_organisation=organisation
    ).exclude(stream="")
    results = defaultdict(list)
    for result in ActionResult.objects.filter(action__in=actions).order_by("year"):
        results[result.action_id].append(result)
    return {
        "baseline_year": baseline.year if baseline else None,
        "years": rows,
        "actions": [{"action": a, "results": results.get(a.pk, [])} for a in actions],
    }


def unmeasured_actions(user):
    """Implemented actions promising a saving that no approved year has measured yet, of the
    firms whose confidential data the user may see (their analyst, the programme manager)."""
    measured = ActionResult.objects.exclude(status=ActionResult.Status.CANNOT_TELL)
    return (
        Action.objects.filter(
            owner_organisation_id__in=assigned_org_ids(user),
            status=Action.Status.DONE,
            stream__gt="",
        )
        .exclude(pk__in=measured.values("action_id"))
        .select_related("owner_organisation", "plan")
        .order_by("owner_organisation__name", "pk")
    )


def inventory_due(programme, today=None, organisation_ids=None) -> list[tuple]:
    """Firms with a baseline whose next year's inventory is due: (baseline, year due)."""
    year_due = (today or timezone.localdate()).year - 1
    due = []
    baselines = Baseline.objects.filter(programme=programme).select_related("organisation")
    if organisation_ids is not None:
        baselines = baselines.filter(organisation_id__in=organisation_ids)
    for baseline in baselines:
        has = (
            InventoryVersion.objects.filter(
                programme=programme, organisation=baseline.organisation_id, year__gte=year_due
            ).exists()
            or baseline.organisation.inventories.filter(programme=programme, year=year_due).exists()
        )
        if not has and baseline.year < year_due:
            due.append((baseline, year_due))
    return due


# Programme savings -------------------------------------------------------------------------------


def _latest_results(programme, sector: str | None = None):
    """Each action's most recent result (the latest monitored year)."""
    results = ActionResult.objects.filter(action__plan__programme=programme)
    if sector:
        results = results.filter(
            action__owner_organisation__participations__programme=programme,
            action__owner_organisation__participations__sector=sector,
        )
    latest = {}
    for result in results.select_related("action").order_by("action_id", "year"):
        latest[result.action_id] = result
    return list(latest.values())


def _promising_actions(programme, sector: str | None = None):
    actions = Action.objects.filter(plan__programme=programme, stream__gt="").exclude(
        status=Action.Status.DROPPED
    )
    if sector:
        actions = actions.filter(
            owner_organisation__participations__programme=programme,
            owner_organisation__participations__sector=sector,
        )
    return actions.select_related("owner_organisation").distinct()


def _baseline_totals(programme) -> dict[int, dict]:
    totals = {}
    for baseline in Baseline.objects.filter(programme=programme):
        years = approved_years(programme, baseline.organisation)
        totals[baseline.organisation_id] = years.get(baseline.year, {})
    return totals


def promised(programme, sector: str | None = None) -> dict[str, float]:
    """Promised yearly savings by stream, plus ``try`` and ``tco2e``, combined per firm stream."""
    groups = defaultdict(list)
    for action in _promising_actions(programme, sector):
        groups[(action.owner_organisation_id, action.stream)].append(action)
    base = _baseline_totals(programme)
    out = dict.fromkeys((*engine.STREAMS, "try", "tco2e"), 0.0)
    for (org, stream), actions in groups.items():
        amounts = [
            engine.promised_in_unit(a.saving_quantity, a.saving_unit, stream) or 0.0
            for a in actions
        ]
        total = sum(amounts)
        together = engine.combined(amounts, base.get(org, {}).get(stream))
        scale = together / total if total else 1.0
        out[stream] += together
        out["try"] += scale * sum(float(a.savings_try or 0) for a in actions)
        out["tco2e"] += scale * sum(float(a.savings_tco2e or 0) for a in actions)
    return out


def realised(programme, sector: str | None = None) -> dict[str, float]:
    """Measured yearly savings of confirmed and partly confirmed actions, by stream, with the
    money and emissions in proportion to what was measured against what was promised."""
    out = dict.fromkeys((*engine.STREAMS, "try", "tco2e"), 0.0)
    for result in _latest_results(programme, sector):
        if result.status not in COUNTED or not result.measured or not result.promised:
            continue
        ratio = result.measured / result.promised
        out[result.stream] += result.measured
        out["try"] += ratio * float(result.action.savings_try or 0)
        out["tco2e"] += ratio * float(result.action.savings_tco2e or 0)
    return out


def actions_verified(programme) -> int:
    return Action.objects.filter(plan__programme=programme, verified_at__isnull=False).count()


def savings_by_sector(programme) -> list[dict]:
    """Promised against realised per priority sector, for the funder.

    A sector's figures are shown only when at least three firms have actions promising a
    saving, so that no firm's own savings can be read from them.
    """
    rows = []
    for sector in programme.priority_sectors or []:
        firms = (
            _promising_actions(programme, sector).values("owner_organisation").distinct().count()
        )
        rows.append(
            {
                "sector": sector,
                "firms": firms,
                "shown": firms >= 3,
                "promised": promised(programme, sector),
                "realised": realised(programme, sector),
            }
        )
    return rows


# Intensities over the years -----------------------------------------------------------------------


def _current_versions(programme, sector: str | None = None):
    versions = InventoryVersion.objects.filter(programme=programme, current=True)
    return versions.filter(sector=sector) if sector else versions


def intensity_trend(programme, indicator: str, sector: str | None = None) -> list[dict]:
    """Per year: the pooled intensity (sum over firms ÷ sum of output) and how many firms.

    A year is left out when fewer than three firms reported or one firm makes up more than
    half of the pooled total (disclosure control).
    """
    per_year = defaultdict(dict)
    for version in _current_versions(programme, sector):
        firm = per_year[version.year].setdefault(version.organisation_id, defaultdict(float))
        for key, value in version.totals.items():
            if value is not None:
                firm[key] += value
    rows = []
    streams = INTENSITY_STREAM[indicator]
    for year, firms in sorted(per_year.items()):
        shares = [
            sum(f.get(s, 0.0) for s in streams) for f in firms.values() if f.get("production_t")
        ]
        output = sum(f.get("production_t", 0.0) for f in firms.values())
        total = sum(shares)
        if len(shares) < 3 or not output or not total or max(shares) > total / 2:
            continue
        rows.append(
            {
                "year": year,
                "value": total / output * INTENSITY_SCALE[indicator],
                "firms": len(shares),
            }
        )
    return rows


def goal_progress(target: GoalTarget) -> dict:
    """The sector's median of the goal's indicator per year, against the target line."""
    roadmap = target.goal.version.roadmap
    per_year = defaultdict(list)
    for version in _current_versions(roadmap.programme, roadmap.sector):
        value = intensity(version.totals, target.indicator)
        if value is not None:
            per_year[version.year].append(value)
    series = [
        {"year": year, "value": engine.median(values), "firms": len(values)}
        for year, values in sorted(per_year.items())
        if len(values) >= MIN_FIRMS
    ]
    base = next((row["value"] for row in series if row["year"] == target.baseline_year), None)
    goal_value = base * (1 + target.change_pct / 100) if base is not None else None
    latest = series[-1] if series else None
    achieved = None
    if base and latest and latest["year"] > target.baseline_year:
        achieved = (latest["value"] - base) / base * 100
    return {
        "series": series,
        "baseline": base,
        "target": goal_value,
        "achieved_pct": achieved,
        "hidden_years": sorted(y for y, v in per_year.items() if len(v) < MIN_FIRMS),
    }


def year_on_year(inventory) -> dict | None:
    """The firm report's year-on-year section, when more than one year is approved."""
    data = firm_monitoring(inventory.programme, inventory.organisation)
    if len(data["years"]) < 2:
        return None
    data["actions"] = [
        row for row in data["actions"] if row["action"].origin == Action.Origin.ASSESSMENT
    ]
    return data
