"""The marketplace map in the API: listings and synergies as GeoJSON, and the reference layers."""

from django.http import Http404, HttpResponse, JsonResponse
from ninja import Router

from dekvep.core.formatting import language_of
from dekvep.symbiosis.map import LAYERS, layer_text, map_collection

router = Router(tags=["symbiosis"])
GEOJSON = "application/geo+json"


@router.get("/map")
def listings_map(
    request,
    q: str = "",
    code: str = "",
    material: str = "",
    kind: str = "",
    near_km: float | None = None,
):
    """A GeoJSON FeatureCollection of the listings the caller may see (Point features) and, for
    programme staff, the synergies between them (LineString features).

    A listing is placed at its site for its own firm, the programme's staff and firms already
    introduced to it (``precision`` ``site``); for everyone else at the centre of its 5 km grid
    cell with the firm's anonymous label (``precision`` ``area``). Filters as ``/listings``.
    """
    params = {"q": q, "code": code, "material": material, "kind": kind, "near_km": near_km}
    collection = map_collection(request.user, params, language_of())
    return JsonResponse(collection, content_type=GEOJSON)


@router.get("/map/layers/{name}", auth=None)
def map_layer(request, name: str):
    """A reference layer shipped with the platform (public data): ``provinces`` (land, coast,
    national and province borders of Türkiye, Natural Earth) or ``zones`` (organised industrial
    zones, approximate). Each file names its source."""
    if name not in LAYERS:
        raise Http404
    response = HttpResponse(layer_text(name), content_type=GEOJSON)
    response["Cache-Control"] = "public, max-age=86400"
    return response
