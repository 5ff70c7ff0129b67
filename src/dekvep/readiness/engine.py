"""Pure decisions: which catalogue requirements reach a firm, and its product footprints.

No Django import: the functions take the catalogue (a dict from ``data/rules.json`` or a newer
version saved by operator staff) and plain facts, and return dataclasses. ``facts.py`` builds the
facts from a firm's profile, NACE codes and approved inventory.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache
from typing import Any

APPLIES, MAY_APPLY, DOES_NOT_APPLY = "applies", "may_apply", "does_not_apply"
SIZE_ORDER = {"micro": 0, "small": 1, "medium": 2, "large": 3}


@dataclass
class Facts:
    """What the platform knows about a firm; ``None`` means "not answered"."""

    sector: str = ""
    nace_codes: list[str] = field(default_factory=list)
    cn_codes: list[str] = field(default_factory=list)
    product_types: list[str] = field(default_factory=list)
    exports_to_eu: bool | None = None
    eu_export_share: float | None = None
    customer_requests: bool | None = None
    fgas_equipment: bool | None = None
    fgas_products: bool | None = None
    packaging_placed: bool | None = None
    size: str | None = None
    mrv_installation: bool | None = None
    cbam_inputs: list[str] = field(default_factory=list)
    uses_chemicals: bool = False


@dataclass
class Reason:
    """One reason, as a message key and its parameters; the web layer words it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Decision:
    rule_id: str
    status: str
    reasons: list[Reason]
    deadline: str | None
    deadline_label: dict[str, str] | None


@cache
def _clean_prefixes(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(prefix.replace(".", "") for prefix in prefixes)


def _prefix_hits(values: list[str], prefixes: list[str]) -> list[str]:
    """The values (NACE or CN codes) that start with one of ``prefixes``, dots ignored."""
    if not values or not prefixes:
        return []
    clean = _clean_prefixes(tuple(prefixes))
    return [v for v in dict.fromkeys(values) if v.replace(".", "").startswith(clean)]


def _triggers(match: dict[str, Any], facts: Facts) -> list[Reason]:
    """Why the rule's scope reaches the firm (empty: it does not)."""
    reasons = []
    if facts.sector and facts.sector in match.get("sectors", []):
        reasons.append(Reason("sector", {"sector": facts.sector}))
    nace = _prefix_hits(facts.nace_codes, match.get("nace_prefixes", []))
    if nace:
        reasons.append(Reason("nace", {"codes": nace}))
    cn = _prefix_hits(facts.cn_codes, match.get("cn_prefixes", []))
    if cn:
        reasons.append(Reason("cn", {"codes": cn}))
    types = [t for t in facts.product_types if t in match.get("product_types", [])]
    if types:
        reasons.append(Reason("product_types", {"types": types}))
    if match.get("fgas_equipment") and facts.fgas_equipment:
        reasons.append(Reason("fgas_equipment"))
    if match.get("fgas_products") and facts.fgas_products:
        reasons.append(Reason("fgas_products"))
    if match.get("packaging") and facts.packaging_placed:
        reasons.append(Reason("packaging"))
    if match.get("all") and not reasons:
        reasons.append(Reason("all"))
    return reasons


def _indirect(keys: list[str], facts: Facts) -> list[Reason]:
    """Links that make a rule *may apply* even when the firm is not directly in scope."""
    reasons = []
    for key in keys:
        if key == "cbam_inputs" and facts.cbam_inputs:
            reasons.append(Reason("cbam_inputs", {"codes": facts.cbam_inputs}))
        elif key == "uses_chemicals" and facts.uses_chemicals:
            reasons.append(Reason("uses_chemicals"))
        elif key == "textile_sector" and facts.sector == "textile":
            reasons.append(Reason("textile_supplier"))
        elif key == "eu_export" and facts.exports_to_eu:
            reasons.append(Reason("eu_customers_may_ask"))
        elif key == "all":
            reasons.append(Reason("depends_on_secondary_rules"))
    return reasons


def _condition(name: str, facts: Facts) -> bool | None:
    if name == "eu_export":
        return facts.exports_to_eu
    if name == "customer_requests":
        return facts.customer_requests
    if name == "mrv_installation":
        return facts.mrv_installation
    if name == "never":
        return False
    minimum = {"medium_or_large": "medium", "large": "large"}.get(name)
    if minimum:
        if facts.size is None:
            return None
        return SIZE_ORDER[facts.size] >= SIZE_ORDER[minimum]
    raise ValueError(f"unknown condition {name!r}")


def deadline(dates: list[dict], today: datetime.date) -> tuple[str | None, dict | None]:
    """The next date of a rule on or after ``today`` (the last one when all have passed)."""
    ordered = sorted(dates, key=lambda d: d["date"])
    day = today.isoformat()
    for item in ordered:
        if item["date"] >= day:
            return item["date"], item["label"]
    if ordered:
        return ordered[-1]["date"], ordered[-1]["label"]
    return None, None


def decide_rule(rule: dict[str, Any], facts: Facts, today: datetime.date) -> Decision:
    """Applies / may apply / does not apply, with the reasons, for one catalogue rule."""
    triggers = _triggers(rule.get("match", {}), facts)
    indirect = _indirect(rule.get("indirect", []), facts)
    due, label = deadline(rule.get("dates", []), today)
    if not triggers:
        if indirect:
            return Decision(rule["id"], MAY_APPLY, indirect, due, label)
        return Decision(rule["id"], DOES_NOT_APPLY, [Reason("out_of_scope")], due, label)
    results = {name: _condition(name, facts) for name in rule.get("conditions", [])}
    failed = [name for name, value in results.items() if value is False]
    unknown = [name for name, value in results.items() if value is None]
    if failed:
        if indirect:
            return Decision(rule["id"], MAY_APPLY, triggers + indirect, due, label)
        refusal = [Reason(f"not_{name}") for name in failed]
        return Decision(rule["id"], DOES_NOT_APPLY, refusal, due, label)
    if unknown:
        reasons = triggers + [Reason("unanswered", {"questions": unknown})]
        return Decision(rule["id"], MAY_APPLY, reasons, due, label)
    met = [Reason(f"met_{name}") for name in results]
    return Decision(rule["id"], APPLIES, triggers + met, due, label)


def decide(catalogue: dict[str, Any], facts: Facts, today: datetime.date) -> list[Decision]:
    """A decision for every rule of the catalogue, in catalogue order."""
    return [decide_rule(rule, facts, today) for rule in catalogue["rules"]]


# -- product footprints --------------------------------------------------------------------

SITE_SOURCES_NOTE = "scope 1 + scope 2 (location-based)"
UPSTREAM_SOURCES = ("purchased_materials", "upstream_transport", "waste_treatment")
ALLOCATION_KEYS = ("mass", "revenue", "pieces")


@dataclass
class ProductFootprint:
    product: str
    tonnes: float
    pieces: float | None
    unit_mass_kg: float | None
    share: float
    site_tco2e: float
    upstream_tco2e: float

    @property
    def total_tco2e(self) -> float:
        return self.site_tco2e + self.upstream_tco2e

    @property
    def per_tonne(self) -> float | None:
        return self.total_tco2e / self.tonnes if self.tonnes else None

    @property
    def per_piece_kg(self) -> float | None:
        """kg CO2e per piece, when the product line states a piece mass."""
        if self.per_tonne is None or not self.unit_mass_kg:
            return None
        return self.per_tonne * self.unit_mass_kg  # t/t × kg = kg CO2e per piece


def _line_tonnes(line: dict[str, Any]) -> tuple[float, float | None, float | None]:
    """(tonnes, pieces, kg per piece) of a production line of the inventory format."""
    quantity, unit = float(line["quantity"]), line["unit"]
    mass = line.get("unit_mass_kg")
    if unit == "pcs":
        return quantity * float(mass) / 1000, quantity, mass
    factor = {"t": 1.0, "kg": 0.001}.get(unit)
    tonnes = quantity * factor if factor is not None else quantity
    pieces = tonnes * 1000 / float(mass) if mass else None
    return tonnes, pieces, mass


def allocation_shares(production: list[dict[str, Any]], key: str) -> list[float]:
    """Each production line's share of the site's emissions under ``key``.

    ``mass`` by tonnes produced, ``revenue`` by revenue (falls back to mass when a line has
    none), ``pieces`` by pieces (falls back to mass when a line's pieces are unknown).
    """
    if key not in ALLOCATION_KEYS:
        raise ValueError(f"unknown allocation key {key!r}")
    lines = [_line_tonnes(line) for line in production]
    if key == "revenue" and all(line.get("revenue_try") for line in production):
        weights = [float(line["revenue_try"]) for line in production]
    elif key == "pieces" and all(pieces for _, pieces, _ in lines):
        weights = [pieces for _, pieces, _ in lines]
    else:
        weights = [tonnes for tonnes, _, _ in lines]
    total = sum(weights)
    return [w / total if total else 0.0 for w in weights]


def effective_key(production: list[dict[str, Any]], key: str) -> str:
    """The key actually used (``mass`` when the chosen one lacks data for some line)."""
    if key == "revenue" and not all(line.get("revenue_try") for line in production):
        return "mass"
    if key == "pieces" and not all(_line_tonnes(line)[1] for line in production):
        return "mass"
    return key


def product_footprints(
    production: list[dict[str, Any]], ghg: dict[str, Any], key: str = "mass"
) -> list[ProductFootprint]:
    """Cradle-to-gate footprints per product line from an assessment's ``ghg`` result.

    Site emissions (scope 1 and location-based scope 2) and the upstream emissions of purchased
    materials, their transport and the treatment of production waste are allocated to the lines
    by the same key; use-phase and end-of-life emissions of sold products are left out.
    """
    site = float(ghg.get("scope1_tco2e") or 0) + float(ghg.get("scope2_location_tco2e") or 0)
    sources = ghg.get("by_source") or {}
    upstream = sum(float(sources.get(name) or 0) for name in UPSTREAM_SOURCES)
    shares = allocation_shares(production, effective_key(production, key))
    result = []
    for line, share in zip(production, shares, strict=True):
        tonnes, pieces, mass = _line_tonnes(line)
        result.append(
            ProductFootprint(
                line["product"], tonnes, pieces, mass, share, site * share, upstream * share
            )
        )
    return result
