"""Support instruments: national and international programmes, from data/support_instruments.csv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dekvep.catalog.files import read_rows, require
from dekvep.core.i18n import pick

FILE = Path(__file__).resolve().parent / "data" / "support_instruments.csv"
COLUMNS = (
    "key",
    "name_en",
    "name_tr",
    "institution",
    "scope",
    "funds_en",
    "funds_tr",
    "need_types",
    "url",
    "source",
    "year",
)
NEED_TYPES = ("collaboration", "skill_gap", "technology", "finance")


@dataclass(frozen=True)
class Instrument:
    key: str
    name_en: str
    name_tr: str
    institution: str
    scope: str
    funds_en: str
    funds_tr: str
    need_types: tuple[str, ...]
    url: str
    source: str
    year: int

    def name(self, language: str = "tr") -> str:
        return pick(self.name_tr, self.name_en, language)

    def funds(self, language: str = "tr") -> str:
        return pick(self.funds_tr, self.funds_en, language)

    def as_dict(self, language: str = "tr") -> dict:
        return {
            "key": self.key,
            "name": self.name(language),
            "institution": self.institution,
            "scope": self.scope,
            "funds": self.funds(language),
            "need_types": list(self.need_types),
            "url": self.url,
            "source": self.source,
            "year": self.year,
        }


def load(path: Path = FILE) -> tuple[Instrument, ...]:
    """Every instrument in the file; a bad row raises an error naming the row and field."""
    name = path.name
    instruments, keys = [], set()
    for line, row in read_rows(path, COLUMNS):
        require(
            name, line, "key", bool(row["key"]) and row["key"] not in keys, "a new key", row["key"]
        )
        keys.add(row["key"])
        require(
            name,
            line,
            "scope",
            row["scope"] in ("national", "international"),
            "national or international",
            row["scope"],
        )
        types = tuple(t.strip() for t in row["need_types"].split(";") if t.strip())
        require(
            name,
            line,
            "need_types",
            bool(types) and set(types) <= set(NEED_TYPES),
            "need types from " + ", ".join(NEED_TYPES),
            row["need_types"],
        )
        require(name, line, "source", bool(row["source"]), "a source", row["source"])
        require(name, line, "year", row["year"].isdigit(), "a year", row["year"])
        instruments.append(Instrument(**{**row, "need_types": types, "year": int(row["year"])}))
    return tuple(instruments)


@cache
def instruments() -> tuple[Instrument, ...]:
    return load()


def for_need_type(need_type: str) -> list[Instrument]:
    return [i for i in instruments() if need_type in i.need_types]


def by_keys(keys) -> list[Instrument]:
    wanted = list(keys or [])
    index = {i.key: i for i in instruments()}
    return [index[k] for k in wanted if k in index]
