"""Demo data for monitoring: a second approved year (2024) for five firms of each sector.

Each firm's accepted measures are marked implemented; its 2024 inventory follows the 2023 one at
a different production level, with each measure's effect applied in full (confirmed), in part
(partly) or not at all (not seen), so that the results show a realistic mix. One firm reports
2024 in other units (MWh, litres) to show the conversion; shared streams are split by the
analyst; a few actions carry meter readings and a verification; each sector roadmap's first
goal gets a target on an indicator.
"""

from __future__ import annotations

import copy
import datetime
import hashlib

from dekvep.assessment import services as assessment
from dekvep.assessment.models import Inventory
from dekvep.core.models import Membership, Participation, StaffAssignment
from dekvep.roadmaps.models import RoadmapVersion

from . import monitoring, services
from .models import Action, GoalTarget

BASE_YEAR, YEAR = 2023, 2024
FIRMS_PER_SECTOR = 5
# Share of the promise that shows in 2024: confirmed, partly, not seen.
EFFECTS = (1.0, 0.5, 0.0)
GAS_KWH_PER_SM3 = 10.64  # net calorific value of natural gas used to turn a promise into Sm³
GOALS = {
    "textile": ("water_m3_per_t", -20.0),
    "plastics": ("energy_kwh_per_t", -15.0),
    "white_goods": ("energy_kwh_per_t", -10.0),
}


def _vary(name: str, salt: str, low: float, high: float) -> float:
    digest = hashlib.sha256(f"{name}:{salt}".encode()).digest()
    return low + (high - low) * digest[0] / 255


def load(programme, stdout=None):
    demo_firm = Membership.objects.filter(user__email="firma@dekvep.demo").values("organisation")
    participations = (
        Participation.objects.filter(programme=programme, analyst__isnull=False)
        .exclude(organisation__in=demo_firm)
        .select_related("organisation", "analyst")
        .order_by("sector", "organisation__name")
    )
    per_sector: dict[str, int] = {}
    done = 0
    for participation in participations:
        if per_sector.get(participation.sector, 0) >= FIRMS_PER_SECTOR:
            continue
        already = Inventory.objects.filter(
            programme=programme, organisation=participation.organisation, year=YEAR
        ).exists()
        if already or _second_year(programme, participation, index=done):
            per_sector[participation.sector] = per_sector.get(participation.sector, 0) + 1
            done += 1
    targets = _goal_targets(programme)
    if stdout:
        stdout.write(
            f"  monitoring: {done} firms with a second approved year, {targets} goal targets"
        )


def _second_year(programme, participation, index: int) -> bool:
    organisation, analyst = participation.organisation, participation.analyst
    base = Inventory.objects.filter(
        programme=programme, organisation=organisation, year=BASE_YEAR, status="approved"
    ).first()
    if (
        base is None
        or Inventory.objects.filter(
            programme=programme, organisation=organisation, year=YEAR
        ).exists()
    ):
        return False
    actions = list(
        Action.objects.filter(
            plan__programme=programme, owner_organisation=organisation, stream__gt=""
        ).order_by("pk")
    )
    if not actions:
        return False
    for action in actions:
        services.change_action_status(analyst, action, Action.Status.DONE)
    effects = {a.pk: EFFECTS[(index + i) % len(EFFECTS)] for i, a in enumerate(actions)}
    data = _next_year(base.data, organisation.name, actions, effects)
    if index % 5 == 0:
        data = _other_units(data)
    inventory = assessment.create_inventory(analyst, organisation, programme, YEAR, data=data)
    assessment.transition(analyst, inventory, "submit")
    assessment.transition(analyst, inventory, "approve")
    _split_shared(analyst, programme, organisation, actions, effects)
    _evidence(analyst, actions[0], index)
    return True


def _next_year(data: dict, name: str, actions: list[Action], effects: dict[int, float]) -> dict:
    """2023 at 2024's production, less what each implemented measure actually saved."""
    data = copy.deepcopy(data)
    data["year"] = YEAR
    scale = _vary(name, "output", 0.85, 1.1)
    for section in ("production", "energy", "water", "materials", "wastes"):
        for line in data.get(section) or []:
            noise = _vary(name, f"{section}{line.get('carrier', '')}", 0.997, 1.003)
            line["quantity"] = round(
                line["quantity"] * scale * (noise if section != "production" else 1)
            )
            if "certified_renewable_kwh" in line:
                line["certified_renewable_kwh"] = min(
                    line["certified_renewable_kwh"], line["quantity"]
                )
    for action in actions:
        _apply(data, action, effects[action.pk])
    return data


def _apply(data: dict, action: Action, effect: float) -> None:
    promised = (action.saving_quantity or 0) * effect
    stream = action.stream
    if stream == "electricity":
        line = _line(data, "energy", carrier="electricity")
        amount = promised / 1000 if action.saving_unit == "MWh" else promised
    elif stream == "thermal":
        line = _line(data, "energy", carrier="natural_gas")
        kwh = promised * 1000 if action.saving_unit == "MWh" else promised
        amount = kwh / GAS_KWH_PER_SM3
    else:
        line = _line(data, {"water": "water", "material": "materials", "waste": "wastes"}[stream])
        amount = promised
    if line is not None:
        line["quantity"] = round(max(line["quantity"] - amount, 0), 3)


def _line(data: dict, section: str, **match):
    for line in data.get(section) or []:
        if all(line.get(k) == v for k, v in match.items()) and line.get("unit") in (
            "kWh",
            "Sm3",
            "m3",
            "t",
        ):
            return line
    return None


def _other_units(data: dict) -> dict:
    """The same quantities written in MWh and litres: monitoring converts before comparing."""
    for line in data.get("energy") or []:
        if line.get("carrier") == "electricity" and line.get("unit") == "kWh":
            line["quantity"], line["unit"] = round(line["quantity"] / 1000, 3), "MWh"
            line["certified_renewable_kwh"] = min(
                line.get("certified_renewable_kwh", 0), line["quantity"] * 1000
            )
    for line in data.get("water") or []:
        if line.get("unit") == "m3":
            line["quantity"], line["unit"] = line["quantity"] * 1000, "L"
    return data


def _split_shared(analyst, programme, organisation, actions, effects) -> None:
    """Where measures share a stream, the analyst splits the change by what the meter readings
    of each measure showed (here: the effect the demo applied), else by the promises."""
    by_stream: dict[str, list[Action]] = {}
    for action in actions:
        by_stream.setdefault(action.stream, []).append(action)
    for group in by_stream.values():
        if len(group) < 2:
            continue
        weight = {a.pk: (a.saving_quantity or 0) * effects[a.pk] for a in group}
        if not sum(weight.values()):
            weight = {a.pk: a.saving_quantity or 0 for a in group}
        total = sum(weight.values()) or 1
        shares = {pk: round(w / total, 3) for pk, w in weight.items()}
        shares[group[0].pk] = round(1 - sum(v for k, v in shares.items() if k != group[0].pk), 3)
        monitoring.split_stream(analyst, programme, organisation, YEAR, shares)


def _evidence(analyst, action: Action, index: int) -> None:
    """Meter readings for the first action of each firm; every other firm's is verified."""
    monitoring.add_evidence(
        analyst,
        action,
        "meter",
        reading_before=round(120000 + index * 7000.0),
        date_before=datetime.date(2024, 1, 2),
        reading_after=round(120000 + index * 7000.0 + 90000),
        date_after=datetime.date(2024, 12, 30),
        unit="kWh" if action.stream in ("electricity", "thermal") else action.saving_unit or "t",
        note="Sayaç okuması (demo)",
    )
    if index % 2 == 0:
        option = "B" if action.stream in ("electricity", "water") else "C"
        monitoring.verify_action(
            analyst,
            action,
            option,
            "Önce ve sonra sayaç okumaları üretim düzeyine göre düzeltilerek karşılaştırıldı.",
        )


def _goal_targets(programme) -> int:
    manager = (
        StaffAssignment.objects.filter(programme=programme, role=StaffAssignment.Role.MANAGER)
        .select_related("user")
        .first()
    )
    if manager is None:
        return 0
    count = 0
    for sector, (indicator, change) in GOALS.items():
        version = (
            RoadmapVersion.objects.filter(roadmap__programme=programme, roadmap__sector=sector)
            .order_by("-number")
            .first()
        )
        goal = version.goals.order_by("order").first() if version else None
        if goal is None or GoalTarget.objects.filter(goal=goal).exists():
            continue
        monitoring.set_goal_target(manager.user, goal, indicator, change, BASE_YEAR, 2027)
        count += 1
    return count
