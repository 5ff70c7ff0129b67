"""A monthly bar chart drawn on the server as SVG geometry (no script, no inline style)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format, number_format

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
