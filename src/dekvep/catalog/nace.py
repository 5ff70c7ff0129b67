"""NACE Rev.2 activity codes: every division, and the groups of section C (manufacturing)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dekvep.core.i18n import pick

from .files import _, active_language, read_rows, require

GROUPS_FILE = "nace_rev2_c.csv"
DIVISIONS_FILE = "nace_rev2_divisions.csv"
LEVELS = ("section", "division", "group")
_CODE = re.compile(r"(\d{2})(?:\.(\d{1,2}))?")


@dataclass(frozen=True)
class NaceEntry:
    """A NACE Rev.2 division (``"13"``) or group (``"13.2"``)."""

    code: str
    level: str
    parent: str
    title_en: str
    title_tr: str
    section: str = "C"

    @property
    def division(self) -> str:
        return self.code[:2]

    def title(self, language: str = "tr") -> str:
        return pick(self.title_tr, self.title_en, language)


def _checked(name: str, line: int, row: dict[str, str], pattern: str) -> None:
    code = row["code"]
    require(name, line, "code", bool(re.fullmatch(pattern, code)), "a NACE code", code)
    for field in ("title_en", "title_tr"):
        require(name, line, field, bool(row[field]), "a text", "")


@cache
def _divisions() -> dict[str, NaceEntry]:
    columns = ("code", "section", "title_en", "title_tr")
    found = {}
    for line, row in read_rows(DIVISIONS_FILE, columns):
        _checked(DIVISIONS_FILE, line, row, r"\d{2}")
        ok = bool(re.fullmatch(r"[A-U]", row["section"]))
        require(DIVISIONS_FILE, line, "section", ok, "a section letter A-U", row["section"])
        found[row["code"]] = NaceEntry(
            row["code"],
            "division",
            row["section"],
            row["title_en"],
            row["title_tr"],
            row["section"],
        )
    return found


@cache
def _manufacturing() -> dict[str, NaceEntry]:
    columns = ("code", "level", "parent", "title_en", "title_tr")
    found: dict[str, NaceEntry] = {}
    for line, row in read_rows(GROUPS_FILE, columns):
        level = row["level"]
        require(
            GROUPS_FILE, line, "level", level in ("division", "group"), "division or group", level
        )
        _checked(GROUPS_FILE, line, row, r"\d{2}" if level == "division" else r"\d{2}\.\d")
        expected = "C" if level == "division" else row["code"][:2]
        require(GROUPS_FILE, line, "parent", row["parent"] == expected, expected, row["parent"])
        code = row["code"]
        found[code] = NaceEntry(code, level, row["parent"], row["title_en"], row["title_tr"])
    return found


@cache
def all_nace() -> tuple[NaceEntry, ...]:
    """All divisions of every section, and the groups of section C, in code order."""
    merged = {**_divisions(), **_manufacturing()}
    return tuple(sorted(merged.values(), key=lambda e: e.code))


@cache
def manufacturing() -> tuple[NaceEntry, ...]:
    """Divisions 10-33 and their groups."""
    return tuple(sorted(_manufacturing().values(), key=lambda e: e.code))


@cache
def _by_code() -> dict[str, NaceEntry]:
    return {entry.code: entry for entry in all_nace()}


def normalise_nace_code(text: str) -> str | None:
    """``"13,20"``, ``"1320"``, ``"C 13.20"`` → ``"13.20"``; None when it is no NACE code form."""
    compact = re.sub(r"\s+", "", text or "").replace(",", ".").upper()
    compact = compact.removeprefix("C") if re.fullmatch(r"C\d.*", compact) else compact
    if re.fullmatch(r"\d{3,4}", compact):
        compact = f"{compact[:2]}.{compact[2:]}"
    return compact if _CODE.fullmatch(compact) else None


def get_nace(code: str) -> NaceEntry | None:
    """The division or group for ``code``; a class (``"13.92"``) answers with its group."""
    normalised = normalise_nace_code(code)
    if normalised is None:
        return None
    lookup = _by_code()
    return lookup.get(normalised) or lookup.get(normalised[:4])


def validate_nace_code(code: str) -> None:
    """Raise ``ValueError`` with a clear message unless ``code`` is a NACE Rev.2 code.

    Any division is checked; within manufacturing (section C) the group is checked too.
    """
    normalised = normalise_nace_code(code)
    if normalised is None:
        message = _(
            "“%(code)s” is not a NACE Rev.2 code: "
            "write a division, group or class such as 13, 13.2 or 13.20."
        )
        raise ValueError(message % {"code": code})
    division = _divisions().get(normalised[:2])
    if division is None:
        message = _("There is no NACE Rev.2 division %(division)s.")
        raise ValueError(message % {"division": normalised[:2]})
    if division.section == "C" and len(normalised) > 2 and normalised[:4] not in _manufacturing():
        message = _("There is no NACE Rev.2 group %(group)s in division %(division)s (%(title)s).")
        params = {
            "group": normalised[:4],
            "division": division.code,
            "title": division.title(active_language()),
        }
        raise ValueError(message % params)


def is_nace_code(code: str) -> bool:
    try:
        validate_nace_code(code)
    except ValueError:
        return False
    return True
