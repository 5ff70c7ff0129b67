"""Factor sets: the versioned emission factors, NCVs and GWPs an assessment uses.

A factor set is a JSON file under ``assessment/data/factor_sets/`` with its sources beside each
value. An assessment names the set (name + version) it used and may override single values by
dotted path, e.g. ``{"electricity.grid_tco2e_per_mwh.2024": 0.45}``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .i18n import _

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FACTOR_SET_DIR = DATA_DIR / "factor_sets"
DEFAULT_FACTOR_SET = "dekvep-tr-2024"


class FactorError(ValueError):
    """A factor is missing or an override names no factor."""


@dataclass(frozen=True)
class FactorSet:
    """A loaded factor set; ``overrides`` records which values the assessment replaced."""

    data: dict[str, Any]
    overrides: dict[str, float] = field(default_factory=dict)
    gwp_set: str = "AR5"

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def version(self) -> str:
        return self.data["version"]

    def fuel(self, carrier: str) -> dict[str, Any]:
        """NCVs (MJ/kg, MJ/Sm³), density (kg/L) and CO2/CH4/N2O factors (kg/TJ) of a fuel."""
        return self.data["fuels"][carrier]

    def gwp(self, gas: str) -> float:
        """100-year global warming potential of ``gas`` (kgCO2e per kg)."""
        try:
            return float(self.data["gwp"][gas]["value"])
        except KeyError:
            message = _("no GWP for '%(gas)s' in %(name)s %(version)s")
            params = {"gas": gas, "name": self.name, "version": self.version}
            raise FactorError(message % params) from None

    def gases(self) -> list[str]:
        return sorted(self.data["gwp"])

    def kyoto(self, gas: str) -> bool:
        """False for gases outside the Kyoto basket (HCFCs such as R-22, Montreal Protocol)."""
        return bool(self.data["gwp"].get(gas, {}).get("kyoto", True))

    def combustion_factors(self, carrier: str, use: str = "stationary") -> dict[str, float]:
        """CO2, CH4, N2O (kg/TJ) of a fuel burnt in plant (``stationary``) or vehicles."""
        fuel = self.fuel(carrier)
        found = {k: fuel[k] for k in ("co2_kg_per_tj", "ch4_kg_per_tj", "n2o_kg_per_tj")}
        if use == "mobile" and "mobile" in fuel:
            found.update({k: fuel["mobile"][k] for k in ("ch4_kg_per_tj", "n2o_kg_per_tj")})
        return found

    def grid_level_factor(self, year: int, level: str) -> tuple[float, int, str] | None:
        """Grid factor (tCO2e/MWh) of ``level`` (generation, transmission, distribution) for
        ``year``: the same year, else the nearest year that has the level; None if none has."""
        levels = self.data["electricity"].get("grid_levels", {})
        years = [int(y) for y, v in levels.items() if level in v]
        if not years:
            return None
        used = min(years, key=lambda y: (abs(y - year), -y))
        return float(levels[str(used)][level]), used, level

    def grid_level_unverified(self, year: int, level: str) -> bool:
        """True for a level's value not yet checked against the published form (see the set's
        ``grid_levels_status``): a report that uses it says so."""
        unverified = self.data["electricity"].get("grid_levels_unverified", {})
        return level in unverified.get(str(year), ())

    def fuel_upstream(self, carrier: str) -> float:
        """Well-to-tank tCO2e per MWh (net) of a fuel (scope 3 category 3), 0 when unknown."""
        entry = self.data["scope3"].get("fuel_upstream_tco2e_per_mwh", {}).get(carrier)
        return float(entry["value"]) if entry else 0.0

    def grid_losses_share(self) -> float:
        entry = self.data["scope3"].get("grid_losses_share")
        return float(entry["value"]) if entry else 0.0

    def grid_factor(self, year: int) -> tuple[float, int]:
        """Grid factor (tCO2e/MWh) for consumption in ``year`` and the year it was published for.

        A year without a published value takes the closest earlier year, or the first one.
        """
        series = {
            int(y): float(v) for y, v in self.data["electricity"]["grid_tco2e_per_mwh"].items()
        }
        earlier = [y for y in series if y <= year]
        used = max(earlier) if earlier else min(series)
        return series[used], used

    def certified_renewable_factor(self) -> float:
        """tCO2e/MWh of electricity backed by YEK-G / I-REC certificates (market-based)."""
        return float(self.data["electricity"]["certified_renewable_tco2e_per_mwh"])

    def steam(self) -> dict[str, Any]:
        """``gj_per_t`` (GJ per tonne of steam) and ``tco2e_per_mwh`` of purchased steam."""
        return self.data["steam"]

    def material_factor(self, material_class: str, origin: str | None = None) -> float | None:
        """Cradle-to-gate tCO2e per tonne of a purchased material class, None if unknown; the
        value of the ``origin`` country (ISO code) where the set has per-origin values."""
        entry = self.data["scope3"]["materials_tco2e_per_t"].get(material_class)
        if not entry:
            return None
        by_origin = entry.get("origins") or {}
        if origin and origin.upper() in by_origin:
            return float(by_origin[origin.upper()])
        return float(entry["value"])

    def recycled_factor(self, material_class: str | None, virgin: float) -> float:
        """tCO2e per tonne of recycled content of a class under the cut-off approach (its own,
        lower factor); the virgin factor when the set has none (no credit assumed)."""
        table = self.data["scope3"].get("recycled_materials_tco2e_per_t", {})
        entry = table.get(material_class) if material_class else None
        return float(entry["value"]) if entry else virgin

    def waste_factor(self, route: str) -> float:
        """tCO2e per tonne of waste sent along ``route``."""
        return float(self.data["scope3"]["waste_tco2e_per_t"][route]["value"])

    def transport_factor(self) -> float:
        """tCO2e per tonne-kilometre of road freight."""
        return float(self.data["scope3"]["transport_tco2e_per_tkm"]["value"])

    def describe(self) -> dict[str, Any]:
        """Name, version and overrides, as an assessment records them."""
        return {
            "name": self.name,
            "version": self.version,
            "overrides": dict(self.overrides),
            "gwp_set": self.gwp_set,
        }


@cache
def _load_raw(name: str) -> dict[str, Any]:
    path = FACTOR_SET_DIR / f"{name}.json"
    if not path.is_file():
        raise FactorError(_("no factor set '%(name)s'") % {"name": name})
    return json.loads(path.read_text(encoding="utf-8"))


def available_factor_sets() -> list[str]:
    return sorted(p.stem for p in FACTOR_SET_DIR.glob("*.json"))


GWP_SETS = ("AR5", "AR6")


def load_factor_set(
    name: str = DEFAULT_FACTOR_SET,
    overrides: dict[str, float] | None = None,
    gwp_set: str | None = None,
) -> FactorSet:
    """The factor set ``name`` with ``overrides`` (dotted path → value) applied, using the GWP
    set ``gwp_set`` (AR5 by default, for consistency with Türkiye's national inventory)."""
    raw = _load_raw(name)
    gwp_set = gwp_set or raw.get("gwp_sets", {}).get("default", "AR5")
    if gwp_set not in GWP_SETS:
        raise FactorError(_("no GWP set '%(name)s'") % {"name": gwp_set})
    if not overrides and gwp_set == "AR5":
        return FactorSet(raw)
    data = copy.deepcopy(raw)
    if gwp_set == "AR6":
        data["gwp"] = data["gwp_ar6"]
    for path, value in (overrides or {}).items():
        _set_path(data, path, float(value))
    return FactorSet(data, dict(overrides or {}), gwp_set)


def _set_path(data: dict[str, Any], path: str, value: float) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        if not isinstance(node, dict) or part not in node:
            raise _no_factor(path)
        node = node[part]
    if not isinstance(node, dict):
        raise _no_factor(path)
    # New years may be added to a series; any other key must already exist.
    if last not in node and not (parents and parents[-1] == "grid_tco2e_per_mwh"):
        raise _no_factor(path)
    if isinstance(node.get(last), dict):
        node[last]["value"] = value
    else:
        node[last] = value


def _no_factor(path: str) -> FactorError:
    return FactorError(_("override '%(path)s' names no factor") % {"path": path})
