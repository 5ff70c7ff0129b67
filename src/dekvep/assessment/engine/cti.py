"""WBCSD Circular Transition Indicators (CTI v4 definitions, simplified to inventory data).

All percentages are 0-100. Inflow counts recycled and reused content plus renewable content of
the virgin part that is sustainably sourced — only materials with a ``certificate`` (organic,
BCI, FSC, ...); conventional cotton is renewable but not circular. renewable_share is a share of
the whole material, so the part overlapping recycled content is counted once. Without
``products[]`` the outflow is incomplete: the outflow figures are not computed.
Outflow counts waste sent to reuse or recycling and products
sold whose end-of-use collection is known (collected for reuse or recycling); energy recovery is
not circular for technical materials.
"""

from __future__ import annotations

from dataclasses import dataclass

from .canonical import CanonicalInventory

CIRCULAR_ROUTES = ("reuse", "recycling")
CIRCULAR_WATER_SOURCES = ("rainwater", "recycled_external")


def _pct(part: float, whole: float) -> float | None:
    return 100 * part / whole if whole > 0 else None


@dataclass(frozen=True)
class CircularTransition:
    """CTI figures; ``circular_material_productivity_try_per_t`` is TRY of revenue per tonne
    of linear (non-circular) inflow."""

    inflow_t: float
    circular_inflow_t: float
    outflow_t: float
    circular_outflow_t: float
    circular_inflow_pct: float | None
    circular_outflow_pct: float | None
    circularity_pct: float | None
    renewable_energy_pct: float | None
    water_circularity_pct: float | None
    circular_material_productivity_try_per_t: float | None
    outflow_complete: bool = True

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def circular_inflow_t(inv: CanonicalInventory) -> float:
    """Tonnes of inflow that are recycled, reused or renewable."""
    total = 0.0
    for m in inv.materials:
        recovered = m.recycled_share + m.reused_share
        renewable = min(m.renewable_share, 1 - recovered) if m.certificate else 0.0
        total += m.t * (recovered + renewable)
    return total


def _product_outflow(inv: CanonicalInventory) -> tuple[float, float]:
    out = circular = 0.0
    for p in inv.products:
        t = inv.production_t.get(p.name, 0.0)
        out += t
        circular += t * (p.collected_for_recycling + p.collected_for_reuse)
    return out, circular


def transition_indicators(inv: CanonicalInventory) -> CircularTransition:
    """Circular inflow and outflow, % circularity, renewable energy and water circularity."""
    inflow = sum(m.t for m in inv.materials)
    circ_in = circular_inflow_t(inv)
    product_out, product_circ = _product_outflow(inv)
    outflow = product_out + sum(w.t for w in inv.wastes)
    circ_out = product_circ + sum(w.t for w in inv.wastes if w.route in CIRCULAR_ROUTES)
    energy = sum(e.kwh for e in inv.energy)
    renewable = sum(e.kwh for e in inv.energy if e.carrier == "solar_onsite") + sum(
        min(e.certified_renewable_kwh, e.kwh) for e in inv.energy if e.carrier == "electricity"
    )
    water = sum(inv.water_m3.values())
    circular_water = inv.reused_water_m3 + sum(
        inv.water_m3.get(s, 0.0) for s in CIRCULAR_WATER_SOURCES
    )
    linear_in = inflow - circ_in
    complete = bool(inv.products)
    if not complete:  # waste alone is not the outflow: products leave the site too
        outflow = circ_out = 0.0
    return CircularTransition(
        inflow_t=inflow,
        circular_inflow_t=circ_in,
        outflow_t=outflow,
        circular_outflow_t=circ_out,
        circular_inflow_pct=_pct(circ_in, inflow),
        circular_outflow_pct=_pct(circ_out, outflow) if complete else None,
        circularity_pct=_pct(circ_in + circ_out, inflow + outflow) if complete else None,
        renewable_energy_pct=_pct(renewable, energy),
        water_circularity_pct=_pct(circular_water, water + inv.reused_water_m3),
        circular_material_productivity_try_per_t=inv.revenue_try / linear_in
        if linear_in > 0 and inv.revenue_try > 0
        else None,
        outflow_complete=complete,
    )
