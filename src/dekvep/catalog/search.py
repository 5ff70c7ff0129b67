"""Word and code search over catalog entries, with Turkish-aware folding.

A query matches an entry when every query word is the start of a word of the entry, in
either language: Turkish words carry their suffixes (``çamur`` → ``çamurları``), so prefix
matching is what a reader expects. Entries whose words match exactly rank first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from dekvep.text import normalise_waste_code, words

from .nace import NaceEntry, all_nace, normalise_nace_code
from .waste import WasteEntry, all_waste

T = TypeVar("T")
_CODE_QUERY = re.compile(r"[\d\s.*-]+")
_CODE_IN_TEXT = re.compile(r"\d{2}\s*[ .-]?\s*\d{2}\s*[ .-]?\s*\d{2}\s*\*?")


@dataclass(frozen=True)
class _Indexed(Generic[T]):
    item: T
    words: frozenset[str]


class WordIndex(Generic[T]):
    """Items with their folded words; answers prefix-word queries."""

    def __init__(self, items: Iterable[T], texts: Callable[[T], Iterable[str]]):
        self._rows = [
            _Indexed(item, frozenset(w for t in texts(item) for w in words(t))) for item in items
        ]

    def search(self, query: str) -> list[T]:
        terms = words(query)
        if not terms:
            return []
        scored = []
        for position, row in enumerate(self._rows):
            exact = 0
            for term in terms:
                if term in row.words:
                    exact += 1
                elif not any(w.startswith(term) for w in row.words):
                    break
            else:
                # exact words first, then the shortest (most specific) texts, then file order
                scored.append((-exact, len(row.words), position, row.item))
        scored.sort(key=lambda s: s[:3])
        return [s[3] for s in scored]


def _waste_texts(entry: WasteEntry) -> list[str]:
    return [entry.description_en, entry.description_tr]


@cache
def _waste_index() -> WordIndex[WasteEntry]:
    return WordIndex(all_waste(), _waste_texts)


def code_digits(query: str) -> str | None:
    """The digits of a query made only of a (partial) code: ``"04 02"`` → ``"0402"``."""
    query = query.strip()
    if not query or not _CODE_QUERY.fullmatch(query):
        return None
    digits = re.sub(r"\D", "", query)
    return digits or None


def search_waste(query: str, limit: int | None = 20) -> list[WasteEntry]:
    """Entries matching ``query``: a code or code prefix in any spacing, or words in TR or EN."""
    return _limit(find_waste(query), limit)


def find_waste(query: str) -> Sequence[WasteEntry]:
    """All matches of ``query``, best first (for paginated callers)."""
    query = query or ""
    digits = code_digits(query)
    if digits is not None:
        return [e for e in all_waste() if e.code.startswith(digits)]
    full_code = normalise_waste_code(query)
    if full_code:
        # a code among words ("çamur 19 08 14") narrows the word search to that code
        return [
            e for e in _waste_index().search(_CODE_IN_TEXT.sub(" ", query)) if e.code == full_code
        ]
    return _waste_index().search(query)


@cache
def _nace_index() -> WordIndex[NaceEntry]:
    return WordIndex(all_nace(), lambda e: (e.title_en, e.title_tr))


def search_nace(query: str, limit: int | None = 20) -> list[NaceEntry]:
    """NACE entries matching ``query``: a code prefix (``"22.2"``) or words in TR or EN."""
    query = (query or "").strip()
    normalised = normalise_nace_code(query)
    if normalised is not None or re.fullmatch(r"\d", query):
        prefix = normalised or query
        return _limit([e for e in all_nace() if e.code.startswith(prefix)], limit)
    return _limit(_nace_index().search(query), limit)


def _limit(items: Sequence[T], limit: int | None) -> list[T]:
    return list(items if limit is None else items[:limit])
