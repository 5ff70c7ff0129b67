"""Charts drawn on the server as SVG, so a page and its PDF show the same picture.

Two kinds, both without script or inline style: horizontal bars, ranges and gauges for reports
(functions returning an SVG string, labels escaped here), and the monthly bar chart of the
impact pages (geometry the template draws).
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.utils.formats import date_format, number_format

PALETTE = ("#2f7d4f", "#5b9bd5", "#e0a030", "#c0504d", "#8064a2", "#4bacc6", "#9bbb59")
Formatter = Callable[[float], str]


def _default(value: float) -> str:
    return f"{value:,.1f}"


def _short(label: str, size: int = 36) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def _wrapped(label: str, size: int = 36) -> list[str]:
    """A label in lines of at most ``size`` characters, broken between words: never clipped."""
    return textwrap.wrap(label, size, break_long_words=True) or [""]


def hbar(
    items: list[tuple[str, float]],
    unit: str = "",
    fmt: Formatter = _default,
    width: int = 640,
    title: str = "",
) -> str:
    """Horizontal bars, one per ``(label, value)``; negative values drawn as zero. A long label
    wraps onto further lines and its row grows with it."""
    row, line, label_w, value_w = 24, 14, 250, 120
    labels = [_wrapped(label) for label, _ in items]
    heights = [row + line * (len(lines) - 1) for lines in labels]
    height = sum(heights) + 10
    top = max((v for _, v in items), default=0) or 1
    bar_w = width - label_w - value_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    y = 5
    for i, ((_label, value), lines, h) in enumerate(zip(items, labels, heights, strict=True)):
        length = max(0.0, value) / top * bar_w
        colour = PALETTE[i % len(PALETTE)]
        spans = "".join(
            f'<tspan x="{label_w - 6}" dy="{0 if n == 0 else line}">{escape(text)}</tspan>'
            for n, text in enumerate(lines)
        )
        middle = y + h / 2
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12" '
            f'fill="#333">{spans}</text>'
            f'<rect x="{label_w}" y="{middle - (row - 8) / 2:.1f}" width="{length:.1f}" '
            f'height="{row - 8}" fill="{colour}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{middle + 4:.1f}" font-size="12" '
            f'fill="#333">{escape(fmt(value))} {escape(unit)}</text>'
        )
        y += h
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


# The monthly bar chart ------------------------------------------------------------------

WIDTH = 720
HEIGHT = 260
MARGIN_LEFT = 48
MARGIN_BOTTOM = 40
MARGIN_TOP = 16
MAX_BAR_WIDTH = 48


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    show_label: bool

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    baseline: float
    left: int

    @property
    def label_y(self) -> float:
        return self.baseline + 16

    @property
    def tick_x(self) -> int:
        return self.left - 6

    @property
    def empty(self) -> bool:
        return not self.bars


def _nice_max(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^n that is at least ``value``."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def monthly_chart(series: list[tuple[datetime.date, float]]) -> Chart:
    plot_width = WIDTH - MARGIN_LEFT - 8
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = MARGIN_TOP + plot_height
    if not series:
        return Chart(WIDTH, HEIGHT, [], [], baseline, MARGIN_LEFT)
    top = _nice_max(max(value for _, value in series))
    slot = plot_width / len(series)
    every = max(1, round(len(series) / 12))
    bars = []
    for index, (month, value) in enumerate(series):
        height = plot_height * value / top
        width = min(slot * 0.8, MAX_BAR_WIDTH)
        bars.append(
            Bar(
                x=round(MARGIN_LEFT + index * slot + (slot - width) / 2, 1),
                y=round(baseline - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=date_format(month, "YEAR_MONTH_FORMAT"),
                value=_plain(value),
                show_label=index % every == 0,
            )
        )
    ticks = [
        Tick(round(baseline - plot_height * share, 1), _plain(top * share)) for share in (0, 0.5, 1)
    ]
    return Chart(WIDTH, HEIGHT, bars, ticks, baseline, MARGIN_LEFT)


def _plain(value: float) -> str:
    return number_format(value, decimal_pos=0 if value == int(value) else 1, force_grouping=True)


# The programme timeline ------------------------------------------------------------------

STAGE_COLOURS = {"done": "#2f7d4f", "running": "#5b9bd5", "planned": "#9aa5b1", "late": "#c0504d"}


def gantt(
    stages: list,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    title: str = "",
    width: int = 720,
) -> str:
    """Stages (``label``, ``start``, ``end``, ``state``) as bars over the programme's months.

    The months are ticked along the top and today is a vertical line, so what is late stands
    out in its colour against where the programme is now.
    """
    row, label_w, top_pad = 26, 210, 22
    height = top_pad + row * len(stages) + 8
    span = max((end - start).days, 1)
    plot_w = width - label_w - 10

    def x(day: datetime.date) -> float:
        clamped = min(max(day, start), end)
        return label_w + (clamped - start).days / span * plot_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    every = next(n for n in (1, 2, 3, 6, 12, 24, 60) if months / n <= 8)
    month = start.replace(day=1)
    step = 0
    while month <= end:
        if month >= start and step % every == 0:
            parts.append(
                f'<line x1="{x(month):.1f}" y1="{top_pad - 4}" x2="{x(month):.1f}" '
                f'y2="{height - 4}" stroke="#e3e3e3"/>'
                f'<text x="{x(month):.1f}" y="12" font-size="10" fill="#444" '
                f'text-anchor="middle">{escape(date_format(month, "YEAR_MONTH_FORMAT"))}</text>'
            )
        step += 1
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    for i, stage in enumerate(stages):
        y = top_pad + i * row
        left, right = x(stage.start), x(stage.end)
        colour = STAGE_COLOURS.get(stage.state, "#9aa5b1")
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12" '
            f'fill="#222">{escape(_short(stage.label, 30))}</text>'
            f'<rect x="{left:.1f}" y="{y + 5}" width="{max(right - left, 4):.1f}" '
            f'height="{row - 10}" fill="{colour}"><title>{escape(stage.label)} · '
            f"{escape(stage.state_label)}</title></rect>"
        )
    if start <= today <= end:
        parts.append(
            f'<line x1="{x(today):.1f}" y1="{top_pad - 6}" x2="{x(today):.1f}" y2="{height}" '
            f'stroke="#222" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def funnel(steps: list[tuple[str, int]], title: str = "", width: int = 360) -> str:
    """A funnel's steps as bars under each other, widest first, each with its count."""
    row, label_w, value_w = 26, 110, 56
    height = row * len(steps) + 6
    top = max((value for _, value in steps), default=0) or 1
    bar_w = width - label_w - value_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart funnel" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(steps):
        y = 3 + i * row
        length = max(2.0, value / top * bar_w)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13" '
            f'fill="#222">{escape(_short(label, 16))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 17}" font-size="13" fill="#222">'
            f"{escape(_plain(value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def quartiles(
    p25: float,
    median: float,
    p75: float,
    low: float | None = None,
    high: float | None = None,
    fmt: Formatter = _default,
    width: int = 560,
    title: str = "",
) -> str:
    """A sector's spread: the box from the lower to the upper quartile with the median, and the
    published range (when there is one) as a band beneath. Labels sit outside the box ends, so
    close quartiles never print over each other."""
    height, pad = 58, 70
    span_max = max(p75, high or 0) * 1.15 or 1
    scale = (width - 2 * pad) / span_max

    def x(v: float) -> float:
        return pad + max(0.0, v) * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<rect x="{pad}" y="24" width="{width - 2 * pad}" height="2" fill="#ccc"/>',
        f'<rect x="{x(p25):.1f}" y="16" width="{max(2.0, x(p75) - x(p25)):.1f}" height="18" '
        f'fill="#5b9bd5" fill-opacity="0.6"/>',
        f'<rect x="{x(median) - 1:.1f}" y="13" width="3" height="24" fill="#1f4e79"/>',
        f'<text x="{x(median):.1f}" y="10" font-size="10" text-anchor="middle" fill="#1f4e79">'
        f"{escape(fmt(median))}</text>",
        f'<text x="{x(p25) - 4:.1f}" y="29" font-size="9" text-anchor="end" fill="#333">'
        f"{escape(fmt(p25))}</text>",
        f'<text x="{x(p75) + 4:.1f}" y="29" font-size="9" fill="#333">{escape(fmt(p75))}</text>',
    ]
    if low is not None and high is not None:
        parts.append(
            f'<rect x="{x(low):.1f}" y="42" width="{max(2.0, x(high) - x(low)):.1f}" height="5" '
            f'fill="#9bbb59"/>'
            f'<text x="{x(low) - 4:.1f}" y="50" font-size="9" text-anchor="end" fill="#555">'
            f"{escape(fmt(low))}</text>"
            f'<text x="{x(high) + 4:.1f}" y="50" font-size="9" fill="#555">'
            f"{escape(fmt(high))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
