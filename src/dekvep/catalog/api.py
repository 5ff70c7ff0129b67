"""Catalog API: search the List of Waste and NACE codes, read the priority sectors."""

from django.http import Http404
from ninja import Router
from ninja.pagination import paginate

from dekvep.core.pagination import Pagination

from .nace import all_nace, get_nace
from .schemas import NaceOut, SectorOut, WasteOut
from .search import find_waste, search_nace
from .sectors import priority_sectors
from .waste import all_waste, get_waste

# Reference data is public: anyone may read it, signed in or not.
router = Router(tags=["catalog"])


@router.get("/waste", response=list[WasteOut], auth=None)
@paginate(Pagination)
def list_waste(request, q: str = "", hazardous: bool | None = None, chapter: str = ""):
    """Entries matching ``q`` (a code in any spacing, or words in Turkish or English)."""
    entries = find_waste(q) if q.strip() else all_waste()
    if hazardous is not None:
        entries = [e for e in entries if e.hazardous == hazardous]
    if chapter:
        entries = [e for e in entries if e.chapter == chapter.strip()]
    return list(entries)


@router.get("/waste/{code}", response=WasteOut, auth=None)
def waste_detail(request, code: str):
    """One entry by its code in any spacing: ``040222``, ``04 02 22``, ``04 02 22*``."""
    entry = get_waste(code)
    if entry is None:
        raise Http404
    return entry


@router.get("/nace", response=list[NaceOut], auth=None)
@paginate(Pagination)
def list_nace(request, q: str = "", level: str = ""):
    """NACE Rev.2 divisions and manufacturing groups matching ``q`` (a code or words)."""
    entries = search_nace(q, limit=None) if q.strip() else list(all_nace())
    if level:
        entries = [e for e in entries if e.level == level]
    return entries


@router.get("/nace/{code}", response=NaceOut, auth=None)
def nace_detail(request, code: str):
    entry = get_nace(code)
    if entry is None:
        raise Http404
    return entry


@router.get("/sectors", response=list[SectorOut], auth=None)
@paginate(Pagination)
def list_sectors(request):
    """The programme's priority sectors with their NACE prefixes."""
    return list(priority_sectors())
