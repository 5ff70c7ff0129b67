"""Reading a listing: the materials and receiving processes it names, its code, its hazard."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.model import Listing, Profile
from dekvep.symbiosis.engine.reading import Reading, read_text
from dekvep.symbiosis.engine.stem import stems
from dekvep.text import normalise_waste_code


def find_terms(text: str, knowledge: Knowledge) -> list[tuple[str, str, str]]:
    """The taxonomy terms named in ``text``, longest phrase first: [(kind, id, matched stems)]."""
    tokens = stems(text)
    found: list[tuple[str, str, str]] = []
    i = 0
    while i < len(tokens):
        step = 1
        for phrase, (kind, ident) in knowledge.phrases.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                found.append((kind, ident, " ".join(phrase)))
                step = len(phrase)
                # the same phrase may name several entries: keep them all, then move past it
                for other, target in knowledge.phrases[tokens[i]]:
                    if other == phrase and target != (kind, ident):
                        found.append((target[0], target[1], " ".join(phrase)))
                break
        i += step
    return found


def _most_specific(materials: list[str], knowledge: Knowledge) -> list[str]:
    """Drop a material when one of its descendants is also named ("plastic ... PP" → PP)."""
    named = set(materials)
    keep = []
    for material in materials:
        if any(d in named for d in knowledge.descendants(material)):
            continue
        if material not in keep:
            keep.append(material)
    return keep


def materials_of_code(code: str, knowledge: Knowledge) -> list[str]:
    """The materials a waste code stands for, read from its description or the taxonomy."""
    listing = [m.id for m in knowledge.materials.values() if code in m.low_codes]
    entry = knowledge.waste_codes.get(code)
    if entry:
        for text in (entry.description_en, entry.description_tr):
            named = [i for k, i, _ in find_terms(text, knowledge) if k == "m"]
            named = [m for m in named if m in listing] or ([] if listing else named)
            if named:
                return _most_specific(named, knowledge)[:2]
    if not listing:
        return []
    roots = Counter(([m, *knowledge.ancestors(m)][-1]) for m in listing)
    top = max(roots.values())
    return [root for root, count in roots.items() if count == top]


def _qualified(materials: list[str], reading: Reading, knowledge: Knowledge) -> list[str]:
    """A shared word read in its context: "talaş" beside "çelik" is steel, not wood."""
    out = []
    for material in materials:
        for context, becomes in knowledge.qualifiers.get(material, ()):
            if context & reading.stems:
                material = becomes
                break
        out.append(material)
    return list(dict.fromkeys(out))


def _with_code(materials: list[str], code: str, knowledge: Knowledge, offer: bool) -> list[str]:
    """The List of Waste code outranks a word of another material class, and narrows the wide
    word of an offer: "talaş" with 12 01 01 is steel turnings; "kül" with 10 01 01 is bottom ash.
    A want keeps its wide words: "OCC ve karışık kağıt" with 15 01 01 still takes mixed paper.
    """
    of_code = materials_of_code(code, knowledge)
    if not of_code:
        return materials
    code_roots = {knowledge.root(m) for m in of_code}
    if not code_roots & {knowledge.root(m) for m in materials}:
        return of_code
    if not offer:
        return materials
    narrowed = []
    for material in materials:
        narrower = [c for c in of_code if c in knowledge.descendants(material)]
        narrowed += narrower[:1] or [material]
    return list(dict.fromkeys(narrowed))


@lru_cache(maxsize=8192)
def _read(knowledge: Knowledge, text: str) -> Reading:
    # firms often list the same thing in the same words: each text is read once
    return read_text(text, knowledge)


def read_listing(listing: Listing, knowledge: Knowledge) -> Profile:
    """Understand one listing."""
    reading = _read(knowledge, f"{listing.title} . {listing.description}")
    named = reading.named("m")
    if listing.material and listing.material in knowledge.materials:
        named.insert(0, listing.material)
    named = _qualified(named, reading, knowledge)
    # An offer is one thing, so its most specific name wins; a want that names a family and some
    # of its members ("talaş ve ahşap atığı") takes the whole family.
    materials = (
        _most_specific(named, knowledge) if listing.kind == "offer" else list(dict.fromkeys(named))
    )
    chosen_processes = [p for p in listing.processes if p in knowledge.processes]
    processes = list(dict.fromkeys(chosen_processes + reading.named("p")))
    text_materials = bool(materials)
    code = normalise_waste_code(listing.waste_code or "") if listing.waste_code else None
    if not materials and code:
        materials = materials_of_code(code, knowledge)
    elif materials and code:
        materials = _with_code(materials, code, knowledge, listing.kind == "offer")
    hazardous = bool(listing.hazardous)
    if code and code in knowledge.waste_codes:
        hazardous = hazardous or knowledge.waste_codes[code].hazardous
    elif not code and materials:
        hazardous = hazardous or knowledge.materials[materials[0]].hazardous
    chosen = 0
    for ident in listing.attributes:
        if ident in knowledge.attributes:
            chosen |= knowledge.attributes[ident].bit
    refused = _qualified(reading.named("m", refused=True), reading, knowledge)
    return Profile(
        listing=listing,
        materials=tuple(materials),
        processes=tuple(processes),
        code=code,
        hazardous=hazardous,
        text_materials=text_materials,
        words={t.ident: t.phrase for t in reading.terms if t.kind in "mp" and not t.refused},
        attrs=reading.mask(knowledge) | chosen,
        required=reading.mask(knowledge, only=True),
        refused=reading.mask(knowledge, refused=True),
        refused_materials=tuple(m for m in refused if m not in materials),
        temperature=(
            listing.temperature_c if listing.temperature_c is not None else reading.temperature
        ),
    )
