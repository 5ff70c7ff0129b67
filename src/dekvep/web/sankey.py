"""Flow (Sankey) diagrams drawn on the server as SVG, so a page and its PDF show the same picture.

A band shows one quantity in one unit: inputs on the left flow into one node in the middle (the
site) and out to the outputs on the right. Link widths are proportional to the flows; every node
carries its label and value on two lines, so no label is cut by the node beside it. Flows of
different units are never drawn in one band.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

Formatter = Callable[[float], str]
Item = tuple[str, float]

WIDTH = 640
LABEL_W = 170  # room for the labels on either side
NODE_W = 10
SLOT = 26  # the least height of a node's slot: two lines of text
GAP = 6
MAX_H = 150  # the height of the larger side's flows


LINE = 28  # characters per label line at 10 px in LABEL_W


def _short(label: str, size: int = 30) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def _lines(label: str) -> list[str]:
    """The label broken at spaces into lines of at most LINE characters (a longer word is
    shortened, never cut by the next node)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE:
            lines[-1] += " " + word
        else:
            lines.append(_short(word, LINE))
    return lines or [""]


def _layout(items: list[Item], scale: float, top: float) -> list[tuple[float, float, float]]:
    """(slot top, bar top, bar height) of each node stacked from ``top``."""
    placed, y = [], top
    for label, value in items:
        height = max(1.0, value * scale)
        slot = max(height, SLOT + 11 * (len(_lines(label)) - 1))
        placed.append((y, y + (slot - height) / 2, height))
        y += slot + GAP
    return placed


def _link(x0: float, y0: float, x1: float, y1: float, h: float, colour: str) -> str:
    """A band of height ``h`` from (x0, y0) to (x1, y1), edges as cubic curves."""
    mid = (x0 + x1) / 2
    return (
        f'<path d="M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f} '
        f"L{x1:.1f},{y1 + h:.1f} C{mid:.1f},{y1 + h:.1f} {mid:.1f},{y0 + h:.1f} "
        f'{x0:.1f},{y0 + h:.1f} Z" fill="{colour}" fill-opacity="0.35"/>'
    )


def _label(x: float, y: float, anchor: str, label: str, value: str) -> str:
    lines = _lines(label)
    parts = [
        f'<text x="{x:.1f}" y="{y + 10 + 11 * i:.1f}" text-anchor="{anchor}" font-size="10" '
        f'fill="#222">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]
    parts.append(
        f'<text x="{x:.1f}" y="{y + 21 + 11 * (len(lines) - 1):.1f}" text-anchor="{anchor}" '
        f'font-size="9" fill="#555">{escape(value)}</text>'
    )
    return "".join(parts)


def _bottom(centre_bottom: float, slots: list, items: list[Item]) -> float:
    """The lowest point of the band: the centre node or the lowest label (wrapped lines)."""
    return max(
        [centre_bottom]
        + [
            s + max(h, SLOT + 11 * (len(_lines(i[0])) - 1))
            for (s, _, h), i in zip(slots, items, strict=True)
        ],
    )


def band(
    title: str,
    inputs: list[Item],
    centre: str,
    outputs: list[Item],
    unit: str,
    fmt: Formatter,
    colour: str = "#2f7d4f",
) -> str:
    """One band: ``inputs`` → ``centre`` → ``outputs``; zero and negative flows are left out.
    An empty side is allowed (energy leaves the site as heat and product, not as a flow)."""
    inputs = [(label, v) for label, v in inputs if v and v > 0]
    outputs = [(label, v) for label, v in outputs if v and v > 0]
    total = max(sum(v for _, v in inputs), sum(v for _, v in outputs))
    if total <= 0:
        return ""
    scale = MAX_H / total
    top = 34
    left, right = _layout(inputs, scale, top), _layout(outputs, scale, top)
    centre_h = total * scale
    bottom = _bottom(top + centre_h, left + right, inputs + outputs)
    height = int(bottom + 8)
    x_left, x_centre = LABEL_W, WIDTH / 2 - NODE_W / 2
    x_right = WIDTH - LABEL_W - NODE_W
    centre_top = top + max(0.0, (bottom - top - centre_h) / 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart sankey" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<text x="0" y="12" font-size="11" font-weight="bold" fill="#2f7d4f">'
        f"{escape(title)} ({escape(unit)})</text>",
    ]
    y = centre_top
    for (label, value), (slot, bar, h) in zip(inputs, left, strict=True):
        parts.append(_link(x_left + NODE_W, bar, x_centre, y, h, colour))
        parts.append(
            f'<rect x="{x_left}" y="{bar:.1f}" width="{NODE_W}" height="{h:.1f}" fill="{colour}"/>'
        )
        parts.append(_label(x_left - 4, slot, "end", label, f"{fmt(value)} {unit}"))
        y += h
    y = centre_top
    for (label, value), (slot, bar, h) in zip(outputs, right, strict=True):
        parts.append(_link(x_centre + NODE_W, y, x_right, bar, h, colour))
        parts.append(
            f'<rect x="{x_right}" y="{bar:.1f}" width="{NODE_W}" height="{h:.1f}" fill="{colour}"/>'
        )
        parts.append(_label(x_right + NODE_W + 4, slot, "start", label, f"{fmt(value)} {unit}"))
        y += h
    parts.append(
        f'<rect x="{x_centre}" y="{centre_top:.1f}" width="{NODE_W}" height="{centre_h:.1f}" '
        f'fill="#333"/>'
        f'<text x="{x_centre + NODE_W / 2:.1f}" y="{centre_top - 4:.1f}" text-anchor="middle" '
        f'font-size="10" fill="#222">{escape(_short(centre, 24))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
