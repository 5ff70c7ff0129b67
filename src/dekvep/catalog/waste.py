"""The European List of Waste (Atık Yönetimi Yönetmeliği Ek-4), loaded once from data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dekvep.core.i18n import pick
from dekvep.text import format_waste_code, normalise_waste_code

from .files import DATA_DIR, parse_bool, read_rows, require

WASTE_FILE = "list_of_waste.csv"
HEADINGS_FILE = "list_of_waste_chapters.csv"
ENTRY_TYPES = ("absolute", "mirror")
_SIX_DIGITS = re.compile(r"\d{6}")


@dataclass(frozen=True)
class WasteEntry:
    """One six-digit entry of the List of Waste."""

    code: str
    hazardous: bool
    entry_type: str
    chapter: str
    sub_chapter: str
    description_en: str
    description_tr: str
    # The entry type in Ek-4 where its wording was checked (it differs for 8 codes), and
    # where the Turkish wording comes from ("not yet checked against Ek-4" for the rest).
    entry_type_tr: str = ""
    tr_source: str = ""

    @property
    def display_code(self) -> str:
        """``"04 02 22"``, or ``"16 01 04*"`` for a hazardous entry."""
        return format_waste_code(self.code, self.hazardous)

    @property
    def is_mirror(self) -> bool:
        """A mirror entry of the European list."""
        return self.entry_type == "mirror"

    def entry_type_for(self, language: str = "tr") -> str:
        """The type shown to a reader: Türkiye's Ek-4 type for Turkish firms where known."""
        if language.lower().startswith("tr") and self.entry_type_tr:
            return self.entry_type_tr
        return self.entry_type

    def is_mirror_for(self, language: str = "tr") -> bool:
        return self.entry_type_for(language) == "mirror"

    @property
    def checked_against_ek4(self) -> bool:
        return self.tr_source.startswith("Ek-4")

    def description(self, language: str = "tr") -> str:
        return pick(self.description_tr, self.description_en, language)


@dataclass(frozen=True)
class WasteHeading:
    """A chapter (two digits) or sub-chapter (four digits) heading."""

    code: str
    title_en: str
    title_tr: str

    @property
    def display_code(self) -> str:
        return " ".join(self.code[i : i + 2] for i in range(0, len(self.code), 2))

    def title(self, language: str = "tr") -> str:
        return pick(self.title_tr, self.title_en, language)


def _entry(name: str, line: int, row: dict[str, str]) -> WasteEntry:
    code = row["code"]
    require(name, line, "code", bool(_SIX_DIGITS.fullmatch(code)), "six digits", code)
    entry_type = row["entry_type"]
    require(name, line, "entry_type", entry_type in ENTRY_TYPES, "absolute or mirror", entry_type)
    for field, size in (("chapter", 2), ("sub_chapter", 4)):
        ok = row[field] == code[:size]
        require(name, line, field, ok, f"the first {size} digits of the code", row[field])
    require(name, line, "description_en", bool(row["description_en"]), "a text", "")
    ok = row["entry_type_tr"] in ("", *ENTRY_TYPES)
    require(name, line, "entry_type_tr", ok, "absolute, mirror or empty", row["entry_type_tr"])
    return WasteEntry(
        code=code,
        hazardous=parse_bool(name, line, "hazardous", row["hazardous"]),
        entry_type=entry_type,
        chapter=row["chapter"],
        sub_chapter=row["sub_chapter"],
        description_en=row["description_en"],
        description_tr=row["description_tr"],
        entry_type_tr=row["entry_type_tr"],
        tr_source=row["tr_source"],
    )


def load_waste(path: Path = DATA_DIR / WASTE_FILE) -> tuple[WasteEntry, ...]:
    """Read and check a List of Waste file; a bad row raises :class:`CatalogFileError`."""
    columns = ("code", "hazardous", "entry_type", "chapter", "sub_chapter")
    columns += ("description_en", "description_tr", "entry_type_tr", "tr_source")
    entries, seen = [], set()
    for line, row in read_rows(path, columns):
        entry = _entry(path.name, line, row)
        require(path.name, line, "code", entry.code not in seen, "a unique code", entry.code)
        seen.add(entry.code)
        entries.append(entry)
    return tuple(sorted(entries, key=lambda e: e.code))


@cache
def all_waste() -> tuple[WasteEntry, ...]:
    """Every entry of the shipped file, in code order."""
    return load_waste()


@cache
def _by_code() -> dict[str, WasteEntry]:
    return {entry.code: entry for entry in all_waste()}


@cache
def _headings() -> dict[str, WasteHeading]:
    headings = {}
    for line, row in read_rows(HEADINGS_FILE, ("code", "title_en", "title_tr")):
        code = row["code"]
        ok = code.isdigit() and len(code) in (2, 4)
        require(HEADINGS_FILE, line, "code", ok, "two or four digits", code)
        headings[code] = WasteHeading(code, row["title_en"], row["title_tr"])
    return headings


def get_waste(code: str) -> WasteEntry | None:
    """The entry for ``code`` in any spacing (``"04 02 22"``, ``"040222"``, ``"04 02 22*"``)."""
    normalised = normalise_waste_code(code or "")
    return _by_code().get(normalised) if normalised else None


def is_waste_code(code: str) -> bool:
    return get_waste(code) is not None


def get_heading(code: str) -> WasteHeading | None:
    """The chapter or sub-chapter heading for ``"04"``, ``"04 02"`` or ``"0402"``."""
    return _headings().get("".join((code or "").split()))


def chapters() -> list[WasteHeading]:
    """The twenty chapter headings, in order."""
    return [h for code, h in sorted(_headings().items()) if len(code) == 2]


def sub_chapters(chapter: str) -> list[WasteHeading]:
    return [h for code, h in sorted(_headings().items()) if len(code) == 4 and code[:2] == chapter]


_MENTIONED = re.compile(r"\b(\d{2}) (\d{2}) (\d{2})\b")


@dataclass(frozen=True)
class MirrorPair:
    """The two sides of a mirror entry: the hazardous code(s) (asterisk) and the non-hazardous
    one(s) for the same waste; an analysis of hazardous substances decides between them."""

    hazardous: tuple[WasteEntry, ...]
    other: tuple[WasteEntry, ...]

    @property
    def display(self) -> str:
        """``"04 02 19* / 04 02 20"``."""
        codes = [e.display_code for e in self.hazardous + self.other]
        return " / ".join(codes)


def _mentions(entry: WasteEntry) -> set[str]:
    text = f"{entry.description_en} {entry.description_tr}"
    return {"".join(m) for m in _MENTIONED.findall(text)} - {entry.code}


@cache
def _mirror_links() -> dict[str, set[str]]:
    """Code → the codes on the other side of its mirror pair, from the non-hazardous entries'
    "other than those mentioned in 04 02 19" (Ek-4: "04 02 19 dışındaki")."""
    links: dict[str, set[str]] = {}
    for entry in all_waste():
        if entry.hazardous:
            continue
        for code in _mentions(entry):
            partner = _by_code().get(code)
            if partner is not None and partner.hazardous and partner.chapter == entry.chapter:
                links.setdefault(entry.code, set()).add(code)
                links.setdefault(code, set()).add(entry.code)
    return links


def mirror_pair(code: str, language: str = "tr") -> MirrorPair | None:
    """The mirror pair a code belongs to, for a reader of ``language`` (Turkish firms follow
    Ek-4's entry types); None for an absolute entry or one without a partner in the list."""
    entry = get_waste(code)
    if entry is None:
        return None
    partners = [_by_code()[c] for c in sorted(_mirror_links().get(entry.code, ()))]
    if not partners:
        return None
    if entry.hazardous and not entry.is_mirror_for(language):
        return None
    side = [entry] + [p for p in partners if p.hazardous == entry.hazardous]
    other = [p for p in partners if p.hazardous != entry.hazardous]
    if entry.hazardous:
        return MirrorPair(tuple(side), tuple(other))
    hazardous = tuple(p for p in other if p.is_mirror_for(language))
    return MirrorPair(hazardous, (entry,)) if hazardous else None
