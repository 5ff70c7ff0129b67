"""Proposing List of Waste codes from a listing's words and its firm's sector (NACE)."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache

from dekvep.symbiosis.engine.knowledge import Knowledge, default_knowledge
from dekvep.symbiosis.engine.model import CodeProposal
from dekvep.symbiosis.engine.profile import find_terms
from dekvep.symbiosis.engine.stem import stems
from dekvep.text import normalise_waste_code

# Words too common in code descriptions to tell entries apart.
_STOP = {
    "waste",
    "wastes",
    "atik",
    "other",
    "than",
    "those",
    "mentioned",
    "containing",
    "and",
    "or",
    "the",
    "of",
    "from",
    "ve",
    "veya",
    "ile",
    "disindaki",
    "iceren",
    "haric",
    "for",
    "in",
    "with",
    "not",
    "otherwise",
    "specified",
    "dolayi",
}
SECTOR_BOOST = 1.6


@lru_cache(maxsize=4)
def _inverted(knowledge_id: int) -> tuple[dict[str, list[str]], dict[str, float]]:
    knowledge = _KNOWLEDGE[knowledge_id]
    postings: dict[str, set[str]] = defaultdict(set)
    for code, entry in knowledge.waste_codes.items():
        for s in stems(f"{entry.description_en} {entry.description_tr}"):
            if s not in _STOP and len(s) > 2:
                postings[s].add(code)
    n = max(1, len(knowledge.waste_codes))
    idf = {s: math.log(n / len(codes)) + 0.1 for s, codes in postings.items()}
    return {s: sorted(c) for s, c in postings.items()}, idf


_KNOWLEDGE: dict[int, Knowledge] = {}


def propose_codes(
    text: str, sector: str | None = None, knowledge: Knowledge | None = None, limit: int = 5
) -> list[CodeProposal]:
    """The likely waste codes for a listing, best first.

    A code written in the text wins outright; otherwise the words are matched against the code
    descriptions and the taxonomy's typical codes, and codes of the firm's sector are preferred.
    """
    knowledge = knowledge or default_knowledge()
    _KNOWLEDGE[id(knowledge)] = knowledge
    postings, idf = _inverted(id(knowledge))
    scores: dict[str, float] = defaultdict(float)
    written = normalise_waste_code(text)
    if written in knowledge.waste_codes:
        scores[written] += 100.0
    for s in set(stems(text)):
        for code in postings.get(s, ()):
            scores[code] += idf[s]
    for kind, ident, _ in find_terms(text, knowledge):
        if kind == "m":
            for rank, code in enumerate(knowledge.materials[ident].low_codes):
                scores[code] += 4.0 / (1 + rank)
    prefixes = knowledge.nace_prefixes.get((sector or "").replace(".", "")[:2], ())
    if prefixes:
        for code in scores:
            if code.startswith(prefixes):
                scores[code] *= SECTOR_BOOST
    ranked = sorted(
        ((s, c) for c, s in scores.items() if c in knowledge.waste_codes),
        key=lambda x: (-x[0], x[1]),
    )
    top = ranked[0][0] if ranked else 1.0
    out = []
    for score, code in ranked[:limit]:
        entry = knowledge.waste_codes[code]
        out.append(
            CodeProposal(
                code,
                entry.hazardous,
                entry.description_en,
                entry.description_tr,
                round(score / top, 3),
            )
        )
    return out
