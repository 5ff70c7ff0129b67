"""The catalog search page: waste codes and NACE codes, searched as you type."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from .nace import all_nace, get_nace
from .search import find_waste, search_nace
from .sectors import priority_sectors, sector_for_nace
from .waste import all_waste, get_heading, get_waste

PAGE_SIZE = 25
KINDS = ("waste", "nace")


def _waste_rows(entries, language: str) -> list[dict]:
    return [
        {
            "entry": entry,
            "description": entry.description(language),
            "sub_chapter": get_heading(entry.sub_chapter).title(language),
        }
        for entry in entries
    ]


def _nace_rows(entries, language: str) -> list[dict]:
    rows = []
    for entry in entries:
        sector = sector_for_nace(entry.code)
        rows.append(
            {
                "entry": entry,
                "title": entry.title(language),
                "sector": sector and sector.title(language),
            }
        )
    return rows


def home(request):
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "waste")
    kind = kind if kind in KINDS else "waste"
    language = get_language() or "tr"
    if kind == "waste":
        found = find_waste(query) if query else all_waste()
    else:
        found = search_nace(query, limit=None) if query else list(all_nace())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = (_waste_rows if kind == "waste" else _nace_rows)(page.object_list, language)
    context = {"page": page, "rows": rows, "query": query, "kind": kind, "count": len(found)}
    if request.htmx:
        response = render(request, "catalog/_results.html", context)
        # the address bar keeps the query, so a search can be bookmarked and shared
        response["HX-Push-Url"] = request.get_full_path()
        return response
    context["sectors"] = [(s, s.title(language)) for s in priority_sectors()]
    return render(request, "catalog/search.html", context)


def waste_detail(request, code):
    entry = get_waste(code)
    if entry is None:
        raise Http404
    language = get_language() or "tr"
    context = {
        "entry": entry,
        # Turkish firms follow Ek-4's type where it differs from the European list.
        "is_mirror": entry.is_mirror_for(language),
        "description": entry.description(language),
        "other_description": entry.description("en" if language.startswith("tr") else "tr"),
        "chapter": get_heading(entry.chapter).title(language),
        "sub_chapter": get_heading(entry.sub_chapter).title(language),
    }
    return render(request, "catalog/waste_detail.html", context)


def nace_detail(request, code):
    entry = get_nace(code)
    if entry is None:
        raise Http404
    language = get_language() or "tr"
    children = [e for e in all_nace() if e.parent == entry.code]
    sector = sector_for_nace(entry.code)
    context = {
        "entry": entry,
        "title": entry.title(language),
        "children": [(c, c.title(language)) for c in children],
        "sector": sector and sector.title(language),
    }
    return render(request, "catalog/nace_detail.html", context)
