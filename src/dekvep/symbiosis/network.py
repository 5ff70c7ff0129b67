"""The programme's synergy network as an SVG: firms at their coordinates, edges by tonnes."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from dekvep.symbiosis.adapters import location
from dekvep.symbiosis.models import Synergy

WIDTH, HEIGHT, PAD = 800, 500, 30


def network_svg(programme) -> str:
    synergies = Synergy.objects.filter(programme=programme).exclude(state="dropped")
    synergies = synergies.select_related(
        "offer__organisation", "offer__site", "want__organisation", "want__site"
    )
    points, edges = {}, []
    for s in synergies:
        a, b = location(s.offer), location(s.want)
        if None in a or None in b:
            continue
        points[s.offer.organisation_id], points[s.want.organisation_id] = a, b
        edges.append((a, b, min(s.offer.tonnes_per_year, s.want.tonnes_per_year), s.state))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">']
    parts.append(f"<title>{escape(_('Synergy network'))}</title>")
    if points:
        lats = [p[0] for p in points.values()]
        lons = [p[1] for p in points.values()]
        box = (min(lats), max(lats), min(lons), max(lons))
        heaviest = max(e[2] for e in edges) or 1
        for a, b, tonnes, state in edges:
            (x1, y1), (x2, y2) = _xy(a, box), _xy(b, box)
            width = 1 + 7 * tonnes / heaviest
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#2e7d32" '
                f'stroke-width="{width:.1f}" stroke-opacity="0.7">'
                f"<title>{tonnes:.0f} t/y · {escape(state)}</title></line>"
            )
        for point in points.values():
            x, y = _xy(point, box)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#1565c0"/>')
    parts.append("</svg>")
    return "".join(parts)


def _xy(point, box):
    lat_min, lat_max, lon_min, lon_max = box
    x = PAD + (point[1] - lon_min) / ((lon_max - lon_min) or 1) * (WIDTH - 2 * PAD)
    y = HEIGHT - PAD - (point[0] - lat_min) / ((lat_max - lat_min) or 1) * (HEIGHT - 2 * PAD)
    return x, y
