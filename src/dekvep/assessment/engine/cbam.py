"""CBAM exposure of a Turkish manufacturer: what the EU customers of its exports will pay.

Only goods exported to the EU (``flow: export``) carry CBAM cost; goods bought (``import`` from
abroad, ``domestic`` in Türkiye) are inputs whose embedded emissions estimate those of the
exported goods when no actual value is given. Per export line:

- embedded (tCO2e) = t × specific emissions; iron, steel and aluminium count direct emissions
  only, cement and fertilisers direct and indirect (Regulation (EU) 2023/956 Annex II);
  default values carry the definitive-period mark-up of the year;
- free-allocation adjustment (tCO2e) = t × EU benchmark × free allocation still given in the
  year (the phase-out applies to the benchmark, not to the embedded emissions);
- cost (EUR) = (embedded − adjustment) × (EU price − carbon price paid in Türkiye);
- an importer (EU customer) below 50 t of CBAM goods a year pays nothing (Reg. (EU) 2025/2083).

Default values and benchmarks here are indicative — not for declarations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .inventory import Cbam
from .units import convert

CBAM_FILE = Path(__file__).resolve().parent.parent / "data" / "cbam.json"


@cache
def cbam_data() -> dict[str, Any]:
    """The CBAM data file: phase-in shares by year and default values by CN heading and origin."""
    return json.loads(CBAM_FILE.read_text(encoding="utf-8"))


def cn_headings() -> list[str]:
    return sorted(cbam_data()["default_values"]["goods"])


def cbam_share(year: int) -> float:
    """Share (0-1) of embedded emissions that must be covered by CBAM certificates in ``year``."""
    shares = {int(y): v for y, v in cbam_data()["phase_in"]["free_allocation_share"].items()}
    known = [y for y in shares if y <= year]
    return 1 - shares[max(known)] if known else 0.0


def default_value(cn_code: str, origin: str) -> float:
    """Default embedded emissions (tCO2e/t, direct + indirect) of a CN heading from ``origin``."""
    origins = cbam_data()["default_values"]["goods"][cn_code[:4]]["origins"]
    return float(origins.get(origin.upper(), origins["default"]))


def good_of(cn_code: str) -> str:
    return cbam_data()["default_values"]["goods"][cn_code[:4]]["good"]


def emissions_scope(good: str) -> str:
    """``direct`` or ``direct_and_indirect`` (Annex II of Regulation (EU) 2023/956)."""
    return cbam_data()["emissions_scope"]["goods"].get(good, "direct_and_indirect")


def default_markup(good: str, year: int) -> float:
    """Mark-up (0.1 = 10 %) on a default value in ``year`` of the definitive period."""
    markup = cbam_data()["default_markup"]
    if good == "fertiliser":
        return markup["fertiliser_per_year"] * max(year - 2025, 0)
    table = {int(y): v for y, v in markup["by_year"].items()}
    known = [y for y in table if y <= year]
    return table[max(known)] if known else 0.0


def counted_default(cn_code: str, origin: str, year: int) -> float:
    """The default value as counted for CBAM: scope of the good, plus the year's mark-up."""
    good = good_of(cn_code)
    value = default_value(cn_code, origin)
    if emissions_scope(good) == "direct":
        value *= cbam_data()["direct_share"]["goods"][good]
    return value * (1 + default_markup(good, year))


def benchmark(good: str) -> float:
    return float(cbam_data()["benchmarks"]["goods"].get(good, 0.0))


@dataclass
class CbamLine:
    cn_code: str
    good: str
    flow: str
    origin: str
    t: float
    tco2e_per_t: float
    default_used: bool
    embedded_tco2e: float
    cost_eur: float
    importer: str | None = None
    scope: str = "direct_and_indirect"
    method: str = "actual"
    costed: bool = False
    below_threshold: bool = False
    free_allocation_adjustment_tco2e: float = 0.0
    chargeable_tco2e: float = 0.0


@dataclass
class CbamExposure:
    """Embedded tCO2e and the EU customers' cost (EUR) of the exports, for the year and price
    given; ``share`` is the part of the benchmark no longer covered by free allocation."""

    year: int
    carbon_price_eur_per_t: float
    share: float
    embedded_tco2e: float = 0.0
    cost_eur: float = 0.0
    lines: list[CbamLine] = field(default_factory=list)
    data_version: str = ""
    origin_carbon_price_eur_per_t: float = 0.0
    exported_t: float = 0.0
    threshold_t: float = 50.0
    status: str = "indicative"
    status_label: str = ""

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["lines"] = [dict(line.__dict__) for line in self.lines]
        return data


def exposure(cbam: Cbam, origin_carbon_price_eur_per_t: float = 0.0) -> CbamExposure:
    """CBAM exposure of the goods in an inventory's ``cbam`` section.

    ``origin_carbon_price_eur_per_t`` is the carbon price effectively paid in Türkiye (a
    programme setting); the inventory's own ``origin_carbon_price_eur_per_t`` wins when given.
    """
    data = cbam_data()
    paid = cbam.origin_carbon_price_eur_per_t
    paid = origin_carbon_price_eur_per_t if paid is None else paid
    free_share = 1 - cbam_share(cbam.year)
    result = CbamExposure(
        cbam.year,
        cbam.carbon_price_eur_per_t,
        cbam_share(cbam.year),
        data_version=data["version"],
        origin_carbon_price_eur_per_t=paid,
        threshold_t=float(data["threshold"]["t_per_importer_per_year"]),
        status_label=data["status_label"],
    )
    lines = [_line(g, cbam.year) for g in cbam.goods]
    _estimate_exports_from_inputs(lines)
    by_importer: dict[str, float] = {}
    for line in lines:
        if line.flow == "export":
            key = line.importer or ""
            by_importer[key] = by_importer.get(key, 0.0) + line.t
    price = max(cbam.carbon_price_eur_per_t - paid, 0.0)
    for line in lines:
        line.embedded_tco2e = line.t * line.tco2e_per_t
        if line.flow == "export":
            result.exported_t += line.t
            result.embedded_tco2e += line.embedded_tco2e
            _cost(line, free_share, price, by_importer, result.threshold_t)
            result.cost_eur += line.cost_eur
        result.lines.append(line)
    return result


def _line(g, year: int) -> CbamLine:
    t = convert(g.quantity, g.unit, "t")
    good = good_of(g.cn_code)
    specific = g.embedded_tco2e_per_t
    used_default = specific is None
    if specific is None:
        specific = counted_default(g.cn_code, g.origin, year)
    return CbamLine(
        g.cn_code,
        good,
        g.flow,
        g.origin,
        t,
        specific,
        used_default,
        0.0,
        0.0,
        importer=g.importer,
        scope=emissions_scope(good),
        method="default" if used_default else "actual",
    )


def _estimate_exports_from_inputs(lines: list[CbamLine]) -> None:
    """An export without its own value takes the mass-weighted value of the inputs of the same
    good bought (imported or domestic): the precursor's embedded emissions."""
    for line in lines:
        if line.flow != "export" or not line.default_used:
            continue
        inputs = [i for i in lines if i.flow != "export" and i.good == line.good and i.t > 0]
        mass = sum(i.t for i in inputs)
        if mass > 0:
            line.tco2e_per_t = sum(i.t * i.tco2e_per_t for i in inputs) / mass
            line.method = "inputs"


def _cost(line: CbamLine, free_share, price, by_importer, threshold) -> None:
    line.costed = True
    line.free_allocation_adjustment_tco2e = line.t * benchmark(line.good) * free_share
    line.chargeable_tco2e = max(line.embedded_tco2e - line.free_allocation_adjustment_tco2e, 0.0)
    if line.importer and by_importer.get(line.importer, 0.0) < threshold:
        line.below_threshold = True
        return
    line.cost_eur = line.chargeable_tco2e * price
