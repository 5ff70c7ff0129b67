"""Distances to other firms' anonymous listings, without giving away where they are.

Exact distances let a firm move its own site three times, ask again and locate every
anonymous listing to within metres. So a viewer who may not know which firm stands behind a
listing gets the distance to the centre of the listing's 5 km grid cell, rounded up to the
next 5 km; the ``near_km`` filter uses the same figure. Members, programme staff and firms
already introduced see the exact distance. (The data holds no district or OSB centroids; a
5 km cell is at least as coarse as an OSB.)
"""

import math

from dekvep.symbiosis.adapters import location
from dekvep.symbiosis.engine.geo import haversine_km
from dekvep.symbiosis.identity import introduced_organisation_ids

CELL_KM = 5.0
ROUND_KM = 5
_KM_PER_DEGREE = 111.32


def anonymised_point(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the 5 km grid cell that holds (lat, lon)."""
    dlat = CELL_KM / _KM_PER_DEGREE
    row = math.floor(lat / dlat)
    centre_lat = (row + 0.5) * dlat
    dlon = CELL_KM / (_KM_PER_DEGREE * max(math.cos(math.radians(centre_lat)), 0.01))
    col = math.floor(lon / dlon)
    return centre_lat, (col + 0.5) * dlon


def rounded_km(km: float) -> float:
    """Up to the next 5 km (never 0: "within 5 km" is as precise as it gets)."""
    return float(max(1, math.ceil(km / ROUND_KM)) * ROUND_KM)


def sees_exact_location(user, listing, introduced: set[int] | None = None) -> bool:
    if user.has_perm("symbiosis.see_identity", listing.organisation):
        return True
    if introduced is None:
        introduced = introduced_organisation_ids(user)
    return listing.organisation_id in introduced


def distance_km(user, listing, points, introduced: set[int] | None = None) -> float | None:
    """Distance from the nearest of ``points`` (the viewer's own sites) to ``listing``."""
    lat, lon = location(listing)
    if lat is None or lon is None or not points:
        return None
    if sees_exact_location(user, listing, introduced):
        return round(min(haversine_km(lat, lon, a, b) for a, b in points), 1)
    lat, lon = anonymised_point(lat, lon)
    return rounded_km(min(haversine_km(lat, lon, a, b) for a, b in points))


def shown_match_distance(user, own, other, exact: float | None, introduced=None):
    """A match's distance as the viewer may see it (the engine's is exact)."""
    if exact is None or sees_exact_location(user, other, introduced):
        return exact
    lat, lon = location(own)
    if lat is None or lon is None:
        return None
    return distance_km(user, other, [(lat, lon)], introduced)
