"""Read-only monitoring figures: a firm's years and results, goal progress, programme savings.

Promised savings of several measures on one firm's stream are combined, not added (see
``engine.monitoring.combined``). Realised savings come only from results computed from approved
inventory versions, and count when the status is *confirmed* or *partly*. Sector medians follow
statistical disclosure control: none for fewer than five firms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Exists, F, FloatField, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from dekvep.assessment.models import Inventory
from dekvep.core.batch import scalars
from dekvep.core.models import Participation

from .engine import monitoring as engine
from .models import Action, ActionResult, Baseline, GoalTarget, InventoryVersion
from .monitoring import year_totals
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
    every = list(
        InventoryVersion.objects.filter(programme=programme, organisation=organisation)
        .order_by("year", "pk")
        .values_list("year", "current", "totals")
    )
    years = year_totals((year, totals) for year, current, totals in every if current)
    versions = Counter(year for year, _current, _totals in every)
    rows = []
    for year, totals in sorted(years.items()):
        rows.append(
            {
                "year": year,
                "totals": totals,
                "intensities": {key: intensity(totals, key) for key in INTENSITY_STREAM},
                "versions": versions.get(year, 0),
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
    versions = InventoryVersion.objects.filter(
        programme=programme, organisation=OuterRef("organisation_id"), year__gte=year_due
    )
    inventories = Inventory.objects.filter(
        programme=programme, organisation=OuterRef("organisation_id"), year=year_due
    )
    baselines = baselines.annotate(has=Exists(versions) | Exists(inventories))
    for baseline in baselines:
        if not baseline.has and baseline.year < year_due:
            due.append((baseline, year_due))
    return due


# Programme savings -------------------------------------------------------------------------------


def _in_sector(queryset, programme, sector: str | None, path: str = "owner_organisation"):
    """Only the records of firms taking part in ``programme`` in ``sector`` (one subquery, so
    no row is repeated or merged)."""
    if not sector:
        return queryset
    firms = Participation.objects.filter(programme=programme, sector=sector)
    return queryset.filter(**{f"{path}_id__in": firms.values("organisation_id")})


def promising_actions(programme, sector: str | None = None):
    """Actions (not dropped) that carry a promised saving on a stream."""
    actions = Action.objects.filter(plan__programme=programme, stream__gt="").exclude(
        status=Action.Status.DROPPED
    )
    return _in_sector(actions, programme, sector).select_related("owner_organisation")


def _baseline_totals(programme) -> dict[int, dict]:
    """Each firm's baseline-year stream totals (sites of that year added), in one query."""
    return _once(("baselines", programme.pk), lambda: _read_baseline_totals(programme))


def _read_baseline_totals(programme) -> dict[int, dict]:
    chosen = Baseline.objects.filter(programme=programme, organisation=OuterRef("organisation"))
    versions = InventoryVersion.objects.filter(
        programme=programme, current=True, year=Subquery(chosen.values("year")[:1])
    )
    totals: dict[int, dict] = defaultdict(lambda: defaultdict(float))
    for org, values in versions.values_list("organisation_id", "totals"):
        for key, value in values.items():
            if value is not None:
                totals[org][key] += value
    return totals


# ``promised`` and ``realised`` are asked once per stream by the impact summary; each answer is
# kept while the records it reads are unchanged (a cheap fingerprint: counts, latest changes).
_KEPT: dict[tuple, tuple] = {}
_READING: ContextVar[dict | None] = ContextVar("monitoring_reading", default=None)


@contextmanager
def one_reading() -> Iterator[None]:
    """Within it (a page, an export), each programme's fingerprint is read once, not once per
    figure: the impact page asks for promised and realised savings some fifty times."""
    if _READING.get() is not None:
        yield
        return
    token = _READING.set({})
    try:
        yield
    finally:
        _READING.reset(token)


def _once(key: tuple, compute):
    """``compute()``, read once per key within ``one_reading``."""
    memo = _READING.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _fingerprint(programme) -> tuple:
    return _once(("fingerprint", programme.pk), lambda: _read_fingerprint(programme))


def _read_fingerprint(programme) -> tuple:
    actions = Action.objects.filter(plan__programme=programme).exclude(stream="")
    versions = InventoryVersion.objects.filter(programme=programme)
    baselines = Baseline.objects.filter(programme=programme)
    results = ActionResult.objects.filter(action__plan__programme=programme)
    parts = (
        (actions, Max("updated_at")),
        (versions, Max("pk")),
        (baselines, Max("chosen_at")),
        (results, Max("computed_at")),
    )
    queries = {}
    for i, (queryset, latest) in enumerate(parts):
        queries[(i, "n")] = (queryset, None)
        queries[(i, "at")] = (queryset, latest)
    found = scalars(queries)  # one statement
    return tuple((found[(i, "n")], found[(i, "at")]) for i in range(len(parts)))


def _kept(compute, programme, sector):
    key, fingerprint = (compute.__name__, programme.pk, sector), _fingerprint(programme)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == fingerprint:
        return dict(kept[1])
    if len(_KEPT) > 64:
        _KEPT.clear()
    result = compute(programme, sector)
    _KEPT[key] = (fingerprint, result)
    return dict(result)


def promised(programme, sector: str | None = None) -> dict[str, float]:
    """Promised yearly savings by stream, plus ``try`` and ``tco2e``, combined per firm stream."""
    return _kept(_promised, programme, sector)


def _sector_firms(programme, sector: str) -> set[int]:
    """The firms taking part in ``programme`` in ``sector`` (all sectors read in one query)."""

    def read() -> dict[str, set[int]]:
        firms = defaultdict(set)
        rows = Participation.objects.filter(programme=programme).values_list(
            "sector", "organisation_id"
        )
        for key, organisation_id in rows:
            firms[key].add(organisation_id)
        return firms

    return _once(("sector_firms", programme.pk), read).get(sector, set())


def _promising_rows(programme, sector: str | None = None) -> list[tuple]:
    """The promising actions' firm, stream and savings (every sector read in one query)."""
    rows = _once(
        ("promising_rows", programme.pk),
        lambda: list(
            promising_actions(programme).values_list(
                "owner_organisation_id",
                "stream",
                "saving_quantity",
                "saving_unit",
                "savings_try",
                "savings_tco2e",
            )
        ),
    )
    if not sector:
        return rows
    firms = _sector_firms(programme, sector)
    return [row for row in rows if row[0] in firms]


def _promised(programme, sector: str | None) -> dict[str, float]:
    groups = defaultdict(list)
    rows = _promising_rows(programme, sector)
    for org, stream, quantity, unit, money, tco2e in rows:
        try:
            amount = engine.promised_in_unit(quantity, unit, stream) or 0.0
        except ValueError:
            amount = 0.0
        groups[(org, stream)].append((amount, float(money or 0), float(tco2e or 0)))
    base = _baseline_totals(programme)
    out = dict.fromkeys((*engine.STREAMS, "try", "tco2e"), 0.0)
    for (org, stream), items in groups.items():
        amounts = [amount for amount, _money, _tco2e in items]
        total = sum(amounts)
        together = engine.combined(amounts, base.get(org, {}).get(stream))
        scale = together / total if total else 1.0
        out[stream] += together
        out["try"] += scale * sum(money for _amount, money, _tco2e in items)
        out["tco2e"] += scale * sum(tco2e for _amount, _money, tco2e in items)
    return out


def realised(programme, sector: str | None = None) -> dict[str, float]:
    """Measured yearly savings of confirmed and partly confirmed actions, by stream, with the
    money and emissions in proportion to what was measured against what was promised.

    Each action counts with its latest monitored year only (one aggregate query)."""
    return _kept(_realised, programme, sector)


def _realised(programme, sector: str | None) -> dict[str, float]:
    rows = _once(("realised_rows", programme.pk), lambda: _realised_rows(programme))
    if sector:
        firms = _sector_firms(programme, sector)
        rows = [row for row in rows if row["action__owner_organisation"] in firms]
    out = dict.fromkeys((*engine.STREAMS, "try", "tco2e"), 0.0)
    for row in rows:
        out[row["stream"]] += row["quantity"] or 0.0
        out["try"] += row["money"] or 0.0
        out["tco2e"] += row["tco2e"] or 0.0
    return out


def _realised_rows(programme) -> list[dict]:
    """Per firm and stream: the measured savings of the counted latest results (one query)."""
    latest = (
        ActionResult.objects.filter(action=OuterRef("action")).order_by("-year").values("year")[:1]
    )
    results = ActionResult.objects.filter(
        action__plan__programme=programme,
        status__in=COUNTED,
        measured__gt=0,
        promised__gt=0,
        year=Subquery(latest),
    )
    ratio = F("measured") / F("promised")
    rows = results.values("action__owner_organisation", "stream").annotate(
        quantity=Sum("measured"),
        money=Sum(ratio * Cast("action__savings_try", FloatField())),
        tco2e=Sum(ratio * Cast("action__savings_tco2e", FloatField())),
    )
    return list(rows.order_by())


def actions_verified(programme) -> int:
    return Action.objects.filter(plan__programme=programme, verified_at__isnull=False).count()


def savings_by_sector(programme) -> list[dict]:
    """Promised against realised per priority sector, for the funder.

    A sector's figures are shown only when at least three firms have actions promising a
    saving, so that no firm's own savings can be read from them.
    """
    return _once(("by_sector", programme.pk), lambda: _savings_by_sector(programme))


def _savings_by_sector(programme) -> list[dict]:
    rows = []
    for sector in programme.priority_sectors or []:
        firms = len({row[0] for row in _promising_rows(programme, sector)})
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


def _current_totals(programme, sector: str | None = None) -> list[tuple]:
    """``(year, firm, totals)`` of the current versions, read once within ``one_reading``."""
    return _once(
        ("current_totals", programme.pk, sector),
        lambda: list(
            _current_versions(programme, sector).values_list("year", "organisation_id", "totals")
        ),
    )


def intensity_trend(programme, indicator: str, sector: str | None = None) -> list[dict]:
    """Per year: the pooled intensity (sum over firms ÷ sum of output) and how many firms.

    A year is left out when fewer than three firms reported or one firm makes up more than
    half of the pooled total (disclosure control).
    """
    per_year = defaultdict(dict)
    for year, organisation_id, totals in _current_totals(programme, sector):
        firm = per_year[year].setdefault(organisation_id, defaultdict(float))
        for key, value in totals.items():
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
