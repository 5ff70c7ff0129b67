"""CBAM exposure: embedded emissions of CBAM goods bought from outside the EU or exported to it,
and the certificate cost under the phase-in for a carbon price the user enters.

Cost (EUR) = quantity (t) × embedded emissions (tCO2e/t) × CBAM share of the year × price
(EUR/tCO2e), where the CBAM share is 1 − the free allocation still given to EU producers. This
leaves out the deduction of a carbon price paid in the country of origin.
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
    """Default embedded emissions (tCO2e/t) of a CN heading from ``origin`` (ISO code)."""
    origins = cbam_data()["default_values"]["goods"][cn_code[:4]]["origins"]
    return float(origins.get(origin.upper(), origins["default"]))


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


@dataclass
class CbamExposure:
    """Embedded tCO2e and cost (EUR) for the year and price given."""

    year: int
    carbon_price_eur_per_t: float
    share: float
    embedded_tco2e: float = 0.0
    cost_eur: float = 0.0
    lines: list[CbamLine] = field(default_factory=list)
    data_version: str = ""

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["lines"] = [dict(line.__dict__) for line in self.lines]
        return data


def exposure(cbam: Cbam) -> CbamExposure:
    """CBAM exposure of the goods listed in an inventory's ``cbam`` section."""
    share = cbam_share(cbam.year)
    result = CbamExposure(
        cbam.year, cbam.carbon_price_eur_per_t, share, data_version=cbam_data()["version"]
    )
    goods = cbam_data()["default_values"]["goods"]
    for g in cbam.goods:
        t = convert(g.quantity, g.unit, "t")
        specific = g.embedded_tco2e_per_t
        used_default = specific is None
        if specific is None:
            specific = default_value(g.cn_code, g.origin)
        embedded = t * specific
        cost = embedded * share * cbam.carbon_price_eur_per_t
        result.lines.append(
            CbamLine(
                g.cn_code,
                goods[g.cn_code[:4]]["good"],
                g.flow,
                g.origin,
                t,
                specific,
                used_default,
                embedded,
                cost,
            )
        )
        result.embedded_tco2e += embedded
        result.cost_eur += cost
    return result
