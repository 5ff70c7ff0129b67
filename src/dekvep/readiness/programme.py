"""The programme view: how many firms each rule touches, readiness per sector, and which firms
to invite to each seminar topic. Counts for the funder; firm names only for operator staff."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from dekvep.core.models import Organisation, Participation

from .catalogue import current_catalogue, text
from .engine import APPLIES, DOES_NOT_APPLY, MAY_APPLY, decide
from .facts import facts_for, prefetch_firms
from .selectors import _holdings


def _prepared(rule: dict, held: dict[str, tuple[bool, str]]) -> bool:
    """A requirement is prepared when the platform holds every kind of data it asks for."""
    keys = [k for k in rule.get("answered_by", []) if k in held]
    return all(held[k][0] for k in keys)


MIN_GROUP = 5


def _sector_row(rule_id: str, title: str, touched: int, prepared: int, with_names: bool) -> dict:
    """One requirement in one sector. For readers without firm names (the funder), groups of
    fewer than five firms show only how many firms it touches: how many are prepared would
    point at single firms."""
    shown = with_names or touched >= MIN_GROUP
    return {
        "id": rule_id,
        "title": title,
        "touched": touched,
        "prepared": prepared if shown else None,
        "share_pct": round(100 * prepared / touched) if shown and touched else None,
    }


def programme_overview(
    programme, language: str, with_names: bool, today: datetime.date | None = None
) -> dict[str, Any]:
    today = today or timezone.localdate()
    catalogue = current_catalogue()
    rules = catalogue["rules"]
    participations = (
        Participation.objects.filter(
            programme=programme, organisation__kind=Organisation.Kind.MANUFACTURER
        )
        .select_related("organisation", "organisation__readiness_profile")
        .order_by("organisation__name")
    )
    prefetch_firms(p.organisation_id for p in participations)
    per_rule = {r["id"]: {APPLIES: 0, MAY_APPLY: 0, DOES_NOT_APPLY: 0} for r in rules}
    sectors: dict[str, dict[str, list[int]]] = {}
    topics: dict[str, list[str]] = {key: [] for key in catalogue.get("topics", {})}
    profiles = 0
    for participation in participations:
        firm = participation.organisation
        profiles += hasattr(firm, "readiness_profile")
        held = _holdings(firm)
        sector = participation.sector or firm.sector or "other"
        for rule, decision in zip(rules, decide(catalogue, facts_for(firm), today), strict=True):
            per_rule[rule["id"]][decision.status] += 1
            if decision.status == DOES_NOT_APPLY:
                continue
            touched, prepared = sectors.setdefault(sector, {}).setdefault(rule["id"], [0, 0])
            sectors[sector][rule["id"]] = [touched + 1, prepared + _prepared(rule, held)]
            names = topics.setdefault(rule.get("topic", ""), [])
            if firm.name not in names:
                names.append(firm.name)
    titles = {r["id"]: text(r["title"], language) for r in rules}
    return {
        "firms": len(participations),
        "profiles": profiles,
        "rules": [{"id": r["id"], "title": titles[r["id"]], **per_rule[r["id"]]} for r in rules],
        "sectors": [
            {
                "sector": sector,
                "rules": [
                    _sector_row(rid, titles[rid], touched, prepared, with_names)
                    for rid, (touched, prepared) in by_rule.items()
                ],
            }
            for sector, by_rule in sorted(sectors.items())
        ],
        "topics": [
            {
                "key": key,
                "title": text(catalogue.get("topics", {}).get(key, {}), language),
                "count": len(names),
                "firms": sorted(names) if with_names else None,
            }
            for key, names in topics.items()
        ],
    }
