"""The marketplace's map page: the map (drawn in the browser from the GeoJSON API) and the same
points as a table below it, for keyboards, screen readers and browsers without script."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from dekvep.core.formatting import language_of
from dekvep.core.forms import form_errors
from dekvep.symbiosis import engine
from dekvep.symbiosis.map import FILTERS, map_collection, zones


@login_required
def map_page(request):
    params = {k: request.GET.get(k, "").strip() for k in (*FILTERS, "near_km")}
    error = ""
    try:
        near = params["near_km"].replace(",", ".")
        if near:
            float(near)
        with form_errors(request, show=False) as drawn:
            collection = map_collection(request.user, {**params, "near_km": near}, language_of())
    except ValueError:
        collection, error = _empty(), _("Give the distance as a number of kilometres.")
    else:
        if not drawn:
            collection, error = _empty(), " ".join(drawn.error.message_dict["near_km"])
    features = collection["features"]
    query = urlencode({k: v for k, v in params.items() if v})
    materials = sorted(engine.default_knowledge().materials.values(), key=lambda m: m.name_en)
    context = {
        "params": params,
        "materials": materials,
        "near_error": error,
        "points": [f["properties"] for f in features if f["geometry"]["type"] == "Point"],
        "synergies": [f["properties"] for f in features if f["geometry"]["type"] != "Point"],
        "unplaced": collection["unplaced"],
        "zones": zones(),
        "data_url": reverse("api:listings_map") + (f"?{query}" if query else ""),
        "provinces_url": reverse("api:map_layer", args=["provinces"]),
        "zones_url": reverse("api:map_layer", args=["zones"]),
    }
    return render(request, "symbiosis/map.html", context)


def _empty() -> dict:
    return {"type": "FeatureCollection", "features": [], "unplaced": 0}
