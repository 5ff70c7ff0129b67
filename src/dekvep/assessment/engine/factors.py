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

    def material_factor(self, material_class: str) -> float | None:
        """Cradle-to-gate tCO2e per tonne of a purchased material class, None if unknown."""
        entry = self.data["scope3"]["materials_tco2e_per_t"].get(material_class)
        return float(entry["value"]) if entry else None

    def waste_factor(self, route: str) -> float:
        """tCO2e per tonne of waste sent along ``route``."""
        return float(self.data["scope3"]["waste_tco2e_per_t"][route]["value"])

    def transport_factor(self) -> float:
        """tCO2e per tonne-kilometre of road freight."""
        return float(self.data["scope3"]["transport_tco2e_per_tkm"]["value"])

    def describe(self) -> dict[str, Any]:
        """Name, version and overrides, as an assessment records them."""
        return {"name": self.name, "version": self.version, "overrides": dict(self.overrides)}


@cache
def _load_raw(name: str) -> dict[str, Any]:
    path = FACTOR_SET_DIR / f"{name}.json"
    if not path.is_file():
        raise FactorError(_("no factor set '%(name)s'") % {"name": name})
    return json.loads(path.read_text(encoding="utf-8"))


def available_factor_sets() -> list[str]:
    return sorted(p.stem for p in FACTOR_SET_DIR.glob("*.json"))


def load_factor_set(
    name: str = DEFAULT_FACTOR_SET, overrides: dict[str, float] | None = None
) -> FactorSet:
    """The factor set ``name`` with ``overrides`` (dotted path → value) applied."""
    raw = _load_raw(name)
    if not overrides:
        return FactorSet(raw)
    data = copy.deepcopy(raw)
    for path, value in overrides.items():
        _set_path(data, path, float(value))
    return FactorSet(data, dict(overrides))


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
