"""The reference data the engine reasons with, read from the shipped CSV files.

Files live in ``dekvep/catalog/data``; every file carries its source and year. The List of
Waste is read from the project file and, while that is absent, from the reference copy with
the older single ``description`` column.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dekvep.symbiosis.engine.stem import stems

DATA_DIR = Path(__file__).resolve().parents[2] / "catalog" / "data"
REFERENCE_LOW = Path("/work/shared/reference/list-of-waste-en.csv")


@dataclass(frozen=True, slots=True)
class Material:
    id: str
    parent: str | None
    name_en: str
    name_tr: str
    hazardous: bool
    units: frozenset[str]
    low_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Process:
    id: str
    name_en: str
    name_tr: str
    nace: str


@dataclass(frozen=True, slots=True)
class WasteCode:
    code: str
    hazardous: bool
    description_en: str
    description_tr: str


@dataclass(frozen=True, slots=True)
class Attribute:
    """A quality attribute value ("colour:clear"), the bit it holds in a listing's mask."""

    id: str
    group: str
    value: str
    name_en: str
    name_tr: str
    weight: float
    bit: int


@dataclass(slots=True, eq=False)
class Knowledge:
    materials: dict[str, Material]
    processes: dict[str, Process]
    # (material, process) → weight, including routes inherited from the parent material.
    routes: dict[tuple[str, str], float]
    waste_codes: dict[str, WasteCode]
    densities: dict[str, float]
    piece_masses: dict[str, float]
    nace_prefixes: dict[str, tuple[str, ...]]
    factors: dict[tuple[str, str], float]
    # first stem of a phrase → [(phrase stems, ("m"|"p", id))], longest phrase first
    phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]] = field(default_factory=dict)
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)
    routes_by_material: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    routes_by_process: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    attributes: dict[str, Attribute] = field(default_factory=dict)
    attribute_phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]] = field(
        default_factory=dict
    )
    # attribute group → (weight of a mismatch, mask of its values' bits)
    groups: dict[str, tuple[float, int]] = field(default_factory=dict)
    # material → [(context stems, the material it becomes)]
    qualifiers: dict[str, tuple[tuple[frozenset[str], str], ...]] = field(default_factory=dict)
    # material → "heat" | "piped" | "process" (empty: matched by material alone)
    matching: dict[str, str] = field(default_factory=dict)

    def ancestors(self, material: str) -> list[str]:
        chain = []
        parent = self.materials[material].parent
        while parent:
            chain.append(parent)
            parent = self.materials[parent].parent
        return chain

    def root(self, material: str) -> str:
        chain = self.ancestors(material)
        return chain[-1] if chain else material

    def routes_by_material_of_process(self, process: str) -> tuple[tuple[str, float], ...]:
        return self.routes_by_process.get(process, ())

    def descendants(self, material: str) -> list[str]:
        found: list[str] = []
        stack = list(self.children.get(material, ()))
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(self.children.get(child, ()))
        return found

    def factor(self, name: str, material: str | None = None) -> float | None:
        """The factor for ``material``, else for its nearest ancestor, else the general one."""
        if material:
            for candidate in [material, *self.ancestors(material)]:
                if (name, candidate) in self.factors:
                    return self.factors[(name, candidate)]
        return self.factors.get((name, "default"), self.factors.get((name, "")))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines))


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def load_waste_codes(path: Path | None = None) -> dict[str, WasteCode]:
    """Read the List of Waste from the project file or, failing that, the reference copy."""
    candidates = [path] if path else [DATA_DIR / "list_of_waste.csv", REFERENCE_LOW]
    for candidate in candidates:
        if candidate and candidate.exists():
            return {
                row["code"]: WasteCode(
                    code=row["code"],
                    hazardous=row["hazardous"].strip().lower() == "true",
                    description_en=row.get("description_en") or row.get("description") or "",
                    description_tr=row.get("description_tr") or "",
                )
                for row in _rows(candidate)
            }
    return {}


def _load_materials(data: Path) -> dict[str, Material]:
    return {
        row["id"]: Material(
            id=row["id"],
            parent=row["parent"] or None,
            name_en=row["name_en"],
            name_tr=row["name_tr"],
            hazardous=row["hazardous"] == "true",
            units=frozenset(_split(row["units"])),
            low_codes=tuple(_split(row["low_codes"])),
        )
        for row in _rows(data / "materials.csv")
    }


def _phrase_table(data: Path) -> dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]]:
    entries: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    _material_and_process_phrases(data, entries)
    return _index_phrases(entries)


def _index_phrases(entries) -> dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]]:
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]] = defaultdict(list)
    for key, targets in entries.items():
        for target in sorted(targets):
            table[key[0]].append((key, target))
    for options in table.values():
        options.sort(key=lambda item: -len(item[0]))
    return dict(table)


def _material_and_process_phrases(data: Path, entries) -> None:
    for row in _rows(data / "materials.csv"):
        names = [row["name_en"], row["name_tr"]]
        for column in ("synonyms_en", "synonyms_tr", "trade_words"):
            names += _split(row[column])
        for name in names:
            if key := tuple(stems(name)):
                entries[key].add(("m", row["id"]))
    for row in _rows(data / "process_types.csv"):
        for name in [row["name_en"], row["name_tr"], *_split(row["keywords_en"])]:
            if key := tuple(stems(name)):
                entries[key].add(("p", row["id"]))
        for name in _split(row["keywords_tr"]):
            if key := tuple(stems(name)):
                entries[key].add(("p", row["id"]))


def _load_attributes(data: Path, knowledge: Knowledge) -> None:
    entries: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    groups: dict[str, tuple[float, int]] = {}
    for bit, row in enumerate(_rows(data / "listing_attributes.csv")):
        ident = f"{row['attribute']}:{row['value']}"
        attribute = Attribute(
            ident,
            row["attribute"],
            row["value"],
            row["name_en"],
            row["name_tr"],
            float(row["weight"]),
            1 << bit,
        )
        knowledge.attributes[ident] = attribute
        weight, mask = groups.get(attribute.group, (attribute.weight, 0))
        groups[attribute.group] = (weight, mask | attribute.bit)
        for name in [*_split(row["words_en"]), *_split(row["words_tr"])]:
            if key := tuple(stems(name)):
                entries[key].add(("a", ident))
    knowledge.attribute_phrases = _index_phrases(entries)
    knowledge.groups = groups
    qualifiers: dict[str, list[tuple[frozenset[str], str]]] = defaultdict(list)
    for row in _rows(data / "material_qualifiers.csv"):
        words = {s for w in _split(row["context_en"]) + _split(row["context_tr"]) for s in stems(w)}
        qualifiers[row["material"]].append((frozenset(words), row["becomes"]))
    knowledge.qualifiers = {k: tuple(v) for k, v in qualifiers.items()}


def _routes(data: Path, materials: dict[str, Material]) -> dict[tuple[str, str], float]:
    direct = {
        (r["material"], r["process"]): float(r["weight"])
        for r in _rows(data / "receiving_processes.csv")
    }
    routes = dict(direct)
    has_own = {m for m, _ in direct}
    # A child with no routes of its own inherits its parent's, at a discount; one with its own
    # routes does not (copper is a metal, but an arc furnace does not want it).
    for material in materials.values():
        if material.id in has_own:
            continue
        parent = material.parent
        depth = 1
        while parent:
            for (m, process), weight in direct.items():
                if m == parent and (material.id, process) not in routes:
                    routes[(material.id, process)] = round(weight * 0.9**depth, 4)
            parent = materials[parent].parent
            depth += 1
    return routes


def load_knowledge(data: Path | None = None) -> Knowledge:
    data = data or DATA_DIR
    materials = _load_materials(data)
    processes = {
        r["id"]: Process(r["id"], r["name_en"], r["name_tr"], r["nace"])
        for r in _rows(data / "process_types.csv")
    }
    densities, piece_masses = {}, {}
    for row in _rows(data / "densities.csv"):
        densities[row["material"]] = float(row["density_t_per_m3"])
        if row["mass_per_piece_t"]:
            piece_masses[row["material"]] = float(row["mass_per_piece_t"])
    factors = {
        (r["factor"], r["material"]): float(r["value"])
        for r in _rows(data / "symbiosis_impact_factors.csv")
    }
    nace = {
        r["nace_division"]: tuple(_split(r["low_prefixes"]))
        for r in _rows(data / "nace_waste_chapters.csv")
    }
    routes = _routes(data, materials)
    knowledge = Knowledge(
        materials=materials,
        processes=processes,
        routes=routes,
        waste_codes=load_waste_codes(),
        densities=densities,
        piece_masses=piece_masses,
        nace_prefixes=nace,
        factors=factors,
        phrases=_phrase_table(data),
    )
    children: dict[str, list[str]] = defaultdict(list)
    for material in materials.values():
        if material.parent:
            children[material.parent].append(material.id)
    knowledge.children = {k: tuple(v) for k, v in children.items()}
    by_material: dict[str, list[tuple[str, float]]] = defaultdict(list)
    by_process: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (material, process), weight in routes.items():
        by_material[material].append((process, weight))
        by_process[process].append((material, weight))
    knowledge.routes_by_material = {k: tuple(v) for k, v in by_material.items()}
    knowledge.routes_by_process = {k: tuple(v) for k, v in by_process.items()}
    knowledge.matching = {
        r["id"]: r["matching"] for r in _rows(data / "materials.csv") if r.get("matching")
    }
    _load_attributes(data, knowledge)
    return knowledge


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The knowledge read from the shipped data (``DEKVEP_CATALOG_DATA`` points elsewhere)."""
    override = os.environ.get("DEKVEP_CATALOG_DATA")
    return load_knowledge(Path(override) if override else None)
