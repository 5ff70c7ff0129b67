"""Monitoring: did an action save what it promised? Pure Python, plain data in and out.

The comparison follows the adjusted-baseline idea of IPMVP: what the firm would have used this
year without its actions is the baseline year's intensity times this year's output, so a smaller
order book is not counted as a saving. The change on a stream is that expectation minus what
the firm reports this year (positive = saved). Every quantity is converted to one unit per
stream first, so years reported in different units compare correctly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from math import prod
from pathlib import Path
from typing import Any

from dekvep.assessment.engine.units import UnitError, convert

STREAMS = ("electricity", "thermal", "water", "material", "waste")
# The unit each stream is compared and summed in.
UNIT = {"electricity": "MWh", "thermal": "MWh", "water": "m3", "material": "t", "waste": "t"}
ELECTRIC = ("electricity", "solar_onsite")

CONFIRMED, PARTLY, NOT_SEEN, CANNOT_TELL = "confirmed", "partly", "not_seen", "cannot_tell"


@cache
def method() -> dict[str, Any]:
    """Status bands and tolerances, from ``plans/data/monitoring.json``."""
    return json.loads((Path(__file__).parent.parent / "data" / "monitoring.json").read_text())


def _sum(lines: list[dict], target: str, path: str) -> float | None:
    """Sum of ``quantity`` in ``target`` units; None when there is no line (not reported)."""
    if not lines:
        return None
    total = 0.0
    for index, line in enumerate(lines):
        try:
            total += convert(float(line.get("quantity") or 0), str(line.get("unit", "")), target)
        except (UnitError, ValueError) as error:
            raise ValueError(f"{path}[{index}].unit: {error}") from error
    return total


def stream_totals(data: dict[str, Any], result: dict[str, Any] | None) -> dict[str, float | None]:
    """Production (t) and each stream's yearly total in its unit; None where not reported.

    Electricity comes from the energy lines (any energy unit); thermal energy is the rest of
    the assessed energy use (fuels through their calorific values, as the assessment does).
    """
    intensity = (result or {}).get("intensity") or {}
    energy = data.get("energy") or []
    electric = [line for line in energy if line.get("carrier") in ELECTRIC]
    other = [line for line in energy if line.get("carrier") not in ELECTRIC]
    electricity = _sum(electric, "MWh", "energy")
    thermal = None
    if other and intensity.get("energy_kwh") is not None:
        thermal = max(float(intensity["energy_kwh"]) / 1000 - (electricity or 0.0), 0.0)
    production = intensity.get("production_t")
    return {
        "production_t": float(production) if production else None,
        "electricity": electricity,
        "thermal": thermal,
        "water": _sum(data.get("water") or [], "m3", "water"),
        "material": _sum(data.get("materials") or [], "t", "materials"),
        "waste": _sum(data.get("wastes") or [], "t", "wastes"),
    }


def expected(baseline: dict, current: dict, stream: str) -> float | None:
    """Baseline intensity × this year's output: the use had nothing changed."""
    base, out0, out1 = (
        baseline.get(stream),
        baseline.get("production_t"),
        current.get("production_t"),
    )
    if base is None or not out0 or out1 is None:
        return None
    return base / out0 * out1


def stream_change(baseline: dict, current: dict, stream: str) -> float | None:
    """Production-normalised saving on a stream (positive = less used than expected)."""
    expect = expected(baseline, current, stream)
    if expect is None or current.get(stream) is None:
        return None
    return expect - current[stream]


def promised_in_unit(quantity: float | None, unit: str, stream: str) -> float | None:
    """A measure's promised saving in its stream's unit (e.g. kWh → MWh)."""
    if quantity is None or stream not in UNIT:
        return None
    return convert(float(quantity), unit or UNIT[stream], UNIT[stream])


def combined(promised: list[float], baseline_total: float | None) -> float:
    """Savings of several measures on one stream, not added as if independent.

    Each measure saves its share of what the others left: B × (1 − Π(1 − sᵢ/B)). Without a
    baseline total the plain sum is the only bound available.
    """
    if not baseline_total or baseline_total <= 0:
        return sum(promised)
    return baseline_total * (1 - prod(1 - min(s / baseline_total, 1.0) for s in promised))


def status(promised: float | None, measured: float | None) -> str:
    if promised is None or measured is None or promised <= 0:
        return CANNOT_TELL
    ratio = measured / promised
    bands = method()
    if ratio >= bands["confirmed_from"]:
        return CONFIRMED
    if ratio >= bands["partly_from"]:
        return PARTLY
    return NOT_SEEN


@dataclass(frozen=True)
class Outcome:
    """What one action's stream showed: measured saving (stream unit), status and why."""

    measured: float | None
    status: str
    reason: str  # "", "not_reported", "no_production", "needs_split", "not_promised"


def attribute(
    change: float | None,
    promised: dict[int, float | None],
    shares: dict[int, float] | None = None,
    reason_if_none: str = "not_reported",
) -> dict[int, Outcome]:
    """Share one stream's change among the actions acting on it.

    One action takes the whole change. Several need the analyst's split (``shares``, summing to
    at most 1); until then each is *cannot tell*: guessing would count one saving twice.
    """
    if change is None:
        return {key: Outcome(None, CANNOT_TELL, reason_if_none) for key in promised}
    if len(promised) > 1:
        shares = shares or {}
        tolerance = method()["split_tolerance"]
        if set(shares) != set(promised) or sum(shares.values()) > 1 + tolerance:
            return {key: Outcome(None, CANNOT_TELL, "needs_split") for key in promised}
    else:
        shares = dict.fromkeys(promised, 1.0)
    outcomes = {}
    for key, saving in promised.items():
        measured = change * shares[key]
        reason = "" if saving else "not_promised"
        outcomes[key] = Outcome(measured, status(saving, measured), reason)
    return outcomes


def median(values: list[float]) -> float | None:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
