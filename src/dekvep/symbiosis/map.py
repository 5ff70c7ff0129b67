"""The marketplace on a map: listings and synergies as GeoJSON, placed as the viewer may see them.

A listing is drawn at its site only for those who may know where it is: the firm's own people,
the staff of the listing's programme and firms already introduced to it. Everyone else gets the
centre of the listing's 5 km grid cell (``geo_privacy.anonymised_point``) and the firm's
anonymous label, so the map tells no more than the marketplace's distance filter does.
Synergies are drawn as lines between sites, for programme staff only (the network view).
"""

import json
from functools import lru_cache
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext as _

from dekvep.core.i18n import bilingual
from dekvep.core.rules import is_programme_staff, staff_programme_ids
from dekvep.symbiosis import engine
from dekvep.symbiosis.adapters import location
from dekvep.symbiosis.geo_privacy import anonymised_point, sees_exact_location
from dekvep.symbiosis.identity import firm_name, introduced_organisation_ids
from dekvep.symbiosis.models import Listing, Synergy
from dekvep.symbiosis.selectors import search, visible_listings, within_km
from dekvep.text import format_waste_code

GEO_DIR = Path(__file__).resolve().parents[1] / "catalog" / "data" / "geo"
# Reference layers shipped with the platform (public data; sources in catalog/data/SOURCES.md).
LAYERS = {
    "provinces": "turkiye_provinces.geo.json",
    "zones": "organised_industrial_zones.geo.json",
}
FILTERS = ("q", "code", "material", "kind")
SITE, AREA = "site", "area"


@lru_cache(maxsize=len(LAYERS))
def layer_text(name: str) -> str:
    """The file of a reference layer as stored (raises KeyError for an unknown name)."""
    return (GEO_DIR / LAYERS[name]).read_text(encoding="utf-8")


def zones() -> list[dict]:
    """The organised industrial zones the platform knows, as plain rows for the page's list."""
    collection = json.loads(layer_text("zones"))
    return [
        {
            **f["properties"],
            "lon": f["geometry"]["coordinates"][0],
            "lat": f["geometry"]["coordinates"][1],
        }
        for f in collection["features"]
    ]


def sees_site(user, listing: Listing, introduced: set[int]) -> bool:
    """Whether the user may see where the listing really is (else its 5 km cell)."""
    return sees_exact_location(user, listing, introduced) or bool(is_programme_staff(user, listing))


def filtered_listings(user, params: dict) -> list[tuple[Listing, float | None]]:
    """The listings the user may see, filtered like the marketplace, with the distance when the
    ``near_km`` filter is used (raises ValidationError for a bad distance, as the list does)."""
    listings = search(visible_listings(user), **{k: params.get(k, "") for k in FILTERS})
    near_km = params.get("near_km")
    if near_km in (None, ""):
        return [(item, None) for item in listings.order_by("-pk")]
    return within_km(user, listings, float(near_km))


def listing_feature(user, listing: Listing, distance, introduced: set[int], lang: str):
    """One listing as a GeoJSON feature, or None when it has no coordinates."""
    lat, lon = location(listing)
    if lat is None or lon is None:
        return None
    exact = sees_site(user, listing, introduced)
    if not exact:
        lat, lon = anonymised_point(lat, lon)
    material = engine.default_knowledge().materials.get(listing.material)
    properties = {
        "id": listing.pk,
        "kind": listing.kind,
        "kind_label": str(listing.get_kind_display()),
        "title": listing.title,
        "material": listing.material,
        "material_name": bilingual(material, "name", lang) if material else "",
        "waste_code": listing.waste_code,
        "waste_code_label": (
            format_waste_code(listing.waste_code, listing.hazardous) if listing.waste_code else ""
        ),
        "tonnes_per_year": round(listing.tonnes_per_year, 1),
        "hazardous": listing.hazardous,
        "firm": firm_name(user, listing, introduced),
        "precision": SITE if exact else AREA,
        "precision_label": _("site") if exact else _("5 km area"),
        "distance_km": distance,
        "url": reverse("symbiosis:detail", args=[listing.pk]),
    }
    geometry = {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
    return {
        "type": "Feature",
        "id": f"listing-{listing.pk}",
        "geometry": geometry,
        "properties": properties,
    }


def synergy_features(user, listing_ids: set[int]) -> list[dict]:
    """Lines between the two sites of each synergy whose two listings are both shown (so that a
    filter never leaves a line ending nowhere), for the staff of the synergy's programme only:
    a line ends at a site, so it must never reach a firm."""
    programmes = staff_programme_ids(user)
    if not programmes or not listing_ids:
        return []
    found = (
        Synergy.objects.filter(programme_id__in=programmes)
        .exclude(state=Synergy.State.DROPPED)
        .filter(offer_id__in=listing_ids, want_id__in=listing_ids)
        .select_related("offer__organisation", "offer__site", "want__organisation", "want__site")
    )
    features = []
    for synergy in found:
        ends = [location(synergy.offer), location(synergy.want)]
        if any(None in end for end in ends):
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"synergy-{synergy.pk}",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[round(lon, 5), round(lat, 5)] for lat, lon in ends],
                },
                "properties": {
                    "id": synergy.pk,
                    "state": synergy.state,
                    "state_label": str(synergy.get_state_display()),
                    "offer": synergy.offer.title,
                    "want": synergy.want.title,
                    "offer_firm": firm_name(user, synergy.offer),
                    "want_firm": firm_name(user, synergy.want),
                    "tonnes_per_year": round(
                        min(synergy.offer.tonnes_per_year, synergy.want.tonnes_per_year), 1
                    ),
                    "url": reverse("symbiosis:synergy", args=[synergy.pk]),
                },
            }
        )
    return features


def map_collection(user, params: dict, lang: str) -> dict:
    """The listings (and, for staff, synergies) as one GeoJSON FeatureCollection.

    ``unplaced`` counts the visible listings that have no coordinates and so are not drawn.
    """
    introduced = introduced_organisation_ids(user)
    listings, unplaced = [], 0
    for listing, distance in filtered_listings(user, params):
        feature = listing_feature(user, listing, distance, introduced, lang)
        if feature is None:
            unplaced += 1
        else:
            listings.append(feature)
    ids = {feature["properties"]["id"] for feature in listings}
    return {
        "type": "FeatureCollection",
        "features": listings + synergy_features(user, ids),
        "unplaced": unplaced,
    }
