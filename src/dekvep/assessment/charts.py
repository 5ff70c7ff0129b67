"""Charts drawn on the server as SVG, so the report page and its PDF show the same picture.

Pure Python: every function returns an SVG string; labels are escaped here.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

PALETTE = ("#2f7d4f", "#5b9bd5", "#e0a030", "#c0504d", "#8064a2", "#4bacc6", "#9bbb59")
Formatter = Callable[[float], str]


def _default(value: float) -> str:
    return f"{value:,.1f}"


def _short(label: str, size: int = 36) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def hbar(
    items: list[tuple[str, float]],
    unit: str = "",
    fmt: Formatter = _default,
    width: int = 640,
    title: str = "",
) -> str:
    """Horizontal bars, one per ``(label, value)``; negative values drawn as zero."""
    row, label_w, value_w = 24, 250, 120
    height = row * len(items) + 10
    top = max((v for _, v in items), default=0) or 1
    bar_w = width - label_w - value_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        length = max(0.0, value) / top * bar_w
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12" '
            f'fill="#333">{escape(_short(label))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 16}" font-size="12" fill="#333">'
            f"{escape(fmt(value))} {escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def range_position(
    value: float,
    low: float,
    high: float,
    fmt: Formatter = _default,
    unit: str = "",
    width: int = 560,
    title: str = "",
) -> str:
    """A scale showing the published range ``[low, high]`` as a band and the firm as a marker."""
    height, pad = 46, 20
    span_max = max(value, high) * 1.15 or 1
    scale = (width - 2 * pad) / span_max

    def x(v: float) -> float:
        return pad + max(0.0, v) * scale

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f'<rect x="{pad}" y="18" width="{width - 2 * pad}" height="8" fill="#e6e6e6"/>'
        f'<rect x="{x(low):.1f}" y="18" width="{x(high) - x(low):.1f}" height="8" '
        f'fill="#9bbb59"/>'
        f'<text x="{x(low):.1f}" y="42" font-size="10" fill="#555" text-anchor="middle">'
        f"{escape(fmt(low))}</text>"
        f'<text x="{x(high):.1f}" y="42" font-size="10" fill="#555" text-anchor="middle">'
        f"{escape(fmt(high))}</text>"
        f'<path d="M{x(value):.1f} 14 l-6 -10 h12 z" fill="#c0504d"/>'
        f'<text x="{min(x(value) + 8, width - 60):.1f}" y="12" font-size="11" fill="#c0504d">'
        f"{escape(fmt(value))} {escape(unit)}</text>"
        "</svg>"
    )


def gauge(value: float, label: str, width: int = 160) -> str:
    """A 0-1 value (MCI, shares) as a filled bar with its figure."""
    inner = width - 20
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="40" '
        f'viewBox="0 0 {width} 40" role="img" aria-label="{escape(label)}">'
        f'<rect x="10" y="8" width="{inner}" height="12" fill="#e6e6e6"/>'
        f'<rect x="10" y="8" width="{inner * max(0.0, min(1.0, value)):.1f}" height="12" '
        f'fill="#2f7d4f"/>'
        f'<text x="{width / 2}" y="35" font-size="11" text-anchor="middle" fill="#333">'
        f"{escape(label)}</text></svg>"
    )
