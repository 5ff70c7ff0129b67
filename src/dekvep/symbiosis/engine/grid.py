"""A uniform latitude/longitude grid over the members of one index bucket.

A query asks for every member that may lie within a distance of a point; the grid answers with
a superset (whole cells touching the point's bounding box, plus members without coordinates),
so the exact filters that follow decide alone and the ranking stays what it was without it.
Members are kept sorted by cell, row-major: the cells of one grid row inside the box are one
contiguous run, found with two binary searches.
"""

from __future__ import annotations

import math

import numpy as np

from dekvep.symbiosis.engine.geo import EARTH_RADIUS_KM

CELL_DEG = 0.5
_ROWS = int(180 / CELL_DEG)
_COLS = int(360 / CELL_DEG)
# a box a little larger than the circle: rounding in the bounds must never drop a member
_MARGIN = 1.001


def _row(lat_deg):
    return np.clip(np.floor((np.asarray(lat_deg) + 90.0) / CELL_DEG), 0, _ROWS - 1).astype(np.int64)


def _col(lon_deg):
    return np.clip(np.floor((np.asarray(lon_deg) + 180.0) / CELL_DEG), 0, _COLS - 1).astype(
        np.int64
    )


class Grid:
    """Members of one bucket (indices into the matcher's arrays), by grid cell."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray, members: np.ndarray):
        located = ~np.isnan(lat[members])
        self.unlocated = members[~located]
        inside = members[located]
        cells = _row(np.degrees(lat[inside])) * _COLS + _col(np.degrees(lon[inside]))
        order = np.argsort(cells, kind="stable")
        self.cells, self.members = cells[order], inside[order]

    def within(self, box: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Members in the cell runs of ``box`` (from :func:`box`), and those with no place."""
        starts, ends = box
        lo = np.searchsorted(self.cells, starts, side="left")
        hi = np.searchsorted(self.cells, ends, side="right")
        counts = hi - lo
        total = int(counts.sum())
        # the runs laid end to end: position k of run r is lo[r] + k
        offsets = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        found = self.members[offsets]
        return np.concatenate((found, self.unlocated)) if self.unlocated.size else found


def box(lat: float, lon: float, km: float) -> tuple[np.ndarray, np.ndarray]:
    """First and last cell id of each run of cells covering the circle of ``km`` around the
    point (radians): one run per grid row, two where the box crosses the antimeridian."""
    angle = (km * _MARGIN + 1.0) / EARTH_RADIUS_KM
    low, high = lat - angle, lat + angle
    first = _cell(math.degrees(max(low, -math.pi / 2)), 90.0, _ROWS)
    rows = np.arange(first, _cell(math.degrees(min(high, math.pi / 2)), 90.0, _ROWS) + 1)
    spread = math.pi
    # the widest longitude span of the circle on a sphere; near a pole or for a circle wider
    # than a quarter of the Earth, every longitude
    if low > -math.pi / 2 and high < math.pi / 2 and angle < math.pi / 2:
        ratio = math.sin(angle) / math.cos(lat)
        if ratio < 1.0:
            spread = math.asin(ratio)
    if spread >= math.pi:
        spans = [(0, _COLS - 1)]
    else:
        west, east = math.degrees(lon - spread), math.degrees(lon + spread)
        if west < -180.0:
            spans = [(_cell(west + 360.0, 180.0, _COLS), _COLS - 1), (0, _cell(east, 180.0, _COLS))]
        elif east > 180.0:
            spans = [(_cell(west, 180.0, _COLS), _COLS - 1), (0, _cell(east - 360.0, 180.0, _COLS))]
        else:
            spans = [(_cell(west, 180.0, _COLS), _cell(east, 180.0, _COLS))]
    starts = np.concatenate([rows * _COLS + a for a, _ in spans])
    ends = np.concatenate([rows * _COLS + b for _, b in spans])
    return starts, ends


def _cell(degrees: float, shift: float, count: int) -> int:
    return min(count - 1, max(0, math.floor((degrees + shift) / CELL_DEG)))
