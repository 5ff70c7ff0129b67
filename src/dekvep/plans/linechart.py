"""A line over the years drawn on the server as SVG geometry (no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[Point]
    path: str
    ticks: list[tuple[float, str]]
    target_y: float | None
    target_label: str
    baseline_y: float | None


def line_chart(
    series: list[dict], target: float | None = None, baseline: float | None = None, digits: int = 1
) -> LineChart | None:
    """``series`` is ``[{"year", "value"}]``; the target and baseline become horizontal lines."""
    if not series:
        return None
    values = [row["value"] for row in series] + [v for v in (target, baseline) if v is not None]
    low, high = min(values + [0.0]), max(values)
    high = high if high > low else low + 1
    years = [row["year"] for row in series]
    first, span = min(years), max(max(years) - min(years), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year):
        return (
            round(LEFT + (year - first) / span * plot_w, 1) if len(years) > 1 else LEFT + plot_w / 2
        )

    def y(value):
        return round(TOP + (high - value) / (high - low) * plot_h, 1)

    points = [
        Point(
            x(r["year"]),
            y(r["value"]),
            r["year"],
            number_format(r["value"], digits, force_grouping=True),
        )
        for r in series
    ]
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    ticks = [
        (y(v), number_format(v, digits, force_grouping=True)) for v in (low, (low + high) / 2, high)
    ]
    return LineChart(
        WIDTH,
        HEIGHT,
        points,
        path,
        ticks,
        y(target) if target is not None else None,
        number_format(target, digits, force_grouping=True) if target is not None else "",
        y(baseline) if baseline is not None else None,
    )
