"""API shapes of the catalog; ``title``/``description`` follow the request's language."""

from django.utils.translation import get_language
from ninja import Schema

from .sectors import sector_for_nace
from .waste import get_heading


def _title(code: str) -> str:
    heading = get_heading(code)
    return heading.title(get_language() or "tr") if heading else ""


class WasteOut(Schema):
    code: str
    display_code: str
    hazardous: bool
    entry_type: str
    chapter: str
    chapter_title: str
    sub_chapter: str
    sub_chapter_title: str
    description: str
    description_en: str
    description_tr: str

    @staticmethod
    def resolve_description(entry) -> str:
        return entry.description(get_language() or "tr")

    @staticmethod
    def resolve_chapter_title(entry) -> str:
        return _title(entry.chapter)

    @staticmethod
    def resolve_sub_chapter_title(entry) -> str:
        return _title(entry.sub_chapter)


class NaceOut(Schema):
    code: str
    level: str
    parent: str
    section: str
    title: str
    title_en: str
    title_tr: str
    sector: str | None

    @staticmethod
    def resolve_title(entry) -> str:
        return entry.title(get_language() or "tr")

    @staticmethod
    def resolve_sector(entry) -> str | None:
        sector = sector_for_nace(entry.code)
        return sector.key if sector else None


class SectorOut(Schema):
    key: str
    title: str
    title_en: str
    title_tr: str
    nace_prefixes: list[str]

    @staticmethod
    def resolve_title(sector) -> str:
        return sector.title(get_language() or "tr")
