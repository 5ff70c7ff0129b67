"""Reading what a listing says, not only which words it uses.

One pass over a listing's text finds the materials, receiving processes and quality attributes it
names, and for each whether it is refused ("polyester karışımı kabul edilmez", "no blends",
"PVC hariç", "without labels") or the only thing accepted ("yalnızca şeffaf pul", "clear flake
only"). It also reads a supply or demand temperature ("90 °C", "120 derece"). All of this is done
once per listing, never per pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.stem import stem
from dekvep.text import fold

# Cues as folded words. AFTER: the cue follows what it refuses (Turkish word order, "... not
# accepted"); BEFORE: it precedes it ("no ...", "except ..."); a one-word scope for "non-" and
# "-free". Longer cues are tried first, so "not accepted" wins over "not".
_AFTER = (
    "kabul edilmez",
    "kabul edilmemektedir",
    "kabul edilmiyor",
    "kabul edilemez",
    "kabul etmiyoruz",
    "kabul edilmeyecektir",
    "alinmaz",
    "alinmamaktadir",
    "olmamali",
    "olmamalidir",
    "icermemeli",
    "icermemelidir",
    "icermez",
    "haric",
    "disinda",
    "istenmez",
    "istenmiyor",
    "istemiyoruz",
    "degil",
    "degildir",
    "yok",
    "not accepted",
    "not allowed",
    "not wanted",
    "not acceptable",
    "unacceptable",
    "excluded",
    "refused",
    "rejected",
)
_BEFORE = ("no", "not", "except", "excluding", "without", "nor", "apart from", "free of")
_ONE_AFTER = ("non",)
_ONE_BEFORE = ("free",)
_ONLY = ("only", "yalnizca", "sadece", "yalniz", "exclusively", "solely")
_CUES = sorted(
    [(tuple(c.split()), "after") for c in _AFTER]
    + [(tuple(c.split()), "before") for c in _BEFORE]
    + [(tuple(c.split()), "one_after") for c in _ONE_AFTER]
    + [(tuple(c.split()), "one_before") for c in _ONE_BEFORE]
    + [(tuple(c.split()), "only") for c in _ONLY],
    key=lambda item: -len(item[0]),
)
_CUES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _cue, _kind in _CUES:
    _CUES_BY_FIRST.setdefault(_cue[0], []).append((_cue, _kind))
_CLAUSE = re.compile(r"[.;:!?\n()\[\]]+")
_WORD = re.compile(r"[a-z0-9]+")
# A comma-separated neighbour this short is part of the same list: "PVC, PS ve PLA hariç".
_LIST_ITEM = 1
_TEMPERATURE = re.compile(r"(\d{1,4}(?:[.,]\d+)?)\s*(?:°\s*c?|℃|derece\b|degc\b|deg\b|c\b)")


@dataclass(frozen=True, slots=True)
class Term:
    kind: str  # "m" material, "p" process, "a" attribute
    ident: str
    phrase: str
    refused: bool
    only: bool


@dataclass(frozen=True, slots=True)
class Reading:
    terms: tuple[Term, ...]
    temperature: float | None
    stems: frozenset[str]

    def named(self, kind: str, refused: bool = False) -> list[str]:
        return [t.ident for t in self.terms if t.kind == kind and t.refused == refused]

    def mask(self, knowledge: Knowledge, *, refused: bool = False, only: bool = False) -> int:
        bits = 0
        for t in self.terms:
            if t.kind == "a" and t.refused == refused and (t.only or not only):
                bits |= knowledge.attributes[t.ident].bit
        return bits


def _segments(folded: str) -> list[list[list[str]]]:
    """Clauses of comma-separated segments of words of already folded text."""
    return [[_WORD.findall(part) for part in clause.split(",")] for clause in _CLAUSE.split(folded)]


def _cues_in(tokens: list[str]) -> list[tuple[int, int, str]]:
    found, i = [], 0
    while i < len(tokens):
        for cue, kind in _CUES_BY_FIRST.get(tokens[i], ()):
            if tuple(tokens[i : i + len(cue)]) == cue:
                found.append((i, i + len(cue), kind))
                i += len(cue)
                break
        else:
            i += 1
    return found


def _mark_clause(segments: list[list[str]]) -> tuple[list[str], list[str]]:
    """The clause's words and, for each, "" or "refused" or "only"."""
    words, flags, seg_of, cues = [], [], [], []
    starts = []
    for s, tokens in enumerate(segments):
        starts.append(len(words))
        cues.append(_cues_in(tokens))
        words += tokens
        flags += [""] * len(tokens)
        seg_of += [s] * len(tokens)
    starts.append(len(words))

    def short(s: int) -> bool:
        return 0 < len(segments[s]) <= _LIST_ITEM and not cues[s]

    for s, found in enumerate(cues):
        base = starts[s]
        for a, b, kind in found:
            flag = "only" if kind == "only" else "refused"
            if kind == "only":
                kind = "before" if b < len(segments[s]) else "after"
            if kind == "one_after":
                span = range(base + b, min(base + b + 1, starts[s + 1]))
            elif kind == "one_before":
                span = range(max(base, base + a - 1), base + a)
            elif kind == "before":
                end = s + 1
                while end < len(segments) and short(end):
                    end += 1
                span = range(base + b, starts[end])
            else:
                first = s
                while first > 0 and short(first - 1):
                    first -= 1
                span = range(starts[first], base + a)
            for i in span:
                flags[i] = flags[i] or flag
            for i in range(base + a, base + b):
                flags[i] = "cue"
    return words, flags


def _scan(stems: list[str], table, flags: list[str], kinds: str) -> list[Term]:
    out, i = [], 0
    while i < len(stems):
        step = 1
        for phrase, (kind, ident) in table.get(stems[i], ()):
            if kind in kinds and tuple(stems[i : i + len(phrase)]) == phrase:
                span = flags[i : i + len(phrase)]
                if "cue" in span:
                    continue
                refused, only = "refused" in span, "only" in span
                text = " ".join(phrase)
                out.append(Term(kind, ident, text, refused, only))
                # the same phrase may name several entries: keep them all, then move past it
                for other, target in table[stems[i]]:
                    if other == phrase and target != (kind, ident):
                        out.append(Term(target[0], target[1], text, refused, only))
                step = len(phrase)
                break
        i += step
    return out


def read_text(text: str, knowledge: Knowledge) -> Reading:
    terms: list[Term] = []
    seen: set[str] = set()
    folded = fold(text)
    for clause in _segments(folded):
        words, flags = _mark_clause(clause)
        stems = [stem(w) for w in words]
        seen.update(stems)
        terms += _scan(stems, knowledge.phrases, flags, "mp")
        terms += _scan(stems, knowledge.attribute_phrases, flags, "a")
    return Reading(tuple(terms), _temperature(folded), frozenset(seen))


def _temperature(folded: str) -> float | None:
    match = _TEMPERATURE.search(folded)
    return float(match.group(1).replace(",", ".")) if match else None
