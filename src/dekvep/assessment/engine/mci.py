"""Ellen MacArthur Foundation Material Circularity Indicator, 2015 methodology.

Notation of the method (all masses in the same unit, here kg of one product):
M mass; F_R, F_U recycled and reused feedstock fractions; C_R, C_U fractions collected for
recycling and for reuse at end of use; E_F, E_C efficiencies of the recycling processes making
the recycled feedstock and recycling the collected product; L/L_av and U/U_av lifetime and
intensity of use relative to the industry average.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .inventory import ProductCircularity


@dataclass(frozen=True)
class MciResult:
    """Intermediate quantities (kg) and the indicator (0-1) for one product."""

    name: str
    mass_kg: float
    virgin_kg: float
    unrecoverable_kg: float
    waste_collection_kg: float
    waste_feedstock_kg: float
    waste_kg: float
    lfi: float
    utility: float
    mci: float
    defaults_used: tuple[str, ...] = ()


DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Material classes of the factor sets mapped to the rows of mci_efficiencies.csv.
_FAMILY = {
    "cotton": "textile",
    "polyester": "textile",
    "recycled_polyester": "textile",
    "pp": "plastic",
    "hdpe": "plastic",
    "ldpe": "plastic",
    "pet": "plastic",
    "recycled_plastic": "plastic",
    "paper_packaging": "paper",
}


@cache
def efficiencies() -> dict[str, tuple[float, float]]:
    """Material class → (E_F, E_C) defaults from ``data/mci_efficiencies.csv``."""
    with (DATA_DIR / "mci_efficiencies.csv").open(encoding="utf-8") as handle:
        return {
            r["material_class"]: (float(r["e_f"]), float(r["e_c"])) for r in csv.DictReader(handle)
        }


def default_efficiencies(material_class: str | None) -> tuple[float, float]:
    table = efficiencies()
    key = material_class if material_class in table else _FAMILY.get(material_class or "")
    return table.get(key or "default", table["default"])


def mci(p: ProductCircularity) -> MciResult:
    """MCI of one product.

    V = M(1 − F_R − F_U); W0 = M(1 − C_R − C_U); W_C = M(1 − E_C)C_R;
    W_F = M(1 − E_F)F_R / E_F; W = W0 + (W_F + W_C)/2;
    LFI = (V + W) / (2M + (W_F − W_C)/2); X = (L/L_av)(U/U_av); F(X) = 0.9/X;
    MCI = max(0, 1 − LFI·F(X)).
    """
    m = p.mass_kg
    e_f_default, e_c_default = default_efficiencies(p.material_class)
    used = []
    e_f = p.recycling_efficiency_feedstock
    if e_f is None:
        e_f, used = e_f_default, [*used, "recycling_efficiency_feedstock"]
    e_c = p.recycling_efficiency_eol
    if e_c is None:
        e_c, used = e_c_default, [*used, "recycling_efficiency_eol"]
    v = m * (1 - p.recycled_feedstock - p.reused_feedstock)
    w0 = m * (1 - p.collected_for_recycling - p.collected_for_reuse)
    wc = m * (1 - e_c) * p.collected_for_recycling
    wf = m * (1 - e_f) * p.recycled_feedstock / e_f if p.recycled_feedstock > 0 else 0.0
    w = w0 + (wf + wc) / 2
    lfi = (v + w) / (2 * m + (wf - wc) / 2)
    x = p.lifetime_ratio * p.intensity_ratio
    value = max(0.0, 1 - lfi * 0.9 / x)
    return MciResult(p.name, m, v, w0, wc, wf, w, lfi, x, value, tuple(used))


def firm_mci(results: list[MciResult], weights: dict[str, float]) -> float | None:
    """Mass-weighted MCI of a firm's products.

    ``weights`` maps product name to its yearly mass (t) from production; a product without a
    production line weighs its own unit mass. None when there are no products.
    """
    if not results:
        return None
    weighted = [(r.mci, weights.get(r.name) or r.mass_kg / 1000) for r in results]
    total = sum(w for _, w in weighted)
    return sum(v * w for v, w in weighted) / total if total > 0 else None
