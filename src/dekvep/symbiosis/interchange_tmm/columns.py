"""The columns of the Türkiye Materials Marketplace file and the words each column takes.

Headers are written in Turkish (the marketplace's language) or English; on import either is
accepted, in any case and with or without Turkish letters. Values are read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from dekvep.symbiosis.models import Listing
from dekvep.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    tr: str
    en: str
    required: bool = False


COLUMNS = (
    Column("type", "İlan türü", "Listing type", required=True),
    Column("name", "Malzeme adı", "Material name", required=True),
    Column("category", "Kategori", "Category"),
    Column("description", "Açıklama", "Description"),
    Column("waste_code", "Atık kodu", "Waste code"),
    Column("quantity", "Miktar", "Quantity", required=True),
    Column("unit", "Birim", "Unit", required=True),
    Column("frequency", "Sıklık", "Frequency", required=True),
    Column("location", "Konum", "Location"),
    Column("photos", "Fotoğraflar", "Photos"),
)
BY_KEY = {c.key: c for c in COLUMNS}
PHOTO_SEPARATOR = ";"

# (value, Turkish word, English word, other words accepted on import)
KINDS = (
    (Listing.Kind.OFFER, "Mevcut", "available", ("offer", "teklif", "arz", "mevcut malzeme")),
    (Listing.Kind.WANT, "Aranan", "wanted", ("want", "talep", "aranan malzeme")),
)
UNITS = (
    ("t", "ton", "t", ("tonne", "tonnes", "tons", "ton")),
    ("kg", "kg", "kg", ("kilogram",)),
    ("m3", "m³", "m3", ("metreküp", "cubic metre", "cubic meter")),
    ("l", "litre", "l", ("lt", "liter", "litre")),
    ("pcs", "adet", "pcs", ("piece", "pieces", "ad")),
    ("kwh", "kWh", "kWh", ()),
    ("mwh", "MWh", "MWh", ()),
    ("kw", "kW", "kW", ()),
    ("mw", "MW", "MW", ()),
    ("h", "saat", "h", ("hour", "hours", "makine saati", "machine hours")),
    ("m2", "m²", "m2", ("metrekare", "square metre", "square meter")),
    ("trip", "sefer", "trip", ("trips",)),
)
FREQUENCIES = (
    ("once", "Tek seferlik", "one-time", ("once", "tek", "one-off", "bir kez")),
    ("week", "Haftalık", "weekly", ("week", "hafta", "per week")),
    ("month", "Aylık", "monthly", ("month", "ay", "per month")),
    ("year", "Yıllık", "yearly", ("year", "yıl", "per year", "annual", "annually")),
)


def word(table, value: str, lang: str) -> str:
    """The word a file in ``lang`` uses for ``value``."""
    for key, tr, en, _others in table:
        if key == value:
            return tr if lang == "tr" else en
    return value


def _lookup(table) -> dict[str, str]:
    found = {}
    for key, tr, en, others in table:
        for spelling in (key, tr, en, *others):
            found[fold(spelling)] = key
    return found


_LOOKUPS = {id(t): _lookup(t) for t in (KINDS, UNITS, FREQUENCIES)}


def read(table, text: str) -> str | None:
    """The stored value a file's word stands for, None when it is none of them."""
    return _LOOKUPS[id(table)].get(fold(text.strip()))


def choices(table, lang: str) -> str:
    return ", ".join(word(table, key, lang) for key, *_rest in table)


def header(lang: str) -> list[str]:
    return [c.tr if lang == "tr" else c.en for c in COLUMNS]


def resolve_header(fieldnames: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column key → position in the file, and the file's headers no column claims."""
    names = {fold(c.tr): c.key for c in COLUMNS} | {fold(c.en): c.key for c in COLUMNS}
    names |= {fold(c.key): c.key for c in COLUMNS}
    positions, unknown = {}, []
    for i, name in enumerate(fieldnames):
        key = names.get(fold(name.strip().lstrip("\ufeff")))
        if key and key not in positions:
            positions[key] = i
        elif name.strip():
            unknown.append(name)
    return positions, unknown
