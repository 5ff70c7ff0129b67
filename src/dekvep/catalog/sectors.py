"""The programme's priority sectors and the NACE codes that belong to them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dekvep.core.i18n import pick

from .files import read_rows, require
from .nace import _by_code, normalise_nace_code

SECTORS_FILE = "priority_sectors.csv"


@dataclass(frozen=True)
class Sector:
    """A priority sector (``textile``) with the NACE prefixes it covers (``13``, ``14``)."""

    key: str
    nace_prefixes: tuple[str, ...]
    title_en: str
    title_tr: str

    def title(self, language: str = "tr") -> str:
        return pick(self.title_tr, self.title_en, language)

    def covers(self, nace_code: str) -> bool:
        normalised = normalise_nace_code(nace_code)
        return bool(normalised) and any(normalised.startswith(p) for p in self.nace_prefixes)


@cache
def priority_sectors() -> tuple[Sector, ...]:
    """The sectors in file order."""
    prefixes: dict[str, list[str]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for line, row in read_rows(SECTORS_FILE, ("sector", "nace_prefix", "title_en", "title_tr")):
        key, prefix = row["sector"], row["nace_prefix"]
        require(SECTORS_FILE, line, "sector", bool(re.fullmatch(r"[a-z_]+", key)), "a key", key)
        known = prefix in _by_code()
        require(SECTORS_FILE, line, "nace_prefix", known, "a NACE division or group", prefix)
        title = (row["title_en"], row["title_tr"])
        consistent = titles.setdefault(key, title) == title
        require(
            SECTORS_FILE, line, "title_en", consistent, "the same titles on every row", title[0]
        )
        prefixes.setdefault(key, []).append(prefix)
    return tuple(Sector(k, tuple(prefixes[k]), *titles[k]) for k in prefixes)


def get_sector(key: str) -> Sector | None:
    return next((s for s in priority_sectors() if s.key == key), None)


def sector_title(key: str, language: str | None = None) -> str:
    """A priority sector's name (``"white_goods"`` → "Beyaz eşya" / "White goods").

    In ``language``, or the active one; "other" for an empty or unknown key, so a raw key never
    reaches a page. Django is imported here only when asked for the active language or "other",
    so the engines can use this module without it.
    """
    sector = get_sector(key or "")
    if sector is not None and language:
        return sector.title(language)
    from django.utils.translation import get_language, gettext

    if sector is None:
        return gettext("other")
    return sector.title(get_language() or "tr")


def sector_for_nace(code: str) -> Sector | None:
    """The priority sector covering a NACE code (``"13.92"`` → textile), or None."""
    normalised = normalise_nace_code(code)
    if normalised is None:
        return None
    best: tuple[int, Sector] | None = None
    for sector in priority_sectors():
        for prefix in sector.nace_prefixes:
            if normalised.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), sector)
    return best[1] if best else None
